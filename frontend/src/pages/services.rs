//! `/services`: the catalogue, with how many organisations receive each service on a date.

use chrono::NaiveDate;
use leptos::prelude::*;
use verbund_shared::{Lang, service::ServiceCategory};

use crate::{
    api::{
        load,
        ops::{Services, services},
    },
    components::{
        filters::{as_of_field, search_field, select_field},
        parts::link_cell,
        states::{empty, more_than_shown, render},
        table::{Caption, Cell, Row, col, data_table, num},
        title::set_title,
        url_query::use_url_query,
    },
    format,
    i18n::{fill, use_i18n},
};

fn categories(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ServiceCategory::ALL
        .into_iter()
        .map(|c| (c.as_str(), c.label(lang)))
        .collect()
}

/// The service catalogue.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(i18n.t().services_title);
    let query = use_url_query();
    let as_of = move || query.as_of();
    let search = move || query.get("q");
    let category = move || {
        query
            .get("category")
            .and_then(|c| c.parse::<ServiceCategory>().ok())
    };
    let data = load::<Services>(move || services::Variables {
        as_of: format::iso(as_of()),
        filter: Some(services::ServiceFilter {
            category: category().map(|c| vec![c]),
            search: search(),
        }),
    });
    view! {
        <h1>{i18n.t().services_title}</h1>
        <p class="lead">{i18n.t().services_intro}</p>
        <form class="filters" role="search" aria-label=i18n.t().filters on:submit=|ev| ev.prevent_default()>
            {search_field("services-search", "q")}
            {select_field("services-category", "category", |t| t.category, categories)}
            {as_of_field("services-as-of")}
            <p class="filters-reset">
                <a href="/services">{i18n.t().reset_filters}</a>
            </p>
        </form>
        {render(data, move |d| table(d, as_of()))}
    }
}

fn table(d: &services::ResponseData, as_of: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let list = &d.services;
    if list.nodes.is_empty() {
        return empty(t.services_empty).into_any();
    }
    let rows = list
        .nodes
        .iter()
        .map(|s| {
            Row::new(vec![
                link_cell("/services", &s.id, &s.name, None),
                Cell::Text(s.code.clone()),
                Cell::Text(s.category.label(lang).to_owned()),
                Cell::Text(s.vendor.clone().unwrap_or_else(|| format::DASH.to_owned())),
                Cell::Num(format::number(lang, s.recipient_count)),
                Cell::Num(format::opt_number(lang, s.workstations)),
            ])
        })
        .collect();
    let caption = fill(
        t.services_caption,
        &[
            ("n", &format::number(lang, list.total_count)),
            ("date", &format::date(lang, as_of)),
        ],
    );
    view! {
        {data_table(
            Caption::Shown(caption),
            &[
                col(t.name),
                col(t.code),
                col(t.category),
                col(t.vendor),
                num(t.recipients),
                num(t.workstations),
            ],
            rows,
            None,
            "",
        )}
        {more_than_shown(list.nodes.len(), list.total_count)}
    }
    .into_any()
}
