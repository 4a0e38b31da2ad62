//! Checking what people type into a form, field by field. The server and the browser app run
//! the same checks, so a message seen next to an input is the one the server would send.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::keys::OfficialKey;
use crate::name::Name;
use crate::period::Period;
use crate::said::{day, say};

/// One input that cannot be taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The input field, as named in the API (`name`, `officialKey`, `leftOn`, ...).
    pub field: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// Collects the problems of one form. Each check returns the parsed value when the input is
/// fine, so a form reads its values and its errors in one pass.
#[derive(Debug, Default)]
pub struct Check {
    errors: Vec<FieldError>,
}

/// The fewest characters a password may have.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The most characters a password may have (hashing is costly; this bounds it).
pub const PASSWORD_MAX_CHARS: usize = 256;
pub use crate::text::{LINE_MAX_CHARS, TEXT_MAX_CHARS};

/// The fields of a contract's terms as the API names them ([`Check::terms`]).
const TERM_FIELDS: [&str; 7] = [
    "effectiveFrom",
    "initialTermMonths",
    "initialTermUntil",
    "renewal",
    "renewalMonths",
    "noticeMonths",
    "noticeTo",
];

impl Check {
    /// A new, empty check.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// A required name.
    pub fn name(&mut self, field: &str, text: &str) -> Option<Name> {
        Name::parse(text)
            .map_err(|err| self.fail(field, err.said()))
            .ok()
    }

    /// An optional name: empty text is `None`.
    pub fn optional_name(&mut self, field: &str, text: Option<&str>) -> Option<Name> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => self.name(field, text),
            None => None,
        }
    }

    /// A required name of at most `max` characters, for a name kept narrower than others
    /// (see the table in [`crate::text`]).
    pub fn short_name(&mut self, field: &str, text: &str, max: usize) -> Option<Name> {
        let name = self.name(field, text)?;
        self.at_most(field, name, max)
    }

    /// An optional name of at most `max` characters: empty text is `None`.
    pub fn optional_short_name(
        &mut self,
        field: &str,
        text: Option<&str>,
        max: usize,
    ) -> Option<Name> {
        let name = self.optional_name(field, text)?;
        self.at_most(field, name, max)
    }

    fn at_most(&mut self, field: &str, name: Name, max: usize) -> Option<Name> {
        let chars = name.as_str().chars().count();
        if chars > max {
            self.fail(
                field,
                say(
                    format!("at most {max} characters, not {chars}"),
                    format!("höchstens {max} Zeichen, nicht {chars}"),
                ),
            );
            return None;
        }
        Some(name)
    }

    /// An optional official key: empty text is `None`.
    pub fn official_key(&mut self, field: &str, text: Option<&str>) -> Option<OfficialKey> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => OfficialKey::parse(text)
                .map_err(|err| self.fail(field, err.said()))
                .ok(),
            None => None,
        }
    }

    /// An optional multi-line text (a note, a description) of at most [`TEXT_MAX_CHARS`],
    /// without control characters but line breaks and tabs; empty text is `None`.
    pub fn text(&mut self, field: &str, text: Option<&str>) -> Option<String> {
        self.bounded(field, text, TEXT_MAX_CHARS, true)
    }

    /// An optional one-line text (an address) of at most [`LINE_MAX_CHARS`], without control
    /// characters; empty text is `None`.
    pub fn line(&mut self, field: &str, text: Option<&str>) -> Option<String> {
        self.bounded(field, text, LINE_MAX_CHARS, false)
    }

    fn bounded(
        &mut self,
        field: &str,
        text: Option<&str>,
        max: usize,
        multi_line: bool,
    ) -> Option<String> {
        let text = text.map(str::trim).filter(|t| !t.is_empty())?;
        if let Some(message) = crate::text::problem(text, max, multi_line) {
            self.fail(field, message);
            return None;
        }
        Some(text.to_owned())
    }

    /// A period from `from` to an optional `until`; a problem is reported on `until_field`.
    pub fn period(
        &mut self,
        until_field: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Option<Period> {
        Period::new(from, until)
            .map_err(|err| self.fail(until_field, err.said()))
            .ok()
    }

    /// A day that must not lie before `earliest` (e.g. a notice before signing), which is
    /// named by `what` in English and German.
    pub fn not_before(
        &mut self,
        field: &str,
        date: NaiveDate,
        earliest: NaiveDate,
        (en, de): (&str, &str),
    ) {
        if date < earliest {
            let (date, earliest) = (day(date), day(earliest));
            self.fail(
                field,
                say(
                    format!("{date} lies before {en} ({earliest})"),
                    format!("{date} liegt vor {de} ({earliest})"),
                ),
            );
        }
    }

    /// `must not be negative, not {value}` in the spoken language.
    fn negative(&mut self, field: &str, value: impl core::fmt::Display) {
        self.fail(
            field,
            say(
                format!("must not be negative, not {value}"),
                format!("darf nicht negativ sein, nicht {value}"),
            ),
        );
    }

    /// A count that cannot be negative (workstations, users, seats).
    pub fn count(&mut self, field: &str, value: Option<i64>) -> Option<i64> {
        match value {
            Some(v) if v < 0 => {
                self.negative(field, v);
                None
            }
            other => other,
        }
    }

    /// A new password: [`PASSWORD_MIN_CHARS`] to [`PASSWORD_MAX_CHARS`] characters, not only
    /// whitespace.
    pub fn password(&mut self, field: &str, password: &str) {
        let chars = password.chars().count();
        if password.trim().is_empty() || chars < PASSWORD_MIN_CHARS {
            self.fail(
                field,
                say(
                    format!("a password has at least {PASSWORD_MIN_CHARS} characters"),
                    format!("ein Passwort hat mindestens {PASSWORD_MIN_CHARS} Zeichen"),
                ),
            );
        } else if chars > PASSWORD_MAX_CHARS {
            self.fail(
                field,
                say(
                    format!("a password has at most {PASSWORD_MAX_CHARS} characters"),
                    format!("ein Passwort hat höchstens {PASSWORD_MAX_CHARS} Zeichen"),
                ),
            );
        }
    }

    /// Whether nothing has failed so far.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems found, if any.
    ///
    /// # Errors
    ///
    /// Every [`FieldError`] recorded, in the order found.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

mod contract;
/// A search text as `field` gives it: trimmed, `None` when empty.
///
/// # Errors
///
/// More than [`SEARCH_MAX_CHARS`](crate::text::SEARCH_MAX_CHARS) characters or a control character.
pub fn search(field: &str, text: Option<String>) -> Result<Option<String>, FieldError> {
    let Some(text) = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match crate::text::problem(&text, crate::text::SEARCH_MAX_CHARS, false) {
        Some(message) => Err(FieldError {
            field: field.to_owned(),
            message,
        }),
        None => Ok(Some(text)),
    }
}

/// A filter list as `field` gives it: empty when absent.
///
/// # Errors
///
/// More than [`FILTER_MAX_ITEMS`](crate::text::FILTER_MAX_ITEMS) values.
pub fn filter_list<T>(field: &str, values: Option<Vec<T>>) -> Result<Vec<T>, FieldError> {
    let values = values.unwrap_or_default();
    if values.len() > crate::text::FILTER_MAX_ITEMS {
        return Err(FieldError {
            field: field.to_owned(),
            message: format!(
                "at most {} values, not {}",
                crate::text::FILTER_MAX_ITEMS,
                values.len()
            ),
        });
    }
    Ok(values)
}

#[cfg(test)]
mod tests;
