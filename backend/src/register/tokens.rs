//! Partner tokens: `vbd_` and 32 random characters (192 bits), shown once, stored as a
//! digest. Read-only by construction (see `Access::require`), with scopes, an optional
//! member limit, a required expiry, revocation and a last-used time.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use verbund_shared::access::Scope;

use super::audit::{self, Actor, Change};
use super::notices::Heed;
use super::revocations::{self, CACHE_FOR, Endings};
use super::units::member_data;
use crate::auth::access::{Access, Partner};
use crate::auth::secrets;
use crate::entities::{api_token, organisation};
use crate::error::{ApiError, ApiResult};

pub use crate::entities::api_token::Model as ApiToken;

/// Every token starts with this, so it can be recognised (by people and by secret scanners).
pub const PREFIX: &str = "vbd_";
/// How many characters of a token are kept to tell tokens apart.
const SHOWN_CHARS: usize = 12;
/// `last_used_at` is written at most this often.
const TOUCH_EVERY: Duration = Duration::seconds(60);
/// The longest a token may live.
pub const MAX_LIFETIME: Duration = Duration::days(366);

/// What a new token may do.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub scopes: Vec<Scope>,
    pub organisation_id: Option<i32>,
    /// Only registered (persisted) operations.
    pub persisted_only: bool,
    pub expires_at: DateTime<Utc>,
    pub created_by: Option<i32>,
}

/// A token an admin asks for through the API.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub name: String,
    pub scopes: Vec<Scope>,
    /// The member whose data alone it sees.
    pub member: Option<i32>,
    pub persisted_only: bool,
    /// How many days it lives (1 to 366).
    pub days: i32,
}

/// Issues a token (admins only): the secret, to show once, and the stored record.
pub async fn issue(
    db: &DatabaseConnection,
    access: &Access,
    request: TokenRequest,
) -> ApiResult<(String, ApiToken)> {
    let staff = access.require(verbund_shared::access::Role::Admin)?;
    let mut check = verbund_shared::validate::Check::new();
    let name = check.short_name("name", &request.name, verbund_shared::text::LABEL_MAX_CHARS);
    if !(1..=366).contains(&request.days) {
        check.fail("expiresInDays", "a token lives 1 to 366 days");
    }
    if request.scopes.is_empty() {
        check.fail("scopes", "give at least one scope");
    }
    check.finish()?;
    let mut scopes: Vec<Scope> = Vec::with_capacity(request.scopes.len());
    for scope in request.scopes {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    let new = NewToken {
        name: name.map(|n| n.as_str().to_owned()).unwrap_or_default(),
        scopes,
        organisation_id: request.member,
        persisted_only: request.persisted_only,
        expires_at: Utc::now() + Duration::days(i64::from(request.days)),
        created_by: Some(staff.user_id),
    };
    create(db, &Actor::staff(staff), access.request_id.as_deref(), new).await
}

/// Revokes a token (admins only) and drops it from this server's cache, only after the
/// revocation is stored, so no request can put it back unrevoked.
pub async fn revoke_by(
    db: &DatabaseConnection,
    access: &Access,
    cache: &TokenCache,
    id: i32,
) -> ApiResult<ApiToken> {
    let staff = access.require(verbund_shared::access::Role::Admin)?;
    let after = revoke(db, &Actor::staff(staff), access.request_id.as_deref(), id).await?;
    cache.forget(id);
    Ok(after)
}

/// Creates a token with its audit entry, in one transaction: the secret (to show once) and
/// the stored record.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: Option<&str>,
    new: NewToken,
) -> ApiResult<(String, api_token::Model)> {
    let txn = crate::db::begin_write(db).await?;
    crate::register::feed::serialize(&txn).await?;
    let (secret, row) = insert(&txn, new).await?;
    let change = Change {
        actor,
        request_id,
        operation: "createApiToken",
        record_type: "ApiToken",
        record_id: row.id,
    };
    audit::record(&txn, change, None::<&api_token::Model>, Some(&row)).await?;
    txn.commit().await?;
    Ok((secret, row))
}

