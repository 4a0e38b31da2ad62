//! The kept totals a server holds in memory, each use checked against the database: one row
//! read (the totals' revision, see the migration `totals_revision`) instead of one per group.
//!
//! A server holds every group's totals of a kind on a day as read at a revision. A request
//! reads the revision first; while the database still says the same, nothing that moves the
//! totals has committed since, so the held totals are what the database would answer, on any
//! server. When it says otherwise, the request reads every group afresh, between two reads of
//! the revision, and holds them only when both reads agree (nothing committed in between).
//! So the answer is never older than the request, however many servers share the database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use super::Totals;
use super::kept::Kind;
use crate::error::{ApiError, ApiResult};

/// How many kinds and days a server holds at once; the one used longest ago makes room.
const HELD: usize = 8;

/// Every group's totals of one kind on one day, as of a revision.
#[derive(Debug)]
struct Snapshot {
    revision: i64,
    sums: HashMap<i32, Totals>,
}

/// What a server holds: each kind and day with its totals, the one used last at the end.
type Entries = Vec<((Kind, NaiveDate), Arc<Snapshot>)>;

/// A server's held totals (see the module).
#[derive(Debug, Default)]
pub struct HeldTotals {
    held: Mutex<Entries>,
}

/// The totals' revision, as an expression a statement may add to its columns: what it reads
/// is the revision of the totals in that statement's view of the database.
pub const REVISION: &str = "(SELECT revision FROM coverage_totals_revision WHERE id = 1)";

/// The totals' revision now.
async fn revision(db: &DatabaseConnection) -> ApiResult<i64> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT {REVISION}"),
        ))
        .await?
        .ok_or_else(|| ApiError::internal("reading the totals' revision", &"no row"))?;
    Ok(row.try_get_by_index(0)?)
}

impl HeldTotals {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        crate::sync::locked(&self.held)
    }

    /// The held totals of `kind` on `date` when they are of `revision`.
    fn get(&self, kind: Kind, date: NaiveDate, revision: i64) -> Option<Arc<Snapshot>> {
        let mut held = self.lock();
        let at = held.iter().position(|(key, _)| *key == (kind, date))?;
        // Most recently used last.
        let entry = held.remove(at);
        let found = (entry.1.revision == revision).then(|| Arc::clone(&entry.1));
        held.push(entry);
        found
    }

    fn put(&self, kind: Kind, date: NaiveDate, totals: Arc<Snapshot>) {
        let mut held = self.lock();
        held.retain(|(key, old)| *key != (kind, date) || old.revision > totals.revision);
        if held.iter().any(|(key, _)| *key == (kind, date)) {
            return;
        }
        if held.len() >= HELD {
            held.remove(0);
        }
        held.push(((kind, date), totals));
    }

    /// The held totals as a request reads them, which read their revision already when it
    /// gives one.
    pub fn reading(&self, revision: Option<i64>) -> Reading<'_> {
        Reading {
            held: self,
            revision,
        }
    }

    /// What [`super::sums`] answers, from the held totals while they are current: the groups
    /// of `kind` (those of `keys`, or all) with coverages running on `date`.
    pub async fn sums(
        &self,
        db: &DatabaseConnection,
        kind: Kind,
        date: NaiveDate,
        keys: Option<&[i32]>,
    ) -> ApiResult<HashMap<i32, Totals>> {
        self.reading(None).sums(db, kind, date, keys).await
    }
}

/// A server's held totals as one request reads them: with the revision one of its statements
/// read beside what it asked for (see [`REVISION`]), so that no statement reads it again.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    held: &'a HeldTotals,
    revision: Option<i64>,
}

impl Reading<'_> {
    /// [`HeldTotals::sums`], with the request's revision when it has one.
    pub async fn sums(
        self,
        db: &DatabaseConnection,
        kind: Kind,
        date: NaiveDate,
        keys: Option<&[i32]>,
    ) -> ApiResult<HashMap<i32, Totals>> {
        let held = self.held;
        let before = match self.revision {
            Some(revision) => revision,
            None => revision(db).await?,
        };
        let held = match held.get(kind, date, before) {
            Some(held) => held,
            None => {
                let sums = super::sums(db, kind, date, None).await?;
                let held = Arc::new(Snapshot {
                    revision: before,
                    sums,
                });
                if revision(db).await? == before {
                    self.held.put(kind, date, Arc::clone(&held));
                }
                held
            }
        };
        Ok(match keys {
            Some(keys) => keys
                .iter()
                .filter_map(|key| held.sums.get(key).map(|totals| (*key, *totals)))
                .collect(),
            None => held.sums.clone(),
        })
    }
}
