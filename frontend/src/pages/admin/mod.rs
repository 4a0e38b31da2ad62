//! The administration pages (admins only; the server refuses others): staff accounts
//! ([`users`]), partner tokens ([`tokens`]), persisted operations ([`operations`]) and the
//! audit log ([`audit`]). Their operations (`queries/admin.graphql`) are sent untyped and read
//! from JSON, like the forms; this module holds the frame they share.

mod audit;
mod operations;
mod tokens;
mod users;

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use crate::{
    api::{ops::ADMIN, read::obj},
    components::title::set_title,
    dom::{Later, Send, ShowReloading, add, el, fill_reloading, mount, status_region, titled},
};

/// `/admin/users`, `/admin/tokens`, `/admin/operations` and `/admin/audit`: one page that picks its section.
#[component]
pub fn AdminPage() -> impl IntoView {
    let section = crate::router::use_location()
        .pathname
        .with_untracked(|p| crate::router::segment(p, 1));
    match section.as_str() {
        "users" => users::page(),
        "tokens" => tokens::page(),
        "operations" => operations::page(),
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
    show: Rc<ShowReloading>,
    create: impl FnOnce(Rc<dyn Fn()>) -> Element,
) -> AnyView {
    set_title(title);
    let page = el("div", "");
    let list = add(&page, "div", "");
    let reload = fill_reloading(list, ADMIN, operation, Value::Null, show);
    let _ = page.append_child(&create(reload));
    view! {
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        {status_region()}
        {mount(page)}
    }
    .into_any()
}

/// Operation `operation` of the admin document with its one variable `input`.
fn with_input(operation: &'static str, input: Value) -> Send {
    Send {
        document: ADMIN,
        operation,
        variables: obj(vec![("input", input)]),
    }
}
