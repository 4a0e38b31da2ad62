//! Numbers and texts a caller chooses: each is checked before it reaches arithmetic or a
//! database, and refused as `BAD_USER_INPUT` with the field named, the same on SQLite and
//! PostgreSQL. One test per attack.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use reqwest::StatusCode;
use serde_json::{Value, json};
use verbund_tests::{TestApp, assert_bad_input, both, codes};

/// A cursor naming `position`, as a client can forge one.
fn cursor(position: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("pos:{position}"))
}

/// Asserts that `body` is refused as `BAD_USER_INPUT` on `field` (the one error, no data).
fn refused_on(body: &Value, field: &str) {
    assert_bad_input(body, &[field]);
}

both!(
    a_cost_beyond_any_budget_is_refused_unspent,
    |app| async move {
        let app = app.with_rate_limit(5_000).await;
        // Four nested pages of 100 within the depth limit: about 3 × 10^8 fields, 303,021 points; a
        // budget never covers it, waiting does not help.
        let query = "{ organisations(first: 100) { nodes { contracts(first: 100) { nodes { \
                     coverages(first: 100) { nodes { service { coverages(first: 100) { nodes { \
                     workstations users } } } } } } } } } }";
        assert!(query.len() < 1_000, "{}", query.len());
        let response = app.post_graphql(&json!({ "query": query }), &[]).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body:#}");
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("costs 303021 points"), "{message}");
        assert!(message.contains("budget"), "{message}");
        // Nothing was spent.
        let data = app
            .data("{ rateLimit { remaining cost } }", json!({}))
            .await;
        assert_eq!(data["rateLimit"]["remaining"], 4_999, "{data:#}");
    }
);

