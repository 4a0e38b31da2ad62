//! The deadline desk: each deadline of a contract as a task with its day to act, reminders
//! armed and re-armed in the transaction of every change that moves a deadline, decisions,
//! the inbox, who may see and do what, and the scheduler that sends reminders exactly once.
//!
//! The server's clock is a fixed one the test moves (`verbund::timing::Clock`), handed to a
//! second server with its settings; the scheduler's passes run on that clock too.
//!
//! One test binary in several files (each file's own binary would cost its link time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod calendar;
mod decisions;
mod express;
mod mail;
mod rearm;
mod scheduler;
mod standing;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use verbund::timing::{Clock, Timing};
use verbund_tests::TestApp;

/// A clock standing at `at` (RFC 3339) and the settings of a server that runs on it.
fn clock_at(at: &str) -> (Clock, Arc<Timing>) {
    let clock = Clock::fixed(instant(at));
    let timing = Arc::new(Timing {
        clock: clock.clone(),
        ..Timing::default()
    });
    (clock, timing)
}

fn instant(at: &str) -> DateTime<Utc> {
    at.parse().unwrap()
}

/// The same caller at a second server that runs on `timing`.
async fn timed(app: &TestApp, timing: &Arc<Timing>) -> TestApp {
    app.with_settings(verbund::http::Settings {
        timing: timing.clone(),
        ..verbund::http::Settings::default()
    })
    .await
}

/// One pass of the scheduler on the app's database.
async fn pass(app: &TestApp, timing: &Timing) -> verbund::register::desk::due::Pass {
    verbund::register::desk::due::pass(app.db(), timing)
        .await
        .unwrap()
}

/// `base` with each field of the object `more` set on it.
fn with_fields(mut base: Value, more: &Value) -> Value {
    for (key, value) in more.as_object().unwrap() {
        base[key] = value.clone();
    }
    base
}

/// Terms that renew tacitly: two years from 1 November 2025, then a year at a time, with three
/// months' notice to the end of a term.
fn tacit_terms() -> Value {
    json!({ "signedOn": "2025-10-01", "effectiveFrom": "2025-11-01",
            "initialTermMonths": 24, "renewal": "TACIT", "renewalMonths": 12,
            "noticeMonths": 3, "noticeTo": "END_OF_TERM" })
}

/// Records a contract with these terms (`renewal` TACIT renews by 12 months); its global ID.
async fn create_contract(app: &TestApp, title: &str, terms: Value) -> String {
    let input = with_fields(
        json!({ "title": title, "kind": "SERVICE_AGREEMENT" }),
        &terms,
    );
    app.created_id(
        "mutation($input: ContractInput!) { createContract(input: $input) { id } }",
        json!({ "input": input }),
    )
    .await
}

/// Runs `mutation` on the contract `id` at its current version (`$id` and `$v`), with the
/// further `variables`, the way every change to a contract is made; the desk afterwards.
async fn change_contract(app: &TestApp, id: &str, mutation: &str, variables: Value) -> Value {
    let version = desk_of(app, id).await["version"].clone();
    app.data(
        mutation,
        with_fields(json!({ "id": id, "v": version }), &variables),
    )
    .await;
    desk_of(app, id).await
}

/// The contract's deadlines and reminders as the API shows them.
async fn desk_of(app: &TestApp, id: &str) -> Value {
    app.node(
        id,
        "... on Contract { version noticeGivenOn
            decisions { id kind day dayToAct state version outcome note owner { name } }
            reminders { id deadlineId dueOn state snoozed late } }",
    )
    .await
}

/// `(kind, day, dayToAct, state)` of each deadline.
fn deadlines(desk: &Value) -> Vec<(String, String, String, String)> {
    desk["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            (text("kind"), text("day"), text("dayToAct"), text("state"))
        })
        .collect()
}

/// Asserts the desk's deadlines are these `(kind, day, dayToAct, state)`, in this order.
fn assert_deadlines(desk: &Value, expected: &[(&str, &str, &str, &str)]) {
    assert_eq!(deadlines(desk), quads(expected), "{desk:#}");
}

/// The deadline of `kind` on `day` as the desk shows it.
fn decision<'a>(desk: &'a Value, kind: &str, day: &str) -> &'a Value {
    desk["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == kind && d["day"] == day)
        .unwrap_or_else(|| panic!("no {kind} deadline on {day}: {desk:#}"))
}

/// `(dueOn, state)` of the reminders of the deadline of `kind` on `day`.
fn reminders(desk: &Value, kind: &str, day: &str) -> Vec<(String, String)> {
    let id = &decision(desk, kind, day)["id"];
    desk["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| &r["deadlineId"] == id)
        .map(|r| {
            (
                r["dueOn"].as_str().unwrap().to_owned(),
                r["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Whether every reminder of the deadline of `kind` on `day` is in `state`.
fn all_reminders_are(desk: &Value, kind: &str, day: &str, state: &str) -> bool {
    reminders(desk, kind, day).iter().all(|(_, s)| s == state)
}

/// `(dueOn, state)` of a series of reminders armed on these days.
fn armed(days: &[&str]) -> Vec<(String, String)> {
    days.iter()
        .map(|day| ((*day).to_owned(), "ARMED".to_owned()))
        .collect()
}

fn quads(items: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    items
        .iter()
        .map(|(a, b, c, d)| {
            (
                (*a).to_owned(),
                (*b).to_owned(),
                (*c).to_owned(),
                (*d).to_owned(),
            )
        })
        .collect()
}
