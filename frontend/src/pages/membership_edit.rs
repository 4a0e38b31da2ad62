//! The forms of a membership on the member page: change its first day, milestones, share,
//! seats, contract and source, next to its changes, and record its last day. Editors and
//! admins only; the page reloads after a change with the membership's forms open.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, drafts::MembershipDraft};

use crate::{
    api::{Read, read::obj},
    auth::allowed,
    components::history::{keeping_open, with_changes},
    dom::{
        Asking, CONTRACTS, Check, SOURCES, Values, day_form, disclosure, drafted, el, ends_after,
        field, held, mount, search, update_form,
    },
    format::parse_iso,
    i18n::use_i18n,
};

/// A membership's days, by their names in the API: its first day and its milestones.
const DAYS: [&str; 5] = [
    "joinedOn",
    "councilDecisionOn",
    "contractSignedOn",
    "legalEffectOn",
    "itTakeoverOn",
];

/// The forms of membership `m` of organisation `org`, the `index`th of the page; nothing for
/// viewers. Its last day is recorded only while it is unknown.
pub fn membership_forms(
    org: &Value,
    m: &Value,
    index: usize,
    reload: &Rc<dyn Fn()>,
) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let t = use_i18n().t();
    let (id, version) = (m.text("id"), m.int("version"));
    let reload = keeping_open(&id, reload);
    let content = el("div", "");
    let org_id = org.text("id");
    let change = {
        let inputs = [
            ("founding", t.founding_member, "checkbox"),
            ("capitalShare", t.capital_share, "text"),
            ("seats", t.seats, "number"),
            (DAYS[0], t.first_day, "date"),
            (DAYS[1], t.council_decision, "date"),
            (DAYS[2], t.contract_signed, "date"),
            (DAYS[3], t.legal_effect, "date"),
            (DAYS[4], t.it_takeover, "date"),
        ];
        let mut fields = Vec::new();
        for (i, (name, label, kind)) in inputs.into_iter().enumerate() {
            let input = field(name, label, kind, &shown(&m[name]));
            // The milestones after the first day, in a group of their own.
            fields.push(if i > 3 {
                input.within(t.milestones)
            } else {
                input
            });
        }
        fields.extend([
            search(
                "contractId",
                t.contract,
                Asking::of(&CONTRACTS).of_party(&org_id),
                held(m, "contract", "title"),
            ),
            search(
                "sourceId",
                t.source,
                Asking::of(&SOURCES),
                held(m, "source", "title"),
            ),
        ]);
        let left_on = parse_iso(m.str("leftOn"));
        update_form(
            &format!("membership-{index}"),
            "UpdateMembership",
            (m.text("id"), m.int("version")),
            fields,
            Box::new(move |v, check| membership_input(v, check, &org_id, left_on)),
            &reload,
        )
    };
    let _ = content.append_child(&change);
    let forms = el("div", "edit-forms");
    let _ = forms.append_child(&with_changes(t.change_membership, &content, id.clone()));
    if m.opt("leftOn").is_none() {
        let leave = day_form(
            (&format!("leave-{index}"), "LeaveMembership"),
            (id, version),
            ("leftOn", t.last_day),
            t.leave_membership,
            // A membership ends after it began.
            ends_after("leftOn", parse_iso(m.str("joinedOn"))),
            &reload,
        );
        let _ = forms.append_child(&disclosure(t.leave_membership, &leave));
    }
    Some(mount(forms))
}

/// A `MembershipInput` of the organisation `org_id` from the form, checked as the server
/// will (its last day `left_on` stays as it is).
fn membership_input(
    v: &Values,
    check: &mut Check,
    org_id: &str,
    left_on: Option<NaiveDate>,
) -> Value {
    let joined = v.required_date(check, DAYS[0]);
    let days = DAYS.map(|name| v.date(check, name));
    let seats = v.number(check, "seats");
    let (share, share_text) = capital_share(v, check);
    if let Some(joined_on) = joined {
        let draft = MembershipDraft {
            organisation: (),
            joined_on,
            left_on,
            founding: false,
            contract: None,
            capital_share_cents: share,
            seats,
            council_decision_on: days[1],
            contract_signed_on: days[2],
            legal_effect_on: days[3],
            it_takeover_on: days[4],
            source: None,
        };
        drafted(check, draft.check().err());
    }
    let mut input = vec![
        ("organisationId", Value::from(org_id)),
        ("founding", Value::from(v.get("founding") == "true")),
        ("capitalShare", share_text),
        ("seats", Value::from(seats)),
    ];
    for name in DAYS.into_iter().chain(["contractId", "sourceId"]) {
        input.push((name, v.opt(name)));
    }
    obj(input)
}

/// The share of the capital in `capitalShare`: its cents, and the text the API takes.
/// Euros with at most two decimals after a point or a comma; anything else is reported.
fn capital_share(v: &Values, check: &mut Check) -> (Option<i64>, Value) {
    let text = v.get("capitalShare").replace(',', ".");
    if text.is_empty() {
        return (None, Value::Null);
    }
    let share = verbund_shared::drafts::cents_of_euros(&text);
    if share.is_none() {
        check.fail("capitalShare", v.t().check_amount);
    }
    (share, Value::from(text))
}

/// A value of an answer as an input shows it: a text as it is, nothing for null.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => {
            let mut text = String::new();
            crate::api::write_json(other, &mut text);
            text
        }
    }
}
