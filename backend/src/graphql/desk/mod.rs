//! The deadline desk in the API: deadlines as tasks, their reminders, the inbox of each staff
//! account, and the mutations that assign, decide and snooze. Everything is read and written
//! through `register::desk`, which applies roles, scopes and member limits.

mod calendar;
mod delivery;
mod mutations;
mod roots;

use async_graphql::{ComplexObject, Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use verbund_shared::contract::{
    DeadlineKind as DomainKind, DeadlineState as DomainState, Outcome as DomainOutcome,
    ReminderState as DomainReminderState,
};

pub use self::calendar::PublicUrl;
pub use self::mutations::DeskMutation;
pub use self::roots::DeskRoot;
use super::account::Viewer;
use super::ids::{self, NodeType};
use super::loaders::{self, AccountName, ContractId};
use super::pagination::{decode_opaque, encode_opaque};
use super::records::Contract;
pub use super::records::{Deadline, Reminder};
use super::scalars::Date;
use crate::error::{ApiError, ApiResult};
use crate::register::desk;

/// What falls due on a deadline.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainKind")]
pub enum DeadlineKind {
    /// The last day on which a notice can arrive to end the contract at the earliest.
    Notice,
    /// The last day to decide on expressly renewing the term.
    Decision,
    /// The last day of the contract, or of its current term.
    End,
}

/// Where a deadline stands as a task.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainState")]
pub enum DeadlineState {
    /// Not decided yet (overdue once its day has passed).
    Open,
    /// Decided.
    Decided,
    /// No longer a deadline: a change to the contract moved or removed it.
    Superseded,
}

/// What was decided on a deadline.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainOutcome")]
pub enum DeadlineOutcome {
    /// Renew the contract, or let it renew.
    Renew,
    /// Give notice: the notice is recorded on the contract.
    GiveNotice,
    /// Let the contract end.
    LetEnd,
    /// Negotiate new terms.
    Renegotiate,
}

/// Where a reminder stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainReminderState")]
pub enum ReminderState {
    /// Waiting for its day.
    Armed,
    /// Sent into the inbox of the people concerned.
    Sent,
    /// Not to be sent: its deadline moved, was decided or is gone.
    Superseded,
}

/// The opaque ID prefixes of the desk's objects (they are not nodes).
const DEADLINE: &str = "Deadline";
const REMINDER: &str = "Reminder";
const INBOX_ENTRY: &str = "InboxEntry";

/// The ID of the deadline `id`, as the API answers it.
pub fn deadline_id(id: i32) -> ID {
    ID(encode_opaque(DEADLINE, id))
}

/// Decodes a desk ID made with `prefix`.
fn decode(id: &ID, prefix: &str, field: &str) -> ApiResult<i32> {
    decode_opaque(id.as_str(), prefix).map_err(|_| {
        ApiError::bad_input(
            field,
            format!("`{}` is not the ID of a {prefix}.", id.as_str()),
        )
    })
}

/// A staff account as the desk names it: an owner or the one who decided.
#[derive(SimpleObject, Debug, Clone)]
pub struct DeskAccount {
    /// The account's global ID.
    id: ID,
    /// The account's name.
    name: String,
}

async fn account(ctx: &Context<'_>, id: Option<i32>) -> ApiResult<Option<DeskAccount>> {
    let Some(id) = id else { return Ok(None) };
    let name = loaders::loader(ctx).load_one(AccountName(id)).await?;
    Ok(name.map(|name| DeskAccount {
        id: ids::encode(NodeType::User, id),
        name,
    }))
}

#[Object]
/// A deadline of a contract as a task of the desk. Partner tokens see its days and state;
/// owner, outcome, note and who decided are for staff only (null for tokens).
impl Deadline {
    /// The deadline's ID (for the desk's mutations).
    async fn id(&self) -> ID {
        deadline_id(self.0.id)
    }

    /// What falls due.
    async fn kind(&self) -> DeadlineKind {
        self.0.kind.into()
    }

    /// The legal deadline: the last day, which never moves for a weekend or holiday.
    async fn day(&self) -> Date {
        self.0.day.into()
    }

    /// The day to act: the last working day (in Mecklenburg-Vorpommern) on or before the
    /// deadline.
    async fn day_to_act(&self) -> Date {
        self.0.day_to_act.into()
    }

    /// Where it stands.
    async fn state(&self) -> DeadlineState {
        self.0.state.into()
    }

    /// Whether it is undecided and its day has passed (today in Germany, by the server's
    /// clock).
    async fn overdue(&self, ctx: &Context<'_>) -> bool {
        self.0.overdue_on(super::access(ctx).timing.clock.today())
    }

    /// The contract it belongs to.
    async fn contract(&self, ctx: &Context<'_>) -> ApiResult<Option<Contract>> {
        let row = loaders::maybe(ctx, Some(ContractId(self.0.contract_id))).await?;
        Ok(row.map(Contract::new))
    }

    /// Who is to decide it (staff only).
    async fn owner(&self, ctx: &Context<'_>) -> ApiResult<Option<DeskAccount>> {
        account(ctx, self.0.owner_id).await
    }

    /// What was decided (staff only).
    async fn outcome(&self) -> Option<DeadlineOutcome> {
        self.0.outcome.map(Into::into)
    }

    /// The note given with the decision (staff only).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// When it was decided (staff only).
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }

    /// Who decided it (staff only).
    async fn decided_by(&self, ctx: &Context<'_>) -> ApiResult<Option<DeskAccount>> {
        account(ctx, self.0.decided_by).await
    }

    /// The version; it grows with every change (assign, decide, snooze).
    async fn version(&self) -> i32 {
        self.0.version
    }
}

