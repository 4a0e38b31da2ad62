//! The coverage matrix as a document: services as columns by their code (named in a legend
//! under the table), organisations as rows, workstations in the cells.

use super::page::{self, Html, Meta, day, empty, esc, number, tr};
use crate::register::reports::{CoverageMatrix, Mark};

/// The matrix on its day.
pub fn render(matrix: &CoverageMatrix, meta: &Meta) -> Html {
    let lang = meta.lang;
    let mut body = String::new();
    if matrix.rows.is_empty() {
        body.push_str(&empty(tr(
            lang,
            "An diesem Tag bezieht niemand eine Leistung.",
            "Nobody receives a service on this day.",
        )));
    } else {
        body.push_str("<table class=\"matrix\"><thead><tr>");
        body.push_str(&format!(
            "<th>{}</th>",
            tr(lang, "Organisation", "Organisation")
        ));
        for service in &matrix.services {
            body.push_str(&format!("<th>{}</th>", esc(&service.code)));
        }
        body.push_str("</tr></thead><tbody>");
        for (name, cells) in &matrix.rows {
            body.push_str(&format!("<tr><td class=\"name\">{}</td>", esc(name)));
            for cell in cells {
                let text = match cell {
                    Mark::None => String::new(),
                    Mark::Received => "●".to_owned(),
                    Mark::Workstations(n) => number(lang, *n),
                };
                body.push_str(&format!("<td>{text}</td>"));
            }
            body.push_str("</tr>");
        }
        body.push_str(&format!(
            "<tr><th>{}</th>",
            tr(lang, "Arbeitsplätze", "Workstations")
        ));
        for column in 0..matrix.services.len() {
            let total = matrix
                .column_total(column)
                .map_or_else(String::new, |n| number(lang, n));
            body.push_str(&format!("<th class=\"num\">{total}</th>"));
        }
        body.push_str("</tr></tbody></table>");
        body.push_str(&format!(
            "<p>{}</p><h2>{}</h2><dl>",
            tr(
                lang,
                "● bezieht die Leistung ohne erfasste Arbeitsplätze.",
                "● receives the service; no workstations recorded."
            ),
            tr(lang, "Leistungen", "Services")
        ));
        for service in &matrix.services {
            body.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>",
                esc(&service.code),
                esc(&service.name)
            ));
        }
        body.push_str("</dl>");
    }
    let title = tr(lang, "Leistungsmatrix", "Coverage matrix");
    let subtitle = format!(
        "{} {} · {} {} · {} {}",
        tr(lang, "Stand", "As of"),
        day(lang, matrix.as_of),
        matrix.rows.len(),
        tr(lang, "Organisationen", "organisations"),
        matrix.services.len(),
        tr(lang, "Leistungen", "services"),
    );
    page::frame(meta, title, &subtitle, &body, true)
}
