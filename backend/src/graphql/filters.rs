//! What every list filter shares: a search text and lists of values, held to the domain
//! crate's bounds (`verbund_shared::text`) and named as the API names them, before any of it
//! reaches the register.

use verbund_shared::validate;

use crate::error::ApiResult;

/// A filter's `search`: trimmed, `None` when empty.
pub fn search(value: Option<String>) -> ApiResult<Option<String>> {
    Ok(validate::search("filter.search", value)?)
}

/// An exact-match text of a filter (`field` as the API names it), held to the bounds of a
/// search.
pub fn term(field: &str, value: Option<String>) -> ApiResult<Option<String>> {
    Ok(validate::search(field, value)?)
}

/// A filter's list of values (`field` as the API names it), in the register's terms; empty
/// when absent.
pub fn values<T, U: From<T>>(field: &str, values: Option<Vec<T>>) -> ApiResult<Vec<U>> {
    Ok(validate::filter_list(field, values)?
        .into_iter()
        .map(Into::into)
        .collect())
}
