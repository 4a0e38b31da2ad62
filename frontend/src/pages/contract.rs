//! `/contracts/:id`: one contract — parties, terms, the deadlines that follow from them on a
//! date, the memberships resting on it and the services delivered under it.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    Lang,
    contract::{ContractKind, NoticeTo},
    org::OrganisationKind,
};

use crate::{
    api::{Read, ops::CONTRACT},
    components::{
        history::history_section,
        page::{Detail, DetailPage, Shown, detail_page},
        parts::{
            SourceInfo, deadline, end_cell, fact, fact_view, facts, period_cells, period_columns,
            record_cell, section, sources_section, status_badge, table_section,
        },
        states::empty,
        table::{Caption, Cell, Row, col, data_table},
    },
    format,
    i18n::{Texts, fill, use_i18n},
    pages::{
        contract_edit::contract_forms,
        desk::{decisions_section, reminder_days_form, reminders_section},
    },
};

/// One contract's page.
#[component]
pub fn ContractPage() -> impl IntoView {
    let t = use_i18n().t();
    detail_page(&DetailPage {
        back: ("/contracts", t.back_to_contracts),
        query: (CONTRACT, "Contract", "Contract"),
        heading: ("title", t.contract),
        as_of_id: "contract-as-of",
        page,
    })
}

fn page(c: &Value, shown: &Shown, reload: Rc<dyn Fn()>) -> Detail {
    let Shown { t, lang, as_of } = *shown;
    let date = |key: &str| c.opt(key).map(|d| format::date_text(lang, &d));
    let source = c.obj("source").map(SourceInfo::read).into_iter().collect();
    let kind = c.label::<ContractKind>("kind", lang);
    let lead = view! { {kind} " " {status_badge(lang, c.code("status"))} }.into_any();
    let mut list = vec![
        fact(t.number, c.opt("number")),
        fact(t.file_reference, c.opt("fileReference")),
        fact(t.kind, Some(kind.to_owned())),
        fact(t.signed_on, date("signedOn")),
        fact(t.effective_from, date("effectiveFrom")),
        fact(
            t.ends_on,
            Some(date("endsOn").unwrap_or_else(|| t.open_ended.to_owned())),
        ),
    ];
    if let Some(given) = date("noticeGivenOn") {
        list.push(fact(t.notice_given_on, Some(given)));
    }
    if let Some(ended) = date("endedOn") {
        list.push(fact(t.ended_on, Some(ended)));
    }
    let parts = vec![
        facts(list),
        contract_forms(c, reload.clone()).into_any(),
        parties(c, t, lang),
        terms(c, t, lang, as_of),
        renewals(c, t, lang),
        memberships(c, t, lang),
        coverage(c, t, lang, as_of),
        decisions_section(c, t, lang),
        reminders_section(c, t, lang),
        reminder_days_form(c, t, &reload).into_any(),
        sources_section(lang, t, source),
        history_section(c.text("id")),
    ];
    Detail { lead, parts }
}

