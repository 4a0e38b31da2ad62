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
    api::{Read, ops::CONTRACTS},
    components::{
        filters::select_field,
        page::{ListPage, list_page},
        parts::{SOON_DAYS, deadline, link_cell, status_badge},
        states::{empty, more_than_shown},
        table::{Caption, Cell, Row, col, data_table},
        url_query::UrlQuery,
    },
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
    let t = use_i18n().t();
    list_page(&ListPage {
        title: t.contracts_title,
        lead: t.contracts_intro,
        create: new_contract,
        query: (CONTRACTS, "Contracts"),
        filter,
        ids: ("contracts-search", "contracts-as-of"),
        selects: || {
            view! {
                {select_field("contracts-status", "status", |t| t.status, statuses)}
                {select_field("contracts-kind", "kind", |t| t.kind, kinds)}
            }
            .into_any()
        },
        path: "/contracts",
        table,
    })
}

fn filter(query: UrlQuery) -> Vec<(&'static str, Value)> {
    let status = query
        .get("status")
        .and_then(|s| s.parse::<ContractStatus>().ok());
    let kind = query
        .get("kind")
        .and_then(|k| k.parse::<ContractKind>().ok());
    vec![
        ("status", Value::from(status.map(|s| vec![s.as_str()]))),
        ("kind", Value::from(kind.map(|k| vec![k.as_str()]))),
        ("search", Value::from(query.get("q"))),
    ]
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
