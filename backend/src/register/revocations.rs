//! Token revocations and ended sessions, told to every server at once. Each server keeps a
//! partner token it has looked up for a few seconds ([`TokenCache`]); on PostgreSQL a
//! revocation notifies the channel [`CHANNEL`] inside its transaction, and every server drops
//! the token from its cache when told (see `super::notices`; all of it after listening was
//! interrupted). An ended session is told on [`SESSIONS_CHANNEL`] the same way. Open
//! subscription sockets watch both ([`TokenCache::endings`], [`sessions_ended`]) and check
//! their credential again when told. On SQLite there is one server per database file: a
//! revocation through it counts at once, one from the command line within the cache's time.

use std::sync::{Arc, LazyLock};

use sea_orm::ConnectionTrait;
use tokio::sync::watch;

use super::notices::{self, Heed};
use super::tokens::TokenCache;
use crate::error::ApiResult;

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

/// What a server does when told of a revocation or an ended session.
struct Revocations(Arc<TokenCache>);

impl Heed for Revocations {
    fn channels(&self) -> &'static [&'static str] {
        &[CHANNEL, SESSIONS_CHANNEL]
    }

    fn told(&self, channel: &str, payload: &str) {
        if channel == SESSIONS_CHANNEL {
            sessions_ended().tell();
            return;
        }
        match payload.parse::<i32>() {
            Ok(id) => self.0.forget(id),
            Err(_) => self.0.forget_all(),
        }
    }

    fn resumed(&self) {
        // Whatever was cached while nobody listened may have been revoked since.
        self.0.forget_all();
        sessions_ended().tell();
    }
}

/// What keeps `cache` told of every revocation (see `notices::follow`).
pub fn heed(cache: Arc<TokenCache>) -> Arc<dyn Heed> {
    Arc::new(Revocations(cache))
}
