//! The forms of an organisation's people and key figures, on its page: add one, change one,
//! remove one recorded in error, and see each one's changes. Editors and admins only; the
//! page reloads after a change. The forms check with the domain crate's drafts, as the server
//! does. Each form picks the record's source among the register's sources.

use std::{cell::Cell, rc::Rc};

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    Lang,
    access::Role,
    people::{KeyFigureDraft, Metric, PersonDraft, Qualifier},
};
use web_sys::Element;

use crate::{
    api::{Read, ops::EDIT, read::obj},
    auth::allowed,
    components::history::changes_into,
    dom::{
        Asking, Check, Field, SOURCES, Send, Values, add, choice, drafted, edit, edit_forms, el,
        field, form, held, on, prop, reloads, search, text, update_form,
    },
    format,
    i18n::{Texts, fill, use_i18n},
};

/// What the forms of one kind of record differ in.
struct Kind {
    /// The start of the forms' ids.
    prefix: &'static str,
    /// The operations of the edit document that create, update and delete one.
    operations: [&'static str; 3],
    /// The inputs, filled from a record (empty for a new one).
    fields: fn(&Value, &'static Texts, Lang) -> Vec<Field>,
    /// The input object from the form, checked; with the organisation's id.
    input: fn(&Values, &mut Check, Value) -> Value,
    /// The summary of a record's forms.
    summary: fn(&Value, &'static Texts, Lang) -> String,
    /// The summary of the form for a new one, the label of removing one and what removing is
    /// for.
    texts: fn(&'static Texts) -> [&'static str; 3],
}

const PERSON: Kind = Kind {
    prefix: "person",
    operations: ["CreatePerson", "UpdatePerson", "DeletePerson"],
    fields: person_fields,
    input: person_input,
    summary: |p, t, _| fill(t.people.edit_person, &[("name", p.str("name"))]),
    texts: |t| {
        let p = t.people;
        [p.add_person, p.remove_person, p.remove_person_hint]
    },
};

const FIGURE: Kind = Kind {
    prefix: "figure",
    operations: ["CreateKeyFigure", "UpdateKeyFigure", "DeleteKeyFigure"],
    fields: figure_fields,
    input: figure_input,
    summary: |f, t, lang| {
        let date = format::date_text(lang, f.str("asOf"));
        let values = [
            ("metric", t.metric(f.str("metric"))),
            ("date", date.as_str()),
        ];
        fill(t.people.edit_figure, &values)
    },
    texts: |t| {
        let p = t.people;
        [p.add_figure, p.remove_figure, p.remove_figure_hint]
    },
};

/// The forms of the people of organisation `org`; nothing for viewers.
pub fn people_forms(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    forms(&PERSON, org, org.list("people"), reload)
}

/// The forms of the key figures of organisation `org`; nothing for viewers.
pub fn figure_forms(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    forms(&FIGURE, org, org.list("figures"), reload)
}

/// The form for a new record of `kind` at `org`, then the forms of each of `records`.
fn forms(
    kind: &'static Kind,
    org: &Value,
    records: &[Value],
    reload: &Rc<dyn Fn()>,
) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let [add_label, ..] = (kind.texts)(t);
    let org_id = Value::from(org.str("id"));
    let input = kind.input;
    let create = form(
        &format!("new-{}", kind.prefix),
        (kind.fields)(&Value::Null, t, lang),
        add_label,
        edit(
            kind.operations[0],
            Box::new(move |v, check| obj(vec![("input", input(v, check, org_id.clone()))])),
        ),
        reloads(reload),
        reload.clone(),
    );
    let summaries: Vec<String> = records.iter().map(|r| (kind.summary)(r, t, lang)).collect();
    let mut all = vec![(add_label, create)];
    for (index, (record, summary)) in records.iter().zip(&summaries).enumerate() {
        all.push((
            summary.as_str(),
            record_forms(kind, org, record, index, reload),
        ));
    }
    Some(edit_forms(all))
}

/// The forms of one record, the `index`th of its list: change it, remove it, its changes.
fn record_forms(
    kind: &'static Kind,
    org: &Value,
    record: &Value,
    index: usize,
    reload: &Rc<dyn Fn()>,
) -> Element {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let [_, remove_label, remove_hint] = (kind.texts)(t);
    let id_version = (record.text("id"), record.int("version"));
    let org_id = Value::from(org.str("id"));
    let input = kind.input;
    let all = el("div", "");
    let form_id = format!("{}-{index}", kind.prefix);
    let change = update_form(
        &form_id,
        kind.operations[1],
        id_version.clone(),
        (kind.fields)(record, t, lang),
        Box::new(move |v, check| input(v, check, org_id.clone())),
        reload,
    );
    let _ = all.append_child(&change);
    text(&all, "p", remove_hint).set_class_name("muted");
    let (id, version) = id_version;
    let operation = kind.operations[2];
    let remove = form(
        &format!("{form_id}-remove"),
        Vec::new(),
        remove_label,
        Box::new(move |_, _| Send {
            document: EDIT,
            operation,
            variables: obj(vec![
                ("id", Value::from(id.as_str())),
                ("version", Value::from(version)),
            ]),
        }),
        reloads(reload),
        reload.clone(),
    );
    let _ = all.append_child(&remove);
    let _ = all.append_child(&changes(record.text("id")));
    all
}

/// The changes of the record `id` under a summary, loaded when it is first opened.
fn changes(id: String) -> Element {
    let t = use_i18n().t();
    let details = el("details", "edit");
    text(&details, "summary", t.changes_title);
    let body = add(&details, "div", "");
    let (opened, loaded) = (details.clone(), Cell::new(false));
    on(
        &details,
        "toggle",
        Box::new(move |_| {
            if !loaded.get() && prop(&opened, "open").as_bool() == Some(true) {
                loaded.set(true);
                changes_into(body.clone(), id.clone());
            }
        }),
    );
    details
}

fn person_fields(p: &Value, t: &'static Texts, _: Lang) -> Vec<Field> {
    vec![
        // Not just "Name": the organisation's own form on the page has that label.
        field("name", t.people.person_name, "text", p.str("name")),
        field("role", t.role, "text", p.str("role")),
        field("since", t.from, "date", p.str("since")),
        field("until", t.until, "date", p.str("until")),
        source_field(p, t),
    ]
}

/// The record's source, picked among the register's sources.
fn source_field(record: &Value, t: &'static Texts) -> Field {
    search(
        "sourceId",
        t.source,
        Asking::of(&SOURCES),
        held(record, "source", "title"),
    )
}

/// A `PersonInput` from the form, checked with the domain crate's draft.
fn person_input(v: &Values, check: &mut Check, org_id: Value) -> Value {
    let draft = PersonDraft::<()> {
        organisation: (),
        name: v.get("name").to_owned(),
        role: v.get("role").to_owned(),
        since: v.date(check, "since"),
        until: v.date(check, "until"),
        source: None,
    };
    drafted(check, draft.check().err());
    obj(vec![
        ("organisationId", org_id),
        ("name", Value::from(v.get("name"))),
        ("role", Value::from(v.get("role"))),
        ("since", v.opt("since")),
        ("until", v.opt("until")),
        ("sourceId", v.opt("sourceId")),
    ])
}

fn figure_fields(f: &Value, t: &'static Texts, lang: Lang) -> Vec<Field> {
    let metrics = Metric::ALL.map(|m| (m.as_str(), m.label(lang))).to_vec();
    let qualifiers = Qualifier::ALL.map(|q| (q.as_str(), q.label(lang))).to_vec();
    let value = f.int("value").map(|n| n.to_string()).unwrap_or_default();
    vec![
        choice("metric", t.metric, f.str("metric"), metrics),
        choice(
            "qualifier",
            t.people.qualifier,
            f.str("qualifier"),
            qualifiers,
        ),
        field("value", t.value, "number", &value),
        field("asOf", t.figure_date, "date", f.str("asOf")),
        source_field(f, t),
    ]
}

/// A `KeyFigureInput` from the form, checked with the domain crate's draft.
fn figure_input(v: &Values, check: &mut Check, org_id: Value) -> Value {
    let value = v.number(check, "value");
    if v.get("value").is_empty() {
        check.fail("value", v.t().check_number);
    }
    let as_of = v.required_date(check, "asOf");
    let (metric, qualifier) = (v.get("metric").parse(), v.get("qualifier").parse());
    if let (Some(value), Some(as_of), Ok(metric), Ok(qualifier)) = (value, as_of, metric, qualifier)
    {
        let draft = KeyFigureDraft::<()> {
            organisation: (),
            metric,
            value: value.into(),
            qualifier,
            as_of,
            source: None,
        };
        drafted(check, draft.check().err());
    }
    obj(vec![
        ("organisationId", org_id),
        ("metric", Value::from(v.get("metric"))),
        ("value", Value::from(value)),
        ("qualifier", Value::from(v.get("qualifier"))),
        ("asOf", Value::from(v.get("asOf"))),
        ("sourceId", v.opt("sourceId")),
    ])
}

#[cfg(test)]
mod tests {
    use crate::i18n::{DE, EN};

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for (de, en) in [
            (DE.people.edit_person, EN.people.edit_person),
            (DE.people.edit_figure, EN.people.edit_figure),
        ] {
            let holes = |s: &str| s.matches('{').count();
            assert_eq!(holes(de), holes(en), "{de} / {en}");
        }
        assert!(
            DE.people.edit_figure.contains("{metric}") && EN.people.edit_figure.contains("{date}")
        );
    }
}
