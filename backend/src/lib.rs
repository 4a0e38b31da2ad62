//! The Verbund register server. Layers, each using only those below it (see ARCHITECTURE.md):
//! `http` (the HTTP surface) → `graphql` (the API) → `register` (every rule, transaction and
//! statement) → `entities` (the tables); `auth` (who asks, what they may see) beside the
//! register; configuration, database connection, seed and command line around them.
//! `main.rs` only parses the command line and calls into this library, so tests can build
//! the whole app in-process.

pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod error;
pub mod graphql;
pub mod http;
pub mod register;
pub mod seed;
pub mod telemetry;
