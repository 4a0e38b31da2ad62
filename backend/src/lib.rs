//! The Verbund register server: configuration, database, GraphQL API, HTTP surface and seed.
//! `main.rs` only parses the command line and calls into this library, so tests can build
//! the whole app in-process.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod error;
pub mod graphql;
pub mod http;
pub mod rows;
pub mod seed;
pub mod services;
pub mod telemetry;
