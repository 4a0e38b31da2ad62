//! Decoding `node(id:)` answers into the generated struct of the one type a page asks for.
//!
//! graphql_client decodes `node { __typename ... on Organisation { … } }` into an enum tagged
//! by `__typename`; serde decodes such enums by buffering them in a generic tree and reading
//! every nested type a second time from it, which more than doubles the decoding code in the
//! wasm. The answer is a JSON tree already, so [`decode`] looks at `__typename` there and
//! decodes the fields straight into the variant's struct.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::tree::{Mismatch, Tree};

/// The data of a query `{ node(id:) { __typename ... on T { … } } }`: the record, or `None`
/// when there is no record with that ID or it is of another type.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeOf<T>(pub Option<T>);

/// Reads the `node` of `data` as a `typename` record.
pub fn decode<T: DeserializeOwned>(data: &Value, typename: &str) -> Result<NodeOf<T>, Mismatch> {
    match data.get("node") {
        Some(Value::Null) => Ok(NodeOf(None)),
        Some(node) => {
            if node.get("__typename").and_then(Value::as_str) == Some(typename) {
                T::deserialize(Tree(node)).map(|record| NodeOf(Some(record)))
            } else {
                // The ID names a record of another type: for this page, there is none.
                Ok(NodeOf(None))
            }
        }
        None => Err(Mismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Organisation {
        id: String,
        short_name: Option<String>,
    }

    fn read(json: &str) -> Result<NodeOf<Organisation>, Mismatch> {
        decode(&serde_json::from_str(json).unwrap(), "Organisation")
    }

    #[test]
    fn the_asked_type_is_decoded_and_others_are_none() {
        assert_eq!(
            read(r#"{"node":{"id":"T3Jn","__typename":"Organisation","shortName":"KSM"}}"#),
            Ok(NodeOf(Some(Organisation {
                id: "T3Jn".into(),
                short_name: Some("KSM".into())
            })))
        );
        assert_eq!(
            read(r#"{"node":{"__typename":"Contract"}}"#),
            Ok(NodeOf(None))
        );
        assert_eq!(read(r#"{"node":null}"#), Ok(NodeOf(None)));
        assert_eq!(read(r#"{"nodes":[]}"#), Err(Mismatch));
        assert_eq!(
            read(r#"{"node":{"__typename":"Organisation"}}"#),
            Err(Mismatch)
        );
    }
}
