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
//!
//! | module | what it holds |
//! |---|---|
//! | `run` | [`both!`], [`both_empty!`] and the runners that clean up after a test |
//! | `database` | [`TestDatabase`]: a fresh SQLite file or PostgreSQL database per test |
//! | `postgres` | the PostgreSQL server, its template database, URLs |
//! | `server` | [`Server`]: the real server on a free port |
//! | `app` | [`TestApp`]: a server with a caller ([`Credential`]) |
//! | `client` | requests to the app: GraphQL, plain HTTP, `node(id:)`, shared HTTP checks |
//! | `statements` | the SQL statements an app ran, to catch N+1 |
//! | `register` | requests on the seeded register that several test files make |
//! | `response` | reading answers: error codes, connections, headers |
//! | `socket` | [`socket::Socket`]: a `graphql-transport-ws` client for subscriptions |
//! | `mail` | [`mail::MailSink`]: a real mail server that keeps what it receives |
//! | `process` | [`process::with_input`]: a program outside the harness, handed a text |
//! | `fixtures` | rows for tests to insert, and what the seeded data set holds |

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod client;
mod database;
mod fixtures;
pub mod mail;
mod postgres;
pub mod process;
mod register;
mod response;
mod run;
mod server;
pub mod socket;
mod statements;

pub use app::{Credential, TestApp};
pub use database::{Backend, TestDatabase};
pub use fixtures::{
    FOUNDERS, MEMBERS_2019, contract_row, coverage_row, day, organisation_row, party_row,
    person_row, renewing_contract_row, service_row,
};
pub use postgres::{
    DEFAULT_POSTGRES_URL, POSTGRES_URL_ENV, REQUIRE_POSTGRES_ENV, admin_connection, with_database,
};
pub use response::{assert_bad_input, assert_same_fields, codes, header, names, nodes, texts};
pub use run::{run_app, run_on_empty};
pub use server::Server;
