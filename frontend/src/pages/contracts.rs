//! `/contracts`: every contract with its status and deadlines on a date; deadlines within
//! 90 days are highlighted. Status, kind, search and date live in the URL.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    Lang,
    contract::{ContractKind, ContractStatus},
};

use crate::{
    api::{
        Read, load,
        ops::CONTRACTS,
        read::{given, obj},
    },
    components::{
        filters::{as_of_field, search_field, select_field},
        parts::{SOON_DAYS, deadline, link_cell, status_badge},
        states::{empty, more_than_shown, render},
        table::{Caption, Cell, Row, col, data_table},
        title::set_title,
        url_query::use_url_query,
    },
    dom::intro,
    format,
    i18n::{fill, use_i18n},
    pages::contract_edit::new_contract,
};

fn statuses(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ContractStatus::ALL
        .into_iter()
        .map(|s| (s.as_str(), s.label(lang)))
        .collect()
}

fn kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ContractKind::ALL
        .into_iter()
        .map(|k| (k.as_str(), k.label(lang)))
        .collect()
}

/// The contract list.
#[component]
pub fn ContractsPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(i18n.t().contracts_title);
    let query = use_url_query();
    let as_of = move || query.as_of();
    let search = move || query.get("q");
    let status = move || {
        query
            .get("status")
            .and_then(|s| s.parse::<ContractStatus>().ok())
    };
    let kind = move || {
        query
            .get("kind")
            .and_then(|k| k.parse::<ContractKind>().ok())
    };
    let data = load(CONTRACTS, "Contracts", move || {
        let filter = given(vec![
            ("status", Value::from(status().map(|s| vec![s.as_str()]))),
            ("kind", Value::from(kind().map(|k| vec![k.as_str()]))),
            ("search", Value::from(search())),
        ]);
        obj(vec![
            ("asOf", Value::from(format::iso(as_of()))),
            ("filter", filter),
        ])
    });
    view! {
        <h1>{i18n.t().contracts_title}</h1>
        {intro(i18n.t().contracts_intro, new_contract())}
        <form class="filters" role="search" aria-label=i18n.t().filters on:submit=|ev| ev.prevent_default()>
            {search_field("contracts-search", "q")}
            {select_field("contracts-status", "status", |t| t.status, statuses)}
            {select_field("contracts-kind", "kind", |t| t.kind, kinds)}
            {as_of_field("contracts-as-of")}
            <p class="filters-reset">
                <a href="/contracts">{i18n.t().reset_filters}</a>
            </p>
        </form>
        {render(data, move |d| table(d, as_of()))}
    }
}

fn table(d: &Value, as_of: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let list = &d["contracts"];
    let nodes = list.list("nodes");
    let total = list.int("totalCount").unwrap_or_default();
    if nodes.is_empty() {
        return empty(t.contracts_empty).into_any();
    }
    let soon = |date: &Option<String>| {
        date.as_deref()
            .and_then(format::parse_iso)
            .is_some_and(|d| (0..=SOON_DAYS).contains(&format::days_between(as_of, d)))
    };
    let rows = nodes
        .iter()
        .map(|c| {
            let term_end = c.opt("endsOn").or_else(|| c.opt("currentTermEndsOn"));
            let notice = c.opt("noticeDeadline");
            let parties = c
                .list("parties")
                .iter()
                .map(|p| p["organisation"].str("name"))
                .collect::<Vec<_>>()
                .join(", ");
            let ends = match &term_end {
                Some(_) => deadline(lang, t, term_end.as_ref(), as_of),
                None => view! { <span class="muted">{t.open_ended}</span> }.into_any(),
            };
            Row {
                attention: soon(&term_end) || soon(&notice),
                cells: vec![
                    link_cell("/contracts", c.str("id"), c.str("title"), c.opt("number")),
                    Cell::Text(c.label::<ContractKind>("kind", lang).to_owned()),
                    Cell::Text(parties),
                    Cell::View(status_badge(lang, c.code("status"))),
                    Cell::Date(format::opt_date(lang, c.opt("effectiveFrom").as_ref())),
                    Cell::View(ends),
                    Cell::View(deadline(lang, t, notice.as_ref(), as_of)),
                ],
            }
        })
        .collect();
    let caption = fill(
        t.contracts_caption,
        &[
            ("n", &format::number(lang, total)),
            ("date", &format::date(lang, as_of)),
        ],
    );
    view! {
        {data_table(
            Caption::Shown(caption),
            &[
                col(t.title),
                col(t.kind),
                col(t.parties),
                col(t.status),
                col(t.effective_from),
                col(t.term_ends),
                col(t.notice_by),
            ],
            rows,
            None,
            "",
        )}
        {more_than_shown(nodes.len(), total)}
    }
    .into_any()
}
