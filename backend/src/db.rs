//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
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

/// A pooled connection left unused this long is checked with a round trip before it is
/// handed out, so one the database or the network dropped in a quiet spell is replaced
/// instead of failing a request. A connection in steady use is handed out unchecked: a check
/// on every checkout would add a round trip to every statement (a third of the server's
/// work on a page of members with their contracts, measured).
pub const CHECK_IDLE_AFTER: Duration = Duration::from_secs(1);

/// The size of a connection pool and how long to wait for a connection.
#[derive(Debug, Clone, Copy)]
pub struct Pool {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Pool {
    /// 8 connections for SQLite (one writer at a time anyway). For PostgreSQL, two per core
    /// of this machine, at least 4 and at most 16: the usual rule of thumb for a database's
    /// pool, with this machine's cores standing in for the database's. More connections do
    /// not make a busy database faster, only let more statements compete for its cores: on
    /// 2 cores, 4 connections served a page of members with their contracts about 1.5 times
    /// as fast as 16 (benchmark data and load). Set `VERBUND_DB_CONNECTIONS` when the
    /// database runs on a larger machine.
    pub fn for_url(url: &str) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let postgres = u32::try_from(cores.saturating_mul(2)).unwrap_or(u32::MAX);
        Self {
            max_connections: if url.starts_with("sqlite") {
                8
            } else {
                postgres.clamp(4, 16)
            },
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
        .test_before_acquire_if_idle_for(CHECK_IDLE_AFTER)
        .sqlx_logging(false)
        .map_sqlx_postgres_opts(|pg| pg.options([("statement_timeout", STATEMENT_TIMEOUT)]));
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Begins a transaction that writes. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`) and waits for it up to the busy timeout: a transaction begun deferred that reads
/// before it writes cannot write at all once another connection committed in between (SQLite
/// answers "database is locked" at once, whatever the timeout). PostgreSQL begins as usual.
///
/// # Errors
///
/// When the database cannot begin one.
pub async fn begin_write<C>(db: &C) -> Result<DatabaseTransaction, DbErr>
where
    C: TransactionTrait<Transaction = DatabaseTransaction>,
{
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
