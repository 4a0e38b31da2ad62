//! Names of organisations, contracts and services as people type them.

use serde::Deserialize;
use thiserror::Error;

/// Why a text is not a name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameError {
    /// Nothing but whitespace was given.
    #[error("a name must not be empty")]
    Empty,
    /// The name is longer than [`Name::MAX_CHARS`].
    #[error("a name has at most 200 characters, not {chars}")]
    TooLong {
        /// How many characters the trimmed name has.
        chars: usize,
    },
    /// The name contains a control character such as a line break or a tab.
    #[error("a name must not contain control characters such as {found:?}")]
    ControlCharacter {
        /// The first control character found.
        found: char,
    },
}

/// A name: trimmed, not empty, at most [`Name::MAX_CHARS`] characters, on one line and
/// without control characters, so it can be shown in a list, a table cell or a file name
/// prefix without surprises.
///
/// Serde writes the text and rejects on reading what [`Name::parse`] rejects.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct Name(String);

impl Name {
    /// The most characters (Unicode scalar values) a name may have.
    pub const MAX_CHARS: usize = 200;

    /// Reads a name, removing whitespace around it.
    ///
    /// # Errors
    ///
    /// [`NameError`] if nothing but whitespace is left, the name is too long or it contains
    /// a control character.
    pub fn parse(text: &str) -> Result<Self, NameError> {
        let name = text.trim();
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        let chars = name.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(NameError::TooLong { chars });
        }
        if let Some(found) = name.chars().find(|c| c.is_control()) {
            return Err(NameError::ControlCharacter { found });
        }
        Ok(Self(name.to_owned()))
    }

    /// The name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

checked_text!(Name, NameError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed() {
        let name = Name::parse("  Amt Parchimer Umland \n").unwrap();
        assert_eq!(name.as_str(), "Amt Parchimer Umland");
        assert_eq!(name.to_string(), "Amt Parchimer Umland");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(Name::parse(&"ü".repeat(200)).is_ok());
        assert_eq!(
            Name::parse(&"ü".repeat(201)),
            Err(NameError::TooLong { chars: 201 })
        );
        assert!(Name::parse(&format!("  {}  ", "a".repeat(200))).is_ok());
    }

    #[test]
    fn bad_names_are_rejected() {
        assert_eq!(Name::parse(""), Err(NameError::Empty));
        assert_eq!(Name::parse(" \t\n "), Err(NameError::Empty));
        assert_eq!(
            Name::parse("Stadt\nGrabow"),
            Err(NameError::ControlCharacter { found: '\n' })
        );
        assert_eq!(
            Name::parse("Stadt\tGrabow"),
            Err(NameError::ControlCharacter { found: '\t' })
        );
        assert_eq!(
            Name::parse("Zoo\u{7f}"),
            Err(NameError::ControlCharacter { found: '\u{7f}' })
        );
        assert_eq!(
            NameError::ControlCharacter { found: '\n' }.to_string(),
            r"a name must not contain control characters such as '\n'"
        );
    }

    #[test]
    fn serde_validates() {
        let name = Name::parse("Landeshauptstadt Schwerin").unwrap();
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, r#""Landeshauptstadt Schwerin""#);
        assert_eq!(serde_json::from_str::<Name>(&json).unwrap(), name);
        assert!(serde_json::from_str::<Name>(r#""  ""#).is_err());
        assert_eq!(
            serde_json::from_str::<Name>(r#"" Lübz ""#)
                .unwrap()
                .as_str(),
            "Lübz"
        );
    }
}
