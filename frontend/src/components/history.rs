//! A record's changes, newest first: when, who, which operation and what changed (each
//! changed key with its value before and after). Detail pages and the audit log show them.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use crate::{
    api::{ops::EDIT, read::obj},
    dom::{add, cell, disclosure, el, fill_with, mount, on, set, table, text},
    format,
    i18n::{Texts, use_i18n},
};

/// The section "Changes" of the record `id`.
pub fn history_section(id: String) -> AnyView {
    let t = use_i18n().t();
    let section = el("section", "");
    crate::dom::set(&section, "aria-labelledby", "changes-heading");
    crate::dom::set(
        &text(&section, "h2", t.changes_title),
        "id",
        "changes-heading",
    );
    changes_into(add(&section, "div", ""), id);
    mount(section)
}

/// Fills `target` with the changes of the record `id`, loaded now.
pub fn changes_into(target: Element, id: String) {
    let t = use_i18n().t();
    fill_with(
        target,
        EDIT,
        "History",
        obj(vec![("id", Value::from(id))]),
        Rc::new(move |d| {
            let entries = d["node"]["history"]["nodes"].as_array();
            changes_table(t, entries.map_or(&[], Vec::as_slice), false)
        }),
    );
}

thread_local! {
    /// The record a form of the page changed last: once the page has reloaded, its forms
    /// and changes show open.
    static CHANGED: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `reload`, the forms of the record `id` kept open.
pub fn keeping_open(id: &str, reload: &Rc<dyn Fn()>) -> Rc<dyn Fn()> {
    let (id, reload) = (id.to_owned(), reload.clone());
    Rc::new(move || {
        CHANGED.set(id.clone());
        reload();
    })
}

/// A `<details>` under `summary` around the forms `all` of the record `id`, followed by its
/// changes, loaded when first opened (open at once when a form of it was sent before the
/// page reloaded, see [`keeping_open`]).
pub fn with_changes(summary: &str, all: &Element, id: String) -> Element {
    let t = use_i18n().t();
    text(all, "h3", t.changes_title);
    let changes = add(all, "div", "");
    let details = disclosure(summary, all);
    let changed = CHANGED.with_borrow(|changed| *changed == id);
    if changed {
        CHANGED.take();
        set(&details, "open", "");
        changes_into(changes.clone(), id.clone());
    }
    let loaded = Cell::new(changed);
    on(
        &details,
        "toggle",
        Box::new(move |_| {
            if !loaded.replace(true) {
                changes_into(changes.clone(), id.clone());
            }
        }),
    );
    details
}

/// `entries` (`HistoryEntry` objects) as a table; `with_record` adds the record's type.
pub fn changes_table(t: &'static Texts, entries: &[Value], with_record: bool) -> Element {
    if entries.is_empty() {
        let p = el("p", "state state-empty");
        p.set_text_content(Some(if with_record {
            t.audit_empty
        } else {
            t.changes_empty
        }));
        return p;
    }
    let value = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let rows = entries
        .iter()
        .map(|e| {
            let mut cells = vec![
                cell(&format::date_time(&value(&e["at"]))),
                cell(&value(&e["actor"])),
                cell(&value(&e["operation"])),
            ];
            if with_record {
                cells.push(cell(&value(&e["recordType"])));
            }
            let list = el("td", "");
            let ul = add(&list, "ul", "changes");
            for line in changed(e["before"].as_str(), e["after"].as_str(), t) {
                text(&ul, "li", &line);
            }
            cells.push(list);
            cells
        })
        .collect();
    let mut headers = vec![t.at, t.actor, t.operation];
    if with_record {
        headers.push(t.record_type);
    }
    headers.push(t.changed);
    table(t.changes_title, &headers, rows)
}

/// The keys whose values differ between the JSON texts `before` and `after`, each as
/// `key: old → new`; a creation lists nothing but says so.
fn changed(before: Option<&str>, after: Option<&str>, t: &Texts) -> Vec<String> {
    let object = |text: Option<&str>| {
        text.and_then(crate::api::read::parse)
            .and_then(|v| match v {
                Value::Object(map) => Some(map),
                _ => None,
            })
            .unwrap_or_default()
    };
    if before.is_none() {
        return vec![t.changes_created.to_owned()];
    }
    let (old, new) = (object(before), object(after));
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "–".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            let mut text = String::new();
            crate::api::write_json(other, &mut text);
            text
        }
    };
    // Both objects list their keys in order; keys only `new` has come last.
    old.keys()
        .chain(new.keys().filter(|k| !old.contains_key(*k)))
        // The version grows with every change; it says nothing a person needs.
        .filter(|k| {
            k.as_str() != "version" && k.as_str() != "updatedAt" && old.get(*k) != new.get(*k)
        })
        .map(|k| format!("{k}: {} → {}", show(old.get(k)), show(new.get(k))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_keys_are_listed() {
        let lines = changed(
            Some(r#"{"title":"Alt","version":1,"kind":"OTHER","noticeMonths":null}"#),
            Some(r#"{"title":"Neu","version":2,"kind":"OTHER","noticeMonths":6}"#),
            &crate::i18n::DE,
        );
        assert_eq!(lines, ["noticeMonths: – → 6", "title: Alt → Neu"]);
        let added = changed(
            Some(r#"{"a":1}"#),
            Some(r#"{"a":1,"b":"x"}"#),
            &crate::i18n::DE,
        );
        assert_eq!(added, ["b: – → x"]);
        assert_eq!(changed(None, Some("{}"), &crate::i18n::DE), ["angelegt"]);
    }
}
