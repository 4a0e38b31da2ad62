//! `/services/:id`: one service — who receives it on a date and how much, and its history.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::{
    api::{
        load,
        ops::{Service, service},
    },
    components::{
        filters::as_of_field,
        parts::{
            SourceInfo, contract_cell, end_cell, fact, facts, link, link_cell, period_state,
            section, sources_section,
        },
        states::{detail_heading, empty, record_not_found, render},
        table::{Caption, Cell, Row as TableRow, col, data_table, num},
        url_query::{use_record_id, use_url_query},
    },
    format,
    i18n::{Texts, use_i18n},
};

type Node = service::ServiceNodeOnService;
type Row = service::ServiceNodeOnServiceCoveragesNodes;

/// One service's page.
#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_url_query();
    let id = use_record_id();
    let as_of = move || query.as_of();
    let data = load::<Service>(move || service::Variables {
        id: id(),
        as_of: format::iso(as_of()),
    });
    view! {
        <p class="breadcrumb">{link("/services".to_owned(), i18n.t().back_to_services)}</p>
        {detail_heading(data, |s| s.name.clone(), i18n.t().service)}
        {render(data, move |d| match &d.0 {
            Some(s) => page(s, as_of()),
            None => record_not_found(),
        })}
    }
}

fn page(s: &Node, as_of: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let all = &s.coverages.nodes;
    let current: Vec<&Row> = all.iter().filter(|c| c.is_active).collect();
    let source = s
        .source
        .iter()
        .map(|x| SourceInfo {
            title: x.title.clone(),
            publisher: x.publisher.clone(),
            url: x.url.clone(),
            published_on: x.published_on.clone(),
            note: x.note.clone(),
        })
        .collect();
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
        <p class="lead">{s.category.label(lang)}</p>
        <form class="filters filters-compact" on:submit=|ev| ev.prevent_default()>
            {as_of_field("service-as-of")}
        </form>
    }
    .into_any();
    let mut parts = vec![
        head,
        facts(vec![
            fact(t.code, Some(s.code.clone())),
            fact(t.category, Some(s.category.label(lang).to_owned())),
            fact(t.vendor, s.vendor.clone()),
            fact(t.recipients, Some(format::number(lang, s.recipient_count))),
            fact(
                t.workstations,
                s.workstations.map(|w| format::number(lang, w)),
            ),
        ]),
    ];
    if let Some(text) = s.description.clone() {
        let body = view! { <p class="prose">{text}</p> }.into_any();
        parts.push(section("description", t.description.to_owned(), body));
    }
    let recipients_title = format!("{} ({})", t.recipients_title, format::date(lang, as_of));
    parts.push(section("recipients", recipients_title, recipients));
    parts.push(section("history", t.history_title.to_owned(), history));
    parts.push(sources_section(lang, t, source));
    parts.into_any()
}

fn coverage_table(
    rows: &[&Row],
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
                link_cell("/members", &c.organisation.id, &c.organisation.name, None),
                contract_cell(
                    c.contract
                        .as_ref()
                        .map(|k| (k.id.as_str(), k.title.as_str())),
                ),
                Cell::Date(format::date_text(lang, &c.starts_on)),
                end_cell(lang, t, c.ends_on.as_deref()),
            ];
            if with_state {
                cells.push(Cell::Text(
                    period_state(t, c.is_active, &c.starts_on, as_of).to_owned(),
                ));
            }
            cells.push(Cell::Num(format::opt_number(lang, c.workstations)));
            cells.push(Cell::Num(format::opt_number(lang, c.users)));
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
