//! The administration pages (admins only; the server refuses others): staff accounts,
//! partner tokens and the audit log. Their operations (`queries/admin.graphql`) are sent
//! untyped and read from JSON, like the forms.

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    Lang,
    access::{Role, Scope},
};
use web_sys::Element;

use crate::{
    api::{
        ops::{ADMIN, MEMBERS},
        read::{Read, obj},
    },
    components::{history::changes_table, title::set_title},
    dom::{
        Send, add, button, cell, choice, el, field, fill_with, form, mount, pick, records, say,
        send, status_region, table, text,
    },
    format::{iso, today},
    i18n::{Texts, use_i18n},
};

/// Shows a loaded list; gets the function that loads it again.
type ShowList = dyn Fn(&Value, Rc<dyn Fn()>) -> Element;
/// A function made later than those that call it.
type Later<F> = Rc<RefCell<Option<Rc<F>>>>;

/// The schema's names of the scopes, in the order of [`Scope::ALL`].
const SCOPE_CODES: [&str; 3] = ["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"];
/// The form's checkboxes of the scopes, in the same order.
const SCOPE_FIELDS: [&str; 3] = ["scopeMembers", "scopeContracts", "scopeCoverage"];

fn string(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// A day and time as `2026-11-27 08:15`.
fn when(v: &Value) -> String {
    string(v).replacen('T', " ", 1).chars().take(16).collect()
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
    crate::dom::set(&section, "aria-labelledby", id);
    crate::dom::set(&text(&section, "h2", title), "id", id);
    let _ = section.append_child(&content);
    section
}

fn roles(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), r.label(lang)))
        .collect()
}

/// `/admin/users`, `/admin/tokens` and `/admin/audit`: one page that picks its section.
#[component]
pub fn AdminPage() -> impl IntoView {
    let section = crate::router::use_location()
        .pathname
        .with_untracked(|p| crate::router::segment(p, 1));
    match section.as_str() {
        "users" => users_page(),
        "tokens" => tokens_page(),
        "audit" => audit_page(),
        _ => crate::pages::not_found::NotFoundPage().into_any(),
    }
}

/// The staff accounts; create one, change its role, disable or enable it, set a new
/// password.
fn users_page() -> AnyView {
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
                choice("role", t.role, "VIEWER", roles(lang)),
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
    let (id, version, name) = (string(&u["id"]), u["version"].clone(), string(&u["name"]));
    let disabled = u["disabled"].as_bool().unwrap_or(false);
    let role = string(&u["role"]);
    let label = roles(lang)
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
        string(&u["id"]).replace(|c: char| !c.is_ascii_alphanumeric(), "")
    );
    let role_form = {
        let update = update.clone();
        form(
            &prefix,
            vec![choice("role", t.role, &role, roles(lang))],
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
        cell(&string(&u["name"])),
        cell(label),
        state,
        cell(&when(&u["createdAt"])),
        wrap(role_form),
        wrap(password_form),
    ]
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
    crate::dom::set(&b, "aria-label", name);
    b.set_class_name("button button-small cell-action");
    parent.set_class_name("cell-with-action");
}

