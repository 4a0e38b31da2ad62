//! The search over the whole register (`search(query:)`): each kind found by each column it
//! is searched in, the list grouped by kind in a fixed order and by name within a kind,
//! pages that neither skip nor repeat a record where one kind ends and the next begins, a
//! member-limited token finding only what its lists show it, and the limits.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use verbund::entities::{contract, organisation, source};
use verbund_tests::{
    TestApp, assert_bad_input, both, codes, contract_row, nodes, organisation_row, party_row,
    person_row, service_row, texts,
};

/// What each hit shows: its type, its ID, and what names it.
const HIT: &str = "__typename
    ... on Organisation { id name }
    ... on Contract { id name: title }
    ... on Service { id name }
    ... on Person { id name }
    ... on Source { id name: title }";

/// One page of the search for `text`: the whole response.
async fn search_page(app: &TestApp, text: &str, first: i64, after: Option<&str>) -> Value {
    app.graphql(
        &format!(
            "query($q: String!, $first: Int, $after: String) {{
                search(query: $q, first: $first, after: $after) {{
                    totalCount pageInfo {{ hasNextPage hasPreviousPage endCursor }}
                    edges {{ cursor node {{ {HIT} }} }}
                }}
            }}"
        ),
        json!({ "q": text, "first": first, "after": after }),
    )
    .await
}

