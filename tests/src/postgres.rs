//! The PostgreSQL server the tests run on: reached once per test process, with a migrated and
//! seeded template database that each test's database is copied from.

use std::io::Write;
use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use tokio::sync::OnceCell;

use crate::database::{Backend, PREFIX, Place, TestDatabase, is_leftover, unique_name};

/// The environment variable naming the PostgreSQL server to test against.
pub const POSTGRES_URL_ENV: &str = "VERBUND_TEST_POSTGRES_URL";
/// When this environment variable is set, an unreachable PostgreSQL fails the tests.
pub const REQUIRE_POSTGRES_ENV: &str = "VERBUND_REQUIRE_POSTGRES";
/// The PostgreSQL server used when [`POSTGRES_URL_ENV`] is not set.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The PostgreSQL server of this test process and its template database.
#[derive(Debug)]
pub(crate) struct PostgresServer {
    pub(crate) url: String,
    pub(crate) template: String,
}

/// Built once per test process. `Err` holds why the server is unreachable. Only strings are
/// kept: every `#[tokio::test]` has its own runtime, and a pool must not outlive its runtime.
static POSTGRES: OnceCell<Result<PostgresServer, String>> = OnceCell::const_new();

/// The server with its template, or `None` (after a loud message) when it is unreachable and
/// not required.
pub(crate) async fn server() -> Option<&'static PostgresServer> {
    let url = std::env::var(POSTGRES_URL_ENV).unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
    match POSTGRES.get_or_init(|| prepare(url.clone())).await {
        Ok(server) => Some(server),
        Err(reason) => {
            let shown = redact(&url);
            if std::env::var_os(REQUIRE_POSTGRES_ENV).is_some() {
                panic!(
                    "PostgreSQL is required ({REQUIRE_POSTGRES_ENV} is set) but not reachable \
                     at {shown}: {reason}"
                );
            }
            // Written to the stderr handle itself: libtest captures `eprintln!` of passing
            // tests, and a skip must be seen.
            let test = std::thread::current().name().unwrap_or("a test").to_owned();
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: PostgreSQL not reachable at {shown} ({reason}), so {test} did not run; \
                 set {POSTGRES_URL_ENV} to point at a server, or {REQUIRE_POSTGRES_ENV} to fail instead"
            );
            None
        }
    }
}

/// Sweeps leftovers, then creates, migrates and seeds this process's template database.
/// Only an unreachable server is an `Err`; anything failing after that is a bug and panics.
async fn prepare(url: String) -> Result<PostgresServer, String> {
    let admin = admin_connection(&url)
        .await
        .map_err(|err| err.to_string())?;
    sweep_leftovers(&admin).await;
    let template = format!("{PREFIX}{}_template", std::process::id());
    // A previous process with the same id (pids are reused) may have left it.
    for sql in [
        format!("DROP DATABASE IF EXISTS \"{template}\""),
        format!("CREATE DATABASE \"{template}\""),
    ] {
        admin
            .execute_unprepared(&sql)
            .await
            .unwrap_or_else(|err| panic!("{sql}: {err}"));
    }
    let db = verbund::db::connect(&with_database(&url, &template))
        .await
        .expect("connecting to the template database");
    verbund::db::migrate(&db)
        .await
        .expect("migrating the template database");
    verbund::seed::run(&db)
        .await
        .expect("seeding the template database");
    // PostgreSQL refuses to copy a database that has open connections.
    db.close().await.expect("closing the template connection");
    let _ = admin.close().await;
    Ok(PostgresServer { url, template })
}

/// Drops the test databases of processes that no longer run.
async fn sweep_leftovers(admin: &DatabaseConnection) {
    let rows = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            format!("SELECT datname FROM pg_database WHERE datname LIKE '{PREFIX}%'"),
        ))
        .await
        .expect("listing test databases");
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        if is_leftover(&name)
            && let Err(err) = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
                .await
        {
            eprintln!("warning: could not drop leftover test database {name}: {err}");
        }
    }
}

/// A new database of its own for one test: a copy of `template`, or empty.
pub(crate) async fn create_database(server_url: &str, template: Option<&str>) -> TestDatabase {
    let name = unique_name();
    let sql = match template {
        Some(template) => format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""),
        None => format!("CREATE DATABASE \"{name}\""),
    };
    let admin = admin_connection(server_url)
        .await
        .unwrap_or_else(|err| panic!("PostgreSQL went away at {}: {err}", redact(server_url)));
    admin
        .execute_unprepared(&sql)
        .await
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
    let _ = admin.close().await;
    TestDatabase {
        backend: Backend::Postgres,
        url: with_database(server_url, &name),
        place: Place::Postgres {
            server_url: server_url.to_owned(),
            name,
        },
    }
}

/// One connection to the server's maintenance database, for CREATE and DROP DATABASE.
pub async fn admin_connection(url: &str) -> Result<DatabaseConnection, sea_orm::DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .connect_timeout(Duration::from_secs(3))
        .acquire_timeout(Duration::from_secs(3))
        .sqlx_logging(false);
    Database::connect(options).await
}

/// `url` with its database name replaced by `name` (the query string is kept).
pub fn with_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (url, None),
    };
    let authority = head.find("://").map_or(0, |i| i + 3);
    let base = match head[authority..].find('/') {
        Some(slash) => &head[..authority + slash],
        None => head,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// `url` without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority = url[start..].split('/').next().unwrap_or_default();
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    match authority[..at].find(':') {
        Some(colon) => format!("{}:***{}", &url[..start + colon], &url[start + at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced_and_query_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@db/postgres?sslmode=disable", "x"),
            "postgres://u:p@db/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://db:5432", "x"),
            "postgres://db:5432/x"
        );
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(redact("postgres://u:secret@db/x"), "postgres://u:***@db/x");
        assert_eq!(redact("postgres://u@db:5432/x"), "postgres://u@db:5432/x");
    }
}
