//! The app a test talks to: the real server on the test's database, and who is calling it.

use std::sync::{Arc, Mutex};

use sea_orm::DatabaseConnection;

use verbund::sync::locked;

use crate::statements::Statements;
use crate::{Backend, Server, TestDatabase};

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
    pub(crate) backend: Backend,
    pub(crate) address: String,
    pub(crate) client: reqwest::Client,
    pub(crate) credential: Credential,
    pub(crate) database_url: String,
    /// Every server started for the test, stopped after it.
    pub(crate) servers: Servers,
    pub(crate) db: DatabaseConnection,
    pub(crate) statements: Statements,
}

/// The servers of one test, each with the connection it serves.
#[derive(Debug, Clone, Default)]
pub(crate) struct Servers(Arc<Mutex<Vec<(Server, DatabaseConnection)>>>);

impl Servers {
    fn add(&self, server: Server, db: DatabaseConnection) {
        locked(&self.0).push((server, db));
    }

    /// Stops the servers, the last started first, and closes their pools, so the database
    /// can be dropped.
    pub(crate) async fn stop_all(self) {
        let servers = std::mem::take(&mut *locked(&self.0));
        for (server, db) in servers.into_iter().rev() {
            server.stop().await;
            let _ = db.close().await;
        }
    }
}

impl TestApp {
    /// Serves `database`, with requests signed in as the admin `test-admin`.
    pub(crate) async fn start(database: &TestDatabase) -> Self {
        let mut db = database.connect().await;
        let statements = Statements::install(&mut db);
        let server = Server::start(verbund::http::router(db.clone())).await;
        let mut app = Self {
            backend: database.backend,
            address: server.address().to_owned(),
            client: reqwest::Client::new(),
            credential: Credential::Anonymous,
            database_url: database.url.clone(),
            servers: Servers::default(),
            db: db.clone(),
            statements,
        };
        app.servers.add(server, db);
        app.credential = app.staff_session("test-admin", "ADMIN").await;
        app.reset_statements();
        app
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
        self.with_credential(self.staff_session(&name, role).await)
    }

    /// The same app, with requests carrying this partner token.
    pub fn as_token(&self, token: &str) -> TestApp {
        self.with_credential(Credential::Bearer(token.to_owned()))
    }

    /// The same app, with requests carrying no credentials.
    pub fn anonymous(&self) -> TestApp {
        self.with_credential(Credential::Anonymous)
    }

    /// How the app's requests authenticate.
    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    /// The credential as the HTTP header a client outside this harness sends it with, as
    /// `name: value`; `None` when anonymous.
    pub fn credential_header(&self) -> Option<String> {
        match &self.credential {
            Credential::Anonymous => None,
            Credential::Session(secret) => Some(format!("cookie: verbund_session={secret}")),
            Credential::Bearer(token) => Some(format!("authorization: Bearer {token}")),
        }
    }

    /// The same app with the given credential.
    pub fn with_credential(&self, credential: Credential) -> TestApp {
        let mut app = self.clone();
        app.credential = credential;
        app
    }

    /// The same app (database, credential) served by a second server with other settings.
    pub async fn with_settings(&self, settings: verbund::http::Settings) -> TestApp {
        let router = verbund::http::router_with(self.db.clone(), settings);
        self.served(router, self.db.clone()).await
    }

    /// The same app (database, caller) with its requests sent to the server at `address`
    /// (e.g. `http://127.0.0.1:4711`): a `verbund serve` process a test started itself.
    pub fn at(&self, address: &str) -> TestApp {
        let mut app = self.clone();
        address.clone_into(&mut app.address);
        app
    }

    /// The same app served by a second server that gives each caller `points` an hour.
    pub async fn with_rate_limit(&self, points: u32) -> TestApp {
        self.with_settings(verbund::http::Settings {
            rate_limit_points: points,
            ..verbund::http::Settings::default()
        })
        .await
    }

    /// The same caller, served by a second server on a connection of its own: a pool with
    /// other limits, or a restored copy of the database. Its statements are counted apart.
    pub async fn served_by(&self, db: DatabaseConnection) -> TestApp {
        self.served_by_with(db, verbund::http::Settings::default())
            .await
    }

    /// Like [`TestApp::served_by`], with other settings: another server as production has
    /// them, with a pool of its own on the same database.
    pub async fn served_by_with(
        &self,
        mut db: DatabaseConnection,
        settings: verbund::http::Settings,
    ) -> TestApp {
        let statements = Statements::install(&mut db);
        let mut app = self
            .served(verbund::http::router_with(db.clone(), settings), db.clone())
            .await;
        app.db = db;
        app.statements = statements;
        app
    }

    /// The same app at a second server for `router`, stopped (and `db` closed) after the test.
    async fn served(&self, router: axum::Router, db: DatabaseConnection) -> TestApp {
        let server = Server::start(router).await;
        let mut app = self.clone();
        app.address = server.address().to_owned();
        self.servers.add(server, db);
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

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The app's own connection (statements on it are counted too), for direct inserts.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}
