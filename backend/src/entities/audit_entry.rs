//! One change to the register: who, when, what, before and after. Never updated or deleted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    /// `USER` or `SYSTEM` (the command line).
    pub actor_kind: String,
    pub actor_id: Option<i32>,
    pub actor_name: String,
    /// E.g. `updateContract`.
    pub operation: String,
    /// The node type, e.g. `Contract`.
    pub record_type: String,
    pub record_id: i32,
    /// The record as JSON before the change; null for a creation.
    #[sea_orm(column_type = "Text", nullable)]
    pub before: Option<String>,
    /// The record as JSON after the change; null for a deletion.
    #[sea_orm(column_type = "Text", nullable)]
    pub after: Option<String>,
    pub request_id: Option<String>,
    /// The entry's place in the change feed: entries are numbered in the order their changes
    /// were committed (see `register::feed`).
    pub position: Option<i64>,
    /// The organisations whose member-limited view the change took the record out of, as
    /// `,1,2,` (see `register::leaving`); null for none.
    #[sea_orm(column_type = "Text", nullable)]
    pub left_view_of: Option<String>,
    /// What the record belongs to in a member's view: the id of the organisation or contract
    /// its visibility rule names, after the change (before it for a deletion); null for the
    /// records every member sees and those not in the change feed (see `register::feed`).
    pub owner_id: Option<i32>,
}

super::rows::decode_model!(Model {
    id,
    at,
    actor_kind,
    actor_id,
    actor_name,
    operation,
    record_type,
    record_id,
    before,
    after,
    request_id,
    position,
    left_view_of,
    owner_id,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
