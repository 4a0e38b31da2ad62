//! A database of one test: a fresh SQLite file or PostgreSQL database, removed afterwards, and
//! the sweep of what killed test processes left behind.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::postgres::{self, admin_connection, redact};

/// What every test database (and SQLite file) is named after, followed by the process id.
pub(crate) const PREFIX: &str = "verbund_test_";

/// The database engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that belongs to one test.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    pub(crate) backend: Backend,
    pub(crate) url: String,
    pub(crate) place: Place,
}

#[derive(Debug, Clone)]
pub(crate) enum Place {
    File(PathBuf),
    Postgres { server_url: String, name: String },
}

impl TestDatabase {
    /// A migrated and seeded database, or `None` when PostgreSQL is skipped.
    pub async fn seeded(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let database = Self::sqlite_file();
                let db = database.connect().await;
                verbund::db::migrate(&db).await.expect("migrating SQLite");
                verbund::seed::run(&db).await.expect("seeding SQLite");
                db.close()
                    .await
                    .expect("closing the SQLite seed connection");
                Some(database)
            }
            Backend::Postgres => {
                let server = postgres::server().await?;
                Some(postgres::create_database(&server.url, Some(&server.template)).await)
            }
        }
    }

    /// A database without any tables, or `None` when PostgreSQL is skipped.
    pub async fn empty(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite_file()),
            Backend::Postgres => {
                let server = postgres::server().await?;
                Some(postgres::create_database(&server.url, None).await)
            }
        }
    }

    fn sqlite_file() -> Self {
        static SWEEP: std::sync::Once = std::sync::Once::new();
        SWEEP.call_once(sweep_sqlite_leftovers);
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        Self {
            backend: Backend::Sqlite,
            url: format!("sqlite://{}?mode=rwc", path.display()),
            place: Place::File(path),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Opens a connection pool the way the server does.
    pub async fn connect(&self) -> DatabaseConnection {
        verbund::db::connect(&self.url)
            .await
            .unwrap_or_else(|err| panic!("connecting to {}: {err}", redact(&self.url)))
    }

    /// Drops the database. A failure only warns: the next test process sweeps leftovers.
    pub async fn remove(self) {
        match self.place {
            Place::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Place::Postgres { server_url, name } => {
                let result = async {
                    let admin = admin_connection(&server_url).await?;
                    admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
                        .await?;
                    admin.close().await
                }
                .await;
                if let Err(err) = result {
                    eprintln!("warning: could not drop test database {name}: {err}");
                }
            }
        }
    }
}

/// A name no other test (in this process or another running one) uses.
pub(crate) fn unique_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{PREFIX}{}_{n}", std::process::id())
}

/// Removes the SQLite files of test processes that no longer run.
fn sweep_sqlite_leftovers() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_str().is_some_and(is_leftover) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is a test database (or file) of a process that no longer runs.
pub(crate) fn is_leftover(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.split('_').next())
        .and_then(|pid| pid.parse::<u32>().ok())
        .is_some_and(process_is_gone)
}

/// Whether no process with this id runs. Only Linux can tell cheaply (`/proc`); elsewhere
/// nothing is swept rather than risk dropping a running process's database.
fn process_is_gone(pid: u32) -> bool {
    pid != std::process::id()
        && cfg!(target_os = "linux")
        && !std::path::Path::new(&format!("/proc/{pid}")).exists()
}
