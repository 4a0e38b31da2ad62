//! Opaque global IDs (Relay): the type name and the row id, base64url-encoded, so clients
//! never build IDs themselves and the encoding can change without breaking them.

use async_graphql::ID;

use crate::error::{ApiError, ApiResult};
use crate::register::Named;
pub use crate::register::RecordType as NodeType;

/// The record types that have a global ID (parties and registered operations have none).
const NODES: [NodeType; 10] = [
    NodeType::Organisation,
    NodeType::Membership,
    NodeType::Contract,
    NodeType::Service,
    NodeType::Coverage,
    NodeType::Person,
    NodeType::KeyFigure,
    NodeType::Source,
    NodeType::User,
    NodeType::ApiToken,
];

/// Encodes the global ID of a record.
pub fn encode(node: NodeType, id: i32) -> ID {
    ID(node.global_id(id))
}

/// Decodes any global ID of a record type that has one (see `Named::parse_global_id`, which
/// the import reads IDs with too); `field` names the argument in the error.
pub fn decode(id: &ID, field: &str) -> ApiResult<(NodeType, i32)> {
    NodeType::parse_global_id(id.as_str())
        .filter(|(node, _)| NODES.contains(node))
        .ok_or_else(|| ApiError::bad_input(field, format!("`{}` is not a valid ID.", id.as_str())))
}

/// Decodes a global ID that must name a record of one type.
pub fn decode_as(id: &ID, expected: NodeType, field: &str) -> ApiResult<i32> {
    match decode(id, field)? {
        (node, raw) if node == expected => Ok(raw),
        _ => Err(ApiError::bad_input(
            field,
            format!(
                "`{}` is not the ID of a {}.",
                id.as_str(),
                expected.as_str()
            ),
        )),
    }
}

/// Decodes an optional global ID of one type.
pub fn decode_opt(id: Option<&ID>, expected: NodeType, field: &str) -> ApiResult<Option<i32>> {
    id.map(|id| decode_as(id, expected, field)).transpose()
}

#[cfg(test)]
mod tests {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

    use super::*;

    #[test]
    fn round_trip() {
        let id = encode(NodeType::Contract, 42);
        assert_eq!(decode(&id, "id").unwrap(), (NodeType::Contract, 42));
        assert_eq!(decode_as(&id, NodeType::Contract, "id").unwrap(), 42);
    }

    #[test]
    fn rejects_foreign_and_garbage_ids() {
        let id = encode(NodeType::Contract, 42);
        assert!(decode_as(&id, NodeType::Service, "id").is_err());
        assert!(decode(&ID("nonsense!".into()), "id").is_err());
        let unknown = ID(URL_SAFE_NO_PAD.encode("Planet:1"));
        assert!(decode(&unknown, "id").is_err());
        let party = ID(URL_SAFE_NO_PAD.encode("ContractParty:1"));
        assert!(decode(&party, "id").is_err(), "parties have no global ID");
        for never_given in ["Contract:0", "Contract:-3", "Contract:", "Contract:1x"] {
            let id = ID(URL_SAFE_NO_PAD.encode(never_given));
            assert!(decode(&id, "id").is_err(), "{never_given}");
        }
    }

    #[test]
    fn reads_an_id_with_base64_padding_as_the_import_does() {
        let padded = ID(base64::engine::general_purpose::URL_SAFE.encode("Contract:1"));
        assert!(padded.as_str().ends_with('='), "{}", padded.as_str());
        assert_eq!(decode(&padded, "id").unwrap(), (NodeType::Contract, 1));
    }
}
