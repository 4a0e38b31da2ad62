//! Contracts: status derived from dates, the list's filters, and term arithmetic (BGB §§ 187,
//! 188) on a contract with a tacit renewal and a notice period.
//!
//! One test binary in several files (each file's own binary would cost its link time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod lists;
mod members;
mod terms;

use serde_json::{Value, json};
use verbund_tests::{TestApp, nodes};

const FOUNDING: &str = "Gründungsvertrag des Kommunalservice Mecklenburg";
const LUDWIGSLUST: &str = "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Ludwigslust";
const NEUSTADT: &str = "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Neustadt-Glewe";
const GRABOW: &str = "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Grabow und des Amtes Parchimer Umland";
/// The joining contracts of the members of 2020 and 2021, in force from 2020-01-01 and
/// 2021-06-10, by the day they took effect.
const LATER: [&str; 7] = [
    "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Boizenburg/Elbe",
    "Öffentlich-rechtlicher Vertrag über den Beitritt des Amtes Zarrentin",
    "Öffentlich-rechtlicher Vertrag über den Beitritt des Amtes Stralendorf",
    "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Lübtheen",
    "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Wittenburg",
    "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Lübz",
    "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Parchim",
];

/// `first`, then the joining contracts of 2020 and 2021.
fn and_later(first: &[&'static str]) -> Vec<&'static str> {
    first.iter().copied().chain(LATER).collect()
}

/// The titles of the contracts `contracts(asOf, filter)` lists, in its order.
async fn titles(app: &TestApp, as_of: &str, filter: Value) -> Vec<String> {
    let data = app
        .data(
            "query($asOf: Date, $filter: ContractFilter) {
                contracts(asOf: $asOf, filter: $filter, first: 100) { totalCount nodes { title } }
            }",
            json!({ "asOf": as_of, "filter": filter }),
        )
        .await;
    let found: Vec<String> = nodes(&data["contracts"])
        .iter()
        .map(|node| node["title"].as_str().expect("title").to_owned())
        .collect();
    assert_eq!(data["contracts"]["totalCount"], found.len(), "{data:#}");
    found
}

/// Asserts of each case `(asOf, filter, titles)` that `contracts(asOf, filter)` lists exactly
/// these titles, in this order.
async fn assert_titles(app: &TestApp, cases: &[(&str, Value, &[&str])]) {
    for (as_of, filter, expected) in cases {
        let found = titles(app, as_of, filter.clone()).await;
        assert_eq!(found, *expected, "asOf {as_of}, filter {filter}");
    }
}

/// The contract with this title, with the fields asked for.
async fn contract(app: &TestApp, title: &str, fields: &str) -> Value {
    let data = app
        .data(
            &format!("{{ contracts(first: 100) {{ nodes {{ title {fields} }} }} }}"),
            json!({}),
        )
        .await;
    nodes(&data["contracts"])
        .iter()
        .find(|node| node["title"] == title)
        .cloned()
        .unwrap_or_else(|| panic!("no contract {title}: {data:#}"))
}
