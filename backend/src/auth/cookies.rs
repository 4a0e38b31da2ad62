//! The session cookie: an `HttpOnly`, `SameSite=Lax` cookie holding the session's id
//! (`Secure` and with the `__Host-` prefix when the server is reached over HTTPS).

use axum::http::{HeaderMap, header};

use chrono::Duration;

/// How long the browser keeps the cookie: as long as a session can live (see
/// `register::accounts::sessions::ABSOLUTE`).
pub const MAX_AGE: Duration = Duration::hours(12);

/// The cookie's name over plain HTTP (development, loopback).
pub const COOKIE: &str = "verbund_session";
/// The cookie's name over HTTPS: the `__Host-` prefix makes browsers insist on `Secure`,
/// `Path=/` and no `Domain`, so no other host can set it.
pub const SECURE_COOKIE: &str = "__Host-verbund_session";

fn name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

/// The `Set-Cookie` value that hands a new session to the browser.
pub fn cookie(secret: &str, secure: bool) -> String {
    format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        name(secure),
        MAX_AGE.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// The session id the request's cookies carry, if any.
pub fn from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == wanted && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let plain = cookie("abc", false);
        assert_eq!(
            plain,
            "verbund_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200"
        );
        let secure = cookie("abc", true);
        assert!(secure.starts_with("__Host-verbund_session=abc; Path=/; HttpOnly; SameSite=Lax"));
        assert!(secure.ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; verbund_session=s3cr3t; x=1"),
        );
        assert_eq!(from_headers(&headers, false).as_deref(), Some("s3cr3t"));
        assert_eq!(from_headers(&headers, true), None);
    }
}
