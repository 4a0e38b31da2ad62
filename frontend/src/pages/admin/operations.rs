//! `/admin/operations`: the persisted operations partner systems call by their hash; register
//! one (the server refuses a document that does not parse), delete one after a question.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use super::{admin_page, titled};
use crate::{
    api::{
        ops::ADMIN,
        read::{Read, obj},
    },
    dom::{Send, add, button, cell, el, field, focus, form, say, send, set, table, text},
    i18n::{Texts, fill, use_i18n},
};

/// The operations, and the form that registers one.
pub(super) fn page() -> AnyView {
    let t = use_i18n().t();
    let show = Rc::new(move |d: &Value, reload: Rc<dyn Fn()>| {
        let operations = d.list("persistedOperations");
        if operations.is_empty() {
            let p = el("p", "state state-empty");
            p.set_text_content(Some(t.operations_empty));
            return p;
        }
        let all = el("div", "");
        // Where the question before deleting one is asked.
        let ask = el("div", "");
        let rows = operations
            .iter()
            .map(|o| {
                let hash = cell("");
                text(&hash, "code", o.str("sha256"));
                let actions = cell("");
                let (name, id) = (o.text("name"), o.text("id"));
                let (ask, reload) = (ask.clone(), reload.clone());
                let b = button(
                    &actions,
                    t.delete,
                    Box::new(move || confirm_delete(t, &ask, &name, &id, reload.clone())),
                );
                set(
                    &b,
                    "aria-label",
                    &format!("{} {}", t.delete, o.text("name")),
                );
                b.set_class_name("button button-small");
                vec![
                    cell(o.str("name")),
                    hash,
                    cell(&crate::format::date_time(o.str("createdAt"))),
                    actions,
                ]
            })
            .collect();
        let _ = all.append_child(&table(
            t.nav_operations,
            &[t.name, t.operation_hash, t.operation_registered, t.delete],
            rows,
        ));
        let _ = all.append_child(&ask);
        all
    });
    admin_page(
        t.nav_operations,
        t.operations_intro,
        "PersistedOperations",
        show,
        move |reload| {
            let fields = vec![
                field("name", t.name, "text", ""),
                field("document", t.operation_document, "textarea", ""),
            ];
            let register = form(
                "operation",
                fields,
                t.register_operation,
                Box::new(|v, check| {
                    check.name("name", v.get("name"));
                    if v.get("document").is_empty() {
                        check.fail("document", v.t().operation_unparsed);
                    }
                    Send {
                        document: ADMIN,
                        operation: "RegisterPersistedOperation",
                        variables: obj(vec![
                            ("name", Value::from(v.get("name"))),
                            ("document", Value::from(v.get("document"))),
                        ]),
                    }
                }),
                Rc::new(move |_| reload()),
                Rc::new(|| {}),
            );
            titled(t.register_operation, "register-operation-heading", register)
        },
    )
}

/// Asks in `ask` whether to delete operation `id` (`name`); yes deletes it and reloads.
fn confirm_delete(t: &'static Texts, ask: &Element, name: &str, id: &str, reload: Rc<dyn Fn()>) {
    ask.set_text_content(None);
    let question = add(ask, "div", "callout confirm");
    set(&question, "role", "group");
    set(&question, "aria-labelledby", "operation-delete-ask");
    set(
        &text(
            &question,
            "p",
            &fill(t.delete_operation_ask, &[("name", name)]),
        ),
        "id",
        "operation-delete-ask",
    );
    let buttons = add(&question, "p", "");
    let id = id.to_owned();
    let yes = button(
        &buttons,
        t.delete_yes,
        Box::new(move || {
            let reload = reload.clone();
            send(
                ADMIN,
                "DeletePersistedOperation",
                obj(vec![("id", Value::from(id.as_str()))]),
                Box::new(move |answer| match answer {
                    Ok(_) => reload(),
                    Err(error) => say(t, t.error(&error), "field-error", None),
                }),
            );
        }),
    );
    yes.set_class_name("button");
    let _ = buttons.append_with_str_1(" ");
    let q = question.clone();
    button(&buttons, t.delete_no, Box::new(move || q.remove())).set_class_name("button");
    focus(&yes);
}
