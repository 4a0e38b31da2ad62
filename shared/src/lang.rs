//! The languages of the user interface: German first, English second.

use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::UnknownCode;

/// A language in which labels are shown. German is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German (`de`).
    #[default]
    De,
    /// English (`en`).
    En,
}

impl Lang {
    /// Every language, German first.
    pub const ALL: [Self; 2] = [Self::De, Self::En];

    /// The ISO 639-1 code: `de` or `en` (also the serde form).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownCode;

    /// Accepts exactly `de` and `en`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "de" => Ok(Self::De),
            "en" => Ok(Self::En),
            _ => Err(UnknownCode::new("language", s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_is_the_default_and_codes_round_trip() {
        assert_eq!(Lang::default(), Lang::De);
        for lang in Lang::ALL {
            assert_eq!(lang.as_str().parse::<Lang>(), Ok(lang));
        }
        let err = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(err.to_string(), r#"unknown language: "fr""#);
    }
}