/// Partner tokens; create one (its secret is shown once), revoke one.
fn tokens_page() -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let show = Rc::new(move |d: &Value, reload: Rc<dyn Fn()>| {
        let tokens = d["apiTokens"].as_array().map_or(&[][..], Vec::as_slice);
        if tokens.is_empty() {
            let p = el("p", "state state-empty");
            p.set_text_content(Some(t.tokens_empty));
            return p;
        }
        let rows = tokens
            .iter()
            .map(|k| {
                let scopes = k["scopes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| SCOPE_CODES.iter().position(|c| s.as_str() == Some(c)))
                    .map(|i| Scope::ALL[i].label(lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                let state = cell(t.revoked);
                if k["isActive"].as_bool().unwrap_or(false) {
                    state.set_text_content(Some(t.active));
                    let id = string(&k["id"]);
                    action_button(
                        t,
                        &state,
                        t.revoke,
                        &format!("{} {}", t.revoke, string(&k["name"])),
                        Rc::new(move || Send {
                            document: ADMIN,
                            operation: "RevokeApiToken",
                            variables: obj(vec![("id", Value::from(id.as_str()))]),
                        }),
                        reload.clone(),
                    );
                }
                vec![
                    cell(&string(&k["name"])),
                    cell(&string(&k["prefix"])),
                    cell(&scopes),
                    cell(&string(&k["member"]["name"])),
                    cell(&when(&k["expiresAt"])),
                    cell(&when(&k["lastUsedAt"])),
                    state,
                ]
            })
            .collect();
        table(
            t.nav_tokens,
            &[
                t.name,
                t.token_prefix,
                t.scopes,
                t.organisation,
                t.expires_at,
                t.last_used,
                t.status,
            ],
            rows,
        )
    });
    admin_page(
        t.nav_tokens,
        t.tokens_intro,
        "ApiTokens",
        show,
        move |reload| {
            // The member a token may be limited to is chosen from today's members.
            let target = el("div", "");
            fill_with(
                target.clone(),
                MEMBERS,
                "Members",
                obj(vec![("asOf", Value::from(iso(today())))]),
                Rc::new(move |d| token_form(t, lang, d, reload.clone())),
            );
            titled(t.create_token, "create-token-heading", target)
        },
    )
}

/// The form for a new token, its member chosen from the members in `d`; its secret is
/// shown above it once, then the list is loaded again by `reload`.
fn token_form(t: &'static Texts, lang: Lang, d: &Value, reload: Rc<dyn Fn()>) -> Element {
    let secret = el("div", "");
    let shown = secret.clone();
    let done: Rc<dyn Fn(Value)> = Rc::new(move |d| {
        shown.set_text_content(None);
        let note = add(&shown, "div", "callout token-once");
        text(&note, "p", t.token_once);
        text(
            &add(&note, "p", ""),
            "code",
            d["createApiToken"]["token"].as_str().unwrap_or_default(),
        )
        .set_class_name("token");
        reload();
    });
    let mut fields = vec![field("name", t.name, "text", "")];
    for (name, scope) in SCOPE_FIELDS.iter().zip(Scope::ALL) {
        fields.push(field(name, scope.label(lang), "checkbox", "").within(t.scopes));
    }
    let members = records(t.token_all_members, d["members"].list("nodes"), "name");
    fields.push(pick("memberId", t.token_member, "", members));
    fields.push(field("expiresInDays", t.token_days, "number", "90"));
    let create = form(
        "token",
        fields,
        t.create_token,
        Box::new(|v, check| {
            check.name("name", v.get("name"));
            let chosen: Vec<&str> = SCOPE_FIELDS
                .iter()
                .zip(SCOPE_CODES)
                .filter(|(name, _)| v.get(name) == "true")
                .map(|(_, code)| code)
                .collect();
            if chosen.is_empty() {
                check.fail(SCOPE_FIELDS[0], "give at least one scope");
            }
            let days = v.number(check, "expiresInDays");
            if !days.is_some_and(|d| (1..=366).contains(&d)) && check.is_ok() {
                check.fail("expiresInDays", "from 1 to 366 days");
            }
            let input = obj(vec![
                ("name", Value::from(v.get("name"))),
                ("scopes", Value::from(chosen)),
                ("memberId", v.opt("memberId")),
                ("expiresInDays", Value::from(days)),
            ]);
            with_input("CreateApiToken", input)
        }),
        done,
        Rc::new(|| {}),
    );
    let _ = create.insert_before(&secret, create.first_child().as_ref());
    create
}

/// Every change, newest first, with filters and paging by cursor.
fn audit_page() -> AnyView {
    const PAGE: i64 = 25;
    let t = use_i18n().t();
    set_title(t.nav_audit);
    let list = el("div", "");
    // What the list shows: the filter, and the cursor paging starts from.
    let ask: Later<dyn Fn(Value)> = Rc::new(RefCell::new(None));
    let show_list = list.clone();
    let asker = ask.clone();
    let load: Rc<dyn Fn(Value)> = Rc::new(move |vars: Value| {
        let asker = asker.clone();
        let filter = vars["filter"].clone();
        fill_with(
            show_list.clone(),
            ADMIN,
            "AuditLog",
            vars,
            Rc::new(move |d| {
                let log = &d["auditLog"];
                let entries = log["nodes"].as_array().map_or(&[][..], Vec::as_slice);
                let out = el("div", "");
                let _ = out.append_child(&changes_table(t, entries, true));
                let pager = add(&out, "p", "pager");
                let info = &log["pageInfo"];
                // (whether there is more, its label, which way to page, from which cursor)
                for (more, label, count, side, cursor) in [
                    ("hasPreviousPage", t.newer, "last", "before", "startCursor"),
                    ("hasNextPage", t.older, "first", "after", "endCursor"),
                ] {
                    let vars = obj(vec![
                        ("filter", filter.clone()),
                        (count, Value::from(PAGE)),
                        (side, info[cursor].clone()),
                    ]);
                    if info[more].as_bool().unwrap_or(false) {
                        let asker = asker.clone();
                        button(
                            &pager,
                            label,
                            Box::new(move || {
                                if let Some(ask) = asker.borrow().clone() {
                                    ask(vars.clone());
                                }
                            }),
                        );
                    }
                }
                out
            }),
        );
    });
    *ask.borrow_mut() = Some(load.clone());
    load(obj(vec![("first", Value::from(PAGE))]));
    let load = load.clone();
    let names = ["recordType", "actor", "operation", "from", "until"];
    let filters = form(
        "audit",
        vec![
            field(names[0], t.record_type, "text", ""),
            field(names[1], t.actor, "text", ""),
            field(names[2], t.operation, "text", ""),
            field(names[3], t.from, "date", ""),
            field(names[4], t.until, "date", ""),
        ],
        t.apply_filters,
        Box::new(move |v, check| {
            v.date(check, "from");
            v.date(check, "until");
            if check.is_ok() {
                let filter = obj(names.iter().map(|n| (*n, v.opt(n))).collect());
                load(obj(vec![("filter", filter), ("first", Value::from(PAGE))]));
            }
            // The list asks the server; the form itself sends nothing.
            Send {
                document: ADMIN,
                operation: "",
                variables: Value::Null,
            }
        }),
        Rc::new(|_| {}),
        Rc::new(|| {}),
    );
    filters.set_class_name("form filters");
    view! {
        <h1>{t.nav_audit}</h1>
        <p class="lead">{t.audit_intro}</p>
        {status_region()}
        {mount(filters)}
        {mount(list)}
    }
    .into_any()
}
