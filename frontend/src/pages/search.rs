//! `/search?q=…`: everything the search over the register finds, grouped by kind under
//! headings, a page at a time (page and size in the URL, as on the list pages). Built with
//! [`crate::dom`], which keeps the app within its size budget.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use crate::{
    api::{Read, ops::SEARCH, read::obj},
    components::{
        pager::{PageAt, pager_element},
        search::{found_all, results_href, searchable},
        title::set_title,
        url_query::use_url_query,
    },
    dom::{add, el, fill_with, mount, on, prop, set, text},
    i18n::{SiteSearchTexts, use_i18n},
    router::use_location,
};

/// The results page.
pub fn search_page() -> AnyView {
    let i18n = use_i18n();
    let t = i18n.t().site_search;
    set_title(t.title);
    let query = use_url_query();
    let location = use_location();
    let page = el("div", "");
    text(&page, "h1", t.title);
    text(&page, "p", t.lead).set_class_name("lead");
    // The text to look for: sent, it becomes the page's address.
    let form = add(&page, "form", "filters");
    set(&form, "role", "search");
    set(&form, "aria-label", t.title);
    let field = add(&form, "div", "field field-search");
    set(
        &text(&field, "label", i18n.t().search),
        "for",
        "search-page-text",
    );
    let input = add(&field, "input", "");
    for (name, value) in [
        ("id", "search-page-text"),
        ("type", "search"),
        ("name", "q"),
    ] {
        set(&input, name, value);
    }
    set(&text(&form, "button", t.title), "class", "button");
    let typed = input.clone();
    on(
        &form,
        "submit",
        Box::new(move |ev| {
            ev.prevent_default();
            let wanted = prop(&typed, "value").as_string().unwrap_or_default();
            location.go(&results_href(&wanted), false, false);
        }),
    );
    let results = add(&page, "div", "search-results");
    // Asks again whenever the text, the page or its size in the URL change.
    Effect::new(move || {
        let wanted = query.get("q").unwrap_or_default();
        let at = PageAt::of(query);
        // The field shows the text the page is for (also after Back or a link).
        let _ = js_sys::Reflect::set(&input, &"value".into(), &wanted.as_str().into());
        results.set_text_content(None);
        if !searchable(&wanted) {
            text(&results, "p", t.too_short).set_class_name("state state-empty");
            return;
        }
        let variables = obj(vec![
            ("query", Value::from(wanted.trim())),
            ("first", Value::from(at.size)),
            ("offset", Value::from(at.offset())),
        ]);
        let lang = i18n.lang();
        fill_with(
            results.clone(),
            SEARCH,
            "Search",
            variables,
            Rc::new(move |d| results_of(t, d, lang, at)),
        );
    });
    mount(page)
}

/// The records of answer `d` (page `at`), under a heading for each kind, and the pager.
fn results_of(
    t: &'static SiteSearchTexts,
    d: &Value,
    lang: verbund_shared::Lang,
    at: PageAt,
) -> Element {
    let body = el("div", "");
    let total = d
        .obj("search")
        .and_then(|s| s.int("totalCount"))
        .unwrap_or_default();
    let records = found_all(d, lang);
    if records.is_empty() && total == 0 {
        text(&body, "p", t.none).set_class_name("state state-empty");
    }
    let mut group: Option<(usize, Element)> = None;
    for record in &records {
        let list = match &group {
            Some((kind, list)) if *kind == record.kind => list.clone(),
            _ => {
                text(&body, "h2", t.kinds[record.kind.min(4)]);
                let list = add(&body, "ul", "search-results-list");
                group = Some((record.kind, list.clone()));
                list
            }
        };
        let item = add(&list, "li", "");
        match &record.href {
            Some(href) => {
                let a = text(&item, "a", &record.label);
                set(&a, "href", href);
                if !href.starts_with('/') {
                    set(&a, "rel", "external");
                }
            }
            None => {
                text(&item, "span", &record.label);
            }
        }
        let detail = match (&record.href, record.detail.is_empty()) {
            (None, true) => t.no_page.to_owned(),
            (None, false) => format!("{} · {}", record.detail, t.no_page),
            (Some(_), _) => record.detail.clone(),
        };
        if !detail.is_empty() {
            text(&item, "span", &detail).set_class_name("search-detail");
        }
    }
    // A page beyond the end of a list that has records: the pager leads back.
    if let Some(pager) = pager_element(at, records.len(), total) {
        let _ = body.append_child(&pager);
    }
    body
}
