//! What an answer of the server means for the app: its `data`, or why there is none
//! ([`ApiError`]), read from the error's `extensions.code` ([`ErrorCode`]) or, where the body is
//! no GraphQL answer, from the HTTP status.

use serde_json::Value;
use verbund_shared::{refusal::ErrorCode, validate::FieldError};

use super::read::{Read, parse};

/// How long to wait after `RATE_LIMITED` when the answer does not say.
const DEFAULT_RETRY_AFTER: u64 = 60;

/// Why a request has no data. Each variant is explained to the user in plain language
/// ([`crate::i18n::Texts::error`]); the server's codes (`extensions.code`) map as follows:
///
/// | `extensions.code` / HTTP                            | variant          |
/// |-----------------------------------------------------|------------------|
/// | `NOT_FOUND`, HTTP 404                               | `NotFound`       |
/// | `BAD_USER_INPUT` on the field `id`                  | `NotFound`       |
/// | `BAD_USER_INPUT` with `fieldErrors`                 | `Fields`         |
/// | `BAD_USER_INPUT` on another `field`                 | `Fields` (one)   |
/// | `BAD_USER_INPUT` without a field                    | `BadInput`       |
/// | `UNAUTHENTICATED`                                   | `SignedOut`      |
/// | `FORBIDDEN`, HTTP 401, 403                          | `Forbidden`      |
/// | `CONFLICT` (with its `currentVersion`)              | `Conflict`       |
/// | `RATE_LIMITED`, HTTP 429                            | `RateLimited`    |
/// | `UNAVAILABLE`, `TIMEOUT`, HTTP 503                  | `Busy`           |
/// | `BAD_REQUEST`, `METHOD_NOT_ALLOWED`, `PERSISTED_QUERY_NOT_FOUND`, `UNSUPPORTED_MEDIA_TYPE`, `PAYLOAD_TOO_LARGE` | `Unsupported` |
/// | `INTERNAL`, other HTTP 5xx                          | `Server`         |
/// | a code this app does not know                       | `Other`          |
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached (offline, server down, connection dropped).
    Network,
    /// No answer within the client's timeout.
    Timeout,
    /// The record asked for does not exist.
    NotFound,
    /// The server rejected what was asked; its message says why.
    BadInput(String),
    /// The inputs of a form that the server refused, each with its reason.
    Fields(Vec<FieldError>),
    /// Nobody is signed in (any more): the app shows the sign-in form.
    SignedOut,
    /// The server refuses this request to this user.
    Forbidden,
    /// The record changed since the form was loaded, or (where the record's current version is
    /// the one sent) a deletion is refused because other records still refer to it; with the
    /// record's current version where the server tells it.
    Conflict(Option<i64>),
    /// Too many requests or failed sign-ins; the number of seconds to wait.
    RateLimited(u64),
    /// The server is busy (no database connection free in time) or stopped a request that
    /// took too long; trying again in a moment helps.
    Busy,
    /// The server does not take the request in the form this app sent it (an app older or
    /// newer than the server); reloading the page helps.
    Unsupported,
    /// The server failed; it logged the cause.
    Server,
    /// The answer was not what this app understands (e.g. an app older than the server).
    InvalidResponse,
    /// Any other error the server reported, with its code and message.
    Other(String),
    /// The request was cancelled because nobody waits for it any more; never shown.
    Aborted,
}

/// The `data` of an answer with HTTP `status` and body `text`, or its first error.
pub fn answer(status: u16, text: &str) -> Result<Value, ApiError> {
    let Some(mut tree) = parse(text) else {
        return Err(match status {
            404 => ApiError::NotFound,
            401 | 403 => ApiError::Forbidden,
            429 => ApiError::RateLimited(DEFAULT_RETRY_AFTER),
            503 => ApiError::Busy,
            500.. => ApiError::Server,
            _ => ApiError::InvalidResponse,
        });
    };
    if let Some(error) = tree.list("errors").first() {
        return Err(refusal(error));
    }
    match tree.get_mut("data").map(Value::take) {
        Some(data) if !data.is_null() && (200..300).contains(&status) => Ok(data),
        _ if status == 503 => Err(ApiError::Busy),
        _ if status >= 500 => Err(ApiError::Server),
        _ => Err(ApiError::InvalidResponse),
    }
}

