//! A form drawn from its [`Field`]s: its inputs with labels and places for their problems,
//! the browser's checks on submit, the request, and what became of it said in the page's
//! status region.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use verbund_shared::validate::FieldError;

use super::{Check, Field, Values, add, button, el, on, prop, send, set, text};
use crate::{
    api::ApiError,
    i18n::{Texts, fill, use_i18n},
};

/// What a form sends: an operation of one of the app's documents, with its variables.
#[derive(Debug)]
pub struct Send {
    pub document: &'static str,
    pub operation: &'static str,
    pub variables: Value,
}

/// Builds the form's request from its values; problems go into the check.
pub type Submit = Box<dyn Fn(&Values, &mut Check) -> Send>;
/// Gets the data of a successful answer.
pub type Done = Rc<dyn Fn(Value)>;

/// One drawn input: its name in the API, its kind, the element and where its problem shows.
struct Input {
    name: &'static str,
    kind: &'static str,
    element: Element,
    error: Element,
}

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
    let inputs = Rc::new(draw_inputs(&form, id, fields));
    let send_button = text(&form, "button", submit_label);
    set(&send_button, "type", "submit");
    send_button.set_class_name("button");

    let t = use_i18n().t();
    on(
        &form,
        "submit",
        Box::new(move |event| {
            event.prevent_default();
            let mut check = Check::new();
            let request = submit(&values(t, &inputs), &mut check);
            untaken(t, &inputs, &mut check);
            if let Err(errors) = check.finish() {
                show_errors(&inputs, &errors);
                say(t, t.form_invalid, "field-error", None);
                return;
            }
            show_errors(&inputs, &[]);
            // A form that only changes what the page shows sends nothing itself.
            if request.operation.is_empty() {
                return;
            }
            let (inputs, done, reload) = (inputs.clone(), done.clone(), reload.clone());
            let operation = request.operation;
            let sent = request.variables.get("version").and_then(Value::as_i64);
            send(
                request.document,
                operation,
                request.variables,
                Box::new(move |answer| match answer {
                    Ok(data) => {
                        say(t, t.form_saved, "callout", None);
                        done(data);
                    }
                    Err(error) => refused(t, &inputs, (operation, sent), error, reload),
                }),
            );
        }),
    );
    form
}

/// Draws each field into `form` (neighbours with the same legend in one fieldset), its
/// input's id made from `id` and its name.
fn draw_inputs(form: &Element, id: &str, fields: Vec<Field>) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut group: Option<(&str, Element)> = None;
    for f in fields {
        let parent = if f.group.is_empty() {
            group = None;
            form.clone()
        } else {
            match &group {
                Some((legend, set)) if *legend == f.group => set.clone(),
                _ => {
                    let set = add(form, "fieldset", "field-group");
                    text(&set, "legend", f.group);
                    group = Some((f.group, set.clone()));
                    set
                }
            }
        };
        inputs.push(draw_input(&parent, &format!("{id}-{}", f.name), f));
    }
    inputs
}

/// One field with its label and the place for its problem, in `parent`.
fn draw_input(parent: &Element, input_id: &str, f: Field) -> Input {
    let checkbox = f.kind == "checkbox";
    let wrap = add(
        parent,
        "div",
        if checkbox { "field check" } else { "field" },
    );
    let label = el("label", "");
    label.set_text_content(Some(f.label));
    set(&label, "for", input_id);
    // What goes into the field beside the label: the input, or a date field around it.
    let mut placed = None;
    let input = match f.kind {
        "select" => {
            let select = el("select", "");
            for (code, name) in &f.options {
                let option = text(&select, "option", name);
                set(&option, "value", code);
                if *code == f.value {
                    set(&option, "selected", "");
                }
            }
            select
        }
        "textarea" => {
            let area = el("textarea", "");
            area.set_text_content(Some(&f.value));
            area
        }
        "date" => {
            let i18n = use_i18n();
            let (day, input) = super::day_field(i18n.t(), i18n.lang(), &f.value);
            placed = Some(day);
            input
        }
        "combo" => {
            let shown = f.options.first().map_or("", |(_, name)| name.as_str());
            let asking = f
                .asking
                .clone()
                .unwrap_or_else(|| super::Asking::of(&super::SOURCES));
            let (combo, input) =
                super::combo::combo(use_i18n().t(), input_id, asking, (&f.value, shown));
            placed = Some(combo);
            input
        }
        kind => {
            let input = el("input", "");
            set(&input, "type", kind);
            if checkbox {
                let _ =
                    js_sys::Reflect::set(&input, &"checked".into(), &(f.value == "true").into());
            } else {
                set(&input, "value", &f.value);
            }
            input
        }
    };
    set(&input, "id", input_id);
    set(&input, "name", f.name);
    // A checkbox comes before its label, every other input after it.
    let placed = placed.unwrap_or_else(|| input.clone());
    let (first, second) = if checkbox {
        (&placed, &label)
    } else {
        (&label, &placed)
    };
    let _ = wrap.append_child(first);
    let _ = wrap.append_child(second);
    let error = add(&wrap, "p", "field-error");
    set(&error, "id", &format!("{input_id}-error"));
    set(&error, "hidden", "");
    Input {
        name: f.name,
        kind: f.kind,
        element: input,
        error,
    }
}

