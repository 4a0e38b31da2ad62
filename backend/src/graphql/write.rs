//! What every mutation shares: optimistic concurrency, one transaction, the audit entry.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, QueryFilter, SqlErr, sea_query::Expr,
};

use async_graphql::Context;
use sea_orm::TransactionTrait;
use serde::Serialize;
use verbund_shared::access::Role;

use super::ids::NodeType;
use crate::audit::{self, Actor, Change};
use crate::auth::{self, access::Access};
use crate::entities::Versioned;
use crate::error::{ApiError, ApiResult};

/// Claims the record `id` at `version` for a change within `txn`, and returns it as it is.
///
/// The first statement is a conditional write (`UPDATE .. SET version = version WHERE id = ..
/// AND version = ..`): it takes the row's write lock (PostgreSQL) or the database's (SQLite)
/// before anything is read, so of several concurrent changes based on the same version one
/// goes through and the others wait, then find the version moved on: `CONFLICT`. The caller
/// saves its change through the entity's `ActiveModel`, which raises the version by one.
pub async fn claim<E>(
    txn: &DatabaseTransaction,
    id: i32,
    version: i32,
    what: &str,
) -> ApiResult<E::Model>
where
    E: Versioned,
    E::Model: Sync,
{
    let claimed = E::update_many()
        .col_expr(E::version_column(), Expr::col(E::version_column()))
        .filter(E::id_column().eq(id))
        .filter(E::version_column().eq(version))
        .exec(txn)
        .await?;
    let current = E::find().filter(E::id_column().eq(id)).one(txn).await?;
    match current {
        Some(row) if claimed.rows_affected == 1 => Ok(row),
        Some(_) => {
            let now = current_version::<E>(txn, id).await?;
            Err(ApiError::conflict(
                format!(
                    "The {what} was changed by someone else meanwhile (now version {}, your change was based on version {version}). Reload it and apply your change again.",
                    now.unwrap_or_default()
                ),
                now,
            ))
        }
        None => Err(ApiError::not_found(format!("No such {what}."))),
    }
}

async fn current_version<E: Versioned>(
    db: &impl ConnectionTrait,
    id: i32,
) -> ApiResult<Option<i32>> {
    use sea_orm::QuerySelect;
    Ok(E::find()
        .select_only()
        .column(E::version_column())
        .filter(E::id_column().eq(id))
        .into_tuple::<i32>()
        .one(db)
        .await?)
}

/// One mutation: its transaction, its caller (with the role the mutation needs) and the audit
/// entries it writes in that transaction.
pub struct Tx<'a> {
    pub txn: DatabaseTransaction,
    access: &'a Access,
    actor: Actor,
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

impl<'a> Tx<'a> {
    /// Checks the caller's role, then begins the transaction.
    pub async fn begin(ctx: &Context<'a>, role: Role) -> ApiResult<Self> {
        let access = auth::access(ctx);
        let actor = Actor::staff(access.require(role)?);
        let txn = super::db(ctx).begin().await?;
        Ok(Self { txn, access, actor })
    }

    /// Writes the audit entry of a change to the record `id` of type `node`.
    pub async fn log<B: Serialize, A: Serialize>(
        &self,
        operation: &str,
        node: NodeType,
        id: i32,
        before: Option<&B>,
        after: Option<&A>,
    ) -> ApiResult<()> {
        self.log_as(operation, node.name(), id, before, after).await
    }

    /// [`Tx::log`] for a record that is not a node of the graph (named by `record_type`).
    pub async fn log_as<B: Serialize, A: Serialize>(
        &self,
        operation: &str,
        record_type: &str,
        id: i32,
        before: Option<&B>,
        after: Option<&A>,
    ) -> ApiResult<()> {
        let change = Change {
            actor: &self.actor,
            request_id: self.access.request_id.as_deref(),
            operation,
            record_type,
            record_id: id,
        };
        audit::record(&self.txn, change, before, after).await
    }

    /// Commits the change and its audit entries together.
    pub async fn commit(self) -> ApiResult<()> {
        Ok(self.txn.commit().await?)
    }
}

/// Maps a unique-key violation to a field error with this message; other errors pass.
pub fn unique(field: &'static str, message: &'static str) -> impl FnOnce(DbErr) -> ApiError {
    move |err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::bad_input(field, message),
        _ => ApiError::from(err),
    }
}
