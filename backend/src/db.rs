//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use sea_orm_migration::MigratorTrait;
use verbund_migrations::Migrator;

/// The longest a single SQL statement may run on PostgreSQL before the server cancels it.
/// Every query the API makes finishes in milliseconds; ten seconds stops a runaway statement
/// well before the request timeout (see `http::REQUEST_TIMEOUT`) and frees its connection.
/// Set per connection as a startup parameter, so every pooled connection carries it (a
/// `SET statement_timeout` would reach only the one connection it ran on). SQLite has no
/// equivalent; its statements are bounded by the request timeout only.
pub const STATEMENT_TIMEOUT: &str = "10s";

/// How long a request waits for a free connection before it is answered "busy" (503). The
/// API's statements take milliseconds, so a pool that stays empty this long is overloaded or
/// stuck, and a quick answer is better than a hanging one.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The size of a connection pool and how long to wait for a connection.
#[derive(Debug, Clone, Copy)]
pub struct Pool {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Pool {
    /// 8 connections for SQLite (one writer at a time anyway), 16 for PostgreSQL.
    pub fn for_url(url: &str) -> Self {
        Self {
            max_connections: if url.starts_with("sqlite") { 8 } else { 16 },
            acquire_timeout: ACQUIRE_TIMEOUT,
        }
    }
}

/// Opens a connection pool. SQLite gets WAL journaling so readers do not wait for a writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, Pool::for_url(url)).await
}

/// [`connect`] with a pool of its own size.
pub async fn connect_with(url: &str, pool: Pool) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool.max_connections)
        .min_connections(1)
        .acquire_timeout(pool.acquire_timeout)
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_postgres_opts(|pg| pg.options([("statement_timeout", STATEMENT_TIMEOUT)]));
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