/// What the inputs hold now; problems found in them are told with `t`.
fn values(t: &'static Texts, inputs: &[Input]) -> Values {
    Values {
        pairs: inputs
            .iter()
            .map(|input| {
                let key = if input.kind == "checkbox" {
                    "checked"
                } else {
                    "value"
                };
                let value = prop(&input.element, key);
                let value = value
                    .as_string()
                    .or_else(|| value.as_bool().map(|b| b.to_string()))
                    .unwrap_or_default();
                // A combobox's value is the record taken, not the text typed.
                let value = if input.kind == "combo" {
                    input.element.get_attribute("data-id").unwrap_or_default()
                } else {
                    value
                };
                let value = if input.kind == "date" {
                    super::day::as_sent(value)
                } else {
                    value
                };
                (input.name, value)
            })
            .collect(),
        t,
    }
}

/// Reports each combobox that holds a text but no record taken from its offers: what was
/// typed would otherwise be sent as no choice.
fn untaken(t: &'static Texts, inputs: &[Input], check: &mut Check) {
    for input in inputs.iter().filter(|input| input.kind == "combo") {
        let typed = prop(&input.element, "value")
            .as_string()
            .unwrap_or_default();
        let taken = input.element.get_attribute("data-id").unwrap_or_default();
        if !typed.trim().is_empty() && taken.is_empty() {
            check.fail(input.name, t.combo_untaken);
        }
    }
}

/// Shows each of `errors` next to its input and moves the focus to the first; clears the
/// inputs without one.
fn show_errors(inputs: &[Input], errors: &[FieldError]) {
    let mut first = true;
    for input in inputs {
        let (element, error) = (&input.element, &input.error);
        match errors.iter().find(|e| e.field == input.name) {
            Some(e) => {
                error.set_text_content(Some(&e.message));
                let _ = error.remove_attribute("hidden");
                set(element, "aria-invalid", "true");
                set(element, "aria-describedby", &error.id());
                if first {
                    super::focus(element);
                    first = false;
                }
            }
            None => {
                set(error, "hidden", "");
                let _ = element.remove_attribute("aria-invalid");
                let _ = element.remove_attribute("aria-describedby");
            }
        }
    }
}

/// Says why the server refused the form's `operation`, sent with the record's version `sent`
/// (if it has one).
fn refused(
    t: &'static Texts,
    inputs: &[Input],
    (operation, sent): (&str, Option<i64>),
    error: ApiError,
    reload: Rc<dyn Fn()>,
) {
    match error {
        ApiError::Fields(errors) => {
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|e| FieldError {
                    message: t.refusal(operation, &e.field).unwrap_or(e.message),
                    field: e.field,
                })
                .collect();
            show_errors(inputs, &errors);
            // What the form has no input for is said in words.
            let elsewhere: Vec<&str> = errors
                .iter()
                .filter(|e| !inputs.iter().any(|input| e.field == input.name))
                .map(|e| e.message.as_str())
                .collect();
            let message = if elsewhere.is_empty() {
                t.form_invalid.to_owned()
            } else {
                elsewhere.join(" ")
            };
            say(t, &message, "field-error", None);
        }
        // A deletion refused although nothing changed meanwhile (the version sent is the
        // current one; or, when a reference came between the register's check and the
        // deletion, the database found it and names no version): other records refer to it.
        ApiError::Conflict(current)
            if current.is_none_or(|c| Some(c) == sent) && t.in_use(operation).is_some() =>
        {
            say(
                t,
                t.in_use(operation).unwrap_or_default(),
                "state state-error",
                None,
            );
        }
        ApiError::Conflict(_) => say(t, t.form_conflict, "state state-error", Some(reload)),
        ApiError::SignedOut if operation == "Login" => {
            say(t, t.login_wrong, "field-error", None);
        }
        ApiError::RateLimited(secs) if operation == "Login" => {
            let message = fill(t.login_wait, &[("n", &secs.to_string())]);
            say(t, &message, "field-error", None);
        }
        error => say(t, t.error(&error), "field-error", None),
    }
}

/// The id of the page's status region.
const STATUS: &str = "form-status";

/// The page's live region for what became of a form.
pub fn status_region() -> AnyView {
    view! { <div id=STATUS class="form-status" role="status" aria-live="polite"></div> }.into_any()
}

thread_local! {
    /// What the next page's status region is to say first (after a record was deleted).
    static NEXT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Has the status region of the page opened next say `message` (what became of a form whose
/// page is left).
pub fn say_next(message: String) {
    NEXT.with(|next| *next.borrow_mut() = Some(message));
}

/// The page's live region as an element, for pages built with this module; it says what
/// [`say_next`] left for it.
pub fn status_element(parent: &Element) -> Element {
    let region = add(parent, "div", "form-status");
    set(&region, "id", STATUS);
    set(&region, "role", "status");
    set(&region, "aria-live", "polite");
    if let Some(message) = NEXT.with(|next| next.borrow_mut().take()) {
        let box_ = add(&region, "div", "callout");
        text(&box_, "p", &message);
    }
    region
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
