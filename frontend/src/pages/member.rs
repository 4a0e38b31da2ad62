//! `/members/:id`: one organisation — its memberships with their milestones, contracts,
//! services received, units, people, figures and the sources of these facts.

use chrono::NaiveDate;
use leptos::prelude::*;
use verbund_shared::Lang;

use crate::{
    api::{
        load,
        ops::{Member, member},
    },
    components::{
        filters::as_of_field,
        parts::{
            SourceInfo, contract_cell, contract_link, end_cell, fact, fact_view, facts, link,
            link_cell, org_link, period_state, section, sources_section, status_badge,
        },
        states::{detail_heading, empty, record_not_found, render},
        table::{Caption, Cell, Row, col, data_table, num},
        url_query::{use_record_id, use_url_query},
    },
    format,
    i18n::{Texts, fill, use_i18n},
    order::sort_by_text,
};

/// One organisation's page.
#[component]
pub fn MemberPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_url_query();
    let id = use_record_id();
    let as_of = move || query.as_of();
    let data = load::<Member>(move || member::Variables {
        id: id(),
        as_of: format::iso(as_of()),
    });
    view! {
        <p class="breadcrumb">{link("/members".to_owned(), i18n.t().back_to_members)}</p>
        {detail_heading(data, |org| org.name.clone(), i18n.t().organisation)}
        {render(data, move |d| match &d.0 {
            Some(org) => page(org, as_of()),
            None => record_not_found(),
        })}
    }
}

