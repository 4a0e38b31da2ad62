//! `verbund backup` and restoring from it: the copy holds the same register, passes its
//! checks, and a server on the restored database answers as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ConnectionTrait, Database};
use serde_json::json;
use verbund_tests::{Backend, TestApp, both};

const QUERY: &str = "{ members { totalCount } contracts { totalCount } auditLog { totalCount } }";

/// Serves `db` and answers `QUERY` as the app's admin... through a fresh server.
async fn answer_from(app: &TestApp, url: &str) -> serde_json::Value {
    let db = Database::connect(url).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(verbund::http::serve(
        listener,
        verbund::http::router(db.clone()),
        std::future::pending(),
    ));
    // The admin's session lives in the restored database too.
    let body: serde_json::Value = app
        .authorize(reqwest::Client::new().post(format!("{address}/graphql")))
        .json(&json!({ "query": QUERY }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    server.abort();
    let _ = db.close().await;
    body
}

both!(a_backup_restores_the_same_register, |app| async move {
    // A change first, so the history is part of what is kept.
    let editor = app.as_staff("EDITOR").await;
    editor
        .data(
            "mutation { createSource(input: {title: \"Amtsblatt 2020\"}) { id } }",
            json!({}),
        )
        .await;
    let before = app.data(QUERY, json!({})).await;
    assert!(before["auditLog"]["totalCount"].as_i64().unwrap() >= 1);

    let dir = std::env::temp_dir().join(format!("verbund-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!(
        "{:?}-{}.backup",
        app.backend(),
        before["auditLog"]["totalCount"]
    ));
    let _ = std::fs::remove_file(&out);
    let report = verbund::backup::run(app.db(), app.database_url(), &out)
        .await
        .expect("backup");
    assert!(report.bytes > 0);
    // A second backup to the same file is refused rather than overwriting it.
    assert!(
        verbund::backup::run(app.db(), app.database_url(), &out)
            .await
            .is_err()
    );

    let restored_url = match app.backend() {
        Backend::Sqlite => {
            let (organisations, contracts, audit) = report.counts.unwrap();
            assert!(
                organisations == 8 && contracts == 4 && audit >= 1,
                "{report:?}"
            );
            format!("sqlite://{}?mode=rw", out.display())
        }
        Backend::Postgres => {
            // Restore into a new database with pg_restore, as the README says.
            let name = format!("verbund_test_restore_{}", std::process::id());
            let admin_url = verbund_tests::with_database(app.database_url(), "postgres");
            let admin = verbund_tests::admin_connection(&admin_url).await.unwrap();
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let url = verbund_tests::with_database(app.database_url(), &name);
            let status = std::process::Command::new("pg_restore")
                .args(["--no-owner", "--exit-on-error", "--dbname", &url])
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success());
            url
        }
    };
    let after = answer_from(&app, &restored_url).await;
    assert_eq!(after["data"], before, "{after}");

    if app.backend() == Backend::Postgres {
        let admin_url = verbund_tests::with_database(app.database_url(), "postgres");
        let admin = verbund_tests::admin_connection(&admin_url).await.unwrap();
        let name = format!("verbund_test_restore_{}", std::process::id());
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
    let _ = std::fs::remove_dir_all(&dir);
});
