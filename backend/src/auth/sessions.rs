//! Staff sessions: a random 128-bit id in an `HttpOnly`, `SameSite=Lax` cookie, only its
//! digest in the database (so every server instance sharing the database knows it), with an
//! idle and an absolute timeout.

use axum::http::{HeaderMap, header};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::Expr,
};

use super::secrets;
use crate::entities::{session, user};
use crate::error::ApiResult;

/// The cookie's name over plain HTTP (development, loopback).
pub const COOKIE: &str = "verbund_session";
/// The cookie's name over HTTPS: the `__Host-` prefix makes browsers insist on `Secure`,
/// `Path=/` and no `Domain`, so no other host can set it.
pub const SECURE_COOKIE: &str = "__Host-verbund_session";

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
    Ok(())
}

/// Ends every session of an account (password change, disabling, role change).
pub async fn end_all(db: &impl ConnectionTrait, user_id: i32) -> ApiResult<()> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

fn name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

/// The `Set-Cookie` value that hands a new session to the browser.
pub fn cookie(secret: &str, secure: bool) -> String {
    format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        name(secure),
        ABSOLUTE.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// The session id the request's cookies carry, if any.
pub fn from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == wanted && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let plain = cookie("abc", false);
        assert_eq!(
            plain,
            "verbund_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200"
        );
        let secure = cookie("abc", true);
        assert!(secure.starts_with("__Host-verbund_session=abc; Path=/; HttpOnly; SameSite=Lax"));
        assert!(secure.ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; verbund_session=s3cr3t; x=1"),
        );
        assert_eq!(from_headers(&headers, false).as_deref(), Some("s3cr3t"));
        assert_eq!(from_headers(&headers, true), None);
    }
}
