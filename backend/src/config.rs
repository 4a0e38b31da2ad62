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

    /// The most database connections the server keeps open (default: 8 for SQLite; for
    /// PostgreSQL two per core of this machine, 4 to 16).
    #[arg(long, env = "VERBUND_DB_CONNECTIONS", global = true,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_connections: Option<u32>,

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
    /// Load the public record (idempotent: adds what is missing, corrects what an earlier seed
    /// wrote differently unless someone changed it since, and lists those it kept).
    Seed,
    /// Write a consistent, checked copy of the database (SQLite: `VACUUM INTO` and an
    /// integrity check; PostgreSQL: `pg_dump --format=custom`, read back with `pg_restore`).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Manage partner tokens (read-only API access for other systems).
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Manage the demo's sample data.
    Demo {
        #[command(subcommand)]
        action: DemoAction,
    },
    /// Check what the register keeps derived from its records.
    Check {
        #[command(subcommand)]
        what: CheckWhat,
    },
    /// Import sources, organisations, services, contracts, memberships and coverages from CSV or JSON files as the exports write
    /// them (German or English headers and dates): all files in one transaction, every row or
    /// none. Prints what each row creates or changes and every row's problems, with its line
    /// and column; exits with status 1 when there is a problem.
    Import {
        /// The files (CSV with `;` between fields, or JSON), applied together.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Check every row and print what would change, but write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The staff account (an editor or admin) the audit entries name; default: the system
        /// user.
        #[arg(long = "as")]
        as_account: Option<String>,
    },
    /// Print a report (as the server's `/report/…` pages show it) to PDF or HTML.
    Report {
        #[command(subcommand)]
        what: ReportWhat,
        #[command(flatten)]
        print: ReportPrint,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportWhat {
    /// A member's dossier: the organisation, its membership, contracts, coverage, people.
    Member {
        /// The organisation: its ID, official key or exact name.
        member: String,
        /// The day it is seen on (YYYY-MM-DD; default: today).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// The desk's deadlines whose day to act is in a window.
    Deadlines {
        /// The first day (YYYY-MM-DD; default: today).
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// The last day (YYYY-MM-DD; default: 90 days after the first).
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
    },
    /// The coverage matrix on a day.
    Coverage {
        /// The day (YYYY-MM-DD; default: today).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
}

/// Where and how a report is printed.
#[derive(Debug, clap::Args)]
pub struct ReportPrint {
    /// The file to write: `.pdf` (printed by Chromium) or `.html`.
    #[arg(long, global = true)]
    pub out: Option<std::path::PathBuf>,
    /// The staff account the report is printed as (what it may see, and the name on it);
    /// default: the system user, who sees everything.
    #[arg(long = "as", global = true)]
    pub as_account: Option<String>,
    /// The language: de or en.
    #[arg(long, default_value = "de", global = true)]
    pub lang: verbund_shared::Lang,
    /// The Chromium to print PDF with (default: /usr/bin/chromium, else `chromium` on PATH).
    #[arg(long, global = true)]
    pub chromium: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CheckWhat {
    /// Compare the kept coverage totals (per organisation, per service, the whole register)
    /// with the coverages; list every group that differs and exit with status 1 when one does.
    Totals {
        /// Write all totals afresh from the coverages (in one transaction) when any differ.
        #[arg(long)]
        fix: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DemoAction {
    /// Remove the sample contracts `serve --demo` loads (with their parties and deadlines)
    /// and their source; a sample a membership or coverage now rests on stays and is named.
    Clear,
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account. The password is read from the terminal (asked twice) or, when
    /// standard input is not a terminal, from its first line; never from the command line.
    Create {
        /// The name used to sign in.
        #[arg(long)]
        name: String,
        /// admin (accounts, tokens, everything), editor (edit data) or viewer (read).
        #[arg(long, value_parser = ["admin", "editor", "viewer"])]
        role: String,
    },
    /// List the accounts.
    List,
    /// Set the mail address the deadline desk mails an account's reminders to; an empty
    /// address (`--email ""`) removes it.
    Email {
        /// The account's name.
        #[arg(long)]
        name: String,
        /// The address, e.g. name@example.org.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Create a token and print it (once) on the last line.
    Create {
        /// What the token is for, e.g. the partner system's name.
        #[arg(long)]
        name: String,
        /// Comma-separated: members:read, contracts:read, coverage:read.
        #[arg(long)]
        scope: String,
        /// Limit the token to one member's own data: the member's global ID, its official
        /// key or its exact name.
        #[arg(long)]
        member: Option<String>,
        /// How long it lives: e.g. 30d, 12h, 2w (at most 366 days).
        #[arg(long)]
        expires_in: String,
        /// Allow only registered (persisted) operations, sent by their SHA-256.
        #[arg(long)]
        persisted_only: bool,
    },
    /// List the tokens (never the tokens themselves).
    List,
    /// Revoke a token at once, by its global ID or its prefix.
    Revoke {
        /// The token's global ID or its prefix as `token list` shows it.
        id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "VERBUND_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Load the first data set before serving.
    #[arg(long, env = "VERBUND_SEED")]
    pub seed: bool,

    /// Start a demo: create (or reset) one account per role with random passwords and print
    /// them once, and load sample contracts with terms (marked as samples; they need the
    /// first data set, `--seed`). Never use on a real register.
    #[arg(long, env = "VERBUND_DEMO")]
    pub demo: bool,

    /// The server is reached over HTTPS: session cookies get `Secure` and the `__Host-`
    /// prefix.
    #[arg(long, env = "VERBUND_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Other origins whose pages may send signed-in requests (comma-separated), e.g.
    /// `https://intranet.example`.
    #[arg(long, env = "VERBUND_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Production mode: introspection, field suggestions, GraphiQL and the SDL only for
    /// signed-in admins.
    #[arg(long, env = "VERBUND_PRODUCTION")]
    pub production: bool,

    /// Points per caller (token, account, or address when anonymous) and hour; a request
    /// costs its complexity / 1,000, at least 1. 0 turns the limit off.
    #[arg(long, env = "VERBUND_RATE_LIMIT", default_value_t = verbund_default_rate_limit())]
    pub rate_limit: u32,

    /// A bearer token that lets a scraper on another machine read `/metrics` (requests from
    /// the machine itself need none).
    #[arg(long, env = "VERBUND_METRICS_TOKEN")]
    pub metrics_token: Option<String>,

    /// Reverse proxies (addresses or networks, comma-separated, e.g. `127.0.0.1,10.0.0.0/8`)
    /// whose `Forwarded` or `X-Forwarded-For` header names the client. Login throttles, rate
    /// limits, `/metrics` and the log then use the address the proxy saw; from any other
    /// peer, and without this setting, the headers are ignored.
    #[arg(long, env = "VERBUND_TRUSTED_PROXIES", value_delimiter = ',',
          value_parser = crate::http::client::parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Subscription sockets one caller (token or account) may hold open on this server.
    #[arg(long, env = "VERBUND_LIVE_SOCKETS", default_value_t = crate::http::live::LiveLimits::default().connections)]
    pub live_sockets: usize,

    /// Subscriptions one caller may hold on this server, over all its sockets.
    #[arg(long, env = "VERBUND_LIVE_SUBSCRIPTIONS", default_value_t = crate::http::live::LiveLimits::default().subscriptions)]
    pub live_subscriptions: usize,

    /// Days before the day to act on a deadline on which the deadline desk reminds people,
    /// comma-separated (a contract may have its own).
    #[arg(long, env = "VERBUND_REMINDER_DAYS", default_value = "90,30,7,0",
          value_parser = crate::timing::parse_offsets)]
    // Spelled out so that the argument is one comma-separated value, not a list of them.
    pub reminder_days: ::std::vec::Vec<u32>,

    /// The local time in Germany (`HH:MM`) at which the reminders of a day go out.
    #[arg(long, env = "VERBUND_REMINDER_TIME", default_value = "07:00",
          value_parser = crate::timing::parse_time)]
    pub reminder_time: chrono::NaiveTime,

    /// Seconds between two looks of the deadline desk's scheduler for reminders due.
    #[arg(long, env = "VERBUND_SCHEDULER_SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub scheduler_seconds: u64,

    /// The mail server the deadline desk mails reminders through: `smtp://HOST:PORT`
    /// (STARTTLS when offered), `smtp://USER:PASSWORD@HOST:587?tls=required`, `?tls=none`, or
    /// `smtps://HOST:465`. Without it reminders only go to the inbox.
    #[arg(long, env = "VERBUND_SMTP_URL", requires_all = ["smtp_from", "public_url"])]
    pub smtp_url: Option<String>,

    /// The sender of reminder mails, e.g. `Verbund <fristen@verbund.example>`.
    #[arg(long, env = "VERBUND_SMTP_FROM")]
    pub smtp_from: Option<String>,

    /// Certificates (PEM) that may sign the mail server's certificate, for an internal mail
    /// server; without it the usual public roots.
    #[arg(long, env = "VERBUND_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<std::path::PathBuf>,

    /// The address users reach the app at (e.g. behind a proxy), such as
    /// `https://verbund.example`; links in mails and calendar feeds start with it.
    #[arg(long, env = "VERBUND_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Folder with the built web app, served at `/`.
    #[arg(long, env = "VERBUND_WEB_DIR", default_value = "frontend/dist")]
    pub web_dir: std::path::PathBuf,
}

/// Reads `--public-url`: an http or https address with a host, without a trailing slash.
fn parse_public_url(text: &str) -> Result<String, String> {
    match url::Url::parse(text) {
        Ok(address) if matches!(address.scheme(), "http" | "https") && address.has_host() => {
            Ok(text.trim_end_matches('/').to_owned())
        }
        _ => Err("an http or https address such as https://verbund.example".to_owned()),
    }
}

fn verbund_default_rate_limit() -> u32 {
    crate::auth::budget::DEFAULT_POINTS
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
