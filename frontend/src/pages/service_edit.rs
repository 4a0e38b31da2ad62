//! The service page's form: change the service's code, name, category, vendor and
//! description. Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, service::ServiceCategory};

use crate::{
    api::{Read, read::obj},
    auth::allowed,
    dom::{choice, edit_forms, field, update_form},
    i18n::use_i18n,
};

/// The form for the fields of service `s`; nothing for viewers. Its source is sent as it is.
pub fn service_form(s: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let source_id = s.obj("source").map(|source| source.text("id"));
    let categories = ServiceCategory::ALL
        .iter()
        .map(|c| (c.as_str(), c.label(lang)))
        .collect();
    let edit = update_form(
        "service",
        "UpdateService",
        (s.text("id"), s.int("version")),
        vec![
            field("code", t.code, "text", s.str("code")),
            field("name", t.name, "text", s.str("name")),
            choice("category", t.category, s.str("category"), categories),
            field("vendor", t.vendor, "text", s.str("vendor")),
            field(
                "description",
                t.description,
                "textarea",
                s.str("description"),
            ),
        ],
        Box::new(move |v, check| {
            check.name("code", v.get("code"));
            check.name("name", v.get("name"));
            check.optional_name("vendor", Some(v.get("vendor")));
            check.text("description", Some(v.get("description")));
            obj(vec![
                ("code", Value::from(v.get("code"))),
                ("name", Value::from(v.get("name"))),
                ("category", Value::from(v.get("category"))),
                ("vendor", v.opt("vendor")),
                ("description", v.opt("description")),
                ("sourceId", Value::from(source_id.clone())),
            ])
        }),
        reload,
    );
    Some(edit_forms(vec![(t.edit_service, edit)]))
}