async fn insert(db: &impl ConnectionTrait, new: NewToken) -> ApiResult<(String, api_token::Model)> {
    let now = Utc::now();
    if new.expires_at <= now {
        return Err(ApiError::bad_input(
            "expiresAt",
            "The expiry must lie in the future.",
        ));
    }
    if new.expires_at > now + MAX_LIFETIME {
        return Err(ApiError::bad_input(
            "expiresAt",
            "A token lives at most 366 days; create a new one when it expires.",
        ));
    }
    if new.scopes.is_empty() {
        return Err(ApiError::bad_input("scopes", "Give at least one scope."));
    }
    if let Some(id) = new.organisation_id
        && organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_none()
    {
        return Err(ApiError::bad_input("memberId", "No such organisation."));
    }
    let secret = format!("{PREFIX}{}", secrets::random_text::<24>()?);
    let row = api_token::ActiveModel {
        name: Set(new.name),
        prefix: Set(secret.chars().take(SHOWN_CHARS).collect()),
        token_hash: Set(secrets::digest(&secret)),
        scopes: Set(Scope::join(&new.scopes)),
        organisation_id: Set(new.organisation_id),
        persisted_only: Set(new.persisted_only),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        created_by: Set(new.created_by),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((secret, row))
}

/// The live token whose secret has this digest; `None` when unknown, revoked or expired.
async fn find(db: &impl ConnectionTrait, digest: &str) -> ApiResult<Option<api_token::Model>> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(digest))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Ok(None);
    }
    if token
        .last_used_at
        .is_none_or(|used| now - used > TOUCH_EVERY)
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok(Some(token))
}

/// The scopes stored with a token.
pub fn scopes(token: &api_token::Model) -> Vec<Scope> {
    Scope::parse_list(&token.scopes).unwrap_or_default()
}

/// Tokens recently found, by the digest of their secret, with what a member-limited token may
/// see. A revocation through this server takes effect at once (see [`TokenCache::forget`]);
/// on PostgreSQL one made elsewhere (another instance, the command line) as soon as this
/// server is told (see [`super::revocations`]), on SQLite within [`CACHE_FOR`].
#[derive(Debug, Default)]
pub struct TokenCache {
    entries: std::sync::Mutex<HashMap<String, Cached>>,
    /// Told whenever tokens are dropped, so open sockets check theirs again.
    endings: Endings,
}

#[derive(Debug, Clone)]
struct Cached {
    partner: Partner,
    expires_at: DateTime<Utc>,
    found: std::time::Instant,
}

impl TokenCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cached>> {
        crate::sync::locked(&self.entries)
    }

    /// The partner behind the live token with this secret, with what a member-limited token
    /// may see: from the cache while it is fresh, else from the database (`find` and
    /// `member_data`).
    pub async fn lookup(
        &self,
        db: &impl ConnectionTrait,
        secret: &str,
    ) -> ApiResult<Option<Partner>> {
        if !secret.starts_with(PREFIX) {
            return Ok(None);
        }
        let digest = secrets::digest(secret);
        let now = std::time::Instant::now();
        if let Some(hit) = self.lock().get(&digest)
            && now.duration_since(hit.found) < CACHE_FOR
            && hit.expires_at > Utc::now()
        {
            return Ok(Some(hit.partner.clone()));
        }
        let Some(token) = find(db, &digest).await? else {
            self.lock().remove(&digest);
            return Ok(None);
        };
        let limited_to = match token.organisation_id {
            Some(id) => Some(Arc::new(member_data(db, id).await?)),
            None => None,
        };
        let partner = Partner {
            token_id: token.id,
            scopes: scopes(&token),
            name: token.name,
            limited_to,
            persisted_only: token.persisted_only,
        };
        let mut entries = self.lock();
        if entries.len() >= 10_000 {
            entries.retain(|_, cached| now.duration_since(cached.found) < CACHE_FOR);
        }
        entries.insert(
            digest,
            Cached {
                partner: partner.clone(),
                expires_at: token.expires_at,
                found: now,
            },
        );
        Ok(Some(partner))
    }

    /// Drops a token from the cache (after it was revoked, here or on another server).
    pub fn forget(&self, token_id: i32) {
        self.lock()
            .retain(|_, cached| cached.partner.token_id != token_id);
        self.endings.tell();
    }

    /// Drops every token from the cache (when revocations may have been missed).
    pub fn forget_all(&self) {
        self.lock().clear();
        self.endings.tell();
    }

    /// Told whenever a token may have been revoked.
    pub fn endings(&self) -> &Endings {
        &self.endings
    }
}

