//! The `verbund` command: `serve`, `migrate`, `seed`, `import` and the other tasks.

use anyhow::Context as _;
use clap::Parser;
use sea_orm_migration::MigratorTrait;
use verbund::config::{Cli, Command, MigrateAction};
use verbund::{cli, db, http, seed, telemetry};
use verbund_migrations::Migrator;

/// A request allocates many small, short-lived values (rows, answer fields) on both worker
/// threads; the system allocator spent a third of a request's time on them and on its locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.log_json);
    let mut pool = db::Pool::for_url(&cli.database_url);
    if let Some(connections) = cli.db_connections {
        pool.max_connections = connections;
    }
    let conn = db::connect_with(&cli.database_url, pool)
        .await
        .context("cannot open the database (check DATABASE_URL)")?;
    match cli.command {
        Command::Migrate { action } => match action {
            MigrateAction::Up => Migrator::up(&conn, None).await?,
            MigrateAction::Down => Migrator::down(&conn, Some(1)).await?,
            MigrateAction::Status => Migrator::status(&conn).await?,
        },
        Command::Seed => {
            db::migrate(&conn).await?;
            let report = seed::run(&conn).await?;
            println!(
                "seed: {} records added, {} corrected",
                report.inserted, report.corrected
            );
            for kept in &report.kept {
                println!("seed: kept as it is: {kept}");
            }
        }
        Command::Backup { out } => {
            let report = verbund::backup::run(&conn, &cli.database_url, &out).await?;
            match report.counts {
                Some((organisations, contracts, audit)) => println!(
                    "backup written to {} ({} bytes, integrity ok: {organisations} organisations, {contracts} contracts, {audit} audit entries)",
                    out.display(),
                    report.bytes
                ),
                None => println!(
                    "backup written to {} ({} bytes, archive readable by pg_restore)",
                    out.display(),
                    report.bytes
                ),
            }
        }
        Command::User { action } => {
            db::migrate(&conn).await?;
            cli::user(&conn, action).await?;
        }
        Command::Token { action } => {
            db::migrate(&conn).await?;
            cli::token(&conn, action).await?;
        }
        Command::Demo {
            action: verbund::config::DemoAction::Clear,
        } => {
            db::migrate(&conn).await?;
            let cleared = seed::clear::clear(&conn).await?;
            println!(
                "demo: {} sample contracts removed{}",
                cleared.contracts,
                if cleared.source {
                    ", and their source"
                } else {
                    ""
                }
            );
            for kept in &cleared.kept {
                println!("demo: kept: {kept}");
            }
        }
        Command::Report { what, print } => {
            db::migrate(&conn).await?;
            cli::report(&conn, what, print).await?;
        }
        Command::Import {
            files,
            dry_run,
            as_account,
        } => {
            db::migrate(&conn).await?;
            if !cli::import(&conn, &files, dry_run, as_account.as_deref()).await? {
                std::process::exit(1);
            }
        }
        Command::Check { what } => {
            db::migrate(&conn).await?;
            cli::check(&conn, what).await?;
        }
        Command::Serve(args) => {
            db::migrate(&conn).await.context("migrations failed")?;
            if args.seed {
                seed::run(&conn).await?.log("the public record");
            }
            let mailer = match (&args.smtp_url, &args.smtp_from, &args.public_url) {
                (Some(url), Some(from), Some(public_url)) => {
                    let settings = verbund::register::desk::mail::MailSettings {
                        url: url.clone(),
                        from: from.clone(),
                        public_url: public_url.clone(),
                        ca_file: args.smtp_ca_file.clone(),
                    };
                    let mailer = verbund::register::desk::mail::Mailer::new(&settings)
                        .map_err(anyhow::Error::msg)?;
                    Some(std::sync::Arc::new(mailer))
                }
                _ => None,
            };
            let timing = std::sync::Arc::new(verbund::timing::Timing {
                clock: verbund::timing::Clock::system(),
                offsets: args.reminder_days,
                send_at: args.reminder_time,
                mail: mailer.is_some(),
            });
            if args.demo {
                seed::samples::load(&conn, &timing)
                    .await?
                    .log("the sample contracts");
                let accounts = cli::demo_accounts(&conn).await?;
                println!("Demo accounts (new passwords on every demo start; shown only now):");
                for (name, password) in accounts {
                    println!("  {name:<12} {password}");
                }
            }
            let listener = tokio::net::TcpListener::bind(args.listen)
                .await
                .with_context(|| format!("cannot listen on {}", args.listen))?;
            let address = listener.local_addr()?;
            tracing::info!(%address, "serving");
            println!(
                "Verbund is running at http://{address}/ (GraphiQL: http://{address}/graphiql)"
            );
            let scheduler = verbund::scheduler::spawn(
                conn.clone(),
                timing.clone(),
                std::time::Duration::from_secs(args.scheduler_seconds),
                mailer,
            );
            let settings = http::Settings {
                secure_cookies: args.secure_cookies,
                allowed_origins: args.allowed_origins,
                production: args.production,
                rate_limit_points: args.rate_limit,
                metrics_token: args.metrics_token,
                trusted_proxies: args.trusted_proxies,
                live: http::live::LiveLimits {
                    connections: args.live_sockets,
                    subscriptions: args.live_subscriptions,
                },
                timing,
                public_url: args.public_url.clone(),
            };
            let app = http::router_with_web_app(conn, settings, &args.web_dir);
            http::serve(listener, app, http::shutdown_signal()).await?;
            scheduler.stop().await;
        }
    }
    Ok(())
}
