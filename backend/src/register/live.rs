//! Live events: every committed change, handed to the subscribers of each server as it is
//! committed. The audit entries are the source, written in the change's own transaction, so
//! a rolled-back change sends nothing.
//!
//! Each server reads each new entry once from the database ([`Live`]'s reader, after the
//! largest position it has read) and hands it to its subscribers through one broadcast; each
//! subscriber filters it by the feed's one rule of who sees which change (`feed::View`). The
//! reader is woken on PostgreSQL by `NOTIFY` on [`CHANNEL`], sent by the writing transaction
//! (delivered at its commit, to every server on the database, see `super::notices`); on
//! SQLite by the commit in this process ([`committed`]), and every two seconds for changes
//! made by another process (the command line).
//!
//! A subscriber limited to one member's records reads them again after a change that may have
//! moved records into or out of its view (a contract made, a party added or removed, an
//! organisation made or changed), so a contract made for its member is heard at once, and
//! otherwise every ten seconds. A change after which the record is no longer in its view (a
//! party removed) is heard as the record leaving it ([`Event::left_view`]), as the change
//! recorded it (`super::leaving`): the same whether heard live or read again from the feed.
//!
//! A subscriber that gives a cursor ([`follow`] with `after`) first reads what it missed from
//! the feed, then goes live: it listens before it reads, and skips whatever it has seen by
//! position, so nothing is missed and nothing comes twice. One that falls behind the
//! broadcast reads again from the feed where it was.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    SqlxPostgresConnector, SqlxSqliteConnector,
};
use tokio::sync::{Notify, broadcast, watch};

use super::desk::notice::{self as desk_notice, DeskNotice};
pub use super::feed::Event;
use super::feed::{self, View};
use super::notices::{self, Heed};
use crate::auth::access::Access;
use crate::entities::audit_entry::{self, Model as AuditEntry};
use crate::entities::record::RecordType;
use crate::error::ApiResult;

/// The channel new audit entries are told on; the payload is the entry's position.
pub const CHANNEL: &str = "verbund_register_changed";

/// How many entries a subscriber may fall behind before it reads again from the feed.
const BUFFER: usize = 1024;
/// The most entries the reader takes from the database at once.
const BATCH: u64 = 500;
/// How often the reader looks for changes made by another process on SQLite.
const SQLITE_POLL: Duration = Duration::from_secs(2);
/// How many changes a subscriber reads from the feed at once while it catches up.
const REPLAY_PAGE: u64 = 100;
/// How long a subscriber takes its member's records as they were before it reads them again
/// (as long as a token is cached, see `revocations::CACHE_FOR`).
const MEMBER_FOR: Duration = super::revocations::CACHE_FOR;

/// Tells every server of the entry at `position`, within its transaction (PostgreSQL).
pub async fn announce(db: &impl sea_orm::ConnectionTrait, position: i64) -> ApiResult<()> {
    notices::tell(db, CHANNEL, &position.to_string()).await
}

/// Commits in this process, for the readers on SQLite.
fn commits() -> &'static watch::Sender<u64> {
    static COMMITS: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);
    &COMMITS
}

/// Called after a change committed: wakes the readers of this process (SQLite).
pub fn committed() {
    commits().send_modify(|count| *count = count.wrapping_add(1));
}

/// A server's reader of new audit entries and the broadcast to its subscribers.
#[derive(Debug)]
pub struct Live {
    events: broadcast::Sender<Arc<AuditEntry>>,
    wake: Notify,
    /// The largest position read (-1 until the reader has started).
    head: AtomicI64,
    /// What the desk's scheduler and inboxes tell (see `desk::notice`).
    desk: broadcast::Sender<Arc<DeskNotice>>,
}

