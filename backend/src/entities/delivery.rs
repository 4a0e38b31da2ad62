//! One reminder sent to one staff account over one channel (e-mail), at least once.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reminder_id: i32,
    /// `EMAIL`.
    pub channel: String,
    pub user_id: i32,
    /// The address the account had when the reminder was claimed.
    pub address: String,
    /// `PENDING`, `SENDING`, `SENT` or `FAILED`.
    pub state: String,
    pub attempts: i32,
    /// Why the last attempt failed, as the mail server or the network said it.
    pub last_error: Option<String>,
    /// When it is tried (again); while `SENDING`, until when one server holds it. None once
    /// sent or given up.
    pub next_attempt_at: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
