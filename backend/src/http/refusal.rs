//! Requests refused before the schema runs: the answer has the GraphQL error shape, the code
//! from the error table (`verbund_shared::refusal::ErrorCode`) and that code's HTTP status.

use axum::Json;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use verbund_shared::refusal::ErrorCode;

use crate::error::ApiError;

/// A refused request: its code, a sentence for the caller, and headers the code needs.
#[derive(Debug)]
pub struct Refusal {
    code: ErrorCode,
    message: String,
    /// The argument the refusal is about, as `extensions.field`.
    field: Option<String>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Refusal {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            headers: Vec::new(),
        }
    }

    /// The same refusal about the argument `field`.
    #[must_use]
    pub fn on_field(mut self, field: String) -> Self {
        self.field = Some(field);
        self
    }

    /// The same refusal with one more header.
    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: &'static str) -> Self {
        self.headers.push((name, HeaderValue::from_static(value)));
        self
    }

    /// Every database connection is in use: try again in a second.
    pub fn busy() -> Self {
        Self::new(
            ErrorCode::Unavailable,
            "The server is busy: every database connection is in use. Try again in a moment.",
        )
        .with_header(header::RETRY_AFTER, "1")
    }

    /// Something failed inside; the cause has been logged where it happened.
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Internal error: the request failed on the server; it has been logged.",
        )
    }

    /// A bearer token that is unknown, revoked or expired.
    pub fn bad_token() -> Self {
        Self::new(
            ErrorCode::Unauthenticated,
            "The token is unknown, revoked or expired.",
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer")
    }
}

impl Refusal {
    /// The refusal as a GraphQL error (for a subscription refused over the socket).
    pub fn into_server_error(self) -> async_graphql::ServerError {
        use async_graphql::ErrorExtensions;
        let (code, field) = (self.code, self.field);
        async_graphql::Error::new(self.message)
            .extend_with(|_, ext| {
                ext.set("code", code.as_str());
                if let Some(field) = &field {
                    ext.set("field", field.as_str());
                }
            })
            .into_server_error(async_graphql::Pos::default())
    }
}

/// A failure before the schema runs: busy when no database connection was free, otherwise
/// the generic internal error.
impl From<ApiError> for Refusal {
    fn from(err: ApiError) -> Self {
        match err {
            ApiError::Busy => Self::busy(),
            _ => Self::internal(),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let mut extensions = json!({ "code": self.code.as_str() });
        if let Some(field) = self.field {
            extensions["field"] = json!(field);
        }
        let body = json!({ "errors": [{ "message": self.message, "extensions": extensions }] });
        let mut response = (status, Json(body)).into_response();
        response.headers_mut().extend(self.headers);
        response
    }
}
