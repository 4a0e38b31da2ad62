//! The audit history as the API shows it: each record's `history` and the admins' `auditLog`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::ids::{self, NodeType};
use super::pagination::{Page, PageArgs, page_of, paged_object};
use super::scalars::Date;
use crate::error::ApiResult;
use crate::register::audit::{self, AuditEntry};

/// A field one change set.
#[derive(Debug, Clone, SimpleObject)]
pub struct FieldChange {
    /// The field, as the API names it.
    field: String,
    /// Its value before, as JSON; null when the record did not exist.
    before: Option<String>,
    /// Its value after, as JSON; null when the record no longer exists.
    after: Option<String>,
}

/// One change: who, when, what, and the record before and after.
#[derive(Debug, Clone)]
pub struct HistoryEntry(pub AuditEntry);

#[Object]
/// One change: who, when, what, and the record before and after.
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
        self.0
            .record_type
            .parse::<NodeType>()
            .ok()
            .map(|node| ids::encode(node, self.0.record_id))
    }

    /// The record before the change, as JSON; null for a creation.
    async fn before(&self) -> Option<&str> {
        self.0.before.as_deref()
    }

    /// The record after the change, as JSON; null for a deletion.
    async fn after(&self) -> Option<&str> {
        self.0.after.as_deref()
    }

    /// The fields the change set, named as the API names them, with their values before and
    /// after as JSON (every field for a creation or a deletion).
    #[graphql(
        complexity = "super::lists::list_cost(crate::register::bounds::FIELD_CHANGES, child_complexity)"
    )]
    async fn changes(&self) -> Vec<FieldChange> {
        audit::changes(&self.0)
            .into_iter()
            .map(|change| FieldChange {
                field: change.field,
                before: change.before,
                after: change.after,
            })
            .collect()
    }

    /// The request that made the change (`x-request-id`), to find it in the logs.
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
}

/// The history of one record, newest first (staff only).
pub async fn of(
    ctx: &Context<'_>,
    kind: NodeType,
    id: i32,
    args: PageArgs,
) -> ApiResult<Page<HistoryEntry>> {
    let page = args.counted(ctx)?;
    let found = audit::history(super::db(ctx), super::access(ctx), kind, id, page).await?;
    Ok(page_of(found, HistoryEntry))
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

paged_object! {
    #[Object]
    impl AuditRoot {
        /// Every change, newest first (admins only).
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before) as args
        async fn audit_log(
            &self,
            ctx: &Context<'_>,
            filter: Option<AuditFilter>
        ) -> ApiResult<Page<HistoryEntry>> {
            let page = args.counted(ctx)?;
            let filter = filter.unwrap_or_default();
            let record = filter
                .record_id
                .map(|id| ids::decode(&id, "filter.recordId"))
                .transpose()?;
            let filter = audit::LogFilter {
                record_type: super::filters::term("filter.recordType", filter.record_type)?,
                record,
                actor: super::filters::term("filter.actor", filter.actor)?,
                operation: super::filters::term("filter.operation", filter.operation)?,
                from: filter.from.map(|d| d.0),
                until: filter.until.map(|d| d.0),
            };
            let found = audit::log(super::db(ctx), super::access(ctx), filter, page).await?;
            Ok(page_of(found, HistoryEntry))
        }
    }
}
