//! What each field of the schema can return, for costing a query before it runs (see
//! `http::cost` and the complexity of the fields below): one object, a connection (a page of
//! `first`/`last` records, 20 without either), or a list that is not a connection, which
//! counts the most records it can hold (the register's bound, see `register::bounds`).

use std::collections::HashMap;
use std::sync::OnceLock;

use async_graphql::OutputType;
use async_graphql::registry::{MetaType, Registry};

use crate::register::bounds;

/// Every list field that is not a connection, with the most records it can hold.
/// `Query.nodes` is not here: it holds one record per ID asked for.
pub const LISTS: [(&str, &str, usize); 20] = [
    ("Organisation", "units", bounds::UNITS),
    ("Organisation", "territory", bounds::TERRITORY),
    (
        "Organisation",
        "memberships",
        bounds::MEMBERSHIPS_OF_ORGANISATION,
    ),
    ("Organisation", "people", bounds::PEOPLE),
    ("Organisation", "figures", bounds::FIGURES),
    ("Contract", "parties", bounds::PARTIES),
    (
        "Contract",
        "memberships",
        bounds::MEMBERSHIPS_UNDER_CONTRACT,
    ),
    ("HistoryEntry", "changes", bounds::FIELD_CHANGES),
    ("Query", "users", bounds::USERS),
    ("Query", "apiTokens", bounds::API_TOKENS),
    ("Query", "persistedOperations", bounds::PERSISTED_OPERATIONS),
    ("Statistics", "workstationsByOrganisation", bounds::TOTALS),
    ("Statistics", "workstationsByService", bounds::TOTALS),
    ("ApiToken", "scopes", bounds::SCOPES),
    ("Viewer", "scopes", bounds::SCOPES),
    ("Contract", "reminders", bounds::REMINDERS),
    ("Contract", "decisions", bounds::DEADLINES),
    ("Contract", "renewals", bounds::RENEWALS),
    ("Viewer", "inbox", bounds::INBOX),
    ("Reminder", "deliveries", bounds::DELIVERIES),
];

/// The complexity of a list field that is not a connection: what one record asks for, times
/// the most records the list can hold.
pub fn list_cost(bound: usize, child_complexity: usize) -> usize {
    bound.saturating_mul(child_complexity)
}

/// What a field returns, as far as its cost goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The named type of what it returns (the item type of a list).
    pub of: String,
    /// How many of it.
    pub size: Size,
}

/// How many records a field returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// One (or none).
    One,
    /// A page of a connection.
    Page,
    /// A list of at most this many.
    AtMost(usize),
    /// As many as the IDs asked for (`nodes(ids:)`).
    PerId,
}

/// The shape of the field `field` of the type `parent`, `None` when the schema has no such
/// field.
pub fn shape(parent: &str, field: &str) -> Option<&'static Shape> {
    static SHAPES: OnceLock<HashMap<(String, String), Shape>> = OnceLock::new();
    SHAPES
        .get_or_init(shapes)
        .get(&(parent.to_owned(), field.to_owned()))
}

/// The shape of every field of every object and interface type of the schema.
fn shapes() -> HashMap<(String, String), Shape> {
    let mut registry = Registry::default();
    super::Query::create_type_info(&mut registry);
    super::Mutation::create_type_info(&mut registry);
    let mut out = HashMap::new();
    for (type_name, meta) in &registry.types {
        let fields = match meta {
            MetaType::Object { fields, .. } | MetaType::Interface { fields, .. } => fields,
            _ => continue,
        };
        for (name, field) in fields {
            let of: String = field
                .ty
                .chars()
                .filter(|c| !matches!(c, '[' | ']' | '!'))
                .collect();
            let bound = LISTS
                .iter()
                .find(|(on, list, _)| on == type_name && list == name)
                .map(|(_, _, bound)| *bound);
            let size = if (type_name.as_str(), name.as_str()) == ("Query", "nodes") {
                Size::PerId
            } else if of.ends_with("Connection") {
                Size::Page
            } else if type_name.ends_with("Connection") {
                // A connection's `nodes` and `edges`: the page counted at the connection.
                Size::One
            } else if field.ty.starts_with('[') {
                // A list without a bound of its own counts as the largest page (a test
                // makes sure there is none).
                Size::AtMost(bound.unwrap_or(crate::register::page::MAX_PAGE_SIZE))
            } else {
                Size::One
            };
            out.insert((type_name.clone(), name.clone()), Shape { of, size });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list the schema has that is not a connection has its bound in [`LISTS`], and
    /// every entry of [`LISTS`] names such a list.
    #[test]
    fn every_list_that_is_not_a_connection_has_a_bound() {
        let mut registry = Registry::default();
        crate::graphql::Query::create_type_info(&mut registry);
        crate::graphql::Mutation::create_type_info(&mut registry);
        let mut lists = Vec::new();
        // The roots as the schema shows them: `Query` and `Mutation`, not the parts they
        // are merged from.
        let parts = |name: &str| name.ends_with("Root") || name.ends_with("MergedObjectTail");
        for (type_name, meta) in &registry.types {
            if let MetaType::Object { fields, .. } = meta
                && !parts(type_name)
            {
                for (name, field) in fields {
                    let connection = field.ty.contains("Connection");
                    let edges = type_name.ends_with("Connection") || type_name.ends_with("Edge");
                    if field.ty.starts_with('[') && !connection && !edges && name != "nodes" {
                        lists.push((type_name.clone(), name.clone()));
                    }
                }
            }
        }
        lists.sort();
        let mut bounded: Vec<(String, String)> = LISTS
            .iter()
            .map(|(on, name, _)| ((*on).to_owned(), (*name).to_owned()))
            .collect();
        bounded.sort();
        assert_eq!(lists, bounded);
        let size = |on, name| shape(on, name).map(|s| s.size);
        assert_eq!(
            size("Organisation", "units"),
            Some(Size::AtMost(bounds::UNITS))
        );
        assert_eq!(size("Organisation", "contracts"), Some(Size::Page));
        assert_eq!(size("Query", "changes"), Some(Size::Page));
        assert_eq!(size("Query", "nodes"), Some(Size::PerId));
        assert_eq!(size("Membership", "organisation"), Some(Size::One));
        assert_eq!(size("Node", "id"), Some(Size::One));
    }
}
