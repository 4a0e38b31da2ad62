//! A subscriber whose server dies misses nothing: two real servers (`verbund serve`, each its
//! own process) on one PostgreSQL database; a partner token subscribes to `registerChanged`
//! on server A while a service is renamed again and again through server B, and A is killed
//! (SIGKILL) midway. The subscriber reconnects to B with `after:` the last cursor it received,
//! and what it heard on both, put together, is exactly the audit entries of services committed
//! since it subscribed: each once, in commit order, none missing.
//!
//! PostgreSQL only: that every server hears every committed change through `LISTEN` is the
//! point (on SQLite the run returns at once).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use async_graphql::connection::CursorType;
use common::Served;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use verbund::entities::audit_entry;
use verbund::graphql::feed::FeedCursor;
use verbund_tests::socket::{CHANGED, Said, Socket};
use verbund_tests::{Backend, TestApp, both};

/// The renames made through B in all.
const CHANGES: usize = 120;
/// The renames heard on A before it is killed.
const BEFORE_KILL: usize = 40;
/// The longest any one wait of the test may take.
const WAIT: Duration = Duration::from_secs(60);

/// The next event on `socket` for subscription `id`: its `registerChanged`; `None` when the
/// socket ended (closed, or the server gone). Panics on anything else, or when nothing comes
/// within [`WAIT`].
async fn next_event(socket: &mut Socket, id: &str) -> Option<Value> {
    match socket.next_within(WAIT).await {
        Some(Said::Message(message)) if message["type"] == "next" && message["id"] == id => {
            assert!(message["payload"]["errors"].is_null(), "{message:#}");
            Some(message["payload"]["data"]["registerChanged"].clone())
        }
        Some(Said::Closed(..)) => None,
        None => None,
        Some(other) => panic!("expected an event of {id}, got {other:?}"),
    }
}

/// The position in the feed a cursor stands for.
fn position(cursor: &Value) -> i64 {
    FeedCursor::decode_cursor(cursor.as_str().unwrap())
        .unwrap()
        .0
}

/// The cursors of the audit entries of services from position `from` on, in commit order.
async fn services_changed_from(app: &TestApp, from: i64) -> Vec<String> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Position.gte(from))
        .filter(audit_entry::Column::RecordType.eq("Service"))
        .order_by_asc(audit_entry::Column::Position)
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|entry| FeedCursor(entry.position.unwrap()).encode_cursor())
        .collect()
}

both!(
    a_subscriber_whose_server_is_killed_resumes_on_another_and_misses_nothing,
    |app| async move {
        if app.backend() != Backend::Postgres {
            return;
        }
        let started = Instant::now();
        let a = Served::start(app.database_url(), std::iter::empty::<&str>());
        let b = Served::start(app.database_url(), std::iter::empty::<&str>());
        let editor = app.at(&b.address);
        let secret = app.partner_token(json!(["COVERAGE_READ"]), None).await;
        let partner = app.as_token(&secret);

        // The subscriber on A, live from now; the first rename (through B) marks where it
        // started: every change from it on must be heard.
        let mut socket = Socket::open(&partner.at(&a.address)).await;
        socket
            .subscribe("s", CHANGED, json!({ "types": ["Service"] }))
            .await;
        let (id, mut version) = editor.first_service().await;
        // A subscription starts while its first message is on the way: rename until one is
        // heard (at most a few times).
        let first = loop {
            let body = editor.rename_service(&id, version, "Betrieb 0").await;
            assert!(body["errors"].is_null(), "{body:#}");
            version += 1;
            if let Ok(event) =
                tokio::time::timeout(Duration::from_millis(500), next_event(&mut socket, "s")).await
            {
                break event.expect("A's socket open");
            }
            assert!(started.elapsed() < WAIT, "no event heard on A");
        };
        let mut heard = vec![first];

        // Renames through B, one after another, until CHANGES are made; A is killed midway.
        let changer = tokio::spawn({
            let editor = editor.clone();
            let id = id.clone();
            async move {
                for n in 1..=CHANGES {
                    let body = editor
                        .rename_service(&id, version, &format!("Betrieb {n}"))
                        .await;
                    assert!(body["errors"].is_null(), "{body:#}");
                    version += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        });
        while heard.len() <= BEFORE_KILL {
            heard.push(next_event(&mut socket, "s").await.expect("A's socket open"));
        }
        a.kill();
        // What A had sent before it died is still read; then the socket ends.
        while let Some(event) = next_event(&mut socket, "s").await {
            heard.push(event);
        }
        let on_a = heard.len();

        // Back on B, from the last cursor heard, once changes were committed meanwhile (as
        // a client that takes its time to reconnect): B replays them before it goes on live.
        let last = heard.last().unwrap()["cursor"].clone();
        let away = Instant::now();
        let missed = loop {
            let missed = services_changed_from(&app, position(&last) + 1).await.len();
            if missed > 0 {
                break missed;
            }
            assert!(away.elapsed() < WAIT, "no change committed after the kill");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let mut socket = Socket::open(&partner.at(&b.address)).await;
        socket
            .subscribe("r", CHANGED, json!({ "types": ["Service"], "after": last }))
            .await;
        tokio::time::timeout(WAIT, changer)
            .await
            .expect("the renames within the time allowed")
            .expect("the renames");

        // What was committed since the first rename heard, in commit order.
        let committed = services_changed_from(&app, position(&heard[0]["cursor"])).await;
        assert!(committed.len() > CHANGES, "{} committed", committed.len());
        while heard.len() < committed.len() {
            heard.push(next_event(&mut socket, "r").await.expect("B's socket open"));
        }
        // And nothing more.
        let more = socket.silent_for(Duration::from_millis(700)).await;
        assert_eq!(more, None, "more than was committed");
        drop(b);

        let cursors: Vec<String> = heard
            .iter()
            .map(|event| event["cursor"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            cursors, committed,
            "the events heard are the changes committed"
        );
        // Each rename once, in order: the service's versions one after another.
        let versions: Vec<i64> = heard
            .iter()
            .map(|event| {
                assert_eq!(event["recordId"], id.as_str());
                event["version"].as_i64().unwrap()
            })
            .collect();
        let first = versions[0];
        let expected: Vec<i64> = (first..first + versions.len() as i64).collect();
        assert_eq!(versions, expected);
        eprintln!(
            "{} changes heard: {on_a} on A before it was killed and its socket ended, {} on B \
             after reconnecting with the last cursor ({missed} of them committed while it was \
             away); {:?} in all",
            heard.len(),
            heard.len() - on_a,
            started.elapsed()
        );
    }
);
