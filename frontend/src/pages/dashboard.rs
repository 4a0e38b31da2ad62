//! `/`: today's figures, contracts whose end or notice deadline comes within 90 days, and the
//! membership timeline.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::{
    api::{
        load,
        ops::{Dashboard, dashboard},
    },
    components::{
        parts::{SOON_DAYS, deadline, link_cell, section, status_badge},
        states::{empty, render},
        table::{Caption, Cell, Row, col, data_table},
        timeline::{self, Stretch},
        title::set_title,
    },
    format,
    i18n::{fill, use_i18n},
    order::sort_by_text,
};

/// The start page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(i18n.t().dash_title);
    let today = format::today();
    // The API's filters take "before": the day after the horizon keeps its last day in.
    let horizon = format::add_days(today, SOON_DAYS.unsigned_abs());
    let data = load::<Dashboard>(move || dashboard::Variables {
        as_of: format::iso(today),
        horizon: format::iso(format::add_days(horizon, 1)),
    });
    view! {
        <h1>{i18n.t().dash_title}</h1>
        <p class="lead">
            {fill(i18n.t().dash_as_of, &[("date", &format::date(i18n.lang(), today))])}
        </p>
        {render(data, move |d| body(d, today, horizon))}
    }
}

fn body(d: &dashboard::ResponseData, today: NaiveDate, horizon: NaiveDate) -> AnyView {
    vec![
        statistics(d),
        deadlines(d, today, horizon),
        membership_timeline(d, today),
    ]
    .into_any()
}

fn statistics(d: &dashboard::ResponseData) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let s = &d.statistics;
    let stat = |label: &'static str, value: i64, hint: Option<&'static str>| {
        view! {
            <div class="stat">
                <dt>{label}</dt>
                <dd>
                    <span class="stat-value">{format::number(lang, value)}</span>
                    {hint.map(|h| view! { <span class="stat-hint">{h}</span> })}
                </dd>
            </div>
        }
        .into_any()
    };
    let provider = d.provider.nodes.first().map(|p| {
        let name = p.short_name.clone().unwrap_or_else(|| p.name.clone());
        let figures = p
            .figures
            .iter()
            .map(|f| {
                let value = format::number(lang, f.value);
                let value = match t.qualifier(f.qualifier) {
                    Some(q) => format!("{q} {value}"),
                    None => value,
                };
                view! {
                    <li>
                        <strong>{value}</strong>
                        " "
                        {t.metric(f.metric)}
                        " "
                        <span class="muted">"(" {t.figure_date} " " {format::date_text(lang, &f.as_of)} ")"</span>
                    </li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        view! {
            <div class="provider-figures">
                <h3>{t.figures_title}</h3>
                <p class="section-intro">{fill(t.figures_intro, &[("name", &name)])}</p>
                <ul>{figures}</ul>
            </div>
        }
    });
    view! {
        <section aria-labelledby="stats-heading">
            <h2 id="stats-heading" class="visually-hidden">{t.stats_title}</h2>
            <dl class="stats">
                {vec![
                    stat(t.stat_members, s.member_count, None),
                    stat(t.stat_workstations, s.workstations, Some(t.stat_workstations_hint)),
                    stat(t.stat_services, s.service_count, None),
                    stat(t.stat_applications, s.specialist_application_count, None),
                ]}
            </dl>
            {provider}
        </section>
    }
    .into_any()
}

/// One line of the deadline table.
struct Due {
    on: String,
    reason: &'static str,
    contract: dashboard::DeadlineContract,
}

fn deadlines(d: &dashboard::ResponseData, today: NaiveDate, horizon: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let within = |date: &Option<String>| {
        date.as_deref()
            .and_then(format::parse_iso)
            .is_some_and(|day| day >= today && day <= horizon)
    };
    let mut rows: Vec<Due> = Vec::new();
    for c in &d.ending.nodes {
        // The end of the contract itself, or of the term that runs now.
        let end = [&c.ends_on, &c.current_term_ends_on]
            .into_iter()
            .find(|date| within(date))
            .cloned()
            .flatten();
        if let Some(on) = end {
            rows.push(Due {
                on,
                reason: t.reason_ends,
                contract: c.clone(),
            });
        }
    }
    for c in &d.notice.nodes {
        if let Some(on) = c
            .notice_deadline
            .clone()
            .filter(|_| within(&c.notice_deadline))
        {
            rows.push(Due {
                on,
                reason: t.reason_notice,
                contract: c.clone(),
            });
        }
    }
    // ISO dates sort as text; the title orders contracts due on the same day.
    sort_by_text(&mut rows, |row| {
        format!("{} {}", row.on, row.contract.title)
    });
    let horizon_text = format::date(lang, horizon);

    let table = if rows.is_empty() {
        empty(t.deadlines_empty).into_any()
    } else {
        let rows = rows
            .into_iter()
            .map(|row| {
                let c = row.contract;
                let parties = c
                    .parties
                    .iter()
                    .map(|p| p.organisation.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                Row::new(vec![
                    link_cell("/contracts", &c.id, &c.title, c.number.clone()),
                    Cell::Text(row.reason.to_owned()),
                    Cell::View(deadline(lang, t, Some(&row.on), today)),
                    Cell::Text(parties),
                    Cell::View(status_badge(lang, c.status)),
                ])
            })
            .collect();
        data_table(
            Caption::Shown(fill(t.deadlines_caption, &[("date", &horizon_text)])),
            &[
                col(t.contract),
                col(t.reason),
                col(t.due_on),
                col(t.parties),
                col(t.status),
            ],
            rows,
            None,
            "",
        )
    };
    let body = view! {
        <p class="section-intro">{fill(t.deadlines_intro, &[("date", &horizon_text)])}</p>
        {table}
    }
    .into_any();
    section("deadlines", t.deadlines_title.to_owned(), body)
}

fn membership_timeline(d: &dashboard::ResponseData, today: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let mut stretches: Vec<Stretch> = d
        .organisations
        .nodes
        .iter()
        .flat_map(|org| {
            org.memberships.iter().filter_map(|m| {
                Some(Stretch {
                    name: org.name.clone(),
                    joined: format::parse_iso(&m.joined_on)?,
                    left: m.left_on.as_deref().and_then(format::parse_iso),
                    founding: m.founding,
                })
            })
        })
        .filter(|s| s.joined <= today)
        .collect();
    sort_by_text(&mut stretches, |s| {
        format!("{} {}", format::iso(s.joined), s.name)
    });
    let first_year = stretches
        .first()
        .map_or(2013, |s| chrono::Datelike::year(&s.joined).min(2013));

    let chart = if stretches.is_empty() {
        empty(t.timeline_empty).into_any()
    } else {
        // The picture for the eye; the same facts as text for screen readers.
        let summary = stretches
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.name,
                    fill(t.joined_on, &[("date", &format::date(lang, s.joined))])
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let label = format!("{}. {summary}.", t.timeline_label);
        let svg = timeline::svg(&stretches, today, lang, t.today);
        view! {
            <figure class="timeline">
                <div class="chart" role="img" aria-label=label inner_html=svg></div>
                <figcaption>
                    <span class="legend legend-founding" aria-hidden="true"></span>
                    {t.founding_member}
                    <span class="legend legend-later" aria-hidden="true"></span>
                    {t.later_member}
                </figcaption>
            </figure>
        }
        .into_any()
    };
    let body = view! {
        <p class="section-intro">
            {fill(t.timeline_intro, &[("from", &first_year.to_string())])}
        </p>
        {chart}
    }
    .into_any();
    section("timeline", t.timeline_title.to_owned(), body)
}
