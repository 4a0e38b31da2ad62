//! A record the register's search found, as the app shows it (its kind, label, detail and
//! page), for the box in the header and the results page alike.

use serde_json::Value;
use verbund_shared::{Lang, org::OrganisationKind};

use crate::{
    api::Read,
    components::{parts::href, url_query::with_query},
};

/// A record the search found, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its kind, as an index of the kinds' headings (`SiteSearchTexts::kinds`).
    pub kind: usize,
    /// The page of the app where it opens.
    pub href: Option<String>,
    pub label: String,
    /// What tells it apart: a kind and key, a number, a function and organisation.
    pub detail: String,
}

/// The record `node` of a search's answer, in `lang`; `None` for a type the app does not know.
pub fn found(node: &Value, lang: Lang) -> Option<Found> {
    let id = node.str("id");
    let joined = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let (kind, href, label, detail) = match node.str("__typename") {
        "Organisation" => (
            0,
            Some(href("/members", id)),
            node.text("name"),
            joined(&[
                node.label::<OrganisationKind>("kind", lang),
                node.str("officialKey"),
            ]),
        ),
        "Contract" => (
            1,
            Some(href("/contracts", id)),
            node.text("title"),
            joined(&[node.str("number"), node.str("fileReference")]),
        ),
        "Service" => (
            2,
            Some(href("/services", id)),
            node.text("name"),
            node.text("code"),
        ),
        "Person" => {
            let org = node.obj("organisation");
            (
                3,
                org.map(|o| href("/members", o.str("id"))),
                node.text("name"),
                joined(&[node.str("role"), org.map_or("", |o| o.str("name"))]),
            )
        }
        "Source" => (
            4,
            Some(href("/sources", id)),
            node.text("title"),
            node.text("publisher"),
        ),
        _ => return None,
    };
    Some(Found {
        kind,
        href,
        label,
        detail,
    })
}

/// The records of a search's answer (`data.search.nodes`), in the order found.
pub fn found_all(data: &Value, lang: Lang) -> Vec<Found> {
    data.obj("search")
        .map(|s| s.list("nodes"))
        .unwrap_or_default()
        .iter()
        .filter_map(|node| found(node, lang))
        .collect()
}

/// The address of the results page for `text`.
pub fn results_href(text: &str) -> String {
    with_query("/search", &[("q".to_owned(), text.trim().to_owned())])
}

/// Whether `text` is long enough to search for.
pub fn searchable(text: &str) -> bool {
    verbund_shared::text::register_search(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_as_the_app_shows_them() {
        let data: Value = serde_json::from_str(
            r#"{"search":{"totalCount":3,"nodes":[
                {"__typename":"Organisation","id":"T3JnOjE","name":"Stadt Grabow","kind":"AMTSANGEHOERIGE_STADT","officialKey":"13076050"},
                {"__typename":"Contract","id":"Q29uOjI","title":"Beitritt","number":"V-7","fileReference":null},
                {"__typename":"Person","id":"UDoz","name":"Erika Muster","role":"Kämmerin","organisation":{"id":"T3JnOjE","name":"Stadt Grabow"}},
                {"__typename":"Source","id":"Uzo0","title":"Artikel","publisher":null,"url":null},
                {"__typename":"KeyFigure","id":"x"}
            ]}}"#,
        )
        .unwrap();
        let found = found_all(&data, Lang::De);
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].href.as_deref(), Some("/members/T3JnOjE"));
        assert_eq!(found[0].detail, "Amtsangehörige Stadt · 13076050");
        assert_eq!((found[1].kind, found[1].detail.as_str()), (1, "V-7"));
        assert_eq!(found[2].href.as_deref(), Some("/members/T3JnOjE"));
        assert_eq!(found[2].detail, "Kämmerin · Stadt Grabow");
        assert_eq!(
            (found[3].kind, found[3].href.as_deref()),
            (4, Some("/sources/Uzo0"))
        );
        assert!(!searchable(" a "));
        assert!(searchable("ab"));
        assert_eq!(results_href(" Grabow Amt"), "/search?q=Grabow%20Amt");
    }
}
