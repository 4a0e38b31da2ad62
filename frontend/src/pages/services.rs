//! `/services`: the catalogue, with how many organisations receive each service on a date.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{Lang, service::ServiceCategory};

use crate::{
    api::{Read, ops::SERVICES},
    components::{
        filters::select_field,
        page::{ListPage, list_page},
        parts::link_cell,
        states::{empty, more_than_shown},
        table::{Caption, Cell, Row, col, data_table, num},
        url_query::UrlQuery,
    },
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
    let t = use_i18n().t();
    list_page(&ListPage {
        title: t.services_title,
        lead: t.services_intro,
        create: new_service,
        query: (SERVICES, "Services"),
        filter,
        ids: ("services-search", "services-as-of"),
        selects: || {
            select_field("services-category", "category", |t| t.category, categories).into_any()
        },
        path: "/services",
        table,
    })
}

fn filter(query: UrlQuery) -> Vec<(&'static str, Value)> {
    let category = query
        .get("category")
        .and_then(|c| c.parse::<ServiceCategory>().ok());
    vec![
        ("category", Value::from(category.map(|c| vec![c.as_str()]))),
        ("search", Value::from(query.get("q"))),
    ]
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
