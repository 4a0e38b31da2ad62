//! The API's error type and how each variant reaches a client.
//!
//! | variant        | `extensions.code`  | message sent                          |
//! |----------------|--------------------|---------------------------------------|
//! | `BadUserInput` | `BAD_USER_INPUT`   | the validation message (and `field`)  |
//! | `NotFound`     | `NOT_FOUND`        | what was not found                    |
//! | `Internal`     | `INTERNAL`         | a generic sentence; the cause is logged |
//!
//! `ApiError` deliberately does not implement `Display`: async-graphql turns any `Display`
//! error into a response message, and a database error's text must never reach a client.
//! The only way out is the `From<ApiError> for async_graphql::Error` below.

use async_graphql::ErrorExtensions;

/// An error a resolver or service answers with.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// The caller sent something invalid; `field` names the argument or input field.
    BadUserInput {
        message: String,
        field: Option<String>,
    },
    /// The record asked for does not exist.
    NotFound { message: String },
    /// Something failed inside; already logged where it happened.
    Internal,
}

impl ApiError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::NotFound {
            message: message.into(),
        }
    }

    /// Logs an internal failure with its cause and answers the generic error.
    pub fn internal(context: &str, cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(%cause, "{context}");
        Self::Internal
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::internal("database error", &err)
    }
}

impl From<std::sync::Arc<ApiError>> for ApiError {
    fn from(err: std::sync::Arc<ApiError>) -> Self {
        (*err).clone()
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        match err {
            ApiError::BadUserInput { message, field } => async_graphql::Error::new(message)
                .extend_with(|_, ext| {
                    ext.set("code", "BAD_USER_INPUT");
                    if let Some(field) = field {
                        ext.set("field", field);
                    }
                }),
            ApiError::NotFound { message } => async_graphql::Error::new(message)
                .extend_with(|_, ext| ext.set("code", "NOT_FOUND")),
            ApiError::Internal => async_graphql::Error::new("Internal error. It has been logged.")
                .extend_with(|_, ext| ext.set("code", "INTERNAL")),
        }
    }
}

/// What resolvers and services return.
pub type ApiResult<T> = Result<T, ApiError>;
