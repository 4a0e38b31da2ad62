//! The service forms: a new catalogue entry (on the services list); on the service page,
//! change the service's code, name, category, vendor and description, or delete it. Editors and admins
//! only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, drafts::ServiceDraft, service::ServiceCategory};
use web_sys::Element;

use crate::{
    api::{
        Read,
        read::{choices, obj},
    },
    auth::allowed,
    dom::{
        Check, Field, Values, choice, delete_form, drafted, edit_forms, field, new_record,
        update_form,
    },
    i18n::use_i18n,
};

/// The inputs for a service's fields, filled from `s` (empty for a new one).
fn service_fields(s: &Value) -> Vec<Field> {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let categories = choices::<ServiceCategory>(lang);
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
    ]
}

/// A `ServiceInput` from the form, checked as the server will (the domain's draft); `source_id`
/// is sent as given.
fn service_input(v: &Values, check: &mut Check, source_id: Value) -> Value {
    if let Ok(category) = v.get("category").parse::<ServiceCategory>() {
        let draft = ServiceDraft::<()> {
            code: v.get("code").to_owned(),
            name: v.get("name").to_owned(),
            category,
            vendor: Some(v.get("vendor").to_owned()),
            description: Some(v.get("description").to_owned()),
            source: None,
        };
        drafted(check, draft.check().err());
    }
    obj(vec![
        ("code", Value::from(v.get("code"))),
        ("name", Value::from(v.get("name"))),
        ("category", Value::from(v.get("category"))),
        ("vendor", v.opt("vendor")),
        ("description", v.opt("description")),
        ("sourceId", source_id),
    ])
}

/// The services list's form for a new catalogue entry; nothing for viewers. The new
/// service's page opens once it is recorded.
pub fn new_service() -> Option<(&'static str, Element)> {
    new_record(
        use_i18n().t().new_service,
        ("new-service", "CreateService"),
        service_fields(&Value::Null),
        Box::new(|v, check| service_input(v, check, Value::Null)),
        "/services",
    )
}

/// The form for the fields of service `s`; nothing for viewers. Its source is sent as it is.
pub fn service_form(s: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let source_id = Value::from(s.obj("source").map(|source| source.text("id")));
    let edit = update_form(
        "service",
        "UpdateService",
        (s.text("id"), s.int("version")),
        service_fields(s),
        Box::new(move |v, check| service_input(v, check, source_id.clone())),
        reload,
    );
    let t = use_i18n().t();
    let delete = delete_form(
        ("delete-service", "DeleteService"),
        (s.text("id"), s.int("version")),
        (t.delete_service_lead, s.text("name")),
        "/services",
        reload,
    );
    Some(edit_forms(vec![(t.edit_service, edit), (t.delete, delete)]))
}
