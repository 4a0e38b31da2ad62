//! Reading `node(id:)` answers: the record when it is of the one type a page asks for.

use serde_json::Value;

/// The data of a query `{ node(id:) { __typename ... on T { … } } }`: the record, or `None`
/// when there is no record with that ID or it is of another type.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeOf(pub Option<Value>);

/// Takes the `node` of `data` as a `typename` record.
pub fn node_of(mut data: Value, typename: &str) -> NodeOf {
    let node = data.get_mut("node").map(Value::take).unwrap_or_default();
    // An ID of another type names no record for this page.
    NodeOf((node.get("__typename").and_then(Value::as_str) == Some(typename)).then_some(node))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> NodeOf {
        node_of(serde_json::from_str(json).unwrap(), "Organisation")
    }

    #[test]
    fn the_asked_type_is_kept_and_others_are_none() {
        let org = read(r#"{"node":{"id":"T3Jn","__typename":"Organisation","shortName":"KSM"}}"#);
        assert_eq!(
            org.0.and_then(|o| o.get("shortName").cloned()),
            Some("KSM".into())
        );
        assert_eq!(read(r#"{"node":{"__typename":"Contract"}}"#), NodeOf(None));
        assert_eq!(read(r#"{"node":null}"#), NodeOf(None));
        assert_eq!(read(r#"{"nodes":[]}"#), NodeOf(None));
    }
}
