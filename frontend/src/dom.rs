//! A small, non-generic way to build the DOM of forms and admin pages. Leptos views are
//! generic: every `view!` brings its own copy of the rendering code into the wasm. Forms and
//! tables built here share one copy of a few functions, which keeps the app within its size
//! budget. They are mounted into Leptos views with [`mount`].

use std::{cell::Cell, rc::Rc};

use leptos::{html, prelude::*, task::spawn_local_scoped};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Element, Event};

use crate::{
    api::{ApiError, call},
    i18n::{Texts, fill, use_i18n},
};

/// Sends `operation` of `document` and hands the answer to `then` (not when it was
/// aborted). Every request of the forms and admin pages goes through this one task.
pub fn send(
    document: &'static str,
    operation: &'static str,
    variables: Value,
    then: Box<dyn FnOnce(Result<Value, ApiError>)>,
) {
    spawn_local_scoped(async move {
        let answer = call(document, operation, variables).await;
        if answer != Err(ApiError::Aborted) {
            then(answer);
        }
    });
}

/// A new element `tag` with `class` (none when empty).
pub fn el(tag: &str, class: &str) -> Element {
    // Only invalid tag names fail, and the app passes fixed, valid ones.
    let element = document()
        .create_element(tag)
        .unwrap_or_else(|error| error.unchecked_into());
    if !class.is_empty() {
        element.set_class_name(class);
    }
    element
}

/// A new element `tag` with `class`, appended to `parent`.
pub fn add(parent: &Element, tag: &str, class: &str) -> Element {
    let element = el(tag, class);
    let _ = parent.append_child(&element);
    element
}

/// A new element `tag` holding `text`, appended to `parent`.
pub fn text(parent: &Element, tag: &str, text: &str) -> Element {
    let element = add(parent, tag, "");
    element.set_text_content(Some(text));
    element
}

/// Sets the attribute `name`.
pub fn set(element: &Element, name: &str, value: &str) {
    let _ = element.set_attribute(name, value);
}

/// Calls `handler` on every `event` of `element`.
pub fn on(element: &Element, event: &str, handler: Box<dyn FnMut(Event)>) {
    let closure = Closure::wrap(handler);
    let _ = element.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The listener lives as long as the element; the browser frees both together.
    closure.forget();
}

/// A button with `label` that calls `click`.
pub fn button(parent: &Element, label: &str, click: Box<dyn Fn()>) -> Element {
    let b = text(parent, "button", label);
    set(&b, "type", "button");
    b.set_class_name("button button-small");
    on(&b, "click", Box::new(move |_| click()));
    b
}

