//! Behind a reverse proxy: the address it saw counts for the login throttle, the rate limit
//! and `/metrics`, but only when the proxy is trusted; otherwise the headers are ignored.

use verbund::http::Settings;
use verbund::http::client::parse_proxy;
use verbund_shared::access::Role;
use verbund_tests::{TestApp, both, codes};

use crate::logins::{PASSWORD, login, make_account, post, twenty_failures};

/// The app served by a second server that trusts proxies on this machine, with `points`
/// per caller and hour.
async fn behind_proxy(app: &TestApp, points: u32) -> TestApp {
    let settings = Settings {
        trusted_proxies: vec![parse_proxy("127.0.0.0/8").unwrap()],
        rate_limit_points: points,
        ..Settings::default()
    };
    app.with_settings(settings).await
}

/// Petra signs in with the right password, the request carrying `headers`: cookies, body.
async fn petra(app: &TestApp, headers: &[(&str, &str)]) -> (Vec<String>, serde_json::Value) {
    let (_, cookies, body) = post(app, login("petra", PASSWORD), headers).await;
    (cookies, body)
}

both!(
    forwarded_addresses_are_ignored_from_untrusted_peers,
    |app| async move {
        make_account(&app, "petra", Role::Viewer).await;
        twenty_failures(&app, &[("x-forwarded-for", "203.0.113.1")]).await;
        // Every attempt came from this machine, whatever the header said: it is locked.
        let (_, body) = petra(&app, &[("x-forwarded-for", "198.51.100.1")]).await;
        assert_eq!(codes(&body), ["RATE_LIMITED"]);
        // `/metrics` is open to this machine, whatever the header says.
        let response = app
            .anonymous()
            .request(reqwest::Method::GET, "/metrics")
            .header("x-forwarded-for", "198.51.100.1")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
    }
);

both!(
    behind_a_trusted_proxy_each_client_counts_apart,
    |app| async move {
        make_account(&app, "petra", Role::Viewer).await;
        let proxied = behind_proxy(&app, 0).await;
        twenty_failures(&proxied, &[("x-forwarded-for", "203.0.113.1")]).await;
        // That client is locked out, even when it puts another address in front.
        for spoofed in ["203.0.113.1", "198.51.100.9, 203.0.113.1"] {
            let (cookies, body) = petra(&proxied, &[("x-forwarded-for", spoofed)]).await;
            assert_eq!(codes(&body), ["RATE_LIMITED"], "{spoofed}");
            assert!(cookies.is_empty());
        }
        // Another client of the same proxy is not, in either header.
        for (header, from) in [
            ("x-forwarded-for", "203.0.113.2"),
            ("forwarded", "for=\"[2001:db8::2]:4711\";proto=https"),
        ] {
            let (cookies, body) = petra(&proxied, &[(header, from)]).await;
            assert_eq!(body["data"]["login"]["me"]["name"], "petra", "{body}");
            assert!(!cookies.is_empty());
        }
        // A client locked by `Forwarded` is locked by its address, not by the header.
        twenty_failures(&proxied, &[("forwarded", "for=192.0.2.7")]).await;
        let (_, body) = petra(&proxied, &[("x-forwarded-for", "192.0.2.7")]).await;
        assert_eq!(codes(&body), ["RATE_LIMITED"]);

        // `/metrics` answers the machine itself, not a client the proxy forwards.
        let metrics = |from: Option<&'static str>| {
            let request = proxied
                .anonymous()
                .request(reqwest::Method::GET, "/metrics");
            let request = match from {
                Some(from) => request.header("x-forwarded-for", from),
                None => request,
            };
            async move { request.send().await.unwrap().status().as_u16() }
        };
        assert_eq!(metrics(Some("203.0.113.2")).await, 404);
        assert_eq!(metrics(Some("127.0.0.1")).await, 200);
        assert_eq!(metrics(None).await, 200);
    }
);

both!(
    behind_a_trusted_proxy_each_anonymous_client_has_its_budget,
    |app| async move {
        let proxied = behind_proxy(&app, 2).await;
        let status = |from: &'static str| {
            let proxied = proxied.anonymous();
            async move {
                proxied
                    .post_graphql(
                        &serde_json::json!({ "query": "{ me { name } }" }),
                        &[("x-forwarded-for", from)],
                    )
                    .await
                    .status()
                    .as_u16()
            }
        };
        assert_eq!(status("203.0.113.1").await, 200);
        assert_eq!(status("203.0.113.1").await, 200);
        assert_eq!(status("203.0.113.1").await, 429);
        assert_eq!(status("203.0.113.2").await, 200);
    }
);
