//! The HTTP surface besides GraphQL queries: health, GraphiQL, the SDL, GET queries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use reqwest::StatusCode;
use serde_json::{Value, json};
use verbund_tests::both;

/// The SDL as committed; `/schema.graphql` must serve exactly this.
const COMMITTED_SDL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../backend/schema.graphql"
));

both!(health_check_answers_ok, |app| async move {
    let (status, _, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
});

both!(
    graphiql_without_its_bundle_says_how_to_build_it,
    |app| async move {
        // The test server serves no web dir, so GraphiQL's bundle is not there (the browser tests
        // use the built one).
        let (status, content_type, body) = app.get("/graphiql").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(body.contains("GraphiQL is not built"), "{body}");
        assert!(body.contains("cargo run -p xtask -- web"), "{body}");
        // Nothing from elsewhere stands in for it.
        assert!(!body.contains("<script") && !body.contains("//"), "{body}");
        let (status, _, _) = app.get("/graphiql/graphiql.js").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

both!(graphiql_examples_answer_without_errors, |app| async move {
    // GraphiQL opens with these documents in its tabs; they must fit the schema and the limits.
    let viewer = app.as_staff("VIEWER").await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/graphiql/examples");
    let mut examples: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "graphql"))
        .collect();
    examples.sort();
    assert_eq!(examples.len(), 4, "{examples:?}");
    for path in examples {
        let query = std::fs::read_to_string(&path).unwrap();
        // A subscription goes over the socket and answers with the next change.
        if query.lines().any(|line| line.starts_with("subscription ")) {
            let mut socket = verbund_tests::socket::Socket::open(&viewer).await;
            socket.subscribe("example", &query, json!({})).await;
            let (id, version) = app.first_service().await;
            app.rename_service(&id, version, "Beispiel").await;
            let event = socket.event("example").await;
            assert_eq!(
                event["registerChanged"]["recordType"],
                "Service",
                "{}: {event:#}",
                path.display()
            );
            continue;
        }
        let data = viewer.data(&query, json!({})).await;
        let answered = data.as_object().unwrap();
        assert!(
            answered.values().all(|value| !value.is_null()),
            "{}: {data:#}",
            path.display()
        );
        let text = data.to_string();
        assert!(
            text.contains("Stadt Ludwigslust"),
            "{}: {data:#}",
            path.display()
        );
    }
});

both!(schema_is_the_committed_sdl, |app| async move {
    let (status, content_type, body) = app.get("/schema.graphql").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    assert!(
        body == COMMITTED_SDL,
        "/schema.graphql differs from backend/schema.graphql; \
         run `VERBUND_UPDATE_SDL=1 cargo test -p verbund` and review the diff"
    );
    assert!(body.contains("type Query"));
});

both!(queries_work_over_get, |app| async move {
    // { members(asOf: "2019-01-01") { totalCount } }, percent-encoded.
    let (status, content_type, body) = app
        .get("/graphql?query=%7B%20members(asOf%3A%20%222019-01-01%22)%20%7B%20totalCount%20%7D%20%7D")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body, json!({ "data": { "members": { "totalCount": 6 } } }));

    // Without a query: 400 in the GraphQL error shape.
    let (status, _, body) = app.get("/graphql").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_REQUEST",
        "{body:#}"
    );
});

both!(unknown_paths_are_404, |app| async move {
    let (status, _, _) = app.get("/no/such/path").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

/// Sends `request` to `address` a byte every `pause` (blocking), while reading; what the
/// server answered, how long until it closed the connection, and how much was sent.
fn dribble(
    address: std::net::SocketAddr,
    request: &[u8],
    pause: std::time::Duration,
) -> (String, std::time::Duration, usize) {
    use std::io::{Read, Write};
    let stream = std::net::TcpStream::connect(address).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let started = std::time::Instant::now();
    let request = request.to_vec();
    let mut writer = stream;
    let sent = std::thread::spawn(move || {
        let mut sent = 0;
        for byte in request {
            if writer.write_all(&[byte]).is_err() {
                break;
            }
            sent += 1;
            std::thread::sleep(pause);
        }
        sent
    });
    reader
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = reader.read_to_end(&mut answer);
    let closed = started.elapsed();
    let _ = reader.shutdown(std::net::Shutdown::Both);
    let sent = sent.join().unwrap();
    (String::from_utf8_lossy(&answer).into_owned(), closed, sent)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_its_headers_slowly_is_cut_off() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = verbund::http::with_middleware(
        axum::Router::new().route("/", axum::routing::get(|| async { "answered" })),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(verbund::http::serve_with_header_timeout(
        listener,
        app,
        async {
            let _ = stopped.await;
        },
        std::time::Duration::from_secs(1),
    ));
    let request = b"GET / HTTP/1.1\r\nHost: verbund\r\nConnection: close\r\n\r\n";
    // Sent at once: answered.
    let (answer, _, _) =
        tokio::task::spawn_blocking(move || dribble(address, request, std::time::Duration::ZERO))
            .await
            .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("answered"), "{answer}");
    // A byte every 100 ms would take 5 s: the connection is closed after about 1 s.
    let (answer, closed, sent) = tokio::task::spawn_blocking(move || {
        dribble(address, request, std::time::Duration::from_millis(100))
    })
    .await
    .unwrap();
    assert!(!answer.contains("answered"), "{answer}");
    assert!(
        closed < std::time::Duration::from_secs(3),
        "closed after {closed:?}"
    );
    assert!(
        sent < request.len(),
        "{sent} of {} bytes sent",
        request.len()
    );
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// Asserts the security headers of an answer; its Content-Security-Policy.
fn assert_secured(response: &reqwest::Response, what: &str) -> String {
    let header = |name: &str| verbund_tests::header(response, name).unwrap_or_default();
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "same-origin", "{what}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
    let policy = header("content-security-policy");
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
    assert!(policy.contains("default-src 'none'"), "{what}: {policy}");
    let scripts = policy
        .split(';')
        .find(|directive| directive.trim().starts_with("script-src"))
        .unwrap_or_default();
    assert!(
        !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"),
        "{what}: {policy}"
    );
    policy
}

both!(
    every_answer_carries_the_security_headers,
    |app| async move {
        // The web app's folder: its page and a script.
        let dir = std::env::temp_dir().join(format!(
            "verbund-web-{}-{:?}",
            std::process::id(),
            app.backend()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
        std::fs::write(dir.join("app-1.js"), "export default 1;").unwrap();
        let router = verbund::http::router_with_web_app(
            app.db().clone(),
            verbund::http::Settings::default(),
            &dir,
        );
        let server = verbund_tests::Server::start(router).await;
        let client = reqwest::Client::new();
        let get = |path: &str| client.get(format!("{}{path}", server.address())).send();
        for path in [
            "/",
            "/members/deep/link",
            "/app-1.js",
            "/healthz",
            "/schema.graphql",
            "/metrics",
            "/graphiql",
            "/graphql?query=%7B__typename%7D",
            "/graphql?query=%7B",
        ] {
            let response = get(path).await.unwrap();
            let policy = assert_secured(&response, path);
            if path != "/graphiql" {
                assert!(
                    policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
                    "{path}: {policy}"
                );
            }
        }
        let response = client
            .post(format!("{}/graphql", server.address()))
            .header("content-type", "text/plain")
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_secured(&response, "POST text/plain");
        server.stop().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }
);
