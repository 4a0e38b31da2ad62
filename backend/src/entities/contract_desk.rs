//! A contract's place on the deadline desk: its own reminder days, if it has any, and the day
//! its deadlines are worked out again (the day after its next one passes).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contract_desk")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contract_id: i32,
    /// Days before the day to act, comma-separated (e.g. `60,14,0`); the server's when empty.
    pub offsets: Option<String>,
    /// `None` while no deadline lies ahead.
    pub rearm_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
