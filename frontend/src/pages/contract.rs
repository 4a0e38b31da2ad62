//! `/contracts/:id`: one contract — parties, terms, the deadlines that follow from them on a
//! date, the memberships resting on it and the services delivered under it.

use chrono::NaiveDate;
use leptos::prelude::*;
use verbund_shared::Lang;

use crate::{
    api::{
        load,
        ops::{Contract, contract},
    },
    components::{
        filters::as_of_field,
        history::history_section,
        parts::{
            SourceInfo, deadline, end_cell, fact, fact_view, facts, link, link_cell, period_state,
            section, sources_section, status_badge,
        },
        states::{detail_heading, empty, record_not_found, render},
        table::{Caption, Cell, Row, col, data_table, num},
        url_query::{use_record_id, use_url_query},
    },
    format,
    dom::status_region,
    i18n::{Texts, fill, use_i18n},
    pages::contract_edit::contract_forms,
};

type Node = contract::ContractNodeOnContract;

/// One contract's page.
#[component]
pub fn ContractPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_url_query();
    let id = use_record_id();
    let as_of = move || query.as_of();
    let data = load::<Contract>(move || contract::Variables {
        id: id(),
        as_of: format::iso(as_of()),
    });
    let reload = move || data.retry();
    view! {
        <p class="breadcrumb">{link("/contracts".to_owned(), i18n.t().back_to_contracts)}</p>
        {detail_heading(data, |c| c.title.clone(), i18n.t().contract)}
        {status_region()}
        {render(data, move |d| match &d.0 {
            Some(c) => page(c, as_of(), reload),
            None => record_not_found(),
        })}
    }
}

fn page(
    c: &Node,
    as_of: NaiveDate,
    reload: impl Fn() + 'static,
) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let date = |d: &Option<String>| d.as_deref().map(|d| format::date_text(lang, d));
    let source = c
        .source
        .iter()
        .map(|s| SourceInfo {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            published_on: s.published_on.clone(),
            note: s.note.clone(),
        })
        .collect();
    let head = view! {
        <p class="lead">{c.kind.label(lang)} " " {status_badge(lang, c.status)}</p>
        <form class="filters filters-compact" on:submit=|ev| ev.prevent_default()>
            {as_of_field("contract-as-of")}
        </form>
    }
    .into_any();
    let mut list = vec![
        fact(t.number, c.number.clone()),
        fact(t.kind, Some(c.kind.label(lang).to_owned())),
        fact(t.signed_on, date(&c.signed_on)),
        fact(t.effective_from, date(&c.effective_from)),
        fact(
            t.ends_on,
            Some(date(&c.ends_on).unwrap_or_else(|| t.open_ended.to_owned())),
        ),
    ];
    if c.notice_given_on.is_some() {
        list.push(fact(t.notice_given_on, date(&c.notice_given_on)));
    }
    if c.ended_on.is_some() {
        list.push(fact(t.ended_on, date(&c.ended_on)));
    }
    vec![
        head,
        facts(list),
        contract_forms(c, reload).into_any(),
        parties(c, t, lang),
        terms(c, t, lang, as_of),
        memberships(c, t, lang),
        coverage(c, t, lang, as_of),
        sources_section(lang, t, source),
        history_section(c.id.clone()),
    ]
    .into_any()
}

fn parties(c: &Node, t: &'static Texts, lang: Lang) -> AnyView {
    let rows = c
        .parties
        .iter()
        .map(|p| {
            Row::new(vec![
                link_cell("/members", &p.organisation.id, &p.organisation.name, None),
                Cell::Text(p.organisation.kind.label(lang).to_owned()),
                Cell::Text(
                    p.role
                        .as_deref()
                        .map(|r| t.party_role(r))
                        .unwrap_or_default(),
                ),
            ])
        })
        .collect();
    let table = data_table(
        Caption::Hidden(t.parties_title),
        &[col(t.organisation), col(t.kind), col(t.role)],
        rows,
        None,
        "",
    );
    section("parties", t.parties_title.to_owned(), table)
}

