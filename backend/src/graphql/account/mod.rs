//! Signing in and out, the caller (`me`), staff accounts and partner tokens.

mod mutations;

use std::sync::atomic::AtomicBool;

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use std::str::FromStr;
use verbund_shared::access::{Role as DomainRole, Scope as DomainScope};

pub use self::mutations::AccountMutation;
use super::ids::{self, NodeType};
use super::loaders::{self, OrganisationId};
use super::records::Organisation;
use crate::auth::access::Principal;
use crate::auth::password::Evaluations;
use crate::error::{ApiError, ApiResult};
use crate::register::accounts::{self, User as UserRow};
use crate::register::tokens::{self, ApiToken as TokenRow};

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
/// whether a login has been tried already (one per request, however many aliases), and the
/// server's count of passwords checked.
#[derive(Debug)]
pub struct LoginContext {
    pub(super) address: Option<String>,
    pub(super) secure_cookies: bool,
    pub(super) tried: AtomicBool,
    pub(super) evaluations: std::sync::Arc<Evaluations>,
}

impl LoginContext {
    pub fn new(
        address: Option<String>,
        secure_cookies: bool,
        evaluations: std::sync::Arc<Evaluations>,
    ) -> Self {
        Self {
            address,
            secure_cookies,
            tried: AtomicBool::new(false),
            evaluations,
        }
    }
}

pub(super) fn login_context<'a>(ctx: &Context<'a>) -> ApiResult<&'a LoginContext> {
    ctx.data_opt::<LoginContext>()
        .ok_or_else(|| ApiError::internal("login context", &"missing"))
}

/// Who is asking.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct Viewer {
    /// The staff account's global ID (e.g. to make it a deadline's owner); null for a
    /// partner token.
    id: Option<ID>,
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
pub struct User(pub UserRow);

#[Object]
/// A staff account.
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

    /// Where the deadline desk mails its reminders; null: only the inbox.
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
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
pub struct ApiToken(pub TokenRow);

#[Object]
/// A partner system's read-only token. The token itself is shown once, at creation.
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
        let member = loaders::maybe(ctx, self.0.organisation_id.map(OrganisationId)).await?;
        Ok(member.map(Organisation))
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
        match &super::access(ctx).principal {
            Principal::Anonymous => None,
            Principal::Staff(staff) => Some(Viewer {
                id: Some(ids::encode(NodeType::User, staff.user_id)),
                name: staff.name.clone(),
                role: Some(staff.role.into()),
                scopes: Vec::new(),
                is_token: false,
            }),
            Principal::Partner(partner) => Some(Viewer {
                id: None,
                name: partner.name.clone(),
                role: None,
                scopes: partner.scopes.iter().copied().map(Into::into).collect(),
                is_token: true,
            }),
        }
    }

    /// The staff accounts, by name, at most 200 (admins only).
    #[graphql(
        complexity = "crate::graphql::lists::list_cost(crate::register::bounds::USERS, child_complexity)"
    )]
    async fn users(&self, ctx: &Context<'_>) -> ApiResult<Vec<User>> {
        let rows = accounts::list(super::db(ctx), super::access(ctx)).await?;
        Ok(rows.into_iter().map(User).collect())
    }

    /// The partner tokens, newest first, at most the newest 200 (admins only).
    #[graphql(
        complexity = "crate::graphql::lists::list_cost(crate::register::bounds::API_TOKENS, child_complexity)"
    )]
    async fn api_tokens(&self, ctx: &Context<'_>) -> ApiResult<Vec<ApiToken>> {
        let rows = tokens::list(super::db(ctx), super::access(ctx)).await?;
        Ok(rows.into_iter().map(ApiToken).collect())
    }
}
