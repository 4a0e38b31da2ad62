//! `/services/:id`: one service — who receives it on a date and how much, and its history.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::service::ServiceCategory;

use crate::{
    api::{Read, ops::SERVICE},
    components::{
        filters::as_of_field,
        history::history_section,
        page::{DetailPage, detail_page},
        parts::{
            SourceInfo, contract_cell, end_cell, fact, facts, period_state, record_cell, section,
            sources_section,
        },
        states::empty,
        table::{Caption, Cell, Row as TableRow, col, data_table, num},
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
        page,
    })
}

fn page(s: &Value, as_of: NaiveDate, reload: Rc<dyn Fn()>) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let all = s["coverages"].list("nodes");
    let current: Vec<&Value> = all.iter().filter(|c| c.flag("isActive")).collect();
    let source = s.obj("source").map(SourceInfo::read).into_iter().collect();
    let category = s.label::<ServiceCategory>("category", lang);
    let recipients = if current.is_empty() {
        empty(t.recipients_empty).into_any()
    } else {
        coverage_table(&current, t, lang, as_of, false, t.recipients_title)
    };
    let history = if all.is_empty() {
        empty(t.coverage_empty).into_any()
    } else {
        coverage_table(
            &all.iter().collect::<Vec<_>>(),
            t,
            lang,
            as_of,
            true,
            t.history_title,
        )
    };
    let head = view! {
        <p class="lead">{category}</p>
        <form class="filters filters-compact" on:submit=|ev| ev.prevent_default()>
            {as_of_field("service-as-of")}
        </form>
    }
    .into_any();
    let mut parts = vec![
        head,
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
    parts.push(section("history", t.history_title.to_owned(), history));
    parts.push(sources_section(lang, t, source));
    parts.push(history_section(s.text("id")));
    parts.into_any()
}

fn coverage_table(
    rows: &[&Value],
    t: &'static Texts,
    lang: verbund_shared::Lang,
    as_of: NaiveDate,
    with_state: bool,
    caption: &'static str,
) -> AnyView {
    let rows = rows
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
    data_table(Caption::Hidden(caption), &columns, rows, None, "")
}
