//! Personal calendar feeds: each staff account may have one secret address at which its
//! calendar program reads the open deadlines (`GET /calendar/{secret}.ics`, written by
//! `http::calendar`). Only the SHA-256 digest of the secret is kept; creating a feed again
//! replaces the secret (the old address stops working), revoking it removes it. A disabled
//! account's feed answers like an unknown one.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use verbund_shared::access::Role;
use verbund_shared::contract::DeadlineState;

use super::by_id;
use super::mail::Due;
use crate::auth::access::Access;
use crate::auth::secrets;
use crate::entities::{calendar_feed, contract, deadline, user};
use crate::error::ApiResult;

/// Feed secrets start with this, so they are recognisable (e.g. by secret scanners).
pub const PREFIX: &str = "vcal_";

/// Where the feeds are served.
pub const PATH: &str = "/calendar/";

/// The feed's address for `secret`: absolute when the server knows its public address
/// (`--public-url`), else the path alone.
pub fn feed_url(public_url: Option<&str>, secret: &str) -> String {
    let base = public_url.unwrap_or_default().trim_end_matches('/');
    format!("{base}{PATH}{secret}.ics")
}

/// The most deadlines one feed lists: the open ones whose day to act comes first.
pub const MAX_EVENTS: u64 = 2000;

/// Creates the caller's feed, or gives it a new secret; the secret, which is not kept, and
/// when it was made.
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
) -> ApiResult<(String, chrono::DateTime<chrono::Utc>)> {
    let staff = access.require(Role::Viewer)?;
    let secret = format!("{PREFIX}{}", secrets::random_text::<24>()?);
    let now = access.timing.clock.now();
    let txn = crate::db::begin_write(db).await?;
    calendar_feed::Entity::delete_by_id(staff.user_id)
        .exec(&txn)
        .await?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        user_id: sea_orm::Set(staff.user_id),
        secret_hash: sea_orm::Set(secrets::digest(&secret)),
        created_at: sea_orm::Set(now),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(user = %staff.name, "calendar feed created");
    Ok((secret, now))
}

/// Removes the caller's feed; whether it had one.
pub async fn revoke(db: &DatabaseConnection, access: &Access) -> ApiResult<bool> {
    let staff = access.require(Role::Viewer)?;
    let done = calendar_feed::Entity::delete_by_id(staff.user_id)
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// When the caller's feed was made, if it has one.
pub async fn created_at(
    db: &DatabaseConnection,
    access: &Access,
) -> ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
    let staff = access.require(Role::Viewer)?;
    Ok(calendar_feed::Entity::find_by_id(staff.user_id)
        .one(db)
        .await?
        .map(|feed| feed.created_at))
}

/// One open deadline in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub deadline_id: i32,
    pub due: Due,
}

/// The open deadlines of the feed with this secret, by day to act; `None` when no active
/// account has a feed with it (unknown, replaced, revoked, or the account disabled).
pub async fn events(db: &DatabaseConnection, secret: &str) -> ApiResult<Option<Vec<Event>>> {
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::SecretHash.eq(secrets::digest(secret)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let active = user::Entity::find_by_id(feed.user_id)
        .one(db)
        .await?
        .is_some_and(|account| !account.disabled);
    if !active {
        return Ok(None);
    }
    let rows = deadline::Entity::find()
        .filter(deadline::Column::State.eq(DeadlineState::Open.as_str()))
        .order_by_asc(deadline::Column::DayToAct)
        .order_by_asc(deadline::Column::Id)
        .limit(MAX_EVENTS)
        .all(db)
        .await?;
    let contracts = by_id(db, contract::Column::Id, rows.iter().map(|r| r.contract_id)).await?;
    let mut events = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(contract) = contracts.get(&row.contract_id) else {
            continue;
        };
        events.push(Event {
            deadline_id: row.id,
            due: Due::of(contract, &row)?,
        });
    }
    Ok(Some(events))
}
