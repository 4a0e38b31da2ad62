//! The subscription root: `registerChanged`, the change feed as it happens (see
//! `register::live`), and `deadlinesChanged`, the deadline desk as it changes (see
//! `register::desk::live`), served over WebSocket at `/graphql` (see `http::live`).

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};

use super::feed::{RegisterChange, position_after, record_types};
use super::ids::{self, NodeType};
use crate::error::ApiResult;
use crate::register::desk::live::{self as desk_live, DeskEvent, Happened};
use crate::register::live::{self, Live};

/// The subscription root.
#[derive(Debug, Default)]
pub struct LiveRoot;

#[Subscription]
impl LiveRoot {
    /// One event for each change to the register as it is committed, the same changes as
    /// `changes` shows, to the same callers (scopes per record type; a member-limited token
    /// only its member's records). With `after:` (a cursor of `changes` or of an event) it
    /// first sends every change since, then goes on live, none twice and none skipped.
    async fn register_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes to records of these types, e.g. `[\"Contract\"]`.")]
        types: Option<Vec<String>>,
        #[graphql(desc = "Only changes to the records of this member (an organisation).")]
        member_id: Option<ID>,
        #[graphql(desc = "A cursor: first every change after it, then on live.")] after: Option<
            String,
        >,
    ) -> async_graphql::Result<impl Stream<Item = ApiResult<RegisterChange>> + use<>> {
        let types = record_types(types)?;
        let member = ids::decode_opt(member_id.as_ref(), NodeType::Organisation, "memberId")?;
        let after = position_after(after)?;
        let access = super::access(ctx);
        let names_actor = access.staff().is_some();
        let hub = ctx.data_unchecked::<Arc<Live>>();
        let changes = live::follow(super::db(ctx), hub, access, &types, member, after).await?;
        // (An `ApiError` becomes a GraphQL error with its code, see `graphql::error`.)
        Ok(changes.map(move |change| {
            change.map(|event| RegisterChange::new(event.entry, names_actor, event.left_view))
        }))
    }

    /// An event whenever the deadline desk changes for the caller: a contract's deadlines
    /// worked out again (the contract was made, changed or deleted, or the scheduler looked
    /// at it after a deadline passed: deadlines armed, moved or superseded), a deadline
    /// assigned, decided or snoozed, and for staff their inbox (a reminder landed, entries
    /// marked read) with the unread count. Needs `contracts:read`; a member-limited token
    /// hears only its member's contracts. Refresh what the event names (the contract's
    /// `deadlines`, the desk's lists, `me { unreadCount }`); nothing is replayed on reconnect.
    async fn deadlines_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the deadlines of this member's contracts (an organisation).")]
        member_id: Option<ID>,
    ) -> async_graphql::Result<impl Stream<Item = ApiResult<DeadlineChange>> + use<>> {
        let member = ids::decode_opt(member_id.as_ref(), NodeType::Organisation, "memberId")?;
        let hub = ctx.data_unchecked::<Arc<Live>>();
        let events = desk_live::follow(super::db(ctx), hub, super::access(ctx), member).await?;
        Ok(events.map(|event| event.map(DeadlineChange::from)))
    }
}

/// What happened on the deadline desk.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineChangeKind {
    /// The contract's deadlines were worked out again (armed, moved, superseded): it was
    /// made, changed or deleted, or the scheduler looked at it after a deadline passed.
    Rearmed,
    /// A deadline was assigned to an owner (or to nobody).
    Assigned,
    /// A deadline was decided.
    Decided,
    /// A deadline's next reminder was snoozed.
    Snoozed,
    /// The caller's inbox changed: a reminder landed, or entries were marked read (staff).
    Inbox,
}

impl From<Happened> for DeadlineChangeKind {
    fn from(happened: Happened) -> Self {
        match happened {
            Happened::Rearmed => Self::Rearmed,
            Happened::Assigned => Self::Assigned,
            Happened::Decided => Self::Decided,
            Happened::Snoozed => Self::Snoozed,
            Happened::Inbox => Self::Inbox,
        }
    }
}

/// One change of the deadline desk, as `deadlinesChanged` tells it.
#[derive(SimpleObject, Debug, Clone)]
pub struct DeadlineChange {
    /// What happened.
    pub change: DeadlineChangeKind,
    /// The contract whose deadlines changed (null for `INBOX`).
    pub contract_id: Option<ID>,
    /// The deadline assigned, decided or snoozed (null otherwise).
    pub deadline_id: Option<ID>,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The caller's unread inbox entries after it (staff; null for a partner token).
    pub unread_count: Option<u64>,
}

impl From<DeskEvent> for DeadlineChange {
    fn from(event: DeskEvent) -> Self {
        Self {
            change: event.happened.into(),
            contract_id: event
                .contract_id
                .map(|id| ids::encode(NodeType::Contract, id)),
            deadline_id: event.deadline_id.map(super::desk::deadline_id),
            at: event.at,
            unread_count: event.unread,
        }
    }
}
