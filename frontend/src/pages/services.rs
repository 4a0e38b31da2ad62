//! `/services`: the catalogue, with how many organisations receive each service on a date.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{Lang, service::ServiceCategory};

use crate::{
    api::{
        Read, load,
        ops::SERVICES,
        read::{given, obj},
    },
    components::{
        filters::{as_of_field, search_field, select_field},
        parts::link_cell,
        states::{empty, more_than_shown, render},
        table::{Caption, Cell, Row, col, data_table, num},
        title::set_title,
        url_query::use_url_query,
    },
    dom::intro,
    format,
    i18n::{fill, use_i18n},
    pages::service_edit::new_service,
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
    let data = load(SERVICES, "Services", move || {
        let filter = given(vec![
            (
                "category",
                Value::from(category().map(|c| vec![c.as_str()])),
            ),
            ("search", Value::from(search())),
        ]);
        obj(vec![
            ("asOf", Value::from(format::iso(as_of()))),
            ("filter", filter),
        ])
    });
    view! {
        <h1>{i18n.t().services_title}</h1>
        {intro(i18n.t().services_intro, new_service())}
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

fn table(d: &Value, as_of: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let list = &d["services"];
    let nodes = list.list("nodes");
    let total = list.int("totalCount").unwrap_or_default();
    if nodes.is_empty() {
        return empty(t.services_empty).into_any();
    }
    let rows = nodes
        .iter()
        .map(|s| {
            Row::new(vec![
                link_cell("/services", s.str("id"), s.str("name"), None),
                Cell::Text(s.text("code")),
                Cell::Text(s.label::<ServiceCategory>("category", lang).to_owned()),
                Cell::Text(s.opt("vendor").unwrap_or_else(|| format::DASH.to_owned())),
                Cell::Num(format::opt_number(lang, s.int("recipientCount"))),
                Cell::Num(format::opt_number(lang, s.int("workstations"))),
            ])
        })
        .collect();
    let caption = fill(
        t.services_caption,
        &[
            ("n", &format::number(lang, total)),
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
        {more_than_shown(nodes.len(), total)}
    }
    .into_any()
}
