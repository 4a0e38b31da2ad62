//! Signing in and out, the caller (`me`), staff accounts and partner tokens.

use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};
use std::str::FromStr;
use verbund_shared::access::{Role as DomainRole, Scope as DomainScope};

use super::ids::{self, NodeType};
use super::organisations::Organisation;
use crate::audit::Actor;
use crate::auth::{self, access::Principal, sessions, tokens};
use crate::entities::{api_token, organisation, user};
use crate::error::{ApiError, ApiResult};

/// What a staff account may do.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainRole")]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Reads and edits the register.
    Editor,
    /// Edits the register and manages accounts and partner tokens.
    Admin,
}

/// What a partner token may read.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainScope")]
pub enum Scope {
    /// Organisations, memberships, people and figures (`members:read`).
    MembersRead,
    /// Contracts and their parties (`contracts:read`).
    ContractsRead,
    /// Services and who receives them (`coverage:read`).
    CoverageRead,
}

/// Per request: the caller's address (for the login throttle), whether cookies are `Secure`,
/// and whether a login has been tried already (one per request, however many aliases).
#[derive(Debug)]
pub struct LoginContext {
    address: Option<String>,
    secure_cookies: bool,
    tried: AtomicBool,
}

impl LoginContext {
    pub fn new(address: Option<String>, secure_cookies: bool) -> Self {
        Self {
            address,
            secure_cookies,
            tried: AtomicBool::new(false),
        }
    }
}

fn login_context<'a>(ctx: &Context<'a>) -> ApiResult<&'a LoginContext> {
    ctx.data_opt::<LoginContext>()
        .ok_or_else(|| ApiError::internal("login context", &"missing"))
}

/// Who is asking.
#[derive(Debug, Clone, SimpleObject)]
pub struct Viewer {
    /// The account's or the token's name.
    name: String,
    /// The staff role; null for a partner token.
    role: Option<Role>,
    /// The token's scopes; empty for staff.
    scopes: Vec<Scope>,
    /// Whether this is a partner token.
    is_token: bool,
}

/// A staff account.
#[derive(Debug, Clone)]
pub struct User(pub user::Model);

#[Object]
impl User {
    /// The global ID.
    async fn id(&self) -> ID {
        ids::encode(NodeType::User, self.0.id)
    }

    /// The name used to sign in.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What the account may do.
    async fn role(&self) -> ApiResult<Role> {
        DomainRole::from_str(&self.0.role)
            .map(Into::into)
            .map_err(|err| ApiError::internal("role", &err))
    }

    /// A disabled account cannot sign in.
    async fn disabled(&self) -> bool {
        self.0.disabled
    }

    /// When the account was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// The record's version; it grows with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A partner system's read-only token. The token itself is shown once, at creation.
#[derive(Debug, Clone)]
pub struct ApiToken(pub api_token::Model);

#[Object]
impl ApiToken {
    /// The global ID.
    async fn id(&self) -> ID {
        ids::encode(NodeType::ApiToken, self.0.id)
    }

    /// What the token is for, e.g. the partner system's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The token's first characters, to tell tokens apart.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }

    /// What it may read.
    async fn scopes(&self) -> Vec<Scope> {
        tokens::scopes(&self.0)
            .into_iter()
            .map(Into::into)
            .collect()
    }

    /// The member whose data alone it sees; null when it sees every member.
    async fn member(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
        match self.0.organisation_id {
            Some(id) => Ok(organisation::Entity::find_by_id(id)
                .one(super::db(ctx))
                .await?
                .map(Organisation)),
            None => Ok(None),
        }
    }

    /// Whether it may run registered (persisted) operations only.
    async fn persisted_only(&self) -> bool {
        self.0.persisted_only
    }

    /// When it stops working.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }

    /// When it was revoked, if it was.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }

    /// When it was last used (to the minute).
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// Whether it works now: neither revoked nor expired.
    async fn is_active(&self) -> bool {
        self.0.revoked_at.is_none() && self.0.expires_at > Utc::now()
    }
}

/// A new token and, once only, its secret.
#[derive(Debug, SimpleObject)]
pub struct CreatedApiToken {
    /// The token to hand to the partner system. It is not stored and cannot be shown again.
    token: String,
    /// The token's record.
    api_token: ApiToken,
}

/// A new staff account.
#[derive(Debug, InputObject)]
pub struct CreateUserInput {
    /// The name used to sign in.
    name: String,
    /// What it may do.
    role: Role,
    /// Its first password (at least 12 characters).
    password: String,
}

/// Changes to a staff account.
#[derive(Debug, InputObject)]
pub struct UpdateUserInput {
    /// The account.
    id: ID,
    /// The version the change is based on.
    version: i32,
    /// A new role.
    role: Option<Role>,
    /// Disable (true) or enable (false) the account. Disabling ends its sessions.
    disabled: Option<bool>,
    /// A new password; ends the account's sessions.
    password: Option<String>,
}

/// A new partner token.
#[derive(Debug, InputObject)]
pub struct CreateApiTokenInput {
    /// What the token is for, e.g. the partner system's name.
    name: String,
    /// What it may read.
    scopes: Vec<Scope>,
    /// Limit it to one member's own data.
    member_id: Option<ID>,
    /// How many days it lives (1 to 366).
    expires_in_days: i32,
    /// Allow only registered (persisted) operations.
    #[graphql(default)]
    persisted_only: bool,
}

/// The queries about the caller, accounts and tokens.
#[derive(Debug, Default)]
pub struct AccountRoot;

#[Object]
impl AccountRoot {
    /// The caller; null when not signed in. The only field open to anonymous callers.
    async fn me(&self, ctx: &Context<'_>) -> Option<Viewer> {
        match &auth::access(ctx).principal {
            Principal::Anonymous => None,
            Principal::Staff(staff) => Some(Viewer {
                name: staff.name.clone(),
                role: Some(staff.role.into()),
                scopes: Vec::new(),
                is_token: false,
            }),
            Principal::Partner(partner) => Some(Viewer {
                name: partner.name.clone(),
                role: None,
                scopes: partner.scopes.iter().copied().map(Into::into).collect(),
                is_token: true,
            }),
        }
    }

    /// Every staff account, by name (admins only).
    async fn users(&self, ctx: &Context<'_>) -> ApiResult<Vec<User>> {
        auth::access(ctx).require(DomainRole::Admin)?;
        let rows = user::Entity::find()
            .order_by_asc(user::Column::Name)
            .all(super::db(ctx))
            .await?;
        Ok(rows.into_iter().map(User).collect())
    }

