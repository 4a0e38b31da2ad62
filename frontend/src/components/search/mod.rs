//! The search box in the header, over the whole register (the API's `search`), after the
//! WAI-ARIA combobox pattern: the box is a `combobox` whose list (`listbox`) shows what was
//! found as one types, grouped by kind under headings; the focus stays in the box while
//! Up and Down move through the list (`aria-activedescendant`), Enter opens the record's
//! page (or, with nothing chosen, the results page), Escape closes the list (and empties
//! the box when it is closed). `/` anywhere but in a field moves the focus to the box.
//!
//! Built with [`crate::dom`] rather than a Leptos view: it is in the frame of every page.
//! What a found record shows, and where it opens, is in [`found`], shared with the results
//! page.

mod found;

pub use found::{found_all, results_href, searchable};

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
    sync::atomic::{AtomicBool, Ordering},
    time::Duration,
};

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::Lang;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::{
    api::{Read, ops::SEARCH, read::obj},
    dom::{add, el, focus, invoke, mark_active, next_option, on, prop, send, set, text},
    format,
    i18n::{Texts, fill},
    router::{Location, use_location},
};

/// The id of the box, which `/` focuses.
const INPUT: &str = "site-search";
/// The id of its list.
const LIST: &str = "site-search-list";
/// How long typing pauses before the box asks the server.
const TYPING_PAUSE: Duration = Duration::from_millis(250);
/// How many records the list under the box shows; the results page shows them all.
const SHOWN: i64 = 15;
/// Opens `href`: a page of the app in place, any other address as a new page.
pub fn open(location: Location, href: &str) {
    if href.starts_with('/') {
        location.go(href, false, true);
    } else {
        let _ = window().location().assign(href);
    }
}

/// The box and its list, in `t`'s language.
struct SearchBox {
    t: &'static Texts,
    lang: Lang,
    location: Location,
    root: Element,
    input: Element,
    popup: Element,
    list: Element,
    all: Element,
    status: Element,
    /// Where each option of the list opens.
    hrefs: RefCell<Vec<Option<String>>>,
    /// The option chosen with the arrow keys.
    active: Cell<Option<usize>>,
    /// The latest request: an answer to an earlier one is dropped.
    asked: Cell<u32>,
    typing: RefCell<Option<TimeoutHandle>>,
}

impl SearchBox {
    fn value(&self) -> String {
        prop(&self.input, "value").as_string().unwrap_or_default()
    }

    fn is_open(&self) -> bool {
        !self.popup.has_attribute("hidden")
    }

    fn show(&self, open: bool) {
        let open = open && (!self.hrefs.borrow().is_empty() || searchable(&self.value()));
        if open {
            let _ = self.popup.remove_attribute("hidden");
        } else {
            set(&self.popup, "hidden", "");
            self.choose(None);
        }
        set(
            &self.input,
            "aria-expanded",
            if open { "true" } else { "false" },
        );
    }

    /// Marks option `index` as chosen (none with `None`) and brings it into view.
    fn choose(&self, index: Option<usize>) {
        let previous = self.active.get().and_then(option);
        self.active.set(index);
        mark_active(
            &self.input,
            previous.as_ref(),
            index.and_then(option).as_ref(),
        );
    }

    /// Moves the choice by `step` (1 down, -1 up), round the end of the list.
    fn step(&self, step: isize) {
        let count = self.hrefs.borrow().len();
        if count == 0 {
            return;
        }
        if !self.is_open() {
            self.show(true);
        }
        self.choose(Some(next_option(self.active.get(), step > 0, count)));
    }

    /// Opens what option `index` leads to.
    fn open_option(&self, index: usize) {
        let href = self.hrefs.borrow().get(index).cloned().flatten();
        if let Some(href) = href {
            self.show(false);
            js_sys::Reflect::set(&self.input, &"value".into(), &JsValue::from_str("")).ok();
            self.hrefs.borrow_mut().clear();
            open(self.location, &href);
        }
    }

