//! `/admin/users`: the staff accounts; create one, change its role, disable or enable it,
//! set a new password.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{Lang, access::Role};
use web_sys::Element;

use super::{admin_page, titled, with_input};
use crate::{
    api::read::{Read, choices, obj},
    dom::{Send, action_button, cell, choice, el, field, form, table},
    format::date_time,
    i18n::{Texts, use_i18n},
};

/// The accounts, and the form for a new one.
pub(super) fn page() -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let show = Rc::new(move |d: &Value, reload: Rc<dyn Fn()>| {
        let rows = d["users"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|u| user_row(t, lang, u, reload.clone()))
            .collect();
        table(
            t.nav_users,
            &[
                t.name,
                t.role,
                t.status,
                t.created_at,
                t.change_role,
                t.set_password,
            ],
            rows,
        )
    });
    admin_page(t.nav_users, t.users_intro, "Users", show, move |reload| {
        let done: Rc<dyn Fn(Value)> = Rc::new(move |_| reload());
        let create = form(
            "user",
            vec![
                field("name", t.name, "text", ""),
                choice("role", t.role, "VIEWER", choices::<Role>(lang)),
                field("password", t.password, "password", ""),
            ],
            t.create_user,
            Box::new(|v, check| {
                check.name("name", v.get("name"));
                check.password("password", v.get("password"));
                let input = obj(vec![
                    ("name", Value::from(v.get("name"))),
                    ("role", Value::from(v.get("role"))),
                    ("password", Value::from(v.get("password"))),
                ]);
                with_input("CreateUser", input)
            }),
            done,
            Rc::new(|| {}),
        );
        titled(t.create_user, "create-user-heading", create)
    })
}

/// One account with its actions; each sends `updateUser` with the version shown.
fn user_row(t: &'static Texts, lang: Lang, u: &Value, reload: Rc<dyn Fn()>) -> Vec<Element> {
    let (id, version, name) = (u.text("id"), u["version"].clone(), u.text("name"));
    let disabled = u["disabled"].as_bool().unwrap_or(false);
    let role = u.text("role");
    let label = choices::<Role>(lang)
        .into_iter()
        .find(|(code, _)| *code == role)
        .map_or("", |(_, l)| l);
    let update = move |change: Value| -> Send {
        let mut input = obj(vec![
            ("id", Value::from(id.as_str())),
            ("version", version.clone()),
        ]);
        if let (Some(input), Value::Object(change)) = (input.as_object_mut(), change) {
            input.extend(change);
        }
        with_input("UpdateUser", input)
    };
    let update = Rc::new(update);
    let done: Rc<dyn Fn(Value)> = {
        let reload = reload.clone();
        Rc::new(move |_| reload())
    };
    let prefix = format!(
        "user-{}",
        u.text("id")
            .replace(|c: char| !c.is_ascii_alphanumeric(), "")
    );
    let role_form = {
        let update = update.clone();
        form(
            &prefix,
            vec![choice("role", t.role, &role, choices::<Role>(lang))],
            t.change_role,
            Box::new(move |v, _| update(obj(vec![("role", Value::from(v.get("role")))]))),
            done.clone(),
            reload.clone(),
        )
    };
    let password_form = {
        let update = update.clone();
        form(
            &prefix,
            vec![field("password", t.new_password, "password", "")],
            t.set_password,
            Box::new(move |v, check| {
                check.password("password", v.get("password"));
                update(obj(vec![("password", Value::from(v.get("password")))]))
            }),
            done.clone(),
            reload.clone(),
        )
    };
    let state = cell(if disabled { t.disabled } else { t.active });
    let action = if disabled { t.enable } else { t.disable };
    action_button(
        t,
        &state,
        action,
        &format!("{action} {name}"),
        Rc::new(move || update(obj(vec![("disabled", Value::from(!disabled))]))),
        reload,
    );
    let wrap = |e: Element| {
        let td = el("td", "");
        let _ = td.append_child(&e);
        td
    };
    vec![
        cell(u.str("name")),
        cell(label),
        state,
        cell(&date_time(u.str("createdAt"))),
        wrap(role_form),
        wrap(password_form),
    ]
}
