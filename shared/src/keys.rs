//! Official German area keys: Kreisschlüssel, Amtlicher Gemeindeschlüssel (AGS) and
//! Regionalschlüssel.

use serde::Deserialize;
use thiserror::Error;

code_enum! {
    /// Which official key a value is; its number of digits decides.
    pub enum KeyKind("official key kind") {
        /// Kreisschlüssel of a district or a district-free city: 5 digits.
        Kreisschluessel = "KREISSCHLUESSEL", de: "Kreisschlüssel", en: "District key";
        /// Amtlicher Gemeindeschlüssel of a municipality: 8 digits.
        Ags = "AGS", de: "Amtlicher Gemeindeschlüssel",
            en: "Official municipality key (AGS)";
        /// Regionalschlüssel, which also names the Amt or Verband: 12 digits.
        Regionalschluessel = "REGIONALSCHLUESSEL", de: "Regionalschlüssel",
            en: "Regional key";
    }
}

impl KeyKind {
    /// How many digits a key of this kind has.
    #[must_use]
    pub const fn digits(self) -> usize {
        match self {
            Self::Kreisschluessel => 5,
            Self::Ags => 8,
            Self::Regionalschluessel => 12,
        }
    }

    const fn from_digits(len: usize) -> Option<Self> {
        match len {
            5 => Some(Self::Kreisschluessel),
            8 => Some(Self::Ags),
            12 => Some(Self::Regionalschluessel),
            _ => None,
        }
    }
}

/// Why a text is not an official key.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    /// Nothing but whitespace was given.
    #[error("an official key must not be empty")]
    Empty,
    /// Something other than an ASCII digit was found.
    #[error("an official key consists of the digits 0 to 9 only, but contains {found:?}")]
    NotADigit {
        /// The first character that is not a digit.
        found: char,
    },
    /// The number of digits fits no kind of key.
    #[error(
        "an official key has 5 digits (Kreisschlüssel), 8 (Amtlicher Gemeindeschlüssel) \
         or 12 (Regionalschlüssel), not {digits}"
    )]
    Length {
        /// How many digits were given.
        digits: usize,
    },
    /// The first two digits name no Land.
    #[error("an official key starts with the code of a Land (01 to 16), not {land}")]
    UnknownLand {
        /// The first two digits as given.
        land: String,
    },
}

/// A Kreisschlüssel (5 digits), Amtlicher Gemeindeschlüssel (8) or Regionalschlüssel (12)
/// whose first two digits name a Land (01 Schleswig-Holstein to 16 Thüringen).
///
/// The keys do not say whether the area exists; only the form is checked. Serde reads and
/// writes the digits as a string and rejects what [`OfficialKey::parse`] rejects.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct OfficialKey(String);

impl OfficialKey {
    /// Reads a key, ignoring whitespace around it. The number of digits decides the kind.
    ///
    /// # Errors
    ///
    /// [`KeyError`] if the text is empty, holds anything but ASCII digits, has a length of
    /// no key, or does not start with a Land code.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let digits = text.trim();
        if digits.is_empty() {
            return Err(KeyError::Empty);
        }
        if let Some(found) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(KeyError::NotADigit { found });
        }
        if KeyKind::from_digits(digits.len()).is_none() {
            return Err(KeyError::Length {
                digits: digits.len(),
            });
        }
        let land = &digits[..2];
        if !matches!(land.parse::<u8>(), Ok(1..=16)) {
            return Err(KeyError::UnknownLand {
                land: land.to_owned(),
            });
        }
        Ok(Self(digits.to_owned()))
    }

    /// Which kind of key this is.
    #[must_use]
    pub fn kind(&self) -> KeyKind {
        // A parsed key always has one of the three lengths; the fallback is never taken.
        KeyKind::from_digits(self.0.len()).unwrap_or(KeyKind::Regionalschluessel)
    }

    /// The digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Land code, 1 to 16.
    #[must_use]
    pub fn land(&self) -> u8 {
        self.0
            .bytes()
            .take(2)
            .fold(0, |acc, digit| acc * 10 + (digit - b'0'))
    }

    /// The Kreisschlüssel of the district the area lies in (the first five digits of every
    /// kind of key); for a Kreisschlüssel, the key itself.
    #[must_use]
    pub fn kreisschluessel(&self) -> Self {
        Self(self.0[..KeyKind::Kreisschluessel.digits()].to_owned())
    }
}

checked_text!(OfficialKey, KeyError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_decides_the_kind() {
        let cases = [
            ("13076", KeyKind::Kreisschluessel),
            ("13004000", KeyKind::Ags),
            ("13076090", KeyKind::Ags),
            ("130765460090", KeyKind::Regionalschluessel),
            (" 01001000\n", KeyKind::Ags),
            ("16077", KeyKind::Kreisschluessel),
        ];
        for (text, kind) in cases {
            let key = OfficialKey::parse(text).unwrap();
            assert_eq!(key.kind(), kind, "{text}");
            assert_eq!(key.as_str(), text.trim());
            assert_eq!(key.as_str().len(), kind.digits());
        }
    }

    #[test]
    fn bad_keys_are_rejected_with_the_reason() {
        let cases = [
            ("", KeyError::Empty),
            ("   ", KeyError::Empty),
            ("13 076", KeyError::NotADigit { found: ' ' }),
            ("1307a", KeyError::NotADigit { found: 'a' }),
            ("-1307", KeyError::NotADigit { found: '-' }),
            ("13٠٧٦", KeyError::NotADigit { found: '٠' }),
            ("1307", KeyError::Length { digits: 4 }),
            ("130760", KeyError::Length { digits: 6 }),
            ("1307609000000", KeyError::Length { digits: 13 }),
            ("00076", KeyError::UnknownLand { land: "00".into() }),
            ("17076090", KeyError::UnknownLand { land: "17".into() }),
            ("99076", KeyError::UnknownLand { land: "99".into() }),
        ];
        for (text, error) in cases {
            assert_eq!(OfficialKey::parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn land_and_district_are_read_from_the_digits() {
        let ludwigslust = OfficialKey::parse("13076090").unwrap();
        assert_eq!(ludwigslust.land(), 13);
        assert_eq!(ludwigslust.kreisschluessel().as_str(), "13076");
        assert_eq!(OfficialKey::parse("01001").unwrap().land(), 1);
    }

    #[test]
    fn serde_writes_the_digits_and_validates_on_reading() {
        let key = OfficialKey::parse("13004000").unwrap();
        assert_eq!(serde_json::to_string(&key).unwrap(), r#""13004000""#);
        assert_eq!(
            serde_json::from_str::<OfficialKey>(r#""13004000""#).unwrap(),
            key
        );
        let err = serde_json::from_str::<OfficialKey>(r#""1300400""#).unwrap_err();
        assert!(err.to_string().contains("not 7"), "{err}");
        assert!(serde_json::from_str::<OfficialKey>("13004000").is_err());
    }

    #[test]
    fn messages_explain_the_problem() {
        assert_eq!(
            KeyError::UnknownLand { land: "17".into() }.to_string(),
            "an official key starts with the code of a Land (01 to 16), not 17"
        );
        assert_eq!(
            KeyError::NotADigit { found: 'x' }.to_string(),
            "an official key consists of the digits 0 to 9 only, but contains 'x'"
        );
    }
}
