//! On a contract's page: its reminder series (day, state, whether it was snoozed or went out
//! late) and its deadlines with what was decided on each (outcome, note, who, when).

use serde_json::Value;
use verbund_shared::Lang;

use leptos::prelude::*;

use crate::{
    api::Read,
    components::{
        parts::table_section,
        table::{Cell, Row, col},
    },
    format,
    i18n::Texts,
};

/// The contract's reminders, by the day they go out.
pub fn reminders_section(c: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let d = t.desk;
    let rows = c
        .list("reminders")
        .iter()
        .map(|r| {
            let mut state = d.state_label(r.str("state")).to_owned();
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
                Cell::Text(d.kind(x.str("kind")).to_owned()),
                Cell::Date(format::date_text(lang, x.str("day"))),
                Cell::Date(format::date_text(lang, x.str("dayToAct"))),
                Cell::Text(d.state_label(x.str("state")).to_owned()),
                Cell::Text(
                    x.opt("outcome")
                        .map(|o| d.outcome(&o).to_owned())
                        .unwrap_or_default(),
                ),
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
