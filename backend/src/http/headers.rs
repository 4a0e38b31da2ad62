//! Security headers on every answer: a Content-Security-Policy (unless the answer brings its
//! own, as GraphiQL's page does), `nosniff`, no framing and a referrer only for this origin.

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// What the web app may load and talk to: its scripts and stylesheet from this server, none
/// inline; `'wasm-unsafe-eval'` lets it compile its WebAssembly (and nothing else); requests
/// only to this origin. Pages of this server are never shown in another site's frame.
pub const APP_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
    manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// `same-origin`, not `no-referrer`: with `no-referrer` a browser sends `Origin: null` on the
/// app's own POST requests, which the cookie check would refuse.
const REFERRER_POLICY: &str = "same-origin";

/// Middleware: adds the security headers an answer does not set itself.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, APP_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, REFERRER_POLICY),
    ] {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}
