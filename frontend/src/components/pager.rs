//! The pager under a list: which rows of how many are shown, links to the first, the
//! previous, the next and the last page, a field that goes to a page by its number, and the
//! page size. Number and size live in the URL (`page`, `size`), so that a reload or a link
//! sent to a colleague shows the same page; the links are plain links, reached and followed
//! by keyboard like any other, and the Back button steps back through the pages.

use leptos::prelude::*;

use crate::{
    components::url_query::{PAGE, UrlQuery, changed},
    dom::{add, el, mount, on, prop, set, text},
    format,
    i18n::{fill, use_i18n},
    router::use_location,
};

/// The page sizes to choose from.
const SIZES: [usize; 3] = [25, 50, 100];
/// The page size when the URL names none (or one not offered).
const DEFAULT_SIZE: usize = 50;
/// The URL parameter of the page size.
const SIZE: &str = "size";

/// The page of a list the URL asks for: its number (from 1) and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageAt {
    pub number: usize,
    pub size: usize,
}

impl PageAt {
    /// The page `query` names; the first of the default size where it names none or
    /// something else than a page.
    pub fn of(query: UrlQuery) -> Self {
        let size = query
            .get(SIZE)
            .and_then(|s| s.parse().ok())
            .filter(|s| SIZES.contains(s))
            .unwrap_or(DEFAULT_SIZE);
        // Pages beyond any list the API can count are the last the field could name.
        let number = query
            .get(PAGE)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(1)
            .min(i32::MAX as usize / size);
        Self { number, size }
    }

    /// How many records come before the page (the API's `offset`).
    pub fn offset(self) -> usize {
        (self.number - 1) * self.size
    }
}

/// The pager for page `at` of a list of `total` records that shows `shown` of them; nothing
/// when the whole list fits on the first page.
pub fn pager(at: PageAt, shown: usize, total: i64) -> Option<AnyView> {
    pager_element(at, shown, total).map(mount)
}

/// [`pager`] as an element, for pages built with [`crate::dom`].
pub fn pager_element(at: PageAt, shown: usize, total: i64) -> Option<web_sys::Element> {
    let total = usize::try_from(total).unwrap_or_default();
    if at.number == 1 && total <= at.size {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t().pager, i18n.lang());
    let location = use_location();
    let pages = total.div_ceil(at.size).max(1);
    let count = |n: usize| format::number(lang, i64::try_from(n).unwrap_or(i64::MAX));

    let nav = el("nav", "pager");
    set(&nav, "aria-label", t.label);
    let rows = if shown == 0 {
        t.beyond.to_owned()
    } else {
        let from = at.offset() + 1;
        fill(
            t.rows,
            &[
                ("from", &count(from)),
                ("to", &count(at.offset() + shown)),
                ("total", &count(total)),
            ],
        )
    };
    let status = text(&nav, "p", &rows);
    set(&status, "role", "status");
    let list = add(&nav, "ul", "pager-links");
    let page_link = |label: &str, symbol: &str, to: usize, rel: &str| {
        let item = add(&list, "li", "");
        let shown_here = to == at.number || to == 0 || to > pages;
        let link = if shown_here {
            let span = add(&item, "span", "pager-off");
            set(&span, "aria-disabled", "true");
            span
        } else {
            let a = add(&item, "a", "");
            let value = (to > 1).then(|| to.to_string());
            set(&a, "href", &changed(location, PAGE, value));
            if !rel.is_empty() {
                set(&a, "rel", rel);
            }
            a
        };
        set(&link, "aria-label", label);
        link.set_text_content(Some(symbol));
    };
    page_link(t.first, "«", 1, "");
    page_link(t.previous, "‹", at.number.saturating_sub(1), "prev");
    let here = text(
        &list,
        "li",
        &fill(
            t.page_of,
            &[("n", &count(at.number)), ("pages", &count(pages))],
        ),
    );
    here.set_class_name("pager-here");
    page_link(t.next, "›", at.number + 1, "next");
    page_link(t.last, "»", pages, "");

    let go = add(&nav, "form", "pager-go");
    // A number beyond the last page goes to the last, rather than being refused.
    set(&go, "novalidate", "");
    let label = text(&go, "label", t.go_to);
    set(&label, "for", "pager-number");
    let input = add(&go, "input", "");
    for (name, value) in [
        ("id", "pager-number"),
        ("type", "number"),
        ("inputmode", "numeric"),
        ("min", "1"),
        ("max", &pages.to_string()),
        ("value", &at.number.to_string()),
    ] {
        set(&input, name, value);
    }
    text(&go, "button", t.go)
        .set_attribute("type", "submit")
        .ok();
    on(
        &go,
        "submit",
        Box::new(move |ev| {
            ev.prevent_default();
            let wanted = prop(&input, "value")
                .as_string()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .map(|n| n.clamp(1, pages));
            if let Some(n) = wanted {
                location.go(&changed(location, PAGE, Some(n.to_string())), false, true);
            }
        }),
    );

    let sizes = add(&nav, "div", "pager-size");
    let label = text(&sizes, "label", t.size);
    set(&label, "for", "pager-size");
    let select = add(&sizes, "select", "");
    set(&select, "id", "pager-size");
    for size in SIZES {
        let option = text(&select, "option", &size.to_string());
        set(&option, "value", &size.to_string());
        if size == at.size {
            set(&option, "selected", "");
        }
    }
    let chosen = select.clone();
    on(
        &select,
        "change",
        Box::new(move |_| {
            let value = prop(&chosen, "value").as_string();
            location.go(&changed(location, SIZE, value), true, false);
        }),
    );
    Some(nav)
}