impl Live {
    /// Starts reading the new entries of `db` (in a task of the current runtime; none
    /// outside one), until its pool is closed.
    pub fn start(db: &DatabaseConnection) -> Arc<Self> {
        let live = Arc::new(Self {
            events: broadcast::channel(BUFFER).0,
            wake: Notify::new(),
            head: AtomicI64::new(-1),
            desk: broadcast::channel(BUFFER).0,
        });
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(read(db.clone(), Arc::clone(&live)));
            if db.get_database_backend() == DbBackend::Sqlite {
                let sender = live.desk.clone();
                runtime.spawn(desk_notice::forward_local(db.clone(), sender));
            }
        }
        live
    }

    /// Every new audit entry this server reads from now on.
    pub(crate) fn entries(&self) -> broadcast::Receiver<Arc<AuditEntry>> {
        self.events.subscribe()
    }

    /// Everything the desk tells from now on.
    pub(crate) fn desk_notices(&self) -> broadcast::Receiver<Arc<DeskNotice>> {
        self.desk.subscribe()
    }

    /// How many subscriptions this server holds.
    pub fn subscribers(&self) -> usize {
        self.events.receiver_count()
    }
}

impl Heed for Live {
    fn channels(&self) -> &'static [&'static str] {
        &[CHANNEL, desk_notice::CHANNEL]
    }

    fn told(&self, channel: &str, payload: &str) {
        if channel == desk_notice::CHANNEL {
            if let Some(notice) = DeskNotice::parse(payload) {
                let _ = self.desk.send(Arc::new(notice));
            }
            return;
        }
        // Entries of one transaction are told one by one; read once for all of them.
        let read = self.head.load(Ordering::Acquire);
        if payload
            .parse::<i64>()
            .map_or(true, |position| position > read)
        {
            self.wake.notify_one();
        }
    }

    fn resumed(&self) {
        self.wake.notify_one();
        // What the desk told meanwhile is unknown: every inbox is read again.
        let _ = self.desk.send(Arc::new(DeskNotice::Inbox(None)));
    }
}

/// A connection on the same pool as `db` that is not counted as the server's requests'
/// statements are.
fn own_connection(db: &DatabaseConnection) -> Option<DatabaseConnection> {
    match db.get_database_backend() {
        DbBackend::Postgres => Some(SqlxPostgresConnector::from_sqlx_postgres_pool(
            db.get_postgres_connection_pool().clone(),
        )),
        DbBackend::Sqlite => Some(SqlxSqliteConnector::from_sqlx_sqlite_pool(
            db.get_sqlite_connection_pool().clone(),
        )),
        _ => None,
    }
}

/// The reader: waits to be woken, then hands on every entry after the last one read.
async fn read(db: DatabaseConnection, live: Arc<Live>) {
    let Some(db) = own_connection(&db) else {
        return;
    };
    let sqlite = db.get_database_backend() == DbBackend::Sqlite;
    let mut commits = commits().subscribe();
    let mut head = None;
    loop {
        if head.is_none() {
            head = match last_position(&db).await {
                Ok(last) => {
                    live.head.store(last, Ordering::Release);
                    Some(last)
                }
                Err(_) => None,
            };
        }
        let mut failed = head.is_none();
        if let Some(after) = head.as_mut()
            && hand_on(&db, &live, after).await.is_err()
        {
            tracing::warn!("cannot read the new audit entries; trying again in a second");
            failed = true;
        }
        let poll = if failed {
            Duration::from_secs(1)
        } else if sqlite {
            SQLITE_POLL
        } else {
            Duration::from_secs(3600)
        };
        tokio::select! {
            () = notices::closed(&db) => break,
            () = live.wake.notified() => {}
            changed = commits.changed(), if sqlite => {
                if changed.is_err() {
                    break;
                }
            }
            () = tokio::time::sleep(poll) => {}
        }
    }
}

/// The largest position written so far.
async fn last_position(db: &DatabaseConnection) -> ApiResult<i64> {
    Ok(feed::next_position(db).await? - 1)
}

/// Hands on every entry after `after`, and moves `after` to the last one.
async fn hand_on(db: &DatabaseConnection, live: &Live, after: &mut i64) -> ApiResult<()> {
    loop {
        let rows = audit_entry::Entity::find()
            .filter(audit_entry::Column::Position.gt(*after))
            .order_by_asc(audit_entry::Column::Position)
            .limit(BATCH)
            .all(db)
            .await?;
        let full = rows.len() as u64 == BATCH;
        for row in rows {
            *after = row.position.unwrap_or(*after);
            live.head.store(*after, Ordering::Release);
            // No subscriber is no error.
            let _ = live.events.send(Arc::new(row));
        }
        if !full {
            return Ok(());
        }
    }
}

