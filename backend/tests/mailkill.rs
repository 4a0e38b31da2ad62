//! Two real servers (`verbund serve`, each its own process) on one PostgreSQL database mail
//! the reminders of 200 contracts through a slow mail server, and one of them is killed
//! (SIGKILL) while the mails go out. Nothing is lost: every reminder due is sent with one
//! inbox entry for each recipient, every delivery ends `SENT` with its mail arrived, and a
//! mail that arrived twice (the killed server sent it but died before recording it, so it
//! went out again once its lease was over) carries the same `Message-ID` both times.
//!
//! PostgreSQL only: that servers claim reminders and deliveries with `FOR UPDATE SKIP LOCKED`
//! is the point (on SQLite the run returns at once).
//!
//! A served process runs on the system clock, so the contracts are made for today: each has
//! its notice deadline about a month ahead, and the servers remind 90 days before the day to
//! act, from midnight on (`--reminder-days 90 --reminder-time 00:00`), so one reminder of
//! each is due today whenever the test runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Served;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use verbund::entities::{delivery, inbox_entry, reminder, user};
use verbund::timing::{Clock, Timing};
use verbund_tests::mail::{MailSink, free_port};
use verbund_tests::{Backend, TestApp, both, renewing_contract_row};

const CONTRACTS: usize = 200;
const PUBLIC: &str = "https://verbund.example";
/// How long the mail server keeps each message before it says it accepted it.
const SINK_DELAY: Duration = Duration::from_millis(25);
/// The longest any one wait of the test may take.
const WAIT: Duration = Duration::from_secs(90);

/// Starts `verbund serve` on the database at `url`, mailing through the server on
/// `smtp_port` and looking for work every second.
fn serve(url: &str, smtp_port: u16) -> Served {
    Served::start(
        url,
        [
            "--scheduler-seconds",
            "1",
            "--reminder-days",
            "90",
            "--reminder-time",
            "00:00",
            "--smtp-from",
            "Verbund Fristen <fristen@verbund.example>",
            "--public-url",
            PUBLIC,
            "--smtp-url",
            &format!("smtp://127.0.0.1:{smtp_port}"),
        ],
    )
}

