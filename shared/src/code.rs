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

        impl $name {
            /// Every value, in the order in which lists show them.
            pub const ALL: [Self; [$($code),+].len()] = [$(Self::$variant),+];

            /// The stable code, as stored and as sent over the API (and by serde).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

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
