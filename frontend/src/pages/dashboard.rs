//! `/`: today's figures, contracts whose end or notice deadline comes within 90 days, and the
//! membership timeline.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::contract::ContractStatus;

use crate::{
    api::{Read, load, ops::DASHBOARD, read::obj},
    components::{
        parts::{SOON_DAYS, deadline, figure_value, link_cell, party_names, section, status_badge},
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
    let data = load(DASHBOARD, "Dashboard", move || {
        obj(vec![
            ("asOf", Value::from(format::iso(today))),
            (
                "horizon",
                Value::from(format::iso(format::add_days(horizon, 1))),
            ),
        ])
    });
    view! {
        <h1>{i18n.t().dash_title}</h1>
        <p class="lead">
            {fill(i18n.t().dash_as_of, &[("date", &format::date(i18n.lang(), today))])}
        </p>
        {render(data, move |d| body(d, today, horizon))}
    }
}

fn body(d: &Value, today: NaiveDate, horizon: NaiveDate) -> AnyView {
    vec![
        statistics(d),
        deadlines(d, today, horizon),
        membership_timeline(d, today),
    ]
    .into_any()
}

fn statistics(d: &Value) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let s = &d["statistics"];
    let stat = |label: &'static str, value: Option<i64>, hint: Option<&'static str>| {
        view! {
            <div class="stat">
                <dt>{label}</dt>
                <dd>
                    <span class="stat-value">{format::number(lang, value.unwrap_or_default())}</span>
                    {hint.map(|h| view! { <span class="stat-hint">{h}</span> })}
                </dd>
            </div>
        }
        .into_any()
    };
    let provider = d["provider"].list("nodes").first().map(|p| {
        let name = p.opt("shortName").unwrap_or_else(|| p.text("name"));
        let figures = p
            .list("figures")
            .iter()
            .map(|f| {
                view! {
                    <li>
                        <strong>{figure_value(t, lang, f)}</strong>
                        " "
                        {t.metric(f.str("metric"))}
                        " "
                        <span class="muted">"(" {t.figure_date} " " {format::date_text(lang, f.str("asOf"))} ")"</span>
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
                    stat(t.stat_members, s.int("memberCount"), None),
                    stat(t.stat_workstations, s.int("workstations"), Some(t.stat_workstations_hint)),
                    stat(t.stat_services, s.int("serviceCount"), None),
                    stat(t.stat_applications, s.int("specialistApplicationCount"), None),
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
    contract: Value,
}

fn deadlines(d: &Value, today: NaiveDate, horizon: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let within = |date: &Option<String>| {
        date.as_deref()
            .and_then(format::parse_iso)
            .is_some_and(|day| day >= today && day <= horizon)
    };
    let mut rows: Vec<Due> = Vec::new();
    for c in d["ending"].list("nodes") {
        // The end of the contract itself, or of the term that runs now.
        let end = [c.opt("endsOn"), c.opt("currentTermEndsOn")]
            .into_iter()
            .find(within)
            .flatten();
        if let Some(on) = end {
            rows.push(Due {
                on,
                reason: t.reason_ends,
                contract: c.clone(),
            });
        }
    }
    for c in d["notice"].list("nodes") {
        let notice = c.opt("noticeDeadline");
        if let Some(on) = notice.clone().filter(|_| within(&notice)) {
            rows.push(Due {
                on,
                reason: t.reason_notice,
                contract: c.clone(),
            });
        }
    }
    // ISO dates sort as text; the title orders contracts due on the same day.
    sort_by_text(&mut rows, |row| {
        format!("{} {}", row.on, row.contract.str("title"))
    });
    let horizon_text = format::date(lang, horizon);

    let table = if rows.is_empty() {
        empty(t.deadlines_empty).into_any()
    } else {
        let rows = rows
            .into_iter()
            .map(|row| {
                let c = row.contract;
                Row::new(vec![
                    link_cell("/contracts", c.str("id"), c.str("title"), c.opt("number")),
                    Cell::Text(row.reason.to_owned()),
                    Cell::View(deadline(lang, t, Some(&row.on), today)),
                    Cell::Text(party_names(&c)),
                    Cell::View(status_badge(lang, c.code::<ContractStatus>("status"))),
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

fn membership_timeline(d: &Value, today: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let mut stretches: Vec<Stretch> = d["organisations"]
        .list("nodes")
        .iter()
        .flat_map(|org| {
            org.list("memberships").iter().filter_map(|m| {
                Some(Stretch {
                    name: org.text("name"),
                    joined: format::parse_iso(m.str("joinedOn"))?,
                    left: format::parse_iso(m.str("leftOn")),
                    founding: m.flag("founding"),
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
