//! Test harness: starts the real server against a fresh database.
//!
//! Every API test is written once and runs twice, on SQLite and on PostgreSQL, through
//! [`both!`]. Each run gets its own database, already migrated and seeded, and its own server
//! on `127.0.0.1:0`; tests talk to it over HTTP like any client would.
//!
//! - SQLite: a new file in the temp directory, migrated and seeded per test (milliseconds).
//! - PostgreSQL: one migrated and seeded template database per test process, then
//!   `CREATE DATABASE .. TEMPLATE ..` per test, which is much faster than migrating each time.
//!   The server is `VERBUND_TEST_POSTGRES_URL` (default [`DEFAULT_POSTGRES_URL`]). When it is
//!   unreachable the PostgreSQL half is skipped loudly, or fails when
//!   `VERBUND_REQUIRE_POSTGRES` is set (CI sets it, so a skip can never pass unnoticed there).
//!
//! Databases are named `verbund_test_<pid>_<n>` and dropped when their test ends, failed or not.
//! What a killed test process leaves behind, the next test process removes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use tokio::sync::{OnceCell, oneshot};
use tokio::task::JoinHandle;

/// The environment variable naming the PostgreSQL server to test against.
pub const POSTGRES_URL_ENV: &str = "VERBUND_TEST_POSTGRES_URL";
/// When this environment variable is set, an unreachable PostgreSQL fails the tests.
pub const REQUIRE_POSTGRES_ENV: &str = "VERBUND_REQUIRE_POSTGRES";
/// The PostgreSQL server used when [`POSTGRES_URL_ENV`] is not set.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

const PREFIX: &str = "verbund_test_";

/// The database engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Writes an API test once and runs it on both backends, as `<name>::sqlite` and
/// `<name>::postgres`:
///
/// ```text
/// both!(members_today, |app| async move {
///     let data = app.data("{ members { totalCount } }", json!({})).await;
///     assert_eq!(data["members"]["totalCount"], 6);
/// });
/// ```
#[macro_export]
macro_rules! both {
    ($name:ident, $test:expr) => {
        $crate::both!(@backends $name, run_app, $test);
    };
    (@backends $name:ident, $runner:ident, $test:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::$runner($crate::Backend::Sqlite, $test).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::$runner($crate::Backend::Postgres, $test).await;
            }
        }
    };
}

/// Like [`both!`], but the test gets an empty database (no tables) instead of a running app:
/// for the migrations themselves.
#[macro_export]
macro_rules! both_empty {
    ($name:ident, $test:expr) => {
        $crate::both!(@backends $name, run_on_empty, $test);
    };
}

/// Runs `test` against a fresh app on `backend`, then stops the server and drops the database.
///
/// The test runs in its own task so that a panic still lets the database be removed; the
/// panic is then raised again with its original payload.
pub async fn run_app<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(database) = TestDatabase::seeded(backend).await else {
        return;
    };
    let (app, server) = TestApp::start(&database).await;
    let extra = Arc::clone(&app.extra_servers);
    let outcome = tokio::spawn(test(app)).await;
    let extra: Vec<Server> = std::mem::take(&mut *lock(&extra));
    for server in extra {
        server.stop().await;
    }
    server.stop().await;
    database.remove().await;
    rethrow(outcome);
}

/// Runs `test` with a fresh, empty database on `backend`, then drops it.
pub async fn run_on_empty<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestDatabase) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(database) = TestDatabase::empty(backend).await else {
        return;
    };
    let outcome = tokio::spawn(test(database.clone())).await;
    database.remove().await;
    rethrow(outcome);
}

