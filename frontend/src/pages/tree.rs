//! `/organisations/tree`: the organisations as a tree on a date (`asOf` in the URL). The
//! territory runs from the top-level organisations (districts, kreisfreie Städte, the provider)
//! through Ämter and towns to municipalities; under each organisation are its units
//! (Eigenbetriebe, companies, schools), marked as such. Each item says its kind, whether it is
//! a member on the day and, for members, its workstations without and with its units (as the
//! register counts them, nothing twice).
//!
//! The tree loads lazily: one request for the top level (50 at a time, more on request), one
//! per expansion for what lies below an organisation; each item knows from its answer whether
//! anything lies below it. Another date loads the tree anew and opens again what was open.
//!
//! It follows the WAI-ARIA tree view pattern: `role="tree"`, `treeitem` and `group`,
//! `aria-expanded` on items with children, one tab stop (the current item has `tabindex="0"`,
//! all others `-1`), and the keys Up, Down, Right, Left, Home, End and Enter. It is built
//! with [`crate::dom`] rather than Leptos views, as the forms are: one copy of a few
//! functions in the wasm.

use std::{cell::RefCell, rc::Rc};

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{Lang, org::OrganisationKind};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use crate::{
    api::{Read, ops::TREE, read::obj},
    components::{filters::as_of_field, parts::href, title::set_title, url_query::use_url_query},
    dom::{add, button, el, focus, invoke, mount, on, send, set, text},
    format,
    i18n::{Texts, fill, use_i18n},
};

/// The selector of the tree's items.
const ITEM: &str = "[role=\"treeitem\"]";

/// The ids of the organisations open in the tree; they stay open on another date. A list,
/// not a set: few are open at once, and a hash set would bring much code into the wasm.
type Open = Rc<RefCell<Vec<String>>>;

/// The organisation tree page.
#[component]
pub fn TreePage() -> impl IntoView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    set_title(t.tree.title);
    let query = use_url_query();
    let open: Open = Rc::default();
    let holder = el("div", "tree");
    {
        let holder = holder.clone();
        // Requests sent while the tree of one date is built belong to this effect, so they
        // are aborted when another date is chosen or the page is left.
        Effect::new(move || {
            let as_of = query.as_of();
            holder.set_text_content(None);
            let tree = Tree::new(t, lang, as_of, open.clone());
            let _ = holder.append_child(&tree.frame);
            load(&tree, top_level(), None, tree.root.clone(), false);
        });
    }
    view! {
        <h1>{t.tree.title}</h1>
        <p class="lead">{t.tree.intro}</p>
        <form class="filters filters-compact" on:submit=|ev| ev.prevent_default()>
            {as_of_field("tree-as-of")}
        </form>
        {mount(holder)}
    }
}

/// The tree of one date and its parts.
struct Tree {
    t: &'static Texts,
    lang: Lang,
    as_of: NaiveDate,
    open: Open,
    /// What the page shows below the date field.
    frame: Element,
    /// The list of the top level (`role="tree"`).
    root: Element,
    /// Where the top level's loading, errors and emptiness are said.
    status: Element,
    /// How many of the top level are shown, and the button for more.
    more: Element,
}

/// The filter of the top level.
fn top_level() -> Value {
    obj(vec![("topLevel", Value::from(true))])
}

impl Tree {
    fn new(t: &'static Texts, lang: Lang, as_of: NaiveDate, open: Open) -> Rc<Self> {
        let frame = el("div", "");
        let hint = text(&frame, "p", t.tree.keys);
        hint.set_class_name("note");
        set(&hint, "id", "tree-keys");
        let status = add(&frame, "div", "");
        let root = add(&frame, "ul", "tree-list");
        set(&root, "role", "tree");
        let date = format::date(lang, as_of);
        set(&root, "aria-label", &fill(t.tree.label, &[("date", &date)]));
        set(&root, "aria-describedby", "tree-keys");
        let more = add(&frame, "p", "tree-more");
        let tree = Rc::new(Self {
            t,
            lang,
            as_of,
            open,
            frame,
            root,
            status,
            more,
        });
        keys(&tree);
        clicks(&tree);
        tree
    }
}

