//! What the servers sharing a PostgreSQL database tell each other, by `NOTIFY` inside a
//! writing transaction (so only what is committed is told, and only once it is visible).
//! Each server listens on one connection of its own, apart from its pool, for every
//! [`Heed`]er it has ([`follow`]): token revocations and ended sessions
//! (`super::tokens::heed`, on the channels of `super::revocations`), new audit entries and
//! the desk's notices (`super::live`). While a server is not
//! listening (starting, or after its connection was lost) it may have missed something, so
//! each listener is told each time listening starts again ([`Heed::resumed`]).

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgPool, PgPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::error::ApiResult;

/// Something a server does when told on one of its channels.
pub trait Heed: Send + Sync + 'static {
    /// The channels it listens on.
    fn channels(&self) -> &'static [&'static str];
    /// `payload` was told on `channel`.
    fn told(&self, channel: &str, payload: &str);
    /// Listening has (re)started: whatever was told meanwhile is unknown.
    fn resumed(&self);
}

/// Tells every server `payload` on `channel`, within the transaction `db` (PostgreSQL
/// delivers it at the commit, and not at all after a rollback); nothing on SQLite.
pub async fn tell(db: &impl ConnectionTrait, channel: &str, payload: &str) -> ApiResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [channel.into(), payload.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Keeps every one of `heeds` told on the PostgreSQL database of `db`, until that pool is
/// closed; nothing on SQLite or outside a runtime.
pub fn follow(db: &DatabaseConnection, heeds: Vec<Arc<dyn Heed>>) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(listen(db.get_postgres_connection_pool().clone(), heeds));
    }
}

/// Listens on a connection apart from the server's pool (so it takes none of the requests'
/// connections), reconnecting after a failure, until `pool` is closed.
async fn listen(pool: PgPool, heeds: Vec<Arc<dyn Heed>>) {
    let own = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .connect_lazy_with((*pool.connect_options()).clone());
    let channels: Vec<&str> = heeds
        .iter()
        .flat_map(|heed| heed.channels().iter().copied())
        .collect();
    loop {
        let connect = async {
            let mut listener = PgListener::connect_with(&own).await?;
            listener.listen_all(channels.iter().copied()).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        };
        let connected = tokio::select! {
            () = pool.close_event() => break,
            connected = connect => connected,
        };
        match connected {
            Ok(listener) => {
                resumed(&heeds);
                if told(&pool, listener, &heeds).await {
                    break;
                }
            }
            Err(err) => tracing::warn!(error = %err, "cannot listen for notices of other servers"),
        }
        tokio::select! {
            () = pool.close_event() => break,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
    own.close().await;
}

fn resumed(heeds: &[Arc<dyn Heed>]) {
    for heed in heeds {
        heed.resumed();
    }
}

/// Passes each notice on to whoever listens on its channel, until the listener fails
/// (`false`) or `pool` is closed (`true`).
async fn told(pool: &PgPool, mut listener: PgListener, heeds: &[Arc<dyn Heed>]) -> bool {
    loop {
        let next = tokio::select! {
            () = pool.close_event() => return true,
            next = listener.try_recv() => next,
        };
        match next {
            Ok(Some(notice)) => {
                for heed in heeds {
                    if heed.channels().contains(&notice.channel()) {
                        heed.told(notice.channel(), notice.payload());
                    }
                }
            }
            // The connection was lost and is back: what was told meanwhile is unknown.
            Ok(None) => resumed(heeds),
            Err(err) => {
                tracing::warn!(error = %err, "lost the notices of other servers");
                resumed(heeds);
                return false;
            }
        }
    }
}

/// Completes when the pool of `db` is closed.
pub async fn closed(db: &DatabaseConnection) {
    match db.get_database_backend() {
        DbBackend::Postgres => db.get_postgres_connection_pool().close_event().await,
        DbBackend::Sqlite => db.get_sqlite_connection_pool().close_event().await,
        _ => std::future::pending().await,
    }
}
