//! The forms pages build from [`super::form`]: a list page's form for a new record, a detail
//! page's forms that change its record (its fields, or one day such as a notice), each under
//! a `<details>` summary, and the choices of records they offer.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use super::{
    Check, Field, Values, add, el, field,
    form::{Done, Send, Submit, form, say_next, status_element},
    mount, text,
};
use verbund_shared::access::Role;

use crate::{
    api::{ops::EDIT, read::obj},
    auth::allowed,
    components::parts::href,
    i18n::{fill, use_i18n},
    router::use_location,
};

/// A list page's lead paragraph `lead`; with `create` (for editors), the form that records
/// a new entry under its summary and the status region it reports into. Built here rather
/// than in each page's view, so the list pages share one copy of it.
pub fn intro(lead: &str, create: Option<(&str, Element)>) -> AnyView {
    let all = el("div", "");
    text(&all, "p", lead).set_class_name("lead");
    if let Some((summary, form)) = create {
        status_element(&all);
        let forms = add(&all, "div", "edit-forms");
        let _ = forms.append_child(&disclosure(summary, &form));
    }
    mount(all)
}

/// A `<details>` with `summary` around `content`.
pub fn disclosure(summary: &str, content: &Element) -> Element {
    let details = el("details", "edit");
    text(&details, "summary", summary);
    let _ = details.append_child(content);
    details
}

/// A page's edit forms, each in a `<details>` under its summary.
pub fn edit_forms(forms: Vec<(&str, Element)>) -> AnyView {
    let all = el("div", "edit-forms");
    for (summary, content) in forms {
        let _ = all.append_child(&disclosure(summary, &content));
    }
    mount(all)
}

/// What a form of a detail page does when its change is saved: load the record again.
pub fn reloads(reload: &Rc<dyn Fn()>) -> Done {
    let reload = reload.clone();
    Rc::new(move |_| reload())
}

/// Checks a day of a [`day_form`] further than that it is given and well-formed.
pub type DayRule = Box<dyn Fn(chrono::NaiveDate, &mut Check)>;

/// The rule of a last day (`name`): not before the `first` day, when that is known. The
/// server's rule, checked in the browser first.
pub fn ends_after(name: &'static str, first: Option<chrono::NaiveDate>) -> Option<DayRule> {
    Some(Box::new(move |last, check| {
        if let Some(first) = first {
            check.period(name, first, Some(last));
        }
    }))
}

/// A detail page's form of one day, the input `name` with `label`, that `operation` of the
/// edit document takes with the record's `id` and `version` (notice, an end, a last day);
/// `rule` checks the day further. The record is reloaded after a change.
pub fn day_form(
    (form_id, operation): (&str, &'static str),
    (id, version): (String, Option<i64>),
    (name, label): (&'static str, &'static str),
    submit_label: &str,
    rule: Option<DayRule>,
    reload: &Rc<dyn Fn()>,
) -> Element {
    form(
        form_id,
        vec![field(name, label, "date", "")],
        submit_label,
        Box::new(move |v, check| {
            if let (Some(day), Some(rule)) = (v.required_date(check, name), &rule) {
                rule(day, check);
            }
            Send {
                document: EDIT,
                operation,
                variables: obj(vec![
                    ("id", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                    (name, Value::from(v.get(name))),
                ]),
            }
        }),
        reloads(reload),
        reload.clone(),
    )
}

/// A detail page's form that deletes the record `id` at `version` (named `name`) with the
/// `operation` of the edit document, after the sentence `lead` saying what that means; once
/// deleted, the list page `base` opens and says so. A refusal (the record still referred to,
/// or changed meanwhile) is said in the page's status region.
pub fn delete_form(
    (form_id, operation): (&str, &'static str),
    (id, version): (String, Option<i64>),
    (lead, name): (&str, String),
    base: &'static str,
    reload: &Rc<dyn Fn()>,
) -> Element {
    let t = use_i18n().t();
    let location = use_location();
    let form = form(
        form_id,
        Vec::new(),
        t.delete_confirm,
        edit(
            operation,
            Box::new(move |_, _| {
                obj(vec![
                    ("id", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                ])
            }),
        ),
        Rc::new(move |_| {
            say_next(fill(t.deleted, &[("name", &name)]));
            location.go(base, false, true);
        }),
        reload.clone(),
    );
    let sentence = el("p", "");
    sentence.set_text_content(Some(lead));
    let _ = form.insert_before(&sentence, form.first_child().as_ref());
    form
}

/// Builds a record's new fields (an API input object) from a form; problems go into the check.
pub type Input = Box<dyn Fn(&Values, &mut Check) -> Value>;

/// A form's request: the `operation` of the edit document with the `variables` it builds.
pub fn edit(operation: &'static str, variables: Input) -> Submit {
    Box::new(move |v, check| Send {
        document: EDIT,
        operation,
        variables: variables(v, check),
    })
}

/// A detail page's form that changes the fields of the record `id` at `version` with the
/// `operation` of the edit document (arguments `id`, `version`, `input`), then reloads it.
pub fn update_form(
    form_id: &str,
    operation: &'static str,
    (id, version): (String, Option<i64>),
    fields: Vec<Field>,
    input: Input,
    reload: &Rc<dyn Fn()>,
) -> Element {
    form(
        form_id,
        fields,
        use_i18n().t().save,
        edit(
            operation,
            Box::new(move |v, check| {
                obj(vec![
                    ("id", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                    ("input", input(v, check)),
                ])
            }),
        ),
        reloads(reload),
        reload.clone(),
    )
}

/// A list page's form that records something new with the `operation` of the edit document
/// (its `variables` built from the form), then opens the new record's page under `base`.
pub fn create_form(
    form_id: &str,
    operation: &'static str,
    fields: Vec<Field>,
    variables: Input,
    base: &'static str,
) -> Element {
    let location = use_location();
    form(
        form_id,
        fields,
        use_i18n().t().create,
        edit(operation, variables),
        Rc::new(move |data| {
            // The answer's one field is the new record.
            let id = data
                .as_object()
                .and_then(|fields| fields.values().next())
                .and_then(|record| record["id"].as_str())
                .unwrap_or_default();
            location.go(&href(base, id), false, true);
        }),
        // Nothing new can have changed meanwhile.
        Rc::new(|| {}),
    )
}

/// A list page's form for a new record whose one argument is its `input`, under `summary`;
/// nothing for viewers.
pub fn new_record(
    summary: &'static str,
    (form_id, operation): (&str, &'static str),
    fields: Vec<Field>,
    input: Input,
    base: &'static str,
) -> Option<(&'static str, Element)> {
    if !allowed(Role::Editor) {
        return None;
    }
    let variables: Input = Box::new(move |v, check| obj(vec![("input", input(v, check))]));
    Some((
        summary,
        create_form(form_id, operation, fields, variables, base),
    ))
}

/// The choices of a select of records: none, then each of `records` by its `name`.
pub fn records(none: &str, records: &[Value], name: &str) -> Vec<(String, String)> {
    let mut choices = vec![(String::new(), none.to_owned())];
    choices.extend(records.iter().map(|r| {
        let text = |key: &str| r[key].as_str().unwrap_or_default().to_owned();
        (text("id"), text(name))
    }));
    choices
}
