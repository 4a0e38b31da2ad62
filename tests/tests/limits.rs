//! Limits and request hygiene: what keeps one request from taking the server down, over HTTP
//! against the real server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use axum::routing::{MethodRouter, get};
use reqwest::StatusCode;
use serde_json::{Value, json};
use verbund_tests::{Server, both, codes};

/// A document of `levels` fragments, each spreading the next one twice, the last asking for
/// `__typename`: it expands to 2^(levels-1) selections.
fn fragment_bomb(levels: usize) -> String {
    let mut query = String::from("query { ...F1 }\n");
    for level in 1..levels {
        let next = level + 1;
        query.push_str(&format!(
            "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n"
        ));
    }
    query.push_str(&format!("fragment F{levels} on Query {{ __typename }}\n"));
    query
}

/// Asserts that `body` is refused with one BAD_USER_INPUT error whose message contains `needle`.
fn assert_refused(body: &Value, needle: &str) {
    assert_eq!(codes(body), ["BAD_USER_INPUT"], "{body:#}");
    assert!(body.get("data").is_none_or(Value::is_null), "{body:#}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(needle), "{message}");
}

both!(fragment_bombs_are_refused_quickly, |app| async move {
    for levels in [24, 28] {
        let query = fragment_bomb(levels);
        let started = Instant::now();
        let body = app.graphql(&query, json!({})).await;
        let elapsed = started.elapsed();
        println!(
            "fragment bomb, {levels} levels ({} bytes): refused in {elapsed:?}",
            query.len()
        );
        assert_refused(&body, "field selections");
        assert!(
            elapsed < Duration::from_secs(1),
            "{levels} levels took {elapsed:?}"
        );
    }
    // The server still answers.
    let data = app.data("{ __typename }", json!({})).await;
    assert_eq!(data["__typename"], "Query");
});

/// The resident memory of this process (the server runs in it), in bytes.
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kb| kb * 1024)
}

both!(fragment_bombs_do_not_grow_memory, |app| async move {
    // Warm up the server's allocations, then send each bomb ten times.
    app.graphql(&fragment_bomb(24), json!({})).await;
    let before = resident_bytes();
    for levels in [24, 28] {
        let query = fragment_bomb(levels);
        for _ in 0..10 {
            assert_refused(&app.graphql(&query, json!({})).await, "field selections");
        }
    }
    let grown = resident_bytes().saturating_sub(before);
    println!(
        "fragment bombs: resident memory grew by {} kB",
        grown / 1024
    );
    assert!(grown < 50 * 1024 * 1024, "grew by {grown} bytes");
});

both!(fragment_cycles_are_refused, |app| async move {
    app.fails_with(
        "BAD_USER_INPUT",
        "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
        json!({}),
    )
    .await;
});

both!(many_aliases_are_refused, |app| async move {
    let fields: Vec<String> = (0..10_000).map(|i| format!("a{i}: __typename")).collect();
    let query = format!("{{ {} }}", fields.join(" "));
    let body = app.graphql(&query, json!({})).await;
    // Over 32 KB as well: either limit may answer, both name the cause.
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");

    // Under the size limit, aliases are counted on their own.
    let fields: Vec<String> = (0..100).map(|i| format!("a{i}: __typename")).collect();
    let body = app
        .graphql(&format!("{{ {} }}", fields.join(" ")), json!({}))
        .await;
    assert_refused(&body, "aliases");
});

both!(many_duplicate_fields_are_refused, |app| async move {
    let query = format!("{{ {} }}", vec!["__typename"; 20_000].join(" "));
    let body = app.graphql(&query, json!({})).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");

    // Under the size limit, the selections are counted, `__typename` included.
    let query = format!("{{ {} }}", vec!["__typename"; 2_500].join(" "));
    assert!(query.len() < verbund::http::limits::MAX_QUERY_BYTES);
    let body = app.graphql(&query, json!({})).await;
    assert_refused(&body, "field selections");
});

both!(long_documents_are_refused, |app| async move {
    let query = format!("{{ __typename }} # {}", "x".repeat(40_000));
    let body = app.graphql(&query, json!({})).await;
    assert_refused(&body, "bytes");
    // Under the byte limit, but too many tokens for the parser.
    let query = format!("{{ __typename }} {}", "{}".repeat(8_000));
    let body = app.graphql(&query, json!({})).await;
    assert_refused(&body, "tokens");
});

