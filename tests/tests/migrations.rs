//! The migrations run up, all the way down and up again on both backends, and the seed is
//! idempotent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::json;
use verbund::entities::{membership, organisation};
use verbund_migrations::{Migrator, MigratorTrait, SchemaManager};
use verbund_tests::{both, both_empty};

const TABLES: [&str; 9] = [
    "sources",
    "organisations",
    "contracts",
    "contract_parties",
    "memberships",
    "services",
    "coverages",
    "people",
    "key_figures",
];

/// The register's tables that exist.
async fn tables(db: &DatabaseConnection) -> Vec<&'static str> {
    let manager = SchemaManager::new(db);
    let mut found = Vec::new();
    for table in TABLES {
        if manager.has_table(table).await.unwrap() {
            found.push(table);
        }
    }
    found
}

both_empty!(up_down_up_then_seed, |database| async move {
    let db = database.connect().await;
    assert!(tables(&db).await.is_empty());

    Migrator::up(&db, None).await.expect("first up");
    assert_eq!(tables(&db).await, TABLES);
    assert!(
        Migrator::get_pending_migrations(&db)
            .await
            .unwrap()
            .is_empty()
    );

    Migrator::down(&db, None).await.expect("down all the way");
    assert_eq!(
        tables(&db).await,
        Vec::<&str>::new(),
        "down leaves tables behind"
    );
    assert_eq!(
        Migrator::get_pending_migrations(&db).await.unwrap().len(),
        Migrator::migrations().len()
    );

    Migrator::up(&db, None).await.expect("second up");
    assert_eq!(tables(&db).await, TABLES);

    let first = verbund::seed::run(&db).await.expect("seed");
    assert!(first.inserted > 0, "the seed inserted nothing");
    assert_eq!(organisation::Entity::find().count(&db).await.unwrap(), 8);
    assert_eq!(membership::Entity::find().count(&db).await.unwrap(), 6);
    db.close().await.unwrap();
});

both!(seed_twice_changes_nothing, |app| async move {
    let query = r#"{ members(asOf: "2019-01-01") { totalCount }
                     organisations { totalCount } contracts { totalCount }
                     coverages { totalCount } services { totalCount } }"#;
    let before = app.data(query, json!({})).await;
    assert_eq!(before["members"]["totalCount"], 6);

    let again = verbund::seed::run(app.db()).await.expect("second seed");
    assert_eq!(again.inserted, 0);
    let third = verbund::seed::run(app.db()).await.expect("third seed");
    assert_eq!(third.inserted, 0);

    let after = app.data(query, json!({})).await;
    assert_eq!(after, before);
    assert_eq!(
        membership::Entity::find().count(app.db()).await.unwrap(),
        6,
        "no membership was added twice"
    );
});
