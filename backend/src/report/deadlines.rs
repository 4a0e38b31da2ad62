//! The deadline report as a document.

use verbund_shared::contract::DeadlineState;

use super::page::{self, Html, Meta, day, empty, esc, row, table, tr};
use crate::register::reports::DeadlineReport;

/// The desk's deadlines of a window, earliest day to act first.
pub fn render(report: &DeadlineReport, meta: &Meta, today: chrono::NaiveDate) -> Html {
    let lang = meta.lang;
    let mut body = String::new();
    if report.lines.is_empty() {
        body.push_str(&empty(tr(
            lang,
            "Keine Fristen in diesem Zeitraum.",
            "No deadlines in this window.",
        )));
    } else {
        let open = report
            .lines
            .iter()
            .filter(|l| l.deadline.state == DeadlineState::Open)
            .count();
        body.push_str(&format!(
            "<p>{}: {} · {}: {}</p>",
            tr(lang, "Fristen", "Deadlines"),
            report.lines.len(),
            tr(lang, "davon offen", "of them open"),
            open
        ));
        let rows: Vec<String> = report
            .lines
            .iter()
            .map(|line| {
                let d = &line.deadline;
                let contract =
                    line.contract
                        .as_ref()
                        .map_or_else(String::new, |c| match &c.number {
                            Some(number) => format!("{} ({})", esc(&c.title), esc(number)),
                            None => esc(&c.title),
                        });
                let mut state = esc(d.state.label(lang));
                if d.overdue_on(today) {
                    state = format!("<strong>{}</strong>", tr(lang, "überfällig", "overdue"));
                }
                if let Some(outcome) = d.outcome {
                    state = format!("{state}: {}", esc(outcome.label(lang)));
                }
                row(&[
                    day(lang, d.day_to_act),
                    day(lang, d.day),
                    esc(d.kind.label(lang)),
                    contract,
                    esc(&line.parties.join(", ")),
                    state,
                    line.owner.as_deref().map(esc).unwrap_or_default(),
                    d.note.as_deref().map(esc).unwrap_or_default(),
                ])
            })
            .collect();
        body.push_str(&table(
            &[
                (tr(lang, "Handeln bis", "Act by"), false),
                (tr(lang, "Frist", "Deadline"), false),
                (tr(lang, "Art", "Kind"), false),
                (tr(lang, "Vertrag", "Contract"), false),
                (tr(lang, "Parteien", "Parties"), false),
                (tr(lang, "Status", "State"), false),
                (tr(lang, "Zuständig", "Owner"), false),
                (tr(lang, "Notiz", "Note"), false),
            ],
            &rows,
        ));
    }
    let title = tr(lang, "Fristenbericht", "Deadline report");
    let subtitle = format!(
        "{} {} {} {}",
        tr(lang, "Handeln vom", "Act from"),
        day(lang, report.from),
        tr(lang, "bis", "to"),
        day(lang, report.to)
    );
    page::frame(meta, title, &subtitle, &body, true)
}
