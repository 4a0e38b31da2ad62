//! Command line and environment: which database, which address, which subcommand.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

/// The default database: a SQLite file in the working directory, made on first use.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://verbund.db?mode=rwc";

/// Verbund: the register of an inter-municipal IT service provider.
#[derive(Debug, Parser)]
#[command(name = "verbund", version, about)]
pub struct Cli {
    /// Database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Log as JSON lines instead of human-readable text.
    #[arg(long, env = "VERBUND_LOG_JSON", global = true)]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations and serve the API (and the web app, when built).
    Serve(ServeArgs),
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load the register's first data set (idempotent: running it twice changes nothing).
    Seed,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "VERBUND_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Load the first data set before serving.
    #[arg(long, env = "VERBUND_SEED")]
    pub seed: bool,

    /// Folder with the built web app, served at `/`.
    #[arg(long, env = "VERBUND_WEB_DIR", default_value = "frontend/dist")]
    pub web_dir: std::path::PathBuf,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum MigrateAction {
    /// Apply all pending migrations.
    Up,
    /// Roll back the last migration.
    Down,
    /// Show which migrations are applied.
    Status,
}
