//! The cost of a request before it runs, for the rate limiter (see `auth::budget`): what a
//! document may make the server do, read from the parsed document and its variables.

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, OperationType, Selection, SelectionSet,
};
use async_graphql::{Value, Variables};
use std::collections::HashMap;

use crate::graphql::lists::{self, Size};

/// The cost of a request's document before it runs, for the rate limiter: every field
/// selection counts 1, and what a list field selects counts once per record it may hold: a
/// connection its page (`first` or `last`, or the default page size without either; a page
/// size given as a variable is read from the request's variables), `nodes(ids:)` each ID,
/// repeated ones too, and any other list the most records it can hold (see
/// `graphql::lists`). Fragments are costed once and reused, like their sizes above.
/// Saturates instead of overflowing; a document that does not parse costs 1.
pub fn cost(request: &mut async_graphql::Request) -> u64 {
    let variables = request.variables.clone();
    let Ok(document) = request.parsed_query() else {
        return 1;
    };
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(operation) => vec![operation],
        DocumentOperations::Multiple(operations) => operations.values().collect(),
    };
    let mut costing = Costing {
        document,
        variables: &variables,
        costs: HashMap::new(),
    };
    operations
        .iter()
        .map(|operation| {
            let root = match operation.node.ty {
                OperationType::Mutation => "Mutation",
                _ => "Query",
            };
            costing.cost(&operation.node.selection_set.node, root)
        })
        .fold(0u64, u64::saturating_add)
        .max(1)
}

struct Costing<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    /// Fragments costed so far; `None` while one is being costed (a fragment that spreads
    /// itself has been refused by the size check before, and costs nothing more here).
    costs: HashMap<&'a str, Option<u64>>,
}

impl<'a> Costing<'a> {
    /// The cost of `set`, selected on an object of the type `on`.
    fn cost(&mut self, set: &'a SelectionSet, on: &str) -> u64 {
        let mut total: u64 = 0;
        for item in &set.items {
            let part = match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let shape = lists::shape(on, field.name.node.as_str());
                    let of = shape.map_or("", |shape| shape.of.as_str());
                    let inner = self.cost(&field.selection_set.node, of);
                    let size = self.size(field, shape.map_or(Size::One, |shape| shape.size));
                    1u64.saturating_add(inner.saturating_mul(size))
                }
                Selection::InlineFragment(inline) => {
                    let on = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(on, |condition| condition.node.on.node.as_str());
                    self.cost(&inline.node.selection_set.node, on)
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str())
                }
            };
            total = total.saturating_add(part);
        }
        total
    }

    fn fragment(&mut self, name: &'a str) -> u64 {
        if let Some(known) = self.costs.get(name) {
            return known.unwrap_or(0);
        }
        let Some((key, definition)) = self.document.fragments.get_key_value(name) else {
            return 0;
        };
        self.costs.insert(key.as_str(), None);
        let on = definition.node.type_condition.node.on.node.as_str();
        let cost = self.cost(&definition.node.selection_set.node, on);
        self.costs.insert(key.as_str(), Some(cost));
        cost
    }

    /// How many records `field` may return: for a connection its `first` or `last` (the
    /// default page size without either), for `nodes` the number of its `ids`, each clamped
    /// to the largest page; for another list the most it can hold; 1 for any other field
    /// (and for a field the schema does not have: such a document fails before it runs).
    /// What cannot be read counts as the largest page.
    fn size(&self, field: &Field, size: Size) -> u64 {
        use crate::register::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
        let arguments: &[&str] = match size {
            Size::One => return 1,
            Size::AtMost(bound) => return bound as u64,
            Size::Page => &["first", "last"],
            Size::PerId => &["ids"],
        };
        let given = field.arguments.iter().find_map(|(name, value)| {
            let argument = name.node.as_str();
            if !arguments.contains(&argument) {
                return None;
            }
            let count = match &value.node {
                async_graphql_value::Value::Variable(variable) => self
                    .variables
                    .get(variable)
                    .map(|value| count(argument, value)),
                async_graphql_value::Value::List(ids) if argument == "ids" => {
                    Some(ids.len() as u64)
                }
                literal => literal
                    .clone()
                    .into_const()
                    .map(|value| count(argument, &value)),
            };
            Some(count.unwrap_or(MAX_PAGE_SIZE as u64))
        });
        given
            .unwrap_or(DEFAULT_PAGE_SIZE as u64)
            .clamp(1, MAX_PAGE_SIZE as u64)
    }
}

