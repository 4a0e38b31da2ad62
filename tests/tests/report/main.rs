//! The printable reports: `GET /report/…` answers the member dossier, the deadline report and
//! the coverage matrix as HTML to the callers the exports answer, as far as they may see, and
//! `verbund report … --out FILE.pdf` prints the same documents to PDF.
//!
//! One test binary in several files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod content;
mod pdf;

use reqwest::StatusCode;
use verbund_tests::{TestApp, header};

/// An answer to a report request.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub content_type: String,
    pub policy: String,
    pub body: String,
}

/// GETs `path` as the app's caller, with more headers.
pub async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Page {
    let response = app.get_with_headers(path, headers).await;
    Page {
        status: response.status(),
        content_type: header(&response, "content-type").unwrap_or_default(),
        policy: header(&response, "content-security-policy").unwrap_or_default(),
        body: response.text().await.expect("reading the body"),
    }
}

/// GETs `path` as the app's caller.
pub async fn get(app: &TestApp, path: &str) -> Page {
    get_with(app, path, &[]).await
}

/// A day as the German report writes it.
pub fn german(day: &str) -> String {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    date.format("%d.%m.%Y").to_string()
}

/// `text` as the report escapes it.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Records a person named `name` in `role` at the organisation `organisation`.
pub async fn person(app: &TestApp, organisation: i32, name: &str, role: &str) {
    use sea_orm::ActiveModelTrait;
    verbund_tests::person_row(organisation, name, role)
        .insert(app.db())
        .await
        .unwrap();
}
