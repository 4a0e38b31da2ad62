//! What a request costs is what it may make the server do: `nodes(ids:)` counts each ID it
//! asks for, repeated ones too, and a list that is not a connection the most records it can
//! hold, in the rate limiter's cost and in the complexity limit; the register keeps those
//! bounds true by refusing a change that would pass them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{assert_bad_input, both, codes, nodes};

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

both!(
    lists_cost_the_most_records_they_can_hold,
    |app| async move {
        let app = app.with_rate_limit(5_000).await;
        let cost = |body: &Value| body["data"]["rateLimit"]["cost"].as_i64().unwrap();
        // 100 members × (nodes + memberships + 10 memberships at most × 4 fields): 4,203, so
        // five points (it counted each member's memberships once: 603, one point).
        let query = "{ rateLimit { cost } members(first: 100) { nodes { \
                 memberships { joinedOn leftOn founding seats } } } }";
        let body = app.graphql(query, json!({})).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        assert_eq!(cost(&body), 5, "{body:#}");

        // Lists nested in lists multiply, as pages do: 100 members × 100 units × 10 memberships ×
        // 20 parties is over the complexity limit, refused before it runs (it cost 601 before,
        // as if each list held one record).
        let query = "{ members(first: 100) { nodes { units { memberships { \
                 contract { parties { role } } } } } } }";
        let body = app.graphql(query, json!({})).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("omplex"), "{message}");
        // One member of it is within the limit.
        let query = query.replace("first: 100", "first: 1");
        let data = app.data(&query, json!({})).await;
        assert_eq!(nodes(&data["members"]).len(), 1);
    }
);

both!(
    the_register_keeps_the_lists_within_their_bounds,
    |app| async move {
        // An organisation joins at most 10 times.
        let data = app
        .data(
            "mutation { createOrganisation(input: {name: \"Zweckverband\", kind: GEMEINDE}) { id } }",
            json!({}),
        )
        .await;
        let organisation = data["createOrganisation"]["id"].clone();
        let join =
            "mutation($input: MembershipInput!) { joinMembership(input: $input) { id version } }";
        let leave = "mutation($id: ID!, $v: Int!, $on: Date!) { leaveMembership(id: $id, version: $v, leftOn: $on) { id } }";
        for year in 2031..2041 {
            let input =
                json!({ "organisationId": organisation, "joinedOn": format!("{year}-01-01") });
            let data = app.data(join, json!({ "input": input })).await;
            let membership = &data["joinMembership"];
            let variables = json!({ "id": membership["id"], "v": membership["version"], "on": format!("{year}-06-30") });
            app.data(leave, variables).await;
        }
        let input = json!({ "organisationId": organisation, "joinedOn": "2042-01-01" });
        let body = app.graphql(join, json!({ "input": input })).await;
        assert_bad_input(&body, &["organisationId"]);
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("at most 10"), "{body:#}");
        let query = "query($id: ID!) { node(id: $id) { ... on Organisation { memberships { joinedOn } } } }";
        let data = app.data(query, json!({ "id": organisation })).await;
        assert_eq!(
            data["node"]["memberships"].as_array().map(Vec::len),
            Some(10)
        );

        // A contract has at most 20 parties.
        let mut parties = Vec::new();
        for n in 1..=21 {
            let data = app
                .data(
                    "mutation($name: String!) { createOrganisation(input: {name: $name, kind: GEMEINDE}) { id } }",
                    json!({ "name": format!("Gemeinde {n}") }),
                )
                .await;
            parties.push(json!({ "organisationId": data["createOrganisation"]["id"] }));
        }
        assert_eq!(parties.len(), 21);
        let create = "mutation($parties: [PartyInput!]!) { createContract(\
                  input: {title: \"Zweckvereinbarung\", kind: COOPERATION_AGREEMENT}, parties: $parties) { id version } }";
        let body = app.graphql(create, json!({ "parties": parties })).await;
        assert_bad_input(&body, &["parties"]);
        let data = app.data(create, json!({ "parties": parties[..20] })).await;
        let contract = &data["createContract"];
        let add = "mutation($c: ID!, $v: Int!, $o: ID!) { addContractParty(contractId: $c, version: $v, party: {organisationId: $o}) { id } }";
        let variables = json!({ "c": contract["id"], "v": contract["version"], "o": parties[20]["organisationId"] });
        let body = app.graphql(add, variables).await;
        assert_bad_input(&body, &["parties"]);
    }
);

both!(
    an_organisation_has_at_most_a_hundred_units,
    |app| async move {
        let create = "mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id version } }";
        let data = app
            .data(
                create,
                json!({ "input": { "name": "Stadt Musterhausen", "kind": "AMTSFREIE_STADT" } }),
            )
            .await;
        let town = data["createOrganisation"]["id"].clone();
        let unit = |n: usize| {
            json!({ "input": {
            "name": format!("Eigenbetrieb {n}"),
            "kind": "EIGENBETRIEB",
            "parentId": town,
            "parentLink": "UNIT",
        } })
        };
        for n in 1..=100 {
            app.data(create, unit(n)).await;
        }
        let body = app.graphql(create, unit(101)).await;
        assert_bad_input(&body, &["parentId"]);
        let query = "query($id: ID!) { node(id: $id) { ... on Organisation { units { id } } } }";
        let data = app.data(query, json!({ "id": town })).await;
        assert_eq!(data["node"]["units"].as_array().map(Vec::len), Some(100));
    }
);
