//! Token revocations and ended sessions, told to every server at once. Each server keeps a
//! partner token it has looked up for a few seconds (`super::tokens::TokenCache`); on
//! PostgreSQL a revocation notifies the channel [`CHANNEL`] inside its transaction, and every
//! server drops the token from its cache when told (`super::tokens::heed`, see
//! `super::notices`; all of it after listening was interrupted). An ended session is told on
//! [`SESSIONS_CHANNEL`] the same way. Open subscription sockets watch both
//! (`TokenCache::endings`, [`sessions_ended`]) and check their credential again when told.
//! On SQLite there is one server per database file: a revocation through it counts at once,
//! one from the command line within the cache's time.

use std::sync::LazyLock;

use sea_orm::ConnectionTrait;
use tokio::sync::watch;

use super::notices;
use crate::error::ApiResult;

/// How long a token found in the database is taken as it was, without asking again: a
/// revocation not told to a server counts there within this time.
pub const CACHE_FOR: std::time::Duration = std::time::Duration::from_secs(10);

/// The channel revocations are told on; the payload is the token's id.
pub const CHANNEL: &str = "verbund_token_revoked";

/// The channel ended sessions are told on (no payload: sockets signed in with a session
/// check theirs).
pub const SESSIONS_CHANNEL: &str = "verbund_session_ended";

/// A signal that some credential may have ended: whoever holds one checks it again.
#[derive(Debug)]
pub struct Endings(watch::Sender<u64>);

impl Default for Endings {
    fn default() -> Self {
        Self(watch::channel(0).0)
    }
}

impl Endings {
    /// Tells every watcher.
    pub fn tell(&self) {
        self.0.send_modify(|count| *count = count.wrapping_add(1));
    }

    /// A watcher, told of every ending from now on.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.0.subscribe()
    }
}

/// Sessions ended in this process or told by another server. Session ids are random, so a
/// socket that checks its session when told needs no more than the signal.
pub fn sessions_ended() -> &'static Endings {
    static ENDED: LazyLock<Endings> = LazyLock::new(Endings::default);
    &ENDED
}

/// Tells every server that token `id` is revoked, within the revoking transaction `db`
/// (PostgreSQL delivers it at the commit); nothing on SQLite.
pub async fn announce(db: &impl ConnectionTrait, id: i32) -> ApiResult<()> {
    notices::tell(db, CHANNEL, &id.to_string()).await
}

/// Tells every server that sessions ended, within the ending transaction `db`, and this
/// process at once (on SQLite possibly before the commit: a socket that finds its session
/// still there checks once more shortly after).
pub async fn announce_sessions(db: &impl ConnectionTrait) -> ApiResult<()> {
    notices::tell(db, SESSIONS_CHANNEL, "").await?;
    sessions_ended().tell();
    Ok(())
}
