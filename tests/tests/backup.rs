//! `verbund backup` and restoring from it: the copy holds the same register, passes its
//! checks, and a server on the restored database answers as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::json;
use verbund_tests::{Backend, TestApp, admin_connection, both, with_database};

const QUERY: &str = "{ members { totalCount } contracts { totalCount } auditLog { totalCount } }";

/// The database a PostgreSQL backup is restored into, and a connection to the server's
/// maintenance database to create and drop it.
async fn restore_target(app: &TestApp) -> (String, DatabaseConnection) {
    let name = format!("verbund_test_restore_{}", std::process::id());
    let admin_url = with_database(app.database_url(), "postgres");
    (name, admin_connection(&admin_url).await.unwrap())
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
                organisations == 19 && contracts == 11 && audit >= 1,
                "{report:?}"
            );
            format!("sqlite://{}?mode=rw", out.display())
        }
        Backend::Postgres => {
            // Restore into a new database with pg_restore, as the README says.
            let (name, admin) = restore_target(&app).await;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let url = with_database(app.database_url(), &name);
            let status = std::process::Command::new("pg_restore")
                .args(["--no-owner", "--exit-on-error", "--dbname", &url])
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success());
            url
        }
    };
    // The admin's session lives in the restored database too.
    let restored = Database::connect(&restored_url).await.unwrap();
    let after = app.served_by(restored).await.data(QUERY, json!({})).await;
    assert_eq!(after, before);

    if app.backend() == Backend::Postgres {
        let (name, admin) = restore_target(&app).await;
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
    let _ = std::fs::remove_dir_all(&dir);
});
