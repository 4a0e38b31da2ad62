//! `/admin/tokens`: partner tokens; create one (its secret is shown once), revoke one.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{Lang, access::Scope};
use web_sys::Element;

use super::{admin_page, titled, with_input};
use crate::{
    api::{
        ops::{ADMIN, MEMBERS},
        read::{Read, obj},
    },
    dom::{Send, action_button, add, cell, el, field, fill_with, form, pick, records, table, text},
    format::{date_time, iso, today},
    i18n::{Texts, use_i18n},
};

/// The schema's names of the scopes, in the order of [`Scope::ALL`].
const SCOPE_CODES: [&str; 3] = ["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"];
/// The form's checkboxes of the scopes, in the same order.
const SCOPE_FIELDS: [&str; 3] = ["scopeMembers", "scopeContracts", "scopeCoverage"];

/// The tokens, and the form for a new one.
pub(super) fn page() -> AnyView {
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
                    let id = k.text("id");
                    action_button(
                        t,
                        &state,
                        t.revoke,
                        &format!("{} {}", t.revoke, k.text("name")),
                        Rc::new(move || Send {
                            document: ADMIN,
                            operation: "RevokeApiToken",
                            variables: obj(vec![("id", Value::from(id.as_str()))]),
                        }),
                        reload.clone(),
                    );
                }
                vec![
                    cell(k.str("name")),
                    cell(k.str("prefix")),
                    cell(&scopes),
                    cell(k["member"].str("name")),
                    cell(&date_time(k.str("expiresAt"))),
                    cell(&date_time(k.str("lastUsedAt"))),
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
                obj(vec![
                    ("asOf", Value::from(iso(today()))),
                    ("first", Value::from(100)),
                ]),
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
                check.fail(SCOPE_FIELDS[0], v.t().check_scope);
            }
            let days = v.number(check, "expiresInDays");
            if !days.is_some_and(|d| (1..=366).contains(&d)) && check.is_ok() {
                check.fail("expiresInDays", v.t().check_token_days);
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
