//! A small, non-generic way to build the DOM of forms and admin pages. Leptos views are
//! generic: every `view!` brings its own copy of the rendering code into the wasm. Forms and
//! tables built here share one copy of a few functions, which keeps the app within its size
//! budget. They are mounted into Leptos views with [`mount`].
//!
//! This module builds elements and sends requests; [`fields`] describes a form's inputs and
//! reads what they hold, [`form`] draws and sends a form and reports what became of it, and
//! [`edit`] holds the forms the pages build from it (new records, changes, single days).

mod edit;
mod fields;
mod form;

use std::{cell::Cell, rc::Rc};

use leptos::{html, prelude::*, task::spawn_local_scoped};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Element, Event};

use crate::{
    api::{ApiError, call},
    i18n::use_i18n,
};

pub use edit::{
    create_form, day_form, edit, edit_forms, intro, new_record, records, reloads, update_form,
};
pub use fields::{Check, Field, Values, choice, field, pick};
pub use form::{Send, form, say, status_region};

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
