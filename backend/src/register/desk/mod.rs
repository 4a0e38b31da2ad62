//! The deadline desk: every deadline of a contract as a task with an owner, a day to act and a
//! decision, the reminders that lead up to it and what each staff account was told.
//!
//! # Rules
//!
//! - **Deadlines** are what the domain crate says a contract has next
//!   ([`ContractDates::next_deadlines`](verbund_shared::contract::ContractDates)): a notice
//!   deadline, a renewal decision, an end. Each becomes one task per contract, kind and day;
//!   its day to act is the last working day on or before it (the legal day never moves).
//! - **Re-armed with every change** ([`arm`]): a change that touches a contract works out its
//!   deadlines again as of today, in the change's own transaction, before it commits (see
//!   `write::Tx::commit`). A deadline that is no longer one is superseded with its reminders,
//!   so a stale reminder never goes out; an undecided deadline whose day has passed stays on
//!   the overdue list until someone decides it. When a deadline passes, the scheduler works
//!   the contract's deadlines out again ([`due::rollover`]), so a tacit renewal's new term
//!   gets a series of its own.
//! - **Reminders** fall the contract's reminder days (else the server's, 90, 30, 7 and 0 by
//!   default) before the day to act; those already past when a deadline is armed are left
//!   out, and if none is left, one falls on the day it is armed.
//! - **Sending** ([`due::send_due`]): reminders of a day go out at the server's sending time
//!   (07:00 in Germany by default). Each is claimed once in the database and its inbox
//!   entries are written in the claiming transaction: to the deadline's owner, or to every
//!   active editor and admin while it has none. One sent more than [`LATE_AFTER`] after its
//!   time (every server was down) is marked late.
//! - **Calendar feeds** ([`calendar`]): each staff account may read the open deadlines as
//!   an iCalendar feed at a secret address of its own.
//! - **Mail** ([`deliver`], [`mail`]): with a mail server set, each recipient with a mail
//!   address also gets the reminder by e-mail, at least once, retried with growing pauses.
//! - **Decisions** ([`decide`]): editors assign an owner, decide (renew, give notice — which
//!   records the notice on the contract by the contract's notice rule —, let end,
//!   renegotiate) with a note, and snooze a reminder to a later day. Viewers read everything;
//!   partner tokens with `contracts:read` see the deadlines of their member's contracts, their
//!   days and state, never owners, outcomes or notes.

pub mod arm;
pub mod calendar;
pub mod decide;
pub mod deliver;
pub mod due;
pub mod live;
pub mod mail;
pub mod notice;
mod read;

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, sea_query::ValueType,
};
use verbund_shared::contract::{DeadlineKind, DeadlineState, Outcome, ReminderState};

pub use self::read::{
    Counts, DeadlineFilter, DeadlineQuery, account_names, counts, deadline, deadlines,
    decisions_of, inbox, reminders_of, selection, unread_count,
};
use crate::auth::access::Access;
use crate::entities::{deadline, inbox_entry, reminder};
use crate::error::{ApiError, ApiResult};

/// The rows of the table of `id` (an integer key column) whose `id` is one of `ids`, by id:
/// how the desk reads the rows those it has found refer to. No access rule applies.
async fn by_id<C>(
    db: &impl ConnectionTrait,
    id: C,
    ids: impl IntoIterator<Item = i32>,
) -> ApiResult<HashMap<i32, <C::EntityName as EntityTrait>::Model>>
where
    C: ColumnTrait,
    C::EntityName: EntityTrait<Column = C>,
{
    let rows = <C::EntityName as EntityTrait>::find()
        .filter(id.is_in(ids))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let key = <i32 as ValueType>::try_from(row.get(id))
                .map_err(|e| ApiError::internal("a desk row's id is no whole number", &e))?;
            Ok((key, row))
        })
        .collect()
}

/// How long after its time a reminder may go out before it counts as late.
pub const LATE_AFTER: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

/// What a claim's inner select ends with, so that servers claiming at once each take other
/// rows: `FOR UPDATE SKIP LOCKED` on PostgreSQL; nothing on SQLite (one writer at a time).
fn skip_locked(backend: sea_orm::DbBackend) -> &'static str {
    match backend {
        sea_orm::DbBackend::Postgres => " FOR UPDATE SKIP LOCKED",
        _ => "",
    }
}

/// A deadline as the caller may see it: owners, outcomes and notes only for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub id: i32,
    pub contract_id: i32,
    pub kind: DeadlineKind,
    /// The legal deadline, which never moves.
    pub day: NaiveDate,
    /// The last working day on or before it.
    pub day_to_act: NaiveDate,
    pub state: DeadlineState,
    pub owner_id: Option<i32>,
    pub outcome: Option<Outcome>,
    pub note: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<i32>,
    pub version: i32,
}

impl Deadline {
    /// The row as `access` may see it.
    pub(crate) fn seen_by(row: deadline::Model, access: &Access) -> ApiResult<Self> {
        let staff = access.staff().is_some();
        let corrupt =
            |what: &str| ApiError::internal("deadline row", &format!("{}: {what}", row.id));
        let kind = DeadlineKind::from_str(&row.kind).map_err(|_| corrupt("kind"))?;
        let state = DeadlineState::from_str(&row.state).map_err(|_| corrupt("state"))?;
        let outcome = row
            .outcome
            .as_deref()
            .map(Outcome::from_str)
            .transpose()
            .map_err(|_| corrupt("outcome"))?;
        Ok(Self {
            id: row.id,
            contract_id: row.contract_id,
            kind,
            day: row.day,
            day_to_act: row.day_to_act,
            state,
            owner_id: row.owner_id.filter(|_| staff),
            outcome: outcome.filter(|_| staff),
            note: row.note.filter(|_| staff),
            decided_at: row.decided_at.filter(|_| staff),
            decided_by: row.decided_by.filter(|_| staff),
            version: row.version,
        })
    }

    /// Whether it is undecided and its day has passed on `today`.
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        self.state == DeadlineState::Open && self.day < today
    }
}

/// One reminder of a deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub id: i32,
    pub deadline_id: i32,
    pub contract_id: i32,
    pub due_on: NaiveDate,
    pub state: ReminderState,
    /// Asked for by snoozing an earlier reminder.
    pub snoozed: bool,
    pub sent_at: Option<DateTime<Utc>>,
    pub late: bool,
}

impl TryFrom<reminder::Model> for Reminder {
    type Error = ApiError;

    fn try_from(row: reminder::Model) -> ApiResult<Self> {
        let state = ReminderState::from_str(&row.state)
            .map_err(|err| ApiError::internal("reminder row", &err))?;
        Ok(Self {
            id: row.id,
            deadline_id: row.deadline_id,
            contract_id: row.contract_id,
            due_on: row.due_on,
            state,
            snoozed: row.snoozed,
            sent_at: row.sent_at,
            late: row.late,
        })
    }
}

/// One entry of a staff account's inbox: a reminder it was sent, with its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxEntry {
    pub id: i32,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub reminder: Reminder,
    pub deadline: Deadline,
}

impl InboxEntry {
    fn new(row: inbox_entry::Model, reminder: Reminder, deadline: Deadline) -> Self {
        Self {
            id: row.id,
            created_at: row.created_at,
            read_at: row.read_at,
            reminder,
            deadline,
        }
    }
}
