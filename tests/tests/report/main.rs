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

/// Records a contract of the organisation `party` titled `title` whose notice deadline is on
/// the desk (a term to 2027-10-31, renewed tacitly unless notice arrives three months before).
pub async fn contract_with_deadline(app: &TestApp, title: &str, party: &str) {
    let input = serde_json::json!({
        "title": title, "kind": "SERVICE_AGREEMENT", "signedOn": "2025-10-01",
        "effectiveFrom": "2025-11-01", "initialTermMonths": 24, "renewal": "TACIT",
        "renewalMonths": 12, "noticeMonths": 3, "noticeTo": "END_OF_TERM",
    });
    let data = app
        .data(
            "mutation($input: ContractInput!) { createContract(input: $input) { id version } }",
            serde_json::json!({ "input": input }),
        )
        .await;
    let party = app.organisation_id(party).await;
    app.data(
        "mutation($id: ID!, $v: Int!, $org: ID!) { addContractParty(contractId: $id, version: $v, party: {organisationId: $org, role: \"MEMBER\"}) { id } }",
        serde_json::json!({
            "id": data["createContract"]["id"],
            "v": data["createContract"]["version"],
            "org": party,
        }),
    )
    .await;
}

/// Records a person named `name` in `role` at the organisation `organisation`.
pub async fn person(app: &TestApp, organisation: i32, name: &str, role: &str) {
    use sea_orm::ActiveModelTrait;
    verbund_tests::person_row(organisation, name, role)
        .insert(app.db())
        .await
        .unwrap();
}
