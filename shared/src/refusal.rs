//! Every error code of the API, in one table: what it means and with which HTTP status it is
//! answered. The server answers with these codes (`extensions.code`), the web app matches them
//! as this enum, and a test holds the README's table against [`ErrorCode::ALL`].
//!
//! A code can arise in two places, and its HTTP status may differ between them. A whole
//! request refused before the schema runs is answered with [`ErrorCode::request_status`] and
//! no data. An error inside one field leaves the rest of the answer standing and is answered
//! with [`ErrorCode::field_status`] (`200 OK` but for a busy database, which makes the whole
//! answer 503; a login throttle that leaves nothing else answered makes it 429). A code that
//! cannot arise in one of the places has no status there.

macro_rules! error_codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $code:literal, request: $request:expr, field: $field:expr,
            meaning: $meaning:literal;
    )+) => {
        /// An error code of the API (`extensions.code`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        code_set! {
            ErrorCode("error code") { $($variant = $code),+ }
            all: "Every code, in the order of the README's table.",
            as_str: "The code as sent in `extensions.code`.",
        }

        impl ErrorCode {
            /// The HTTP status when the whole request is refused with this code; `None` when
            /// the code arises only inside a field.
            #[must_use]
            pub const fn request_status(self) -> Option<u16> {
                match self {
                    $(Self::$variant => $request,)+
                }
            }

            /// The HTTP status of an answer with this code inside one field; `None` when the
            /// code refuses only whole requests.
            #[must_use]
            pub const fn field_status(self) -> Option<u16> {
                match self {
                    $(Self::$variant => $field,)+
                }
            }

            /// The status a client sees first: the whole request's, else the field's.
            #[must_use]
            pub const fn status(self) -> u16 {
                match (self.request_status(), self.field_status()) {
                    (Some(status), _) | (None, Some(status)) => status,
                    (None, None) => 500,
                }
            }

            /// What the code means, in a sentence (English, as in the README).
            #[must_use]
            pub const fn meaning(self) -> &'static str {
                match self {
                    $(Self::$variant => $meaning,)+
                }
            }
        }
    };
}

error_codes! {
    /// An argument or input field is not acceptable; `extensions.field` names it and
    /// `extensions.fieldErrors` lists every field of a form. Also a document over the limits.
    BadUserInput = "BAD_USER_INPUT", request: Some(200), field: Some(200),
        meaning: "an argument or input is not acceptable (the field is named)";
    /// The HTTP request itself is malformed: no body, no `query`, not JSON.
    BadRequest = "BAD_REQUEST", request: Some(400), field: None,
        meaning: "the HTTP request is malformed (no query, not a JSON object)";
    /// No valid session or token: a revoked or unknown token refuses the whole request, an
    /// anonymous caller gets this on every field but `me` and `login`.
    Unauthenticated = "UNAUTHENTICATED", request: Some(401), field: Some(200),
        meaning: "no valid session or token (or a wrong login)";
    /// The caller is known but may not do this.
    Forbidden = "FORBIDDEN", request: Some(403), field: Some(200),
        meaning: "the caller may not do this (role, scope, origin, registered operations only)";
    /// The record asked for does not exist.
    NotFound = "NOT_FOUND", request: None, field: Some(200),
        meaning: "the record does not exist";
    /// Someone else changed the record meanwhile (`extensions.currentVersion`), or it is
    /// still referred to.
    Conflict = "CONFLICT", request: None, field: Some(200),
        meaning: "the record was changed meanwhile or is still referred to";
    /// Too many requests or attempts; `extensions.retryAfter` and `Retry-After` say when to
    /// try again.
    RateLimited = "RATE_LIMITED", request: Some(429), field: Some(200),
        meaning: "the budget or the login attempts are spent for now";
    /// A mutation sent by `GET`.
    MethodNotAllowed = "METHOD_NOT_ALLOWED", request: Some(405), field: None,
        meaning: "a mutation sent by GET";
    /// A persisted-operation hash that names no registered document.
    PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND", request: Some(200), field: None,
        meaning: "no registered operation has this hash";
    /// A body that is not `application/json`.
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE", request: Some(415), field: None,
        meaning: "the body is not sent as application/json";
    /// A body over the size limit.
    PayloadTooLarge = "PAYLOAD_TOO_LARGE", request: Some(413), field: None,
        meaning: "the body is larger than the limit";
    /// The request took longer than the request timeout.
    Timeout = "TIMEOUT", request: Some(503), field: None,
        meaning: "the request took too long and was stopped";
    /// No database connection was free in time, or the database does not answer.
    Unavailable = "UNAVAILABLE", request: Some(503), field: Some(503),
        meaning: "the server is busy or the database unreachable; try again shortly";
    /// Something failed inside; the cause is logged, never sent.
    Internal = "INTERNAL", request: Some(500), field: Some(200),
        meaning: "something failed on the server; it has been logged";
}

impl core::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(*code));
            assert!(
                ErrorCode::ALL[..i]
                    .iter()
                    .all(|c| c.as_str() != code.as_str())
            );
        }
        assert!("SOMETHING".parse::<ErrorCode>().is_err());
    }

    /// The README's table of error codes: `(code, request status, field status, meaning)`.
    fn readme_table() -> Vec<(String, String, String, String)> {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"));
        let table = readme
            .split("### Error codes")
            .nth(1)
            .expect("the README has a section on error codes");
        table
            .lines()
            .filter(|line| line.starts_with("| `"))
            .map(|line| {
                let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
                (
                    cells[0].trim_matches('`').to_owned(),
                    cells[1].to_owned(),
                    cells[2].to_owned(),
                    cells[3].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn the_readme_lists_every_code_as_the_table_here_says() {
        let status = |s: Option<u16>| s.map(|s| s.to_string()).unwrap_or_default();
        let expected: Vec<(String, String, String, String)> = ErrorCode::ALL
            .iter()
            .map(|code| {
                (
                    code.as_str().to_owned(),
                    status(code.request_status()),
                    status(code.field_status()),
                    code.meaning().to_owned(),
                )
            })
            .collect();
        assert_eq!(readme_table(), expected);
    }

    #[test]
    fn every_code_arises_somewhere_with_an_http_status() {
        for code in ErrorCode::ALL {
            let statuses = [code.request_status(), code.field_status()];
            assert!(statuses.iter().any(Option::is_some), "{code}");
            assert!(
                statuses.iter().flatten().all(|s| (200..600).contains(s)),
                "{code}"
            );
            assert!(!code.meaning().is_empty());
        }
        assert_eq!(ErrorCode::Unavailable.status(), 503);
        assert_eq!(ErrorCode::RateLimited.request_status(), Some(429));
        assert_eq!(ErrorCode::NotFound.request_status(), None);
        assert_eq!(ErrorCode::Unauthenticated.field_status(), Some(200));
    }
}
