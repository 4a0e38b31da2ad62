//! Filters that live in the URL's query (`?asOf=2019-01-01&kind=AMT`), so that a reload,
//! a bookmark or a link sent to a colleague shows the same list.

use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_location, use_navigate, use_params_map},
    params::ParamsMap,
};

use crate::{format, order::sort_by_text};

/// The current URL query, read reactively, and a way to change one parameter of it.
#[derive(Debug, Clone, Copy)]
pub struct UrlQuery {
    query: Memo<ParamsMap>,
}

impl UrlQuery {
    /// The value of `key`, if the URL has a non-empty one.
    pub fn get(self, key: &str) -> Option<String> {
        self.query.with(|query| {
            query
                .get_str(key)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        })
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
        query: use_location().query,
    }
}

/// The `:id` of a detail page's route, read reactively ("" when the route has none).
pub fn use_record_id() -> impl Fn() -> String + Copy + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").unwrap_or_default())
}

/// A function that sets (or, given `None` or "", removes) one query parameter, replacing the
/// history entry: filtering is no navigation the Back button should step through.
pub fn use_set_query() -> impl Fn(&str, Option<String>) + Clone + 'static {
    let location = use_location();
    let navigate = use_navigate();
    move |key: &str, value: Option<String>| {
        let path = location.pathname.get_untracked();
        let mut pairs: Vec<(String, String)> = location.query.with_untracked(|query| {
            query
                .latest_values()
                .filter(|(k, _)| k.as_ref() != key)
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect()
        });
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            pairs.push((key.to_owned(), value));
        }
        sort_by_text(&mut pairs, |(key, _)| key.clone());
        navigate(
            &with_query(&path, &pairs),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    }
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

/// Encodes one part of a URL (a path segment or a query value).
pub fn encode(part: &str) -> String {
    String::from(js_sys::encode_uri_component(part))
}
