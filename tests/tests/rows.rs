//! Rows read by position (`verbund::entities::rows`) are the very models the ORM reads by name: every
//! register table of the seeded database, on both databases, with its NULLs and its dates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{EntityTrait, QueryOrder};
use verbund::entities::rows;
use verbund::entities::{
    audit_entry, contract, contract_party, coverage, key_figure, membership, organisation, person,
    service, source,
};
use verbund_tests::both;

macro_rules! same_rows {
    ($db:expr, $($entity:ident),+) => {$(
        let by_name = $entity::Entity::find()
            .order_by_asc($entity::Column::Id)
            .all($db)
            .await
            .unwrap();
        let by_position = rows::find($db, $entity::Entity::find().order_by_asc($entity::Column::Id))
            .await
            .unwrap();
        assert_eq!(by_position, by_name, "{}", stringify!($entity));
    )+};
}

both!(rows_read_by_position_equal_the_orms, |app| async move {
    let db = app.db();
    // The seed has rows in every table but the audit log; one change fills that too.
    app.as_staff("EDITOR")
        .await
        .data(
            "mutation { createSource(input: { title: \"Zeitung\" }) { id } }",
            serde_json::json!({}),
        )
        .await;
    assert!(!contract::Entity::find().all(db).await.unwrap().is_empty());
    assert!(
        !audit_entry::Entity::find()
            .all(db)
            .await
            .unwrap()
            .is_empty()
    );
    same_rows!(
        db,
        organisation,
        membership,
        contract,
        contract_party,
        coverage,
        person,
        key_figure,
        service,
        source,
        audit_entry
    );
});

both!(
    a_result_without_the_expected_columns_is_refused,
    |app| async move {
        let db = app.db();
        let statement = sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT title, id FROM contracts",
        );
        let err = rows::all::<contract::Model>(db, statement)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("expected `id`"), "{err}");
    }
);
