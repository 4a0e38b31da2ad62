//! A partner system's read-only token. Only the SHA-256 digest of the token is stored, with
//! its first characters (`prefix`) so people can tell tokens apart.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub prefix: String,
    #[serde(skip)]
    pub token_hash: String,
    /// Comma-separated scopes, e.g. `members:read,contracts:read`.
    pub scopes: String,
    /// When set, the token sees only this member's own data.
    pub organisation_id: Option<i32>,
    /// When true, the token may run registered (persisted) operations only.
    pub persisted_only: bool,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