both!(many_directives_are_refused, |app| async move {
    let directives = vec!["@include(if: true)"; 60].join(" ");
    let body = app
        .graphql(&format!("{{ __typename {directives} }}"), json!({}))
        .await;
    assert_refused(&body, "directives");
});

both!(large_pages_cost_more, |app| async move {
    // Three nested pages of 100 cost 100 × 100 × 100 per field: over the complexity limit,
    // though the document is small.
    let query = "{ contracts(first: 100) { nodes { coverages(first: 100) { nodes { \
                 service { coverages(first: 100) { nodes { workstations users } } } } } } } }";
    let body = app.graphql(query, json!({})).await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("omplex"), "{message}");
});

both!(a_normal_query_passes, |app| async move {
    let data = app
        .data(
            "fragment M on Organisation { id name } \
             { __typename members(asOf: \"2019-01-01\", first: 50) { totalCount nodes { ...M } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["members"]["totalCount"], 6);
});

/// The web app's documents, by name: `frontend/queries/<name>.graphql` with the shared
/// fragments it spreads (`frontend/queries/fragments/`) appended, as the app's build does.
fn app_queries() -> Vec<(&'static str, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/queries");
    let mut fragments = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("fragments")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("fragment ").skip(1) {
            let name = part.split_whitespace().next().unwrap().to_owned();
            fragments.insert(name, format!("fragment {}", part.trim_end()));
        }
    }
    let spread = |document: &str| -> Option<String> {
        let defined = |name: &str| document.contains(&format!("fragment {name} "));
        document
            .split("...")
            .skip(1)
            .map(|rest| {
                rest.split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or_default()
            })
            .find(|name| !name.is_empty() && *name != "on" && !defined(name))
            .map(str::to_owned)
    };
    APP_DOCUMENTS
        .iter()
        .map(|name| {
            let mut document =
                std::fs::read_to_string(dir.join(format!("{name}.graphql"))).unwrap();
            while let Some(missing) = spread(&document) {
                document.push_str("\n\n");
                document.push_str(&fragments[&missing]);
            }
            (*name, document)
        })
        .collect()
}

const APP_DOCUMENTS: [&str; 10] = [
    "contract",
    "contracts",
    "coverage",
    "dashboard",
    "member",
    "members",
    "search",
    "service",
    "services",
    "tree",
];

both!(the_apps_own_queries_pass_the_limits, |app| async move {
    let first_id = |data: &Value, field: &str| -> String {
        data[field]["nodes"][0]["id"].as_str().unwrap().to_owned()
    };
    let ids = app
        .data(
            "{ contracts(first: 1) { nodes { id } } services(first: 1) { nodes { id } } \
             members(first: 1) { nodes { id } } }",
            json!({}),
        )
        .await;
    let contract = first_id(&ids, "contracts");
    let service = first_id(&ids, "services");
    let member = first_id(&ids, "members");
    let as_of = "2019-06-30";
    for (name, query) in app_queries() {
        let variables = match name {
            "contract" => json!({ "id": contract, "asOf": as_of }),
            "member" => json!({ "id": member, "asOf": as_of }),
            "service" => json!({ "id": service, "asOf": as_of }),
            "dashboard" => json!({ "asOf": as_of, "horizon": "2019-09-28" }),
            "coverage" => json!({ "asOf": as_of, "after": null }),
            "search" => json!({ "query": "Stadt", "first": 100, "offset": 0 }),
            // The tree's top level, a page of it.
            "tree" => json!({ "asOf": as_of, "filter": { "topLevel": true }, "after": null }),
            // The lists at the largest page size their pager offers.
            _ => json!({ "asOf": as_of, "filter": null, "first": 100, "offset": 0 }),
        };
        let body = app.graphql(&query, variables).await;
        assert!(
            body.get("errors").is_none(),
            "the app's {name} query fails:\n{body:#}"
        );
        assert!(body["data"].is_object(), "{name}: {body:#}");
    }
});

// ---------------------------------------------------------------------------------------------
// Request hygiene

fn assert_json_error(status: StatusCode, content_type: &str, body: &str, code: &str) {
    assert!(
        content_type.starts_with("application/json"),
        "{status} {content_type}: {body}"
    );
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(codes(&body), [code], "{body:#}");
}

