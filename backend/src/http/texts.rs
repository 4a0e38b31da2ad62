//! Text no database keeps: PostgreSQL refuses U+0000 in any text, so a request that sends it
//! in any argument, written into the document or as a variable, is refused before it runs,
//! on either database, naming the argument (`filter.search`). What else a text may hold is
//! the domain crate's rule per field (`verbund_shared::text`).

use async_graphql::Value as ConstValue;
use async_graphql::Variables;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql_value::Value;
use std::collections::HashSet;

/// The argument (as `argument.field.field`) of the first text in `document` or its
/// `variables` that holds U+0000, if any.
pub fn nul_argument(document: &ExecutableDocument, variables: &Variables) -> Option<String> {
    let mut search = Search {
        variables,
        clean: HashSet::new(),
    };
    let fragments = document
        .fragments
        .values()
        .map(|f| &f.node.selection_set.node);
    let operations = document
        .operations
        .iter()
        .map(|(_, operation)| &operation.node.selection_set.node);
    fragments
        .chain(operations)
        .find_map(|set| search.selection_set(set))
}

struct Search<'a> {
    variables: &'a Variables,
    /// Variables already searched and found clean (a variable may be used many times).
    clean: HashSet<&'a str>,
}

impl<'a> Search<'a> {
    fn selection_set(&mut self, set: &'a SelectionSet) -> Option<String> {
        set.items.iter().find_map(|item| match &item.node {
            Selection::Field(field) => field
                .node
                .arguments
                .iter()
                .find_map(|(name, value)| self.value(&value.node, name.node.as_str()))
                .or_else(|| self.selection_set(&field.node.selection_set.node)),
            Selection::InlineFragment(inline) => {
                self.selection_set(&inline.node.selection_set.node)
            }
            Selection::FragmentSpread(_) => None,
        })
    }

    fn value(&mut self, value: &'a Value, path: &str) -> Option<String> {
        match value {
            Value::Variable(name) => {
                if self.clean.contains(name.as_str()) {
                    return None;
                }
                let (key, found) = self.variables.get_key_value(name)?;
                let found = nul_in(found, path);
                if found.is_none() {
                    self.clean.insert(key.as_str());
                }
                found
            }
            Value::String(text) => text.contains('\0').then(|| path.to_owned()),
            Value::List(items) => items.iter().find_map(|item| self.value(item, path)),
            Value::Object(fields) => fields
                .iter()
                .find_map(|(name, item)| self.value(item, &format!("{path}.{name}"))),
            _ => None,
        }
    }
}

/// The path of the first text holding U+0000 in a variable's value.
fn nul_in(value: &ConstValue, path: &str) -> Option<String> {
    match value {
        ConstValue::String(text) => text.contains('\0').then(|| path.to_owned()),
        ConstValue::List(items) => items.iter().find_map(|item| nul_in(item, path)),
        ConstValue::Object(fields) => fields
            .iter()
            .find_map(|(name, item)| nul_in(item, &format!("{path}.{name}"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(query: &str, variables: serde_json::Value) -> Option<String> {
        let document = async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}"));
        nul_argument(&document, &Variables::from_json(variables))
    }

    #[test]
    fn nul_is_found_in_literals_and_variables_with_its_argument() {
        let none = serde_json::json!({});
        assert_eq!(
            found("{ a(s: \"ok\") { b(t: [\"x\"]) } }", none.clone()),
            None
        );
        assert_eq!(
            found("{ a { b(filter: {search: \"x\\u0000\"}) } }", none.clone()),
            Some("filter.search".into())
        );
        assert_eq!(
            found(
                "query($v: [In]) { ...F } fragment F on Query { a(input: {list: $v}) }",
                serde_json::json!({ "v": [{ "ok": "x" }, { "note": "a\u{0}b" }] })
            ),
            Some("input.list.note".into())
        );
        // Variables nobody uses are not arguments.
        assert_eq!(
            found(
                "query($v: String) { a }",
                serde_json::json!({ "v": "\u{0}" })
            ),
            None
        );
    }
}