/// What one GraphQL error says, by its code.
fn refusal(error: &Value) -> ApiError {
    let extensions = error.obj("extensions").unwrap_or(&Value::Null);
    let message = error.text("message");
    let Ok(code) = extensions.str("code").parse::<ErrorCode>() else {
        return ApiError::Other(match extensions.str("code") {
            "" => message,
            code => format!("{code}: {message}"),
        });
    };
    match code {
        ErrorCode::NotFound => ApiError::NotFound,
        ErrorCode::BadUserInput => bad_input(extensions, message),
        ErrorCode::Unauthenticated => ApiError::SignedOut,
        ErrorCode::Forbidden => ApiError::Forbidden,
        ErrorCode::Conflict => {
            ApiError::Conflict(extensions.get("currentVersion").and_then(Value::as_i64))
        }
        ErrorCode::RateLimited => ApiError::RateLimited(
            extensions
                .get("retryAfter")
                .and_then(Value::as_u64)
                .unwrap_or(DEFAULT_RETRY_AFTER),
        ),
        ErrorCode::Unavailable | ErrorCode::Timeout => ApiError::Busy,
        // The app sends every request as the server wants it; these mean app and server
        // no longer fit together.
        ErrorCode::BadRequest
        | ErrorCode::MethodNotAllowed
        | ErrorCode::PersistedQueryNotFound
        | ErrorCode::UnsupportedMediaType
        | ErrorCode::PayloadTooLarge => ApiError::Unsupported,
        ErrorCode::Internal => ApiError::Server,
    }
}

