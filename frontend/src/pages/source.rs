//! `/sources/:id`: one source of facts — its title, address, publisher, days of publication
//! and reading, and note, its history; for editors, the forms that change or delete it.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, drafts::SourceDraft};

use crate::{
    api::{Read, ops::SOURCE, read::obj},
    auth::allowed,
    components::{
        history::history_section,
        page::{Detail, DetailPage, Shown, detail_page},
        parts::{fact, facts},
    },
    dom::{Check, Field, Values, delete_form, drafted, edit_forms, field, update_form},
    format,
    i18n::use_i18n,
};

/// One source's page.
#[component]
pub fn SourcePage() -> impl IntoView {
    let t = use_i18n().t();
    detail_page(&DetailPage {
        back: ("/members", t.back_to_members),
        query: (SOURCE, "Source", "Source"),
        heading: ("title", t.source),
        as_of_id: "",
        page,
    })
}

fn page(s: &Value, shown: &Shown, reload: Rc<dyn Fn()>) -> Detail {
    let Shown { t, lang, .. } = *shown;
    // Only web addresses become links; anything else is shown as text.
    let address = match s.opt("url") {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
            let shown = u.clone();
            view! { <a href=u rel="external noopener">{shown}</a> }.into_any()
        }
        Some(u) => u.into_any(),
        None => format::DASH.into_any(),
    };
    let lead = view! { <span>{address}</span> }.into_any();
    let parts = vec![
        facts(vec![
            fact(t.publisher, s.opt("publisher")),
            fact(
                t.published,
                s.opt("publishedOn").map(|d| format::date_text(lang, &d)),
            ),
            fact(
                t.accessed,
                s.opt("accessedOn").map(|d| format::date_text(lang, &d)),
            ),
            fact(t.note, s.opt("note")),
        ]),
        source_forms(s, &reload).into_any(),
        history_section(s.text("id")),
    ];
    Detail { lead, parts }
}

/// The inputs for a source's fields, filled from `s` (empty for a new source).
pub(crate) fn source_fields(s: &Value) -> Vec<Field> {
    let t = use_i18n().t();
    vec![
        field("title", t.title, "text", s.str("title")),
        field("url", t.url, "url", s.str("url")),
        field("publisher", t.publisher, "text", s.str("publisher")),
        field("publishedOn", t.published, "date", s.str("publishedOn")),
        field("accessedOn", t.accessed, "date", s.str("accessedOn")),
        field("note", t.note, "textarea", s.str("note")),
    ]
}

/// A `SourceInput` from the form, checked as the server will (the domain's draft).
pub(crate) fn source_input(v: &Values, check: &mut Check) -> Value {
    let draft = SourceDraft {
        title: v.get("title").to_owned(),
        publisher: Some(v.get("publisher").to_owned()),
        url: Some(v.get("url").to_owned()),
        published_on: v.date(check, "publishedOn"),
        accessed_on: v.date(check, "accessedOn"),
        note: Some(v.get("note").to_owned()),
    };
    drafted(check, draft.check().err());
    obj(vec![
        ("title", Value::from(v.get("title"))),
        ("publisher", v.opt("publisher")),
        ("url", v.opt("url")),
        ("publishedOn", v.opt("publishedOn")),
        ("accessedOn", v.opt("accessedOn")),
        ("note", v.opt("note")),
    ])
}

/// The forms that change source `s` and delete it; nothing for viewers.
fn source_forms(s: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let t = use_i18n().t();
    let (id, version) = (s.text("id"), s.int("version"));
    let edit = update_form(
        "source",
        "UpdateSource",
        (id.clone(), version),
        source_fields(s),
        Box::new(source_input),
        reload,
    );
    let delete = delete_form(
        ("delete-source", "DeleteSource"),
        (id, version),
        (t.delete_source_lead, s.text("title")),
        "/members",
        reload,
    );
    Some(edit_forms(vec![(t.edit_source, edit), (t.delete, delete)]))
}
