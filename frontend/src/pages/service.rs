//! `/services/:id`: one service — who receives it on a date and how much, and its history.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::service::ServiceCategory;

use crate::{
    api::{Read, ops::SERVICE},
    components::{
        history::history_section,
        page::{Detail, DetailPage, Shown, detail_page},
        parts::{
            SourceInfo, contract_cell, end_cell, fact, facts, period_state, record_cell, section,
            sources_section, table_or_empty, table_section,
        },
        table::{Cell, Column, Row as TableRow, col, num},
    },
    format,
    i18n::{Texts, use_i18n},
    pages::service_edit::service_form,
};

/// One service's page.
#[component]
pub fn ServicePage() -> impl IntoView {
    let t = use_i18n().t();
    detail_page(&DetailPage {
        back: ("/services", t.back_to_services),
        query: (SERVICE, "Service", "Service"),
        heading: ("name", t.service),
        as_of_id: "service-as-of",
        page,
    })
}

fn page(s: &Value, shown: &Shown, reload: Rc<dyn Fn()>) -> Detail {
    let Shown { t, lang, as_of } = *shown;
    let all = s["coverages"].list("nodes");
    let current: Vec<&Value> = all.iter().filter(|c| c.flag("isActive")).collect();
    let source = s.obj("source").map(SourceInfo::read).into_iter().collect();
    let category = s.label::<ServiceCategory>("category", lang);
    let (columns, rows) = coverage_rows(&current, t, lang, as_of, false);
    let recipients = table_or_empty(t.recipients_title, t.recipients_empty, &columns, rows);
    let all: Vec<&Value> = all.iter().collect();
    let (history_columns, history_rows) = coverage_rows(&all, t, lang, as_of, true);
    let lead = category.into_any();
    let mut parts = vec![
        facts(vec![
            fact(t.code, Some(s.text("code"))),
            fact(t.category, Some(category.to_owned())),
            fact(t.vendor, s.opt("vendor")),
            fact(
                t.recipients,
                s.int("recipientCount").map(|n| format::number(lang, n)),
            ),
            fact(
                t.workstations,
                s.int("workstations").map(|w| format::number(lang, w)),
            ),
        ]),
        service_form(s, &reload).into_any(),
    ];
    if let Some(text) = s.opt("description") {
        let body = view! { <p class="prose">{text}</p> }.into_any();
        parts.push(section("description", t.description.to_owned(), body));
    }
    let recipients_title = format!("{} ({})", t.recipients_title, format::date(lang, as_of));
    parts.push(section("recipients", recipients_title, recipients));
    parts.push(table_section(
        "history",
        t.history_title,
        t.coverage_empty,
        &history_columns,
        history_rows,
    ));
    parts.push(sources_section(lang, t, source));
    parts.push(history_section(s.text("id")));
    Detail { lead, parts }
}

/// The columns and rows of `coverages`, with where each stands on `as_of` if `with_state`.
fn coverage_rows(
    coverages: &[&Value],
    t: &'static Texts,
    lang: verbund_shared::Lang,
    as_of: NaiveDate,
    with_state: bool,
) -> (Vec<Column>, Vec<TableRow>) {
    let rows = coverages
        .iter()
        .map(|c| {
            let mut cells = vec![
                record_cell("/members", &c["organisation"]),
                contract_cell(c.obj("contract").map(|k| (k.str("id"), k.str("title")))),
                Cell::Date(format::date_text(lang, c.str("startsOn"))),
                end_cell(lang, t, c.opt("endsOn").as_deref()),
            ];
            if with_state {
                cells.push(Cell::Text(
                    period_state(t, c.flag("isActive"), c.str("startsOn"), as_of).to_owned(),
                ));
            }
            cells.push(Cell::Num(format::opt_number(lang, c.int("workstations"))));
            cells.push(Cell::Num(format::opt_number(lang, c.int("users"))));
            TableRow::new(cells)
        })
        .collect();
    let mut columns = vec![
        col(t.organisation),
        col(t.contract),
        col(t.from),
        col(t.until),
    ];
    if with_state {
        columns.push(col(t.status));
    }
    columns.extend([num(t.workstations), num(t.users)]);
    (columns, rows)
}
