//! Contract lists filtered by status, end or notice deadline on today answer from the standing
//! the desk stores for each contract, and give the same answer as working each contract out:
//! before the scheduler has seen the contracts, after it has, once a deadline has passed and
//! again after the scheduler's next pass.

use sea_orm::{ConnectionTrait, EntityTrait};
use verbund::entities::contract;
use verbund_tests::{both, contract_row, renewing_contract_row};

use super::*;

/// The filters compared, each on the caller's today.
fn filters() -> Vec<Value> {
    vec![
        json!({ "status": ["IN_FORCE"] }),
        json!({ "status": ["NOTICE_GIVEN"] }),
        json!({ "status": ["ENDED"] }),
        json!({ "status": ["DRAFT", "SIGNED"] }),
        json!({ "endingBefore": "2026-01-01" }),
        json!({ "noticeDeadlineBefore": "2025-10-01" }),
        json!({ "noticeDeadlineBefore": "2026-10-01", "status": ["IN_FORCE"] }),
        json!({ "inForceOn": "2025-09-01", "kind": ["SERVICE_AGREEMENT"] }),
    ]
}

/// What each filter lists, by title, with the total the list reports.
async fn answers(app: &TestApp, today: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for filter in filters() {
        let filter = match filter.get("inForceOn") {
            Some(_) => json!({ "inForceOn": today, "kind": ["SERVICE_AGREEMENT"] }),
            None => filter,
        };
        let data = app
            .data(
                "query($filter: ContractFilter) {
                    contracts(filter: $filter, first: 100) { totalCount nodes { title } }
                }",
                json!({ "filter": filter }),
            )
            .await;
        let titles: Vec<String> = data["contracts"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|node| node["title"].as_str().unwrap().to_owned())
            .collect();
        let total = usize::try_from(data["contracts"]["totalCount"].as_u64().unwrap()).unwrap();
        assert_eq!(total, titles.len(), "{filter}: {data:#}");
        found.push((total, titles));
    }
    found
}

/// Contracts in every standing: running ones whose notice deadlines fall on other days,
/// noticed, ended by agreement, signed for later, unsigned, and open-ended ones.
async fn contracts_in_every_standing(app: &TestApp) {
    let mut rows = Vec::new();
    for i in 0..12u32 {
        let month = 1 + i % 12;
        let from = format!("2024-{month:02}-01");
        let mut row = renewing_contract_row(
            format!("Laufend {i:02}"),
            "2023-12-01",
            &from,
            12 + i as i32,
        );
        if i % 4 == 1 {
            row.notice_given_on = sea_orm::Set(Some("2025-03-15".parse().unwrap()));
        }
        if i % 5 == 2 {
            row.ended_on = sea_orm::Set(Some("2025-05-31".parse().unwrap()));
        }
        rows.push(row);
    }
    rows.push(renewing_contract_row(
        "Künftig",
        "2025-05-01",
        "2025-11-01",
        24,
    ));
    rows.push(contract_row("Entwurf"));
    let mut open_ended = contract_row("Unbefristet");
    open_ended.signed_on = sea_orm::Set(Some("2020-01-01".parse().unwrap()));
    rows.push(open_ended);
    contract::Entity::insert_many(rows)
        .exec_without_returning(app.db())
        .await
        .unwrap();
}

both!(
    lists_answer_from_the_stored_standing_as_they_would_compute,
    |app| async move {
        contracts_in_every_standing(&app).await;
        let (clock, timing) = clock_at("2025-06-02T08:00:00Z");
        let app = timed(&app, &timing).await;

        // The desk has not seen the contracts yet: each list works them out.
        let computed = answers(&app, "2025-06-02").await;
        assert!(
            computed.iter().all(|(total, _)| *total > 0),
            "{computed:#?}"
        );
        pass(&app, &timing).await;
        assert_eq!(
            app.count_rows("contract_desk WHERE standing_on = '2025-06-02'")
                .await,
            app.count_rows("contracts").await
        );
        assert_eq!(answers(&app, "2025-06-02").await, computed);

        // Past the notice deadline of 30 June: the standing stored on 2 June no longer holds, and
        // until the scheduler's next pass the lists work the contracts out again.
        clock.set(instant("2025-07-01T08:00:00Z"));
        let later = answers(&app, "2025-07-01").await;
        assert_ne!(later, computed, "a deadline passed: some list must change");
        pass(&app, &timing).await;
        assert_eq!(answers(&app, "2025-07-01").await, later);

        // The lists read the stored standing: a row changed behind the register's back shows.
        app.db()
            .execute_unprepared(
                "UPDATE contract_desk SET status = 'ENDED' WHERE contract_id = \
             (SELECT id FROM contracts WHERE title = 'Künftig')",
            )
            .await
            .unwrap();
        let ended = &answers(&app, "2025-07-01").await[2].1;
        assert!(ended.contains(&"Künftig".to_owned()), "{ended:?}");
    }
);
