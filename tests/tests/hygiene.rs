//! Production mode (introspection, suggestions, GraphiQL), CORS for configured origins only,
//! a busy pool answered quickly, and one log line per request.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use verbund::http::Settings;
use verbund_tests::{TestApp, both, codes, header};

fn production() -> Settings {
    Settings {
        production: true,
        ..Settings::default()
    }
}

const INTROSPECTION: &str = "{ __schema { queryType { name } } }";
const TYPO: &str = "{ membrs { totalCount } }";

both!(
    production_hides_the_schema_from_all_but_admins,
    |app| async move {
        let admin = app.with_settings(production()).await;
        let viewer = admin.as_staff("VIEWER").await;

        // Introspection: admins only.
        let data = admin.data(INTROSPECTION, json!({})).await;
        assert_eq!(data["__schema"]["queryType"]["name"], "Query");
        let data = viewer.data(INTROSPECTION, json!({})).await;
        assert!(data["__schema"].is_null(), "{data}");
        let data = viewer
            .data("{ __type(name: \"Contract\") { name } }", json!({}))
            .await;
        assert!(data["__type"].is_null(), "{data}");

        // No "did you mean" for others.
        let body = viewer.graphql(TYPO, json!({})).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
        assert!(!body.to_string().contains("Did you mean"), "{body}");
        let body = admin.graphql(TYPO, json!({})).await;
        assert!(body.to_string().contains("Did you mean"), "{body}");

        // GraphiQL and the SDL: 404 for anyone but an admin. GraphiQL's bundle is not built
        // for this server, so an admin gets the page that says how to build it; others get
        // nothing.
        for path in ["/graphiql", "/schema.graphql"] {
            assert_eq!(viewer.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(
                viewer.anonymous().get(path).await.0,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        assert_eq!(admin.get("/schema.graphql").await.0, StatusCode::OK);
        let how_to_build = |body: &str| body.contains("GraphiQL is not built");
        assert!(how_to_build(&admin.get("/graphiql").await.2));
        assert!(!how_to_build(&viewer.get("/graphiql").await.2));
        assert!(!how_to_build(&viewer.anonymous().get("/graphiql").await.2));

        // The app's own queries work the same.
        let data = viewer.data("{ members { totalCount } }", json!({})).await;
        assert_eq!(data["members"]["totalCount"], 13);
    }
);

both!(development_explains_itself_to_everyone, |app| async move {
    let viewer = app.as_staff("VIEWER").await;
    let data = viewer.data(INTROSPECTION, json!({})).await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
    let body = viewer.graphql(TYPO, json!({})).await;
    assert!(body.to_string().contains("Did you mean"), "{body}");
    assert_eq!(viewer.get("/schema.graphql").await.0, StatusCode::OK);
    assert!(
        viewer
            .get("/graphiql")
            .await
            .2
            .contains("GraphiQL is not built")
    );
});

/// A CORS preflight from `origin`; the `Access-Control-Allow-Origin` it answers, if any.
async fn preflight(app: &TestApp, origin: &str) -> Option<String> {
    let response = app
        .anonymous()
        .request(reqwest::Method::OPTIONS, "/graphql")
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    header(&response, "access-control-allow-origin")
}

both!(cors_only_for_configured_origins, |app| async move {
    // By default no origin gets CORS.
    assert_eq!(preflight(&app, "https://intranet.example").await, None);
    let configured = app
        .with_settings(Settings {
            allowed_origins: vec!["https://intranet.example".to_owned()],
            ..Settings::default()
        })
        .await;
    assert_eq!(
        preflight(&configured, "https://intranet.example")
            .await
            .as_deref(),
        Some("https://intranet.example")
    );
    assert_eq!(preflight(&configured, "https://evil.example").await, None);

    // A configured origin may send the staff cookie; any other is refused.
    for (origin, status) in [
        ("https://intranet.example", StatusCode::OK),
        ("https://evil.example", StatusCode::FORBIDDEN),
    ] {
        let query = json!({ "query": "{ me { name } }" });
        let response = configured.post_graphql(&query, &[("origin", origin)]).await;
        assert_eq!(response.status(), status, "{origin}");
    }
});

both!(a_busy_pool_is_answered_quickly, |app| async move {
    use sea_orm::TransactionTrait;
    // A pool of one connection, held by a transaction: the next request finds none free.
    let db = verbund::db::connect_with(
        app.database_url(),
        verbund::db::Pool {
            max_connections: 1,
            acquire_timeout: Duration::from_millis(300),
        },
    )
    .await
    .unwrap();
    let served = app.served_by(db.clone()).await;
    let members = json!({ "query": "{ members { totalCount } }" });
    let held = db.begin().await.unwrap();
    let started = Instant::now();
    let response = served.post_graphql(&members, &[]).await;
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(header(&response, "retry-after").as_deref(), Some("1"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["UNAVAILABLE"]);
    assert!(waited < Duration::from_secs(2), "took {waited:?}");
    // Once the connection is back, the same request succeeds.
    held.rollback().await.unwrap();
    let response = served.post_graphql(&members, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
});

/// Posts `query` with the app's credential; status, `x-ratelimit-remaining`, body.
async fn limited(app: &TestApp, query: &str) -> (StatusCode, Option<String>, serde_json::Value) {
    let response = app.post_graphql(&json!({ "query": query }), &[]).await;
    let status = response.status();
    let remaining = header(&response, "x-ratelimit-remaining");
    (status, remaining, response.json().await.unwrap())
}

both!(requests_spend_cost_points_per_caller, |app| async move {
    let limited_app = app.with_rate_limit(10).await;
    let (status, remaining, body) = limited(
        &limited_app,
        "{ rateLimit { limit cost remaining resetAt } members { totalCount } }",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["rateLimit"]["limit"], 10);
    assert_eq!(body["data"]["rateLimit"]["cost"], 1);
    assert_eq!(body["data"]["rateLimit"]["remaining"], 9);
    assert_eq!(remaining.as_deref(), Some("9"));

    // A large query costs more: 100 members with 20 contracts each, about 4,000 complexity.
    let big = "{ rateLimit { cost remaining } members(first: 100) { nodes { name contracts(first: 20) { nodes { title } } } } }";
    let (_, _, body) = limited(&limited_app, big).await;
    let cost = body["data"]["rateLimit"]["cost"].as_i64().unwrap();
    assert!(cost >= 3, "{body}");
    let left = 9 - cost;
    assert_eq!(body["data"]["rateLimit"]["remaining"], left);

    // Spend the rest; then the request is refused before it runs.
    for _ in 0..left {
        assert_eq!(
            limited(&limited_app, "{ me { name } }").await.0,
            StatusCode::OK
        );
    }
    let (status, remaining, body) = limited(&limited_app, "{ me { name } }").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(remaining.as_deref(), Some("0"));
    assert_eq!(codes(&body), ["RATE_LIMITED"]);
    assert!(
        body["errors"][0]["extensions"]["retryAfter"]
            .as_i64()
            .unwrap()
            > 3000
    );

    // Another caller has a budget of its own.
    let other = limited_app.as_staff("VIEWER").await;
    assert_eq!(limited(&other, "{ me { name } }").await.0, StatusCode::OK);
});

both!(
    metrics_count_requests_errors_and_the_pool,
    |app| async move {
        app.data("{ members { totalCount } }", json!({})).await;
        app.anonymous()
            .graphql("{ members { totalCount } }", json!({}))
            .await;
        let (status, content_type, body) = app.get("/metrics").await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with("text/plain"), "{content_type}");
        let value = |name: &str| -> f64 {
            body.lines()
                .find(|line| line.starts_with(name))
                .and_then(|line| line.rsplit(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in\n{body}"))
        };
        assert!(value("verbund_http_requests_total{route=\"/graphql\",status=\"200\"}") >= 2.0);
        assert!(value("verbund_graphql_errors_total{code=\"UNAUTHENTICATED\"}") >= 1.0);
        assert!(value("verbund_http_request_duration_seconds_count{route=\"/graphql\"}") >= 2.0);
        assert!(value("verbund_db_pool_connections") >= 1.0);
        assert!(body.contains("# TYPE verbund_http_request_duration_seconds histogram"));
    }
);
