//! No N+1: the number of SQL statements a query runs must not grow with the page size.
//!
//! Each relation is loaded in one batch per request, so a page of 5 and a page of
//! 20 cost the same statements. A resolver that queried per row would add at least one
//! statement per row, and the two counts would differ by 15 or more.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use verbund::entities::{contract, contract_party, coverage, organisation};
use verbund_tests::{TestApp, both, nodes};

/// The most statements a page of any size may cost.
const MAX_STATEMENTS: usize = 8;

/// 30 contracts, each with two parties and two coverages of two different services, all in
/// force before the seed's contracts, so every page below is made of them.
async fn insert_contracts(app: &TestApp) {
    let db = app.db();
    let now = Utc::now();
    let mut services = Vec::new();
    for code in ["LAST-A", "LAST-B"] {
        let row = verbund_tests::service_row(code, format!("Dienst {code}"))
            .insert(db)
            .await
            .unwrap();
        services.push(row.id);
    }
    let organisations: Vec<i32> = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();

    contract::Entity::insert_many((0..30u64).map(|i| contract::ActiveModel {
        number: Set(Some(format!("LAST-{i:02}"))),
        signed_on: Set(Some(start)),
        effective_from: Set(start.checked_add_days(Days::new(i))),
        ..verbund_tests::contract_row(format!("Lastvertrag {i:02}"))
    }))
    .exec(db)
    .await
    .unwrap();
    let contracts: Vec<i32> = contract::Entity::find()
        .filter(contract::Column::Title.starts_with("Lastvertrag"))
        .order_by_asc(contract::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    assert_eq!(contracts.len(), 30);

    let org = |i: usize| organisations[i % organisations.len()];
    let mut parties = Vec::new();
    let mut coverages = Vec::new();
    for (i, &id) in contracts.iter().enumerate() {
        for (organisation, role) in [(org(i), "PROVIDER"), (org(i + 1), "MEMBER")] {
            parties.push(contract_party::ActiveModel {
                contract_id: Set(id),
                organisation_id: Set(organisation),
                role: Set(Some(role.to_owned())),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
        }
        for (k, &service) in services.iter().enumerate() {
            coverages.push(coverage::ActiveModel {
                workstations: Set(Some(10 + i as i32)),
                ..verbund_tests::coverage_row(Some(id), service, org(i + k + 2), start)
            });
        }
    }
    contract_party::Entity::insert_many(parties)
        .exec(db)
        .await
        .unwrap();
    coverage::Entity::insert_many(coverages)
        .exec(db)
        .await
        .unwrap();
}

/// The statements, each cut to what tells them apart, for failure messages.
fn short(log: Vec<String>) -> Vec<String> {
    log.into_iter()
        .map(|sql| {
            let from = sql.find(" FROM ").map_or("", |i| &sql[i..]);
            from.chars().take(110).collect()
        })
        .collect()
}

const CONTRACTS: &str = "query($first: Int) { contracts(first: $first) { nodes {
    title
    parties { organisation { name } }
    coverages(first: 10) { nodes { workstations service { name } organisation { name } } }
} } }";

/// Runs the contract page of `first` and answers the statements it cost.
async fn contract_page_statements(app: &TestApp, first: usize) -> usize {
    app.reset_statements();
    let data = app.data(CONTRACTS, json!({ "first": first })).await;
    let statements = app.statements();
    // The page really holds what the statements were counted for.
    let page = nodes(&data["contracts"]);
    assert_eq!(page.len(), first);
    for item in page {
        assert!(item["title"].as_str().unwrap().starts_with("Lastvertrag"));
        let parties = item["parties"].as_array().unwrap();
        assert_eq!(parties.len(), 2, "{item:#}");
        assert!(
            parties
                .iter()
                .all(|p| p["organisation"]["name"].is_string())
        );
        let coverages = nodes(&item["coverages"]);
        assert_eq!(coverages.len(), 2, "{item:#}");
        assert_ne!(
            coverages[0]["service"]["name"],
            coverages[1]["service"]["name"]
        );
        assert!(
            coverages
                .iter()
                .all(|c| c["organisation"]["name"].is_string())
        );
        assert!(coverages.iter().all(|c| c["workstations"].is_i64()));
    }
    statements
}

/// How often each page is measured. A batch holds the keys one level of the query asks for;
/// a relation reached from two parents that are loaded apart (a contract's parties and its
/// coverages both lead to organisations) may still take two batches when one parent's rows
/// arrive after the other's were resolved (seen: a contract page costing 6 statements instead
/// of 5, once in ten runs). The fewest of several runs is the count the batching allows;
/// per-row loading would add a statement per row to every run.
const RUNS: usize = 10;

