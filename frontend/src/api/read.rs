//! Reading answers. Pages take what they show straight from the parsed JSON tree: typed
//! response structs would each bring their own decoding code into the wasm (per struct, per
//! field), and that code was the largest part the app itself added. The documents stay
//! checked against the schema at compile time (see [`super::ops`]); a field missing from an
//! answer reads as absent, which the pages show as "not recorded".

use std::str::FromStr;

use serde_json::{Map, Value};
use verbund_shared::{
    Lang,
    access::Role,
    contract::{
        ContractKind, ContractStatus, DeadlineKind, DeadlineState, NoticeTo, Outcome, ReminderState,
    },
    org::{OrganisationKind, ParentLink},
    service::ServiceCategory,
};

/// The fields of a JSON object, read by their names in the schema.
pub trait Read {
    /// The text of `key`; empty when it is absent or null.
    fn str(&self, key: &str) -> &str;
    /// The text of `key` as an owned string.
    fn text(&self, key: &str) -> String {
        self.str(key).to_owned()
    }
    /// The text of `key`, or `None` when it is absent or null.
    fn opt(&self, key: &str) -> Option<String>;
    /// The whole number of `key`, if any.
    fn int(&self, key: &str) -> Option<i64>;
    /// Whether `key` is `true`.
    fn flag(&self, key: &str) -> bool;
    /// The items of the list `key`; none when it is absent.
    fn list(&self, key: &str) -> &[Value];
    /// The object `key`, if it is one (not null).
    fn obj(&self, key: &str) -> Option<&Value>;
    /// The code of `key` as one of the domain crate's enums.
    fn code<T: FromStr>(&self, key: &str) -> Option<T> {
        self.str(key).parse().ok()
    }
    /// The label of the code of `key` in `lang`; empty for an unknown code.
    fn label<T: Coded>(&self, key: &str, lang: Lang) -> &'static str {
        self.code::<T>(key).map_or("", |code| code.label_in(lang))
    }
}

impl Read for Value {
    fn str(&self, key: &str) -> &str {
        self.get(key).and_then(Value::as_str).unwrap_or_default()
    }

    fn opt(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Value::as_str).map(str::to_owned)
    }

    fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Value::as_i64)
    }

    fn flag(&self, key: &str) -> bool {
        self.get(key).and_then(Value::as_bool).unwrap_or(false)
    }

    fn list(&self, key: &str) -> &[Value] {
        self.get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    fn obj(&self, key: &str) -> Option<&Value> {
        self.get(key).filter(|v| v.is_object())
    }
}

/// The domain crate's enums that answers carry as codes.
pub trait Coded: FromStr + Copy + 'static {
    /// Every value, in the order lists show them.
    const ALL: &'static [Self];
    /// The code as the API sends it.
    fn code(self) -> &'static str;
    /// The name people read.
    fn label_in(self, lang: Lang) -> &'static str;
}

macro_rules! coded {
    ($($name:ty),*) => {
        $(impl Coded for $name {
            const ALL: &'static [Self] = &<$name>::ALL;

            fn code(self) -> &'static str {
                self.as_str()
            }

            fn label_in(self, lang: Lang) -> &'static str {
                self.label(lang)
            }
        })*
    };
}

coded!(
    OrganisationKind,
    ParentLink,
    ContractKind,
    ContractStatus,
    NoticeTo,
    ServiceCategory,
    Role,
    DeadlineKind,
    DeadlineState,
    Outcome,
    ReminderState
);

/// Every value of `T` as a choice of a select: its code and its label in `lang`.
pub fn choices<T: Coded>(lang: Lang) -> Vec<(&'static str, &'static str)> {
    T::ALL
        .iter()
        .map(|v| (v.code(), v.label_in(lang)))
        .collect()
}

/// Parses JSON text. In the browser its own `JSON.parse` reads it and the tree is copied
/// over, which spares the wasm serde_json's parser; elsewhere (the host tests) serde_json
/// reads it. The API sends no fractions (decimals travel as text), so numbers are integers.
pub fn parse(text: &str) -> Option<Value> {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JSON::parse(text).ok().map(|tree| from_js(&tree))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).ok()
    }
}

#[cfg(target_arch = "wasm32")]
fn from_js(value: &wasm_bindgen::JsValue) -> Value {
    use wasm_bindgen::JsCast;

    if let Some(text) = value.as_string() {
        Value::String(text)
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        // Whole numbers within i64; anything else is not what the API sends.
        #[allow(clippy::cast_possible_truncation)]
        let whole = n as i64;
        #[allow(clippy::cast_precision_loss)]
        if whole as f64 == n {
            Value::from(whole)
        } else {
            Value::Null
        }
    } else if let Some(items) = value.dyn_ref::<js_sys::Array>() {
        Value::Array(items.iter().map(|item| from_js(&item)).collect())
    } else if value.is_object() {
        let mut map = Map::new();
        for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let Some(key) = pair.get(0).as_string() {
                map.insert(key, from_js(&pair.get(1)));
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    }
}

/// A JSON object of `pairs`. Built by hand rather than with `json!`, whose serializer would
/// add code of its own for every type it meets.
pub fn obj(pairs: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// A JSON object of those `pairs` that are not null: a filter leaves out what is not asked.
pub fn given(pairs: Vec<(&str, Value)>) -> Value {
    obj(pairs.into_iter().filter(|(_, v)| !v.is_null()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_as_their_types_or_as_absent() {
        let c: Value = serde_json::from_str(
            r#"{"title":"Beitritt","number":null,"status":"IN_FORCE","renewalMonths":12,
                "founding":true,"parties":[{"role":"MEMBER"}],"source":null,"kind":"NEW"}"#,
        )
        .unwrap();
        assert_eq!(c.str("title"), "Beitritt");
        assert_eq!(c.opt("number"), None);
        assert_eq!(c.text("missing"), "");
        assert_eq!(c.int("renewalMonths"), Some(12));
        assert_eq!(c.int("title"), None);
        assert!(c.flag("founding"));
        assert!(!c.flag("title"));
        assert_eq!(c.list("parties").len(), 1);
        assert!(c.list("number").is_empty());
        assert!(c.obj("source").is_none());
        assert_eq!(
            c.code::<ContractStatus>("status"),
            Some(ContractStatus::InForce)
        );
        assert_eq!(c.label::<ContractStatus>("status", Lang::De), "In Kraft");
        assert_eq!(c.label::<ContractKind>("kind", Lang::De), "");
    }

    #[test]
    fn filters_leave_out_what_is_not_asked() {
        let filter = given(vec![
            ("search", Value::Null),
            ("kind", Value::from(vec!["AMT"])),
        ]);
        assert_eq!(filter.to_string(), r#"{"kind":["AMT"]}"#);
    }
}
