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

const LUDWIGSLUST: &str = "Stadt Ludwigslust";
