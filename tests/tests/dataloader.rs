//! No N+1: the number of SQL statements a query runs must not grow with the page size.
//!
//! Each relation is loaded in one batch per request, so a page of 5 and a page of
//! 20 cost the same statements. A resolver that queried per row would add at least one
//! statement per row, and the two counts would differ by 15 or more.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;

use chrono::{Days, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Set,
};
use serde_json::json;
use verbund::entities::{contract, contract_party, coverage, organisation};
use verbund::register::totals::{kept, repair};
use verbund_tests::{TestApp, both, contract_row, coverage_row, nodes, party_row, service_row};

/// The most statements a page of any size may cost.
const MAX_STATEMENTS: usize = 8;

/// The ids of the rows `query` finds, in their order.
async fn ids<E: EntityTrait>(db: &DatabaseConnection, query: Select<E>, id: E::Column) -> Vec<i32> {
    query
        .select_only()
        .column(id)
        .order_by_asc(id)
        .into_tuple()
        .all(db)
        .await
        .unwrap()
}

/// 30 contracts, each with two parties and two coverages of two different services, all in
/// force before the seed's contracts, so every page below is made of them.
async fn insert_contracts(app: &TestApp) {
    let db = app.db();
    let mut services = Vec::new();
    for code in ["LAST-A", "LAST-B"] {
        let row = service_row(code, format!("Dienst {code}"))
            .insert(db)
            .await
            .unwrap();
        services.push(row.id);
    }
    let organisations = ids(db, organisation::Entity::find(), organisation::Column::Id).await;
    let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();

    contract::Entity::insert_many((0..30u64).map(|i| contract::ActiveModel {
        number: Set(Some(format!("LAST-{i:02}"))),
        signed_on: Set(Some(start)),
        effective_from: Set(start.checked_add_days(Days::new(i))),
        ..contract_row(format!("Lastvertrag {i:02}"))
    }))
    .exec(db)
    .await
    .unwrap();
    let load = contract::Entity::find().filter(contract::Column::Title.starts_with("Lastvertrag"));
    let contracts = ids(db, load, contract::Column::Id).await;
    assert_eq!(contracts.len(), 30);

    let org = |i: usize| organisations[i % organisations.len()];
    let mut parties = Vec::new();
    let mut coverages = Vec::new();
    for (i, &id) in contracts.iter().enumerate() {
        parties.push(party_row(id, org(i), "PROVIDER"));
        parties.push(party_row(id, org(i + 1), "MEMBER"));
        for (k, &service) in services.iter().enumerate() {
            coverages.push(coverage::ActiveModel {
                workstations: Set(Some(10 + i as i32)),
                ..coverage_row(Some(id), service, org(i + k + 2), start)
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
    // Rows written straight into the table: their totals are written afresh.
    repair::rebuild(db, kept::today()).await.unwrap();
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

/// Runs the contract page of `first` and checks that it holds what its statements are
/// counted for.
async fn contract_page(app: &TestApp, first: usize) {
    let data = app.data(CONTRACTS, json!({ "first": first })).await;
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
}

/// How often each page is measured. A batch holds the keys one level of the query asks for;
/// a relation reached from two parents that are loaded apart (a contract's parties and its
/// coverages both lead to organisations) may still take two batches when one parent's rows
/// arrive after the other's were resolved (seen: a contract page costing 6 statements instead
/// of 5, once in ten runs). The fewest of several runs is the count the batching allows;
/// per-row loading would add a statement per row to every run.
const RUNS: usize = 10;

/// The statements each of [`RUNS`] runs of `run` cost on the app's connection.
async fn counts<F, Fut>(app: &TestApp, mut run: F) -> Vec<usize>
where
    F: FnMut() -> Fut,
    Fut: Future,
{
    let mut counts = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        app.reset_statements();
        run().await;
        counts.push(app.statements());
    }
    counts
}

/// The fewest statements of some runs: the count the batching allows.
fn fewest(counts: &[usize]) -> usize {
    counts.iter().copied().min().unwrap_or_default()
}

both!(contract_page_has_no_n_plus_one, |app| async move {
    insert_contracts(&app).await;
    let small_runs = counts(&app, || contract_page(&app, 5)).await;
    let large_runs = counts(&app, || contract_page(&app, 20)).await;
    let (small, large) = (fewest(&small_runs), fewest(&large_runs));
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

/// Runs the member page of `first` and checks that it holds what its statements are counted
/// for.
async fn member_page(app: &TestApp, first: usize) {
    let data = app.data(MEMBERS, json!({ "first": first })).await;
    let page = nodes(&data["members"]);
    assert_eq!(page.len(), first);
    assert!(page.iter().all(|m| m["isMember"] == true));
    assert!(
        page.iter()
            .all(|m| m["memberships"][0]["contract"]["title"].is_string())
    );
}

both!(member_page_has_no_n_plus_one, |app| async move {
    let mut best = Vec::new();
    for first in [2, 6] {
        let counts = counts(&app, || member_page(&app, first)).await;
        eprintln!(
            "{:?}: members page of {first} ran {} statements (runs: {counts:?})",
            app.backend(),
            fewest(&counts)
        );
        best.push(fewest(&counts));
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

/// A partner token with the benchmark's scopes, used once: the first use of a token records
/// when it was used, a write made once a minute.
async fn benchmark_partner(app: &TestApp) -> TestApp {
    let data = app
        .data(
            "mutation { createApiToken(input: {name: \"Zählung\", scopes: [MEMBERS_READ, CONTRACTS_READ, COVERAGE_READ], expiresInDays: 1}) { token } }",
            json!({}),
        )
        .await;
    let partner = app.as_token(data["createApiToken"]["token"].as_str().unwrap());
    partner.data("{ me { name } }", json!({})).await;
    partner
}

// The benchmark's three nested queries (bench/queries), each read with a partner token as
// the benchmark does: at most three statements in every run, the token's lookup included.
both!(
    benchmark_queries_cost_at_most_three_statements,
    |app| async move {
        let partner = benchmark_partner(&app).await;
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
        for (name, query) in queries {
            let counts = counts(&app, || partner.data(query, json!({}))).await;
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

// A page of members with their workstations reads the totals' revision in the page's own
// statement and answers from the server's held totals: one statement. A change committed
// through the API, or by another server (here: written to the database directly, the way
// every server writes it), is in the next answer.
both!(
    a_page_of_members_with_workstations_is_one_statement,
    |app| async move {
        const Q4: &str = "{ members(first: 50) { nodes { id name workstations } } }";
        let first_member = |data: &serde_json::Value| {
            let first = &nodes(&data["members"])[0];
            (
                first["id"].as_str().unwrap().to_owned(),
                first["workstations"].as_i64().unwrap_or(0),
            )
        };
        // Read as the benchmark reads it: with a partner token, whose lookup is cached.
        let partner = benchmark_partner(&app).await;
        let before = partner.data(Q4, json!({})).await;
        let (member, workstations) = first_member(&before);
        let runs = counts(&app, || partner.data(Q4, json!({}))).await;
        assert_eq!(
            fewest(&runs),
            1,
            "runs: {runs:?}, the last: {:#?}",
            short(app.statement_log())
        );

        let editor = app.as_staff("EDITOR").await;
        let (service, _) = app.first_service().await;
        let today = kept::today().to_string();
        editor
            .data(
                "mutation($org: ID!, $svc: ID!, $on: Date!) { createCoverage(input: {organisationId: $org, serviceId: $svc, startsOn: $on, workstations: 7}) { id } }",
                json!({ "org": member, "svc": service, "on": today }),
            )
            .await;
        let after = partner.data(Q4, json!({})).await;
        assert_eq!(first_member(&after), (member.clone(), workstations + 7));

        // Another server's change: the row and its totals in one transaction, as it commits.
        let db = app.db();
        let organisation_id = organisation_of(&app, &member).await;
        let service_id = coverage::Entity::find()
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .service_id;
        let txn = sea_orm::TransactionTrait::begin(db).await.unwrap();
        let mut row = coverage_row(None, service_id, organisation_id, kept::today());
        row.workstations = Set(Some(5));
        let made = row.insert(&txn).await.unwrap();
        kept::follow(&txn, kept::today(), None, Some(&made))
            .await
            .unwrap();
        txn.commit().await.unwrap();
        let later = partner.data(Q4, json!({})).await;
        assert_eq!(first_member(&later), (member, workstations + 12));
    }
);

/// The row id of the organisation an API id names.
async fn organisation_of(app: &TestApp, id: &str) -> i32 {
    let name = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Organisation { name } } }",
            json!({ "id": id }),
        )
        .await["node"]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id
}
