//! Relay conventions: cursor pagination with capped page sizes, global IDs and `node`/`nodes`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ActiveModelTrait, EntityTrait};
use serde_json::{Value, json};
use verbund::entities::organisation;
use verbund_tests::{
    MEMBERS_2019, TestApp, assert_bad_input, both, codes, names, nodes, organisation_row,
};

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String) {
    members(asOf: "2019-01-01", first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { id name } }
        nodes { name }
        pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
    }
}"#;

async fn page(app: &TestApp, args: Value) -> Value {
    app.data(PAGE, args).await["members"].clone()
}

both!(page_size_is_capped, |app| async move {
    let query =
        "query($first: Int, $last: Int) { members(first: $first, last: $last) { totalCount } }";
    for (args, fields) in [
        (json!({ "first": 1000 }), &["first"][..]),
        (json!({ "first": 101 }), &["first"][..]),
        (json!({ "last": 101 }), &["last"][..]),
        (json!({ "first": -1 }), &["first"][..]),
        (json!({ "last": -5 }), &["last"][..]),
        (json!({ "first": 1, "last": 1 }), &["first", "last"][..]),
    ] {
        let body = app.graphql(query, args.clone()).await;
        assert_bad_input(&body, fields);
    }
    // The cap itself is allowed.
    let data = app.data(query, json!({ "first": 100 })).await;
    assert!(data["members"]["totalCount"].is_u64());
    // Nested connections are capped as well.
    app.fails_with(
        "BAD_USER_INPUT",
        "{ services(first: 1) { nodes { coverages(first: 1000) { totalCount } } } }",
        json!({}),
    )
    .await;
});

