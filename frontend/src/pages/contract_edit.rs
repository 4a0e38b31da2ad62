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
    api::ops::{RenewalKind, contract},
    auth::allowed,
    components::history::EDIT,
    dom::{Send, choice, obj, disclosure, el, field, form, mount},
    i18n::use_i18n,
};

/// The forms for contract `c`; nothing for viewers.
pub fn contract_forms(
    c: &contract::ContractNodeOnContract,
    reload: impl Fn() + 'static,
) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let reload: Rc<dyn Fn()> = Rc::new(reload);
    let done: Rc<dyn Fn(serde_json::Value)> = {
        let reload = reload.clone();
        Rc::new(move |_| reload())
    };
    let (id, version) = (c.id.clone(), c.version);
    let terms = &c.terms;
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let day = |d: &Option<String>| d.clone().unwrap_or_default();
    let renewal = match terms.renewal {
        RenewalKind::Tacit => "TACIT",
        RenewalKind::Express => "EXPRESS",
        _ => "NONE",
    };
    let renewals = vec![
        ("NONE", t.renewal_none),
        ("TACIT", t.renewal_tacit),
        ("EXPRESS", t.renewal_express),
    ];
    let mut notice_tos = vec![("", t.none_chosen)];
    notice_tos.extend(NoticeTo::ALL.iter().map(|k| (k.as_str(), k.label(lang))));
    let source_id = c.source.as_ref().map(|s| s.id.clone());

    let amend_id = id.clone();
    let amend = form(
        "amend",
        vec![
            field("title", t.title, "text", &c.title),
            field("number", t.number, "text", c.number.as_deref().unwrap_or_default()),
            choice(
                "kind",
                t.kind,
                c.kind.as_str(),
                ContractKind::ALL.iter().map(|k| (k.as_str(), k.label(lang))).collect(),
            ),
            field("signedOn", t.signed_on, "date", &day(&c.signed_on)),
            field("effectiveFrom", t.effective_from, "date", &day(&c.effective_from)),
            field("initialTermMonths", t.initial_term_months, "number", &num(terms.initial_term_months)),
            field("initialTermUntil", t.initial_term_until, "date", &day(&terms.initial_term_until)),
            choice("renewal", t.renewal, renewal, renewals),
            field("renewalMonths", t.renewal_months, "number", &num(terms.renewal_months)),
            field("noticeMonths", t.notice_months, "number", &num(terms.notice_months)),
            choice("noticeTo", t.notice_to, terms.notice_to.map_or("", NoticeTo::as_str), notice_tos),
        ],
        t.save,
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
            let input = obj(vec![("title", Value::from(v.get("title"))), ("number", Value::from(v.opt("number"))), ("kind", Value::from(v.get("kind"))), ("signedOn", Value::from(v.opt("signedOn"))), ("effectiveFrom", Value::from(v.opt("effectiveFrom"))), ("initialTermMonths", Value::from(months)), ("initialTermUntil", Value::from(v.opt("initialTermUntil"))), ("renewal", Value::from(v.get("renewal"))), ("renewalMonths", Value::from(renew)), ("noticeMonths", Value::from(notice)), ("noticeTo", Value::from(v.opt("noticeTo"))), ("sourceId", Value::from(source_id.clone()))]);
            Send {
                document: EDIT,
                operation: "AmendContract",
                variables: obj(vec![("id", Value::from(amend_id.as_str())), ("version", Value::from(version)), ("input", Value::from(input))]),
            }
        }),
        done.clone(),
        reload.clone(),
    );
    let notice_id = id.clone();
    let notice = form(
        "notice",
        vec![field("givenOn", t.given_on, "date", "")],
        t.give_notice,
        Box::new(move |v, check| {
            v.required_date(check, "givenOn");
            Send {
                document: EDIT,
                operation: "GiveNotice",
                variables: obj(vec![("id", Value::from(notice_id.as_str())), ("version", Value::from(version)), ("givenOn", Value::from(v.get("givenOn")))]),
            }
        }),
        done.clone(),
        reload.clone(),
    );
    let end = form(
        "end",
        vec![field("endedOn", t.ended_on, "date", "")],
        t.end_contract,
        Box::new(move |v, check| {
            v.required_date(check, "endedOn");
            Send {
                document: EDIT,
                operation: "EndContract",
                variables: obj(vec![("id", Value::from(id.as_str())), ("version", Value::from(version)), ("endedOn", Value::from(v.get("endedOn")))]),
            }
        }),
        done,
        reload,
    );
    let all = el("div", "edit-forms");
    for (summary, content) in [(t.edit_contract, amend), (t.give_notice, notice), (t.end_contract, end)] {
        let _ = all.append_child(&disclosure(summary, &content));
    }
    Some(mount(all))
}
