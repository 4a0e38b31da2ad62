//! The sign-in form, shown instead of any page while nobody is signed in. The address stays
//! as it was, so after signing in the page that was asked for appears.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;

use crate::{
    api::{ops::AUTH, read::obj},
    auth::signed_in,
    components::title::set_title,
    dom::{Send, field, form, mount, status_region},
    i18n::use_i18n,
};

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_i18n().t();
    set_title(t.login_title);
    let login = form(
        "login",
        vec![
            field("name", t.name, "text", ""),
            field("password", t.password, "password", ""),
        ],
        t.login_submit,
        Box::new(move |v, check| {
            if v.get("name").is_empty() {
                check.fail("name", t.login_missing);
            }
            if v.get("password").is_empty() {
                check.fail("password", t.login_missing);
            }
            Send {
                document: AUTH,
                operation: "Login",
                variables: obj(vec![
                    ("name", Value::from(v.get("name"))),
                    ("password", Value::from(v.get("password"))),
                ]),
            }
        }),
        Rc::new(|data| signed_in(&data["login"]["me"])),
        Rc::new(|| {}),
    );
    view! {
        <h1>{t.login_title}</h1>
        <p class="lead">{t.login_intro}</p>
        {status_region()}
        {mount(login)}
    }
}