#[Object]
/// One day on which people are reminded of a deadline.
impl Reminder {
    /// The reminder's ID (for `snoozeReminder`).
    async fn id(&self) -> ID {
        ID(encode_opaque(REMINDER, self.0.id))
    }

    /// The ID of the deadline it reminds of.
    async fn deadline_id(&self) -> ID {
        deadline_id(self.0.deadline_id)
    }

    /// The day it goes out (at the server's sending time, 07:00 in Germany by default).
    async fn due_on(&self) -> Date {
        self.0.due_on.into()
    }

    /// Where it stands.
    async fn state(&self) -> ReminderState {
        self.0.state.into()
    }

    /// Whether someone asked for it by snoozing an earlier reminder.
    async fn snoozed(&self) -> bool {
        self.0.snoozed
    }

    /// When it was sent.
    async fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.0.sent_at
    }

    /// Whether it went out later than its time (every server was down then).
    async fn late(&self) -> bool {
        self.0.late
    }

    /// Its mails, one per recipient with a mail address (when the server mails reminders);
    /// the first 10.
    #[graphql(
        complexity = "crate::graphql::lists::list_cost(crate::register::bounds::DELIVERIES, child_complexity)"
    )]
    async fn deliveries(&self, ctx: &Context<'_>) -> ApiResult<Vec<delivery::Delivery>> {
        Ok(loaders::many(ctx, loaders::DeliveriesOf(self.0.id))
            .await?
            .into_iter()
            .map(delivery::Delivery)
            .collect())
    }
}

/// An entry of a staff account's inbox: a reminder of a deadline.
#[derive(Debug, Clone)]
pub struct InboxEntry(pub desk::InboxEntry);

#[Object]
/// An entry of a staff account's inbox: a reminder of a deadline.
impl InboxEntry {
    /// The entry's ID (for `markRead`).
    async fn id(&self) -> ID {
        ID(encode_opaque(INBOX_ENTRY, self.0.id))
    }

    /// When it arrived.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it was marked read; null while unread.
    async fn read_at(&self) -> Option<DateTime<Utc>> {
        self.0.read_at
    }

    /// The reminder.
    async fn reminder(&self) -> Reminder {
        Reminder(self.0.reminder.clone())
    }

    /// The deadline it reminds of.
    async fn deadline(&self) -> Deadline {
        Deadline(self.0.deadline.clone())
    }
}

/// The most inbox entries one request returns.
const INBOX_MAX: i32 = crate::register::bounds::INBOX as i32;

#[ComplexObject]
impl Viewer {
    /// The caller's inbox, newest first (empty for a partner token).
    #[graphql(
        complexity = "super::lists::list_cost(crate::register::bounds::INBOX, child_complexity)"
    )]
    async fn inbox(
        &self,
        ctx: &Context<'_>,
        #[graphql(default, desc = "Only entries not marked read.")] unread_only: bool,
        #[graphql(default = 20, desc = "At most this many entries, up to 100.")] first: i32,
    ) -> ApiResult<Vec<InboxEntry>> {
        if !(0..=INBOX_MAX).contains(&first) {
            return Err(ApiError::bad_input(
                "first",
                format!("`first` must be between 0 and {INBOX_MAX}."),
            ));
        }
        let rows = desk::inbox(
            super::db(ctx),
            super::access(ctx),
            unread_only,
            u64::try_from(first).unwrap_or_default(),
        )
        .await?;
        Ok(rows.into_iter().map(InboxEntry).collect())
    }

    /// Whether the register holds sample data for a demonstration (records citing the
    /// source "Beispieldaten für die Vorführung", loaded by `--demo`); the app says so on
    /// every page while it does, until `verbund demo clear` removes them.
    async fn sample_data(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        crate::register::sources::samples_present(super::db(ctx)).await
    }

    /// How many entries of the caller's inbox are unread (0 for a partner token).
    async fn unread_count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
        desk::unread_count(super::db(ctx), super::access(ctx)).await
    }

    /// Where the deadline desk mails the caller's reminders (`setEmail`); null: only the
    /// inbox, and for a partner token.
    async fn email(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        crate::register::accounts::own_email(super::db(ctx), super::access(ctx)).await
    }

    /// The caller's personal calendar feed, if it has one (staff only; null for a partner
    /// token).
    async fn calendar_feed(&self, ctx: &Context<'_>) -> ApiResult<Option<calendar::CalendarFeed>> {
        let access = super::access(ctx);
        if access.staff().is_none() {
            return Ok(None);
        }
        let made = desk::calendar::created_at(super::db(ctx), access).await?;
        Ok(made.map(|created_at| calendar::CalendarFeed { created_at }))
    }
}