both!(cursors_beyond_32_bits_are_refused, |app| async move {
    let lists = [
        "{ contracts(first: 1, after: $c) { totalCount } }",
        "{ contracts(first: 1, after: $c) { nodes { title } } }",
        "{ members(last: 1, before: $c) { nodes { name } } }",
        "{ services(first: 1, after: $c) { nodes { name } } }",
        "{ auditLog(first: 1, after: $c) { nodes { operation } } }",
    ];
    for position in [
        "9223372036854775808",
        "9223372036854775807",
        "18446744073709551615",
        "2147483648",
    ] {
        for list in lists {
            let field = if list.contains("before") {
                "before"
            } else {
                "after"
            };
            let query = format!("query($c: String) {list}");
            let body = app.graphql(&query, json!({ "c": cursor(position) })).await;
            refused_on(&body, field);
        }
    }
    // An organisation's contracts page from a position near the end of 32 bits: offset,
    // limit and the row more are added without overflow, and the page is empty.
    let id = app.organisation_id("Stadt Grabow").await;
    let query = "query($id: ID!, $c: String) { node(id: $id) { ... on Organisation { \
                 contracts(first: 100, after: $c) { nodes { title } pageInfo { hasNextPage } } } } }";
    let data = app
        .data(query, json!({ "id": id, "c": cursor("2147483646") }))
        .await;
    assert_eq!(data["node"]["contracts"]["nodes"], json!([]), "{data:#}");
    let body = app
        .graphql(
            query,
            json!({ "id": id, "c": cursor("9223372036854775808") }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "after",
        "{body:#}"
    );
});

/// A membership for `organisation` with `share` as its capital share.
async fn membership_with_share(app: &TestApp, organisation: &str, share: Value) -> Value {
    let id = app.organisation_id(organisation).await;
    app.graphql(
        "mutation($input: MembershipInput!) { joinMembership(input: $input) { capitalShare } }",
        json!({ "input": {
            "organisationId": id,
            "joinedOn": "2030-01-01",
            "capitalShare": share,
        } }),
    )
    .await
}

both!(capital_shares_are_bounded, |app| async move {
    for share in [
        json!("79228162514264337593543950335"),
        json!("92233720368547758.07"),
        json!("1000000000000.01"),
        json!(1e15),
        json!("-0.01"),
        json!("0.001"),
    ] {
        let body = membership_with_share(&app, "Stadt Grabow", share.clone()).await;
        refused_on(&body, "capitalShare");
    }
    let body = membership_with_share(&app, "Stadt Grabow", json!("1000000000000.00")).await;
    assert_eq!(
        body["data"]["joinMembership"]["capitalShare"], "1000000000000.00",
        "{body:#}"
    );
});

/// The list roots with a search, each as `(query, field of the search)`.
const SEARCHES: [&str; 4] = [
    "query($s: String) { contracts(filter: {search: $s}) { totalCount } }",
    "query($s: String) { members(filter: {search: $s}) { totalCount } }",
    "query($s: String) { organisations(filter: {search: $s}) { totalCount } }",
    "query($s: String) { services(filter: {search: $s}) { totalCount } }",
];

both!(searches_are_capped_in_length, |app| async move {
    for query in SEARCHES {
        let body = app
            .graphql(query, json!({ "s": "a".repeat(100_000) }))
            .await;
        refused_on(&body, "filter.search");
        let body = app.graphql(query, json!({ "s": "ä".repeat(201) })).await;
        refused_on(&body, "filter.search");
        // 200 characters pass (and find nothing).
        let data = app.data(query, json!({ "s": "ä".repeat(200) })).await;
        let root = data.as_object().unwrap().values().next().unwrap();
        assert_eq!(root["totalCount"], 0, "{data:#}");
    }
});

both!(
    control_characters_are_refused_in_searches,
    |app| async move {
        for query in SEARCHES {
            for text in [
                "Gra\u{0}bow",
                "Gra\nbow",
                "a\u{7}b",
                "x\u{1b}[31m",
                "Gra\tbow",
            ] {
                let body = app.graphql(query, json!({ "s": text })).await;
                refused_on(&body, "filter.search");
            }
        }
        // Also when the text is written into the document.
        let body = app
            .graphql(
                "{ contracts(filter: {search: \"a\\u0000b\"}) { totalCount } }",
                json!({}),
            )
            .await;
        refused_on(&body, "filter.search");
    }
);

both!(nul_is_refused_everywhere, |app| async move {
    // Text no field of the register keeps: a login name, an audit filter, a registered
    // operation's name, a token's name; none of them is an internal error.
    let cases = [
        (
            "mutation($s: String!) { login(name: $s, password: \"not the password\") { me { name } } }",
            "name",
        ),
        (
            "query($s: String) { auditLog(filter: {actor: $s}) { totalCount } }",
            "filter.actor",
        ),
        (
            "query($s: String) { auditLog(filter: {operation: $s}) { totalCount } }",
            "filter.operation",
        ),
        (
            "mutation($s: String!) { registerPersistedOperation(name: $s, document: \"{ __typename }\") { name } }",
            "name",
        ),
        (
            "mutation($s: String!) { registerPersistedOperation(name: \"ok\", document: $s) { name } }",
            "document",
        ),
    ];
    for (query, field) in cases {
        let body = app
            .anonymous()
            .graphql(query, json!({ "s": "a\u{0}b" }))
            .await;
        let signed_in = app.graphql(query, json!({ "s": "a\u{0}b" })).await;
        for body in [body, signed_in] {
            assert!(
                !codes(&body).iter().any(|code| code == "INTERNAL"),
                "{query}: {body:#}"
            );
            assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{query}: {body:#}");
            assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body:#}");
        }
    }
});

/// Creates a source with `note` and `url`; the answer.
async fn source(app: &TestApp, title: &str, note: &str, url: &str) -> Value {
    app.graphql(
        "mutation($input: SourceInput!) { createSource(input: $input) { title note } }",
        json!({ "input": { "title": title, "note": note, "url": url } }),
    )
    .await
}

both!(notes_are_capped_and_keep_lines_and_tabs, |app| async move {
    let body = source(&app, "Satzung", &"x".repeat(10_001), "https://example.org").await;
    refused_on(&body, "note");
    // U+0000 is refused wherever it is sent, named by its path from the argument.
    let body = source(&app, "Satzung", "a\u{0}b", "https://example.org").await;
    refused_on(&body, "input.note");
    let body = source(&app, "Satzung", "a\u{1b}b", "https://example.org").await;
    refused_on(&body, "note");
    let body = source(&app, "Satzung", "ok", "https://example.org/\na").await;
    refused_on(&body, "url");
    let body = source(&app, "Sat\tzung", "ok", "https://example.org").await;
    refused_on(&body, "title");
    // Line breaks and tabs are what notes are made of; 10,000 characters pass.
    let note = format!("Erste Zeile\n\tzweite Zeile\r\n{}", "x".repeat(9_970));
    let body = source(&app, "Satzung", &note, "https://example.org").await;
    assert_eq!(body["data"]["createSource"]["note"], note, "{body:#}");
});

both!(filter_lists_are_capped, |app| async move {
    // More values than SQLite takes parameters (32,766), within the 1 MB body.
    let many = |value: &str| json!(vec![value; 40_000]);
    let cases = [
        (
            "query($l: [OrganisationKind!]) { organisations(filter: {kind: $l}) { totalCount } }",
            "AMTSFREIE_STADT",
            "filter.kind",
        ),
        (
            "query($l: [OrganisationKind!]) { members(filter: {kind: $l}) { totalCount } }",
            "AMTSFREIE_STADT",
            "filter.kind",
        ),
        (
            "query($l: [ContractKind!]) { contracts(filter: {kind: $l}) { totalCount } }",
            "SERVICE_AGREEMENT",
            "filter.kind",
        ),
        (
            "query($l: [ContractStatus!]) { contracts(filter: {status: $l}) { totalCount } }",
            "IN_FORCE",
            "filter.status",
        ),
        (
            "query($l: [ServiceCategory!]) { services(filter: {category: $l}) { totalCount } }",
            "HOSTING",
            "filter.category",
        ),
        (
            "query($l: [ID!]!) { nodes(ids: $l) { id } }",
            "T3JnYW5pc2F0aW9uOjE",
            "ids",
        ),
        (
            "query($l: [ServiceCategory!]) { coverages(filter: {category: $l}) { totalCount } }",
            "HOSTING",
            "filter.category",
        ),
    ];
    for (query, value, field) in cases {
        let body = app.graphql(query, json!({ "l": many(value) })).await;
        refused_on(&body, field);
    }
});

both!(
    names_kept_narrower_are_refused_beyond_their_width,
    |app| async move {
        // Each of these names is kept in a column narrower than 200 characters: one character
        // more is refused on both databases, never an internal error on PostgreSQL.
        let cases = [
            (
                "mutation($s: String) { createOrganisation(input: {name: \"Zweckverband\", kind: PARTNER_COMPANY, shortName: $s}) { name } }",
                51,
                "shortName",
            ),
            (
                "mutation($s: String) { createContract(input: {title: \"Vertrag\", kind: SERVICE_AGREEMENT, number: $s}) { title } }",
                101,
                "number",
            ),
            (
                "mutation($s: String!) { createApiToken(input: {name: $s, scopes: [MEMBERS_READ], expiresInDays: 1}) { token } }",
                101,
                "name",
            ),
            (
                "mutation($s: String!) { createUser(input: {name: $s, role: VIEWER, password: \"a long enough password\"}) { name } }",
                101,
                "name",
            ),
            (
                "mutation($s: String!) { registerPersistedOperation(name: $s, document: \"{ __typename }\") { name } }",
                101,
                "name",
            ),
        ];
        for (query, chars, field) in cases {
            let body = app.graphql(query, json!({ "s": "n".repeat(chars) })).await;
            refused_on(&body, field);
            let data = app.data(query, json!({ "s": "n".repeat(chars - 1) })).await;
            assert!(data.is_object(), "{data:#}");
        }
        // A party's role.
        let contract = app
        .data(
            "mutation { createContract(input: {title: \"Vertrag\", kind: SERVICE_AGREEMENT}) { id version } }",
            json!({}),
        )
        .await;
        let organisation = app.organisation_id("Stadt Grabow").await;
        let body = app
        .graphql(
            "mutation($c: ID!, $v: Int!, $o: ID!, $r: String) { addContractParty(contractId: $c, version: $v, party: {organisationId: $o, role: $r}) { title } }",
            json!({
                "c": contract["createContract"]["id"],
                "v": contract["createContract"]["version"],
                "o": organisation,
                "r": "r".repeat(33),
            }),
        )
        .await;
        refused_on(&body, "role");
    }
);
