//! Login attempts are counted per account and per address in the database (so every server
//! instance counts together), and counted *before* the password is checked: an attempt takes
//! its place in the count first, and only an attempt that found room is evaluated. A hundred
//! attempts sent at once therefore evaluate no more passwords than the limit allows. A
//! successful login gives its own place back; a failed one keeps it. A full count locks the
//! key until its window is over and for [`LOCK`] after the failure that filled it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
};

use crate::entities::login_throttle::{self, Column};
use crate::error::{ApiError, ApiResult};

/// Attempts are counted within this window.
const WINDOW: Duration = Duration::minutes(15);
/// How long a key stays locked after the failure that filled its count.
const LOCK: Duration = Duration::minutes(15);
/// Attempts per account before it is locked.
pub const ACCOUNT_LIMIT: i32 = 5;
/// Attempts per address before it is locked (an office behind one address has many people).
pub const ADDRESS_LIMIT: i32 = 20;

/// One key of the throttle and its limit.
#[derive(Debug, Clone)]
pub struct Key {
    key: String,
    limit: i32,
}

impl Key {
    pub fn account(name: &str) -> Self {
        Self {
            key: format!("account:{}", name.trim().to_lowercase()),
            limit: ACCOUNT_LIMIT,
        }
    }

    pub fn address(address: &str) -> Self {
        Self {
            key: format!("address:{address}"),
            limit: ADDRESS_LIMIT,
        }
    }
}

/// The places an attempt holds in the counts of its keys, until it is known how it went.
#[derive(Debug)]
#[must_use = "a reservation is either kept (failure) or released (success)"]
pub struct Reservation {
    keys: Vec<Key>,
}

/// Counts an attempt against every key, before anything is checked. When a key's count is
/// full the attempt is not counted anywhere and fails with `RATE_LIMITED`. Rows of keys
/// whose window and lock are over are removed first, so the table holds only the last
/// [`WINDOW`]'s keys.
pub async fn reserve(db: &impl ConnectionTrait, keys: &[Key]) -> ApiResult<Reservation> {
    purge(db).await?;
    let mut held = Reservation { keys: Vec::new() };
    for key in keys {
        match take(db, key).await {
            Ok(()) => held.keys.push(key.clone()),
            Err(err) => {
                release(db, held).await?;
                return Err(err);
            }
        }
    }
    Ok(held)
}

/// Removes the rows whose window and lock are over: they count nothing any more.
pub async fn purge(db: &impl ConnectionTrait) -> ApiResult<u64> {
    let now = Utc::now();
    let removed = login_throttle::Entity::delete_many()
        .filter(Column::WindowStartedAt.lt(now - WINDOW))
        .filter(over(now))
        .exec(db)
        .await?;
    Ok(removed.rows_affected)
}

/// No lock, or one that is over at `now`.
fn over(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(Column::LockedUntil.is_null())
        .add(Column::LockedUntil.lt(now))
}

/// One place in one key's count, atomically: the row is made if missing and restarted when
/// its window and lock are over, then the count grows by one; over the limit, it shrinks back.
async fn take(db: &impl ConnectionTrait, key: &Key) -> ApiResult<()> {
    let now = Utc::now();
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.key.clone()),
        failures: Set(0),
        window_started_at: Set(now),
        locked_until: Set(None),
    })
    .on_conflict_do_nothing_on([Column::Key])
    .exec_without_returning(db)
    .await?;
    login_throttle::Entity::update_many()
        .col_expr(Column::Failures, Expr::value(0))
        .col_expr(Column::WindowStartedAt, Expr::value(now))
        .col_expr(Column::LockedUntil, Expr::value(None::<DateTime<Utc>>))
        .filter(Column::Key.eq(key.key.as_str()))
        .filter(Column::WindowStartedAt.lt(now - WINDOW))
        .filter(over(now))
        .exec(db)
        .await?;
    let counted = step(db, key, 1).await?;
    let Some(row) = counted else {
        return Err(ApiError::internal("login throttle", &"row missing"));
    };
    if row.failures <= key.limit {
        return Ok(());
    }
    step(db, key, -1).await?;
    let window_end = row.window_started_at + WINDOW;
    let until = row
        .locked_until
        .map_or(window_end, |locked| std::cmp::max(locked, window_end));
    Err(ApiError::RateLimited {
        message: "Too many failed logins: wait a while before trying again.".to_owned(),
        retry_after: std::cmp::max((until - now).num_seconds(), 1),
    })
}

/// Adds `by` to a key's count; the row afterwards.
async fn step(
    db: &impl ConnectionTrait,
    key: &Key,
    by: i32,
) -> ApiResult<Option<login_throttle::Model>> {
    let rows = login_throttle::Entity::update_many()
        .col_expr(Column::Failures, Expr::col(Column::Failures).add(by))
        .filter(Column::Key.eq(key.key.as_str()))
        .exec_with_returning(db)
        .await?;
    Ok(rows.into_iter().next())
}

/// The attempt failed: its places stay counted, and a key whose count is now full is locked.
pub async fn fail(db: &impl ConnectionTrait, held: Reservation) -> ApiResult<()> {
    let now = Utc::now();
    for key in held.keys {
        login_throttle::Entity::update_many()
            .col_expr(Column::LockedUntil, Expr::value(Some(now + LOCK)))
            .filter(Column::Key.eq(key.key.as_str()))
            .filter(Column::Failures.gte(key.limit))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The attempt succeeded or was not evaluated: it gives its places back.
pub async fn release(db: &impl ConnectionTrait, held: Reservation) -> ApiResult<()> {
    for key in held.keys {
        login_throttle::Entity::update_many()
            .col_expr(Column::Failures, Expr::col(Column::Failures).sub(1))
            .filter(Column::Key.eq(key.key.as_str()))
            .filter(Column::Failures.gt(0))
            .exec(db)
            .await?;
    }
    Ok(())
}
