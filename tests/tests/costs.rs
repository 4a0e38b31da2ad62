//! What a request costs is what it may make the server do: `nodes(ids:)` counts each ID it
//! asks for, repeated ones too, in the rate limiter's cost and in the complexity limit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{both, codes};

both!(nodes_cost_each_id, |app| async move {
    let app = app.with_rate_limit(5_000).await;
    let grabow = app.organisation_id("Stadt Grabow").await;
    let query = "query($ids: [ID!]!) { rateLimit { cost } nodes(ids: $ids) { id \
                 ... on Organisation { name contracts(first: 10) { nodes { title number } } } } }";
    let cost = |body: &Value| body["data"]["rateLimit"]["cost"].as_i64().unwrap();
    let once = app.graphql(query, json!({ "ids": [grabow] })).await;
    let many = app
        .graphql(query, json!({ "ids": vec![grabow.clone(); 100] }))
        .await;
    assert!(once.get("errors").is_none(), "{once:#}");
    assert!(many.get("errors").is_none(), "{many:#}");
    assert_eq!(many["data"]["nodes"].as_array().map(Vec::len), Some(100));
    // One ID: about 35 fields, one point; a hundred times the same ID: about 3,500, four.
    assert_eq!((cost(&once), cost(&many)), (1, 4), "{once:#} {many:#}");

    // The complexity limit counts each ID as well: 100 IDs with a page of 100 contracts each
    // is refused before it runs, as the same page under 100 members would be.
    let query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Organisation { \
                 contracts(first: 100) { nodes { title number } } } } }";
    let body = app
        .graphql(query, json!({ "ids": vec![grabow.clone(); 100] }))
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("omplex"), "{message}");
    let data = app.data(query, json!({ "ids": [grabow] })).await;
    assert_eq!(data["nodes"].as_array().map(Vec::len), Some(1));
});