    /// Fills the list with the records of `data`, under a heading for each kind.
    fn fill(&self, data: &Value) {
        let s = self.t.site_search;
        self.list.set_text_content(None);
        let records = found_all(data, self.lang);
        let total = data
            .obj("search")
            .and_then(|d| d.int("totalCount"))
            .unwrap_or_default();
        let mut group: Option<(usize, Element)> = None;
        for (i, record) in records.iter().enumerate() {
            let inner = match &group {
                Some((kind, inner)) if *kind == record.kind => inner.clone(),
                _ => {
                    let inner = add(&self.list, "div", "search-group");
                    set(&inner, "role", "group");
                    let heading_id = format!("{INPUT}-group-{i}");
                    set(&inner, "aria-labelledby", &heading_id);
                    let heading = text(&inner, "div", s.kinds[record.kind.min(4)]);
                    heading.set_class_name("search-group-title");
                    set(&heading, "id", &heading_id);
                    set(&heading, "role", "presentation");
                    group = Some((record.kind, inner.clone()));
                    inner
                }
            };
            let item = add(&inner, "div", "search-option");
            set(&item, "id", &option_id(i));
            set(&item, "role", "option");
            set(&item, "aria-selected", "false");
            if record.href.is_none() {
                set(&item, "aria-disabled", "true");
            }
            text(&item, "span", &record.label).set_class_name("search-label");
            let detail = if record.href.is_none() {
                [record.detail.as_str(), s.no_page]
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · ")
            } else {
                record.detail.clone()
            };
            if !detail.is_empty() {
                text(&item, "span", &detail).set_class_name("search-detail");
            }
        }
        if records.is_empty() {
            let none = text(&self.list, "div", s.none);
            set(&none, "role", "presentation");
            none.set_class_name("search-none");
        }
        *self.hrefs.borrow_mut() = records.into_iter().map(|r| r.href).collect();
        self.active.set(None);
        let count = format::number(self.lang, total);
        set(&self.all, "href", &results_href(&self.value()));
        self.all
            .set_text_content(Some(&fill(s.show_all, &[("n", &count)])));
        let said = if total == 0 {
            s.none.to_owned()
        } else {
            fill(s.found, &[("n", &count)])
        };
        self.status.set_text_content(Some(&said));
    }

    /// Asks the server for `text`, unless a newer request came meanwhile.
    fn ask(self: &Rc<Self>, wanted: String) {
        let asked = self.asked.get().wrapping_add(1);
        self.asked.set(asked);
        let variables = obj(vec![
            ("query", Value::from(wanted.trim())),
            ("first", Value::from(SHOWN)),
        ]);
        let this = Rc::downgrade(self);
        send(
            SEARCH,
            "Search",
            variables,
            Box::new(move |answer| {
                let Some(this) = this.upgrade() else { return };
                if this.asked.get() != asked || !searchable(&this.value()) {
                    return;
                }
                match answer {
                    Ok(data) => this.fill(&data),
                    Err(error) => {
                        this.list.set_text_content(None);
                        this.hrefs.borrow_mut().clear();
                        let said = this.t.error(&error);
                        let p = text(&this.list, "div", said);
                        set(&p, "role", "presentation");
                        p.set_class_name("search-none");
                        this.status.set_text_content(Some(said));
                    }
                }
                let focused = document().active_element().is_some_and(|e| e == this.input);
                this.show(focused);
            }),
        );
    }

    /// Follows what is typed: after a pause, asks for it; a text too short closes the list.
    fn typed(self: &Rc<Self>) {
        if let Some(handle) = self.typing.borrow_mut().take() {
            handle.clear();
        }
        let text = self.value();
        if !searchable(&text) {
            self.asked.set(self.asked.get().wrapping_add(1));
            self.list.set_text_content(None);
            self.hrefs.borrow_mut().clear();
            self.status.set_text_content(None);
            self.show(false);
            return;
        }
        let this = Rc::downgrade(self);
        // The request belongs to the frame, as if it were sent while typing: leaving the
        // page or changing the language aborts it.
        let owner = Owner::current();
        let handle = set_timeout_with_handle(
            move || {
                if let (Some(this), Some(owner)) = (this.upgrade(), owner) {
                    owner.with(|| this.ask(this.value()));
                }
            },
            TYPING_PAUSE,
        );
        *self.typing.borrow_mut() = handle.ok();
    }

    /// Every event of the box and its list: what is typed, the keys of the combobox
    /// pattern, the pointer on an option, the focus leaving. One handler for all keeps
    /// the app small.
    fn event(self: &Rc<Self>, ev: &web_sys::Event) {
        match ev.type_().as_str() {
            "input" => self.typed(),
            "keydown" => self.key(ev),
            "focusin"
                if ev.target().as_deref() == Some(&**self.input)
                    && !self.hrefs.borrow().is_empty() =>
            {
                self.show(true);
            }
            // Leaving the box and its list (not for the link in it) closes the list.
            "focusout" => {
                let next = js(ev, "relatedTarget");
                if next.is_null() || !invoke(&self.root, "contains", &[next]).is_truthy() {
                    self.show(false);
                }
            }
            // A press on an option keeps the focus in the box; the click opens it.
            "mousedown" if self.option_at(ev).is_some() => ev.prevent_default(),
            "click" => match self.option_at(ev) {
                Some(index) => self.open_option(index),
                // Following the link to the results page closes the list too.
                None => self.show(false),
            },
            _ => {}
        }
    }

