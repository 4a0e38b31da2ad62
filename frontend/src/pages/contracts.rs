//! `/contracts`: every contract with its status and deadlines on a date; deadlines within
//! 90 days are highlighted. Status, kind, search and date live in the URL.

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::contract::{ContractKind, ContractStatus};

use crate::{
    api::{Read, ops::CONTRACTS, read::choices},
    components::{
        filters::select_field,
        page::{ListPage, ListTable, Shown, list_page},
        parts::{SOON_DAYS, deadline, link_cell, party_names, status_badge},
        table::{Cell, Row, col},
        url_query::UrlQuery,
    },
    format,
    i18n::use_i18n,
    pages::contract_edit::new_contract,
};

/// The contract list.
#[component]
pub fn ContractsPage() -> impl IntoView {
    let t = use_i18n().t();
    list_page(ListPage {
        title: t.contracts_title,
        lead: t.contracts_intro,
        create: new_contract,
        see_also: None,
        query: (CONTRACTS, "Contracts"),
        filter,
        ids: ("contracts-search", "contracts-as-of"),
        selects: || {
            view! {
                {select_field("contracts-status", "status", |t| t.status, choices::<ContractStatus>)}
                {select_field("contracts-kind", "kind", |t| t.kind, choices::<ContractKind>)}
            }
            .into_any()
        },
        path: "/contracts",
        live: &["Contract", "ContractParty"],
        export: ("contracts", true),
        table: ListTable {
            list: "contracts",
            caption: t.contracts_caption,
            empty: t.contracts_empty,
            columns: vec![
                col(t.title),
                col(t.kind),
                col(t.parties),
                col(t.status),
                col(t.effective_from),
                col(t.term_ends),
                col(t.notice_by),
            ],
            row,
        },
    })
}

fn filter(query: UrlQuery) -> Vec<(&'static str, Value)> {
    vec![
        ("status", query.code_list::<ContractStatus>("status")),
        ("kind", query.code_list::<ContractKind>("kind")),
        ("search", query.text("q")),
    ]
}

/// A contract's row, marked when its term ends or its notice is due within
/// [`SOON_DAYS`] of the date.
fn row(c: &Value, s: &Shown) -> Row {
    let Shown { t, lang, as_of } = *s;
    let soon = |date: &Option<String>| {
        date.as_deref()
            .and_then(format::parse_iso)
            .is_some_and(|d| (0..=SOON_DAYS).contains(&format::days_between(as_of, d)))
    };
    let term_end = c.opt("endsOn").or_else(|| c.opt("currentTermEndsOn"));
    let notice = c.opt("noticeDeadline");
    let ends = match &term_end {
        Some(_) => deadline(lang, t, term_end.as_ref(), as_of),
        None => view! { <span class="muted">{t.open_ended}</span> }.into_any(),
    };
    Row {
        attention: soon(&term_end) || soon(&notice),
        cells: vec![
            link_cell("/contracts", c.str("id"), c.str("title"), c.opt("number")),
            Cell::Text(c.label::<ContractKind>("kind", lang).to_owned()),
            Cell::Text(party_names(c)),
            Cell::View(status_badge(lang, c.code("status"))),
            Cell::Date(format::opt_date(lang, c.opt("effectiveFrom").as_ref())),
            Cell::View(ends),
            Cell::View(deadline(lang, t, notice.as_ref(), as_of)),
        ],
    }
}