/// Loads a page of the organisations `filter` selects (after `after`) into `list`: the tree
/// (the top level, a page at a time) or an item's group (everything below it, page after
/// page). With `to_first`, the first item loaded becomes the current one.
fn load(tree: &Rc<Tree>, filter: Value, after: Option<String>, list: Element, to_first: bool) {
    let t = tree.t;
    let top = list == tree.root;
    // What an earlier request said went wrong is past.
    tree.status.set_text_content(None);
    let waiting = if top {
        text(&tree.status, "p", t.loading)
    } else {
        let li = text(&list, "li", t.loading);
        li.set_class_name("muted");
        li
    };
    set(&waiting, "role", "status");
    let tree = tree.clone();
    let variables = obj(vec![
        ("filter", filter.clone()),
        ("asOf", Value::from(format::iso(tree.as_of))),
        ("after", Value::from(after.clone())),
    ]);
    send(
        TREE,
        "TreeLevel",
        variables,
        Box::new(move |answer| {
            waiting.remove();
            let data = match answer {
                Ok(data) => data,
                Err(error) => {
                    let said = text(&tree.status, "p", t.error(&error));
                    said.set_class_name("state state-error");
                    set(&said, "role", "alert");
                    if top {
                        let again = tree.clone();
                        button(
                            &said,
                            t.retry,
                            Box::new(move || {
                                let list = again.root.clone();
                                load(&again, filter.clone(), after.clone(), list, false);
                            }),
                        );
                    } else if let Some(item) = list.parent_element() {
                        // Collapsed, the item asks anew when it is expanded again.
                        set(&item, "aria-expanded", "false");
                        list.remove();
                    }
                    return;
                }
            };
            let page = &data["organisations"];
            let total = page.int("totalCount").unwrap_or_default();
            let level = list
                .parent_element()
                .and_then(|item| item.get_attribute("aria-level"))
                .and_then(|level| level.parse::<u32>().ok())
                .map_or(1, |level| level + 1);
            let before = list.child_element_count();
            let mut first = None;
            for (i, node) in page.list("nodes").iter().enumerate() {
                let position = u32::try_from(i)
                    .unwrap_or(u32::MAX)
                    .saturating_add(before + 1);
                let li = item(&tree, node, level, position, total);
                let _ = list.append_child(&li);
                let reopen = tree.open.borrow().iter().any(|open| open == node.str("id"));
                if reopen && li.has_attribute("aria-expanded") {
                    expand(&tree, &li);
                }
                first.get_or_insert(li);
            }
            let next = page["pageInfo"]
                .flag("hasNextPage")
                .then(|| page["pageInfo"].text("endCursor"));
            if !top {
                if let Some(after) = next {
                    load(&tree, filter, Some(after), list, false);
                }
                return;
            }
            // One tab stop: the first item until another becomes the current one.
            if current(&tree).is_none()
                && let Some(first) = tree.root.first_element_child()
            {
                set(&first, "tabindex", "0");
            }
            if to_first && let Some(first) = &first {
                make_current(&tree, first);
            }
            if total == 0 {
                let p = text(&tree.status, "p", t.tree.empty);
                p.set_class_name("state state-empty");
            }
            more_line(&tree, total, next);
        }),
    );
}

/// Under the tree: how many of the top level are shown, and a button that loads more.
fn more_line(tree: &Rc<Tree>, total: i64, next: Option<String>) {
    let (t, lang) = (tree.t, tree.lang);
    tree.more.set_text_content(None);
    let shown = i64::from(tree.root.child_element_count());
    if shown >= total && next.is_none() {
        return;
    }
    let counts = fill(
        t.tree.shown,
        &[
            ("shown", &format::number(lang, shown)),
            ("total", &format::number(lang, total)),
        ],
    );
    text(&tree.more, "span", &counts);
    if let Some(after) = next {
        let tree_for_more = tree.clone();
        button(
            &tree.more,
            t.tree.more,
            Box::new(move || {
                let tree = &tree_for_more;
                load(
                    tree,
                    top_level(),
                    Some(after.clone()),
                    tree.root.clone(),
                    true,
                );
            }),
        );
    }
}

