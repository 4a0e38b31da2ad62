//! Import of sources, organisations, services, contracts, memberships and coverages from CSV or
//! JSON files in the format the exports write (German or English headers and dates).
//!
//! A row matches an existing record by its global ID when the register has a record with that
//! ID, else by its natural key (an organisation's official key or name, a service's code, a
//! contract's number, a membership's organisation and first day, a coverage's organisation,
//! service, contract and first day); otherwise it makes a new record.
//! It names the records it refers to the same way: by global ID, or by official key or name,
//! code, contract number or source title. A reference to another row of the files (by its ID
//! or natural key) waits until that row is in, so the rows may come in any order.
//!
//! All files are applied in one transaction, through the register's own rules for each record
//! (checks, references, kept totals, audit entries naming the import): every row or none. A
//! row with a problem is undone on its own (a savepoint), so one run names every row's
//! problems; then nothing is written. A dry run does all of it and rolls back, so what it
//! reports is exactly what a real run would do.

mod cells;
mod contracts;
mod kinds;
mod labels;
mod resolve;
mod rows;
mod store;

use std::sync::Arc;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use verbund_shared::said::say;

pub use kinds::Kind;

use super::audit::Actor;
use super::write::Tx;
use crate::error::ApiResult;
use crate::sheet::{self, Table};
use crate::timing::Timing;

/// A file to import: its name (for the report and the audit entries) and its text.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub text: String,
}

/// What a row does to the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Change,
    /// The record already is as the row says.
    Same,
}

/// One field a row sets or changes, with its value before and after (as the export writes
/// it; `None` when empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What one row did (or, in a dry run, would do).
#[derive(Debug, Clone)]
pub struct Planned {
    pub file: String,
    pub line: u64,
    pub kind: Kind,
    pub action: Action,
    /// The record's global ID (a new record's, in a dry run, is the one it would have had).
    pub id: String,
    /// What people call the record: a name, a code.
    pub label: String,
    /// For a new record the fields it sets; for a change the fields that change.
    pub changes: Vec<FieldChange>,
    /// The record's version before the row (none for a new record).
    pub version: Option<i64>,
}

/// Something that keeps a row, or a whole file, from being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The CSV line (JSON: the entry's number), if the problem has one.
    pub line: Option<u64>,
    /// The column's header as the file writes it, if the problem is in one column.
    pub column: Option<String>,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Every row that could be applied, in the order applied.
    pub planned: Vec<Planned>,
    /// Every problem; when there is one, nothing was written.
    pub problems: Vec<Problem>,
    /// Whether the changes were committed (no problems, and no dry run).
    pub written: bool,
    /// The run was to apply what a check found ([`Run::expect`]), and found something else:
    /// a record it matches changed meanwhile. Nothing was written.
    pub stale: bool,
}

impl Outcome {
    /// What the rows found, in a short text: the same files checked again give the same text
    /// as long as no record they match (or would make) changed meanwhile, so that applying
    /// what a dry run showed can insist on it ([`Run::expect`]).
    pub fn fingerprint(&self) -> String {
        use std::fmt::Write as _;
        let mut found = String::new();
        for row in &self.planned {
            // A new record's id is not known before it is made.
            let id = if row.action == Action::Create {
                ""
            } else {
                row.id.as_str()
            };
            let version = row.version.unwrap_or_default();
            let _ = writeln!(
                found,
                "{}:{}:{:?}:{id}:{version}",
                row.file, row.line, row.action
            );
        }
        // Where each problem is, not its words: those are in the language asked for.
        for problem in &self.problems {
            let _ = writeln!(
                found,
                "{}:{:?}:{:?}",
                problem.file, problem.line, problem.column
            );
        }
        crate::auth::secrets::digest(&found)[..32].to_owned()
    }

    /// How many rows create, change and leave as they are a record.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |action| self.planned.iter().filter(|p| p.action == action).count();
        (
            count(Action::Create),
            count(Action::Change),
            count(Action::Same),
        )
    }
}

