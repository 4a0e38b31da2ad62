//! Failed logins are counted per account and per address in the database (so every server
//! instance counts together); too many within the window lock further attempts for a while,
//! whether or not the password would be right.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use tokio::sync::Mutex;

use crate::entities::login_throttle;
use crate::error::{ApiError, ApiResult};

/// Failures are counted within this window.
const WINDOW: Duration = Duration::minutes(15);
/// How long a key stays locked once it has too many failures.
const LOCK: Duration = Duration::minutes(15);
/// Failures per account before it is locked.
pub const ACCOUNT_LIMIT: i32 = 5;
/// Failures per address before it is locked (an office behind one address has many people).
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

/// Counting is read-modify-write; within one process this lock keeps two failures from
/// being counted as one.
static COUNTING: Mutex<()> = Mutex::const_new(());

/// Fails with `RATE_LIMITED` while any of `keys` is locked.
pub async fn check(db: &impl ConnectionTrait, keys: &[Key]) -> ApiResult<()> {
    let now = Utc::now();
    for key in keys {
        if let Some(row) = login_throttle::Entity::find_by_id(key.key.clone())
            .one(db)
            .await?
            && let Some(until) = row.locked_until
            && until > now
        {
            return Err(ApiError::RateLimited {
                message: "Too many failed logins: wait a while before trying again.".to_owned(),
                retry_after: (until - now).num_seconds().max(1),
            });
        }
    }
    Ok(())
}

/// Counts a failed login against every key.
pub async fn fail(db: &impl ConnectionTrait, keys: &[Key]) -> ApiResult<()> {
    let _guard = COUNTING.lock().await;
    let now = Utc::now();
    for key in keys {
        let row = login_throttle::Entity::find_by_id(key.key.clone())
            .one(db)
            .await?;
        let (failures, started, exists) = match &row {
            Some(row) if now - row.window_started_at <= WINDOW => {
                (row.failures + 1, row.window_started_at, true)
            }
            Some(_) => (1, now, true),
            None => (1, now, false),
        };
        let locked_until = (failures >= key.limit).then_some(now + LOCK);
        let active = login_throttle::ActiveModel {
            key: Set(key.key.clone()),
            failures: Set(failures),
            window_started_at: Set(started),
            locked_until: Set(locked_until),
        };
        if exists {
            active.update(db).await?;
        } else {
            active.insert(db).await?;
        }
    }
    Ok(())
}

/// Forgets the failures of a key (after a successful login to that account).
pub async fn clear(db: &impl ConnectionTrait, key: &Key) -> ApiResult<()> {
    login_throttle::Entity::delete_by_id(key.key.clone())
        .exec(db)
        .await?;
    Ok(())
}
