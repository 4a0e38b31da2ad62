//! What the desk tells that writes no audit entry (see `super::live`): the scheduler's claim
//! (reminders landed in inboxes), its re-arming of contracts whose deadline passed, and inbox
//! entries marked read. Told to every server on [`CHANNEL`] by `NOTIFY` within the writing
//! transaction (PostgreSQL), or through this process after the commit ([`committed`], SQLite).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use tokio::sync::broadcast;

use crate::error::ApiResult;
use crate::register::notices;

/// The channel the desk tells on.
pub const CHANNEL: &str = "verbund_desk_changed";

/// The longest payload told at once; more recipients are told as "everyone".
const MAX_PAYLOAD: usize = 7000;

/// What the desk tells that has no audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskNotice {
    /// The inboxes of these staff accounts changed (every account's when `None`).
    Inbox(Option<Vec<i32>>),
    /// The scheduler worked out the deadlines of these contracts again.
    Rearmed(Vec<i32>),
}

fn ids_text(ids: &[i32]) -> String {
    ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

impl DeskNotice {
    /// The notice as told: `inbox:1,2`, `inbox:*` or `rearmed:3,4`.
    pub fn payload(&self) -> String {
        match self {
            Self::Inbox(Some(users)) => {
                let text = format!("inbox:{}", ids_text(users));
                if text.len() > MAX_PAYLOAD {
                    "inbox:*".to_owned()
                } else {
                    text
                }
            }
            Self::Inbox(None) => "inbox:*".to_owned(),
            Self::Rearmed(contracts) => format!("rearmed:{}", ids_text(contracts)),
        }
    }

    /// The notice of a payload made by [`DeskNotice::payload`].
    pub fn parse(payload: &str) -> Option<Self> {
        let (kind, list) = payload.split_once(':')?;
        let ids = || {
            list.split(',')
                .filter(|id| !id.is_empty())
                .map(str::parse::<i32>)
                .collect::<Result<Vec<_>, _>>()
                .ok()
        };
        match kind {
            "inbox" if list == "*" => Some(Self::Inbox(None)),
            "inbox" => Some(Self::Inbox(Some(ids()?))),
            "rearmed" => Some(Self::Rearmed(ids()?)),
            _ => None,
        }
    }
}

/// Tells every server `notice` within the writing transaction `db` (PostgreSQL; delivered at
/// its commit). Call [`committed`] after the commit for SQLite.
pub async fn tell(db: &impl ConnectionTrait, notice: &DeskNotice) -> ApiResult<()> {
    notices::tell(db, CHANNEL, &notice.payload()).await
}

/// The notices told in this process, with the SQLite database they concern.
fn local() -> &'static broadcast::Sender<(PathBuf, Arc<DeskNotice>)> {
    static LOCAL: LazyLock<broadcast::Sender<(PathBuf, Arc<DeskNotice>)>> =
        LazyLock::new(|| broadcast::channel(1024).0);
    &LOCAL
}

/// After the commit of what [`tell`] told: tells this process's servers on SQLite (on
/// PostgreSQL the `NOTIFY` did).
pub fn committed(db: &DatabaseConnection, notice: DeskNotice) {
    if db.get_database_backend() == DbBackend::Sqlite {
        let file = db.get_sqlite_connection_pool().connect_options();
        let _ = local().send((file.get_filename().to_path_buf(), Arc::new(notice)));
    }
}

/// Hands the notices told in this process about the SQLite database of `db` to `to`, until
/// its pool is closed.
pub(crate) async fn forward_local(db: DatabaseConnection, to: broadcast::Sender<Arc<DeskNotice>>) {
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let mut told = local().subscribe();
    loop {
        tokio::select! {
            () = notices::closed(&db) => return,
            next = told.recv() => match next {
                Ok((of, notice)) if of == file => { let _ = to.send(notice); }
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let _ = to.send(Arc::new(DeskNotice::Inbox(None)));
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
        }
    }
}

/// The distinct accounts of `users`, for an inbox notice.
pub fn recipients(users: impl IntoIterator<Item = i32>) -> Vec<i32> {
    let mut seen = HashSet::new();
    users.into_iter().filter(|id| seen.insert(*id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_read_back() {
        for notice in [
            DeskNotice::Inbox(Some(vec![1, 22])),
            DeskNotice::Inbox(None),
            DeskNotice::Rearmed(vec![3]),
            DeskNotice::Rearmed(Vec::new()),
        ] {
            assert_eq!(DeskNotice::parse(&notice.payload()), Some(notice));
        }
        let many = DeskNotice::Inbox(Some((0..5000).collect()));
        assert_eq!(many.payload(), "inbox:*");
        assert_eq!(DeskNotice::parse("inbox:x"), None);
        assert_eq!(DeskNotice::parse("other:1"), None);
    }
}
