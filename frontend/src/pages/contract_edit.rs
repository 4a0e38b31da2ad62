//! The contract forms: a new contract with its parties (on the contracts list); on the
//! contract page, amend the contract (title, number, file reference, kind, dates, terms),
//! record an express renewal, add or remove a party, record notice, end it by agreement.
//! Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    access::Role,
    contract::{ContractKind, NoticeTo},
};

use chrono::NaiveDate;
use web_sys::Element;

use crate::{
    api::{
        Read,
        read::{choices, obj},
    },
    auth::allowed,
    dom::{
        Asking, Check, Field, ORGANISATIONS, SOURCES, Values, choice, create_form, day_form,
        delete_form, edit_forms, field, held, search, update_form,
    },
    i18n::use_i18n,
    pages::{
        contract_parties::{party_forms, roles},
        contract_renew::{decision_only_for_express, renew_form},
    },
};

/// The inputs every contract has, filled from `c` (empty for a new one).
fn contract_fields(c: &Value) -> Vec<Field> {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    vec![
        field("title", t.title, "text", c.str("title")),
        field("number", t.number, "text", c.str("number")),
        field(
            "fileReference",
            t.file_reference,
            "text",
            c.str("fileReference"),
        ),
        choice("kind", t.kind, c.str("kind"), choices::<ContractKind>(lang)),
        field("signedOn", t.signed_on, "date", c.str("signedOn")),
        field(
            "effectiveFrom",
            t.effective_from,
            "date",
            c.str("effectiveFrom"),
        ),
    ]
}

