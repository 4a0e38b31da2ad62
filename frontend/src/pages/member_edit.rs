//! The member forms: a new organisation (on the members list); on the member page, change
//! the organisation's fields and parent, record that it joins, record a new source (the
//! forms of its memberships are in `membership_edit`).
//! Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    access::Role,
    drafts::OrganisationDraft,
    org::{OrganisationKind, ParentLink},
};

use web_sys::Element;

use crate::{
    api::{
        Read,
        read::{choices, obj},
    },
    auth::allowed,
    dom::{
        Asking, CONTRACTS, Check, Field, ORGANISATIONS, SOURCES, Values, choice, delete_form,
        drafted, edit, edit_forms, field, form, held, new_record, reloads, search, update_form,
    },
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

/// An `OrganisationInput` from the form, checked as the server will (the domain's draft:
/// also whether its kind can belong to the parent by the link chosen). A form without
/// inputs for the parent, its link or the source sends none.
fn organisation_input(v: &Values, check: &mut Check) -> Value {
    let parent = v.opt("parentId");
    if let Ok(kind) = v.get("kind").parse() {
        let draft = OrganisationDraft {
            name: v.get("name").to_owned(),
            short_name: Some(v.get("shortName").to_owned()),
            kind,
            official_key: Some(v.get("officialKey").to_owned()),
            parent: parent.as_str(),
            parent_link: v.get("parentLink").parse().ok(),
            source: None,
        };
        drafted(check, draft.check().err());
    }
    obj(vec![
        ("name", Value::from(v.get("name"))),
        ("shortName", v.opt("shortName")),
        ("kind", Value::from(v.get("kind"))),
        ("officialKey", v.opt("officialKey")),
        (
            "parentLink",
            if parent.is_null() {
                Value::Null
            } else {
                v.opt("parentLink")
            },
        ),
        ("parentId", parent),
        ("sourceId", v.opt("sourceId")),
    ])
}

/// The members list's form for a new organisation; nothing for viewers. The new
/// organisation's page opens once it is recorded.
pub fn new_organisation() -> Option<(&'static str, Element)> {
    new_record(
        use_i18n().t().new_organisation,
        ("new-organisation", "CreateOrganisation"),
        organisation_fields(&Value::Null),
        Box::new(organisation_input),
        "/members",
    )
}

/// The forms for organisation `org`: its fields with its parent, how it belongs to it and
/// its source (each searched among the register's as it is typed), joining
/// the provider, and a new source; nothing for viewers.
pub fn organisation_form(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let edit = {
        let mut links = vec![("", t.parent_link_by_kind)];
        links.extend(choices::<ParentLink>(lang));
        let mut fields = organisation_fields(org);
        fields.extend([
            // An organisation cannot belong to itself: it is not offered.
            search(
                "parentId",
                t.belongs_to,
                Asking::of(&ORGANISATIONS).except(org.str("id")),
                held(org, "parent", "name"),
            ),
            choice("parentLink", t.parent_link, org.str("parentLink"), links),
            search(
                "sourceId",
                t.source,
                Asking::of(&SOURCES),
                held(org, "source", "title"),
            ),
        ]);
        update_form(
            "organisation",
            "UpdateOrganisation",
            (org.text("id"), org.int("version")),
            fields,
            Box::new(organisation_input),
            reload,
        )
    };
    Some(edit_forms(vec![
        (t.edit_organisation, edit),
        (t.join_membership, join_form(org, reload)),
        (t.new_source, source_form(reload)),
        (
            t.delete,
            delete_form(
                ("delete-organisation", "DeleteOrganisation"),
                (org.text("id"), org.int("version")),
                (t.delete_organisation_lead, org.text("name")),
                "/members",
                reload,
            ),
        ),
    ]))
}

/// The form that records a new source, checked as the server will; once it is recorded the
/// page reloads and its forms offer it.
fn source_form(reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    form(
        "new-source",
        super::source::source_fields(&Value::Null),
        t.create,
        edit(
            "CreateSource",
            Box::new(|v, check| obj(vec![("input", super::source::source_input(v, check))])),
        ),
        reloads(reload),
        reload.clone(),
    )
}

/// The form that records that `org` joins the provider on a day, as a founder or not, on
/// one of the contracts it is party to (or none), its facts from one of the register's
/// sources (or none), both searched.
fn join_form(org: &Value, reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    let org_id = org.text("id");
    form(
        "join",
        vec![
            field("joinedOn", t.first_day, "date", ""),
            field("founding", t.founding_member, "checkbox", ""),
            search(
                "contractId",
                t.contract,
                Asking::of(&CONTRACTS).of_party(&org_id),
                Default::default(),
            ),
            search(
                "sourceId",
                t.source,
                Asking::of(&SOURCES),
                Default::default(),
            ),
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
                    ("sourceId", v.opt("sourceId")),
                ]);
                obj(vec![("input", input)])
            }),
        ),
        reloads(reload),
        reload.clone(),
    )
}