fn rethrow(outcome: Result<(), tokio::task::JoinError>) {
    if let Err(err) = outcome {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
        panic!("the test task did not finish: {err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Databases

/// A database that belongs to one test.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    backend: Backend,
    url: String,
    place: Place,
}

#[derive(Debug, Clone)]
enum Place {
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
                let server = postgres().await?;
                Some(create_postgres_database(&server.url, Some(&server.template)).await)
            }
        }
    }

    /// A database without any tables, or `None` when PostgreSQL is skipped.
    pub async fn empty(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite_file()),
            Backend::Postgres => {
                let server = postgres().await?;
                Some(create_postgres_database(&server.url, None).await)
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
    async fn remove(self) {
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
fn unique_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{PREFIX}{}_{n}", std::process::id())
}

/// The PostgreSQL server of this test process and its template database.
#[derive(Debug)]
struct PostgresServer {
    url: String,
    template: String,
}

/// Built once per test process. `Err` holds why the server is unreachable. Only strings are
/// kept: every `#[tokio::test]` has its own runtime, and a pool must not outlive its runtime.
static POSTGRES: OnceCell<Result<PostgresServer, String>> = OnceCell::const_new();

/// The server with its template, or `None` (after a loud message) when it is unreachable and
/// not required.
async fn postgres() -> Option<&'static PostgresServer> {
    let url = std::env::var(POSTGRES_URL_ENV).unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
    match POSTGRES.get_or_init(|| prepare_postgres(url.clone())).await {
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
async fn prepare_postgres(url: String) -> Result<PostgresServer, String> {
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

/// Whether `name` is a test database (or file) of a process that no longer runs.
fn is_leftover(name: &str) -> bool {
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

async fn create_postgres_database(server_url: &str, template: Option<&str>) -> TestDatabase {
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
fn redact(url: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// The app

/// How a [`TestApp`]'s requests authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// No cookie, no token.
    Anonymous,
    /// A staff session cookie (`verbund_session=...`).
    Session(String),
    /// A partner token (`Authorization: Bearer ...`).
    Bearer(String),
}

/// The real server, listening on a free port, with a client to talk to it.
///
/// Requests carry a session of the admin account `test-admin` unless the test asks for
/// another caller with [`TestApp::as_staff`], [`TestApp::as_token`] or
/// [`TestApp::anonymous`].
#[derive(Debug, Clone)]
pub struct TestApp {
    backend: Backend,
    address: String,
    client: reqwest::Client,
    credential: Credential,
    database_url: String,
    /// Servers started by [`TestApp::with_settings`], stopped after the test.
    extra_servers: Arc<Mutex<Vec<Server>>>,
    db: DatabaseConnection,
    statements: Arc<AtomicUsize>,
    /// The SQL of those statements, for failure messages.
    statement_log: Arc<Mutex<Vec<String>>>,
}

/// The running server task; stopped after the test.
#[derive(Debug)]
struct Server {
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    db: DatabaseConnection,
}

impl Server {
    /// Stops the server and closes its pool, so the database can be dropped.
    async fn stop(self) {
        let _ = self.shutdown.send(());
        let mut task = self.task;
        if tokio::time::timeout(Duration::from_secs(5), &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
        let _ = self.db.close().await;
    }
}

impl TestApp {
    async fn start(database: &TestDatabase) -> (Self, Server) {
        let mut db = database.connect().await;
        // Set before the router clones the connection, so every statement it runs is counted.
        let statements = Arc::new(AtomicUsize::new(0));
        let statement_log = Arc::new(Mutex::new(Vec::new()));
        let (counter, log) = (Arc::clone(&statements), Arc::clone(&statement_log));
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::SeqCst);
            lock(&log).push(info.statement.sql.clone());
        });

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a free port");
        let address = format!("http://{}", listener.local_addr().expect("local address"));
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(verbund::http::serve(
            listener,
            verbund::http::router(db.clone()),
            async {
                let _ = stopped.await;
            },
        ));
        let mut app = Self {
            backend: database.backend,
            address,
            client: reqwest::Client::new(),
            credential: Credential::Anonymous,
            database_url: database.url.clone(),
            extra_servers: Arc::new(Mutex::new(Vec::new())),
            db: db.clone(),
            statements,
            statement_log,
        };
        app.credential = app.staff_session("test-admin", "ADMIN").await;
        app.reset_statements();
        (app, Server { shutdown, task, db })
    }

    /// Makes (or reuses) the account `name` with `role` (`ADMIN`, `EDITOR`, `VIEWER`) and
    /// starts a session for it directly in the database (no password involved).
    pub async fn staff_session(&self, name: &str, role: &str) -> Credential {
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
        use verbund::entities::user;
        let existing = user::Entity::find()
            .filter(user::Column::Name.eq(name))
            .one(&self.db)
            .await
            .expect("looking up a test account");
        let id = match existing {
            Some(row) => row.id,
            None => {
                user::ActiveModel {
                    name: Set(name.to_owned()),
                    role: Set(role.to_owned()),
                    // Not a hash of anything: this account cannot sign in with a password.
                    password_hash: Set("!".to_owned()),
                    disabled: Set(false),
                    ..Default::default()
                }
                .insert(&self.db)
                .await
                .expect("creating a test account")
                .id
            }
        };
        let secret = verbund::register::accounts::sessions::start(&self.db, id)
            .await
            .expect("starting a test session");
        Credential::Session(secret)
    }

    /// The same app, with requests signed in as a new account with this role.
    pub async fn as_staff(&self, role: &str) -> TestApp {
        let name = format!("test-{}", role.to_lowercase());
        let mut app = self.clone();
        app.credential = self.staff_session(&name, role).await;
        app
    }

    /// The same app, with requests carrying this partner token.
    pub fn as_token(&self, token: &str) -> TestApp {
        let mut app = self.clone();
        app.credential = Credential::Bearer(token.to_owned());
        app
    }

    /// The same app, with requests carrying no credentials.
    pub fn anonymous(&self) -> TestApp {
        let mut app = self.clone();
        app.credential = Credential::Anonymous;
        app
    }

    /// The same app with the given credential.
    pub fn with_credential(&self, credential: Credential) -> TestApp {
        let mut app = self.clone();
        app.credential = credential;
        app
    }

    /// The same app (database, credential) served by a second server with other settings.
    pub async fn with_settings(&self, settings: verbund::http::Settings) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a free port");
        let address = format!("http://{}", listener.local_addr().expect("local address"));
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(verbund::http::serve(
            listener,
            verbund::http::router_with(self.db.clone(), settings),
            async {
                let _ = stopped.await;
            },
        ));
        lock(&self.extra_servers).push(Server {
            shutdown,
            task,
            db: self.db.clone(),
        });
        let mut app = self.clone();
        app.address = address;
        app
    }

    /// The URL of the test's database (for a pool of a test's own).
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// The base URL of the server, e.g. `http://127.0.0.1:4711`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Adds the credential to a request.
    pub fn authorize(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.credential {
            Credential::Anonymous => request,
            Credential::Session(secret) => {
                request.header(reqwest::header::COOKIE, format!("verbund_session={secret}"))
            }
            Credential::Bearer(token) => request.bearer_auth(token),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The app's own connection (statements on it are counted too), for direct inserts.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// How many SQL statements ran on the app's connection since the last reset.
    pub fn statements(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// The SQL of the statements that ran since the last reset, oldest first.
    pub fn statement_log(&self) -> Vec<String> {
        lock(&self.statement_log).clone()
    }

    pub fn reset_statements(&self) {
        let mut log = lock(&self.statement_log);
        log.clear();
        self.statements.store(0, Ordering::SeqCst);
    }

    /// Posts a GraphQL request; the HTTP status and the body text.
    pub async fn graphql_raw(&self, query: &str, variables: Value) -> (StatusCode, String) {
        let response = self
            .authorize(self.client.post(format!("{}/graphql", self.address)))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("POST /graphql");
        let status = response.status();
        (status, response.text().await.expect("reading the body"))
    }

    /// Posts a GraphQL request; the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.graphql_raw(query, variables).await;
        serde_json::from_str(&body)
            .unwrap_or_else(|err| panic!("HTTP {status}, body is not JSON ({err}): {body}"))
    }

    /// The `data` of a response that must have no errors.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(
            body.get("errors").is_none(),
            "unexpected errors for {query}\n{body:#}"
        );
        body["data"].clone()
    }

    /// The `extensions.code` of each error of a response that must have errors.
    pub async fn error_codes(&self, query: &str, variables: Value) -> Vec<String> {
        let body = self.graphql(query, variables).await;
        codes(&body)
    }

    /// GETs `path`: status, content type and body text.
    pub async fn get(&self, path: &str) -> (StatusCode, String, String) {
        let response = self
            .authorize(self.client.get(format!("{}{path}", self.address)))
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"));
        parts(response).await
    }

    /// POSTs `body` as it is to `path`: status, content type and body text.
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<String>,
    ) -> (StatusCode, String, String) {
        let response = self
            .authorize(self.client.post(format!("{}{path}", self.address)))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body.into())
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {path}: {err}"));
        parts(response).await
    }

    /// The global ID of the organisation with exactly this name.
    pub async fn organisation_id(&self, name: &str) -> String {
        let data = self
            .data(
                "query($search: String) { organisations(filter: {search: $search}, first: 100) \
                 { nodes { id name } } }",
                json!({ "search": name }),
            )
            .await;
        nodes(&data["organisations"])
            .iter()
            .find(|node| node["name"] == name)
            .and_then(|node| node["id"].as_str())
            .unwrap_or_else(|| panic!("no organisation named {name}: {data:#}"))
            .to_owned()
    }
}

