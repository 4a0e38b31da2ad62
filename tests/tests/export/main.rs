//! `GET /export/{list}.csv|json`: every list exports whole, with its filters, in CSV (German or
//! English) and JSON, to the callers the API shows the list to, and long lists stream.
//!
//! One test binary in several files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod lists;
mod volume;

use reqwest::StatusCode;
use serde_json::Value;
use verbund_tests::{TestApp, header};

/// An answer to an export request.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub disposition: String,
    pub body: String,
}

/// GETs `path` as the app's caller.
pub async fn get(app: &TestApp, path: &str) -> Answer {
    get_with(app, path, &[]).await
}

/// GETs `path` as the app's caller, with more headers.
pub async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Answer {
    let response = app.get_with_headers(path, headers).await;
    let status = response.status();
    let content_type = header(&response, "content-type").unwrap_or_default();
    let disposition = header(&response, "content-disposition").unwrap_or_default();
    let body = response.text().await.expect("reading the body");
    Answer {
        status,
        content_type,
        disposition,
        body,
    }
}

/// A CSV export's headers and rows, read with `;` as the separator after its byte-order
/// mark, which it must start with.
pub fn read_csv(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = body
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("no byte-order mark: {:?}", &body[..body.len().min(40)]));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .expect("a header line")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            record
                .expect("a well-formed record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (headers, rows)
}

/// The body of an export that must have succeeded, as the type `content_type`.
async fn exported(app: &TestApp, path: &str, content_type: &str) -> String {
    let answer = get(app, path).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    assert!(
        answer.content_type.starts_with(content_type),
        "{}",
        answer.content_type
    );
    answer.body
}

/// A CSV export that must have succeeded: its headers and rows.
pub async fn csv(app: &TestApp, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    read_csv(&exported(app, path, "text/csv").await)
}

/// A JSON export that must have succeeded: its objects.
pub async fn json(app: &TestApp, path: &str) -> Vec<Value> {
    match serde_json::from_str(&exported(app, path, "application/json").await) {
        Ok(Value::Array(items)) => items,
        other => panic!("{path}: not an array: {other:?}"),
    }
}

/// The column `name` of `rows` under `headers`.
pub fn column(headers: &[String], rows: &[Vec<String>], name: &str) -> Vec<String> {
    let index = headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"));
    rows.iter().map(|row| row[index].clone()).collect()
}

/// The `id` of every node of a connection the query `query` answers at `field`, all pages.
pub async fn ids_of(app: &TestApp, query: &str, field: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app.data(query, serde_json::json!({ "after": after })).await;
        let connection = &data[field];
        for node in connection["nodes"].as_array().unwrap() {
            ids.push(node["id"].as_str().unwrap().to_owned());
        }
        if connection["pageInfo"]["hasNextPage"] != Value::Bool(true) {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    ids.sort();
    ids
}

/// `ids` sorted.
pub fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}
