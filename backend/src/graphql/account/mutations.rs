//! Signing in and out, and the admins' changes to accounts and tokens.

use std::sync::atomic::Ordering;

use async_graphql::{Context, ID, Object, SimpleObject};
use std::str::FromStr;
use verbund_shared::access::{Role as DomainRole, Scope as DomainScope};

use super::{
    ApiToken, CreateApiTokenInput, CreateUserInput, CreatedApiToken, UpdateUserInput, User, Viewer,
    login_context,
};
use crate::auth::cookies;
use crate::error::{ApiError, ApiResult};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::{access, db};
use crate::register::accounts::{self, AccountChange, sessions};
use crate::register::audit::Actor;
use crate::register::tokens;

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
        #[graphql(desc = "The account's name.")] name: String,
        #[graphql(desc = "The account's password.")] password: String,
    ) -> ApiResult<LoginPayload> {
        let login = login_context(ctx)?;
        if login.tried.swap(true, Ordering::SeqCst) {
            return Err(ApiError::RateLimited {
                message: "One login per request.".to_owned(),
                retry_after: 1,
            });
        }
        let db = db(ctx);
        let (user, secret) = accounts::login(
            db,
            &name,
            &password,
            login.address.as_deref(),
            &login.evaluations,
        )
        .await?;
        // A new session id on every login; the one the browser had before is ended.
        if let Some(staff) = access(ctx).staff() {
            sessions::end(db, &staff.session_hash).await?;
        }
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            cookies::cookie(&secret, login.secure_cookies),
        );
        let role =
            DomainRole::from_str(&user.role).map_err(|err| ApiError::internal("role", &err))?;
        tracing::info!(user = %user.name, "signed in");
        Ok(LoginPayload {
            me: Viewer {
                id: Some(ids::encode(NodeType::User, user.id)),
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
        if let Some(staff) = access(ctx).staff() {
            sessions::end(db(ctx), &staff.session_hash).await?;
        }
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            cookies::clear_cookie(login.secure_cookies),
        );
        Ok(true)
    }

    /// Creates a staff account (admins only).
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new account.")] input: CreateUserInput,
    ) -> ApiResult<User> {
        let access = access(ctx);
        let staff = access.require(DomainRole::Admin)?;
        let row = accounts::create_user(
            db(ctx),
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
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account and what changes.")] input: UpdateUserInput,
    ) -> ApiResult<User> {
        let access = access(ctx);
        access.require(DomainRole::Admin)?;
        let id = ids::decode_as(&input.id, NodeType::User, "id")?;
        let change = AccountChange {
            role: input.role.map(Into::into),
            disabled: input.disabled,
            password: input.password,
        };
        let row = accounts::update(db(ctx), access, id, input.version, change).await?;
        Ok(User(row))
    }

    /// Sets the mail address the deadline desk mails reminders to, or removes it (an empty
    /// address): the caller's own, or (admins) another account's.
    async fn set_email(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The address, e.g. name@example.org; empty: no mail.")] email: String,
        #[graphql(desc = "Another account (admins only); the caller's own when left out.")]
        user_id: Option<ID>,
    ) -> ApiResult<User> {
        let id = ids::decode_opt(user_id.as_ref(), NodeType::User, "userId")?;
        let row = accounts::set_email(db(ctx), access(ctx), id, &email).await?;
        Ok(User(row))
    }

    /// Creates a partner token (admins only). The answer holds the token once.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new token.")] input: CreateApiTokenInput,
    ) -> ApiResult<CreatedApiToken> {
        let access = access(ctx);
        access.require(DomainRole::Admin)?;
        let member = ids::decode_opt(input.member_id.as_ref(), NodeType::Organisation, "memberId")?;
        let request = tokens::TokenRequest {
            name: input.name,
            scopes: input.scopes.into_iter().map(DomainScope::from).collect(),
            member,
            persisted_only: input.persisted_only,
            days: input.expires_in_days,
        };
        let (secret, row) = tokens::issue(db(ctx), access, request).await?;
        Ok(CreatedApiToken {
            token: secret,
            api_token: ApiToken(row),
        })
    }

    /// Revokes a partner token at once (admins only). It stays listed, marked revoked.
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's global ID.")] id: ID,
    ) -> ApiResult<ApiToken> {
        let access = access(ctx);
        access.require(DomainRole::Admin)?;
        let id = ids::decode_as(&id, NodeType::ApiToken, "id")?;
        let cache = ctx.data_unchecked::<std::sync::Arc<tokens::TokenCache>>();
        let after = tokens::revoke_by(db(ctx), access, cache, id).await?;
        Ok(ApiToken(after))
    }
}
