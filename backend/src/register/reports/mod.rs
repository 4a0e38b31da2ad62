//! What the printable reports show, read as the caller may see it: a member's dossier, the
//! desk's deadlines in a window of days, and the coverage matrix on a day. Each is read with
//! the same rules as the lists and relations it is made of (scopes, a token's member limit),
//! is bounded, and tells how many rows it read, for its cost.

mod coverage;
mod deadlines;
mod member;

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect, Select};

pub use self::coverage::{CoverageMatrix, Mark, coverage};
pub use self::deadlines::{DeadlineLine, DeadlineReport, MAX_WINDOW_DAYS, deadlines};
pub use self::member::{ContractEntry, Dossier, member};

use super::organisations::Organisation;
use super::read;
use super::sources::Source;
use crate::auth::access::Access;
use crate::error::{ApiError, ApiResult};

/// The most rows one report reads; a report that would need more is refused (ask for a
/// narrower window).
pub const MAX_ROWS: usize = 5000;

/// Fails when a report would show more than [`MAX_ROWS`] rows.
fn bounded(rows: usize, field: &str) -> ApiResult<()> {
    if rows > MAX_ROWS {
        return Err(ApiError::bad_input(
            field,
            format!("The report would have more than {MAX_ROWS} rows; choose a narrower one."),
        ));
    }
    Ok(())
}

/// The rows `select` finds, at most [`MAX_ROWS`] of them: reading one more than that, the
/// report fails as [`bounded`] says, naming `field`.
async fn bounded_rows<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    field: &str,
) -> ApiResult<Vec<E::Model>> {
    let rows = select.limit(MAX_ROWS as u64 + 1).all(db).await?;
    bounded(rows.len(), field)?;
    Ok(rows)
}

/// The sources of these ids the caller may see, by id.
async fn sources(
    db: &impl ConnectionTrait,
    access: &Access,
    ids: BTreeSet<i32>,
) -> ApiResult<Vec<Source>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    let mut rows: Vec<Source> = read::by_ids(db, access, &ids).await?;
    rows.sort_by_key(|row| row.id);
    Ok(rows)
}

/// The names of these organisations the caller may see, by id.
async fn names(
    db: &impl ConnectionTrait,
    access: &Access,
    ids: BTreeSet<i32>,
) -> ApiResult<HashMap<i32, String>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    let rows: Vec<Organisation> = read::by_ids(db, access, &ids).await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}
