//! Signing in over HTTP: sessions in cookies, their rotation, end and time-outs, origins,
//! throttled guessing, and no password, session or token stored in plain text.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use verbund::register::audit::Actor;
use verbund_shared::access::Role;
use verbund_tests::{Credential, TestApp, both, codes};

/// Posts a GraphQL request without credentials, with extra headers; status, cookies, body.
pub(crate) async fn post(
    app: &TestApp,
    body: Value,
    headers: &[(&str, &str)],
) -> (u16, Vec<String>, Value) {
    let response = app.anonymous().post_graphql(&body, headers).await;
    let status = response.status().as_u16();
    let cookies = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let text = response.text().await.unwrap();
    (
        status,
        cookies,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

pub(crate) const PASSWORD: &str = "Korrekt Pferd Batterie 42";

/// The body of a login request.
pub(crate) fn login(name: &str, password: &str) -> Value {
    json!({
        "query": "mutation($name: String!, $password: String!) { login(name: $name, password: $password) { me { name role } } }",
        "variables": { "name": name, "password": password },
    })
}

pub(crate) async fn make_account(app: &TestApp, name: &str, role: Role) {
    verbund::register::accounts::create_user(
        app.db(),
        &Actor::system("test"),
        None,
        name,
        role,
        PASSWORD,
    )
    .await
    .map_err(|_| "creating the account")
    .unwrap();
}

/// Twenty failed logins on unknown accounts, each sent with `headers`.
pub(crate) async fn twenty_failures(app: &TestApp, headers: &[(&str, &str)]) {
    for i in 0..20 {
        let guess = login(&format!("niemand{i}"), "geraten geraten");
        let (_, _, body) = post(app, guess, headers).await;
        assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body}");
    }
}

fn session_of(cookies: &[String]) -> String {
    let cookie = cookies
        .iter()
        .find(|c| c.starts_with("verbund_session="))
        .unwrap_or_else(|| panic!("no session cookie in {cookies:?}"));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    cookie["verbund_session=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

both!(login_sessions_and_logout_over_http, |app| async move {
    make_account(&app, "kathrin", Role::Editor).await;
    let (_, cookies, body) = post(&app, login("kathrin", "falsch falsch falsch"), &[]).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    assert!(cookies.is_empty());

    let right = login("kathrin", PASSWORD);
    let (_, cookies, body) = post(&app, right.clone(), &[]).await;
    assert_eq!(body["data"]["login"]["me"]["role"], "EDITOR", "{body}");
    let first = session_of(&cookies);
    let signed_in = app.with_credential(Credential::Session(first.clone()));
    assert_eq!(
        signed_in.data("{ me { name } }", json!({})).await["me"]["name"],
        "kathrin"
    );

    // A new login rotates the session: a new id, and the one it was sent with ends.
    let cookie = format!("verbund_session={first}");
    let (_, cookies, _) = post(&app, right, &[("cookie", &cookie)]).await;
    let second = session_of(&cookies);
    assert_ne!(first, second);
    assert_eq!(
        signed_in.data("{ me { name } }", json!({})).await["me"],
        Value::Null
    );

    // A page elsewhere cannot use the cookie.
    let cookie = format!("verbund_session={second}");
    let query = json!({ "query": "{ me { name } }" });
    let (status, _, _) = post(
        &app,
        query.clone(),
        &[("cookie", &cookie), ("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(status, 403);
    let own = app.address().to_owned();
    let (status, _, body) = post(
        &app,
        query.clone(),
        &[("cookie", &cookie), ("origin", &own)],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["me"]["name"], "kathrin");

    // Logout ends the session and clears the cookie.
    let (_, cookies, _) = post(
        &app,
        json!({ "query": "mutation { logout }" }),
        &[("cookie", &cookie)],
    )
    .await;
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("verbund_session=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    let (_, _, body) = post(&app, query, &[("cookie", &cookie)]).await;
    assert_eq!(body["data"]["me"], Value::Null);
});

both!(
    a_hundred_logins_in_one_request_are_one_try,
    |app| async move {
        make_account(&app, "torsten", Role::Viewer).await;
        let logins = |n: usize| -> String {
            let fields: String = (0..n)
                .map(|i| format!("a{i}: login(name: \"torsten\", password: \"guess number {i:03}\") {{ me {{ name }} }} "))
                .collect();
            format!("mutation {{ {fields} }}")
        };
        // A hundred aliased logins are refused before any runs (more aliases than allowed).
        let (_, cookies, body) = post(&app, json!({ "query": logins(100) }), &[]).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
        assert!(cookies.is_empty());
        // Within the alias limit, the first login is tried and the others are refused.
        let (_, _, body) = post(&app, json!({ "query": logins(40) }), &[]).await;
        let found = codes(&body);
        assert_eq!(
            found.iter().filter(|c| *c == "UNAUTHENTICATED").count(),
            1,
            "{found:?}"
        );
        assert_eq!(found.iter().filter(|c| *c == "RATE_LIMITED").count(), 39);
        // A batch of requests is not accepted at all.
        let batch: Vec<Value> = (0..100).map(|_| login("torsten", "x")).collect();
        let (status, _, _) = post(&app, Value::Array(batch), &[]).await;
        assert_eq!(status, 400);

        // Four more failures lock the account: then even the right password is refused.
        for _ in 0..4 {
            let wrong = login("torsten", "still guessing");
            assert_eq!(codes(&post(&app, wrong, &[]).await.2), ["UNAUTHENTICATED"]);
        }
        let (_, cookies, body) = post(&app, login("torsten", PASSWORD), &[]).await;
        assert_eq!(codes(&body), ["RATE_LIMITED"]);
        assert!(cookies.is_empty());
        assert!(
            body["errors"][0]["extensions"]["retryAfter"]
                .as_i64()
                .unwrap()
                > 0
        );
    }
);

both!(
    twenty_failed_logins_from_one_address_lock_it,
    |app| async move {
        make_account(&app, "petra", Role::Viewer).await;
        twenty_failures(&app, &[]).await;
        // Another account, the right password, the same address: locked for now.
        let (_, cookies, body) = post(&app, login("petra", PASSWORD), &[]).await;
        assert_eq!(codes(&body), ["RATE_LIMITED"]);
        assert!(cookies.is_empty());
    }
);

both!(
    no_password_session_or_token_is_stored_in_plain_text,
    |app| async move {
        make_account(&app, "ines", Role::Admin).await;
        let (_, cookies, _) = post(&app, login("ines", PASSWORD), &[]).await;
        let session = session_of(&cookies);
        let secret = app.partner_token(json!(["MEMBERS_READ"]), None).await;
        let backend = app.db().get_database_backend();
        let mut seen = 0;
        for table in [
            "users",
            "sessions",
            "api_tokens",
            "audit_entries",
            "login_throttle",
        ] {
            let rows = app
                .db()
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT * FROM {table}"),
                ))
                .await
                .unwrap();
            for row in rows {
                let text = format!("{row:?}");
                seen += 1;
                for plain in [PASSWORD, session.as_str(), secret.as_str()] {
                    assert!(
                        !text.contains(plain),
                        "{table} holds a secret in plain text: {text}"
                    );
                }
            }
        }
        assert!(seen >= 5);
        let hash = app
            .db()
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT password_hash FROM users WHERE name = 'ines'",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<String>("", "password_hash")
            .unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
    }
);

/// Moves a session's clock: `column` (`last_seen_at` or `expires_at`) set `hours` from now.
async fn age_sessions(app: &TestApp, column: &str, hours: i64) {
    let when = chrono::Utc::now() + chrono::Duration::hours(hours);
    let backend = app.db().get_database_backend();
    app.db()
        .execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DbBackend::Postgres => format!("UPDATE sessions SET {column} = $1"),
                _ => format!("UPDATE sessions SET {column} = ?"),
            },
            [when.into()],
        ))
        .await
        .unwrap();
}

both!(sessions_end_when_idle_or_old, |app| async move {
    let Credential::Session(_) = app.staff_session("idle", "VIEWER").await else {
        unreachable!()
    };
    let viewer = app.as_staff("VIEWER").await;
    assert_eq!(
        viewer.data("{ me { name } }", json!({})).await["me"]["name"],
        "test-viewer"
    );
    // Idle for two hours: over.
    age_sessions(&app, "last_seen_at", -2).await;
    assert_eq!(
        viewer.data("{ me { name } }", json!({})).await["me"],
        Value::Null
    );
    // Busy, but past the absolute limit: over too.
    let viewer = app.as_staff("VIEWER").await;
    age_sessions(&app, "expires_at", -1).await;
    assert_eq!(
        viewer.data("{ me { name } }", json!({})).await["me"],
        Value::Null
    );
});
