//! The API's error type and how each variant reaches a client.
//!
//! | variant        | `extensions.code`  | message sent                          |
//! |----------------|--------------------|---------------------------------------|
//! | `BadUserInput` | `BAD_USER_INPUT`   | the validation message (and `field`)  |
//! | `Invalid`      | `BAD_USER_INPUT`   | one sentence, `field` and `fieldErrors` |
//! | `Unauthenticated` | `UNAUTHENTICATED` | sign in first                       |
//! | `Forbidden`    | `FORBIDDEN`        | what the caller may not do            |
//! | `NotFound`     | `NOT_FOUND`        | what was not found                    |
//! | `Conflict`     | `CONFLICT`         | changed meanwhile (`currentVersion`)  |
//! | `RateLimited`  | `RATE_LIMITED`     | when to try again (`retryAfter`)      |
//! | `Busy`         | `UNAVAILABLE`      | try again shortly (HTTP 503)          |
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
    /// Several inputs of a form are wrong, each with its field.
    Invalid(Vec<verbund_shared::validate::FieldError>),
    /// No valid session or token came with the request.
    Unauthenticated,
    /// A login with a wrong name or password (the answer does not say which).
    LoginFailed,
    /// The caller is known but may not do this.
    Forbidden { message: String },
    /// The record asked for does not exist.
    NotFound { message: String },
    /// The record was changed by someone else since the caller read it.
    Conflict {
        message: String,
        current_version: Option<i32>,
    },
    /// Too many attempts; `retry_after` seconds until the next may succeed.
    RateLimited { message: String, retry_after: i64 },
    /// Every database connection is busy; the request may be repeated shortly.
    Busy,
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

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden {
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>, current_version: Option<i32>) -> Self {
        Self::Conflict {
            message: message.into(),
            current_version,
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
        if matches!(err, sea_orm::DbErr::ConnectionAcquire(_)) {
            tracing::warn!(error = %err, "no database connection free");
            return Self::Busy;
        }
        Self::internal("database error", &err)
    }
}

impl From<Vec<verbund_shared::validate::FieldError>> for ApiError {
    fn from(errors: Vec<verbund_shared::validate::FieldError>) -> Self {
        Self::Invalid(errors)
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
            ApiError::Invalid(errors) => {
                let message = match errors.as_slice() {
                    [one] => format!("{}: {}", one.field, one.message),
                    many => format!("{} inputs are not valid.", many.len()),
                };
                async_graphql::Error::new(message).extend_with(|_, ext| {
                    ext.set("code", "BAD_USER_INPUT");
                    if let Some(first) = errors.first() {
                        ext.set("field", first.field.clone());
                    }
                    let list: Vec<async_graphql::Value> = errors
                        .iter()
                        .map(|e| {
                            let mut map = async_graphql::indexmap::IndexMap::new();
                            map.insert(
                                async_graphql::Name::new("field"),
                                async_graphql::Value::from(e.field.clone()),
                            );
                            map.insert(
                                async_graphql::Name::new("message"),
                                async_graphql::Value::from(e.message.clone()),
                            );
                            async_graphql::Value::Object(map)
                        })
                        .collect();
                    ext.set("fieldErrors", async_graphql::Value::List(list));
                })
            }
            ApiError::Unauthenticated => {
                async_graphql::Error::new("Sign in first: this needs a session or a token.")
                    .extend_with(|_, ext| ext.set("code", "UNAUTHENTICATED"))
            }
            ApiError::LoginFailed => {
                async_graphql::Error::new("The name or the password is wrong.")
                    .extend_with(|_, ext| ext.set("code", "UNAUTHENTICATED"))
            }
            ApiError::Forbidden { message } => async_graphql::Error::new(message)
                .extend_with(|_, ext| ext.set("code", "FORBIDDEN")),
            ApiError::NotFound { message } => async_graphql::Error::new(message)
                .extend_with(|_, ext| ext.set("code", "NOT_FOUND")),
            ApiError::Conflict {
                message,
                current_version,
            } => async_graphql::Error::new(message).extend_with(|_, ext| {
                ext.set("code", "CONFLICT");
                if let Some(version) = current_version {
                    ext.set("currentVersion", version);
                }
            }),
            ApiError::RateLimited {
                message,
                retry_after,
            } => async_graphql::Error::new(message).extend_with(|_, ext| {
                ext.set("code", "RATE_LIMITED");
                ext.set("retryAfter", retry_after);
            }),
            ApiError::Busy => async_graphql::Error::new(
                "The server is busy: every database connection is in use. Try again in a moment.",
            )
            .extend_with(|_, ext| ext.set("code", "UNAVAILABLE")),
            ApiError::Internal => async_graphql::Error::new("Internal error. It has been logged.")
                .extend_with(|_, ext| ext.set("code", "INTERNAL")),
        }
    }
}

/// What resolvers and services return.
pub type ApiResult<T> = Result<T, ApiError>;
