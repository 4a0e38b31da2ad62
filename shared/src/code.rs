//! Closed sets of values with stable codes (`LANDKREIS`, `IN_FORCE`, ...) and German and
//! English labels, and the error for a code that names none of them.

use thiserror::Error;

/// A code that names no value of the set it was parsed as, e.g. `"LANDKRIES"` as an
/// organisation kind. Shared by every code enum of this crate.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown {what}: {value:?}")]
pub struct UnknownCode {
    what: &'static str,
    value: String,
}

impl UnknownCode {
    pub(crate) fn new(what: &'static str, value: &str) -> Self {
        Self {
            what,
            value: value.to_owned(),
        }
    }

    /// What the value was meant to be, e.g. `"organisation kind"`.
    #[must_use]
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The value as it was given.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// The parts every closed set of codes has, for an enum `$name` with these variants and
/// codes: `ALL` in the order given, `as_str` and a `FromStr` that accepts exactly those codes
/// and names the set as `$what` in its [`UnknownCode`]. `all` and `as_str` are the doc
/// comments of the first two, which say what the order and the codes are for.
///
/// [`code_enum!`] and the API's error codes declare their sets with it, so that a code is read
/// back as it is written in every one of them.
macro_rules! code_set {
    (
        $name:ident ($what:literal) { $($variant:ident = $code:literal),+ }
        all: $all:literal,
        as_str: $as_str:literal,
    ) => {
        impl $name {
            #[doc = $all]
            pub const ALL: [Self; [$($code),+].len()] = [$(Self::$variant),+];

            #[doc = $as_str]
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownCode;

            /// Accepts exactly the codes of [`Self::as_str`].
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(Self::$variant),)+
                    _ => Err($crate::UnknownCode::new($what, s)),
                }
            }
        }
    };
}

/// Declares a closed set of values, each with a stable `SCREAMING_SNAKE` code (used by the
/// database, the API and serde) and a German and an English label.
///
/// One macro keeps `ALL`, `as_str`, `FromStr`, `label` and the serde names from drifting apart
/// when a variant is added.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $code:literal, de: $de:literal, en: $en:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize,
        )]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        code_set! {
            $name($what) { $($variant = $code),+ }
            all: "Every value, in the order in which lists show them.",
            as_str: "The stable code, as stored and as sent over the API (and by serde).",
        }

        impl $name {
            /// The label shown to people, in the language asked for.
            #[must_use]
            pub const fn label(self, lang: $crate::Lang) -> &'static str {
                match self {
                    $(Self::$variant => match lang {
                        $crate::Lang::De => $de,
                        $crate::Lang::En => $en,
                    },)+
                }
            }
        }
    };
}
