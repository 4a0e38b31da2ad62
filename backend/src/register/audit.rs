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

    /// The staff account behind the change, if a person made it.
    pub fn id(&self) -> Option<i32> {
        self.id
    }

    /// The kind of actor the audit log records (`USER`, `SYSTEM`).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The name the audit log records.
    pub fn name(&self) -> &str {
        &self.name
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
fn snapshot(record: &impl Serialize) -> ApiResult<serde_json::Value> {
    let mut value =
        serde_json::to_value(record).map_err(|err| ApiError::internal("audit snapshot", &err))?;
    if let Some(map) = value.as_object_mut() {
        map.remove("created_at");
        map.remove("updated_at");
    }
    Ok(value)
}

/// Writes the entry for `change` on `db` (the change's own transaction).
pub async fn record<B: Serialize, A: Serialize>(
    db: &impl ConnectionTrait,
    change: Change<'_>,
    before: Option<&B>,
    after: Option<&A>,
) -> ApiResult<()> {
    let position = super::feed::next_position(db).await?;
    let before = before.map(snapshot).transpose()?;
    let after = after.map(snapshot).transpose()?;
    let left_view_of = super::leaving::left_view_of(
        db,
        (change.record_type, change.operation, change.record_id),
        before.as_ref(),
        after.as_ref(),
    )
    .await?;
    let owner_id = super::feed::owner_at(
        (change.record_type, change.record_id),
        before.as_ref(),
        after.as_ref(),
    );
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_kind: Set(change.actor.kind.to_owned()),
        actor_id: Set(change.actor.id),
        actor_name: Set(change.actor.name.clone()),
        operation: Set(change.operation.to_owned()),
        record_type: Set(change.record_type.to_owned()),
        record_id: Set(change.record_id),
        before: Set(before.map(|snapshot| snapshot.to_string())),
        after: Set(after.map(|snapshot| snapshot.to_string())),
        request_id: Set(change.request_id.map(str::to_owned)),
        position: Set(Some(position)),
        left_view_of: Set(left_view_of),
        owner_id: Set(owner_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    super::live::announce(db, position).await
}

/// A field an entry changed: its name as the API names it (the column's, in camelCase, where
/// the API has no field of its own for it), and its value before and after as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The API field a column of a record type answers, from the type's declaration.
fn api_name(kind: RecordType, column: &str) -> Option<&'static str> {
    use crate::entities::record::Record;
    use crate::entities::{
        api_token, contract, coverage, key_figure, membership, organisation, persisted_operation,
        person, service, source, user,
    };
    match kind {
        RecordType::Organisation => organisation::Model::api_of(column),
        RecordType::Membership => membership::Model::api_of(column),
        RecordType::Contract => contract::Model::api_of(column),
        RecordType::Service => service::Model::api_of(column),
        RecordType::Coverage => coverage::Model::api_of(column),
        RecordType::Person => person::Model::api_of(column),
        RecordType::KeyFigure => key_figure::Model::api_of(column),
        RecordType::Source => source::Model::api_of(column),
        RecordType::User => user::Model::api_of(column),
        RecordType::ApiToken => api_token::Model::api_of(column),
        RecordType::PersistedOperation => persisted_operation::Model::api_of(column),
        RecordType::ContractParty => None,
    }
}

/// `snake_case` as `camelCase`.
pub fn camel(column: &str) -> String {
    let mut out = String::with_capacity(column.len());
    let mut upper = false;
    for c in column.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The fields an entry changed (every field of a creation or a deletion), by name, without
/// the version (which every change raises), at most `bounds::FIELD_CHANGES` (more than any
/// record has). A record of a party is named by its own columns.
pub fn changes(entry: &AuditEntry) -> Vec<FieldChange> {
    let parse = |text: &Option<String>| -> serde_json::Map<String, serde_json::Value> {
        text.as_deref()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default()
    };
    let (before, after) = (parse(&entry.before), parse(&entry.after));
    let kind = entry.record_type.parse::<RecordType>().ok();
    let mut columns: Vec<&String> = before.keys().chain(after.keys()).collect();
    columns.sort();
    columns.dedup();
    columns
        .into_iter()
        .filter(|column| *column != "version" && before.get(*column) != after.get(*column))
        .map(|column| FieldChange {
            field: kind
                .and_then(|kind| api_name(kind, column))
                .map_or_else(|| camel(column), str::to_owned),
            before: before.get(column).map(ToString::to_string),
            after: after.get(column).map(ToString::to_string),
        })
        .take(super::bounds::FIELD_CHANGES)
        .collect()
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
        .filter(audit_entry::Column::RecordType.eq(kind.as_str()))
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
    let select = log_selection(access, filter)?.order_by_desc(audit_entry::Column::Id);
    page::fetch(db, select, page).await
}

/// The entries `filter` asks for (admins only), in no order: what a page of the log and an
/// export read from.
pub fn log_selection(
    access: &Access,
    filter: LogFilter,
) -> ApiResult<sea_orm::Select<audit_entry::Entity>> {
    access.require(Role::Admin)?;
    let text = |value: Option<String>| value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let mut select = audit_entry::Entity::find();
    if let Some(kind) = text(filter.record_type) {
        select = select.filter(audit_entry::Column::RecordType.eq(kind));
    }
    if let Some((kind, id)) = filter.record {
        select = select
            .filter(audit_entry::Column::RecordType.eq(kind.as_str()))
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
    Ok(select)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: Utc::now(),
            actor_kind: "USER".into(),
            actor_id: Some(1),
            actor_name: "anna".into(),
            operation: "amendContract".into(),
            record_type: kind.into(),
            record_id: 7,
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
            request_id: None,
            position: Some(1),
            left_view_of: None,
            owner_id: None,
        }
    }

    #[test]
    fn changes_are_named_as_the_api_names_them() {
        let amended = entry(
            "Contract",
            Some(r#"{"id":7,"title":"Alt","file_reference":null,"renewal_months":12,"version":2}"#),
            Some(
                r#"{"id":7,"title":"Neu","file_reference":"10.2","renewal_months":24,"version":3}"#,
            ),
        );
        let named: Vec<(String, Option<String>, Option<String>)> = changes(&amended)
            .into_iter()
            .map(|c| (c.field, c.before, c.after))
            .collect();
        assert_eq!(
            named,
            [
                (
                    "fileReference".into(),
                    Some("null".into()),
                    Some("\"10.2\"".into())
                ),
                ("renewalMonths".into(), Some("12".into()), Some("24".into())),
                (
                    "title".into(),
                    Some("\"Alt\"".into()),
                    Some("\"Neu\"".into())
                ),
            ]
        );
        let created = entry(
            "Source",
            None,
            Some(r#"{"id":3,"title":"Notiz","version":1}"#),
        );
        let fields: Vec<String> = changes(&created).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, ["id", "title"]);
    }
}
