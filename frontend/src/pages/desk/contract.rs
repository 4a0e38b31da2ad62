//! On a contract's page: its reminder series (day, state, whether it was snoozed or went out
//! late) and its deadlines with what was decided on each (outcome, note, who, when); for
//! editors, the form that gives the contract reminder days of its own.

use std::rc::Rc;

use serde_json::Value;
use verbund_shared::{
    Lang,
    access::Role,
    contract::{DeadlineKind, DeadlineState, Outcome, ReminderState},
};

use leptos::prelude::*;

use crate::{
    api::{Read, ops::EDIT, read::obj},
    auth::allowed,
    components::{
        parts::table_section,
        table::{Cell, Row, col},
    },
    dom::{Send, edit_forms, field, form, reloads},
    format,
    i18n::{Texts, fill},
};

/// The contract's reminders, by the day they go out.
pub fn reminders_section(c: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let d = t.desk;
    let rows = c
        .list("reminders")
        .iter()
        .map(|r| {
            let mut state = r.label::<ReminderState>("state", lang).to_owned();
            for (flag, word) in [("snoozed", d.snoozed), ("late", d.late)] {
                if r.flag(flag) {
                    state = format!("{state}, {word}");
                }
            }
            Row::new(vec![
                Cell::Date(format::date_text(lang, r.str("dueOn"))),
                Cell::Text(state),
                Cell::Date(format::date_time(r.str("sentAt"))),
            ])
        })
        .collect();
    table_section(
        "contract-reminders",
        d.reminders,
        d.reminders_empty,
        &[col(d.reminder_day), col(d.state), col(d.sent_at)],
        rows,
    )
}

/// The contract's deadlines and their decisions.
pub fn decisions_section(c: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let d = t.desk;
    let rows = c
        .list("decisions")
        .iter()
        .map(|x| {
            let name = |key: &str| x.obj(key).map(|a| a.text("name")).unwrap_or_default();
            Row::new(vec![
                Cell::Text(x.label::<DeadlineKind>("kind", lang).to_owned()),
                Cell::Date(format::date_text(lang, x.str("day"))),
                Cell::Date(format::date_text(lang, x.str("dayToAct"))),
                Cell::Text(x.label::<DeadlineState>("state", lang).to_owned()),
                Cell::Text(x.label::<Outcome>("outcome", lang).to_owned()),
                Cell::Text(x.text("note")),
                Cell::Text(name("decidedBy")),
                Cell::Date(format::date_time(x.str("decidedAt"))),
            ])
        })
        .collect();
    table_section(
        "contract-decisions",
        d.decisions,
        d.decisions_empty,
        &[
            col(t.kind),
            col(d.day),
            col(d.day_to_act),
            col(d.state),
            col(d.outcome),
            col(t.note),
            col(d.decided_by),
            col(d.decided_at),
        ],
        rows,
    )
}

/// The most days before the day to act a reminder may fall, as the server states it.
const MOST_DAYS: u32 = 3660;
/// The most reminder days of one contract, as the server states it.
const MOST_REMINDERS: usize = 10;

/// The reminder days written in `text` ("60, 14, 0"): whole numbers from 0 to
/// [`MOST_DAYS`], one to [`MOST_REMINDERS`] of them; none when they are not.
fn reminder_days(text: &str) -> Option<Vec<u32>> {
    let days = text
        .split(',')
        .map(|part| part.trim().parse::<u32>().ok().filter(|d| *d <= MOST_DAYS))
        .collect::<Option<Vec<_>>>()?;
    (1..=MOST_REMINDERS).contains(&days.len()).then_some(days)
}

/// The editors' form for contract `c`'s own reminder days, or the server's again; its
/// deadlines are read again after a change. Nothing for viewers.
pub fn reminder_days_form(c: &Value, t: &'static Texts, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let d = t.desk;
    let id = c.text("id");
    let fields = vec![
        field("days", d.reminder_days_label, "text", ""),
        field("default", d.reminder_days_default, "checkbox", ""),
    ];
    let form = form(
        "reminder-days",
        fields,
        t.save,
        Box::new(move |v, check| {
            let days = if v.get("default") == "true" {
                Value::Null
            } else {
                match reminder_days(v.get("days")) {
                    Some(days) => Value::from(days),
                    None => {
                        let message = fill(
                            v.t().desk.reminder_days_check,
                            &[
                                ("most", &MOST_REMINDERS.to_string()),
                                ("max", &MOST_DAYS.to_string()),
                            ],
                        );
                        check.fail("days", message);
                        Value::Null
                    }
                }
            };
            Send {
                document: EDIT,
                operation: "SetReminderDays",
                variables: obj(vec![
                    ("contractId", Value::from(id.as_str())),
                    ("days", days),
                ]),
            }
        }),
        reloads(reload),
        reload.clone(),
    );
    Some(edit_forms(vec![(d.reminder_days_form, form)]))
}

#[cfg(test)]
mod tests {
    use super::reminder_days;

    #[test]
    fn reminder_days_are_whole_numbers_within_the_servers_bounds() {
        assert_eq!(reminder_days(" 60, 14,0 "), Some(vec![60, 14, 0]));
        assert_eq!(reminder_days("3660"), Some(vec![3660]));
        assert_eq!(reminder_days("-3"), None);
        assert_eq!(reminder_days("3661"), None);
        assert_eq!(reminder_days("1.5"), None);
        assert_eq!(reminder_days(""), None);
        assert_eq!(reminder_days("1,2,3,4,5,6,7,8,9,10,11"), None);
    }
}
