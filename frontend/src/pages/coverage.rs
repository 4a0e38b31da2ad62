//! `/coverage`: the matrix of organisations × services on a date, with workstations in the
//! cells, and its export as CSV.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

use crate::{
    api::{Read, call, load_with, ops::COVERAGE, read::obj},
    components::{
        export::{export_links, report_link},
        filters::as_of_field,
        parts::{href, link_cell},
        states::{empty, render},
        table::{Caption, Cell, Column, Row, col, data_table, num},
        title::set_title,
        url_query::use_url_query,
    },
    csv, format,
    i18n::{Texts, fill, use_i18n},
    order::sort_by_text,
};

/// The matrix needs every coverage; this caps the pages asked for (100 each).
const MAX_PAGES: usize = 50;

/// What one cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The organisation does not receive the service.
    None,
    /// It receives it; no coverage records workstations.
    Received,
    /// It receives it for this many workstations.
    Workstations(i64),
}

impl Mark {
    fn add(self, workstations: Option<i64>) -> Self {
        match (self, workstations) {
            (Self::Workstations(a), Some(b)) => Self::Workstations(a + b),
            (Self::Workstations(a), None) => Self::Workstations(a),
            (_, Some(b)) => Self::Workstations(b),
            (_, None) => Self::Received,
        }
    }

    fn workstations(self) -> Option<i64> {
        match self {
            Self::Workstations(n) => Some(n),
            _ => None,
        }
    }
}

/// Organisations (rows) × services (columns), both sorted by name.
#[derive(Debug, Clone, PartialEq)]
struct Matrix {
    /// (id, name) of each service.
    services: Vec<(String, String)>,
    /// (id, name, cells in the order of `services`) of each organisation.
    rows: Vec<(String, String, Vec<Mark>)>,
}

impl Matrix {
    /// From `Coverage` objects of answers.
    fn new(records: &[Value]) -> Self {
        let mut services: Vec<(String, String)> = Vec::new();
        let mut orgs: Vec<(String, String)> = Vec::new();
        for r in records {
            let service = (r["service"].text("id"), r["service"].text("name"));
            if !services.contains(&service) {
                services.push(service);
            }
            let org = (r["organisation"].text("id"), r["organisation"].text("name"));
            if !orgs.contains(&org) {
                orgs.push(org);
            }
        }
        sort_by_text(&mut services, |(_, name)| name.clone());
        sort_by_text(&mut orgs, |(_, name)| name.clone());
        let rows = orgs
            .into_iter()
            .map(|(id, name)| {
                let cells = services
                    .iter()
                    .map(|(service_id, _)| {
                        records
                            .iter()
                            .filter(|r| {
                                r["organisation"].str("id") == id
                                    && r["service"].str("id") == service_id
                            })
                            .fold(Mark::None, |cell, r| cell.add(r.int("workstations")))
                    })
                    .collect();
                (id, name, cells)
            })
            .collect();
        Self { services, rows }
    }

    fn row_total(cells: &[Mark]) -> Option<i64> {
        cells
            .iter()
            .filter_map(|c| c.workstations())
            .reduce(|a, b| a + b)
    }

    fn column_total(&self, column: usize) -> Option<i64> {
        self.rows
            .iter()
            .filter_map(|(_, _, cells)| cells.get(column).and_then(|c| c.workstations()))
            .reduce(|a, b| a + b)
    }

    fn grand_total(&self) -> Option<i64> {
        (0..self.services.len())
            .filter_map(|i| self.column_total(i))
            .reduce(|a, b| a + b)
    }

    /// The matrix as CSV lines: a header, one line per organisation, the totals.
    fn csv_lines(&self, t: &Texts) -> Vec<Vec<String>> {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        let mut lines = Vec::with_capacity(self.rows.len() + 2);
        let mut header = vec![t.organisation.to_owned()];
        header.extend(self.services.iter().map(|(_, name)| name.clone()));
        header.push(t.matrix_total.to_owned());
        lines.push(header);
        for (_, name, cells) in &self.rows {
            let mut line = vec![name.clone()];
            line.extend(cells.iter().map(|cell| match cell {
                Mark::None => String::new(),
                Mark::Received => t.csv_received.to_owned(),
                Mark::Workstations(n) => n.to_string(),
            }));
            line.push(number(Self::row_total(cells)));
            lines.push(line);
        }
        let mut totals = vec![t.matrix_total.to_owned()];
        totals.extend((0..self.services.len()).map(|i| number(self.column_total(i))));
        totals.push(number(self.grand_total()));
        lines.push(totals);
        lines
    }
}