both!(walk_forward_with_after, |app| async move {
    let mut seen = Vec::new();
    let mut after = Value::Null;
    let mut pages = 0;
    loop {
        let members = page(&app, json!({ "first": 2, "after": after })).await;
        pages += 1;
        assert!(pages <= 10, "pagination does not end");
        assert_eq!(members["totalCount"], 6);
        assert_eq!(members["pageInfo"]["hasPreviousPage"], pages > 1);
        let edges = members["edges"].as_array().expect("edges");
        assert_eq!(edges.len(), 2, "page {pages}: {members:#}");
        // `edges` and `nodes` are the same page.
        assert_eq!(
            edges
                .iter()
                .map(|e| e["node"]["name"].clone())
                .collect::<Vec<_>>(),
            nodes(&members)
                .iter()
                .map(|n| n["name"].clone())
                .collect::<Vec<_>>()
        );
        assert_eq!(members["pageInfo"]["endCursor"], edges[1]["cursor"]);
        seen.extend(names(&members));
        if members["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = members["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(pages, 3);
    assert_eq!(
        seen, MEMBERS_2019,
        "every member once, in order, no duplicates"
    );
    // Past the end: an empty page.
    let members = page(&app, json!({ "first": 2, "after": after_last(&app).await })).await;
    assert!(nodes(&members).is_empty(), "{members:#}");
    assert_eq!(members["pageInfo"]["hasNextPage"], false);
});

/// The cursor of the last member.
async fn after_last(app: &TestApp) -> Value {
    let members = page(app, json!({ "last": 1 })).await;
    members["pageInfo"]["endCursor"].clone()
}

both!(walk_backward_with_before, |app| async move {
    let mut seen: Vec<String> = Vec::new();
    let mut before = Value::Null;
    let mut pages = 0;
    loop {
        let members = page(&app, json!({ "last": 2, "before": before })).await;
        pages += 1;
        assert!(pages <= 10, "pagination does not end");
        assert_eq!(members["pageInfo"]["hasNextPage"], pages > 1);
        let mut chunk = names(&members);
        assert_eq!(chunk.len(), 2, "page {pages}: {members:#}");
        chunk.extend(seen);
        seen = chunk;
        if members["pageInfo"]["hasPreviousPage"] == false {
            break;
        }
        before = members["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, MEMBERS_2019);
});

both!(cursors_are_checked, |app| async move {
    for (args, field) in [
        (json!({ "first": 2, "after": "bogus" }), "after"),
        (json!({ "last": 2, "before": "not a cursor!" }), "before"),
        (json!({ "first": 2, "after": "" }), "after"),
    ] {
        let body = app.graphql(PAGE, args).await;
        assert_bad_input(&body, &[field]);
    }
    // A cursor from one list works in a second request of the same list.
    let first = page(&app, json!({ "first": 3 })).await;
    let rest = page(
        &app,
        json!({ "first": 3, "after": first["pageInfo"]["endCursor"] }),
    )
    .await;
    assert_eq!(names(&rest), MEMBERS_2019[3..]);
});

/// A page of the four root lists that take `offset`, each asked for its names or titles.
const OFFSET: &str = r#"query($first: Int, $offset: Int, $after: String, $last: Int, $before: String) {
    members(asOf: "2019-01-01", first: $first, offset: $offset, after: $after, last: $last, before: $before) {
        totalCount
        nodes { name }
        pageInfo { hasPreviousPage hasNextPage startCursor }
    }
    organisations(first: $first, offset: $offset, after: $after, last: $last, before: $before) { nodes { name } }
    contracts(first: $first, offset: $offset, after: $after, last: $last, before: $before) { nodes { title } }
    services(first: $first, offset: $offset, after: $after, last: $last, before: $before) { nodes { name } }
}"#;

/// One list asked for with `offset` and the other pagination arguments.
const OFFSET_ONLY: &str = r#"query($first: Int, $offset: Int, $after: String, $last: Int, $before: String) {
    members(first: $first, offset: $offset, after: $after, last: $last, before: $before) { totalCount }
}"#;

/// The names (or titles) of each list of an [`OFFSET`] answer.
fn offset_lists(data: &Value) -> Vec<Vec<String>> {
    ["members", "organisations", "contracts", "services"]
        .iter()
        .map(|list| {
            nodes(&data[*list])
                .iter()
                .map(|n| {
                    n["name"]
                        .as_str()
                        .or(n["title"].as_str())
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect()
        })
        .collect()
}

both!(an_offset_goes_to_a_numbered_page, |app| async move {
    // Each list's whole first 20 records, then its pages of 2 by offset.
    let all = offset_lists(&app.data(OFFSET, json!({ "first": 20 })).await);
    for offset in [0, 2, 4, 5] {
        let data = app
            .data(OFFSET, json!({ "first": 2, "offset": offset }))
            .await;
        let lists = offset_lists(&data);
        for (list, whole) in lists.iter().zip(&all) {
            let expected: Vec<String> = whole.iter().skip(offset).take(2).cloned().collect();
            assert_eq!(list, &expected, "offset {offset}");
        }
        let members = &data["members"];
        assert_eq!(members["totalCount"], 6);
        assert_eq!(members["pageInfo"]["hasPreviousPage"], offset > 0);
        assert_eq!(members["pageInfo"]["hasNextPage"], offset + 2 < 6);
    }
    // The page an offset goes to is the one its cursors name.
    let by_offset = app.data(OFFSET, json!({ "first": 2, "offset": 4 })).await;
    let before = app.data(OFFSET, json!({ "first": 2, "offset": 2 })).await;
    let start = &before["members"]["pageInfo"]["startCursor"];
    let by_cursor = page(&app, json!({ "first": 2, "after": start })).await;
    assert_eq!(names(&by_cursor), MEMBERS_2019[3..5]);
    assert_eq!(names(&by_offset["members"]), MEMBERS_2019[4..6]);
    // Past the end: an empty page that knows the total.
    let past = app.data(OFFSET, json!({ "first": 2, "offset": 60 })).await;
    assert!(offset_lists(&past).iter().all(Vec::is_empty), "{past:#}");
    assert_eq!(past["members"]["totalCount"], 6);
    // Not negative, not with cursors or `last`.
    for args in [
        json!({ "first": 2, "offset": -1 }),
        json!({ "first": 2, "offset": 2, "after": start }),
        json!({ "offset": 2, "last": 2 }),
        json!({ "first": 2, "offset": 2, "before": start }),
    ] {
        let body = app.graphql(OFFSET_ONLY, args.clone()).await;
        assert_bad_input(&body, &["offset"]);
    }
});

both!(node_finds_what_the_list_shows, |app| async move {
    let data = app
        .data(
            r#"{ organisations(first: 100) { nodes { id name kind } } }"#,
            json!({}),
        )
        .await;
    let listed = nodes(&data["organisations"]).to_vec();
    assert_eq!(
        listed.len(),
        19,
        "13 members, 6 Ämter and towns in whose territory members lie, the provider and its partner"
    );
    for item in &listed {
        let id = item["id"].as_str().expect("an id");
        let node = app
            .node(id, "__typename id ... on Organisation { name kind }")
            .await;
        assert_eq!(node["__typename"], "Organisation");
        assert_eq!(node["id"], item["id"]);
        assert_eq!(node["name"], item["name"]);
        assert_eq!(node["kind"], item["kind"]);
    }
    // `nodes` answers in the order asked, whatever that is.
    let ids: Vec<Value> = listed.iter().rev().map(|item| item["id"].clone()).collect();
    let found = app
        .data(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Organisation { name } } }",
            json!({ "ids": ids }),
        )
        .await;
    let expected: Vec<Value> = listed
        .iter()
        .rev()
        .map(|item| item["name"].clone())
        .collect();
    let got: Vec<Value> = found["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|node| node["name"].clone())
        .collect();
    assert_eq!(got, expected);
});

both!(ids_of_other_types_resolve_too, |app| async move {
    let data = app
        .data(
            r#"{ contracts(first: 100) { nodes { id title } }
                 services { nodes { id name } } }"#,
            json!({}),
        )
        .await;
    let contract = &nodes(&data["contracts"])[0];
    let service = &nodes(&data["services"])[0];
    let found = app
        .data(
            "query($ids: [ID!]!) { nodes(ids: $ids) {
                __typename ... on Contract { title } ... on Service { name } } }",
            json!({ "ids": [contract["id"], service["id"]] }),
        )
        .await;
    assert_eq!(found["nodes"][0]["__typename"], "Contract");
    assert_eq!(found["nodes"][0]["title"], contract["title"]);
    assert_eq!(found["nodes"][1]["__typename"], "Service");
    assert_eq!(found["nodes"][1]["name"], service["name"]);
    // Global IDs are distinct across types.
    assert_ne!(contract["id"], service["id"]);
});

