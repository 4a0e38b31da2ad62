//! Filters that live in the URL's query (`?asOf=2019-01-01&kind=AMT`), so that a reload,
//! a bookmark or a link sent to a colleague shows the same list.

use leptos::prelude::*;
use serde_json::Value;

use crate::{
    api::read::Coded,
    format,
    order::sort_by_text,
    router::{Location, query_pairs, segment, use_location},
};

/// The current URL query, read reactively, and a way to change one parameter of it.
#[derive(Debug, Clone, Copy)]
pub struct UrlQuery {
    location: Location,
}

impl UrlQuery {
    /// The value of `key`, if the URL has a non-empty one.
    pub fn get(self, key: &str) -> Option<String> {
        self.location.query(key).filter(|v| !v.is_empty())
    }

    /// The value of `key` as a filter's list of one code of `T`; null when the URL names
    /// none, or one `T` does not know.
    pub fn code_list<T: Coded>(self, key: &str) -> Value {
        let code = self.get(key).and_then(|v| v.parse::<T>().ok());
        Value::from(code.map(|c| vec![c.code()]))
    }

    /// The value of `key` as a filter's text; null when the URL has none.
    pub fn text(self, key: &str) -> Value {
        Value::from(self.get(key))
    }

    /// The date the page is about (`asOf`), or today when the URL names none.
    pub fn as_of(self) -> chrono::NaiveDate {
        self.get("asOf")
            .and_then(|v| format::parse_iso(&v))
            .unwrap_or_else(format::today)
    }
}

/// The page's URL query.
pub fn use_url_query() -> UrlQuery {
    UrlQuery {
        location: use_location(),
    }
}

/// The `:id` of a detail page's route, read reactively ("" when the route has none).
pub fn use_record_id() -> impl Fn() -> String + Copy + 'static {
    let path = use_location().pathname;
    move || path.with(|p| segment(p, 1))
}

/// The URL parameter of a list's page number (see [`super::pager`]).
pub const PAGE: &str = "page";

/// A function that sets (or, given `None` or "", removes) one query parameter, replacing the
/// history entry: filtering is no navigation the Back button should step through.
pub fn use_set_query() -> impl Fn(&str, Option<String>) + Clone + 'static {
    let location = use_location();
    move |key: &str, value: Option<String>| {
        location.go(&changed(location, key, value), true, false);
    }
}

/// The current address with one query parameter set to `value` (removed for `None` or "").
/// Any change but of the page number starts a list at its first page again: other filters,
/// another date or page size make another list.
pub fn changed(location: Location, key: &str, value: Option<String>) -> String {
    let path = location.pathname.get_untracked();
    let mut pairs = location.search.with_untracked(|search| query_pairs(search));
    pairs.retain(|(k, _)| k != key && (key == PAGE || k != PAGE));
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        pairs.push((key.to_owned(), value));
    }
    sort_by_text(&mut pairs, |(key, _)| key.clone());
    with_query(&path, &pairs)
}

/// `path` with `pairs` as its query, each part encoded.
pub fn with_query(path: &str, pairs: &[(String, String)]) -> String {
    let mut url = path.to_owned();
    for (i, (key, value)) in pairs.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode(key));
        url.push('=');
        url.push_str(&encode(value));
    }
    url
}

/// Encodes one part of a URL (a path segment, a query's key or value): every byte but
/// letters, digits and `-_.~` percent-encoded.
pub fn encode(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
