//! `/services`: the catalogue, with how many organisations receive each service on a date.

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::service::ServiceCategory;

use crate::{
    api::{Read, ops::SERVICES, read::choices},
    components::{
        filters::select_field,
        page::{ListPage, ListTable, Shown, list_page},
        parts::link_cell,
        table::{Cell, Row, col, num},
        url_query::UrlQuery,
    },
    format,
    i18n::use_i18n,
    pages::service_edit::new_service,
};

/// The service catalogue.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let t = use_i18n().t();
    list_page(ListPage {
        title: t.services_title,
        lead: t.services_intro,
        create: new_service,
        see_also: None,
        query: (SERVICES, "Services"),
        filter,
        ids: ("services-search", "services-as-of"),
        selects: || {
            select_field(
                "services-category",
                "category",
                |t| t.category,
                choices::<ServiceCategory>,
            )
            .into_any()
        },
        path: "/services",
        live: &["Service"],
        export: ("services", false),
        table: ListTable {
            list: "services",
            caption: t.services_caption,
            empty: t.services_empty,
            columns: vec![
                col(t.name),
                col(t.code),
                col(t.category),
                col(t.vendor),
                num(t.recipients),
                num(t.workstations),
            ],
            row,
        },
    })
}

fn filter(query: UrlQuery) -> Vec<(&'static str, Value)> {
    vec![
        ("category", query.code_list::<ServiceCategory>("category")),
        ("search", query.text("q")),
    ]
}

/// A service's row: name, code, category, vendor, and how many receive it for how many
/// workstations on the date.
fn row(s: &Value, shown: &Shown) -> Row {
    let lang = shown.lang;
    Row::new(vec![
        link_cell("/services", s.str("id"), s.str("name"), None),
        Cell::Text(s.text("code")),
        Cell::Text(s.label::<ServiceCategory>("category", lang).to_owned()),
        Cell::Text(s.opt("vendor").unwrap_or_else(|| format::DASH.to_owned())),
        Cell::Num(format::opt_number(lang, s.int("recipientCount"))),
        Cell::Num(format::opt_number(lang, s.int("workstations"))),
    ])
}