both!(id_of_a_missing_row_is_null, |app| async move {
    // Make a real ID, then delete its row: the ID stays well-formed but names nothing.
    let row = organisation_row("Gemeinde Testhausen", "GEMEINDE")
        .insert(app.db())
        .await
        .expect("inserting an organisation");
    let id = app.organisation_id("Gemeinde Testhausen").await;
    organisation::Entity::delete_by_id(row.id)
        .exec(app.db())
        .await
        .expect("deleting it again");

    assert_eq!(app.node(&id, "id").await, Value::Null);

    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = app
        .data(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": [grabow, id] }),
        )
        .await;
    assert_eq!(data["nodes"], json!([{ "id": grabow }, null]));
});

both!(garbage_ids_are_bad_input, |app| async move {
    for garbage in ["nonsense!", "", "T3JnYW5pc2F0aW9u", "UGxhbmV0OjE"] {
        let body = app
            .graphql(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": garbage }),
            )
            .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "id {garbage:?}: {body:#}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "id");
    }
    let found = app
        .error_codes(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ["nonsense!"] }),
        )
        .await;
    assert_eq!(found, ["BAD_USER_INPUT"]);
    // `nodes` is capped like a page.
    let grabow = app.organisation_id("Stadt Grabow").await;
    let body = app
        .graphql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": vec![grabow; 101] }),
        )
        .await;
    assert_bad_input(&body, &["ids"]);
});

both!(id_of_the_wrong_type_is_bad_input, |app| async move {
    let data = app
        .data("{ contracts(first: 1) { nodes { id } } }", json!({}))
        .await;
    let contract = nodes(&data["contracts"])[0]["id"].clone();
    for (query, field) in [
        (
            "query($id: ID) { contracts(filter: {partyId: $id}) { totalCount } }",
            "filter.partyId",
        ),
        (
            "query($id: ID) { organisations(filter: {parentId: $id}) { totalCount } }",
            "filter.parentId",
        ),
    ] {
        let body = app.graphql(query, json!({ "id": contract })).await;
        assert_bad_input(&body, &[field]);
    }
});

// A member's contracts are read only up to the page when no total is asked for; walking the
// pages must still give every contract once, in order, with hasNextPage right.
both!(
    a_members_contracts_page_without_total_walks_like_with_it,
    |app| async move {
        let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
        let all = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Organisation { contracts(first: 100) { totalCount nodes { title } } } } }",
            json!({ "id": ksm }),
        )
        .await;
        let expected: Vec<Value> = nodes(&all["node"]["contracts"]).to_vec();
        assert_eq!(all["node"]["contracts"]["totalCount"], expected.len());
        let mut seen = Vec::new();
        let mut after = Value::Null;
        loop {
            let data = app
            .data(
                "query($id: ID!, $after: String) { node(id: $id) { ... on Organisation {
                    contracts(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { title } } } } }",
                json!({ "id": ksm, "after": after }),
            )
            .await;
            let page = &data["node"]["contracts"];
            seen.extend(nodes(page).iter().cloned());
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(seen, expected);
    }
);
