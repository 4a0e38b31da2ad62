//! Reading answers: the error codes of a GraphQL response, the nodes of a connection, a
//! header, and the assertions many tests make on them.

use serde_json::Value;

/// The `extensions.code` of each error in a response body; panics when it has no errors.
pub fn codes(body: &Value) -> Vec<String> {
    let errors = body["errors"]
        .as_array()
        .filter(|errors| !errors.is_empty())
        .unwrap_or_else(|| panic!("expected errors, got {body:#}"));
    errors
        .iter()
        .map(|error| {
            error["extensions"]["code"]
                .as_str()
                .unwrap_or("<no code>")
                .to_owned()
        })
        .collect()
}

/// Asserts that a response failed with exactly one `BAD_USER_INPUT` on one of `fields` and no
/// data.
pub fn assert_bad_input(body: &Value, fields: &[&str]) {
    assert_eq!(codes(body), ["BAD_USER_INPUT"], "{body:#}");
    let field = body["errors"][0]["extensions"]["field"].as_str();
    assert!(
        field.is_some_and(|field| fields.contains(&field)),
        "expected the error on one of {fields:?}: {body:#}"
    );
    assert_eq!(body["data"], Value::Null, "no data expected: {body:#}");
}

/// The `nodes` of a connection.
pub fn nodes(connection: &Value) -> &[Value] {
    connection["nodes"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("not a connection with nodes: {connection:#}"))
}

/// The `name` of each node of a connection, in order.
pub fn names(connection: &Value) -> Vec<String> {
    texts(connection, "name")
}

/// The text `field` of each node of a connection, in order.
pub fn texts(connection: &Value, field: &str) -> Vec<String> {
    nodes(connection)
        .iter()
        .map(|node| {
            node[field]
                .as_str()
                .unwrap_or_else(|| panic!("node without a text {field}: {node}"))
                .to_owned()
        })
        .collect()
}

/// Asserts that two answers to the same list, asked two ways, have as many objects and that
/// each pair agrees on `fields`.
pub fn assert_same_fields(one: &[Value], other: &[Value], fields: &[&str]) {
    assert_eq!(one.len(), other.len());
    for (a, b) in one.iter().zip(other) {
        for field in fields {
            assert_eq!(a[*field], b[*field], "{field}: {a} / {b}");
        }
    }
}

/// The value of the header `name` of a response, when it has one in visible ASCII.
pub fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}
