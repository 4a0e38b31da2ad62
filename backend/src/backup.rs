//! `verbund backup`: a consistent copy of the database while the server runs.
//!
//! - SQLite: `VACUUM INTO` writes a compact copy of one consistent snapshot (readers and the
//!   writer carry on); the copy is then opened and must pass `PRAGMA integrity_check`.
//! - PostgreSQL: `pg_dump --format=custom` (one snapshot as well); the archive is then read
//!   back with `pg_restore --list`. Restore with `pg_restore --clean --if-exists --no-owner
//!   --dbname URL FILE` into an existing database.

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub bytes: u64,
    /// Organisations, contracts and audit entries in the copy (SQLite) or `None` (PostgreSQL,
    /// where the archive is checked by listing it).
    pub counts: Option<(i64, i64, i64)>,
}

/// Writes a backup of `db` (opened from `url`) to `out`, which must not exist yet.
pub async fn run(db: &DatabaseConnection, url: &str, out: &Path) -> anyhow::Result<Report> {
    if out.exists() {
        bail!("{} exists already; choose a new file", out.display());
    }
    match db.get_database_backend() {
        DbBackend::Sqlite => sqlite(db, out).await,
        DbBackend::Postgres => postgres(url, out),
        other => bail!("backups of {other:?} are not supported"),
    }
}

async fn sqlite(db: &DatabaseConnection, out: &Path) -> anyhow::Result<Report> {
    let target = out
        .to_str()
        .context("the backup path must be valid UTF-8")?
        .replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await
        .context("VACUUM INTO failed")?;
    let copy = Database::connect(format!("sqlite://{}?mode=ro", out.display()))
        .await
        .context("cannot open the backup")?;
    let check = copy
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .context("integrity_check answered nothing")?
        .try_get_by_index::<String>(0)?;
    if check != "ok" {
        bail!("the backup fails the integrity check: {check}");
    }
    let count = |table: &str| {
        let copy = &copy;
        let sql = format!("SELECT COUNT(*) FROM {table}");
        async move {
            copy.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
                .await?
                .context("COUNT answered nothing")?
                .try_get_by_index::<i64>(0)
                .map_err(anyhow::Error::from)
        }
    };
    let counts = (
        count("organisations").await?,
        count("contracts").await?,
        count("audit_entries").await?,
    );
    copy.close().await?;
    Ok(Report {
        bytes: std::fs::metadata(out)?.len(),
        counts: Some(counts),
    })
}

fn postgres(url: &str, out: &Path) -> anyhow::Result<Report> {
    let status = Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(out)
        .arg(url)
        .status()
        .context("cannot run pg_dump (install the PostgreSQL client tools)")?;
    if !status.success() {
        bail!("pg_dump failed ({status})");
    }
    let listed = Command::new("pg_restore")
        .arg("--list")
        .arg(out)
        .output()
        .context("cannot run pg_restore to check the archive")?;
    let listing = String::from_utf8_lossy(&listed.stdout);
    if !listed.status.success() || !listing.contains("TABLE DATA public organisations") {
        bail!("the archive cannot be read back by pg_restore");
    }
    Ok(Report {
        bytes: std::fs::metadata(out)?.len(),
        counts: None,
    })
}
