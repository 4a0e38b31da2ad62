//! The real binary under load receives SIGTERM: it stops taking new requests, finishes the
//! ones in flight, exits with 0, and leaves no change half-written (every change it confirmed
//! is in the database with its audit entry, and nothing else).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use common::{BIN, verbund};

const PASSWORD: &str = "Lasttest Passwort 2026";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_finishes_in_flight_requests_and_exits_cleanly() {
    let dir = std::env::temp_dir().join(format!("verbund-shutdown-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.join("v.db").display());

    assert!(verbund(&db).arg("seed").status().unwrap().success());
    let mut create = verbund(&db)
        .args(["user", "create", "--name", "last", "--role", "editor"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(create.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(create.wait().unwrap().success());

    let mut server = verbund(&db)
        .args(["serve", "--listen", "127.0.0.1:0", "--rate-limit", "0"])
        .env("VERBUND_WEB_DIR", dir.join("no-app"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let address = common::address(server.stdout.take().unwrap(), Duration::from_secs(30));
    let url = format!("{address}/graphql");
    let client = reqwest::Client::new();
    let login = client
        .post(&url)
        .json(&serde_json::json!({
            "query": "mutation($p: String!) { login(name: \"last\", password: $p) { me { name } } }",
            "variables": { "p": PASSWORD }
        }))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    // Sixteen clients write sources as fast as they can until the server is gone.
    let confirmed = Arc::new(AtomicUsize::new(0));
    let broken = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for c in 0..16 {
        let (client, url, cookie) = (client.clone(), url.clone(), cookie.clone());
        let (confirmed, broken, stop) = (confirmed.clone(), broken.clone(), stop.clone());
        clients.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                i += 1;
                let sent = client
                    .post(&url)
                    .header("cookie", &cookie)
                    .json(&serde_json::json!({
                        "query": "mutation($t: String!) { createSource(input: {title: $t}) { id } }",
                        "variables": { "t": format!("Last {c}-{i}") }
                    }))
                    .send()
                    .await;
                match sent {
                    Ok(response) => {
                        let status = response.status();
                        match response.json::<serde_json::Value>().await {
                            Ok(body) if status == 200 && body["data"]["createSource"]["id"].is_string() => {
                                confirmed.fetch_add(1, Ordering::SeqCst);
                            }
                            // An answer that is not a confirmed change must be a clean refusal.
                            Ok(body) => panic!("unexpected answer {status}: {body}"),
                            Err(_) => {
                                broken.fetch_add(1, Ordering::SeqCst);
                            }
                        }
                    }
                    // The server has closed its listener: no request was taken.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    let before_signal = confirmed.load(Ordering::SeqCst);
    assert!(
        before_signal > 10,
        "the load is running: {before_signal} changes"
    );
    assert!(
        Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let exited = tokio::task::spawn_blocking(move || {
        for _ in 0..100 {
            if let Some(status) = server.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = server.kill();
        None
    })
    .await
    .unwrap();
    stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.await.unwrap();
    }
    let status = exited.expect("the server exits within 10 s of SIGTERM");
    assert!(status.success(), "exit status {status}");
    assert_eq!(broken.load(Ordering::SeqCst), 0, "no answer was cut off");

    // Every confirmed change is there with its audit entry, and nothing else.
    let confirmed = confirmed.load(Ordering::SeqCst);
    let out = Command::new(BIN)
        .args(["backup", "--out"])
        .arg(dir.join("after.db"))
        .env("DATABASE_URL", &db)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check =
        sea_orm::Database::connect(format!("sqlite://{}?mode=ro", dir.join("v.db").display()))
            .await
            .unwrap();
    use sea_orm::{ConnectionTrait, Statement};
    let count = |sql: &'static str| {
        let check = &check;
        async move {
            check
                .query_one_raw(Statement::from_string(sea_orm::DbBackend::Sqlite, sql))
                .await
                .unwrap()
                .unwrap()
                .try_get_by_index::<i64>(0)
                .unwrap()
        }
    };
    let written = count("SELECT COUNT(*) FROM sources WHERE title LIKE 'Last %'").await;
    let audited =
        count("SELECT COUNT(*) FROM audit_entries WHERE operation = 'createSource'").await;
    eprintln!(
        "{before_signal} changes before SIGTERM, {confirmed} confirmed in all, {written} written"
    );
    assert_eq!(written, i64::try_from(confirmed).unwrap());
    assert_eq!(audited, written);
    check.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