    /// Every partner token, newest first (admins only).
    async fn api_tokens(&self, ctx: &Context<'_>) -> ApiResult<Vec<ApiToken>> {
        auth::access(ctx).require(DomainRole::Admin)?;
        let rows = tokens::list(super::db(ctx)).await?;
        Ok(rows.into_iter().map(ApiToken).collect())
    }
}

/// The result of a login.
#[derive(Debug, SimpleObject)]
pub struct LoginPayload {
    /// Who signed in.
    me: Viewer,
}

/// Signing in and out, accounts and tokens.
#[derive(Debug, Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in with name and password and sets the session cookie. Failed attempts are
    /// throttled per account and per address; one attempt per request.
    async fn login(
        &self,
        ctx: &Context<'_>,
        name: String,
        password: String,
    ) -> ApiResult<LoginPayload> {
        let login = login_context(ctx)?;
        if login.tried.swap(true, Ordering::SeqCst) {
            return Err(ApiError::RateLimited {
                message: "One login per request.".to_owned(),
                retry_after: 1,
            });
        }
        let access = auth::access(ctx);
        let db = super::db(ctx);
        let (user, secret) = auth::login(db, &name, &password, login.address.as_deref()).await?;
        // A new session id on every login; the one the browser had before is ended.
        if let Some(staff) = access.staff() {
            sessions::end(db, &staff.session_hash).await?;
        }
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            sessions::cookie(&secret, login.secure_cookies),
        );
        let role =
            DomainRole::from_str(&user.role).map_err(|err| ApiError::internal("role", &err))?;
        tracing::info!(user = %user.name, "signed in");
        Ok(LoginPayload {
            me: Viewer {
                name: user.name,
                role: Some(role.into()),
                scopes: Vec::new(),
                is_token: false,
            },
        })
    }

    /// Ends the caller's session and clears the cookie.
    async fn logout(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let login = login_context(ctx)?;
        if let Some(staff) = auth::access(ctx).staff() {
            sessions::end(super::db(ctx), &staff.session_hash).await?;
        }
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            sessions::clear_cookie(login.secure_cookies),
        );
        Ok(true)
    }

    /// Creates a staff account (admins only).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> ApiResult<User> {
        let access = auth::access(ctx);
        let staff = access.require(DomainRole::Admin)?;
        let row = auth::create_user(
            super::db(ctx),
            &Actor::staff(staff),
            access.request_id.as_deref(),
            &input.name,
            input.role.into(),
            &input.password,
        )
        .await?;
        Ok(User(row))
    }

    /// Changes a staff account's role, disables or enables it, or sets its password
    /// (admins only). Changing the role, disabling or a new password ends its sessions.
    async fn update_user(&self, ctx: &Context<'_>, input: UpdateUserInput) -> ApiResult<User> {
        let access = auth::access(ctx);
        let staff = access.require(DomainRole::Admin)?;
        let id = ids::decode_as(&input.id, NodeType::User, "id")?;
        if id == staff.user_id
            && (input.disabled == Some(true)
                || input
                    .role
                    .is_some_and(|r| DomainRole::from(r) != DomainRole::Admin))
        {
            return Err(ApiError::bad_input(
                "role",
                "You cannot take away your own admin rights; ask another admin.",
            ));
        }
        let hash = match &input.password {
            Some(password) => {
                let mut check = verbund_shared::validate::Check::new();
                check.password("password", password);
                check.finish()?;
                Some(auth::password::hash(password.clone()).await?)
            }
            None => None,
        };
        let tx = super::write::Tx::begin(ctx, DomainRole::Admin).await?;
        let before =
            super::write::claim::<user::Entity>(&tx.txn, id, input.version, "account").await?;
        let mut active: user::ActiveModel = before.clone().into();
        let mut end_sessions = false;
        if let Some(role) = input.role {
            active.role = Set(DomainRole::from(role).as_str().to_owned());
            end_sessions |= before.role != DomainRole::from(role).as_str();
        }
        if let Some(disabled) = input.disabled {
            active.disabled = Set(disabled);
            end_sessions |= disabled;
        }
        if let Some(hash) = hash {
            active.password_hash = Set(hash);
            end_sessions = true;
        }
        let after = active.update(&tx.txn).await?;
        if end_sessions {
            sessions::end_all(&tx.txn, id).await?;
        }
        tx.log(
            "updateUser",
            NodeType::User,
            id,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(User(after))
    }

    /// Creates a partner token (admins only). The answer holds the token once.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        input: CreateApiTokenInput,
    ) -> ApiResult<CreatedApiToken> {
        let access = auth::access(ctx);
        let staff = access.require(DomainRole::Admin)?;
        let mut check = verbund_shared::validate::Check::new();
        let name = check.name("name", &input.name);
        if !(1..=366).contains(&input.expires_in_days) {
            check.fail("expiresInDays", "a token lives 1 to 366 days");
        }
        if input.scopes.is_empty() {
            check.fail("scopes", "give at least one scope");
        }
        check.finish()?;
        let member = input
            .member_id
            .map(|id| ids::decode_as(&id, NodeType::Organisation, "memberId"))
            .transpose()?;
        let mut scopes: Vec<DomainScope> = input.scopes.into_iter().map(Into::into).collect();
        scopes.dedup();
        let (secret, row) = tokens::create(
            super::db(ctx),
            &Actor::staff(staff),
            access.request_id.as_deref(),
            tokens::NewToken {
                name: name.map(|n| n.as_str().to_owned()).unwrap_or_default(),
                scopes,
                organisation_id: member,
                persisted_only: input.persisted_only,
                expires_at: Utc::now() + Duration::days(i64::from(input.expires_in_days)),
                created_by: Some(staff.user_id),
            },
        )
        .await?;
        Ok(CreatedApiToken {
            token: secret,
            api_token: ApiToken(row),
        })
    }

    /// Revokes a partner token at once (admins only). It stays listed, marked revoked.
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> ApiResult<ApiToken> {
        let access = auth::access(ctx);
        let staff = access.require(DomainRole::Admin)?;
        let id = ids::decode_as(&id, NodeType::ApiToken, "id")?;
        let after = tokens::revoke(
            super::db(ctx),
            &Actor::staff(staff),
            access.request_id.as_deref(),
            id,
        )
        .await?;
        // Taken out of the cache only now, so no request can put it back unrevoked.
        ctx.data_unchecked::<std::sync::Arc<tokens::TokenCache>>()
            .forget(id);
        Ok(ApiToken(after))
    }
}
