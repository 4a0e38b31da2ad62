//! Who may do what: anonymous callers, the three roles, partner tokens with scopes and a
//! member limit, on every path (roots, `node`, relations); sessions and logins over HTTP;
//! no secret stored in plain text.
//!
//! One test binary in several files (each file's own binary would cost its link time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod isolation;
mod logins;
mod roles;
mod tokens;

use serde_json::{Value, json};
use verbund_tests::TestApp;

const LUDWIGSLUST: &str = "Stadt Ludwigslust";

/// Creates a token as admin; its secret.
async fn token(app: &TestApp, scopes: Value, member: Option<&str>) -> String {
    let member_id = match member {
        Some(name) => Value::String(app.organisation_id(name).await),
        None => Value::Null,
    };
    let data = app
        .data(
            "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { prefix scopes } } }",
            json!({ "input": { "name": "Partner", "scopes": scopes, "memberId": member_id, "expiresInDays": 30 } }),
        )
        .await;
    let secret = data["createApiToken"]["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("vbd_"), "{secret}");
    assert!(
        secret.starts_with(
            data["createApiToken"]["apiToken"]["prefix"]
                .as_str()
                .unwrap()
        )
    );
    secret
}
