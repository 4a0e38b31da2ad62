//! Authentication: who a request comes from (a staff session, a partner token or nobody),
//! logging in and out, and staff accounts.
//!
//! - [`access`]: the caller and what it may see or change, asked by every service.
//! - [`sessions`], [`tokens`]: the two kinds of credentials, both stored only as digests.
//! - [`password`]: Argon2id; [`throttle`]: failed logins per account and per address.

pub mod access;
pub mod password;
pub mod secrets;
pub mod sessions;
pub mod throttle;
pub mod tokens;

use axum::http::{HeaderMap, header};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};
use std::str::FromStr;
use verbund_shared::access::Role;
use verbund_shared::validate::Check;

use self::access::{Access, Principal, Staff};
use crate::audit::{self, Actor, Change};
use crate::entities::user;
use crate::error::{ApiError, ApiResult};

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
    db: &DatabaseConnection,
    headers: &HeaderMap,
    secure_cookies: bool,
    tokens: &tokens::TokenCache,
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
    if let Some(secret) = sessions::from_headers(headers, secure_cookies)
        && let Some((session, user)) = sessions::find(db, &secret).await?
    {
        let role = Role::from_str(&user.role).map_err(|err| ApiError::internal("role", &err))?;
        let staff = Staff {
            user_id: user.id,
            name: user.name,
            role,
            session_hash: session.token_hash,
        };
        return Ok((Principal::Staff(staff), Credential::Cookie));
    }
    Ok((Principal::Anonymous, Credential::None))
}

/// Checks a name and password; on success starts a session and returns its id. Failures
/// are counted per account and per address and answer the same whether the name exists.
pub async fn login(
    db: &DatabaseConnection,
    name: &str,
    password: &str,
    address: Option<&str>,
) -> ApiResult<(user::Model, String)> {
    let mut keys = vec![throttle::Key::account(name)];
    if let Some(address) = address {
        keys.push(throttle::Key::address(address));
    }
    throttle::check(db, &keys).await?;
    let user = user::Entity::find()
        .filter(user::Column::Name.eq(name.trim()))
        .one(db)
        .await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = password::verify(password.to_owned(), stored).await;
    match user {
        Some(user) if matches && !user.disabled => {
            throttle::clear(db, &keys[0]).await?;
            let secret = sessions::start(db, user.id).await?;
            Ok((user, secret))
        }
        _ => {
            throttle::fail(db, &keys).await?;
            Err(ApiError::LoginFailed)
        }
    }
}

/// Checks the fields of a new account.
pub fn check_account(name: &str, password: &str) -> ApiResult<String> {
    let mut check = Check::new();
    let name = check.name("name", name);
    if let Some(name) = &name
        && name.as_str().chars().count() > 100
    {
        check.fail("name", "an account name has at most 100 characters");
    }
    check.password("password", password);
    check.finish()?;
    Ok(name.map(|n| n.as_str().to_owned()).unwrap_or_default())
}

/// Creates a staff account (command line and admins), with its audit entry.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: Option<&str>,
    name: &str,
    role: Role,
    password: &str,
) -> ApiResult<user::Model> {
    let name = check_account(name, password)?;
    let hash = password::hash(password.to_owned()).await?;
    let txn = db.begin().await?;
    if user::Entity::find()
        .filter(user::Column::Name.eq(&name))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(ApiError::bad_input(
            "name",
            "An account with this name exists already.",
        ));
    }
    let row = user::ActiveModel {
        name: Set(name),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(hash),
        disabled: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor,
            request_id,
            operation: "createUser",
            record_type: "User",
            record_id: row.id,
        },
        None::<&user::Model>,
        Some(&row),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Sets a new password for an existing account and ends its sessions (demo start, admins).
pub async fn set_password(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: Option<&str>,
    user: user::Model,
    password: &str,
) -> ApiResult<user::Model> {
    let mut check = Check::new();
    check.password("password", password);
    check.finish()?;
    let hash = password::hash(password.to_owned()).await?;
    let txn = db.begin().await?;
    let before = user.clone();
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(hash);
    let after = active.update(&txn).await?;
    sessions::end_all(&txn, after.id).await?;
    audit::record(
        &txn,
        Change {
            actor,
            request_id,
            operation: "setPassword",
            record_type: "User",
            record_id: after.id,
        },
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The access of a request, from the schema's request data (anonymous when absent).
pub fn access<'a>(ctx: &async_graphql::Context<'a>) -> &'a Access {
    static ANONYMOUS: std::sync::OnceLock<Access> = std::sync::OnceLock::new();
    ctx.data_opt::<Access>()
        .unwrap_or_else(|| ANONYMOUS.get_or_init(Access::default))
}
