//! The error type of the register and the API, and how each variant reaches a client. The
//! codes and their HTTP statuses are the domain crate's table
//! (`verbund_shared::refusal::ErrorCode`); `graphql::error` turns an `ApiError` into a GraphQL
//! error with its extensions.
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
//! The only ways out are [`ApiError::message`] and [`ApiError::code`].

use verbund_shared::refusal::ErrorCode;

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
        if locked(&err) {
            tracing::warn!(error = %err, "SQLite's write lock not free within its busy timeout");
            return Self::Busy;
        }
        Self::internal("database error", &err)
    }
}

/// Whether SQLite answered that another connection held its write lock for longer than the
/// busy timeout (`SQLITE_BUSY` and its extended codes): a long import holds it, and the
/// change that waited for it can be tried again shortly.
fn locked(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Query(RuntimeErr::SqlxError(err))
    | DbErr::Exec(RuntimeErr::SqlxError(err))
    | DbErr::Conn(RuntimeErr::SqlxError(err))) = err
    else {
        return false;
    };
    err.as_database_error()
        .filter(|db| {
            db.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some()
        })
        .and_then(|db| db.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

impl From<Vec<verbund_shared::validate::FieldError>> for ApiError {
    fn from(errors: Vec<verbund_shared::validate::FieldError>) -> Self {
        Self::Invalid(errors)
    }
}

impl From<verbund_shared::validate::FieldError> for ApiError {
    fn from(error: verbund_shared::validate::FieldError) -> Self {
        Self::Invalid(vec![error])
    }
}

impl From<std::sync::Arc<ApiError>> for ApiError {
    fn from(err: std::sync::Arc<ApiError>) -> Self {
        (*err).clone()
    }
}

impl ApiError {
    /// The error code the variant is answered with.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadUserInput { .. } | Self::Invalid(_) => ErrorCode::BadUserInput,
            Self::Unauthenticated | Self::LoginFailed => ErrorCode::Unauthenticated,
            Self::Forbidden { .. } => ErrorCode::Forbidden,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Busy => ErrorCode::Unavailable,
            Self::Internal => ErrorCode::Internal,
        }
    }

    /// The sentence sent with the code: the caller's own input or a fixed text, never a
    /// cause from inside.
    pub fn message(&self) -> String {
        match self {
            Self::BadUserInput { message, .. }
            | Self::Forbidden { message }
            | Self::NotFound { message }
            | Self::Conflict { message, .. }
            | Self::RateLimited { message, .. } => message.clone(),
            Self::Invalid(errors) => match errors.as_slice() {
                [one] => format!("{}: {}", one.field, one.message),
                many => format!("{} inputs are not valid.", many.len()),
            },
            Self::Unauthenticated => "Sign in first: this needs a session or a token.".to_owned(),
            Self::LoginFailed => "The name or the password is wrong.".to_owned(),
            Self::Busy => {
                "The server is busy: every database connection is in use. Try again in a moment."
                    .to_owned()
            }
            Self::Internal => "Internal error. It has been logged.".to_owned(),
        }
    }
}

/// What resolvers and services return.
pub type ApiResult<T> = Result<T, ApiError>;