/// The coverage matrix.
#[component]
pub fn CoveragePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(i18n.t().matrix_title);
    let query = use_url_query();
    let as_of = move || query.as_of();
    let data = load_with(move || {
        let as_of = format::iso(as_of());
        async move {
            let mut records: Vec<Value> = Vec::new();
            let mut after = Value::Null;
            for _ in 0..MAX_PAGES {
                let variables = obj(vec![
                    ("asOf", Value::from(as_of.as_str())),
                    ("after", after.take()),
                ]);
                let mut data = call(COVERAGE, "Coverage", variables).await?;
                let page = data["coverages"].take();
                let info = &page["pageInfo"];
                records.extend_from_slice(page.list("nodes"));
                match info.opt("endCursor") {
                    Some(cursor) if info.flag("hasNextPage") => after = Value::from(cursor),
                    _ => break,
                }
            }
            Ok(Matrix::new(&records))
        }
    });
    view! {
        <h1>{i18n.t().matrix_title}</h1>
        <p class="lead">{i18n.t().matrix_intro}</p>
        <form class="filters" aria-label=i18n.t().filters on:submit=|ev| ev.prevent_default()>
            {as_of_field("coverage-as-of")}
        </form>
        {export_links("coverages", move || vec![("asOf", Value::from(format::iso(as_of())))])}
        {report_link(move || ("/report/coverage.html".to_owned(), vec![("asOf", Value::from(format::iso(as_of())))]))}
        {render(data, move |m| table(m, as_of()))}
    }
}

fn table(m: &Matrix, as_of: NaiveDate) -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    if m.rows.is_empty() {
        return empty(t.matrix_empty).into_any();
    }
    let number =
        move |n: Option<i64>| Cell::Num(n.map(|n| format::number(lang, n)).unwrap_or_default());
    let rows = m
        .rows
        .iter()
        .map(|(id, name, cells)| {
            let mut line = vec![link_cell("/members", id, name, None)];
            line.extend(cells.iter().map(|cell| {
                match cell {
                    Mark::None => Cell::Num(String::new()),
                    Mark::Received => Cell::NumView(
                        view! {
                            <span aria-hidden="true">"✓"</span>
                            <span class="visually-hidden">{t.matrix_received}</span>
                        }
                        .into_any(),
                    ),
                    Mark::Workstations(n) => Cell::Num(format::number(lang, *n)),
                }
            }));
            line.push(number(Matrix::row_total(cells)));
            Row::new(line)
        })
        .collect();
    let mut totals = vec![Cell::Text(t.matrix_total.to_owned())];
    totals.extend((0..m.services.len()).map(|i| number(m.column_total(i))));
    totals.push(number(m.grand_total()));
    let mut columns = vec![col(t.organisation)];
    columns.extend(m.services.iter().map(|(id, name)| Column {
        label: name.clone().into(),
        href: Some(href("/services", id)),
        numeric: true,
    }));
    columns.push(num(t.matrix_total));

    let date_text = format::date(lang, as_of);
    let file_name = format!("{}-{}.csv", t.csv_file, format::iso(as_of));
    let lines = m.csv_lines(t);
    let export = move |_| {
        // A failed download leaves the page as it is; there is nothing to roll back.
        let _ = csv::download(&file_name, &csv::to_csv(&lines));
    };
    view! {
        <div class="toolbar">
            <p class="legend-text">{t.matrix_legend}</p>
            <button type="button" class="button" on:click=export>{t.csv_export}</button>
        </div>
        {data_table(
            Caption::Shown(fill(t.matrix_caption, &[("date", &date_text)])),
            &columns,
            rows,
            Some(Row::new(totals)),
            "matrix",
        )}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::DE;

    fn record(org: &str, service: &str, workstations: Option<i64>) -> Value {
        serde_json::json!({
            "organisation": { "id": org, "name": org },
            "service": { "id": service, "code": service, "name": service },
            "workstations": workstations,
            "users": null,
        })
    }

    #[test]
    fn cells_sum_workstations_and_mark_unknown_counts() {
        let m = Matrix::new(&[
            record("Stadt Ludwigslust", "IT-Betrieb", Some(83)),
            record("Landkreis", "IT-Betrieb", None),
            record("Stadt Ludwigslust", "Schul-IT", Some(10)),
            record("Stadt Ludwigslust", "Schul-IT", Some(5)),
        ]);
        assert_eq!(m.services.len(), 2);
        assert_eq!(m.rows[0].1, "Landkreis");
        assert_eq!(m.rows[0].2, vec![Mark::Received, Mark::None]);
        assert_eq!(
            m.rows[1].2,
            vec![Mark::Workstations(83), Mark::Workstations(15)]
        );
        assert_eq!(m.grand_total(), Some(98));
        let lines = m.csv_lines(&DE);
        assert_eq!(
            lines[0],
            ["Organisation", "IT-Betrieb", "Schul-IT", "Summe"]
        );
        assert_eq!(lines[1], ["Landkreis", "x", "", ""]);
        assert_eq!(lines[3], ["Summe", "83", "15", "98"]);
    }
}
