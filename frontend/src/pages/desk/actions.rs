//! What editors do with a deadline on the desk, each in a form under its summary: assign it
//! (to themselves, to nobody or to an owner the desk already names), decide it with a note
//! (renewing on the decision on an express renewal, with the renewed term in months, records
//! the renewal too), snooze its next reminder. Each sends the version it read; a `CONFLICT` is said in the
//! page's status region with a button that loads the desk again, as every form of the app
//! does.

use std::rc::Rc;

use serde_json::Value;
use verbund_shared::contract::Outcome;
use web_sys::Element;

use crate::{
    api::{
        ops::DESK,
        read::{self, Read, obj},
    },
    auth::{account, account_id},
    dom::{Send, choice, disclosure, el, field, form, pick, reloads},
    format,
    i18n::{Texts, use_i18n},
};

/// The accounts a deadline can be given to: the signed-in one, the `staff` the page could
/// list, then every owner named on the desk; each once.
pub(super) fn owners(staff: &[(String, String)], nodes: &[Value]) -> Vec<(String, String)> {
    let mut owners = vec![(
        account_id(),
        account().map(|(name, _)| name).unwrap_or_default(),
    )];
    let named = nodes
        .iter()
        .filter_map(|x| x.obj("owner"))
        .map(|o| (o.text("id"), o.text("name")));
    for owner in staff.iter().cloned().chain(named) {
        if !owners.iter().any(|(id, _)| *id == owner.0) {
            owners.push(owner);
        }
    }
    owners
}

/// The actions on deadline `x`, the `i`-th row: none once it is decided or superseded.
pub(super) fn cell(
    t: &'static Texts,
    x: &Value,
    i: usize,
    owners: &[(String, String)],
    reload: &Rc<dyn Fn()>,
) -> Element {
    let (d, lang) = (t.desk, use_i18n().lang());
    let all = el("div", "edit-forms");
    if x.str("state") != "OPEN" {
        return all;
    }
    let (id, version) = (x.text("id"), x["version"].clone());
    let target = obj(vec![("id", Value::from(id.as_str())), ("version", version)]);
    let send = move |operation: &'static str, more: Vec<(&str, Value)>| {
        let mut variables = target.clone();
        if let (Some(v), Value::Object(more)) = (variables.as_object_mut(), obj(more)) {
            v.extend(more);
        }
        Send {
            document: DESK,
            operation,
            variables,
        }
    };
    let send = Rc::new(send);

    let mut choices = vec![(String::new(), d.nobody.to_owned())];
    choices.extend(owners.iter().cloned());
    let current = x.obj("owner").map_or_else(account_id, |o| o.text("id"));
    let assign = {
        let send = send.clone();
        form(
            &format!("assign-{i}"),
            vec![pick("owner", d.owner, &current, choices)],
            d.assign_submit,
            Box::new(move |v, _| send("AssignDeadline", vec![("owner", v.opt("owner"))])),
            reloads(reload),
            reload.clone(),
        )
    };
    let decide = {
        let send = send.clone();
        let mut fields = vec![
            choice(
                "outcome",
                d.outcome,
                "RENEW",
                read::choices::<Outcome>(lang),
            ),
            field("note", t.note, "textarea", ""),
        ];
        // The decision on an express renewal can record the renewal in the same step.
        if x.str("kind") == "DECISION" {
            fields.push(field("renewalMonths", d.renewal_months, "number", ""));
        }
        form(
            &format!("decide-{i}"),
            fields,
            d.decide_submit,
            Box::new(move |v, check| {
                let months = v.number(check, "renewalMonths");
                if months.is_some() && v.get("outcome") != "RENEW" {
                    check.fail("renewalMonths", v.t().desk.renewal_months_only);
                }
                send(
                    "DecideDeadline",
                    vec![
                        ("outcome", Value::from(v.get("outcome"))),
                        ("note", v.opt("note")),
                        ("renewalMonths", Value::from(months)),
                    ],
                )
            }),
            reloads(reload),
            reload.clone(),
        )
    };
    for (summary, content) in [(d.assign, assign), (d.decide, decide)] {
        let _ = all.append_child(&disclosure(summary, &content));
    }
    if let Some(reminder) = next_reminder(x) {
        let snooze = form(
            &format!("snooze-{i}"),
            vec![field("until", d.snooze_until, "date", "")],
            d.snooze_submit,
            Box::new(move |v, check| {
                if let Some(day) = v.required_date(check, "until")
                    && day <= format::today()
                {
                    check.fail("until", v.t().desk.snooze_later);
                }
                Send {
                    document: DESK,
                    operation: "SnoozeReminder",
                    variables: obj(vec![
                        ("id", Value::from(reminder.as_str())),
                        ("until", Value::from(v.get("until"))),
                    ]),
                }
            }),
            reloads(reload),
            reload.clone(),
        );
        let _ = all.append_child(&disclosure(d.snooze, &snooze));
    }
    all
}

/// The ID of deadline `x`'s next armed reminder, if it has one.
fn next_reminder(x: &Value) -> Option<String> {
    let id = x.str("id");
    x["contract"]
        .list("reminders")
        .iter()
        .filter(|r| r.str("deadlineId") == id && r.str("state") == "ARMED")
        .min_by_key(|r| r.text("dueOn"))
        .map(|r| r.text("id"))
}