/// How an import is run.
#[derive(Debug, Clone)]
pub struct Run {
    /// Who imports: a staff account, or the command line's system user.
    pub actor: Actor,
    /// Named in every audit entry of the import (as the entry's request).
    pub name: String,
    /// Check and report only; write nothing.
    pub dry_run: bool,
    pub timing: Arc<Timing>,
    /// Apply only if the rows find what a dry run found: its [`Outcome::fingerprint`].
    pub expect: Option<String>,
}

/// A file read, with the list its headers name and the key each column stands for.
#[derive(Debug)]
pub(crate) struct Sheet {
    pub(crate) file: String,
    pub(crate) kind: Kind,
    pub(crate) table: Table,
    /// The key of each column, in the table's order.
    pub(crate) keys: Vec<String>,
}

/// From how many coverage rows an import writes the kept totals afresh at its end instead of
/// moving them with each row.
pub const REBUILD_FROM: usize = 200;

/// Imports `files` as `run` says; `progress` hears of each row done and how many there are.
///
/// # Errors
///
/// Only failures of the database itself; every problem of the files is in the outcome.
pub async fn run(
    db: &DatabaseConnection,
    files: &[File],
    run: &Run,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> ApiResult<Outcome> {
    let mut outcome = Outcome::default();
    let mut sheets = Vec::new();
    for file in files {
        match read(file) {
            Ok(sheet) => sheets.push(sheet),
            Err(problems) => outcome.problems.extend(problems),
        }
    }
    if !outcome.problems.is_empty() {
        return Ok(outcome);
    }
    let total = sheets.iter().map(|s| s.table.rows.len()).sum();
    let mut resolver = resolve::Resolver::new(&sheets);
    let mut tx = Tx::begin_as(db, run.actor.clone(), Some(&run.name), run.timing.clone()).await?;
    // Many coverages: the kept totals are written afresh once at the end rather than moved
    // row by row (each move reads and writes four groups).
    let coverages: usize = sheets
        .iter()
        .filter(|sheet| sheet.kind == Kind::Coverages)
        .map(|sheet| sheet.table.rows.len())
        .sum();
    let rebuild = coverages >= REBUILD_FROM;
    if rebuild {
        tx.defer_totals();
    }
    let mut done = 0;
    for kind in Kind::ORDER {
        let mut waiting: Vec<(&Sheet, usize)> = sheets
            .iter()
            .filter(|sheet| sheet.kind == kind)
            .flat_map(|sheet| (0..sheet.table.rows.len()).map(move |index| (sheet, index)))
            .collect();
        // Rows that refer to rows not yet in wait for another round; once a round brings
        // nothing in, the rest are told why.
        let mut strict = false;
        while !waiting.is_empty() {
            let before = waiting.len();
            let mut later = Vec::new();
            for chunk in waiting.chunks(CHUNK_ROWS) {
                if at_once(&tx, chunk, &mut resolver, &mut outcome, strict).await? {
                    done += chunk.len();
                    progress(done, total);
                    continue;
                }
                for &(sheet, index) in chunk {
                    let row = &sheet.table.rows[index];
                    tx.txn.execute_unprepared("SAVEPOINT import_row").await?;
                    match rows::apply(&tx, sheet, row, &mut resolver, strict).await? {
                        Ok(planned) => {
                            tx.txn
                                .execute_unprepared("RELEASE SAVEPOINT import_row")
                                .await?;
                            resolver.imported(sheet, row, &planned.id);
                            resolver.changed(kind.record_type());
                            outcome.planned.push(planned);
                            done += 1;
                            progress(done, total);
                        }
                        Err(resolve::RowError::Later) => {
                            tx.txn
                                .execute_unprepared("ROLLBACK TO SAVEPOINT import_row")
                                .await?;
                            later.push((sheet, index));
                        }
                        Err(resolve::RowError::Problems(problems)) => {
                            tx.txn
                                .execute_unprepared("ROLLBACK TO SAVEPOINT import_row")
                                .await?;
                            outcome.problems.extend(problems);
                            done += 1;
                            progress(done, total);
                        }
                    }
                }
            }
            if strict {
                break;
            }
            strict = later.len() == before;
            waiting = later;
        }
    }
    if rebuild && outcome.problems.is_empty() {
        tx.rebuild_totals().await?;
    }
    if let Some(expected) = &run.expect {
        outcome.stale = *expected != outcome.fingerprint();
    }
    if outcome.problems.is_empty() && !run.dry_run && !outcome.stale {
        tx.commit().await?;
        outcome.written = true;
    } else {
        tx.rollback().await?;
    }
    Ok(outcome)
}

/// How many rows are applied at once under one savepoint; a chunk with a row that has a
/// problem, or waits for another, is undone and applied again one row at a time.
const CHUNK_ROWS: usize = 100;

/// Applies `chunk` under one savepoint: whether every row went in. When one does not, all it
/// did is undone (in the database, the outcome and the resolver), for the rows to be applied
/// one at a time.
async fn at_once(
    tx: &Tx<'_>,
    chunk: &[(&Sheet, usize)],
    resolver: &mut resolve::Resolver,
    outcome: &mut Outcome,
    strict: bool,
) -> ApiResult<bool> {
    if chunk.len() < 2 {
        return Ok(false);
    }
    tx.txn.execute_unprepared("SAVEPOINT import_chunk").await?;
    let planned = outcome.planned.len();
    for &(sheet, index) in chunk {
        let row = &sheet.table.rows[index];
        let kind = sheet.kind.record_type();
        if let Ok(done) = rows::apply(tx, sheet, row, resolver, strict).await? {
            resolver.imported(sheet, row, &done.id);
            resolver.changed(kind);
            outcome.planned.push(done);
            continue;
        }
        tx.txn
            .execute_unprepared("ROLLBACK TO SAVEPOINT import_chunk")
            .await?;
        tx.txn
            .execute_unprepared("RELEASE SAVEPOINT import_chunk")
            .await?;
        // The chunk's first rows went in, in order, before this one failed.
        for (&(sheet, index), undone) in chunk.iter().zip(outcome.planned.drain(planned..)) {
            resolver.forget(sheet, &sheet.table.rows[index], &undone.id);
        }
        // What the register answered inside the undone rows may no longer hold.
        resolver.changed(kind);
        return Ok(false);
    }
    tx.txn
        .execute_unprepared("RELEASE SAVEPOINT import_chunk")
        .await?;
    Ok(true)
}

/// Reads `file` and finds the list its headers name.
fn read(file: &File) -> Result<Sheet, Vec<Problem>> {
    let problem = |line, column: Option<String>, message: String| Problem {
        file: file.name.clone(),
        line,
        column,
        message,
    };
    let table =
        sheet::read(&file.text).map_err(|err| vec![problem(err.line, None, err.message)])?;
    let Some(kind) = Kind::named_by(&table.headers) else {
        let message = say(
            format!(
                "the headers name no list that can be imported ({}), or lack one of its required columns",
                Kind::ORDER.map(Kind::list).join(", ")
            ),
            format!(
                "die Spaltenköpfe nennen keine Liste, die sich importieren lässt ({}), oder es fehlt eine ihrer Pflichtspalten",
                Kind::ORDER.map(Kind::list_de).join(", ")
            ),
        );
        return Err(vec![problem(Some(1), None, message)]);
    };
    let mut keys = Vec::with_capacity(table.headers.len());
    let mut problems = Vec::new();
    for header in &table.headers {
        match kind.key_of(header) {
            Some(key) if keys.contains(&key) => problems.push(problem(
                Some(1),
                Some(header.clone()),
                say("this column comes twice", "diese Spalte kommt zweimal vor"),
            )),
            Some(key) => keys.push(key),
            None => problems.push(problem(
                Some(1),
                Some(header.clone()),
                say(
                    format!("no column of the {} list has this name", kind.list()),
                    format!("keine Spalte der Liste {} heißt so", kind.list_de()),
                ),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Sheet {
        file: file.name.clone(),
        kind,
        table,
        keys,
    })
}