    /// The index of the option an event happened on, if any.
    fn option_at(&self, ev: &web_sys::Event) -> Option<usize> {
        let target = ev.target()?;
        let element: &Element = wasm_bindgen::JsCast::dyn_ref(&target)?;
        let option = element.closest("[role=option]").ok()??;
        option.id().strip_prefix(OPTION)?.parse().ok()
    }

    /// The keys of the combobox pattern.
    fn key(self: &Rc<Self>, ev: &web_sys::Event) {
        let key = js(ev, "key").as_string().unwrap_or_default();
        match key.as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                self.step(1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                self.step(-1);
            }
            "Enter" => {
                ev.prevent_default();
                match self.active.get().filter(|_| self.is_open()) {
                    Some(index) => self.open_option(index),
                    None if searchable(&self.value()) => {
                        self.show(false);
                        open(self.location, &results_href(&self.value()));
                    }
                    None => {}
                }
            }
            "Escape" => {
                if self.is_open() {
                    ev.prevent_default();
                    self.show(false);
                } else if !self.value().is_empty() {
                    ev.prevent_default();
                    js_sys::Reflect::set(&self.input, &"value".into(), &JsValue::from_str("")).ok();
                    self.typed();
                }
            }
            _ => {}
        }
    }
}

/// The JavaScript property `name` of `value` (an event's `key`, an element's `tagName`).
fn js(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The ids of the list's options: this and the option's index.
const OPTION: &str = "site-search-option-";

/// The id of option `i` of the list.
fn option_id(i: usize) -> String {
    format!("{OPTION}{i}")
}

/// Option `i` of the list, if there is one.
fn option(i: usize) -> Option<Element> {
    document().get_element_by_id(&option_id(i))
}

/// The search box for the header, in `t`'s language.
pub fn search_box(t: &'static Texts, lang: Lang) -> Element {
    let s = t.site_search;
    // No `search` landmark of its own: the list pages' filters are the page's search.
    let root = el("div", "site-search");
    let label = text(&root, "label", s.label);
    set(&label, "for", INPUT);
    label.set_class_name("visually-hidden");
    let input = add(&root, "input", "");
    for (name, value) in [
        ("id", INPUT),
        ("type", "text"),
        ("role", "combobox"),
        ("aria-autocomplete", "list"),
        ("aria-expanded", "false"),
        ("aria-controls", LIST),
        ("aria-keyshortcuts", "/"),
        ("autocomplete", "off"),
        ("spellcheck", "false"),
        ("placeholder", s.placeholder),
    ] {
        set(&input, name, value);
    }
    let popup = add(&root, "div", "search-popup");
    set(&popup, "hidden", "");
    let list = add(&popup, "div", "search-list");
    set(&list, "id", LIST);
    set(&list, "role", "listbox");
    set(&list, "aria-label", s.results);
    let all = add(&popup, "a", "search-all");
    set(&all, "href", "/search");
    let status = add(&root, "p", "visually-hidden");
    set(&status, "role", "status");

    let this = Rc::new(SearchBox {
        t,
        lang,
        location: use_location(),
        root: root.clone(),
        input,
        popup,
        list,
        all,
        status,
        hrefs: RefCell::new(Vec::new()),
        active: Cell::new(None),
        asked: Cell::new(0),
        typing: RefCell::new(None),
    });
    // The handler holds the box as long as its elements live.
    for name in [
        "input",
        "keydown",
        "focusin",
        "focusout",
        "mousedown",
        "click",
    ] {
        let held = this.clone();
        on(&root, name, Box::new(move |ev| held.event(&ev)));
    }
    slash_focuses_the_box();
    root
}

/// `/` pressed outside any field focuses the search box: once for the app's life.
fn slash_focuses_the_box() {
    static LISTENING: AtomicBool = AtomicBool::new(false);
    if LISTENING.swap(true, Ordering::Relaxed) {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    on(
        &root,
        "keydown",
        Box::new(|ev| {
            let flag = |name: &str| js(&ev, name).is_truthy();
            if js(&ev, "key").as_string().as_deref() != Some("/")
                || flag("ctrlKey")
                || flag("metaKey")
                || flag("altKey")
                || ev.default_prevented()
            {
                return;
            }
            let target = ev.target().map(JsValue::from).unwrap_or(JsValue::NULL);
            let tag = js(&target, "tagName").as_string().unwrap_or_default();
            let typing = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || js(&target, "isContentEditable").is_truthy();
            if typing {
                return;
            }
            if let Some(input) = document().get_element_by_id(INPUT) {
                ev.prevent_default();
                focus(&input);
            }
        }),
    );
}
