//! The migrations run up, all the way down and up again on both backends, the seed is
//! idempotent, and a migration that fills a new column from older rows fills it as the
//! server writes it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use verbund::entities::{audit_entry, membership, organisation};
use verbund_migrations::{Migrator, MigratorTrait, SchemaManager};
use verbund_tests::{both, both_empty, nodes};

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
    assert_eq!(organisation::Entity::find().count(&db).await.unwrap(), 19);
    assert_eq!(membership::Entity::find().count(&db).await.unwrap(), 13);
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
        13,
        "no membership was added twice"
    );
});

both!(seed_corrects_what_an_earlier_seed_wrote, |app| async move {
    // The 2019 data set recorded Grabow and Neustadt-Glewe as towns outside an Amt, without
    // keys, in the district's territory: written straight to the table, as a seed writes.
    let district = app.organisation_id("Landkreis Ludwigslust-Parchim").await;
    app.db()
        .execute_unprepared(
            "UPDATE organisations SET kind = 'AMTSFREIE_STADT', official_key = NULL,
                 parent_id = (SELECT id FROM organisations WHERE name = 'Landkreis Ludwigslust-Parchim')
             WHERE name IN ('Stadt Grabow', 'Stadt Neustadt-Glewe')",
        )
        .await
        .unwrap();
    // Since then an editor has changed Neustadt-Glewe: the seed must leave it as it is.
    let editor = app.as_staff("EDITOR").await;
    let neustadt = app.organisation("Stadt Neustadt-Glewe", "id version").await;
    editor
        .data(
            "mutation($id: ID!, $version: Int!, $parent: ID) {
                updateOrganisation(id: $id, version: $version, input: {name: \"Stadt Neustadt-Glewe\",
                    shortName: \"Neustadt\", kind: AMTSFREIE_STADT, parentId: $parent}) { version } }",
            json!({ "id": neustadt["id"], "version": neustadt["version"], "parent": district }),
        )
        .await;

    let report = verbund::seed::run(app.db()).await.expect("seed again");
    assert_eq!((report.inserted, report.corrected), (0, 1), "{report:?}");
    assert_eq!(report.kept.len(), 1, "{report:?}");
    assert!(
        report.kept[0].contains("Stadt Neustadt-Glewe") && report.kept[0].contains("kind"),
        "{report:?}"
    );

    let fields =
        "kind officialKey parent { name } history { nodes { actor operation before after } }";
    let grabow = app.organisation("Stadt Grabow", fields).await;
    assert_eq!(grabow["kind"], "AMTSANGEHOERIGE_STADT");
    assert_eq!(grabow["officialKey"], "13076050");
    assert_eq!(grabow["parent"]["name"], "Amt Grabow");
    let correction = &nodes(&grabow["history"])[0];
    assert_eq!(correction["actor"], "verbund seed");
    assert_eq!(correction["operation"], "seedCorrect");
    assert!(
        correction["before"]
            .as_str()
            .unwrap()
            .contains("AMTSFREIE_STADT")
    );
    let kept = app.organisation("Stadt Neustadt-Glewe", fields).await;
    assert_eq!(kept["kind"], "AMTSFREIE_STADT");
    assert_eq!(kept["parent"]["name"], "Landkreis Ludwigslust-Parchim");

    // Once corrected, nothing more to do; what was kept is named again.
    let again = verbund::seed::run(app.db())
        .await
        .expect("seed a third time");
    assert_eq!(
        (again.inserted, again.corrected, again.kept.len()),
        (0, 0, 1)
    );
});

both!(seed_has_the_thirteen_members_of_2021, |app| async move {
    let data = app
        .data(
            r#"{ members(asOf: "2021-12-31", first: 50) { totalCount nodes { name kind officialKey } }
                 before: members(asOf: "2021-06-09") { totalCount }
                 y2020: members(asOf: "2020-01-01") { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["members"]["totalCount"], 13);
    assert_eq!(data["before"]["totalCount"], 9);
    assert_eq!(data["y2020"]["totalCount"], 9);
    let mut members: Vec<(String, String, Value)> = nodes(&data["members"])
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_owned(),
                m["kind"].as_str().unwrap().to_owned(),
                m["officialKey"].clone(),
            )
        })
        .collect();
    members.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        ("Amt Parchimer Umland", "AMT", Value::Null),
        ("Amt Stralendorf", "AMT", Value::Null),
        ("Amt Zarrentin", "AMT", Value::Null),
        (
            "Landeshauptstadt Schwerin",
            "KREISFREIE_STADT",
            json!("13004000"),
        ),
        ("Landkreis Ludwigslust-Parchim", "LANDKREIS", json!("13076")),
        (
            "Stadt Boizenburg/Elbe",
            "AMTSFREIE_STADT",
            json!("13076014"),
        ),
        ("Stadt Grabow", "AMTSANGEHOERIGE_STADT", json!("13076050")),
        ("Stadt Ludwigslust", "AMTSFREIE_STADT", json!("13076090")),
        ("Stadt Lübtheen", "AMTSFREIE_STADT", json!("13076088")),
        ("Stadt Lübz", "AMTSANGEHOERIGE_STADT", json!("13076089")),
        (
            "Stadt Neustadt-Glewe",
            "AMTSANGEHOERIGE_STADT",
            json!("13076105"),
        ),
        ("Stadt Parchim", "AMTSFREIE_STADT", json!("13076108")),
        ("Stadt Wittenburg", "AMTSANGEHOERIGE_STADT", Value::Null),
    ]
    .map(|(name, kind, key)| (name.to_owned(), kind.to_owned(), key));
    assert_eq!(members, expected);

    // Parchim is covered only by its procurement office and school IT; Stralendorf's share.
    let parchim = app
        .organisation(
            "Stadt Parchim",
            r#"coverages(asOf: "2021-12-31") { nodes { service { code } } }
               memberships { joinedOn legalEffectOn source { note } }"#,
        )
        .await;
    let mut codes: Vec<&str> = nodes(&parchim["coverages"])
        .iter()
        .map(|c| c["service"]["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, ["SCHUL-IT", "VERGABESTELLE"]);
    let membership = &parchim["memberships"][0];
    assert_eq!(membership["joinedOn"], "2021-06-10");
    assert_eq!(membership["legalEffectOn"], Value::Null);
    assert!(
        membership["source"]["note"]
            .as_str()
            .unwrap()
            .contains("10. Juni 2021")
    );
    let stralendorf = app
        .organisation("Amt Stralendorf", "memberships { capitalShare }")
        .await;
    assert_eq!(stralendorf["memberships"][0]["capitalShare"], "500.00");
});

/// Each audit entry's owner (see `register::feed`), by the entry's id.
async fn entry_owners(db: &DatabaseConnection) -> Vec<(i64, String, Option<i32>)> {
    use sea_orm::QueryOrder;
    audit_entry::Entity::find()
        .order_by_asc(audit_entry::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| (entry.id, entry.record_type, entry.owner_id))
        .collect()
}

both!(
    entries_written_before_the_owner_was_kept_take_it_from_their_snapshot,
    |app| async move {
        // A deletion too: only its snapshot before the change names the owner.
        let figure = app
            .data(
                "{ organisations(first: 50) { nodes { figures { id version } } } }",
                json!({}),
            )
            .await;
        let figure = nodes(&figure["organisations"])
            .iter()
            .find_map(|o| o["figures"].as_array()?.first().cloned())
            .expect("a key figure in the seed");
        app.data(
            "mutation($id: ID!, $v: Int!) { deleteKeyFigure(id: $id, version: $v) }",
            json!({ "id": figure["id"], "v": figure["version"] }),
        )
        .await;
        let written = entry_owners(app.db()).await;
        let kinds = |with_owner: bool| -> BTreeSet<&str> {
            written
                .iter()
                .filter(|(_, _, owner)| owner.is_some() == with_owner)
                .map(|(_, kind, _)| kind.as_str())
                .collect()
        };
        // Every entry of a type a member sees by its owner has one; the others have none.
        let owned = BTreeSet::from([
            "Contract",
            "Coverage",
            "KeyFigure",
            "Membership",
            "Organisation",
            "Person",
        ]);
        assert_eq!(kinds(true), owned, "{written:?}");
        assert!(kinds(false).is_disjoint(&owned), "{written:?}");

        // The migration that keeps the owner, undone and run again over these entries.
        let all = Migrator::migrations();
        let at = all
            .iter()
            .position(|m| m.name() == "m20261208_000094_audit_owner")
            .expect("the migration");
        let later = u32::try_from(all.len() - at).unwrap();
        Migrator::down(app.db(), Some(later)).await.expect("down");
        Migrator::up(app.db(), None).await.expect("up");
        assert_eq!(entry_owners(app.db()).await, written);
    }
);