/// A `BAD_USER_INPUT` error: the fields it names, or its message.
fn bad_input(extensions: &Value, message: String) -> ApiError {
    let field = extensions.str("field");
    // A malformed ID (a mistyped link) names no record, which is what users see.
    if field == "id" {
        return ApiError::NotFound;
    }
    let mut field_errors: Vec<FieldError> = extensions
        .list("fieldErrors")
        .iter()
        .map(|e| FieldError {
            field: e.text("field"),
            message: e.text("message"),
        })
        .collect();
    // A refusal that only the database can make (a key another record has) names its
    // field without a list; a form shows it next to that input all the same.
    if field_errors.is_empty() && !field.is_empty() {
        field_errors.push(FieldError {
            field: field.to_owned(),
            message: message.clone(),
        });
    }
    if field_errors.is_empty() {
        ApiError::BadInput(message)
    } else {
        ApiError::Fields(field_errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer with one error of `code` (and more `extensions`), as the server sends it.
    fn refused(status: u16, code: &str, extensions: &str) -> Result<Value, ApiError> {
        let body = format!(
            r#"{{"data":null,"errors":[{{"message":"msg","extensions":{{"code":"{code}"{extensions}}}}}]}}"#
        );
        answer(status, &body)
    }

    #[test]
    fn data_is_answered_and_unreadable_answers_go_by_status() {
        assert_eq!(
            answer(200, r#"{"data":{"n":1}}"#),
            Ok(serde_json::json!({"n": 1}))
        );
        assert_eq!(answer(200, "{}"), Err(ApiError::InvalidResponse));
        assert_eq!(answer(200, "<html>"), Err(ApiError::InvalidResponse));
        assert_eq!(answer(404, "<html>"), Err(ApiError::NotFound));
        assert_eq!(answer(403, "Forbidden"), Err(ApiError::Forbidden));
        assert_eq!(answer(502, "Bad Gateway"), Err(ApiError::Server));
        assert_eq!(answer(500, r#"{"data":null}"#), Err(ApiError::Server));
    }

    #[test]
    fn missing_records_are_not_found() {
        assert_eq!(refused(200, "NOT_FOUND", ""), Err(ApiError::NotFound));
        // A mistyped link's ID.
        assert_eq!(
            refused(200, "BAD_USER_INPUT", r#","field":"id""#),
            Err(ApiError::NotFound)
        );
    }

    #[test]
    fn input_errors_keep_their_fields_and_details() {
        let fields = r#","field":"title","fieldErrors":[{"field":"title","message":"empty"},{"field":"noticeMonths","message":"negative"}]"#;
        let Err(ApiError::Fields(errors)) = refused(200, "BAD_USER_INPUT", fields) else {
            panic!("field errors expected");
        };
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["title", "noticeMonths"]
        );
        assert_eq!(
            refused(200, "BAD_USER_INPUT", r#","field":"first""#),
            Err(ApiError::Fields(vec![FieldError {
                field: "first".into(),
                message: "msg".into(),
            }]))
        );
        assert_eq!(
            refused(200, "BAD_USER_INPUT", ""),
            Err(ApiError::BadInput("msg".into()))
        );
    }

    #[test]
    fn sessions_and_permissions() {
        assert_eq!(
            refused(200, "UNAUTHENTICATED", ""),
            Err(ApiError::SignedOut)
        );
        assert_eq!(
            refused(401, "UNAUTHENTICATED", ""),
            Err(ApiError::SignedOut)
        );
        assert_eq!(refused(200, "FORBIDDEN", ""), Err(ApiError::Forbidden));
        assert_eq!(refused(403, "FORBIDDEN", ""), Err(ApiError::Forbidden));
    }

    #[test]
    fn changed_records_and_spent_budgets() {
        assert_eq!(
            refused(200, "CONFLICT", r#","currentVersion":3"#),
            Err(ApiError::Conflict(Some(3)))
        );
        assert_eq!(refused(200, "CONFLICT", ""), Err(ApiError::Conflict(None)));
        assert_eq!(
            refused(429, "RATE_LIMITED", r#","retryAfter":42"#),
            Err(ApiError::RateLimited(42))
        );
        assert_eq!(
            refused(429, "RATE_LIMITED", ""),
            Err(ApiError::RateLimited(DEFAULT_RETRY_AFTER))
        );
        assert_eq!(
            answer(429, "Too Many Requests"),
            Err(ApiError::RateLimited(DEFAULT_RETRY_AFTER))
        );
    }

    #[test]
    fn a_busy_server_asks_to_try_again() {
        assert_eq!(refused(503, "UNAVAILABLE", ""), Err(ApiError::Busy));
        // A busy database inside one field keeps the request status of the whole answer.
        assert_eq!(refused(200, "UNAVAILABLE", ""), Err(ApiError::Busy));
        assert_eq!(refused(503, "TIMEOUT", ""), Err(ApiError::Busy));
        assert_eq!(answer(503, "Service Unavailable"), Err(ApiError::Busy));
    }

    #[test]
    fn requests_the_server_does_not_take_ask_for_a_reload() {
        for (status, code) in [
            (400, "BAD_REQUEST"),
            (405, "METHOD_NOT_ALLOWED"),
            (200, "PERSISTED_QUERY_NOT_FOUND"),
            (415, "UNSUPPORTED_MEDIA_TYPE"),
            (413, "PAYLOAD_TOO_LARGE"),
        ] {
            assert_eq!(
                refused(status, code, ""),
                Err(ApiError::Unsupported),
                "{code}"
            );
        }
    }

    #[test]
    fn server_failures_and_unknown_codes() {
        assert_eq!(refused(200, "INTERNAL", ""), Err(ApiError::Server));
        assert_eq!(refused(500, "INTERNAL", ""), Err(ApiError::Server));
        assert_eq!(
            refused(200, "SOMETHING_NEW", ""),
            Err(ApiError::Other("SOMETHING_NEW: msg".into()))
        );
        assert_eq!(
            answer(200, r#"{"errors":[{"message":"msg"}]}"#),
            Err(ApiError::Other("msg".into()))
        );
    }

    #[test]
    fn every_code_of_the_api_has_a_meaning_of_its_own() {
        for code in ErrorCode::ALL {
            let error = refused(code.status(), code.as_str(), "");
            assert!(
                matches!(
                    &error,
                    Err(e) if !matches!(e, ApiError::Other(_) | ApiError::InvalidResponse)
                ),
                "{code}: {error:?}"
            );
        }
    }
}