both!(posts_must_be_json, |app| async move {
    let query = r#"{"query":"{ __typename }"}"#;
    for content_type in [
        "text/plain",
        "text/plain;charset=UTF-8",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "",
    ] {
        let (status, got, body) = app.post_raw("/graphql", content_type, query).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}: {body}"
        );
        assert_json_error(status, &got, &body, "UNSUPPORTED_MEDIA_TYPE");
    }
    let (status, _, body) = app
        .post_raw("/graphql", "application/json; charset=utf-8", query)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
});

both!(batches_are_refused, |app| async move {
    let batch = r#"[{"query":"{ __typename }"},{"query":"{ __typename }"}]"#;
    let (status, content_type, body) = app.post_raw("/graphql", "application/json", batch).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_json_error(status, &content_type, &body, "BAD_REQUEST");
});

both!(mutations_are_not_run_from_get, |app| async move {
    // mutation { __typename }
    let (status, content_type, body) = app
        .get("/graphql?query=mutation%20%7B%20__typename%20%7D")
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert_json_error(status, &content_type, &body, "METHOD_NOT_ALLOWED");
    // Also when the mutation is not the operation named.
    let (status, _, body) = app
        .get("/graphql?query=query%20Q%20%7B%20__typename%20%7D%20mutation%20M%20%7B%20__typename%20%7D&operationName=Q")
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
});

both!(large_bodies_are_refused, |app| async move {
    let padding = "x".repeat(verbund::http::MAX_BODY_BYTES + 1);
    let body = json!({ "query": "{ __typename }", "variables": { "padding": padding } });
    let (status, content_type, body) = app
        .post_raw("/graphql", "application/json", body.to_string())
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_json_error(status, &content_type, &body, "PAYLOAD_TOO_LARGE");
    // The server still answers.
    let data = app.data("{ __typename }", json!({})).await;
    assert_eq!(data["__typename"], "Query");
});

// ---------------------------------------------------------------------------------------------
// Operations

both!(ready_when_the_database_answers, |app| async move {
    let (status, _, body) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, "ready");
});

both!(statement_timeout_is_set_on_postgres, |app| async move {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    if app.db().get_database_backend() != DbBackend::Postgres {
        return;
    }
    let row = app
        .db()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_setting('statement_timeout') AS t",
        ))
        .await
        .unwrap()
        .unwrap();
    let value: String = row.try_get("", "t").unwrap();
    assert_eq!(value, verbund::db::STATEMENT_TIMEOUT);
});

/// A router of `route` at `path` beside `/ok`, which always answers "ok".
fn beside_ok(path: &str, route: MethodRouter) -> axum::Router {
    axum::Router::new()
        .route(path, route)
        .route("/ok", get(|| async { "ok" }))
}

/// GETs `url`, which must answer `status` with a JSON error of `code`; the body.
async fn get_error(url: &str, status: StatusCode, code: &str) -> Value {
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), status, "{url}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), [code], "{body:#}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_answers_500_json_and_the_server_lives_on() {
    let panics = get(|| async {
        if std::hint::black_box(true) {
            panic!("secret detail from a handler");
        }
        "unreachable"
    });
    let server = Server::start(verbund::http::with_middleware(beside_ok("/panic", panics))).await;
    let address = server.address();
    for _ in 0..3 {
        let url = format!("{address}/panic");
        let body = get_error(&url, StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL").await;
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.starts_with("Internal error"), "{message}");
        assert!(!body.to_string().contains("secret"), "{body}");

        let response = reqwest::get(format!("{address}/ok")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.text().await.unwrap(), "ok");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_ready_when_the_database_is_gone() {
    let db = verbund::db::connect("sqlite::memory:").await.unwrap();
    let server = Server::start(verbund::http::router(db.clone())).await;
    let address = server.address();
    db.close().await.unwrap();
    let url = format!("{address}/readyz");
    get_error(&url, StatusCode::SERVICE_UNAVAILABLE, "UNAVAILABLE").await;
    // Liveness does not depend on the database.
    let response = reqwest::get(format!("{address}/healthz")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_requests_time_out_as_503_json() {
    let slow = get(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    });
    let router = verbund::http::with_middleware_and_timeout(
        beside_ok("/slow", slow),
        Duration::from_millis(200),
    );
    let server = Server::start(router).await;
    let address = server.address();
    let started = Instant::now();
    let url = format!("{address}/slow");
    get_error(&url, StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT").await;
    assert!(started.elapsed() < Duration::from_secs(3));
    let response = reqwest::get(format!("{address}/ok")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}
