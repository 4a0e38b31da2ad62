//! An express renewal of a contract as recorded: the day the parties decided and the new term.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "express_renewals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contract_id: i32,
    /// The day the parties decided.
    pub renewed_on: Date,
    /// The new term in months (or `until`).
    pub months: Option<i32>,
    /// The last day of the new term (or `months`).
    pub until: Option<Date>,
    pub created_at: DateTimeUtc,
    /// The staff account that recorded it.
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