/// One subscriber's place in the feed.
struct Follower {
    db: DatabaseConnection,
    view: View,
    events: broadcast::Receiver<Arc<AuditEntry>>,
    /// The last position seen (delivered or passed over).
    seen: i64,
    /// Still reading from the feed.
    catching_up: bool,
    ready: VecDeque<Event>,
    member_read: Instant,
}

/// Every change `access` may see of the record types `types` (all it may read when empty),
/// of one member's records when `member` is given, as it is committed. With `after` (a
/// position), first every such change after it, then on without a gap or a repeat.
pub async fn follow(
    db: &DatabaseConnection,
    live: &Live,
    access: &Access,
    types: &[RecordType],
    member: Option<i32>,
    after: Option<i64>,
) -> ApiResult<BoxStream<'static, ApiResult<Event>>> {
    let mut view = View::new(access, types)?;
    // The member's records as they are now (a token's were read when it was looked up).
    if let Some(id) = member.or_else(|| view.member_id()) {
        view = view.of_member(super::units::member_data(db, id).await?)?;
    }
    // Listening first: whatever commits while the feed is read is heard too.
    let events = live.events.subscribe();
    let follower = Follower {
        db: db.clone(),
        view,
        events,
        seen: after.unwrap_or_else(|| live.head.load(Ordering::Acquire)),
        catching_up: after.is_some(),
        ready: VecDeque::new(),
        member_read: Instant::now(),
    };
    Ok(futures_util::stream::unfold(Some(follower), next).boxed())
}

/// The follower's next change, or the error that ends it.
async fn next(state: Option<Follower>) -> Option<(ApiResult<Event>, Option<Follower>)> {
    let mut follower = state?;
    loop {
        if let Some(event) = follower.ready.pop_front() {
            return Some((Ok(event), Some(follower)));
        }
        if follower.catching_up {
            let page = feed::page(
                &follower.db,
                &follower.view,
                Some(follower.seen),
                REPLAY_PAGE,
            )
            .await;
            match page {
                Ok((rows, more)) => {
                    if let Some(position) = rows.last().and_then(|row| row.entry.position) {
                        follower.seen = position;
                    }
                    follower.ready.extend(rows);
                    follower.catching_up = more;
                }
                Err(err) => return Some((Err(err), None)),
            }
            continue;
        }
        match follower.events.recv().await {
            Ok(entry) => {
                let Some(position) = entry.position else {
                    continue;
                };
                if position <= follower.seen {
                    continue;
                }
                follower.seen = position;
                // Judged on the member's records as they are after the change (a contract
                // just made is heard of), and on what the change took out of its view.
                if let Err(err) = follower.refresh_member(moves_records(&entry)).await {
                    return Some((Err(err), None));
                }
                if let Some(left_view) = follower.view.judge(&entry) {
                    let event = Event {
                        entry: Arc::unwrap_or_clone(entry),
                        left_view,
                    };
                    return Some((Ok(event), Some(follower)));
                }
            }
            // Fell behind: read what was missed from the feed, where it was.
            Err(broadcast::error::RecvError::Lagged(_)) => follower.catching_up = true,
            Err(broadcast::error::RecvError::Closed) => return None,
        }
    }
}

/// Whether a change may move records into or out of a member's view: a contract made or
/// one of its parties added or removed (the member's contracts), an organisation made or
/// changed (the member's units).
pub(crate) fn moves_records(entry: &AuditEntry) -> bool {
    matches!(
        entry.operation.as_str(),
        "createContract" | "addContractParty" | "removeContractParty"
    ) || entry.record_type == RecordType::Organisation.as_str()
}

impl Follower {
    /// Reads the member's records again after a change that may have moved some (`now`), and
    /// otherwise when they were read longer ago than a token is cached.
    async fn refresh_member(&mut self, now: bool) -> ApiResult<()> {
        let Some(id) = self.view.member_id() else {
            return Ok(());
        };
        if !now && self.member_read.elapsed() < MEMBER_FOR {
            return Ok(());
        }
        let data = super::units::member_data(&self.db, id).await?;
        self.view = self.view.clone().of_member(data)?;
        self.member_read = Instant::now();
        Ok(())
    }
}
