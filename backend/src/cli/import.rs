//! `verbund import FILE… [--dry-run] [--as ACCOUNT]`: what each row creates or changes, every
//! row's problems with its line and column, and a progress bar on a terminal (plain lines
//! otherwise) while a long file is applied.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use sea_orm::DatabaseConnection;
use verbund_shared::access::Role;

use super::{explain, system_user};
use crate::entities::record::Named;
use crate::register::accounts;
use crate::register::audit::Actor;
use crate::register::import::{self, Action, File, Outcome, Run};
use crate::timing::Timing;
use verbund_shared::files::megabytes;

/// The largest file the command reads: about 400,000 rows, which one transaction still
/// applies in minutes. A larger file is refused before it is read.
pub const FILE_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Imports `files`; whether it went without a problem.
///
/// # Errors
///
/// A file that cannot be read, an unknown or read-only account, a failure of the database.
pub async fn import(
    db: &DatabaseConnection,
    files: &[PathBuf],
    dry_run: bool,
    as_account: Option<&str>,
) -> anyhow::Result<bool> {
    let mut read = Vec::with_capacity(files.len());
    for path in files {
        let size = std::fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .len();
        if size > FILE_MAX_BYTES {
            anyhow::bail!(
                "{} is {}; an import takes files of at most {}: split it",
                path.display(),
                megabytes(size),
                megabytes(FILE_MAX_BYTES)
            );
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
        read.push(File {
            name: path.display().to_string(),
            text,
        });
    }
    let actor = match as_account {
        Some(name) => {
            let staff = accounts::staff_named(db, name).await.map_err(explain)?;
            if !staff.role.includes(Role::Editor) {
                anyhow::bail!("{name} may only read: an import needs an editor or an admin");
            }
            Actor::staff(&staff)
        }
        None => Actor::system(&system_user()),
    };
    let names: Vec<&str> = read.iter().map(|f| f.name.as_str()).collect();
    let run = Run {
        actor,
        name: format!("import {}", names.join(", ")),
        dry_run,
        timing: Arc::new(Timing::default()),
        expect: None,
    };
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done: usize, total: usize| show_progress(terminal, done, total);
    let outcome = import::run(db, &read, &run, &mut progress)
        .await
        .map_err(explain)?;
    if terminal {
        eprintln!();
    }
    let labels = outcome.labels(db).await.map_err(explain)?;
    print(&outcome, &labels, dry_run);
    Ok(outcome.problems.is_empty())
}

/// A bar on a terminal, redrawn every 100 rows; otherwise, for a long import, a line every
/// 1,000 rows.
fn show_progress(terminal: bool, done: usize, total: usize) {
    if terminal && (done.is_multiple_of(100) || done == total) {
        let filled = (done * 30).checked_div(total).unwrap_or(30);
        eprint!(
            "\rimport: [{}{}] {done}/{total} rows",
            "#".repeat(filled),
            " ".repeat(30 - filled)
        );
    } else if !terminal && total >= 1000 && (done.is_multiple_of(1000) || done == total) {
        eprintln!("import: {done} of {total} rows");
    }
}

/// Prints each row's change (the records a row names by global ID by their `labels`), the
/// problems, and what was written.
fn print(outcome: &Outcome, labels: &HashMap<String, String>, dry_run: bool) {
    let shown = |value: Option<&String>| match value {
        None => "–".to_owned(),
        Some(value) => match labels.get(value) {
            Some(name) => format!("{name} ({value})"),
            None => value.clone(),
        },
    };
    for row in &outcome.planned {
        let noun = row.kind.record_type().noun();
        let place = format!("{}:{}", row.file, row.line);
        match row.action {
            Action::Create => {
                let label = row.label_named(labels);
                println!("{place}: new {noun} {label} ({})", row.id);
                for change in &row.changes {
                    println!("    {}: {}", change.field, shown(change.after.as_ref()));
                }
            }
            Action::Change => {
                let label = row.label_named(labels);
                println!("{place}: change {noun} {label} ({})", row.id);
                for change in &row.changes {
                    println!(
                        "    {}: {} → {}",
                        change.field,
                        shown(change.before.as_ref()),
                        shown(change.after.as_ref())
                    );
                }
            }
            Action::Same => {}
        }
    }
    for problem in &outcome.problems {
        let line = problem.line.map(|l| format!(":{l}")).unwrap_or_default();
        let column = problem
            .column
            .as_ref()
            .map(|c| format!(" column {c:?}:"))
            .unwrap_or_default();
        println!("{}{line}:{column} {}", problem.file, problem.message);
    }
    let (new, changed, same) = outcome.counts();
    let problems = outcome.problems.len();
    let end = if outcome.written && new + changed > 0 {
        "written"
    } else if problems == 0 && new + changed == 0 {
        "nothing to change"
    } else if problems > 0 {
        "nothing written (mend the problems and import again)"
    } else if dry_run {
        "dry run: nothing written"
    } else {
        "nothing written"
    };
    println!(
        "import: {new} new, {changed} changed, {same} unchanged, {problems} problem{}; {end}",
        if problems == 1 { "" } else { "s" }
    );
}
