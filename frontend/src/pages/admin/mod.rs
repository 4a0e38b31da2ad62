//! The administration pages (admins only; the server refuses others): staff accounts
//! ([`users`]), partner tokens ([`tokens`]) and the audit log ([`audit`]). Their operations
//! (`queries/admin.graphql`) are sent untyped and read from JSON, like the forms; this module
//! holds the frame they share.

mod audit;
mod tokens;
mod users;

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use crate::{
    api::{ops::ADMIN, read::obj},
    components::title::set_title,
    dom::{Send, add, button, el, fill_with, mount, say, send, set, status_region, text},
    i18n::Texts,
};

/// Shows a loaded list; gets the function that loads it again.
type ShowList = dyn Fn(&Value, Rc<dyn Fn()>) -> Element;
/// A function made later than those that call it.
type Later<F> = Rc<RefCell<Option<Rc<F>>>>;

/// `/admin/users`, `/admin/tokens` and `/admin/audit`: one page that picks its section.
#[component]
pub fn AdminPage() -> impl IntoView {
    let section = crate::router::use_location()
        .pathname
        .with_untracked(|p| crate::router::segment(p, 1));
    match section.as_str() {
        "users" => users::page(),
        "tokens" => tokens::page(),
        "audit" => audit::page(),
        _ => crate::pages::not_found::NotFoundPage().into_any(),
    }
}

/// A page of `title` and `intro`: the list that `operation` loads, shown by `show`, then a
/// section `create` with a form. `show` and the form get the function that reloads the list.
fn admin_page(
    title: &'static str,
    intro: &'static str,
    operation: &'static str,
    show: Rc<ShowList>,
    create: impl FnOnce(Rc<dyn Fn()>) -> Element,
) -> AnyView {
    set_title(title);
    let page = el("div", "");
    let list = add(&page, "div", "");
    // The list's reload is made after the list: `show` reaches it through this cell.
    let reload_cell: Later<dyn Fn()> = Rc::new(RefCell::new(None));
    let reload: Rc<dyn Fn()> = {
        let cell = reload_cell.clone();
        Rc::new(move || {
            if let Some(again) = cell.borrow().clone() {
                again();
            }
        })
    };
    let shown = reload.clone();
    let again = fill_with(
        list.clone(),
        ADMIN,
        operation,
        Value::Null,
        Rc::new(move |d| show(d, shown.clone())),
    );
    *reload_cell.borrow_mut() = Some(again);
    let _ = page.append_child(&create(reload));
    view! {
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        {status_region()}
        {mount(page)}
    }
    .into_any()
}

/// A section with a heading `title` around `content`.
fn titled(title: &str, id: &str, content: Element) -> Element {
    let section = el("section", "");
    set(&section, "aria-labelledby", id);
    set(&text(&section, "h2", title), "id", id);
    let _ = section.append_child(&content);
    section
}

/// Operation `operation` of the admin document with its one variable `input`.
fn with_input(operation: &'static str, input: Value) -> Send {
    Send {
        document: ADMIN,
        operation,
        variables: obj(vec![("input", input)]),
    }
}

/// A button `label` (named `name` for screen readers) in `parent` that sends what `request`
/// makes, then reloads the list; a refusal is said in the status region.
fn action_button(
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
