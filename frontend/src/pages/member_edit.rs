//! The member page's forms: change the organisation's fields, record the last day of a
//! membership. Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, org::OrganisationKind};

use crate::{
    api::{Read, read::obj},
    auth::allowed,
    dom::{choice, day_form, edit_forms, field, update_form},
    format::parse_iso,
    i18n::use_i18n,
};

/// The form for the fields of organisation `org`; nothing for viewers. Its parent and source
/// are sent as they are.
pub fn organisation_form(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let parent_id = org.obj("parent").map(|p| p.text("id"));
    let source_id = org.obj("source").map(|s| s.text("id"));
    let kinds = OrganisationKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label(lang)))
        .collect();
    let edit = update_form(
        "organisation",
        "UpdateOrganisation",
        (org.text("id"), org.int("version")),
        vec![
            field("name", t.name, "text", org.str("name")),
            field("shortName", t.short_name, "text", org.str("shortName")),
            choice("kind", t.kind, org.str("kind"), kinds),
            field(
                "officialKey",
                t.official_key,
                "text",
                org.str("officialKey"),
            ),
        ],
        Box::new(move |v, check| {
            check.name("name", v.get("name"));
            check.optional_name("shortName", Some(v.get("shortName")));
            check.official_key("officialKey", Some(v.get("officialKey")));
            obj(vec![
                ("name", Value::from(v.get("name"))),
                ("shortName", v.opt("shortName")),
                ("kind", Value::from(v.get("kind"))),
                ("officialKey", v.opt("officialKey")),
                ("parentId", Value::from(parent_id.clone())),
                ("sourceId", Value::from(source_id.clone())),
            ])
        }),
        reload,
    );
    Some(edit_forms(vec![(t.edit_organisation, edit)]))
}

/// The form that records the last day of membership `m`, the `index`th of the page; nothing
/// for viewers or once the last day is known.
pub fn leave_form(m: &Value, index: usize, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) || m.opt("leftOn").is_some() {
        return None;
    }
    let t = use_i18n().t();
    let joined = parse_iso(m.str("joinedOn"));
    let leave = day_form(
        (&format!("leave-{index}"), "LeaveMembership"),
        (m.text("id"), m.int("version")),
        ("leftOn", t.last_day),
        t.leave_membership,
        // The server's rule, checked here first: a membership ends after it began.
        Some(Box::new(move |left, check| {
            if let Some(joined) = joined {
                check.period("leftOn", joined, Some(left));
            }
        })),
        reload,
    );
    Some(edit_forms(vec![(t.leave_membership, leave)]))
}
