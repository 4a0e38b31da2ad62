//! How deep a query nests its fields on the register, checked on the parsed document after its
//! size (so its fragments are known not to spread themselves).
//!
//! The schema's description (`__schema`, `__type`) is not counted: the introspection query of
//! standard clients (graphql-js `getIntrospectionQuery()`, graphql-core) nests `ofType` nine
//! levels deep to describe types such as `[[String!]!]!`, which says nothing about the register
//! and costs no database work; its size stays bounded by the selection limit.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use std::collections::HashMap;

/// The deepest nesting a query may have on the register.
pub const MAX_DEPTH: usize = 12;

/// The deepest nesting of `set` on the register, fragments followed (each computed once).
pub fn depth(document: &ExecutableDocument, set: &SelectionSet) -> usize {
    Depths {
        document,
        known: HashMap::new(),
    }
    .of(set)
}

struct Depths<'a> {
    document: &'a ExecutableDocument,
    known: HashMap<&'a str, usize>,
}

impl<'a> Depths<'a> {
    fn of(&mut self, set: &'a SelectionSet) -> usize {
        let mut deepest = 0;
        for item in &set.items {
            let depth = match &item.node {
                Selection::Field(field) => match field.node.name.node.as_str() {
                    "__schema" | "__type" => 1,
                    _ => 1 + self.of(&field.node.selection_set.node),
                },
                Selection::InlineFragment(inline) => self.of(&inline.node.selection_set.node),
                Selection::FragmentSpread(spread) => self.fragment(&spread.node.fragment_name.node),
            };
            deepest = deepest.max(depth);
        }
        deepest
    }

    fn fragment(&mut self, name: &'a str) -> usize {
        if let Some(depth) = self.known.get(name) {
            return *depth;
        }
        let Some((key, definition)) = self.document.fragments.get_key_value(name) else {
            return 0;
        };
        // A fragment met again while it is measured adds nothing (the size check refuses
        // such documents before).
        self.known.insert(key.as_str(), 0);
        let depth = self.of(&definition.node.selection_set.node);
        self.known.insert(key.as_str(), depth);
        depth
    }
}

#[cfg(test)]
mod tests {
    fn depth(query: &str) -> usize {
        let document = async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}"));
        document
            .operations
            .iter()
            .map(|(_, operation)| super::depth(&document, &operation.node.selection_set.node))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn fields_nest_through_fragments_but_not_through_introspection() {
        assert_eq!(depth("{ a { b { c } } d }"), 3);
        assert_eq!(
            depth("{ a { ...F } } fragment F on A { b { ... on B { c { d } } } }"),
            4
        );
        let ofs = "ofType { ".repeat(20) + "name " + &"}".repeat(20);
        assert_eq!(
            depth(&format!("{{ __schema {{ types {{ {ofs} }} }} a {{ b }} }}")),
            2
        );
        assert_eq!(depth(&format!("{{ __type(name: \"A\") {{ {ofs} }} }}")), 1);
    }
}
