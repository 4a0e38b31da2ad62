//! Staff sessions: a random 128-bit id (in a cookie, see `http::cookies`), only its digest in
//! the database (so every server instance sharing the database knows it), with an idle and
//! an absolute timeout.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::Expr,
};

use crate::auth::secrets;
use crate::entities::{session, user};
use crate::error::ApiResult;

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::minutes(60);
/// A session ends this long after login, however busy.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// Starts a session for `user_id`; the id to put into the cookie. Expired sessions of the
/// same account are removed on the way.
pub async fn start(db: &impl ConnectionTrait, user_id: i32) -> ApiResult<String> {
    let now = Utc::now();
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(
            sea_orm::Condition::any()
                .add(session::Column::ExpiresAt.lt(now))
                .add(session::Column::LastSeenAt.lt(now - IDLE)),
        )
        .exec(db)
        .await?;
    let secret = secrets::random_text::<16>()?;
    session::ActiveModel {
        token_hash: Set(secrets::digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The live session with this id and its account; `None` when it is unknown, expired, idle
/// too long, or its account is disabled.
pub async fn find(
    db: &impl ConnectionTrait,
    secret: &str,
) -> ApiResult<Option<(session::Model, user::Model)>> {
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(secrets::digest(secret)))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(None);
    };
    let now = Utc::now();
    if !is_live(&session, now) || user.disabled {
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(session.id))
            .exec(db)
            .await?;
    }
    Ok(Some((session, user)))
}

fn is_live(session: &session::Model, now: DateTime<Utc>) -> bool {
    session.expires_at > now && now - session.last_seen_at <= IDLE
}

/// Ends the session whose id has this digest.
pub async fn end(db: &impl ConnectionTrait, token_hash: &str) -> ApiResult<()> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash))
        .exec(db)
        .await?;
    crate::register::revocations::announce_sessions(db).await
}

/// Ends every session of an account (password change, disabling, role change).
pub async fn end_all(db: &impl ConnectionTrait, user_id: i32) -> ApiResult<()> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    crate::register::revocations::announce_sessions(db).await
}