/// The records an argument asks for: a page size as given, the length of a list of IDs (one
/// ID alone is a list of one).
fn count(argument: &str, value: &Value) -> u64 {
    let largest = crate::register::page::MAX_PAGE_SIZE as u64;
    match (argument, value) {
        ("ids", Value::List(ids)) => ids.len() as u64,
        ("ids", _) => 1,
        (_, Value::Number(number)) => number.as_u64().unwrap_or(largest),
        _ => largest,
    }
}

#[cfg(test)]
mod tests {
    use super::super::limits::tests::bomb;

    fn cost_of(query: &str) -> u64 {
        super::cost(&mut async_graphql::Request::new(query))
    }

    #[test]
    fn cost_counts_fields_times_the_page_they_sit_in() {
        assert_eq!(cost_of("{ me { name } }"), 2);
        // A connection without `first` holds the default page: 20 × (nodes + name).
        assert_eq!(cost_of("{ members { nodes { name } } }"), 1 + 20 * 2);
        // 100 members × (nodes + name + contracts + 20 × (nodes + title)).
        let big =
            "{ members(first: 100) { nodes { name contracts(first: 20) { nodes { title } } } } }";
        assert_eq!(cost_of(big), 1 + 100 * (1 + 1 + 1 + 20 * 2));
        // Sizes above the largest page count as the largest page.
        assert_eq!(cost_of("{ members(first: 5000) { totalCount } }"), 1 + 100);
    }

    #[test]
    fn lists_that_are_not_connections_cost_the_most_they_can_hold() {
        use crate::register::bounds::{MEMBERSHIPS_OF_ORGANISATION, PARTIES, UNITS};
        let (units, memberships, parties) = (
            UNITS as u64,
            MEMBERSHIPS_OF_ORGANISATION as u64,
            PARTIES as u64,
        );
        // One organisation's units: units × name.
        let one = "{ node(id: \"x\") { ... on Organisation { units { name } } } }";
        assert_eq!(cost_of(one), 1 + 1 + units);
        // Nested lists multiply, as nested pages do; a fragment knows its type.
        let nested = "{ members(first: 10) { nodes { units { memberships { ...M } } } } } \
                      fragment M on Membership { contract { parties { role } } }";
        assert_eq!(
            cost_of(nested),
            1 + 10 * (1 + 1 + units * (1 + memberships * (1 + 1 + parties)))
        );
        // A field named like a list elsewhere counts by its own type: `Contract.memberships`
        // is bounded otherwise than `Organisation.memberships`, the feed is a connection.
        let contract = "{ contracts(first: 1) { nodes { memberships { seats } } } }";
        let bound = crate::register::bounds::MEMBERSHIPS_UNDER_CONTRACT as u64;
        assert_eq!(cost_of(contract), 1 + 1 + 1 + bound);
        assert_eq!(cost_of("{ changes { nodes { operation } } }"), 1 + 20 * 2);
        // Lists of values add nothing below them.
        assert_eq!(cost_of("{ me { scopes } }"), 2);
    }

    #[test]
    fn nodes_cost_each_id_they_ask_for() {
        let id = "\"T3JnYW5pc2F0aW9uOjE\"";
        let once = cost_of(&format!("{{ nodes(ids: [{id}]) {{ id }} }}"));
        let hundred = cost_of(&format!(
            "{{ nodes(ids: [{}]) {{ id }} }}",
            vec![id; 100].join(", ")
        ));
        assert_eq!((once, hundred), (2, 101));
        assert_eq!(cost_of(&format!("{{ nodes(ids: {id}) {{ id }} }}")), 2);
        let mut request =
            async_graphql::Request::new("query($i: [ID!]!) { nodes(ids: $i) { id } }").variables(
                async_graphql::Variables::from_json(serde_json::json!({ "i": vec!["x"; 40] })),
            );
        assert_eq!(super::cost(&mut request), 41);
    }

    #[test]
    fn cost_reads_page_sizes_from_variables_and_fragments_once() {
        let mut request = async_graphql::Request::new(
            "query($n: Int) { members(first: $n) { ...M } } fragment M on OrganisationConnection { nodes { name } }",
        )
        .variables(async_graphql::Variables::from_json(serde_json::json!({ "n": 3 })));
        assert_eq!(super::cost(&mut request), 1 + 3 * 2);
        // A variable that is missing counts as the largest page.
        assert_eq!(
            cost_of("query($n: Int) { members(first: $n) { totalCount } }"),
            1 + 100
        );
        // The fragment bomb is refused by the size check; its cost saturates, never panics.
        assert!(cost_of(&bomb(64)) > 1);
        assert_eq!(cost_of("not graphql"), 1);
    }
}
