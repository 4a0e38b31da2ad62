//! The desk as it changes, for `deadlinesChanged`: what happened to which contract's
//! deadlines, and for staff their unread inbox count.
//!
//! Two sources. The committed audit entries (the same the change feed reads, see
//! `register::live`): a change to a contract (its deadlines are worked out again in the same
//! transaction: armed, moved, superseded), a deadline assigned, decided or snoozed. And what
//! writes no audit entry, told on `super::notice::CHANNEL`: the scheduler's claim (reminders
//! landed in inboxes, [`DeskNotice::Inbox`] naming the recipients) and its re-arming of
//! contracts whose deadline passed ([`DeskNotice::Rearmed`]), and inbox entries marked read.
//! On PostgreSQL by `NOTIFY` within the writing transaction (every server hears it at the
//! commit); on SQLite through this process (`super::notice::committed`), after the commit.

use std::collections::VecDeque;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use sea_orm::DatabaseConnection;
use tokio::sync::broadcast;

use super::notice::DeskNotice;
use crate::auth::access::{Access, Area, MemberData};
use crate::auth::visible::Visible;
use crate::entities::audit_entry::Model as AuditEntry;
use crate::entities::deadline;
use crate::error::{ApiError, ApiResult};
use crate::register::live::{self, Live};
use crate::register::{feed, units};

/// What happened on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happened {
    /// The contract was changed (or made, or deleted), or the scheduler looked at it again
    /// after a deadline passed: its deadlines were worked out again (armed, moved, superseded).
    Rearmed,
    Assigned,
    Decided,
    Snoozed,
    /// The caller's inbox changed (a reminder landed, entries were marked read); staff only.
    Inbox,
}

/// One event as a subscriber hears it.
#[derive(Debug, Clone)]
pub struct DeskEvent {
    pub happened: Happened,
    pub contract_id: Option<i32>,
    pub deadline_id: Option<i32>,
    pub at: DateTime<Utc>,
    /// The caller's unread inbox entries (staff only).
    pub unread: Option<u64>,
}

/// One subscriber of the desk.
struct Watcher {
    db: DatabaseConnection,
    access: Access,
    /// The member whose contracts alone it hears, with them as last read.
    member: Option<MemberData>,
    entries: broadcast::Receiver<Arc<AuditEntry>>,
    notices: broadcast::Receiver<Arc<DeskNotice>>,
    unread: Option<u64>,
    ready: VecDeque<DeskEvent>,
}

/// What the desk's changes `access` may hear (it needs `contracts:read`), only those of the
/// contracts of `member` when given (a member-limited token: only its own member's).
pub async fn follow(
    db: &DatabaseConnection,
    live: &Live,
    access: &Access,
    member: Option<i32>,
) -> ApiResult<BoxStream<'static, ApiResult<DeskEvent>>> {
    access.signed_in()?;
    access.read(Area::Contracts)?;
    let own = access.member_data().map(|data| data.member_id);
    if let (Some(own), Some(asked)) = (own, member)
        && own != asked
    {
        return Err(ApiError::forbidden(
            "This token sees its own member's data only.",
        ));
    }
    // Listening first: whatever commits while the rest is read is heard too.
    let entries = live.entries();
    let notices = live.desk_notices();
    let member = match member.or(own) {
        Some(id) => Some(units::member_data(db, id).await?),
        None => None,
    };
    let unread = match access.staff() {
        Some(_) => Some(super::unread_count(db, access).await?),
        None => None,
    };
    let watcher = Watcher {
        db: db.clone(),
        access: access.clone(),
        member,
        entries,
        notices,
        unread,
        ready: VecDeque::new(),
    };
    Ok(futures_util::stream::unfold(Some(watcher), next).boxed())
}

