//! The member forms: a new organisation (on the members list); on the member page, change
//! the organisation's fields and parent, record that it joins, record a new source (the
//! forms of its memberships are in `membership_edit`).
//! Editors and admins only; the page reloads after a change.

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    access::Role,
    drafts::{OrganisationDraft, SourceDraft},
    org::{OrganisationKind, ParentLink},
};

use web_sys::Element;

use crate::{
    api::{
        Read,
        ops::EDIT,
        read::{choices, obj},
    },
    auth::allowed,
    dom::{
        Check, Field, Values, choice, drafted, edit, edit_forms, el, field, form, new_record, pick,
        records, reloads, send, set, text, update_form,
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
/// its source (chosen once the register's organisations and sources are loaded), joining
/// the provider, and a new source; nothing for viewers.
pub fn organisation_form(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let (own, reloading) = (org.clone(), reload.clone());
    let edit = with_choices(Rc::new(move |d: &Value| {
        let org = &own;
        // An organisation cannot belong to itself: it is not offered.
        let others: Vec<Value> = d["organisations"]
            .list("nodes")
            .iter()
            .filter(|o| o.str("id") != org.str("id"))
            .cloned()
            .collect();
        let mut links = vec![("", t.parent_link_by_kind)];
        links.extend(choices::<ParentLink>(lang));
        let mut fields = organisation_fields(org);
        fields.extend([
            pick(
                "parentId",
                t.belongs_to,
                &given(org, "parent"),
                chosen_among(&others, org, "parent", "name"),
            ),
            choice("parentLink", t.parent_link, org.str("parentLink"), links),
            pick(
                "sourceId",
                t.source,
                &given(org, "source"),
                source_choices(d, org),
            ),
        ]);
        update_form(
            "organisation",
            "UpdateOrganisation",
            (org.text("id"), org.int("version")),
            fields,
            Box::new(organisation_input),
            &reloading,
        )
    }));
    Some(edit_forms(vec![
        (t.edit_organisation, edit),
        (t.join_membership, join_form(org, reload)),
        (t.new_source, source_form(reload)),
    ]))
}

/// A form waiting for the answer of `Choices`: its holder and what builds it.
type Waiting = (Element, Rc<dyn Fn(&Value) -> Element>);

thread_local! {
    /// The forms asking for the choices while the page is drawn: one question serves them all.
    static WAITING: RefCell<Option<Vec<Waiting>>> = const { RefCell::new(None) };
}

/// A holder that `build` fills with the forms that choose among the register's organisations
/// and sources (the answer of `Choices`) once they are loaded. Every holder made while the
/// page is drawn (an organisation's form and each of its memberships') shares one question,
/// asked once the drawing is done.
pub fn with_choices(build: Rc<dyn Fn(&Value) -> Element>) -> Element {
    let t = use_i18n().t();
    let holder = el("div", "");
    set(&text(&holder, "p", t.loading), "role", "status");
    let first = WAITING.with_borrow_mut(|waiting| {
        let first = waiting.is_none();
        waiting
            .get_or_insert_with(Vec::new)
            .push((holder.clone(), build));
        first
    });
    if first {
        let owner = Owner::current();
        queue_microtask(move || {
            let waiting = WAITING.take().unwrap_or_default();
            let ask = move || {
                send(
                    EDIT,
                    "Choices",
                    Value::Null,
                    Box::new(move |answer| {
                        for (holder, build) in waiting {
                            holder.set_text_content(None);
                            match &answer {
                                Ok(data) => {
                                    let _ = holder.append_child(&build(data));
                                }
                                Err(error) => {
                                    let p = text(&holder, "p", t.error(error));
                                    p.set_class_name("state state-error");
                                    set(&p, "role", "alert");
                                }
                            }
                        }
                    }),
                );
            };
            match owner {
                Some(owner) => owner.with(ask),
                None => ask(),
            }
        });
    }
    holder
}

/// The ID of the object `key` of `record`, empty when there is none.
pub fn given(record: &Value, key: &str) -> String {
    record.obj(key).map(|o| o.text("id")).unwrap_or_default()
}

/// A select's choices of `list` by `name`, and the object `key` of `record` (the one chosen
/// now) also when the list holds only the first page.
fn chosen_among(list: &[Value], record: &Value, key: &str, name: &str) -> Vec<(String, String)> {
    let mut choices = records(use_i18n().t().none_chosen, list, name);
    if let Some(now) = record.obj(key)
        && !list.iter().any(|o| o.str("id") == now.str("id"))
    {
        choices.push((now.text("id"), now.text(name)));
    }
    choices
}

/// The choices of the register's sources in an answer `d` of `Choices`, with the source of
/// `record`.
pub fn source_choices(d: &Value, record: &Value) -> Vec<(String, String)> {
    chosen_among(d["sources"].list("nodes"), record, "source", "title")
}

/// The form that records a new source, checked as the server will; once it is recorded the
/// page reloads and its forms offer it.
fn source_form(reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    form(
        "new-source",
        vec![
            field("title", t.title, "text", ""),
            field("url", t.url, "url", ""),
            field("publisher", t.publisher, "text", ""),
            field("publishedOn", t.published, "date", ""),
            field("note", t.note, "textarea", ""),
        ],
        t.create,
        edit(
            "CreateSource",
            Box::new(|v, check| {
                let draft = SourceDraft {
                    title: v.get("title").to_owned(),
                    publisher: Some(v.get("publisher").to_owned()),
                    url: Some(v.get("url").to_owned()),
                    published_on: v.date(check, "publishedOn"),
                    note: Some(v.get("note").to_owned()),
                };
                drafted(check, draft.check().err());
                let input = obj(vec![
                    ("title", Value::from(v.get("title"))),
                    ("publisher", v.opt("publisher")),
                    ("url", v.opt("url")),
                    ("publishedOn", v.opt("publishedOn")),
                    ("note", v.opt("note")),
                ]);
                obj(vec![("input", input)])
            }),
        ),
        reloads(reload),
        reload.clone(),
    )
}

/// The form that records that `org` joins the provider on a day, as a founder or not, on
/// one of the contracts it is party to (or none), its facts from one of the register's
/// sources (or none), shown once the sources are loaded.
fn join_form(org: &Value, reload: &Rc<dyn Fn()>) -> Element {
    let (org, reload) = (org.clone(), reload.clone());
    with_choices(Rc::new(move |d: &Value| joining(&org, d, &reload)))
}

/// The join form of `org`, its sources chosen among those in `d` (an answer of `Choices`).
fn joining(org: &Value, d: &Value, reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    let org_id = org.text("id");
    let contracts = records(t.none_chosen, org["contracts"].list("nodes"), "title");
    let sources = records(t.none_chosen, d["sources"].list("nodes"), "title");
    form(
        "join",
        vec![
            field("joinedOn", t.first_day, "date", ""),
            field("founding", t.founding_member, "checkbox", ""),
            pick("contractId", t.contract, "", contracts),
            pick("sourceId", t.source, "", sources),
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
