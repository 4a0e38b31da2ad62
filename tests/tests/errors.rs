//! Bad input is answered with a typed error and a client-side status, never with internals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use verbund::entities::contract;
use verbund_tests::{TestApp, both, codes, header};

/// What must never reach a client: driver and ORM names, SQL, Rust panics and debug output.
const LEAKS: [&str; 6] = ["sqlx", "SELECT", "DbErr", "panicked", "Error {", "sea_orm"];

/// Posts `query`, asserts it failed with exactly `code`, with a 4xx or 200 status and nothing
/// internal in the text, and answers the body.
async fn assert_fails_with(app: &TestApp, code: &str, query: &str, variables: Value) -> Value {
    let (status, text) = app.graphql_raw(query, variables).await;
    assert!(
        !status.is_server_error(),
        "HTTP {status} for {query}: {text}"
    );
    for leak in LEAKS {
        assert!(!text.contains(leak), "{leak:?} leaked for {query}: {text}");
    }
    let body: Value = serde_json::from_str(&text).expect("a JSON body");
    let found = codes(&body);
    assert!(
        !found.is_empty() && found.iter().all(|c| c == code),
        "expected {code} for {query}, got {found:?}: {body:#}"
    );
    for error in body["errors"].as_array().unwrap() {
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "an error without a message: {body:#}"
        );
    }
    body
}

