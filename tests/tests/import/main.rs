//! Import of sources, organisations, services, contracts, memberships and coverages from the files the
//! exports write: a dry run that writes nothing, all rows in one transaction through the
//! register's rules, every row's problems with line and column, and exports that import back
//! unchanged, also into an empty register.
//!
//! One test binary in several files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_files;
mod contracts;
mod http;
mod lists;
mod memberships;
mod round_trip;

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use serde_json::{Value, json};
use verbund::register::audit::Actor;
use verbund::register::import::{self, Action, File, Outcome, Run};
use verbund::timing::Timing;
use verbund_tests::{TestApp, texts};

pub async fn import(app: &TestApp, files: &[(&str, &str)], dry_run: bool) -> Outcome {
    import_into(app.db(), files, dry_run).await
}

pub async fn import_into(
    db: &DatabaseConnection,
    files: &[(&str, &str)],
    dry_run: bool,
) -> Outcome {
    let files: Vec<File> = files
        .iter()
        .map(|(name, text)| File {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    let run = Run {
        actor: Actor::system("import test"),
        name: "import test files".to_owned(),
        dry_run,
        timing: Arc::new(Timing::default()),
        expect: None,
    };
    let mut last = (0, 0);
    let outcome = import::run(db, &files, &run, &mut |done, total| last = (done, total))
        .await
        .unwrap();
    // Every row was reported done, the last as the last of all.
    assert_eq!(last.0, last.1);
    outcome
}

/// Imports `text` as the file `name` and asserts that it is taken without problems as the
/// change of one record; the fields the change sets, in the order of the plan.
pub async fn import_one_change(app: &TestApp, name: &str, text: &str) -> Vec<String> {
    let outcome = import(app, &[(name, text)], false).await;
    assert_eq!(outcome.problems, []);
    assert_eq!(outcome.counts(), (0, 1, 0));
    assert_eq!(outcome.planned[0].action, Action::Change);
    outcome.planned[0]
        .changes
        .iter()
        .map(|c| c.field.clone())
        .collect()
}

/// The organisations whose name contains `search`, by name.
pub async fn organisations(app: &TestApp, search: &str) -> Value {
    app.data(
        "query($search: String) { organisations(first: 50, filter: {search: $search}) {
            nodes { name kind officialKey shortName parentLink parent { name } workstations }
        } }",
        json!({ "search": search }),
    )
    .await["organisations"]["nodes"]
        .clone()
}

/// Whether no organisation's name contains `search`: nothing of the file that would add it
/// was written.
pub async fn no_organisations(app: &TestApp, search: &str) -> bool {
    organisations(app, search)
        .await
        .as_array()
        .is_some_and(Vec::is_empty)
}

/// Asserts that the history of `record` (read with `history { nodes { operation } }`) holds
/// each of `operations`: what an import did is recorded as the same changes by hand are.
pub fn assert_history_has(record: &Value, operations: &[&str]) {
    let logged = texts(&record["history"], "operation");
    for operation in operations {
        assert!(
            logged.iter().any(|o| o == operation),
            "{operation} not in {logged:?}"
        );
    }
}
