//! The callers' cost budgets (the rule is `auth::budget`'s), counted in the database so that
//! every server on it counts together. A request is charged by one statement: an upsert of
//! the caller's row that adds the cost only where it fits (or starts a new window when the
//! old one is over) and returns the count, in the same step on both databases. PostgreSQL
//! locks the row for the upsert, SQLite has one writer, so requests sent at once to any
//! number of servers never spend more than the budget; a refused charge changes nothing and
//! returns no row, and only then a second statement reads where the caller stands. Rows whose
//! window is over are removed once a minute by each server.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::auth::access::Access;
use crate::auth::budget::{self, Budget, Limiter};
use crate::error::ApiResult;

/// Adds the cost where it fits: `$1` caller, `$2` cost, `$3` the end of a window starting
/// now, `$4` now, `$5` the limit (times in milliseconds since 1970).
const CHARGE: &str = "INSERT INTO rate_budgets (caller, used, resets_at_ms) VALUES ($1, $2, $3) \
     ON CONFLICT (caller) DO UPDATE SET \
     used = CASE WHEN rate_budgets.resets_at_ms <= $4 THEN excluded.used \
     ELSE rate_budgets.used + excluded.used END, \
     resets_at_ms = CASE WHEN rate_budgets.resets_at_ms <= $4 THEN excluded.resets_at_ms \
     ELSE rate_budgets.resets_at_ms END \
     WHERE rate_budgets.resets_at_ms <= $4 OR rate_budgets.used + excluded.used <= $5 \
     RETURNING used, resets_at_ms";

/// Where a caller stands: `$1` caller.
const STANDING: &str = "SELECT used, resets_at_ms FROM rate_budgets WHERE caller = $1";

/// Removes the counts whose window is over: `$1` now.
const PURGE: &str = "DELETE FROM rate_budgets WHERE resets_at_ms <= $1";

/// A statement in the backend's placeholders (`$1` on PostgreSQL, `?1` on SQLite).
fn statement(backend: DbBackend, sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => sql.replace('$', "?"),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// Charges a request that costs `complexity` (see `http::cost::cost`) to its caller before it
/// runs: where the caller stands afterwards, or, when the budget does not cover it, where it
/// stands unchanged as the error. (A request that costs more than a whole budget is refused
/// before; see `http::api`.)
pub async fn charge(
    db: &impl ConnectionTrait,
    limiter: &Limiter,
    access: &Access,
    address: Option<&str>,
    complexity: u64,
) -> ApiResult<Result<Budget, Budget>> {
    let backend = db.get_database_backend();
    let caller = budget::key_of(access, address);
    let cost = budget::points_of(complexity);
    let limit = i64::from(limiter.points());
    let now_ms = Utc::now().timestamp_millis();
    if limiter.purge_due(now_ms) {
        purge(db, now_ms).await?;
    }
    let fits = i64::try_from(cost).ok().filter(|cost| *cost <= limit);
    if let Some(points) = fits {
        let window_end = now_ms + budget::WINDOW.num_milliseconds();
        let values = vec![
            caller.clone().into(),
            points.into(),
            window_end.into(),
            now_ms.into(),
            limit.into(),
        ];
        let row = db.query_one_raw(statement(backend, CHARGE, values)).await?;
        if let Some(row) = row {
            let used = row.try_get_by_index::<i64>(0)?;
            let resets = row.try_get_by_index::<i64>(1)?;
            return Ok(Ok(Budget::of(limit, cost, used, resets)));
        }
    }
    let row = db
        .query_one_raw(statement(backend, STANDING, vec![caller.into()]))
        .await?;
    let (used, resets) = match row {
        Some(row) => (row.try_get_by_index::<i64>(0)?, row.try_get_by_index(1)?),
        None => (0, now_ms + budget::WINDOW.num_milliseconds()),
    };
    // A window that is over has its whole budget again.
    let used = if resets <= now_ms { 0 } else { used };
    Ok(Err(Budget::of(limit, cost, used, resets)))
}

/// Removes the counts whose window ended by `now_ms`: they count nothing any more.
pub async fn purge(db: &impl ConnectionTrait, now_ms: i64) -> ApiResult<u64> {
    let backend = db.get_database_backend();
    let done = db
        .execute_raw(statement(backend, PURGE, vec![now_ms.into()]))
        .await?;
    Ok(done.rows_affected())
}
