//! The member forms: a new organisation (on the members list); on the member page, change
//! the organisation's fields, record that it joins, record the last day of a membership.
//! Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, org::OrganisationKind};

use web_sys::Element;

use crate::{
    api::{
        Read,
        read::{choices, obj},
    },
    auth::allowed,
    dom::{
        Check, Field, Values, choice, day_form, edit, edit_forms, ends_after, field, form,
        new_record, pick, records, reloads, update_form,
    },
    format::parse_iso,
    i18n::use_i18n,
};

/// The inputs for an organisation's fields, filled from `org` (empty for a new one).
fn organisation_fields(org: &Value) -> Vec<Field> {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let kinds = choices::<OrganisationKind>(lang);
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
    ]
}

/// An `OrganisationInput` from the form, checked as the server will; `parent_id` and
/// `source_id` are sent as given.
fn organisation_input(v: &Values, check: &mut Check, parent_id: Value, source_id: Value) -> Value {
    check.name("name", v.get("name"));
    check.optional_name("shortName", Some(v.get("shortName")));
    check.official_key("officialKey", Some(v.get("officialKey")));
    obj(vec![
        ("name", Value::from(v.get("name"))),
        ("shortName", v.opt("shortName")),
        ("kind", Value::from(v.get("kind"))),
        ("officialKey", v.opt("officialKey")),
        ("parentId", parent_id),
        ("sourceId", source_id),
    ])
}

/// The members list's form for a new organisation; nothing for viewers. The new
/// organisation's page opens once it is recorded.
pub fn new_organisation() -> Option<(&'static str, Element)> {
    new_record(
        use_i18n().t().new_organisation,
        ("new-organisation", "CreateOrganisation"),
        organisation_fields(&Value::Null),
        Box::new(|v, check| organisation_input(v, check, Value::Null, Value::Null)),
        "/members",
    )
}

/// The forms for organisation `org`: its fields (its parent and source are sent as they
/// are) and joining the provider; nothing for viewers.
pub fn organisation_form(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let t = use_i18n().t();
    let parent_id = Value::from(org.obj("parent").map(|p| p.text("id")));
    let source_id = Value::from(org.obj("source").map(|s| s.text("id")));
    let edit = update_form(
        "organisation",
        "UpdateOrganisation",
        (org.text("id"), org.int("version")),
        organisation_fields(org),
        Box::new(move |v, check| {
            organisation_input(v, check, parent_id.clone(), source_id.clone())
        }),
        reload,
    );
    Some(edit_forms(vec![
        (t.edit_organisation, edit),
        (t.join_membership, join_form(org, reload)),
    ]))
}

/// The form that records that `org` joins the provider on a day, as a founder or not, on
/// one of the contracts it is party to (or none).
fn join_form(org: &Value, reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    let org_id = org.text("id");
    let contracts = records(t.none_chosen, org["contracts"].list("nodes"), "title");
    form(
        "join",
        vec![
            field("joinedOn", t.first_day, "date", ""),
            field("founding", t.founding_member, "checkbox", ""),
            pick("contractId", t.contract, "", contracts),
        ],
        t.join_membership,
        edit(
            "JoinMembership",
            Box::new(move |v, check| {
                v.required_date(check, "joinedOn");
                let input = obj(vec![
                    ("organisationId", Value::from(org_id.as_str())),
                    ("joinedOn", Value::from(v.get("joinedOn"))),
                    ("founding", Value::from(v.get("founding") == "true")),
                    ("contractId", v.opt("contractId")),
                ]);
                obj(vec![("input", input)])
            }),
        ),
        reloads(reload),
        reload.clone(),
    )
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
        // A membership ends after it began.
        ends_after("leftOn", joined),
        reload,
    );
    Some(edit_forms(vec![(t.leave_membership, leave)]))
}
