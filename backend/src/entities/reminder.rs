//! One day on which people are reminded of a deadline.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub deadline_id: i32,
    pub contract_id: i32,
    pub due_on: Date,
    /// `ARMED`, `SENT` or `SUPERSEDED`.
    pub state: String,
    /// Asked for by someone who snoozed an earlier reminder, not one of the series.
    pub snoozed: bool,
    pub sent_at: Option<DateTimeUtc>,
    /// Sent later than its time (every server was down then).
    pub late: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
