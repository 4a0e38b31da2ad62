//! `/members/:id`: one organisation — its memberships with their milestones, contracts,
//! services received, units, people, figures and the sources of these facts.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    Lang, contract::ContractKind, org::OrganisationKind, service::ServiceCategory,
};

use crate::{
    api::{Read, ops::MEMBER},
    components::{
        history::history_section,
        page::{Detail, DetailPage, Shown, detail_page},
        parts::{
            SourceInfo, contract_cell, contract_link, end_cell, fact, fact_view, facts,
            figure_value, link_cell, note_link, org_link, period_cells, period_columns,
            record_cell, section, sources_section, status_badge, table_section,
        },
        states::empty,
        table::{Caption, Cell, Row, col, data_table, num},
    },
    format,
    i18n::{Texts, fill, use_i18n},
    order::sort_by_text,
    pages::{
        coverage_edit::coverage_forms,
        member_edit::organisation_form,
        membership_edit::membership_forms,
        people_edit::{figure_forms, people_forms},
    },
};

/// One organisation's page.
#[component]
pub fn MemberPage() -> impl IntoView {
    let t = use_i18n().t();
    detail_page(&DetailPage {
        back: ("/members", t.back_to_members),
        query: (MEMBER, "Member", "Organisation"),
        heading: ("name", t.organisation),
        as_of_id: "member-as-of",
        page,
    })
}

fn page(org: &Value, shown: &Shown, reload: Rc<dyn Fn()>) -> Detail {
    let Shown { t, lang, as_of } = *shown;
    let as_of_text = format::date(lang, as_of);
    let (badge_class, badge_text) = if org.flag("isMember") {
        (
            "badge badge-in-force",
            fill(t.member_on, &[("date", &as_of_text)]),
        )
    } else {
        (
            "badge badge-ended",
            fill(t.no_member_on, &[("date", &as_of_text)]),
        )
    };
    let lead = view! {
        {org.label::<OrganisationKind>("kind", lang)} " " <span class=badge_class>{badge_text}</span>
    }
    .into_any();
    let mut list = vec![
        fact(
            t.kind,
            Some(org.label::<OrganisationKind>("kind", lang).to_owned()),
        ),
        fact(t.short_name, org.opt("shortName")),
        fact(t.official_key, org.opt("officialKey")),
    ];
    if let Some(p) = org.obj("parent") {
        list.push(fact_view(
            t.belongs_to,
            org_link(p.str("id"), p.str("name")),
            None,
        ));
    }
    // Its own workstations and those with its units (as the register counts them: the units
    // that act through it, never the members in its territory).
    for (label, key) in [
        (t.tree.without_units, "workstations"),
        (t.tree.with_units, "workstationsWithUnits"),
    ] {
        list.push(fact(label, org.int(key).map(|w| format::number(lang, w))));
    }
    let tree = format!("/organisations/tree?asOf={}", format::iso(as_of));
    let mut parts = vec![
        facts(list),
        note_link(&tree, t.tree.see_tree),
        crate::components::export::member_report_link(org.text("id"), as_of),
        organisation_form(org, &reload).into_any(),
        memberships(org, t, lang, &reload),
        contracts(org, t, lang),
        coverage(org, t, lang, as_of),
        coverage_forms(org, &reload).into_any(),
        units(org, t, lang),
        people(org, t, lang),
    ];
    parts.extend(people_forms(org, &reload));
    parts.extend(figures(org, t, lang));
    parts.extend(figure_forms(org, &reload));
    let read = sources(org).into_iter().map(SourceInfo::read).collect();
    parts.push(sources_section(lang, t, read));
    parts.push(history_section(org.text("id")));
    Detail { lead, parts }
}

fn memberships(org: &Value, t: &'static Texts, lang: Lang, reload: &Rc<dyn Fn()>) -> AnyView {
    let list = org.list("memberships");
    let body = if list.is_empty() {
        empty(t.memberships_empty).into_any()
    } else {
        list.iter()
            .enumerate()
            .map(|(i, m)| membership(m, t, lang, membership_forms(org, m, i, reload)))
            .collect_view()
            .into_any()
    };
    section("memberships", t.memberships_title.to_owned(), body)
}

/// One membership: its period, contract, share and seats, and its milestones in the order
/// they happened; `forms` change it and record its last day.
fn membership(m: &Value, t: &'static Texts, lang: Lang, forms: Option<AnyView>) -> AnyView {
    let mut steps: Vec<(&'static str, Option<String>)> = vec![
        (t.council_decision, m.opt("councilDecisionOn")),
        (t.contract_signed, m.opt("contractSignedOn")),
        (t.legal_effect, m.opt("legalEffectOn")),
        (t.it_takeover, m.opt("itTakeoverOn")),
        (t.joined, Some(m.text("joinedOn"))),
    ];
    let left_on = m.opt("leftOn");
    if left_on.is_some() {
        steps.push((t.left, left_on.clone()));
    }
    // Recorded steps in the order they happened; unknown ones after them.
    sort_by_text(&mut steps, |(_, date)| match date {
        Some(date) => format!("0{date}"),
        None => "1".to_owned(),
    });
    let steps = steps
        .into_iter()
        .map(|(label, date)| {
            let (class, date) = match date {
                Some(date) => (None, format::date_text(lang, &date)),
                None => (Some("milestone-unknown"), t.not_recorded.to_owned()),
            };
            view! {
                <li class=class>
                    <span class="milestone-date">{date}</span>
                    <span class="milestone-label">{label}</span>
                </li>
            }
            .into_any()
        })
        .collect_view();
    let period = format!(
        "{} – {}",
        format::date_text(lang, m.str("joinedOn")),
        left_on
            .as_deref()
            .map_or_else(|| t.open_ended.to_owned(), |l| format::date_text(lang, l))
    );
    let contract = match m.obj("contract") {
        Some(c) => fact_view(t.contract, contract_link(c.str("id"), c.str("title")), None),
        None => fact(t.contract, None),
    };
    let details = facts(vec![
        contract,
        fact(
            t.capital_share,
            m.opt("capitalShare").map(|c| format::euros(lang, &c)),
        ),
        fact(t.seats, m.int("seats").map(|s| format::number(lang, s))),
        fact(t.source, m.obj("source").map(|s| s.text("title"))),
    ]);
    view! {
        <article class="card">
            <h3>
                {period}
                {m.flag("founding").then(|| view! { " " <span class="tag">{t.founding_member}</span> })}
            </h3>
            {details}
            <h4>{t.milestones}</h4>
            <ol class="milestones">{steps}</ol>
            {forms}
        </article>
    }
    .into_any()
}

