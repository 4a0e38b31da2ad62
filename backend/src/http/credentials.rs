//! Who sent a request: a partner token (`Authorization: Bearer`), a staff session (the
//! session cookie) or nobody; and whether a cookie-carrying request comes from a page the
//! server trusts.

use axum::http::{HeaderMap, header};

use super::Settings;
use crate::auth::access::Principal;
use crate::auth::cookies;
use crate::error::{ApiError, ApiResult};
use crate::register::tokens::TokenCache;
use crate::register::{Db, accounts};

/// How a request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    None,
    /// A session cookie: a browser, so a foreign `Origin` must be refused.
    Cookie,
    /// `Authorization: Bearer`: a partner system; browsers never send it by themselves.
    Bearer,
}

/// Works out who sent the request. A bearer token that is unknown, revoked or expired is an
/// error (the caller meant to authenticate); a stale session cookie is simply anonymous.
pub async fn authenticate(
    db: &Db,
    headers: &HeaderMap,
    secure_cookies: bool,
    tokens: &TokenCache,
) -> ApiResult<(Principal, Credential)> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let secret = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError::Unauthenticated)?;
        let partner = tokens
            .lookup(db, secret)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        return Ok((Principal::Partner(partner), Credential::Bearer));
    }
    if let Some(secret) = cookies::from_headers(headers, secure_cookies)
        && let Some(staff) = accounts::staff_of_session(db, &secret).await?
    {
        return Ok((Principal::Staff(staff), Credential::Cookie));
    }
    Ok((Principal::Anonymous, Credential::None))
}

/// Whether the request's `Origin` (if it sent one) is the server itself or an allowed one.
/// Browsers send `Origin` with every cross-site POST, so a page elsewhere cannot ride on a
/// staff member's session cookie.
pub fn origin_allowed(headers: &HeaderMap, settings: &Settings) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if settings
        .allowed_origins
        .iter()
        .any(|allowed| allowed == origin)
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

/// Whether the caller is a signed-in admin.
pub fn is_admin(principal: &Principal) -> bool {
    matches!(principal, Principal::Staff(staff) if staff.role == verbund_shared::access::Role::Admin)
}