/// Waits (at most [`WAIT`]) until `done` holds; panics naming `what` otherwise.
async fn wait_until<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + WAIT;
    while !done().await {
        assert!(Instant::now() < deadline, "waited {WAIT:?} in vain: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn deliveries_in(app: &TestApp, states: &[&str]) -> u64 {
    delivery::Entity::find()
        .filter(delivery::Column::State.is_in(states.iter().copied()))
        .count(app.db())
        .await
        .unwrap()
}

/// The settings the servers run with, on the system clock.
fn served_timing() -> Timing {
    Timing {
        clock: Clock::system(),
        offsets: vec![90],
        send_at: NaiveTime::MIN,
        mail: true,
    }
}

/// 200 contracts whose notice deadline lies about a month after `today` (in force since
/// nine months less 30 days, for a year, three months' notice).
async fn contracts_for(app: &TestApp, today: NaiveDate) {
    let from = today.checked_sub_months(Months::new(9)).unwrap() + TimeDelta::days(30);
    let signed = from.checked_sub_months(Months::new(1)).unwrap();
    let (from, signed) = (from.to_string(), signed.to_string());
    let rows = (0..CONTRACTS)
        .map(|i| renewing_contract_row(format!("Vertrag {i:03}"), &signed, &from, 12));
    verbund::entities::contract::Entity::insert_many(rows)
        .exec_without_returning(app.db())
        .await
        .unwrap();
}

/// Gives the accounts `test-admin` and `test-editor` (both remind) a mail address each.
async fn two_recipients(app: &TestApp) {
    app.as_staff("EDITOR").await;
    for name in ["test-admin", "test-editor"] {
        user::Entity::update_many()
            .col_expr(
                user::Column::Email,
                sea_orm::sea_query::Expr::value(Some(format!("{name}@amt.example"))),
            )
            .filter(user::Column::Name.eq(name))
            .exec(app.db())
            .await
            .unwrap();
    }
}

both!(
    a_server_killed_while_mailing_loses_no_reminder,
    |app| async move {
        if app.backend() != Backend::Postgres {
            return;
        }
        let timing = Arc::new(served_timing());
        let today = timing.clock.today();
        contracts_for(&app, today).await;
        two_recipients(&app).await;
        // The deadlines armed as the servers' first pass would arm them, so that what is due
        // is known before they start.
        verbund::register::desk::due::rollover(app.db(), &timing)
            .await
            .unwrap();
        let through = timing.due_through(Utc::now()).unwrap();
        let due = reminder::Entity::find()
            .filter(reminder::Column::DueOn.lte(through))
            .count(app.db())
            .await
            .unwrap();
        assert!(due >= CONTRACTS as u64, "only {due} reminders due");
        let expected = usize::try_from(2 * due).unwrap();

        let sink = MailSink::start_slow(free_port(), SINK_DELAY);
        let started = Instant::now();
        let killed = serve(app.database_url(), sink.port);
        let other = serve(app.database_url(), sink.port);
        wait_until("a quarter of the mails", || async {
            sink.mails().len() >= expected / 4
        })
        .await;
        killed.kill();
        let before_kill = sink.mails().len();
        assert!(
            before_kill < expected,
            "every mail went out before the kill"
        );

        // The other server sends everything but what the killed one had claimed.
        // (The count of sent deliveries last seen, and since when.)
        let last = std::sync::Mutex::new((u64::MAX, Instant::now()));
        wait_until("the other server to be done", || async {
            let open = deliveries_in(&app, &["PENDING", "FAILED"]).await;
            let sent = deliveries_in(&app, &["SENT"]).await;
            let mut last = last.lock().unwrap();
            if sent != last.0 {
                *last = (sent, Instant::now());
            }
            open == 0 && last.1.elapsed() > Duration::from_millis(2500)
        })
        .await;
        let stranded: Vec<i32> = delivery::Entity::find()
            .filter(delivery::Column::State.eq("SENDING"))
            .all(app.db())
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.id)
            .collect();
        let after_other = sink.mails().len();
        // The killed server's lease on what it had claimed runs five minutes on the system
        // clock, which no served process lets a test move: the test ends the lease instead of
        // waiting it out, and starts the killed server again.
        delivery::Entity::update_many()
            .col_expr(
                delivery::Column::NextAttemptAt,
                sea_orm::sea_query::Expr::value(Some(Utc::now())),
            )
            .filter(delivery::Column::Id.is_in(stranded.iter().copied()))
            .exec(app.db())
            .await
            .unwrap();
        let restarted = serve(app.database_url(), sink.port);
        wait_until("every delivery sent", || async {
            deliveries_in(&app, &["SENT"]).await == 2 * due
        })
        .await;
        let took = started.elapsed();
        // A few more passes of both: nothing more goes out.
        tokio::time::sleep(Duration::from_millis(2500)).await;
        drop((restarted, other));
        let mails = sink.mails();

        // Every reminder due was sent, with one inbox entry for each recipient.
        let sent = reminder::Entity::find()
            .filter(reminder::Column::State.eq("SENT"))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(sent.len() as u64, due, "reminders sent");
        assert!(sent.iter().all(|row| row.due_on <= through));
        let entries = inbox_entry::Entity::find().all(app.db()).await.unwrap();
        let mut per_reminder: HashMap<(i32, i32), usize> = HashMap::new();
        for entry in &entries {
            *per_reminder
                .entry((entry.reminder_id, entry.user_id))
                .or_default() += 1;
        }
        assert!(
            per_reminder.values().all(|&n| n == 1),
            "an inbox entry twice"
        );
        assert_eq!(entries.len(), expected, "two inbox entries per reminder");
        let reminded: HashSet<i32> = entries.iter().map(|entry| entry.reminder_id).collect();
        assert!(sent.iter().all(|row| reminded.contains(&row.id)));

        // Every delivery is sent, and its mail arrived.
        let deliveries = delivery::Entity::find().all(app.db()).await.unwrap();
        assert_eq!(deliveries.len(), expected);
        assert!(deliveries.iter().all(|row| row.state == "SENT"));
        let wanted: HashSet<String> = deliveries
            .iter()
            .map(|row| format!("<verbund.delivery.{}@verbund.example>", row.id))
            .collect();
        let arrived: HashSet<String> = mails
            .iter()
            .map(|mail| mail["message_id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(arrived, wanted, "the mails that arrived are the deliveries");
        // A mail that arrived twice went to the same recipient about the same reminder under
        // the same Message-ID: each (recipient, subject) has one Message-ID.
        let mut ids: HashMap<(Value, Value), HashSet<&str>> = HashMap::new();
        for mail in &mails {
            ids.entry((mail["rcpt_tos"].clone(), mail["subject"].clone()))
                .or_default()
                .insert(mail["message_id"].as_str().unwrap());
        }
        assert_eq!(
            ids.len(),
            expected,
            "one (recipient, reminder) per delivery"
        );
        assert!(
            ids.values().all(|set| set.len() == 1),
            "a reminder went out twice under different Message-IDs"
        );
        let twice = mails.len() - arrived.len();
        eprintln!(
            "{expected} reminder mails ({due} reminders, 2 recipients) by two served processes in {took:?}; \
             {before_kill} arrived before the kill, {after_other} once the other server was done, \
             {} deliveries stranded by the killed server (lease ended, sent after its restart), \
             {twice} mails arrived twice (same Message-ID), {} in all",
            stranded.len(),
            mails.len()
        );
    }
);
