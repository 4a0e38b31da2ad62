//! Production mode (introspection, suggestions, GraphiQL), CORS for configured origins only,
//! a busy pool answered quickly, and one log line per request.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use verbund::http::Settings;
use verbund_tests::{TestApp, both, codes};

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

        // GraphiQL and the SDL: 404 for anyone but an admin.
        for path in ["/graphiql", "/schema.graphql"] {
            assert_eq!(viewer.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(
                viewer.anonymous().get(path).await.0,
                StatusCode::NOT_FOUND,
                "{path}"
            );
            assert_eq!(admin.get(path).await.0, StatusCode::OK, "{path}");
        }

        // The app's own queries work the same.
        let data = viewer.data("{ members { totalCount } }", json!({})).await;
        assert_eq!(data["members"]["totalCount"], 6);
    }
);

both!(development_explains_itself_to_everyone, |app| async move {
    let viewer = app.as_staff("VIEWER").await;
    let data = viewer.data(INTROSPECTION, json!({})).await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
    let body = viewer.graphql(TYPO, json!({})).await;
    assert!(body.to_string().contains("Did you mean"), "{body}");
    assert_eq!(viewer.get("/graphiql").await.0, StatusCode::OK);
});

/// A CORS preflight from `origin`; the `Access-Control-Allow-Origin` it answers, if any.
async fn preflight(app: &TestApp, origin: &str) -> Option<String> {
    let response = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/graphql", app.address()),
        )
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    response
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
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
    let cookie_request = |origin: &'static str| {
        let configured = configured.clone();
        async move {
            configured
                .authorize(reqwest::Client::new().post(format!("{}/graphql", configured.address())))
                .header("origin", origin)
                .json(&json!({ "query": "{ me { name } }" }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        cookie_request("https://intranet.example").await,
        StatusCode::OK
    );
    assert_eq!(
        cookie_request("https://evil.example").await,
        StatusCode::FORBIDDEN
    );
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
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(verbund::http::serve(
        listener,
        verbund::http::router(db.clone()),
        std::future::pending(),
    ));
    let held = db.begin().await.unwrap();
    let started = Instant::now();
    let response = app
        .authorize(reqwest::Client::new().post(format!("{address}/graphql")))
        .json(&json!({ "query": "{ members { totalCount } }" }))
        .send()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "1");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["UNAVAILABLE"]);
    assert!(waited < Duration::from_secs(2), "took {waited:?}");
    // Once the connection is back, the same request succeeds.
    held.rollback().await.unwrap();
    let response = app
        .authorize(reqwest::Client::new().post(format!("{address}/graphql")))
        .json(&json!({ "query": "{ members { totalCount } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    server.abort();
    let _ = db.close().await;
});