/// The fewest statements `first` cost over [`RUNS`] runs, and all the counts.
async fn best_of_runs(app: &TestApp, first: usize) -> (usize, Vec<usize>) {
    let mut counts = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        counts.push(contract_page_statements(app, first).await);
    }
    (counts.iter().copied().min().unwrap_or_default(), counts)
}

both!(contract_page_has_no_n_plus_one, |app| async move {
    insert_contracts(&app).await;
    let (small, small_runs) = best_of_runs(&app, 5).await;
    let (large, large_runs) = best_of_runs(&app, 20).await;
    eprintln!(
        "{:?}: contracts page of 5 ran {small} statements (runs: {small_runs:?}), \
         page of 20 ran {large} (runs: {large_runs:?})",
        app.backend()
    );
    let last_run = short(app.statement_log());
    assert_eq!(
        small, large,
        "statements grew with the page size; the last run: {last_run:#?}"
    );
    assert!(
        large <= MAX_STATEMENTS,
        "{large} statements for one page; the last run: {last_run:#?}"
    );
    // Counting works at all: a page cannot be had for nothing.
    assert!(small >= 2, "only {small} statements counted");
});

const MEMBERS: &str = r#"query($first: Int) { members(asOf: "2019-01-01", first: $first) { nodes {
    name
    parent { name }
    isMember(asOf: "2019-01-01")
    memberships { joinedOn contract { title parties { role } } source { title } }
    people { name }
    figures { value }
    workstations(asOf: "2019-01-01")
    coverages { nodes { service { name } } }
    contracts { nodes { title } }
} } }"#;

both!(member_page_has_no_n_plus_one, |app| async move {
    let mut best = Vec::new();
    for first in [2, 6] {
        let mut counts = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            app.reset_statements();
            let data = app.data(MEMBERS, json!({ "first": first })).await;
            counts.push(app.statements());
            let page = nodes(&data["members"]);
            assert_eq!(page.len(), first);
            assert!(page.iter().all(|m| m["isMember"] == true));
            assert!(
                page.iter()
                    .all(|m| m["memberships"][0]["contract"]["title"].is_string())
            );
        }
        let fewest = counts.iter().copied().min().unwrap_or_default();
        eprintln!(
            "{:?}: members page of {first} ran {fewest} statements (runs: {counts:?})",
            app.backend()
        );
        best.push(fewest);
    }
    assert_eq!(
        best[0],
        best[1],
        "statements grew with the page size; the last run: {:#?}",
        short(app.statement_log())
    );
    // Thirteen relations and aggregates, one batch each.
    assert!(best[1] <= 2 * MAX_STATEMENTS, "{} statements", best[1]);
});

// The benchmark's three nested queries (bench/queries), each read with a partner token as
// the benchmark does: at most three statements in every run, the token's lookup included.
both!(
    benchmark_queries_cost_at_most_three_statements,
    |app| async move {
        let data = app
        .data(
            "mutation { createApiToken(input: {name: \"Zählung\", scopes: [MEMBERS_READ, CONTRACTS_READ, COVERAGE_READ], expiresInDays: 1}) { token } }",
            json!({}),
        )
        .await;
        let partner = app.as_token(data["createApiToken"]["token"].as_str().unwrap());
        let queries = [
            (
                "Q2",
                "{ members(first: 50) { nodes { name contracts(first: 10) { nodes { title } } } } }",
            ),
            (
                "Q3",
                "{ contracts(first: 20) { nodes { title coverages(first: 10) { nodes { workstations service { name } } } } } }",
            ),
            (
                "Q4",
                "{ members(first: 50) { nodes { name workstations } } }",
            ),
        ];
        // The first use of a token records when it was used; that write is once a minute.
        partner.data("{ me { name } }", json!({})).await;
        for (name, query) in queries {
            let mut counts = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                app.reset_statements();
                partner.data(query, json!({})).await;
                counts.push(app.statements());
            }
            let most = counts.iter().copied().max().unwrap_or_default();
            eprintln!(
                "{:?}: {name} ran at most {most} statements (runs: {counts:?})",
                app.backend()
            );
            // Each level of these queries has one parent, so no run may split a batch.
            assert!(
                most <= 3,
                "{name}: {most} statements in a run: {:#?}",
                short(app.statement_log())
            );
        }
    }
);
