//! `/admin/audit`: every change to the register, newest first, with filters and paging by
//! cursor.

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;
use serde_json::Value;

use super::Later;
use crate::{
    api::{ops::ADMIN, read::obj},
    components::{history::changes_table, title::set_title},
    dom::{Send, add, button, el, field, fill_with, form, mount, status_region},
    i18n::use_i18n,
};

/// Every change, newest first, with filters and paging by cursor.
pub(super) fn page() -> AnyView {
    const PAGE: i64 = 25;
    let t = use_i18n().t();
    set_title(t.nav_audit);
    let list = el("div", "");
    // What the list shows: the filter, and the cursor paging starts from.
    let ask: Later<dyn Fn(Value)> = Rc::new(RefCell::new(None));
    let show_list = list.clone();
    let asker = ask.clone();
    let load: Rc<dyn Fn(Value)> = Rc::new(move |vars: Value| {
        let asker = asker.clone();
        let filter = vars["filter"].clone();
        fill_with(
            show_list.clone(),
            ADMIN,
            "AuditLog",
            vars,
            Rc::new(move |d| {
                let log = &d["auditLog"];
                let entries = log["nodes"].as_array().map_or(&[][..], Vec::as_slice);
                let out = el("div", "");
                let _ = out.append_child(&changes_table(t, entries, true));
                let pager = add(&out, "p", "pager");
                let info = &log["pageInfo"];
                // (whether there is more, its label, which way to page, from which cursor)
                for (more, label, count, side, cursor) in [
                    ("hasPreviousPage", t.newer, "last", "before", "startCursor"),
                    ("hasNextPage", t.older, "first", "after", "endCursor"),
                ] {
                    let vars = obj(vec![
                        ("filter", filter.clone()),
                        (count, Value::from(PAGE)),
                        (side, info[cursor].clone()),
                    ]);
                    if info[more].as_bool().unwrap_or(false) {
                        let asker = asker.clone();
                        button(
                            &pager,
                            label,
                            Box::new(move || {
                                if let Some(ask) = asker.borrow().clone() {
                                    ask(vars.clone());
                                }
                            }),
                        );
                    }
                }
                out
            }),
        );
    });
    *ask.borrow_mut() = Some(load.clone());
    load(obj(vec![("first", Value::from(PAGE))]));
    let load = load.clone();
    let names = ["recordType", "actor", "operation", "from", "until"];
    let filters = form(
        "audit",
        vec![
            field(names[0], t.record_type, "text", ""),
            field(names[1], t.actor, "text", ""),
            field(names[2], t.operation, "text", ""),
            field(names[3], t.from, "date", ""),
            field(names[4], t.until, "date", ""),
        ],
        t.apply_filters,
        Box::new(move |v, check| {
            v.date(check, "from");
            v.date(check, "until");
            if check.is_ok() {
                let filter = obj(names.iter().map(|n| (*n, v.opt(n))).collect());
                load(obj(vec![("filter", filter), ("first", Value::from(PAGE))]));
            }
            // The list asks the server; the form itself sends nothing.
            Send {
                document: ADMIN,
                operation: "",
                variables: Value::Null,
            }
        }),
        Rc::new(|_| {}),
        Rc::new(|| {}),
    );
    filters.set_class_name("form filters");
    view! {
        <h1>{t.nav_audit}</h1>
        <p class="lead">{t.audit_intro}</p>
        {status_region()}
        {mount(filters)}
        {mount(list)}
    }
    .into_any()
}
