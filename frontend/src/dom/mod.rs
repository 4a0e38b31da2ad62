//! A small, non-generic way to build the DOM of forms and admin pages. Leptos views are
//! generic: every `view!` brings its own copy of the rendering code into the wasm. Forms and
//! tables built here share one copy of a few functions, which keeps the app within its size
//! budget. They are mounted into Leptos views with [`mount`].
//!
//! This module builds elements and sends requests; [`fields`] describes a form's inputs and
//! reads what they hold, [`combo`] is the input that chooses among any number of records, [`form`] draws and sends a form and reports what became of it, and
//! [`edit`] holds the forms the pages build from it (new records, changes, single days).

mod combo;
mod day;
mod edit;
mod fields;
mod form;
mod listbox;

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use leptos::{html, prelude::*, task::spawn_local_scoped};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Element, Event};

use crate::{
    api::{ApiError, call},
    i18n::{Texts, use_i18n},
};

pub use combo::{Asking, CONTRACTS, ORGANISATIONS, SERVICES, SOURCES, held};
pub use day::{day_field, typed_day};
pub use edit::{
    create_form, day_form, delete_form, disclosure, edit, edit_forms, ends_after, intro,
    new_record, records, reloads, update_form,
};
pub use fields::{Check, Field, Values, choice, drafted, field, pick, search};
pub use form::{Send, form, say, status_element, status_region};
pub use listbox::{mark_active, next_option};

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
/// The handler runs within the reactive owner current now (the page's), so what it builds
/// reads the page's context, such as its language, as code run while the page is drawn does.
pub fn on(element: &Element, event: &str, mut handler: Box<dyn FnMut(Event)>) {
    let owner = Owner::current();
    let closure = Closure::wrap(Box::new(move |event: Event| match &owner {
        Some(owner) => owner.with(|| handler(event)),
        None => handler(event),
    }) as Box<dyn FnMut(Event)>);
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

/// A JavaScript property of `target`: an element's (`value`, `checked`), a file's (`name`,
/// `size`).
pub fn prop(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls the JavaScript method `name` of `target` with `args`; undefined when it fails.
pub fn invoke(target: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.apply(target, &args.iter().collect()).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Moves the focus to `element`.
pub fn focus(element: &Element) {
    invoke(element, "focus", &[]);
}

/// A section with a heading `title` (its id `id`) around `content`.
pub fn titled(title: &str, id: &str, content: Element) -> Element {
    let section = el("section", "");
    set(&section, "aria-labelledby", id);
    set(&text(&section, "h2", title), "id", id);
    let _ = section.append_child(&content);
    section
}

/// Puts `node` into a Leptos view.
pub fn mount(node: Element) -> AnyView {
    let holder = NodeRef::<html::Div>::new();
    let node = Cell::new(Some(node));
    Effect::new(move || {
        if let (Some(div), Some(node)) = (holder.get(), node.take()) {
            // A view rebuilt in place (another language) keeps its element: what it held
            // before goes.
            div.replace_children_with_node_1(&node);
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

/// A function made later than those that call it.
pub type Later<F> = Rc<RefCell<Option<Rc<F>>>>;

/// Shows a loaded answer; gets the function that loads it again (for its forms and buttons).
pub type ShowReloading = dyn Fn(&Value, Rc<dyn Fn()>) -> Element;

/// Like [`fill_with`], but `show` gets the function that asks again, made only after it.
pub fn fill_reloading(
    target: Element,
    document: &'static str,
    operation: &'static str,
    variables: Value,
    show: Rc<ShowReloading>,
) -> Rc<dyn Fn()> {
    let later: Later<dyn Fn()> = Rc::new(RefCell::new(None));
    let reload: Rc<dyn Fn()> = {
        let later = later.clone();
        Rc::new(move || {
            let again = later.borrow().clone();
            if let Some(again) = again {
                again();
            }
        })
    };
    let again = fill_with(
        target,
        document,
        operation,
        variables,
        Rc::new(move |d| show(d, reload.clone())),
    );
    *later.borrow_mut() = Some(again.clone());
    again
}

/// A button `label` (named `name` for screen readers) in `parent` that sends what `request`
/// makes, then reloads the list; a refusal is said in the status region.
pub fn action_button(
    t: &'static Texts,
    parent: &Element,
    label: &str,
    name: &str,
    request: Rc<dyn Fn() -> Send>,
    reload: Rc<dyn Fn()>,
) {
    let b = button(
        parent,
        label,
        Box::new(move || {
            let Send {
                document,
                operation,
                variables,
            } = request();
            let reload = reload.clone();
            send(
                document,
                operation,
                variables,
                Box::new(move |answer| match answer {
                    Ok(_) => reload(),
                    Err(error) => say(t, t.error(&error), "field-error", None),
                }),
            );
        }),
    );
    set(&b, "aria-label", name);
    b.set_class_name("button button-small cell-action");
    parent.set_class_name("cell-with-action");
}
