//! A small, non-generic way to build the DOM of forms and admin pages. Leptos views are
//! generic: every `view!` brings its own copy of the rendering code into the wasm. Forms and
//! tables built here share one copy of a few functions, which keeps the app within its size
//! budget. They are mounted into Leptos views with [`mount`].

use std::rc::Rc;

use leptos::{prelude::*, task::spawn_local_scoped};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Element, Event};

use crate::{
    api::{ApiError, call},
    i18n::{fill, use_i18n},
};

/// A JSON object of `pairs`. Built by hand rather than with `json!`, whose serializer would
/// add code of its own for every type it meets.
pub fn obj(pairs: Vec<(&str, Value)>) -> Value {
    let mut map = serde_json::Map::new();
    for (key, value) in pairs {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

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
    view! { <div class="dom" use:attach=node></div> }.into_any()
}

/// Appends `node` to `host` when Leptos creates the host.
fn attach(host: Element, node: Element) {
    let _ = host.append_child(&node);
}

/// One input of a [`form`]: its name in the API, label, type (`text`, `date`, `number`,
/// `password`) and first value.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub value: String,
}

/// An input of `kind`.
pub fn field(name: &'static str, label: &'static str, kind: &'static str, value: &str) -> Field {
    Field {
        name,
        label,
        kind,
        value: value.to_owned(),
    }
}

/// What a form holds when it is sent.
#[derive(Debug)]
pub struct Values(Vec<(&'static str, String)>);

impl Values {
    /// The text of `name`, trimmed.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.trim())
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

/// Builds the form's request from its values; problems go into the check.
pub type Submit = Box<dyn Fn(&Values, &mut Check) -> Send>;
/// Shows each problem next to its input and clears the others.
type ShowErrors = dyn Fn(&[verbund_shared::validate::FieldError]);
/// Gets the data of a successful answer.
pub type Done = Rc<dyn Fn(Value)>;

/// A form of `fields` with its submit button. On submit it runs the browser's checks, shows
/// each problem next to its input (linked by `aria-describedby`), then sends the request and
/// reports a refusal into the page's status region; `done` gets the data of a success.
pub fn form(
    id: &str,
    fields: Vec<Field>,
    submit_label: &str,
    submit: Submit,
    done: Done,
) -> Element {
    let form = el("form", "form");
    set(&form, "novalidate", "");
    let mut inputs = Vec::new();
    for f in fields {
        let input_id = format!("{id}-{}", f.name);
        let wrap = add(&form, "div", "field");
        let label = text(&wrap, "label", f.label);
        set(&label, "for", &input_id);
        let input = add(&wrap, "input", "");
        set(&input, "type", f.kind);
        set(&input, "value", &f.value);
        set(&input, "id", &input_id);
        set(&input, "name", f.name);
        let error = add(&wrap, "p", "field-error");
        set(&error, "id", &format!("{input_id}-error"));
        set(&error, "hidden", "");
        inputs.push((f.name, input, error));
    }
    let send_button = text(&form, "button", submit_label);
    set(&send_button, "type", "submit");
    send_button.set_class_name("button");

    let inputs = Rc::new(inputs);
    let show: Rc<ShowErrors> = {
        let inputs = inputs.clone();
        Rc::new(move |errors| {
            for (name, input, error) in inputs.iter() {
                match errors.iter().find(|e| e.field == *name) {
                    Some(e) => {
                        error.set_text_content(Some(&e.message));
                        let _ = error.remove_attribute("hidden");
                        set(input, "aria-invalid", "true");
                        set(input, "aria-describedby", &error.id());
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
                    .map(|(name, input, _)| {
                        (*name, prop(input, "value").as_string().unwrap_or_default())
                    })
                    .collect(),
            );
            let mut check = Check::new();
            let request = submit(&values, &mut check);
            if let Err(errors) = check.finish() {
                show(&errors);
                say(t.form_invalid, "field-error");
                return;
            }
            show(&[]);
            // A form that only changes what the page shows sends nothing itself.
            if request.operation.is_empty() {
                return;
            }
            let done = done.clone();
            let operation = request.operation;
            send(
                request.document,
                operation,
                request.variables,
                Box::new(move |answer| match answer {
                    Ok(data) => done(data),
                    Err(ApiError::SignedOut) if operation == "Login" => {
                        say(t.login_wrong, "field-error");
                    }
                    Err(ApiError::RateLimited(secs)) => {
                        say(
                            &fill(t.login_wait, &[("n", &secs.to_string())]),
                            "field-error",
                        );
                    }
                    Err(error) => say(t.error(&error), "field-error"),
                }),
            );
        }),
    );
    form
}

/// The id of the page's status region.
const STATUS: &str = "form-status";

/// The page's live region for what became of a form.
pub fn status_region() -> Element {
    let region = el("div", "form-status");
    set(&region, "id", STATUS);
    set(&region, "role", "status");
    set(&region, "aria-live", "polite");
    region
}

/// Says `message` in the status region, styled by `class`.
pub fn say(message: &str, class: &str) {
    let Some(region) = document().get_element_by_id(STATUS) else {
        return;
    };
    region.set_text_content(None);
    text(&add(&region, "div", class), "p", message);
}