/// What a server does when told of a revocation or an ended session.
struct Revocations(Arc<TokenCache>);

impl Heed for Revocations {
    fn channels(&self) -> &'static [&'static str] {
        &[revocations::CHANNEL, revocations::SESSIONS_CHANNEL]
    }

    fn told(&self, channel: &str, payload: &str) {
        if channel == revocations::SESSIONS_CHANNEL {
            revocations::sessions_ended().tell();
            return;
        }
        match payload.parse::<i32>() {
            Ok(id) => self.0.forget(id),
            Err(_) => self.0.forget_all(),
        }
    }

    fn resumed(&self) {
        // Whatever was cached while nobody listened may have been revoked since.
        self.0.forget_all();
        revocations::sessions_ended().tell();
    }
}

/// What keeps `cache` told of every revocation (see `notices::follow`).
pub fn heed(cache: Arc<TokenCache>) -> Arc<dyn Heed> {
    Arc::new(Revocations(cache))
}

/// The newest tokens, newest first, at most `bounds::API_TOKENS` (admins only).
pub async fn list(db: &impl ConnectionTrait, access: &Access) -> ApiResult<Vec<ApiToken>> {
    access.require(verbund_shared::access::Role::Admin)?;
    Ok(api_token::Entity::find()
        .order_by_desc(api_token::Column::Id)
        .limit(super::bounds::API_TOKENS as u64)
        .all(db)
        .await?)
}

/// Every token, newest first (the command line).
pub async fn list_all(db: &impl ConnectionTrait) -> ApiResult<Vec<ApiToken>> {
    Ok(api_token::Entity::find()
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// Revokes a token (it stays listed, marked revoked) with its audit entry, in one
/// transaction; revoking it again changes nothing. The record as it is now.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: Option<&str>,
    id: i32,
) -> ApiResult<api_token::Model> {
    let txn = crate::db::begin_write(db).await?;
    crate::register::feed::serialize(&txn).await?;
    let before = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("No such token."))?;
    if before.revoked_at.is_some() {
        return Ok(before);
    }
    let mut active: api_token::ActiveModel = before.clone().into();
    active.revoked_at = Set(Some(Utc::now()));
    let after = active.update(&txn).await?;
    let change = Change {
        actor,
        request_id,
        operation: "revokeApiToken",
        record_type: "ApiToken",
        record_id: id,
    };
    audit::record(&txn, change, Some(&before), Some(&after)).await?;
    revocations::announce(&txn, id).await?;
    txn.commit().await?;
    Ok(after)
}

/// Parses `30d`, `12h` or `2w` into a duration (for the command line).
pub fn parse_lifetime(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let n: i64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a lifetime such as 30d, 12h or 2w"))?;
    let lifetime = match unit {
        "h" => Duration::hours(n),
        "d" => Duration::days(n),
        "w" => Duration::weeks(n),
        _ => return Err(format!("{text:?}: the unit is h, d or w")),
    };
    if lifetime <= Duration::zero() || lifetime > MAX_LIFETIME {
        return Err(format!(
            "{text:?}: a token lives between 1 hour and 366 days"
        ));
    }
    Ok(lifetime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes() {
        assert_eq!(parse_lifetime("30d"), Ok(Duration::days(30)));
        assert_eq!(parse_lifetime("12h"), Ok(Duration::hours(12)));
        assert_eq!(parse_lifetime("2w"), Ok(Duration::weeks(2)));
        assert!(parse_lifetime("0d").is_err());
        assert!(parse_lifetime("400d").is_err());
        assert!(parse_lifetime("30").is_err());
        assert!(parse_lifetime("d").is_err());
    }
}
