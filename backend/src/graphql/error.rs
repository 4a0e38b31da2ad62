//! How an [`ApiError`] reaches a GraphQL client: its message, `extensions.code` from the
//! error table, and the extensions each kind adds (`field` and `fieldErrors`,
//! `currentVersion`, `retryAfter`).

use async_graphql::{ErrorExtensions, Name, Value, indexmap::IndexMap};

use crate::error::ApiError;

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        let code = err.code().as_str();
        async_graphql::Error::new(err.message()).extend_with(|_, ext| {
            ext.set("code", code);
            match &err {
                ApiError::BadUserInput {
                    field: Some(field), ..
                } => ext.set("field", field.as_str()),
                ApiError::Invalid(errors) => {
                    if let Some(first) = errors.first() {
                        ext.set("field", first.field.as_str());
                    }
                    let list = errors
                        .iter()
                        .map(|e| {
                            let mut map = IndexMap::new();
                            map.insert(Name::new("field"), Value::from(e.field.as_str()));
                            map.insert(Name::new("message"), Value::from(e.message.as_str()));
                            Value::Object(map)
                        })
                        .collect();
                    ext.set("fieldErrors", Value::List(list));
                }
                ApiError::Conflict {
                    current_version: Some(version),
                    ..
                } => ext.set("currentVersion", *version),
                ApiError::RateLimited { retry_after, .. } => ext.set("retryAfter", *retry_after),
                _ => {}
            }
        })
    }
}
