//! Token revocations told to every server at once. Each server keeps a partner token it has
//! looked up for a few seconds ([`TokenCache`]); on PostgreSQL a revocation notifies the
//! channel [`CHANNEL`] inside its transaction (so only a committed revocation is told, and
//! only once it is visible), and every server listens on a connection of its own and drops
//! the token from its cache when told. While a server is not listening (starting, or after
//! its connection was lost) it may have missed a revocation, so it empties its cache each time
//! it starts listening again. On SQLite there is one server per database file: a revocation
//! through it counts at once, one from the command line within the cache's time.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgPool, PgPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::tokens::TokenCache;
use crate::error::ApiResult;

/// The channel revocations are told on; the payload is the token's id.
pub const CHANNEL: &str = "verbund_token_revoked";

/// Tells every server that token `id` is revoked, within the revoking transaction `db`
/// (PostgreSQL delivers it at the commit); nothing on SQLite.
pub async fn announce(db: &impl ConnectionTrait, id: i32) -> ApiResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), id.to_string().into()],
        ))
        .await?;
    }
    Ok(())
}

/// Keeps `cache` told of every revocation on the PostgreSQL database of `db`, until that
/// pool is closed; nothing on SQLite or outside a runtime.
pub fn follow(db: &DatabaseConnection, cache: Arc<TokenCache>) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(listen(db.get_postgres_connection_pool().clone(), cache));
    }
}

/// Listens on a connection apart from the server's pool (so it takes none of the requests'
/// connections), reconnecting after a failure, until `pool` is closed.
async fn listen(pool: PgPool, cache: Arc<TokenCache>) {
    let own = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .connect_lazy_with((*pool.connect_options()).clone());
    loop {
        let connect = async {
            let mut listener = PgListener::connect_with(&own).await?;
            listener.listen(CHANNEL).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        };
        let connected = tokio::select! {
            () = pool.close_event() => break,
            connected = connect => connected,
        };
        match connected {
            Ok(listener) => {
                // Whatever was cached while nobody listened may have been revoked since.
                cache.forget_all();
                if told(&pool, listener, &cache).await {
                    break;
                }
            }
            Err(err) => tracing::warn!(error = %err, "cannot listen for token revocations"),
        }
        tokio::select! {
            () = pool.close_event() => break,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
    own.close().await;
}

/// Drops each revoked token from `cache` as it is told, until the listener fails (`false`)
/// or `pool` is closed (`true`).
async fn told(pool: &PgPool, mut listener: PgListener, cache: &TokenCache) -> bool {
    loop {
        let next = tokio::select! {
            () = pool.close_event() => return true,
            next = listener.try_recv() => next,
        };
        match next {
            Ok(Some(told)) => match told.payload().parse::<i32>() {
                Ok(id) => cache.forget(id),
                Err(_) => cache.forget_all(),
            },
            // The connection was lost and is back: what was told meanwhile is unknown.
            Ok(None) => cache.forget_all(),
            Err(err) => {
                tracing::warn!(error = %err, "lost the token revocations");
                cache.forget_all();
                return false;
            }
        }
    }
}