fn terms(c: &Node, t: &'static Texts, lang: Lang, as_of: NaiveDate) -> AnyView {
    let terms = &c.terms;
    let initial = match (terms.initial_term_months, &terms.initial_term_until) {
        (Some(months), _) => fill(t.months, &[("n", &months.to_string())]),
        (None, Some(until)) => fill(t.until_date, &[("date", &format::date_text(lang, until))]),
        (None, None) => t.indefinite.to_owned(),
    };
    let notice = match terms.notice_months {
        Some(months) => {
            let to = terms.notice_to.map(|to| to.label(lang)).unwrap_or_default();
            format!("{} {to}", fill(t.months, &[("n", &months.to_string())]))
        }
        None => t.no_notice_period.to_owned(),
    };
    let next = c.next_notice.as_ref().map(|n| {
        fill(
            t.next_notice,
            &[
                ("deadline", &format::date_text(lang, &n.deadline)),
                ("ends", &format::date_text(lang, &n.ends_on)),
            ],
        )
    });
    let no_deadlines = c.notice_deadline.is_none() && c.current_term_ends_on.is_none();
    let deadlines = if no_deadlines {
        empty(t.no_deadline).into_any()
    } else {
        let list = facts(vec![
            fact_view(
                t.current_term_ends,
                deadline(lang, t, c.current_term_ends_on.as_ref(), as_of),
                None,
            ),
            fact_view(
                t.notice_deadline,
                deadline(lang, t, c.notice_deadline.as_ref(), as_of),
                None,
            ),
        ]);
        view! {
            {list}
            {next.map(|text| view! { <p class="callout">{text}</p> })}
        }
        .into_any()
    };
    let body = view! {
        {facts(vec![
            fact(t.initial_term, Some(initial)),
            fact(t.renewal, Some(t.renewal(terms.renewal, terms.renewal_months))),
            fact(t.notice_period, Some(notice)),
        ])}
        <h3>{t.deadlines_contract_title} " (" {format::date(lang, as_of)} ")"</h3>
        {deadlines}
    }
    .into_any();
    section("terms", t.terms_title.to_owned(), body)
}

fn memberships(c: &Node, t: &'static Texts, lang: Lang) -> AnyView {
    let body = if c.memberships.is_empty() {
        empty(t.contract_memberships_empty).into_any()
    } else {
        let rows = c
            .memberships
            .iter()
            .map(|m| {
                Row::new(vec![
                    link_cell("/members", &m.organisation.id, &m.organisation.name, None),
                    Cell::Date(format::date_text(lang, &m.joined_on)),
                    end_cell(lang, t, m.left_on.as_deref()),
                ])
            })
            .collect();
        data_table(
            Caption::Hidden(t.contract_memberships_title),
            &[col(t.organisation), col(t.joined), col(t.left)],
            rows,
            None,
            "",
        )
    };
    section(
        "contract-memberships",
        t.contract_memberships_title.to_owned(),
        body,
    )
}

fn coverage(c: &Node, t: &'static Texts, lang: Lang, as_of: NaiveDate) -> AnyView {
    let list = &c.coverages.nodes;
    let body = if list.is_empty() {
        empty(t.contract_coverage_empty).into_any()
    } else {
        let rows = list
            .iter()
            .map(|k| {
                Row::new(vec![
                    link_cell("/members", &k.organisation.id, &k.organisation.name, None),
                    link_cell("/services", &k.service.id, &k.service.name, None),
                    Cell::Date(format::date_text(lang, &k.starts_on)),
                    end_cell(lang, t, k.ends_on.as_deref()),
                    Cell::Text(period_state(t, k.is_active, &k.starts_on, as_of).to_owned()),
                    Cell::Num(format::opt_number(lang, k.workstations)),
                    Cell::Num(format::opt_number(lang, k.users)),
                ])
            })
            .collect();
        data_table(
            Caption::Hidden(t.contract_coverage_title),
            &[
                col(t.organisation),
                col(t.service),
                col(t.from),
                col(t.until),
                col(t.status),
                num(t.workstations),
                num(t.users),
            ],
            rows,
            None,
            "",
        )
    };
    section(
        "contract-coverage",
        t.contract_coverage_title.to_owned(),
        body,
    )
}
