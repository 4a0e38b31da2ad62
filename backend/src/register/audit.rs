//! The audit history: every change to the register, to accounts and to tokens writes one
//! entry in the same transaction as the change itself, so there is never a change without
//! its entry or an entry without its change.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use verbund_shared::access::Role;

use super::page::{self, PageRequest, Window};
use crate::auth::access::{Access, Principal, Staff};
use crate::entities::audit_entry;
use crate::entities::record::RecordType;
use crate::error::{ApiError, ApiResult};

/// One entry of the history.
pub use crate::entities::audit_entry::Model as AuditEntry;

/// Who made a change.
#[derive(Debug, Clone)]
pub struct Actor {
    kind: &'static str,
    id: Option<i32>,
    name: String,
}

impl Actor {
    /// A signed-in staff member.
    pub fn staff(staff: &Staff) -> Self {
        Self {
            kind: "USER",
            id: Some(staff.user_id),
            name: staff.name.clone(),
        }
    }

    /// The command line (`verbund user create`, `verbund token create`, the demo accounts).
    pub fn system(name: &str) -> Self {
        Self {
            kind: "SYSTEM",
            id: None,
            name: name.to_owned(),
        }
    }
}

/// One change to write down.
#[derive(Debug)]
pub struct Change<'a> {
    pub actor: &'a Actor,
    pub request_id: Option<&'a str>,
    /// The operation, e.g. `updateContract`.
    pub operation: &'a str,
    /// The node type, e.g. `Contract`.
    pub record_type: &'a str,
    pub record_id: i32,
}

/// A record as the history shows it: its fields as JSON, without the bookkeeping timestamps
/// (the entry has its own time).
fn snapshot(record: &impl Serialize) -> ApiResult<String> {
    let mut value =
        serde_json::to_value(record).map_err(|err| ApiError::internal("audit snapshot", &err))?;
    if let Some(map) = value.as_object_mut() {
        map.remove("created_at");
        map.remove("updated_at");
    }
    Ok(value.to_string())
}

/// Writes the entry for `change` on `db` (the change's own transaction).
pub async fn record<B: Serialize, A: Serialize>(
    db: &impl ConnectionTrait,
    change: Change<'_>,
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<()> {
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_kind: Set(change.actor.kind.to_owned()),
        actor_id: Set(change.actor.id),
        actor_name: Set(change.actor.name.clone()),
        operation: Set(change.operation.to_owned()),
        record_type: Set(change.record_type.to_owned()),
        record_id: Set(change.record_id),
        before: Set(before.map(snapshot).transpose()?),
        after: Set(after.map(snapshot).transpose()?),
        request_id: Set(change.request_id.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The history of one record, newest first. Staff only: the entries name people.
pub async fn history(
    db: &impl ConnectionTrait,
    access: &Access,
    kind: RecordType,
    id: i32,
    page: PageRequest,
) -> ApiResult<(Vec<AuditEntry>, Window)> {
    if access.staff().is_none() {
        return Err(match access.principal {
            Principal::Anonymous => ApiError::Unauthenticated,
            _ => ApiError::forbidden("The history is open to staff accounts only."),
        });
    }
    let select = audit_entry::Entity::find()
        .filter(audit_entry::Column::RecordType.eq(kind.name()))
        .filter(audit_entry::Column::RecordId.eq(id))
        .order_by_desc(audit_entry::Column::Id);
    page::fetch(db, select, page).await
}

/// Which entries of the audit log to show.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Only changes to records of this type (by name, e.g. `Contract`).
    pub record_type: Option<String>,
    /// Only changes to this record.
    pub record: Option<(RecordType, i32)>,
    /// Only changes by this account (exact name).
    pub actor: Option<String>,
    /// Only this operation, e.g. `giveNotice`.
    pub operation: Option<String>,
    /// Only changes on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only changes on or before this day (UTC).
    pub until: Option<NaiveDate>,
}

/// Every change, newest first (admins only).
pub async fn log(
    db: &impl ConnectionTrait,
    access: &Access,
    filter: LogFilter,
    page: PageRequest,
) -> ApiResult<(Vec<AuditEntry>, Window)> {
    access.require(Role::Admin)?;
    let text = |value: Option<String>| value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let mut select = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id);
    if let Some(kind) = text(filter.record_type) {
        select = select.filter(audit_entry::Column::RecordType.eq(kind));
    }
    if let Some((kind, id)) = filter.record {
        select = select
            .filter(audit_entry::Column::RecordType.eq(kind.name()))
            .filter(audit_entry::Column::RecordId.eq(id));
    }
    if let Some(actor) = text(filter.actor) {
        select = select.filter(audit_entry::Column::ActorName.eq(actor));
    }
    if let Some(operation) = text(filter.operation) {
        select = select.filter(audit_entry::Column::Operation.eq(operation));
    }
    let midnight = |day: NaiveDate| day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    if let Some(from) = filter.from {
        select = select.filter(audit_entry::Column::At.gte(midnight(from)));
    }
    if let Some(until) = filter.until {
        let end = midnight(until.succ_opt().unwrap_or(until));
        select = select.filter(audit_entry::Column::At.lt(end));
    }
    page::fetch(db, select, page).await
}
