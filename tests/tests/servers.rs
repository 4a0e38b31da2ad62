//! Two servers on one database behave as one: rate-limit budgets are counted in the
//! database, so the servers give a caller one budget and requests sent to both at once never
//! spend more than it; a token revoked on one server is refused on the other at once, and its
//! sockets there are closed; a change made through one server reaches the subscribers of the
//! other.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use verbund_tests::{Backend, TestApp, both, codes, header, socket};

/// A second server on its own pool of the same database, giving each caller `points` an hour.
async fn other_server(app: &TestApp, points: u32) -> TestApp {
    let db = verbund::db::connect(app.database_url()).await.unwrap();
    app.served_by_with(
        db,
        verbund::http::Settings {
            rate_limit_points: points,
            ..verbund::http::Settings::default()
        },
    )
    .await
}

/// Posts `query`; status, `x-ratelimit-remaining`, `Retry-After`, body.
async fn ask(app: &TestApp, query: &str) -> (StatusCode, Option<String>, Option<String>, Value) {
    let response = app.post_graphql(&json!({ "query": query }), &[]).await;
    let status = response.status();
    let remaining = header(&response, "x-ratelimit-remaining");
    let retry = header(&response, "retry-after");
    (status, remaining, retry, response.json().await.unwrap())
}

/// What the database has counted for all callers together.
async fn counted(app: &TestApp) -> i64 {
    let row = app
        .db()
        .query_one_raw(Statement::from_string(
            app.db().get_database_backend(),
            "SELECT CAST(COALESCE(SUM(used), 0) AS BIGINT) FROM rate_budgets",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

const CHEAP: &str = "{ rateLimit { cost remaining } me { name } }";

both!(
    a_budget_spent_on_one_server_counts_on_the_other,
    |app| async move {
        let a = app.with_rate_limit(10).await;
        let b = other_server(&app, 10).await;
        assert_ne!(a.address(), b.address());

        let (status, remaining, _, body) = ask(&a, CHEAP).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(remaining.as_deref(), Some("9"));
        let (_, remaining, _, body) = ask(&b, CHEAP).await;
        assert_eq!(body["data"]["rateLimit"]["remaining"], 8, "{body}");
        assert_eq!(remaining.as_deref(), Some("8"));

        // Spend all but one point, alternating between the servers.
        for n in 0..7 {
            let server = if n % 2 == 0 { &a } else { &b };
            assert_eq!(ask(server, CHEAP).await.0, StatusCode::OK);
        }

        // A request that costs more than the one point left is refused, and spends nothing.
        let big = "{ rateLimit { cost } members(first: 100) { nodes { name contracts(first: 20) { nodes { title } } } } }";
        let (status, remaining, retry, body) = ask(&b, big).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
        assert_eq!(codes(&body), ["RATE_LIMITED"]);
        assert_eq!(remaining.as_deref(), Some("1"));
        assert!(retry.unwrap().parse::<i64>().unwrap() > 3000);
        assert_eq!(counted(&app).await, 9);

        // The last point, then nothing on either server.
        let (status, remaining, _, _) = ask(&a, CHEAP).await;
        assert_eq!((status, remaining.as_deref()), (StatusCode::OK, Some("0")));
        for server in [&a, &b] {
            let (status, remaining, _, body) = ask(server, CHEAP).await;
            assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
            assert_eq!(remaining.as_deref(), Some("0"));
            assert!(
                body["errors"][0]["extensions"]["retryAfter"]
                    .as_i64()
                    .unwrap()
                    > 3000
            );
        }
        assert_eq!(counted(&app).await, 10);

        // Another caller has a budget of its own, on both servers.
        let viewer = a.as_staff("VIEWER").await;
        assert_eq!(ask(&viewer, CHEAP).await.0, StatusCode::OK);
        // (The same account, signed in again: its budget is the account's.)
        let viewer_on_b = b.as_staff("VIEWER").await;
        let (_, remaining, _, _) = ask(&viewer_on_b, CHEAP).await;
        assert_eq!(remaining.as_deref(), Some("8"));
    }
);

both!(
    requests_sent_at_once_to_both_servers_never_overspend,
    |app| async move {
        const LIMIT: u32 = 20;
        let a = app.with_rate_limit(LIMIT).await;
        let b = other_server(&app, LIMIT).await;
        let mut requests = tokio::task::JoinSet::new();
        for n in 0..60 {
            let server = if n % 2 == 0 { a.clone() } else { b.clone() };
            requests.spawn(async move { ask(&server, CHEAP).await.0 });
        }
        let statuses = requests.join_all().await;
        let charged = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let refused = statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!(charged + refused, 60, "{statuses:?}");
        assert_eq!(charged, LIMIT as usize, "{statuses:?}");
        assert_eq!(counted(&app).await, i64::from(LIMIT));
    }
);

/// Runs `sql` on the test's database.
async fn execute(app: &TestApp, sql: &str) {
    let backend = app.db().get_database_backend();
    app.db()
        .execute_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
}

both!(
    a_window_that_is_over_starts_again_and_is_purged,
    |app| async move {
        // A count whose window ended an hour ago, of a caller not heard from since.
        execute(
        &app,
        "INSERT INTO rate_budgets (caller, used, resets_at_ms) VALUES ('address:192.0.2.1', 5, 1000)",
    )
    .await;
        let a = app.with_rate_limit(3).await;
        // A server's first request removes the counts that are over.
        for _ in 0..3 {
            assert_eq!(ask(&a, CHEAP).await.0, StatusCode::OK);
        }
        assert_eq!(counted(&app).await, 3, "the old count is gone");
        assert_eq!(ask(&a, CHEAP).await.0, StatusCode::TOO_MANY_REQUESTS);

        // When the caller's window is over, its budget is whole again (before any purge).
        execute(&app, "UPDATE rate_budgets SET resets_at_ms = 1000").await;
        let (status, remaining, _, body) = ask(&a, CHEAP).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(remaining.as_deref(), Some("2"));
        assert_eq!(counted(&app).await, 1);
    }
);

both!(
    a_token_revoked_on_one_server_is_refused_on_the_other_at_once,
    |app| async move {
        let secret = app.partner_token(json!(["MEMBERS_READ"]), None).await;
        let b = other_server(&app, 0).await;
        let on_b = b.as_token(&secret);
        // B has looked the token up, and keeps it for a few seconds.
        let (status, body) = on_b.graphql_raw("{ me { name } }", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        if app.backend() == Backend::Sqlite {
            // Nothing tells another server on SQLite: it takes the token as it was for up to
            // 10 seconds (see the README).
            return;
        }
        app.revoke_first_token().await;
        let revoked = Instant::now();
        loop {
            let (status, body) = on_b.graphql_raw("{ me { name } }", json!({})).await;
            if status == StatusCode::UNAUTHORIZED {
                break;
            }
            assert_eq!(status, StatusCode::OK, "{body}");
            assert!(
                revoked.elapsed() < Duration::from_secs(1),
                "B still accepts the revoked token"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
);

both!(
    a_change_through_one_server_reaches_a_subscriber_of_the_other,
    |app| async move {
        let b = other_server(&app, 0).await;
        let secret = app.partner_token(json!(["COVERAGE_READ"]), None).await;
        let mut on_b = socket::Socket::open(&b.as_token(&secret)).await;
        // From the end of the feed as it is, so the change below is heard however long B
        // takes to start the subscription.
        let (id, version) = app.first_service().await;
        let body = app.rename_service(&id, version, "Betrieb A").await;
        assert!(body["errors"].is_null(), "{body:#}");
        let feed = app
            .data("{ changes(first: 100) { edges { cursor } } }", json!({}))
            .await;
        let end = feed["changes"]["edges"].as_array().unwrap().last().unwrap()["cursor"].clone();
        on_b.subscribe("b", socket::CHANGED, json!({ "after": end }))
            .await;

        let made = Instant::now();
        let body = app.rename_service(&id, version + 1, "Betrieb B").await;
        assert!(body["errors"].is_null(), "{body:#}");
        let seen = on_b.event("b").await["registerChanged"].clone();
        assert_eq!(seen["recordId"], id.as_str());
        assert_eq!(seen["version"], version + 2);
        assert!(
            made.elapsed() < Duration::from_secs(2),
            "{:?}",
            made.elapsed()
        );

        if app.backend() == Backend::Sqlite {
            // Nothing tells another server on SQLite of a revocation (see above).
            return;
        }
        // A token revoked on A closes its socket on B.
        app.revoke_first_token().await;
        let revoked = Instant::now();
        loop {
            match on_b.next().await {
                Some(socket::Said::Closed(code, reason)) => {
                    assert_eq!(code, 4401, "{reason}");
                    break;
                }
                Some(socket::Said::Message(_)) => {}
                None => panic!("B kept the revoked token's socket open"),
            }
        }
        assert!(
            revoked.elapsed() < Duration::from_secs(2),
            "{:?}",
            revoked.elapsed()
        );
    }
);