fn contracts(org: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let rows = org["contracts"]
        .list("nodes")
        .iter()
        .map(|c| {
            Row::new(vec![
                link_cell("/contracts", c.str("id"), c.str("title"), c.opt("number")),
                Cell::Text(c.label::<ContractKind>("kind", lang).to_owned()),
                Cell::View(status_badge(lang, c.code("status"))),
                Cell::Date(format::opt_date(lang, c.opt("effectiveFrom").as_ref())),
                end_cell(lang, t, c.opt("endsOn").as_deref()),
            ])
        })
        .collect();
    table_section(
        "contracts",
        t.contracts_title,
        t.member_contracts_empty,
        &[
            col(t.title),
            col(t.kind),
            col(t.status),
            col(t.effective_from),
            col(t.ends_on),
        ],
        rows,
    )
}

fn coverage(org: &Value, t: &'static Texts, lang: Lang, as_of: NaiveDate) -> AnyView {
    let rows = org["coverages"]
        .list("nodes")
        .iter()
        .map(|c| {
            let mut cells = vec![
                record_cell("/services", &c["service"]),
                Cell::Text(
                    c["service"]
                        .label::<ServiceCategory>("category", lang)
                        .to_owned(),
                ),
                contract_cell(c.obj("contract").map(|k| (k.str("id"), k.str("title")))),
            ];
            cells.extend(period_cells(lang, t, c, as_of));
            Row::new(cells)
        })
        .collect();
    let mut columns = vec![col(t.service), col(t.category), col(t.contract)];
    columns.extend(period_columns(t));
    table_section(
        "coverage",
        t.coverage_title,
        t.coverage_empty,
        &columns,
        rows,
    )
}

fn units(org: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let list = org.list("units");
    let body = if list.is_empty() {
        empty(t.units_empty).into_any()
    } else {
        let items = list
            .iter()
            .map(|u| {
                view! {
                    <li>
                        {org_link(u.str("id"), u.str("name"))}
                        <span class="muted">" · " {u.label::<OrganisationKind>("kind", lang)}</span>
                    </li>
                }
                .into_any()
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    section("units", t.units_title.to_owned(), body)
}

fn people(org: &Value, t: &'static Texts, lang: Lang) -> AnyView {
    let rows = org
        .list("people")
        .iter()
        .map(|p| {
            Row::new(vec![
                Cell::Text(p.text("name")),
                Cell::Text(p.text("role")),
                Cell::Date(format::opt_date(lang, p.opt("since").as_ref())),
                Cell::Date(format::opt_date(lang, p.opt("until").as_ref())),
                Cell::Text(p.obj("source").map(|s| s.text("title")).unwrap_or_default()),
            ])
        })
        .collect();
    table_section(
        "people",
        t.people_title,
        t.people_empty,
        &[
            col(t.name),
            col(t.role),
            col(t.from),
            col(t.until),
            col(t.source),
        ],
        rows,
    )
}

fn figures(org: &Value, t: &'static Texts, lang: Lang) -> Option<AnyView> {
    let list = org.list("figures");
    // Most members have no figures of their own; the section then stays away.
    if list.is_empty() {
        return None;
    }
    let rows = list
        .iter()
        .map(|f| {
            Row::new(vec![
                Cell::Text(t.metric(f.str("metric")).to_owned()),
                Cell::Num(figure_value(t, lang, f)),
                Cell::Date(format::date_text(lang, f.str("asOf"))),
                Cell::Text(f.obj("source").map(|s| s.text("title")).unwrap_or_default()),
            ])
        })
        .collect();
    let table = data_table(
        Caption::Hidden(t.figures_org_title),
        &[
            col(t.metric),
            num(t.value),
            col(t.figure_date),
            col(t.source),
        ],
        rows,
        None,
        "",
    );
    Some(section("figures", t.figures_org_title.to_owned(), table))
}

/// Every source the page's facts name, as `Source` objects.
fn sources(org: &Value) -> Vec<&Value> {
    let lists = [
        org.list("memberships"),
        org["coverages"].list("nodes"),
        org.list("people"),
        org.list("figures"),
    ];
    let of_lists = lists
        .into_iter()
        .flatten()
        .filter_map(|item| item.obj("source"));
    org.obj("source").into_iter().chain(of_lists).collect()
}
