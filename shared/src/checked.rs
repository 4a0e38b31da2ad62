//! What every checked text value of this crate (a name, an official key) does with its text,
//! written once so that the values cannot drift apart.

/// Implements for `$name`, a text whose one field is the `String` that `$name::parse` checked
/// (failing with `$error`), what every such value offers: `Display` and `AsRef<str>` give the
/// text, `FromStr` and `TryFrom<String>` check a text with `parse`, `String::from` hands the
/// text back, and serde writes it as the text. Serde reads it through `TryFrom` only where the
/// type says so: `#[derive(Deserialize)] #[serde(try_from = "String")]` on its declaration.
macro_rules! checked_text {
    ($name:ident, $error:ty) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    };
}