/// The item of the organisation `node` at `level`, `position` of `size` in its list.
fn item(tree: &Tree, node: &Value, level: u32, position: u32, size: i64) -> Element {
    let (t, lang) = (tree.t, tree.lang);
    let id = node.str("id");
    let unit = node.str("parentLink") == "UNIT";
    let li = el(
        "li",
        if unit {
            "tree-item tree-unit"
        } else {
            "tree-item"
        },
    );
    set(&li, "role", "treeitem");
    set(&li, "tabindex", "-1");
    set(&li, "data-id", id);
    set(&li, "aria-level", &level.to_string());
    set(&li, "aria-posinset", &position.to_string());
    set(&li, "aria-setsize", &size.to_string());
    // Named by its row (name, kind, membership, figures), as browsers name a tree item
    // from its content without the group below it.
    let row = add(&li, "div", "tree-row");
    set(&add(&row, "span", "tree-toggle"), "aria-hidden", "true");
    let link = text(&row, "a", node.str("name"));
    let page = format!("{}?asOf={}", href("/members", id), format::iso(tree.as_of));
    set(&link, "href", &page);
    set(&link, "tabindex", "-1");
    let facts = add(&row, "span", "tree-facts");
    text(&facts, "span", node.label::<OrganisationKind>("kind", lang)).set_class_name("tag");
    if unit {
        text(&facts, "span", t.tree.unit).set_class_name("tag tag-unit");
    }
    let number = |key: &str| format::opt_number(lang, node.int(key));
    if node.flag("isMember") {
        text(&facts, "span", t.tree.member).set_class_name("badge badge-in-force");
        // A member whose coverages record no workstations says so, not "– without, – with".
        let figures = if node.int("workstations").is_none() && node.int("withUnits").is_none() {
            t.tree.no_figures.to_owned()
        } else {
            fill(
                t.tree.figures,
                &[
                    ("own", &number("workstations")),
                    ("all", &number("withUnits")),
                ],
            )
        };
        text(&facts, "span", &figures).set_class_name("tree-figures");
    } else {
        text(&facts, "span", t.tree.no_member).set_class_name("muted");
        if node.int("workstations").is_some() {
            let figures = fill(t.tree.own_figures, &[("own", &number("workstations"))]);
            text(&facts, "span", &figures).set_class_name("tree-figures");
        }
    }
    if !node.list("units").is_empty() || !node.list("territory").is_empty() {
        set(&li, "aria-expanded", "false");
    }
    li
}

/// The group of what lies below `item`, once it was loaded.
fn group(item: &Element) -> Option<Element> {
    item.query_selector(":scope > [role=\"group\"]")
        .ok()
        .flatten()
}

/// Opens `item`: shows what lies below it, loading it the first time.
fn expand(tree: &Rc<Tree>, item: &Element) {
    set(item, "aria-expanded", "true");
    let id = item.get_attribute("data-id").unwrap_or_default();
    {
        let mut open = tree.open.borrow_mut();
        if !open.contains(&id) {
            open.push(id.clone());
        }
    }
    if let Some(group) = group(item) {
        let _ = group.remove_attribute("hidden");
        return;
    }
    let group = add(item, "ul", "tree-group");
    set(&group, "role", "group");
    load(
        tree,
        obj(vec![("parentId", Value::from(id))]),
        None,
        group,
        false,
    );
}