/// The fields of a `ContractInput` that a new contract has too, checked as the server will,
/// and its first day in force.
fn contract_basics(
    v: &Values,
    check: &mut Check,
) -> (Vec<(&'static str, Value)>, Option<NaiveDate>) {
    check.name("title", v.get("title"));
    check.optional_name("number", Some(v.get("number")));
    check.optional_name("fileReference", Some(v.get("fileReference")));
    v.date(check, "signedOn");
    let from = v.date(check, "effectiveFrom");
    let input = vec![
        ("title", Value::from(v.get("title"))),
        ("number", v.opt("number")),
        ("fileReference", v.opt("fileReference")),
        ("kind", Value::from(v.get("kind"))),
        ("signedOn", v.opt("signedOn")),
        ("effectiveFrom", v.opt("effectiveFrom")),
    ];
    (input, from)
}

/// The inputs of a new contract's parties (organisation, role), named as the server names
/// them in its errors. The first two must be given.
const PARTIES: [(&str, &str); 3] = [
    ("parties.0.organisationId", "parties.0.role"),
    ("parties.1.organisationId", "parties.1.role"),
    ("parties.2.organisationId", "parties.2.role"),
];

/// The contracts list's form for a new contract with its parties; nothing for viewers. The
/// new contract's page opens once it is recorded.
pub fn new_contract() -> Option<(&'static str, Element)> {
    if !allowed(Role::Editor) {
        return None;
    }
    Some((use_i18n().t().new_contract, new_contract_form()))
}

/// The form for a new contract, its parties searched among the register's organisations.
fn new_contract_form() -> Element {
    let t = use_i18n().t();
    let roles = roles(t);
    let mut fields = contract_fields(&Value::Null);
    for (i, (org, role)) in PARTIES.into_iter().enumerate() {
        let first = if i == 0 { "PROVIDER" } else { "MEMBER" };
        fields.push(search(
            org,
            t.party_fields[2 * i],
            Asking::of(&ORGANISATIONS),
            Default::default(),
        ));
        fields.push(choice(
            role,
            t.party_fields[2 * i + 1],
            first,
            roles.clone(),
        ));
    }
    create_form(
        "new-contract",
        "CreateContract",
        fields,
        Box::new(|v, check| {
            let (input, _) = contract_basics(v, check);
            let mut parties = Vec::new();
            let mut chosen = Vec::new();
            for (i, (org, role)) in PARTIES.into_iter().enumerate() {
                let id = v.get(org);
                if id.is_empty() {
                    if i < 2 {
                        check.fail(org, v.t().check_party_missing);
                    }
                    continue;
                }
                // The server's rule, checked here first.
                if chosen.contains(&id) {
                    check.fail(org, v.t().check_party_twice);
                }
                chosen.push(id);
                parties.push(obj(vec![
                    ("organisationId", Value::from(id)),
                    ("role", Value::from(v.get(role))),
                ]));
            }
            obj(vec![
                ("input", obj(input)),
                ("parties", Value::Array(parties)),
            ])
        }),
        "/contracts",
    )
}

/// The renewal rule of contract terms `terms`, none when it is unknown.
fn renewal_of(terms: &Value) -> &str {
    match terms.str("renewal") {
        code @ ("TACIT" | "EXPRESS") => code,
        _ => "NONE",
    }
}

/// The forms for contract `c`; nothing for viewers.
pub fn contract_forms(c: &Value, reload: Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let (id, version) = (c.text("id"), c.int("version"));
    let renewal = renewal_of(&c["terms"]);
    // The form's terms and its source, searched among the register's sources.
    let amend = {
        let terms = &c["terms"];
        let num = |key: &str| terms.int(key).map(|n| n.to_string()).unwrap_or_default();
        let renewal = renewal_of(terms);
        let renewals = vec![
            ("NONE", t.renewal_none),
            ("TACIT", t.renewal_tacit),
            ("EXPRESS", t.renewal_express),
        ];
        let mut notice_tos = vec![("", t.none_chosen)];
        notice_tos.extend(choices::<NoticeTo>(lang));

        let mut fields = contract_fields(c);
        fields.extend([
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
            search(
                "sourceId",
                t.source,
                Asking::of(&SOURCES),
                held(c, "source", "title"),
            ),
            field(
                "decisionMonths",
                t.decision_months,
                "number",
                &num("decisionMonths"),
            ),
        ]);
        let amend = update_form(
            "amend",
            "AmendContract",
            (c.text("id"), c.int("version")),
            fields,
            Box::new(move |v, check| {
                let (mut input, from) = contract_basics(v, check);
                let months = v.number(check, "initialTermMonths");
                let until = v.date(check, "initialTermUntil");
                let renew = v.number(check, "renewalMonths");
                let notice = v.number(check, "noticeMonths");
                let to = v.get("noticeTo").parse::<NoticeTo>().ok();
                // Only express renewal has a decision period; the input is hidden otherwise.
                let decision = if v.get("renewal") == "EXPRESS" {
                    v.number(check, "decisionMonths")
                } else {
                    None
                };
                if check.is_ok() {
                    let terms =
                        check.terms(from, months, until, v.get("renewal"), renew, notice, to);
                    check.decision_period(terms, decision);
                }
                input.extend([
                    ("initialTermMonths", Value::from(months)),
                    ("initialTermUntil", v.opt("initialTermUntil")),
                    ("renewal", Value::from(v.get("renewal"))),
                    ("renewalMonths", Value::from(renew)),
                    ("noticeMonths", Value::from(notice)),
                    ("noticeTo", v.opt("noticeTo")),
                    ("decisionMonths", Value::from(decision)),
                    ("sourceId", v.opt("sourceId")),
                ]);
                obj(input)
            }),
            &reload,
        );
        decision_only_for_express(&amend);
        amend
    };
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
    let mut forms = vec![(t.edit_contract, amend)];
    if renewal == "EXPRESS" {
        forms.push((t.record_renewal, renew_form(c, &reload)));
    }
    forms.extend(party_forms(c, &reload));
    forms.extend([(t.give_notice, notice), (t.end_contract, end)]);
    let delete = delete_form(
        ("delete-contract", "DeleteContract"),
        (c.text("id"), c.int("version")),
        (t.delete_contract_lead, c.text("title")),
        "/contracts",
        &reload,
    );
    forms.push((t.delete, delete));
    Some(edit_forms(forms))
}
