//! Reading typed data out of a parsed JSON tree with as little code as serde allows.
//!
//! The generated response types (~70 of them) each get their own decoding code for every
//! deserializer they meet, so the deserializer decides much of the wasm's size. This one
//! reads a `serde_json::Value` and differs from serde_json's own in two ways that matter:
//! it reads structs only from objects (serde_json also accepts arrays, which pulls in a
//! second, never used decoder per type), and its error carries no message (building
//! messages pulls in formatting code for every type and for floats). A response that does
//! not fit its type is a bug or a version mismatch either way; the client reports it as
//! such without details.

use core::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
    value::BorrowedStrDeserializer,
};
use serde_json::{Map, Value};

/// The data did not have the expected shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the data does not have the expected shape")
    }
}

impl std::error::Error for Mismatch {}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Self
    }
}

/// A JSON value to decode from.
#[derive(Debug, Clone, Copy)]
pub struct Tree<'a>(pub &'a Value);

impl<'de> Deserializer<'de> for Tree<'de> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => visitor.visit_i64(i),
                (None, Some(u)) => visitor.visit_u64(u),
                (None, None) => visitor.visit_f64(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(map) => visitor.visit_map(Fields::new(map)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Fields::new(map)),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    /// Enums arrive as their code (`"IN_FORCE"`); only unit variants exist in the schema.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct newtype_struct tuple tuple_struct identifier
    }
}

/// The fields of an object, in the tree's order.
struct Fields<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'a> Fields<'a> {
    fn new(map: &'a Map<String, Value>) -> Self {
        Self {
            iter: map.iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        match self.value.take() {
            Some(value) => seed.deserialize(Tree(value)),
            None => Err(Mismatch),
        }
    }
}

/// The items of an array.
struct Items<'a>(core::slice::Iter<'a, Value>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mismatch> {
        match self.0.next() {
            Some(value) => seed.deserialize(Tree(value)).map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use verbund_shared::contract::ContractStatus;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Contract {
        title: String,
        number: Option<String>,
        status: ContractStatus,
        renewal_months: Option<i64>,
        parties: Vec<Party>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Party {
        role: Option<String>,
    }

    fn decode<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, Mismatch> {
        let tree: Value = serde_json::from_str(json).unwrap();
        T::deserialize(Tree(&tree))
    }

    #[test]
    fn objects_lists_options_and_enums_decode() {
        let contract = decode::<Contract>(
            r#"{"title":"Beitritt","number":null,"status":"IN_FORCE","renewalMonths":12,
                "parties":[{"role":"MEMBER"},{"role":null}],"unknown":[1,2.5,{"x":true}]}"#,
        );
        assert_eq!(
            contract,
            Ok(Contract {
                title: "Beitritt".into(),
                number: None,
                status: ContractStatus::InForce,
                renewal_months: Some(12),
                parties: vec![
                    Party {
                        role: Some("MEMBER".into())
                    },
                    Party { role: None }
                ],
            })
        );
    }

    #[test]
    fn wrong_shapes_are_mismatches() {
        assert_eq!(decode::<Party>(r#"[null]"#), Err(Mismatch));
        assert_eq!(decode::<Contract>(r#"{"title":"x"}"#), Err(Mismatch));
        assert_eq!(decode::<ContractStatus>(r#""ACTIVE""#), Err(Mismatch));
        assert_eq!(decode::<i64>(r#""12""#), Err(Mismatch));
    }
}
