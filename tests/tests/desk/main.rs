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

/// Records a contract with these terms (`renewal` TACIT renews by 12 months); its global ID.
async fn create_contract(app: &TestApp, title: &str, terms: Value) -> String {
    let mut input = json!({ "title": title, "kind": "SERVICE_AGREEMENT" });
    for (key, value) in terms.as_object().unwrap() {
        input[key] = value.clone();
    }
    let data = app
        .data(
            "mutation($input: ContractInput!) { createContract(input: $input) { id } }",
            json!({ "input": input }),
        )
        .await;
    data["createContract"]["id"].as_str().unwrap().to_owned()
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

/// `(dueOn, state)` of the reminders of the deadline of `kind` on `day`.
fn reminders(desk: &Value, kind: &str, day: &str) -> Vec<(String, String)> {
    let id = desk["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == kind && d["day"] == day)
        .unwrap_or_else(|| panic!("no {kind} deadline on {day}: {desk:#}"))["id"]
        .clone();
    desk["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["deadlineId"] == id)
        .map(|r| {
            (
                r["dueOn"].as_str().unwrap().to_owned(),
                r["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
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