fn page(org: &member::MemberNodeOnOrganisation, as_of: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let as_of_text = format::date(lang, as_of);
    let (badge_class, badge_text) = if org.is_member {
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
    let head = view! {
        <p class="lead">{org.kind.label(lang)} " " <span class=badge_class>{badge_text}</span></p>
        <form class="filters filters-compact" on:submit=|ev| ev.prevent_default()>
            {as_of_field("member-as-of")}
        </form>
    }
    .into_any();
    let mut list = vec![
        fact(t.kind, Some(org.kind.label(lang).to_owned())),
        fact(t.short_name, org.short_name.clone()),
        fact(t.official_key, org.official_key.clone()),
    ];
    if let Some(p) = &org.parent {
        list.push(fact_view(t.belongs_to, org_link(&p.id, &p.name), None));
    }
    list.push(fact(
        t.workstations,
        org.workstations.map(|w| format::number(lang, w)),
    ));
    let mut parts = vec![
        head,
        facts(list),
        memberships(org, t, lang),
        contracts(org, t, lang),
        coverage(org, t, lang, as_of),
        units(org, t, lang),
        people(org, t, lang),
    ];
    parts.extend(figures(org, t, lang));
    parts.push(sources_section(lang, t, sources(org)));
    parts.into_any()
}

fn memberships(org: &member::MemberNodeOnOrganisation, t: &'static Texts, lang: Lang) -> AnyView {
    let body = if org.memberships.is_empty() {
        empty(t.memberships_empty).into_any()
    } else {
        org.memberships
            .iter()
            .map(|m| membership(m, t, lang))
            .collect_view()
            .into_any()
    };
    section("memberships", t.memberships_title.to_owned(), body)
}

/// One membership: its period, contract, share and seats, and its milestones in the order
/// they happened.
fn membership(
    m: &member::MemberNodeOnOrganisationMemberships,
    t: &'static Texts,
    lang: Lang,
) -> AnyView {
    let mut steps: Vec<(&'static str, Option<&String>)> = vec![
        (t.council_decision, m.council_decision_on.as_ref()),
        (t.contract_signed, m.contract_signed_on.as_ref()),
        (t.legal_effect, m.legal_effect_on.as_ref()),
        (t.it_takeover, m.it_takeover_on.as_ref()),
        (t.joined, Some(&m.joined_on)),
    ];
    if let Some(left) = &m.left_on {
        steps.push((t.left, Some(left)));
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
                Some(date) => (None, format::date_text(lang, date)),
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
        format::date_text(lang, &m.joined_on),
        m.left_on
            .as_deref()
            .map_or_else(|| t.open_ended.to_owned(), |l| format::date_text(lang, l))
    );
    let contract = match &m.contract {
        Some(c) => fact_view(t.contract, contract_link(&c.id, &c.title), None),
        None => fact(t.contract, None),
    };
    let details = facts(vec![
        contract,
        fact(
            t.capital_share,
            m.capital_share.as_deref().map(|c| format::euros(lang, c)),
        ),
        fact(t.seats, m.seats.map(|s| format::number(lang, s))),
        fact(t.source, m.source.as_ref().map(|s| s.title.clone())),
    ]);
    view! {
        <article class="card">
            <h3>
                {period}
                {m.founding.then(|| view! { " " <span class="tag">{t.founding_member}</span> })}
            </h3>
            {details}
            <h4>{t.milestones}</h4>
            <ol class="milestones">{steps}</ol>
        </article>
    }
    .into_any()
}

fn contracts(org: &member::MemberNodeOnOrganisation, t: &'static Texts, lang: Lang) -> AnyView {
    let list = &org.contracts.nodes;
    let body = if list.is_empty() {
        empty(t.member_contracts_empty).into_any()
    } else {
        let rows = list
            .iter()
            .map(|c| {
                Row::new(vec![
                    link_cell("/contracts", &c.id, &c.title, c.number.clone()),
                    Cell::Text(c.kind.label(lang).to_owned()),
                    Cell::View(status_badge(lang, c.status)),
                    Cell::Date(format::opt_date(lang, c.effective_from.as_ref())),
                    end_cell(lang, t, c.ends_on.as_deref()),
                ])
            })
            .collect();
        data_table(
            Caption::Hidden(t.contracts_title),
            &[
                col(t.title),
                col(t.kind),
                col(t.status),
                col(t.effective_from),
                col(t.ends_on),
            ],
            rows,
            None,
            "",
        )
    };
    section("contracts", t.contracts_title.to_owned(), body)
}

fn coverage(
    org: &member::MemberNodeOnOrganisation,
    t: &'static Texts,
    lang: Lang,
    as_of: NaiveDate,
) -> AnyView {
    let list = &org.coverages.nodes;
    let body = if list.is_empty() {
        empty(t.coverage_empty).into_any()
    } else {
        let rows = list
            .iter()
            .map(|c| {
                Row::new(vec![
                    link_cell("/services", &c.service.id, &c.service.name, None),
                    Cell::Text(c.service.category.label(lang).to_owned()),
                    contract_cell(
                        c.contract
                            .as_ref()
                            .map(|k| (k.id.as_str(), k.title.as_str())),
                    ),
                    Cell::Date(format::date_text(lang, &c.starts_on)),
                    end_cell(lang, t, c.ends_on.as_deref()),
                    Cell::Text(period_state(t, c.is_active, &c.starts_on, as_of).to_owned()),
                    Cell::Num(format::opt_number(lang, c.workstations)),
                    Cell::Num(format::opt_number(lang, c.users)),
                ])
            })
            .collect();
        data_table(
            Caption::Hidden(t.coverage_title),
            &[
                col(t.service),
                col(t.category),
                col(t.contract),
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
    section("coverage", t.coverage_title.to_owned(), body)
}

fn units(org: &member::MemberNodeOnOrganisation, t: &'static Texts, lang: Lang) -> AnyView {
    let body = if org.units.is_empty() {
        empty(t.units_empty).into_any()
    } else {
        let items = org
            .units
            .iter()
            .map(|u| {
                view! {
                    <li>
                        {org_link(&u.id, &u.name)}
                        <span class="muted">" · " {u.kind.label(lang)}</span>
                    </li>
                }
                .into_any()
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    section("units", t.units_title.to_owned(), body)
}

fn people(org: &member::MemberNodeOnOrganisation, t: &'static Texts, lang: Lang) -> AnyView {
    let body = if org.people.is_empty() {
        empty(t.people_empty).into_any()
    } else {
        let rows = org
            .people
            .iter()
            .map(|p| {
                Row::new(vec![
                    Cell::Text(p.name.clone()),
                    Cell::Text(p.role.clone()),
                    Cell::Date(format::opt_date(lang, p.since.as_ref())),
                    Cell::Date(format::opt_date(lang, p.until.as_ref())),
                    Cell::Text(
                        p.source
                            .as_ref()
                            .map(|s| s.title.clone())
                            .unwrap_or_default(),
                    ),
                ])
            })
            .collect();
        data_table(
            Caption::Hidden(t.people_title),
            &[
                col(t.name),
                col(t.role),
                col(t.from),
                col(t.until),
                col(t.source),
            ],
            rows,
            None,
            "",
        )
    };
    section("people", t.people_title.to_owned(), body)
}

fn figures(
    org: &member::MemberNodeOnOrganisation,
    t: &'static Texts,
    lang: Lang,
) -> Option<AnyView> {
    // Most members have no figures of their own; the section then stays away.
    if org.figures.is_empty() {
        return None;
    }
    let rows = org
        .figures
        .iter()
        .map(|f| {
            let value = format::number(lang, f.value);
            let value = match t.qualifier(f.qualifier) {
                Some(q) => format!("{q} {value}"),
                None => value,
            };
            Row::new(vec![
                Cell::Text(t.metric(f.metric).to_owned()),
                Cell::Num(value),
                Cell::Date(format::date_text(lang, &f.as_of)),
                Cell::Text(
                    f.source
                        .as_ref()
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                ),
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

/// Every source the page's facts name.
fn sources(org: &member::MemberNodeOnOrganisation) -> Vec<SourceInfo> {
    let convert = |s: &member::SourceFields| SourceInfo {
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        url: s.url.clone(),
        published_on: s.published_on.clone(),
        note: s.note.clone(),
    };
    org.source
        .iter()
        .chain(org.memberships.iter().filter_map(|m| m.source.as_ref()))
        .chain(org.coverages.nodes.iter().filter_map(|c| c.source.as_ref()))
        .chain(org.people.iter().filter_map(|p| p.source.as_ref()))
        .chain(org.figures.iter().filter_map(|f| f.source.as_ref()))
        .map(convert)
        .collect()
}