fn parties(c: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let rows = c
        .list("parties")
        .iter()
        .map(|p| {
            let org = &p["organisation"];
            Row::new(vec![
                record_cell("/members", org),
                Cell::Text(org.label::<OrganisationKind>("kind", lang).to_owned()),
                Cell::Text(p.opt("role").map(|r| t.party_role(&r)).unwrap_or_default()),
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

fn terms(c: &Value, t: &'static Texts, lang: Lang, as_of: NaiveDate) -> AnyView {
    let terms = &c["terms"];
    let initial = match (
        terms.int("initialTermMonths"),
        terms.opt("initialTermUntil"),
    ) {
        (Some(months), _) => fill(t.months, &[("n", &months.to_string())]),
        (None, Some(until)) => fill(t.until_date, &[("date", &format::date_text(lang, &until))]),
        (None, None) => t.indefinite.to_owned(),
    };
    let notice = match terms.int("noticeMonths") {
        Some(months) => {
            let to = terms.label::<NoticeTo>("noticeTo", lang);
            format!("{} {to}", fill(t.months, &[("n", &months.to_string())]))
        }
        None => t.no_notice_period.to_owned(),
    };
    let next = c.obj("nextNotice").map(|n| {
        fill(
            t.next_notice,
            &[
                ("deadline", &format::date_text(lang, n.str("deadline"))),
                ("ends", &format::date_text(lang, n.str("endsOn"))),
            ],
        )
    });
    let (notice_deadline, term_ends) = (c.opt("noticeDeadline"), c.opt("currentTermEndsOn"));
    let no_deadlines = notice_deadline.is_none() && term_ends.is_none();
    let deadlines = if no_deadlines {
        empty(t.no_deadline).into_any()
    } else {
        let list = facts(vec![
            fact_view(
                t.current_term_ends,
                deadline(lang, t, term_ends.as_ref(), as_of),
                None,
            ),
            fact_view(
                t.notice_deadline,
                deadline(lang, t, notice_deadline.as_ref(), as_of),
                None,
            ),
        ]);
        view! {
            {list}
            {next.map(|text| view! { <p class="callout">{text}</p> })}
        }
        .into_any()
    };
    let mut list = vec![
        fact(t.initial_term, Some(initial)),
        fact(
            t.renewal,
            Some(t.renewal(terms.str("renewal"), terms.int("renewalMonths"))),
        ),
        fact(t.notice_period, Some(notice)),
    ];
    if terms.str("renewal") == "EXPRESS" {
        list.push(fact(
            t.decision_period,
            terms
                .int("decisionMonths")
                .map(|n| fill(t.decision_period_value, &[("n", &n.to_string())])),
        ));
    }
    let body = view! {
        {facts(list)}
        <h3>{t.deadlines_contract_title} " (" {format::date(lang, as_of)} ")"</h3>
        {deadlines}
    }
    .into_any();
    section("terms", t.terms_title.to_owned(), body)
}

/// The express renewals recorded, each with the term it adds; nothing for a contract that
/// does not end unless expressly renewed and has none.
fn renewals(c: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let recorded = c.list("renewals");
    if c["terms"].str("renewal") != "EXPRESS" && recorded.is_empty() {
        return ().into_any();
    }
    let day = |r: &Value, key: &str| format::date_text(lang, r.str(key));
    let rows = recorded
        .iter()
        .map(|r| {
            let term = match (r.int("months"), r.opt("until")) {
                (Some(months), _) => fill(t.months, &[("n", &months.to_string())]),
                (None, Some(until)) => {
                    fill(t.until_date, &[("date", &format::date_text(lang, &until))])
                }
                (None, None) => String::new(),
            };
            Row::new(vec![
                Cell::Date(day(r, "renewedOn")),
                Cell::Text(term),
                Cell::Date(format!("{} – {}", day(r, "startsOn"), day(r, "endsOn"))),
            ])
        })
        .collect();
    table_section(
        "contract-renewals",
        t.renewals_title,
        t.renewals_empty,
        &[col(t.renewed_on), col(t.renewal), col(t.renewed_term)],
        rows,
    )
}

fn memberships(c: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let rows = c
        .list("memberships")
        .iter()
        .map(|m| {
            Row::new(vec![
                record_cell("/members", &m["organisation"]),
                Cell::Date(format::date_text(lang, m.str("joinedOn"))),
                end_cell(lang, t, m.opt("leftOn").as_deref()),
            ])
        })
        .collect();
    table_section(
        "contract-memberships",
        t.contract_memberships_title,
        t.contract_memberships_empty,
        &[col(t.organisation), col(t.joined), col(t.left)],
        rows,
    )
}

fn coverage(c: &Value, t: &'static Texts, lang: Lang, as_of: NaiveDate) -> AnyView {
    let rows = c["coverages"]
        .list("nodes")
        .iter()
        .map(|k| {
            let mut cells = vec![
                record_cell("/members", &k["organisation"]),
                record_cell("/services", &k["service"]),
            ];
            cells.extend(period_cells(lang, t, k, as_of));
            Row::new(cells)
        })
        .collect();
    let mut columns = vec![col(t.organisation), col(t.service)];
    columns.extend(period_columns(t));
    table_section(
        "contract-coverage",
        t.contract_coverage_title,
        t.contract_coverage_empty,
        &columns,
        rows,
    )
}
