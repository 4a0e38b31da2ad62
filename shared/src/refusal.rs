//! Every error code of the API, in one table: what it means and with which HTTP status it is
//! answered. The server answers with these codes (`extensions.code`), the web app matches them
//! as this enum, and a test holds the README's table against [`ErrorCode::ALL`].
//!
//! A code can arise in two places. A whole request refused before the schema runs is answered
//! with the code's [`ErrorCode::request_status`] and no data. An error inside one field leaves
//! the rest of the answer standing: the response is `200 OK` with `data` and the error in
//! `errors` (see [`ErrorCode::in_field`]), except where a field's error refuses everything the
//! request asked for (a spent rate budget, a busy database), which keeps the request status.

use core::str::FromStr;

use crate::UnknownCode;

macro_rules! error_codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $code:literal, request: $status:literal, in_field: $field:literal,
            meaning: $meaning:literal;
    )+) => {
        /// An error code of the API (`extensions.code`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        impl ErrorCode {
            /// Every code, in the order of the README's table.
            pub const ALL: [Self; [$($code),+].len()] = [$(Self::$variant),+];

            /// The code as sent in `extensions.code`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The HTTP status when the whole request is refused with this code.
            #[must_use]
            pub const fn request_status(self) -> u16 {
                match self {
                    $(Self::$variant => $status,)+
                }
            }

            /// Whether the code can come from one field of an answer that otherwise stands
            /// (answered `200 OK` with the field null).
            #[must_use]
            pub const fn in_field(self) -> bool {
                match self {
                    $(Self::$variant => $field,)+
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

        impl FromStr for ErrorCode {
            type Err = UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(Self::$variant),)+
                    _ => Err(UnknownCode::new("error code", s)),
                }
            }
        }
    };
}

error_codes! {
    /// An argument or input field is not acceptable; `extensions.field` names it and
    /// `extensions.fieldErrors` lists every field of a form. Also a document over the limits.
    BadUserInput = "BAD_USER_INPUT", request: 200, in_field: true,
        meaning: "an argument or input is not acceptable (the field is named)";
    /// The HTTP request itself is malformed: no body, no `query`, not JSON.
    BadRequest = "BAD_REQUEST", request: 400, in_field: false,
        meaning: "the HTTP request is malformed (no query, not a JSON object)";
    /// No valid session or token: a revoked or unknown token refuses the whole request, an
    /// anonymous caller gets this on every field but `me` and `login`.
    Unauthenticated = "UNAUTHENTICATED", request: 401, in_field: true,
        meaning: "no valid session or token (or a wrong login)";
    /// The caller is known but may not do this.
    Forbidden = "FORBIDDEN", request: 403, in_field: true,
        meaning: "the caller may not do this (role, scope, origin, registered operations only)";
    /// The record asked for does not exist.
    NotFound = "NOT_FOUND", request: 404, in_field: true,
        meaning: "the record does not exist";
    /// Someone else changed the record meanwhile (`extensions.currentVersion`), or it is
    /// still referred to.
    Conflict = "CONFLICT", request: 409, in_field: true,
        meaning: "the record was changed meanwhile or is still referred to";
    /// Too many requests or attempts; `extensions.retryAfter` and `Retry-After` say when to
    /// try again.
    RateLimited = "RATE_LIMITED", request: 429, in_field: true,
        meaning: "the budget or the login attempts are spent for now";
    /// A mutation sent by `GET`.
    MethodNotAllowed = "METHOD_NOT_ALLOWED", request: 405, in_field: false,
        meaning: "a mutation sent by GET";
    /// A persisted-operation hash that names no registered document.
    PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND", request: 200, in_field: false,
        meaning: "no registered operation has this hash";
    /// A body that is not `application/json`.
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE", request: 415, in_field: false,
        meaning: "the body is not sent as application/json";
    /// A body over the size limit.
    PayloadTooLarge = "PAYLOAD_TOO_LARGE", request: 413, in_field: false,
        meaning: "the body is larger than the limit";
    /// The request took longer than the request timeout.
    Timeout = "TIMEOUT", request: 503, in_field: false,
        meaning: "the request took too long and was stopped";
    /// No database connection was free in time, or the database does not answer.
    Unavailable = "UNAVAILABLE", request: 503, in_field: true,
        meaning: "the server is busy or the database unreachable; try again shortly";
    /// Something failed inside; the cause is logged, never sent.
    Internal = "INTERNAL", request: 500, in_field: true,
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

    #[test]
    fn statuses_are_http_statuses() {
        for code in ErrorCode::ALL {
            assert!((200..600).contains(&code.request_status()), "{code}");
            assert!(!code.meaning().is_empty());
        }
        assert_eq!(ErrorCode::Unavailable.request_status(), 503);
        assert_eq!(ErrorCode::RateLimited.request_status(), 429);
    }
}
