//! The audit history: every change to the register, to accounts and to tokens writes one
//! entry in the same transaction as the change itself, so there is never a change without
//! its entry or an entry without its change.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use serde::Serialize;

use crate::auth::access::Staff;
use crate::entities::audit_entry;
use crate::error::{ApiError, ApiResult};

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
