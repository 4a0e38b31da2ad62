//! Who may do what: anonymous callers, the three roles, partner tokens with scopes and a
//! member limit, on every path (roots, `node`, relations); sessions and logins over HTTP;
//! no secret stored in plain text.
//!
//! One test binary in several files (each file's own binary would cost its link time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod isolation;
mod logins;
mod parallel;
mod proxies;
mod roles;
mod throttle_rows;
mod tokens;

use serde_json::Value;
use verbund_tests::TestApp;

const LUDWIGSLUST: &str = "Stadt Ludwigslust";

/// Creates a token as admin; its secret.
async fn token(app: &TestApp, scopes: Value, member: Option<&str>) -> String {
    app.partner_token(scopes, member).await
}
