//! Links that download a whole list from the server's export (`/export/{list}.csv` and
//! `.json`) with the filters and the date the page shows: the server writes every row, the
//! browser pages through nothing; and the link that opens a printable report.

use leptos::prelude::*;
use serde_json::Value;

use crate::{components::url_query::with_query, i18n::use_i18n};

/// The export's address of `list` as `extension`, with `params` (a text, a list of codes or a
/// truth value each; empty ones are left out) and the app's language for the CSV's headers
/// and dates.
pub fn export_href(list: &str, extension: &str, params: &[(&str, Value)], lang: &str) -> String {
    href_with(&format!("/export/{list}.{extension}"), params, lang)
}

/// `path` with `params` (empty ones left out) and the app's language as its query.
fn href_with(path: &str, params: &[(&str, Value)], lang: &str) -> String {
    let mut pairs = Vec::new();
    for (name, value) in params {
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Bool(flag) => flag.to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
            _ => String::new(),
        };
        if !text.is_empty() {
            pairs.push(((*name).to_owned(), text));
        }
    }
    pairs.push(("lang".to_owned(), lang.to_owned()));
    with_query(path, &pairs)
}

/// The links that download `list` with what `params` gives now, as CSV and as JSON.
pub fn export_links<F>(list: &'static str, params: F) -> AnyView
where
    F: Fn() -> Vec<(&'static str, Value)> + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang().as_str());
    let href = move |extension: &'static str| export_href(list, extension, &params(), lang);
    view! {
        <p class="export-links">
            <a class="button button-small" href=move || href("csv") download="">{t.export_csv}</a>
            " "
            <a class="button button-small" href=move || href("json") download="">{t.export_json}</a>
        </p>
    }
    .into_any()
}

/// The link that opens a printable report of the server (`/report/…`) in a new tab: the
/// path and the parameters `report` gives now, in the app's language.
pub fn report_link<F>(report: F) -> AnyView
where
    F: Fn() -> (String, Vec<(&'static str, Value)>) + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang().as_str());
    let href = move || {
        let (path, params) = report();
        href_with(&path, &params, lang)
    };
    view! {
        <p class="export-links">
            <a class="button button-small" href=href target="_blank" rel="noopener">{t.print_report}</a>
        </p>
    }
    .into_any()
}

/// The link that opens the dossier of the organisation `id` as seen on `as_of`.
pub fn member_report_link(id: String, as_of: chrono::NaiveDate) -> AnyView {
    let as_of = crate::format::iso(as_of);
    report_link(move || {
        (
            format!("/report/member/{id}.html"),
            vec![("asOf", Value::from(as_of.clone()))],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_holds_the_filters_given_and_the_language() {
        let params = [
            ("search", Value::from("Müller & Söhne")),
            ("kind", serde_json::json!(["AMT", "GEMEINDE"])),
            ("status", serde_json::json!([])),
            ("founding", Value::Null),
            ("asOf", Value::from("2019-06-30")),
        ];
        assert_eq!(
            export_href("members", "csv", &params, "de"),
            "/export/members.csv?search=M%C3%BCller%20%26%20S%C3%B6hne&kind=AMT%2CGEMEINDE&asOf=2019-06-30&lang=de"
        );
        assert_eq!(
            export_href("services", "json", &[], "en"),
            "/export/services.json?lang=en"
        );
    }

    #[test]
    fn a_report_address_leaves_out_what_is_empty() {
        assert_eq!(
            href_with("/report/deadlines.html", &[("to", Value::Null)], "de"),
            "/report/deadlines.html?lang=de"
        );
        assert_eq!(
            href_with(
                "/report/member/T3JnYW5pc2F0aW9uOjE.html",
                &[("asOf", Value::from("2024-06-30"))],
                "en"
            ),
            "/report/member/T3JnYW5pc2F0aW9uOjE.html?asOf=2024-06-30&lang=en"
        );
    }
}
