//! Express renewal on the contract page: the form that records one (checked in the browser by
//! the domain's rules against the renewals recorded), and the decision period's input in the
//! contract form, shown only while express renewal is chosen.

use std::rc::Rc;

use serde_json::Value;
use verbund_shared::contract::{ContractDates, ExpressRenewal, NoticeTo, RenewalTerm};
use web_sys::Element;

use crate::{
    api::{Read, ops::EDIT, read::obj},
    dom::{Check, Send, field, form, on, prop, reloads, set},
    format::parse_iso,
    i18n::use_i18n,
};

/// The whole number of `key` in `v` as the API's `Int`.
fn int(v: &Value, key: &str) -> Option<i32> {
    v.int(key).and_then(|n| i32::try_from(n).ok())
}

/// The contract's dates as its page read them, for the browser's check of a renewal; `None`
/// where they cannot be read (the server checks then).
fn dates_of(c: &Value) -> Option<ContractDates> {
    let day = |v: &Value, key: &str| v.opt(key).and_then(|d| parse_iso(&d));
    let terms = &c["terms"];
    let mut check = Check::new();
    let read = check.terms(
        day(c, "effectiveFrom"),
        int(terms, "initialTermMonths"),
        day(terms, "initialTermUntil"),
        terms.str("renewal"),
        int(terms, "renewalMonths"),
        int(terms, "noticeMonths"),
        terms.str("noticeTo").parse::<NoticeTo>().ok(),
    );
    let terms = check.decision_period(read, int(terms, "decisionMonths"))?;
    let renewals = c
        .list("renewals")
        .iter()
        .map(|r| {
            let term = match (int(r, "months"), day(r, "until")) {
                (Some(months), None) => {
                    RenewalTerm::Months(u32::try_from(months).ok()?.try_into().ok()?)
                }
                (None, Some(until)) => RenewalTerm::Until(until),
                _ => return None,
            };
            Some(ExpressRenewal {
                renewed_on: day(r, "renewedOn")?,
                term,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ContractDates {
        signed_on: day(c, "signedOn"),
        terms: Some(terms),
        notice_given_on: day(c, "noticeGivenOn"),
        ended_on: day(c, "endedOn"),
        renewals,
    })
}

/// The form that records an express renewal of contract `c` (decided on, then the new term
/// in months or until a day); the page reloads after it.
pub fn renew_form(c: &Value, reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    let (id, version) = (c.text("id"), c.int("version"));
    let dates = dates_of(c);
    form(
        "renew",
        vec![
            field("renewedOn", t.renewed_on, "date", ""),
            field("months", t.renewal_term_months, "number", ""),
            field("until", t.renewal_term_until, "date", ""),
        ],
        t.record_renewal,
        Box::new(move |v, check| {
            let on = v.required_date(check, "renewedOn");
            let months = v.number(check, "months");
            let until = v.date(check, "until");
            if let (Some(on), Some(dates)) = (on, &dates)
                && check.is_ok()
            {
                check.express_renewal(dates, on, months, until);
            }
            Send {
                document: EDIT,
                operation: "RenewContract",
                variables: obj(vec![
                    ("id", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                    ("renewedOn", v.opt("renewedOn")),
                    ("months", Value::from(months)),
                    ("until", v.opt("until")),
                ]),
            }
        }),
        reloads(reload),
        reload.clone(),
    )
}

/// Shows the input `decisionMonths` of `form` only while its `renewal` is express.
pub fn decision_only_for_express(form: &Element) {
    let select = form.query_selector("select[name=renewal]").ok().flatten();
    let input = form
        .query_selector("input[name=decisionMonths]")
        .ok()
        .flatten();
    let (Some(select), Some(wrap)) = (select, input.and_then(|i| i.parent_element())) else {
        return;
    };
    let show = move |select: &Element| {
        if prop(select, "value").as_string().as_deref() == Some("EXPRESS") {
            let _ = wrap.remove_attribute("hidden");
        } else {
            set(&wrap, "hidden", "");
        }
    };
    show(&select);
    let watched = select.clone();
    on(&select, "change", Box::new(move |_| show(&watched)));
}