both!(malformed_date_literal, |app| async move {
    for literal in ["2018-13-01", "2018-02-30", "30.06.2018", "yesterday", ""] {
        let query = format!(r#"{{ members(asOf: "{literal}") {{ totalCount }} }}"#);
        let body = assert_fails_with(&app, "BAD_USER_INPUT", &query, json!({})).await;
        assert_eq!(body["data"], Value::Null, "{body:#}");
    }
    // A number is not a date either.
    assert_fails_with(
        &app,
        "BAD_USER_INPUT",
        "{ members(asOf: 20180630) { totalCount } }",
        json!({}),
    )
    .await;
});

both!(malformed_date_variable, |app| async move {
    let query = "query($d: Date) { members(asOf: $d) { totalCount } }";
    for value in [
        json!("2018-02-30"),
        json!("2018-6-3x"),
        json!(20180630),
        json!(true),
    ] {
        assert_fails_with(&app, "BAD_USER_INPUT", query, json!({ "d": value })).await;
    }
    // The same variable, well-formed, works.
    let data = app.data(query, json!({ "d": "2018-06-30" })).await;
    assert_eq!(data["members"]["totalCount"], 4);
});

both!(unknown_enum_value, |app| async move {
    for (query, variables) in [
        (
            "{ members(filter: {kind: [PLANET]}) { totalCount } }",
            json!({}),
        ),
        (
            "query($s: [ContractStatus!]) { contracts(filter: {status: $s}) { totalCount } }",
            json!({ "s": ["CANCELLED"] }),
        ),
        (
            "{ members(orderBy: {field: NAME, direction: SIDEWAYS}) { totalCount } }",
            json!({}),
        ),
    ] {
        assert_fails_with(&app, "BAD_USER_INPUT", query, variables).await;
    }
});

both!(unknown_field_and_argument, |app| async move {
    for query in [
        "{ members { bogus } }",
        "{ members(colour: RED) { totalCount } }",
        "{ planets { name } }",
        "{ members(filter: {town: \"Grabow\"}) { totalCount } }",
    ] {
        assert_fails_with(&app, "BAD_USER_INPUT", query, json!({})).await;
    }
});

both!(syntax_errors_and_missing_variables, |app| async move {
    for (query, variables) in [
        ("{ members { totalCount ", json!({})),
        (
            "query($d: Date!) { members(asOf: $d) { totalCount } }",
            json!({}),
        ),
        ("{ members { nodes } }", json!({})),
    ] {
        assert_fails_with(&app, "BAD_USER_INPUT", query, variables).await;
    }
});

both!(malformed_json_body_is_400, |app| async move {
    for (content_type, body) in [
        ("application/json", "{ \"query\": "),
        ("application/json", "not json at all"),
        ("application/json", "[1, 2]"),
        ("application/json", ""),
        ("application/json", "{\"variables\": {}}"),
        ("application/json", "{\"query\": \"  \"}"),
    ] {
        let (status, returned_type, text) = app.post_raw("/graphql", content_type, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body:?}: {text}");
        assert!(
            returned_type.starts_with("application/json"),
            "{returned_type}"
        );
        let parsed: Value = serde_json::from_str(&text).expect("a JSON error body");
        assert_eq!(codes(&parsed), ["BAD_REQUEST"], "{parsed:#}");
        for leak in LEAKS {
            assert!(!text.contains(leak), "{leak:?} leaked: {text}");
        }
    }
    // Not JSON at all is refused by its type (see `limits.rs`).
    let (status, _, text) = app
        .post_raw("/graphql", "text/plain", "{ members { totalCount } }")
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{text}");
});

both!(internal_errors_say_nothing_of_the_cause, |app| async move {
    // A tacit renewal without its months: the stored terms contradict the domain rules.
    let row = contract::ActiveModel {
        number: Set(Some("KAPUTT-1".to_owned())),
        effective_from: Set(NaiveDate::from_ymd_opt(2020, 1, 1)),
        initial_term_months: Set(Some(12)),
        renewal: Set("TACIT".to_owned()),
        ..verbund_tests::contract_row("Vertrag mit widersprüchlichen Bedingungen".to_owned())
    }
    .insert(app.db())
    .await
    .unwrap();
    let body = assert_fails_with(
        &app,
        "INTERNAL",
        r#"{ contracts(filter: {search: "KAPUTT"}) { nodes { title status } } }"#,
        json!({}),
    )
    .await;
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("renewal"), "the cause leaked: {message}");
    assert!(
        !message.contains(&row.id.to_string()),
        "the row leaked: {message}"
    );
    // The other contracts are still served.
    let data = app
        .data(
            r#"{ contracts(filter: {search: "Beitritt"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["contracts"]["totalCount"], 10);
});

both!(errors_carry_the_request_id, |app| async move {
    let response = app
        .post_graphql(
            &json!({ "query": "{ contracts(first: 500) { totalCount } }" }),
            &[],
        )
        .await;
    let header = header(&response, "x-request-id").expect("a request id");
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert_eq!(
        body["errors"][0]["extensions"]["requestId"],
        header.as_str()
    );
    assert!(!header.is_empty());
});

both!(a_request_id_is_kept_only_in_a_safe_form, |app| async move {
    let id_of = |sent: &'static str| {
        let app = app.clone();
        async move {
            let response = app
                .post_graphql(
                    &json!({ "query": "{ contracts(first: 500) { totalCount } }" }),
                    &[("x-request-id", sent)],
                )
                .await;
            let header = header(&response, "x-request-id").expect("a request id");
            let body: Value = response.json().await.unwrap();
            assert_eq!(
                body["errors"][0]["extensions"]["requestId"],
                header.as_str()
            );
            header
        }
    };
    let uuid = "0b6f2a52-7c1e-4b8e-9a51-3f7f1c2d9e10";
    assert_eq!(id_of(uuid).await, uuid);
    assert_eq!(id_of("nginx.4f1c:9e").await, "nginx.4f1c:9e");
    let long: &'static str = "a".repeat(65).leak();
    for unsafe_id in ["", "two words", "<script>", "id\"quoted\"", "ümlaut", long] {
        let fresh = id_of(unsafe_id).await;
        assert_ne!(fresh, unsafe_id);
        assert_eq!(fresh.len(), 36, "a fresh UUID for {unsafe_id:?}: {fresh}");
    }
});

both!(
    a_change_that_waits_too_long_for_sqlites_write_lock_is_busy,
    |app| async move {
        if app.backend() != verbund_tests::Backend::Sqlite {
            return;
        }
        // Another connection holds the write lock (as a long import does) past the busy
        // timeout of 5 s: the change is answered "try again shortly", not as a failure.
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        let editor = app.as_staff("EDITOR").await;
        let holder = app
            .db()
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..TransactionOptions::default()
            })
            .await
            .unwrap();
        let started = std::time::Instant::now();
        let (status, text) = editor
            .graphql_raw(
                r#"mutation { createSource(input: {title: "Wartet"}) { id } }"#,
                json!({}),
            )
            .await;
        let waited = started.elapsed();
        holder.rollback().await.unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(codes(&body), ["UNAVAILABLE"], "HTTP {status}: {text}");
        assert!(!text.contains("locked"), "{text}");
        assert!(waited >= std::time::Duration::from_secs(4), "{waited:?}");
        // Once the lock is free, the same change goes through.
        let data = editor
            .data(
                r#"mutation { createSource(input: {title: "Wartet"}) { title } }"#,
                json!({}),
            )
            .await;
        assert_eq!(data["createSource"]["title"], "Wartet");
    }
);