/// A panic elsewhere must not hide the statements from the test that asks for them.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn parts(response: reqwest::Response) -> (StatusCode, String, String) {
    let status = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, content_type, response.text().await.expect("body"))
}

// ---------------------------------------------------------------------------------------------
// Reading responses

/// The `extensions.code` of each error in a response body; panics when it has no errors.
pub fn codes(body: &Value) -> Vec<String> {
    let errors = body["errors"]
        .as_array()
        .filter(|errors| !errors.is_empty())
        .unwrap_or_else(|| panic!("expected errors, got {body:#}"));
    errors
        .iter()
        .map(|error| {
            error["extensions"]["code"]
                .as_str()
                .unwrap_or("<no code>")
                .to_owned()
        })
        .collect()
}

/// The `nodes` of a connection.
pub fn nodes(connection: &Value) -> &[Value] {
    connection["nodes"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("not a connection with nodes: {connection:#}"))
}

/// Asserts that two answers to the same list, asked two ways, have as many objects and that
/// each pair agrees on `fields`.
pub fn assert_same_fields(one: &[Value], other: &[Value], fields: &[&str]) {
    assert_eq!(one.len(), other.len());
    for (a, b) in one.iter().zip(other) {
        for field in fields {
            assert_eq!(a[*field], b[*field], "{field}: {a} / {b}");
        }
    }
}