/// The watcher's next event, or the error that ends it.
async fn next(state: Option<Watcher>) -> Option<(ApiResult<DeskEvent>, Option<Watcher>)> {
    let mut watcher = state?;
    loop {
        if let Some(event) = watcher.ready.pop_front() {
            return Some((Ok(event), Some(watcher)));
        }
        let step = tokio::select! {
            entry = watcher.entries.recv() => match entry {
                Ok(entry) => watcher.heard_entry(&entry).await,
                // Fell behind: what was missed is not read again; the caller's count is.
                Err(broadcast::error::RecvError::Lagged(_)) => watcher.inbox(None).await,
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            notice = watcher.notices.recv() => match notice {
                Ok(notice) => watcher.heard_notice(&notice).await,
                Err(broadcast::error::RecvError::Lagged(_)) => watcher.inbox(None).await,
                Err(broadcast::error::RecvError::Closed) => return None,
            },
        };
        if let Err(err) = step {
            return Some((Err(err), None));
        }
    }
}

/// What an audit entry tells of the desk: what happened and to which deadline, if anything.
fn happened(entry: &AuditEntry) -> Option<(Happened, Option<i32>)> {
    match (entry.record_type.as_str(), entry.operation.as_str()) {
        ("Contract" | "ContractDesk", _) => Some((Happened::Rearmed, None)),
        ("Deadline", "assignDeadline") => Some((Happened::Assigned, Some(entry.record_id))),
        ("Deadline", "decideDeadline") => Some((Happened::Decided, Some(entry.record_id))),
        ("Deadline", "snoozeReminder") => Some((Happened::Snoozed, Some(entry.record_id))),
        _ => None,
    }
}

impl Watcher {
    /// Whether the watcher hears of contract `id`.
    fn hears(&self, id: i32) -> bool {
        self.member
            .as_ref()
            .is_none_or(|data| data.contracts.contains(&id))
    }

    fn push(
        &mut self,
        happened: Happened,
        contract: i32,
        deadline: Option<i32>,
        at: DateTime<Utc>,
    ) {
        self.ready.push_back(DeskEvent {
            happened,
            contract_id: Some(contract),
            deadline_id: deadline,
            at,
            unread: self.unread,
        });
    }

    async fn heard_entry(&mut self, entry: &AuditEntry) -> ApiResult<()> {
        let Some((happened, deadline)) = happened(entry) else {
            return Ok(());
        };
        // A deadline's entry names its contract in its snapshot, in the column its visibility
        // rule reads.
        let contract = match deadline {
            Some(_) => feed::owner_of(entry, <deadline::Model as Visible>::OWNER_COLUMN),
            None => Some(entry.record_id),
        };
        let Some(contract) = contract else {
            return Ok(());
        };
        // Judged on the member's contracts as they were (a party removed is still heard of)
        // and as they are after the change (a contract just made is).
        let mut heard = self.hears(contract);
        if let Some(data) = &self.member
            && live::moves_records(entry)
        {
            let id = data.member_id;
            self.member = Some(units::member_data(&self.db, id).await?);
            heard |= self.hears(contract);
        }
        if heard {
            self.push(happened, contract, deadline, entry.at);
        }
        Ok(())
    }

    async fn heard_notice(&mut self, notice: &DeskNotice) -> ApiResult<()> {
        match notice {
            DeskNotice::Inbox(users) => self.inbox(users.as_deref()).await,
            DeskNotice::Rearmed(contracts) => {
                let now = self.access.timing.clock.now();
                for &id in contracts {
                    if self.hears(id) {
                        self.push(Happened::Rearmed, id, None, now);
                    }
                }
                Ok(())
            }
        }
    }

    /// Reads the caller's unread count again when its inbox may have changed (`users`: the
    /// accounts whose did; every one when `None`); an event when it did change.
    async fn inbox(&mut self, users: Option<&[i32]>) -> ApiResult<()> {
        let Some(staff) = self.access.staff() else {
            return Ok(());
        };
        if users.is_some_and(|users| !users.contains(&staff.user_id)) {
            return Ok(());
        }
        let unread = super::unread_count(&self.db, &self.access).await?;
        if self.unread != Some(unread) {
            self.unread = Some(unread);
            self.ready.push_back(DeskEvent {
                happened: Happened::Inbox,
                contract_id: None,
                deadline_id: None,
                at: self.access.timing.clock.now(),
                unread: Some(unread),
            });
        }
        Ok(())
    }
}
