//! A contract's place on the deadline desk: its own reminder days, if it has any, and the day
//! its deadlines are worked out again (the day after its next one passes), and where it stands
//! until then (what contract lists filter on).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contract_desk")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contract_id: i32,
    /// Days before the day to act, comma-separated (e.g. `60,14,0`); the server's when empty.
    pub offsets: Option<String>,
    /// `None` while no deadline lies ahead and the contract stands as it does for good.
    pub rearm_on: Option<Date>,
    /// The day the contract's standing below was worked out; it holds until `rearm_on`
    /// (excluded). `None` until the desk has seen the contract.
    pub standing_on: Option<Date>,
    /// Its status on that day (the domain's code); `None` for a row the domain rejects.
    pub status: Option<String>,
    /// The deadline of its next notice that still matters.
    pub notice_deadline: Option<Date>,
    /// Its last day, else the last day of its current term; `None` once ended.
    pub ends_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