/// The `name` of each node of a connection, in order.
pub fn names(connection: &Value) -> Vec<String> {
    nodes(connection)
        .iter()
        .map(|node| {
            node["name"]
                .as_str()
                .unwrap_or_else(|| panic!("node without a name: {node}"))
                .to_owned()
        })
        .collect()
}

/// A contract row for tests to insert: open-ended, no renewal, no notice, unsigned, with its
/// bookkeeping columns set so that `insert_many` (which skips the entity's hooks) takes it too.
/// Tests override what they are about with struct update syntax.
pub fn contract_row(title: impl Into<String>) -> verbund::entities::contract::ActiveModel {
    use sea_orm::Set;
    let now = chrono::Utc::now();
    verbund::entities::contract::ActiveModel {
        number: Set(None),
        title: Set(title.into()),
        kind: Set("SERVICE_AGREEMENT".to_owned()),
        signed_on: Set(None),
        effective_from: Set(None),
        initial_term_months: Set(None),
        initial_term_until: Set(None),
        renewal: Set("NONE".to_owned()),
        renewal_months: Set(None),
        notice_months: Set(None),
        notice_to: Set(None),
        notice_given_on: Set(None),
        ended_on: Set(None),
        source_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// A service row for tests to insert (category HOSTING, no vendor, no description), with its
/// bookkeeping columns set; tests override the rest with struct update syntax.
pub fn service_row(
    code: impl Into<String>,
    name: impl Into<String>,
) -> verbund::entities::service::ActiveModel {
    use sea_orm::Set;
    let now = chrono::Utc::now();
    verbund::entities::service::ActiveModel {
        code: Set(code.into()),
        name: Set(name.into()),
        category: Set("HOSTING".to_owned()),
        vendor: Set(None),
        description: Set(None),
        source_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// A coverage row for tests to insert: open-ended, no counts, no source, with its bookkeeping
/// columns set; tests override the rest with struct update syntax.
pub fn coverage_row(
    contract: Option<i32>,
    service: i32,
    organisation: i32,
    starts_on: chrono::NaiveDate,
) -> verbund::entities::coverage::ActiveModel {
    use sea_orm::Set;
    let now = chrono::Utc::now();
    verbund::entities::coverage::ActiveModel {
        contract_id: Set(contract),
        service_id: Set(service),
        organisation_id: Set(organisation),
        starts_on: Set(starts_on),
        ends_on: Set(None),
        workstations: Set(None),
        users: Set(None),
        source_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
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
