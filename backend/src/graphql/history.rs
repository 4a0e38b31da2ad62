//! The audit history as the API shows it: each record's `history` and the admins' `auditLog`.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use verbund_shared::access::Role;

use super::ids::{self, NodeType};
use super::pagination::{Page, PageArgs};
use super::scalars::Date;
use crate::auth;
use crate::entities::audit_entry;
use crate::error::{ApiError, ApiResult};
use crate::services::fetch_page;

/// One change: who, when, what, and the record before and after.
#[derive(Debug, Clone)]
pub struct HistoryEntry(pub audit_entry::Model);

#[Object]
impl HistoryEntry {
    /// The entry's number; entries are numbered in the order they were written.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// When the change was made.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who made it: an account's name, or the command line.
    async fn actor(&self) -> &str {
        &self.0.actor_name
    }

    /// `USER` (a signed-in account) or `SYSTEM` (the command line).
    async fn actor_kind(&self) -> &str {
        &self.0.actor_kind
    }

    /// The operation, e.g. `amendContract`.
    async fn operation(&self) -> &str {
        &self.0.operation
    }

    /// The type of the record changed, e.g. `Contract`.
    async fn record_type(&self) -> &str {
        &self.0.record_type
    }

    /// The global ID of the record changed.
    async fn record_id(&self) -> Option<ID> {
        NodeType::from_name(&self.0.record_type).map(|node| ids::encode(node, self.0.record_id))
    }

    /// The record before the change, as JSON; null for a creation.
    async fn before(&self) -> Option<&str> {
        self.0.before.as_deref()
    }

    /// The record after the change, as JSON; null for a deletion.
    async fn after(&self) -> Option<&str> {
        self.0.after.as_deref()
    }

    /// The request that made the change (`x-request-id`), to find it in the logs.
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
}

/// The history of one record, newest first. Staff only: the entries name people.
pub async fn of(
    ctx: &Context<'_>,
    node: NodeType,
    id: i32,
    args: PageArgs,
) -> ApiResult<Page<HistoryEntry>> {
    let args = args.validate()?.counting(ctx);
    let access = auth::access(ctx);
    if access.staff().is_none() {
        return Err(match access.principal {
            auth::access::Principal::Anonymous => ApiError::Unauthenticated,
            _ => ApiError::forbidden("The history is open to staff accounts only."),
        });
    }
    let select = audit_entry::Entity::find()
        .filter(audit_entry::Column::RecordType.eq(node.name()))
        .filter(audit_entry::Column::RecordId.eq(id))
        .order_by_desc(audit_entry::Column::Id);
    let (rows, window) = fetch_page(super::db(ctx), select, args).await?;
    Ok(window.connection(rows.into_iter().map(HistoryEntry).collect()))
}

/// Narrows the audit log.
#[derive(Debug, Default, InputObject)]
pub struct AuditFilter {
    /// Only changes to records of this type, e.g. `Contract`.
    record_type: Option<String>,
    /// Only changes to this record.
    record_id: Option<ID>,
    /// Only changes by this account (exact name).
    actor: Option<String>,
    /// Only this operation, e.g. `giveNotice`.
    operation: Option<String>,
    /// Only changes on or after this day (UTC).
    from: Option<Date>,
    /// Only changes on or before this day (UTC).
    until: Option<Date>,
}

/// The audit log root.
#[derive(Debug, Default)]
pub struct AuditRoot;

#[Object]
impl AuditRoot {
    /// Every change, newest first (admins only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<HistoryEntry>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        auth::access(ctx).require(Role::Admin)?;
        let filter = filter.unwrap_or_default();
        let mut select = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id);
        if let Some(kind) = filter.record_type.filter(|s| !s.trim().is_empty()) {
            select = select.filter(audit_entry::Column::RecordType.eq(kind.trim()));
        }
        if let Some(id) = filter.record_id {
            let (node, raw) = ids::decode(&id, "filter.recordId")?;
            select = select
                .filter(audit_entry::Column::RecordType.eq(node.name()))
                .filter(audit_entry::Column::RecordId.eq(raw));
        }
        if let Some(actor) = filter.actor.filter(|s| !s.trim().is_empty()) {
            select = select.filter(audit_entry::Column::ActorName.eq(actor.trim()));
        }
        if let Some(operation) = filter.operation.filter(|s| !s.trim().is_empty()) {
            select = select.filter(audit_entry::Column::Operation.eq(operation.trim()));
        }
        if let Some(from) = filter.from {
            let start = from.0.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
            select = select.filter(audit_entry::Column::At.gte(start));
        }
        if let Some(until) = filter.until {
            let end = until
                .0
                .succ_opt()
                .unwrap_or(until.0)
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc();
            select = select.filter(audit_entry::Column::At.lt(end));
        }
        let (rows, window) = fetch_page(super::db(ctx), select, args).await?;
        Ok(window.connection(rows.into_iter().map(HistoryEntry).collect()))
    }
}