/// A JavaScript property of `element` (`value`, `checked`).
pub fn prop(element: &Element, name: &str) -> JsValue {
    js_sys::Reflect::get(element, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Puts `node` into a Leptos view.
pub fn mount(node: Element) -> AnyView {
    let holder = NodeRef::<html::Div>::new();
    let node = Cell::new(Some(node));
    Effect::new(move || {
        if let (Some(div), Some(node)) = (holder.get(), node.take()) {
            let _ = div.append_child(&node);
        }
    });
    view! { <div class="dom" node_ref=holder></div> }.into_any()
}

/// A table with a hidden `caption`, `headers` and rows of cells (`td` elements).
pub fn table(caption: &str, headers: &[&str], rows: Vec<Vec<Element>>) -> Element {
    let wrap = el("div", "table-wrap");
    let table = add(&wrap, "table", "data-table");
    text(&table, "caption", caption).set_class_name("visually-hidden");
    let head = add(&add(&table, "thead", ""), "tr", "");
    for header in headers {
        set(&text(&head, "th", header), "scope", "col");
    }
    let body = add(&table, "tbody", "");
    for cells in rows {
        let tr = add(&body, "tr", "");
        for cell in cells {
            let _ = tr.append_child(&cell);
        }
    }
    wrap
}

/// A table cell holding `content`.
pub fn cell(content: &str) -> Element {
    let td = el("td", "");
    td.set_text_content(Some(content));
    td
}

/// Fills `target` with what `operation` answers, shown by `show`; loading and errors are
/// said in words. Answers a function that asks again.
pub fn fill_with(
    target: Element,
    document: &'static str,
    operation: &'static str,
    variables: Value,
    show: Rc<dyn Fn(&Value) -> Element>,
) -> Rc<dyn Fn()> {
    let t = use_i18n().t();
    let again: Rc<dyn Fn()> = Rc::new(move || {
        target.set_text_content(None);
        set(&text(&target, "p", t.loading), "role", "status");
        let (target, show) = (target.clone(), show.clone());
        send(
            document,
            operation,
            variables.clone(),
            Box::new(move |answer| {
                target.set_text_content(None);
                match answer {
                    Ok(data) => {
                        let _ = target.append_child(&show(&data));
                    }
                    Err(error) => {
                        let p = text(&target, "p", t.error(&error));
                        p.set_class_name("state state-error");
                        set(&p, "role", "alert");
                    }
                }
            }),
        );
    });
    again();
    again
}

/// One input of a [`form`]: its name in the API, label, type (`text`, `date`, `number`,
/// `password`, `checkbox`, `select`, `textarea`), first value and, for `select`, the options.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
    /// The legend of the fieldset it sits in (none when empty); neighbours with the same
    /// legend share one.
    pub group: &'static str,
}

impl Field {
    /// This input inside the fieldset `legend`.
    #[must_use]
    pub fn within(self, legend: &'static str) -> Self {
        Self {
            group: legend,
            ..self
        }
    }
}

/// An input of `kind`.
pub fn field(name: &'static str, label: &'static str, kind: &'static str, value: &str) -> Field {
    Field {
        name,
        label,
        kind,
        value: value.to_owned(),
        options: Vec::new(),
        group: "",
    }
}

/// A choice of `options` (code, label).
pub fn choice(
    name: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(&'static str, &'static str)>,
) -> Field {
    let options = options
        .into_iter()
        .map(|(code, label)| (code.to_owned(), label.to_owned()))
        .collect();
    pick(name, label, value, options)
}

/// A choice of `options` read from an answer (records by ID and name).
pub fn pick(
    name: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(String, String)>,
) -> Field {
    Field {
        options,
        ..field(name, label, "select", value)
    }
}

/// What a form holds when it is sent.
#[derive(Debug)]
pub struct Values(Vec<(&'static str, String)>);

impl Values {
    /// The text of `name`, trimmed (`"true"`/`"false"` for a checkbox).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// The text of `name`, or null when it is empty.
    pub fn opt(&self, name: &str) -> Value {
        match self.get(name) {
            "" => Value::Null,
            text => Value::String(text.to_owned()),
        }
    }

    /// The day in `name`, if any; a malformed one is reported.
    pub fn date(&self, check: &mut Check, name: &str) -> Option<chrono::NaiveDate> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let day = crate::format::parse_iso(text);
        if day.is_none() {
            check.fail(name, "a day such as 2024-12-31");
        }
        day
    }

    /// The day in `name`, which must be given.
    pub fn required_date(&self, check: &mut Check, name: &str) -> Option<chrono::NaiveDate> {
        if self.get(name).is_empty() {
            check.fail(name, "give a day");
        }
        self.date(check, name)
    }

    /// The whole number in `name`, if any; anything else is reported.
    pub fn number(&self, check: &mut Check, name: &str) -> Option<i32> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let n = text.parse().ok();
        if n.is_none() {
            check.fail(name, "a whole number");
        }
        n
    }
}

pub use verbund_shared::validate::Check;

/// What a form sends: an operation of one of the app's documents, with its variables.
#[derive(Debug)]
pub struct Send {
    pub document: &'static str,
    pub operation: &'static str,
    pub variables: Value,
}

/// Shows the problems of a form next to their inputs (none: clears them).
type ShowErrors = dyn Fn(&[verbund_shared::validate::FieldError]);

/// Builds the form's request from its values; problems go into the check.
pub type Submit = Box<dyn Fn(&Values, &mut Check) -> Send>;
/// Gets the data of a successful answer.
pub type Done = Rc<dyn Fn(Value)>;

/// A form of `fields` with its submit button. On submit it runs the browser's checks, shows
/// each problem next to its input (linked by `aria-describedby`), then sends the request and
/// reports into the page's status region: saved, refused per field, or — when the record
/// changed meanwhile — a message with a button that calls `reload`.
pub fn form(
    id: &str,
    fields: Vec<Field>,
    submit_label: &str,
    submit: Submit,
    done: Done,
    reload: Rc<dyn Fn()>,
) -> Element {
    let form = el("form", "form");
    set(&form, "novalidate", "");
    let mut inputs = Vec::new();
    let mut group: Option<(&str, Element)> = None;
    for f in fields {
        let input_id = format!("{id}-{}", f.name);
        let parent = if f.group.is_empty() {
            group = None;
            form.clone()
        } else {
            match &group {
                Some((legend, set)) if *legend == f.group => set.clone(),
                _ => {
                    let set = add(&form, "fieldset", "field-group");
                    text(&set, "legend", f.group);
                    group = Some((f.group, set.clone()));
                    set
                }
            }
        };
        let wrap = add(
            &parent,
            "div",
            if f.kind == "checkbox" {
                "field check"
            } else {
                "field"
            },
        );
        let label = el("label", "");
        label.set_text_content(Some(f.label));
        set(&label, "for", &input_id);
        let input = if f.kind == "select" {
            let select = el("select", "");
            for (code, name) in &f.options {
                let option = text(&select, "option", name);
                set(&option, "value", code);
                if *code == f.value {
                    set(&option, "selected", "");
                }
            }
            select
        } else if f.kind == "textarea" {
            let area = el("textarea", "");
            area.set_text_content(Some(&f.value));
            area
        } else {
            let input = el("input", "");
            set(&input, "type", f.kind);
            if f.kind == "checkbox" {
                let _ =
                    js_sys::Reflect::set(&input, &"checked".into(), &(f.value == "true").into());
            } else {
                set(&input, "value", &f.value);
            }
            input
        };
        set(&input, "id", &input_id);
        set(&input, "name", f.name);
        if f.kind == "checkbox" {
            let _ = wrap.append_child(&input);
            let _ = wrap.append_child(&label);
        } else {
            let _ = wrap.append_child(&label);
            let _ = wrap.append_child(&input);
        }
        let error = add(&wrap, "p", "field-error");
        set(&error, "id", &format!("{input_id}-error"));
        set(&error, "hidden", "");
        inputs.push((f.name, f.kind, input, error));
    }
    let send_button = text(&form, "button", submit_label);
    set(&send_button, "type", "submit");
    send_button.set_class_name("button");

    let inputs = Rc::new(inputs);
    let show: Rc<ShowErrors> = {
        let inputs = inputs.clone();
        Rc::new(move |errors| {
            let mut first = true;
            for (name, _, input, error) in inputs.iter() {
                match errors.iter().find(|e| e.field == *name) {
                    Some(e) => {
                        error.set_text_content(Some(&e.message));
                        let _ = error.remove_attribute("hidden");
                        set(input, "aria-invalid", "true");
                        set(input, "aria-describedby", &error.id());
                        if first {
                            let _ = js_sys::Reflect::get(input, &"focus".into())
                                .ok()
                                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                                .map(|f| f.call0(input));
                            first = false;
                        }
                    }
                    None => {
                        set(error, "hidden", "");
                        let _ = input.remove_attribute("aria-invalid");
                        let _ = input.remove_attribute("aria-describedby");
                    }
                }
            }
        })
    };
    let t = use_i18n().t();
    on(
        &form,
        "submit",
        Box::new(move |event| {
            event.prevent_default();
            let values = Values(
                inputs
                    .iter()
                    .map(|(name, kind, input, _)| {
                        let key = if *kind == "checkbox" {
                            "checked"
                        } else {
                            "value"
                        };
                        let value = prop(input, key);
                        let value = value
                            .as_string()
                            .or_else(|| value.as_bool().map(|b| b.to_string()))
                            .unwrap_or_default();
                        (*name, value)
                    })
                    .collect(),
            );
            let mut check = Check::new();
            let request = submit(&values, &mut check);
            if let Err(errors) = check.finish() {
                show(&errors);
                say(t, t.form_invalid, "field-error", None);
                return;
            }
            show(&[]);
            // A form that only changes what the page shows sends nothing itself.
            if request.operation.is_empty() {
                return;
            }
            let (show, done, reload) = (show.clone(), done.clone(), reload.clone());
            let inputs = inputs.clone();
            let operation = request.operation;
            send(
                request.document,
                operation,
                request.variables,
                Box::new(move |answer| match answer {
                    Ok(data) => {
                        say(t, t.form_saved, "callout", None);
                        done(data);
                    }
                    Err(ApiError::Fields(errors)) => {
                        show(&errors);
                        // What the form has no input for is said in words.
                        let elsewhere: Vec<&str> = errors
                            .iter()
                            .filter(|e| !inputs.iter().any(|(name, ..)| e.field == *name))
                            .map(|e| e.message.as_str())
                            .collect();
                        let message = if elsewhere.is_empty() {
                            t.form_invalid.to_owned()
                        } else {
                            elsewhere.join(" ")
                        };
                        say(t, &message, "field-error", None);
                    }
                    Err(ApiError::Conflict) => {
                        say(t, t.form_conflict, "state state-error", Some(reload))
                    }
                    Err(ApiError::SignedOut) if operation == "Login" => {
                        say(t, t.login_wrong, "field-error", None);
                    }
                    Err(ApiError::RateLimited(secs)) => {
                        say(
                            t,
                            &fill(t.login_wait, &[("n", &secs.to_string())]),
                            "field-error",
                            None,
                        );
                    }
                    Err(error) => say(t, t.error(&error), "field-error", None),
                }),
            );
        }),
    );
    form
}

/// The id of the page's status region.
const STATUS: &str = "form-status";

/// The page's live region for what became of a form.
pub fn status_region() -> AnyView {
    view! { <div id=STATUS class="form-status" role="status" aria-live="polite"></div> }.into_any()
}

/// Says `message` in the status region; with `reload`, adds a button that reloads the record.
pub fn say(t: &'static Texts, message: &str, class: &str, reload: Option<Rc<dyn Fn()>>) {
    let Some(region) = document().get_element_by_id(STATUS) else {
        return;
    };
    region.set_text_content(None);
    let box_ = add(&region, "div", class);
    text(&box_, "p", message);
    if let Some(reload) = reload {
        let region = region.clone();
        button(
            &box_,
            t.form_reload,
            Box::new(move || {
                region.set_text_content(None);
                reload();
            }),
        );
    }
}

/// A list page's lead paragraph `lead`; with `create` (for editors), the form that records
/// a new entry under its summary and the status region it reports into. Built here rather
/// than in each page's view, so the list pages share one copy of it.
pub fn intro(lead: &str, create: Option<(&str, Element)>) -> AnyView {
    let all = el("div", "");
    text(&all, "p", lead).set_class_name("lead");
    if let Some((summary, form)) = create {
        let region = add(&all, "div", "form-status");
        set(&region, "id", STATUS);
        set(&region, "role", "status");
        set(&region, "aria-live", "polite");
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
                document: crate::api::ops::EDIT,
                operation,
                variables: crate::api::read::obj(vec![
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

/// Builds a record's new fields (an API input object) from a form; problems go into the check.
pub type Input = Box<dyn Fn(&Values, &mut Check) -> Value>;

/// A form's request: the `operation` of the edit document with the `variables` it builds.
pub fn edit(operation: &'static str, variables: Input) -> Submit {
    Box::new(move |v, check| Send {
        document: crate::api::ops::EDIT,
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
                crate::api::read::obj(vec![
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
    let location = crate::router::use_location();
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
            location.go(&crate::components::parts::href(base, id), false, true);
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
    if !crate::auth::allowed(verbund_shared::access::Role::Editor) {
        return None;
    }
    let variables: Input =
        Box::new(move |v, check| crate::api::read::obj(vec![("input", input(v, check))]));
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
