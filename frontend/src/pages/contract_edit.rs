//! The contract page's forms: amend the contract (title, number, kind, dates, terms), record
//! notice, end it by agreement. Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    access::Role,
    contract::{ContractKind, NoticeTo},
};

use crate::{
    api::{Read, read::obj},
    auth::allowed,
    dom::{choice, day_form, edit_forms, field, update_form},
    i18n::use_i18n,
};

/// The forms for contract `c`; nothing for viewers.
pub fn contract_forms(c: &Value, reload: impl Fn() + 'static) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let reload: Rc<dyn Fn()> = Rc::new(reload);
    let (id, version) = (c.text("id"), c.int("version"));
    let terms = &c["terms"];
    let num = |key: &str| terms.int(key).map(|n| n.to_string()).unwrap_or_default();
    let renewal = match terms.str("renewal") {
        code @ ("TACIT" | "EXPRESS") => code,
        _ => "NONE",
    };
    let renewals = vec![
        ("NONE", t.renewal_none),
        ("TACIT", t.renewal_tacit),
        ("EXPRESS", t.renewal_express),
    ];
    let mut notice_tos = vec![("", t.none_chosen)];
    notice_tos.extend(NoticeTo::ALL.iter().map(|k| (k.as_str(), k.label(lang))));
    let source_id = c.obj("source").map(|s| s.text("id"));

    let amend = update_form(
        "amend",
        "AmendContract",
        (id.clone(), version),
        vec![
            field("title", t.title, "text", c.str("title")),
            field("number", t.number, "text", c.str("number")),
            choice(
                "kind",
                t.kind,
                c.str("kind"),
                ContractKind::ALL
                    .iter()
                    .map(|k| (k.as_str(), k.label(lang)))
                    .collect(),
            ),
            field("signedOn", t.signed_on, "date", c.str("signedOn")),
            field(
                "effectiveFrom",
                t.effective_from,
                "date",
                c.str("effectiveFrom"),
            ),
            field(
                "initialTermMonths",
                t.initial_term_months,
                "number",
                &num("initialTermMonths"),
            ),
            field(
                "initialTermUntil",
                t.initial_term_until,
                "date",
                terms.str("initialTermUntil"),
            ),
            choice("renewal", t.renewal, renewal, renewals),
            field(
                "renewalMonths",
                t.renewal_months,
                "number",
                &num("renewalMonths"),
            ),
            field(
                "noticeMonths",
                t.notice_months,
                "number",
                &num("noticeMonths"),
            ),
            choice("noticeTo", t.notice_to, terms.str("noticeTo"), notice_tos),
        ],
        Box::new(move |v, check| {
            check.name("title", v.get("title"));
            check.optional_name("number", Some(v.get("number")));
            v.date(check, "signedOn");
            let from = v.date(check, "effectiveFrom");
            let months = v.number(check, "initialTermMonths");
            let until = v.date(check, "initialTermUntil");
            let renew = v.number(check, "renewalMonths");
            let notice = v.number(check, "noticeMonths");
            let to = v.get("noticeTo").parse::<NoticeTo>().ok();
            if check.is_ok() {
                check.terms(from, months, until, v.get("renewal"), renew, notice, to);
            }
            obj(vec![
                ("title", Value::from(v.get("title"))),
                ("number", v.opt("number")),
                ("kind", Value::from(v.get("kind"))),
                ("signedOn", v.opt("signedOn")),
                ("effectiveFrom", v.opt("effectiveFrom")),
                ("initialTermMonths", Value::from(months)),
                ("initialTermUntil", v.opt("initialTermUntil")),
                ("renewal", Value::from(v.get("renewal"))),
                ("renewalMonths", Value::from(renew)),
                ("noticeMonths", Value::from(notice)),
                ("noticeTo", v.opt("noticeTo")),
                ("sourceId", Value::from(source_id.clone())),
            ])
        }),
        &reload,
    );
    let notice = day_form(
        ("notice", "GiveNotice"),
        (id.clone(), version),
        ("givenOn", t.given_on),
        t.give_notice,
        None,
        &reload,
    );
    let end = day_form(
        ("end", "EndContract"),
        (id, version),
        ("endedOn", t.ended_on),
        t.end_contract,
        None,
        &reload,
    );
    Some(edit_forms(vec![
        (t.edit_contract, amend),
        (t.give_notice, notice),
        (t.end_contract, end),
    ]))
}