/// Closes `item`; when the current item lay below it, `item` becomes the current one.
fn collapse(tree: &Tree, item: &Element) {
    set(item, "aria-expanded", "false");
    if let Some(id) = item.get_attribute("data-id") {
        tree.open.borrow_mut().retain(|open| *open != id);
    }
    if let Some(group) = group(item) {
        set(&group, "hidden", "");
        if current(tree).is_some_and(|c| group.contains(Some(c.as_ref()))) {
            make_current(tree, item);
        }
    }
}

/// The item that holds the tab stop.
fn current(tree: &Tree) -> Option<Element> {
    let selector = format!("{ITEM}[tabindex=\"0\"]");
    tree.root.query_selector(&selector).ok().flatten()
}

/// Makes `item` the current item (the tab stop) and focuses it.
fn make_current(tree: &Tree, item: &Element) {
    if let Some(old) = current(tree) {
        set(&old, "tabindex", "-1");
    }
    set(item, "tabindex", "0");
    focus(item);
}

/// The items shown, top to bottom: those in no closed (hidden) group.
fn shown(tree: &Tree) -> js_sys::Array {
    let selector = format!("{ITEM}:not([hidden] *)");
    js_sys::Array::from(&invoke(&tree.root, "querySelectorAll", &[selector.into()]))
}

/// The item an event happened in.
fn item_of(event: &Event) -> Option<Element> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target.closest(ITEM).ok().flatten()
}

/// The keys of the tree view pattern.
fn keys(tree: &Rc<Tree>) {
    let tree_for_keys = tree.clone();
    on(
        &tree.root,
        "keydown",
        Box::new(move |event| {
            let tree = &tree_for_keys;
            let key = js_sys::Reflect::get(&event, &"key".into())
                .ok()
                .and_then(|key| key.as_string())
                .unwrap_or_default();
            let Some(item) = item_of(&event) else {
                return;
            };
            let expanded = item.get_attribute("aria-expanded");
            let to = match key.as_str() {
                "ArrowDown" | "ArrowUp" | "Home" | "End" => {
                    let items = shown(tree);
                    let at = items.index_of(&item, 0);
                    let to = match key.as_str() {
                        "ArrowDown" => at + 1,
                        // Up from the first item (0) stays; -1 finds nothing.
                        "ArrowUp" => at.max(1) - 1,
                        "Home" => 0,
                        _ => i32::try_from(items.length()).unwrap_or(i32::MAX) - 1,
                    };
                    // Past either end there is no item.
                    u32::try_from(to)
                        .ok()
                        .and_then(|to| items.get(to).dyn_into::<Element>().ok())
                }
                "ArrowRight" => match expanded.as_deref() {
                    Some("false") => {
                        expand(tree, &item);
                        None
                    }
                    Some(_) => group(&item).and_then(|g| g.query_selector(ITEM).ok().flatten()),
                    None => None,
                },
                "ArrowLeft" => match expanded.as_deref() {
                    Some("true") => {
                        collapse(tree, &item);
                        None
                    }
                    _ => item
                        .parent_element()
                        .and_then(|list| list.closest(ITEM).ok().flatten()),
                },
                "Enter" => {
                    // The item's own link (its row comes before the group below it).
                    if let Ok(Some(link)) = item.query_selector("a") {
                        invoke(&link, "click", &[]);
                    }
                    None
                }
                _ => return,
            };
            event.prevent_default();
            if let Some(to) = to {
                make_current(tree, &to);
            }
        }),
    );
}

/// A click on an item's row (not on its link) makes it the current item and opens or
/// closes it.
fn clicks(tree: &Rc<Tree>) {
    let tree_for_clicks = tree.clone();
    on(
        &tree.root,
        "click",
        Box::new(move |event| {
            let tree = &tree_for_clicks;
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if target.closest("a").ok().flatten().is_some()
                || target.closest(".tree-row").ok().flatten().is_none()
            {
                return;
            }
            let Some(item) = item_of(&event) else {
                return;
            };
            make_current(tree, &item);
            match item.get_attribute("aria-expanded").as_deref() {
                Some("true") => collapse(tree, &item),
                Some(_) => expand(tree, &item),
                None => {}
            }
        }),
    );
}
