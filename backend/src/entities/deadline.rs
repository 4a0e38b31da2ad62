//! A deadline of a contract as a task of the deadline desk: its legal day and the day to act,
//! its state, its owner and the decision taken.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "deadlines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contract_id: i32,
    /// `NOTICE`, `DECISION` or `END` (the domain's deadline kinds).
    pub kind: String,
    /// The legal deadline: the last day, which never moves.
    pub day: Date,
    /// The last working day on or before `day`.
    pub day_to_act: Date,
    /// `OPEN`, `DECIDED` or `SUPERSEDED`.
    pub state: String,
    pub owner_id: Option<i32>,
    /// `RENEW`, `GIVE_NOTICE`, `LET_END` or `RENEGOTIATE` once decided.
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