/// Every hit for `text` (one page of 100), each as `(type, name)`.
async fn hits(app: &TestApp, text: &str) -> Vec<(String, String)> {
    let body = search_page(app, text, 100, None).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let edges = body["data"]["search"]["edges"].as_array().unwrap();
    assert_eq!(
        body["data"]["search"]["totalCount"],
        edges.len(),
        "{body:#}"
    );
    edges
        .iter()
        .map(|edge| {
            let node = &edge["node"];
            (
                node["__typename"].as_str().unwrap().to_owned(),
                node["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The IDs of every hit for `text`, in order.
async fn hit_ids(app: &TestApp, text: &str) -> Vec<String> {
    let body = search_page(app, text, 100, None).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A person `name` in `role` at the organisation `organisation`.
async fn add_person(app: &TestApp, organisation: i32, name: &str, role: &str) {
    person_row(organisation, name, role)
        .insert(app.db())
        .await
        .unwrap();
}

/// A source `title` by `publisher`.
async fn add_source(app: &TestApp, title: &str, publisher: Option<&str>) {
    let now = Utc::now();
    source::ActiveModel {
        title: Set(title.to_owned()),
        publisher: Set(publisher.map(str::to_owned)),
        url: Set(None),
        published_on: Set(None),
        accessed_on: Set(None),
        note: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
}

/// The database id of the organisation named `name`.
async fn organisation_db_id(app: &TestApp, name: &str) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(app.db())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no organisation {name}"))
        .id
}

/// One record of each kind, each with a word of its own in every column it is searched in,
/// and a word they all share (`Qgemein`) in their names: two organisations and two contracts
/// of the same title (numbers and file references differ), to show the order within a kind.
async fn records(app: &TestApp) {
    let db = app.db();
    let org = organisation::ActiveModel {
        short_name: Set(Some("OKURZQ".to_owned())),
        official_key: Set(Some("13999901".to_owned())),
        ..organisation_row("Qgemein Zweckverband Qorgname", "MUNICIPAL_COMPANY")
    }
    .insert(db)
    .await
    .unwrap();
    organisation_row("Qgemein Abwasserverband", "MUNICIPAL_COMPANY")
        .insert(db)
        .await
        .unwrap();
    for n in [7, 8] {
        contract::ActiveModel {
            number: Set(Some(format!("V-QNUMMER-{n}"))),
            file_reference: Set(Some(format!("AZ-QAKTE/{n}"))),
            ..contract_row("Qgemein Vertrag Qtitelwort")
        }
        .insert(db)
        .await
        .unwrap();
    }
    service_row("SVC-QCODE", "Qgemein Dienst Qdienstname")
        .insert(db)
        .await
        .unwrap();
    add_person(app, org.id, "Qgemein Qperson", "Qfunktion").await;
    add_source(app, "Qgemein Quelle Qquelltitel", Some("Qverlag")).await;
}

both!(
    each_kind_is_found_by_each_of_its_columns,
    |app| async move {
        records(&app).await;
        let org = "Qgemein Zweckverband Qorgname";
        let contract = "Qgemein Vertrag Qtitelwort";
        let cases: [(&str, &str, &str, usize); 11] = [
            ("qorgname", "Organisation", org, 1),
            ("okurzq", "Organisation", org, 1),
            ("13999901", "Organisation", org, 1),
            ("qnummer", "Contract", contract, 2),
            ("QTITELWORT", "Contract", contract, 2),
            ("az-qakte/", "Contract", contract, 2),
            ("svc-qcode", "Service", "Qgemein Dienst Qdienstname", 1),
            ("qdienstname", "Service", "Qgemein Dienst Qdienstname", 1),
            ("qperson", "Person", "Qgemein Qperson", 1),
            ("qfunktion", "Person", "Qgemein Qperson", 1),
            ("qquelltitel", "Source", "Qgemein Quelle Qquelltitel", 1),
        ];
        for (text, kind, name, count) in cases {
            let expected = vec![(kind.to_owned(), name.to_owned()); count];
            assert_eq!(hits(&app, text).await, expected, "searching {text}");
        }
        assert_eq!(
            hits(&app, " qverlag ").await,
            [("Source".to_owned(), "Qgemein Quelle Qquelltitel".to_owned())]
        );
        // The seeded register: a member by part of its name, whatever the case.
        let grabow = hits(&app, "GRABOW").await;
        assert!(grabow.contains(&("Organisation".to_owned(), "Stadt Grabow".to_owned())));
        assert!(grabow.contains(&("Organisation".to_owned(), "Amt Grabow".to_owned())));
        // Nothing found is an empty page, not an error.
        assert_eq!(hits(&app, "Qnirgendwo").await, []);
    }
);

both!(
    hits_are_grouped_by_kind_and_ordered_by_name,
    |app| async move {
        records(&app).await;
        let found = hits(&app, "qgemein").await;
        let names: Vec<(&str, &str)> = found
            .iter()
            .map(|(kind, name)| (kind.as_str(), name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Organisation", "Qgemein Abwasserverband"),
                ("Organisation", "Qgemein Zweckverband Qorgname"),
                ("Contract", "Qgemein Vertrag Qtitelwort"),
                ("Contract", "Qgemein Vertrag Qtitelwort"),
                ("Service", "Qgemein Dienst Qdienstname"),
                ("Person", "Qgemein Qperson"),
                ("Source", "Qgemein Quelle Qquelltitel"),
            ]
        );
        // Two contracts of the same title: the older (smaller id) first, every time.
        let ids = hit_ids(&app, "qgemein").await;
        assert_ne!(ids[2], ids[3]);
        assert_eq!(hit_ids(&app, "qgemein").await, ids);
        let contracts = app
        .data(
            "{ contracts(filter: {search: \"qtitelwort\"}, orderBy: {field: TITLE}) { nodes { id } } }",
            json!({}),
        )
        .await;
        assert_eq!(texts(&contracts["contracts"], "id"), ids[2..4]);
    }
);

both!(pages_cross_kinds_without_gap_or_repeat, |app| async move {
    records(&app).await;
    let all = hit_ids(&app, "qgemein").await;
    assert_eq!(all.len(), 7);
    for size in [1, 2, 3, 4] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        let mut pages = 0;
        loop {
            let body = search_page(&app, "qgemein", size, after.as_deref()).await;
            assert!(body.get("errors").is_none(), "{body:#}");
            let page = &body["data"]["search"];
            assert_eq!(page["totalCount"], 7, "{body:#}");
            assert_eq!(page["pageInfo"]["hasPreviousPage"], after.is_some());
            let edges = page["edges"].as_array().unwrap();
            seen.extend(
                edges
                    .iter()
                    .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned()),
            );
            pages += 1;
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
            assert_eq!(edges.len(), size as usize);
            after = Some(page["pageInfo"]["endCursor"].as_str().unwrap().to_owned());
            assert!(pages < 10, "pages never end: {body:#}");
        }
        assert_eq!(seen, all, "pages of {size}");
        assert_eq!(pages, all.len().div_ceil(size as usize), "pages of {size}");
    }
    // A numbered page (offset) starts where the cursor of the record before it does.
    let data = app
        .data(
            "{ search(query: \"qgemein\", first: 3, offset: 3) { nodes { __typename } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        texts(&data["search"], "__typename"),
        ["Contract", "Service", "Person"]
    );
});

both!(
    a_member_limited_token_finds_only_its_own,
    |app| async move {
        let db = app.db();
        let grabow = organisation_db_id(&app, "Stadt Grabow").await;
        let ludwigslust = organisation_db_id(&app, "Stadt Ludwigslust").await;
        for (owner, title) in [
            (grabow, "Qeigen Vertrag Grabow"),
            (ludwigslust, "Qeigen Vertrag Ludwigslust"),
        ] {
            let row = contract_row(title).insert(db).await.unwrap();
            party_row(row.id, owner, "MEMBER").insert(db).await.unwrap();
        }
        add_person(&app, grabow, "Qeigen Person Grabow", "Kämmerin").await;
        add_person(&app, ludwigslust, "Qeigen Person Ludwigslust", "Kämmerin").await;
        add_source(&app, "Qeigen Quelle", None).await;

        let scopes = json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]);
        let partner = app.as_partner(scopes, Some("Stadt Grabow")).await;
        let names = |found: Vec<(String, String)>| -> Vec<String> {
            found.into_iter().map(|(_, name)| name).collect()
        };
        assert_eq!(
            names(hits(&partner, "qeigen").await),
            [
                "Qeigen Vertrag Grabow",
                "Qeigen Person Grabow",
                "Qeigen Quelle"
            ]
        );
        assert_eq!(
            names(hits(&app, "qeigen").await),
            [
                "Qeigen Vertrag Grabow",
                "Qeigen Vertrag Ludwigslust",
                "Qeigen Person Grabow",
                "Qeigen Person Ludwigslust",
                "Qeigen Quelle",
            ]
        );
        // Exactly what the token's lists show it, kind by kind.
        for text in ["Stadt", "Beitritt", "Amt"] {
            let found = hits(&partner, text).await;
            let lists = partner
            .data(
                "query($q: String) {
                    organisations(filter: {search: $q}, first: 100) { nodes { name } }
                    contracts(filter: {search: $q}, first: 100, orderBy: {field: TITLE}) { nodes { title } }
                }",
                json!({ "q": text }),
            )
            .await;
            let mut listed: Vec<(String, String)> = Vec::new();
            for (kind, list, field) in [
                ("Organisation", "organisations", "name"),
                ("Contract", "contracts", "title"),
            ] {
                listed.extend(
                    nodes(&lists[list])
                        .iter()
                        .map(|n| (kind.to_owned(), n[field].as_str().unwrap().to_owned())),
                );
            }
            let ours: Vec<(String, String)> = found
                .into_iter()
                .filter(|(kind, _)| kind == "Organisation" || kind == "Contract")
                .collect();
            assert_eq!(ours, listed, "searching {text}");
            assert!(
                hits(&app, text).await.len() > ours.len(),
                "the admin finds more for {text}"
            );
        }
        // Without the contracts' scope, no contract, but the rest.
        let members_only = app
            .as_partner(json!(["MEMBERS_READ"]), Some("Stadt Grabow"))
            .await;
        assert_eq!(
            names(hits(&members_only, "qeigen").await),
            ["Qeigen Person Grabow", "Qeigen Quelle"]
        );
    }
);

both!(limits_and_refusals, |app| async move {
    let query = "query($q: String!, $first: Int, $after: String) {
        search(query: $q, first: $first, after: $after) { totalCount } }";
    for text in ["", "   ", "a", " ä "] {
        let body = app.graphql(query, json!({ "q": text })).await;
        assert_bad_input(&body, &["query"]);
    }
    let long = "x".repeat(201);
    assert_bad_input(&app.graphql(query, json!({ "q": long })).await, &["query"]);
    assert_bad_input(
        &app.graphql(query, json!({ "q": "Stadt", "first": 101 }))
            .await,
        &["first"],
    );
    assert_bad_input(
        &app.graphql(query, json!({ "q": "Stadt", "first": -1 }))
            .await,
        &["first"],
    );
    assert_bad_input(
        &app.graphql(query, json!({ "q": "Stadt", "after": "bogus" }))
            .await,
        &["after"],
    );
    // Two characters are enough.
    let data = app.data(query, json!({ "q": "ab" })).await;
    assert!(data["search"]["totalCount"].is_number());
    // Without the page size, 20; anonymous callers find nothing.
    let data = app
        .data(
            "{ search(query: \"Stadt\") { totalCount nodes { __typename } } }",
            json!({}),
        )
        .await;
    let shown = nodes(&data["search"]).len() as u64;
    let total = data["search"]["totalCount"].as_u64().unwrap();
    assert_eq!(shown, total.min(20));
    let body = app
        .anonymous()
        .graphql(query, json!({ "q": "Stadt" }))
        .await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body:#}");
});

both!(search_costs_its_page, |app| async move {
    let app = app.with_rate_limit(5_000).await;
    // A page of 100 hits with a page of 100 contracts each: over the complexity limit.
    let query = "{ search(query: \"Stadt\", first: 100) { nodes { ... on Organisation {
        contracts(first: 100) { nodes { title number } } } } } }";
    let body = app.graphql(query, json!({})).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("omplex"), "{message}");
    // The rate limiter counts the page: 100 hits × (the node and its fields).
    let cost = |body: &Value| body["data"]["rateLimit"]["cost"].as_i64().unwrap();
    let small = app
        .graphql(
            "{ rateLimit { cost } search(query: \"Stadt\", first: 1) { nodes { ... on Organisation { name } } } }",
            json!({}),
        )
        .await;
    let large = app
        .graphql(
            "{ rateLimit { cost } search(query: \"Stadt\", first: 100) { nodes { ... on Organisation {
                name contracts(first: 10) { nodes { title } } } } } }",
            json!({}),
        )
        .await;
    assert!(small.get("errors").is_none(), "{small:#}");
    assert!(large.get("errors").is_none(), "{large:#}");
    assert!(cost(&large) > cost(&small), "{small:#} {large:#}");
});
