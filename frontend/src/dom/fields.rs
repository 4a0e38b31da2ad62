//! A form's inputs as the pages describe them ([`Field`]), and what they hold when the form
//! is sent ([`Values`]), read and checked field by field.

use serde_json::Value;

use crate::i18n::Texts;

pub use verbund_shared::validate::Check;
use verbund_shared::validate::FieldError;

/// Adds the problems a domain draft's own check found (the check the server runs too):
/// `draft.check().err()`.
pub fn drafted(check: &mut Check, errors: Option<Vec<FieldError>>) {
    for error in errors.unwrap_or_default() {
        check.fail(&error.field, error.message);
    }
}

/// One input of a [`form`]: its name in the API, label, type (`text`, `date`, `number`,
/// `password`, `checkbox`, `select`, `textarea`, `combo`), first value and, for `select`, the
/// options (for `combo`, the one record it holds, and what it asks for).
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
    /// The legend of the fieldset it sits in (none when empty); neighbours with the same
    /// legend share one.
    pub group: &'static str,
    /// What a `combo` asks the API for.
    pub asking: Option<super::Asking>,
}

impl Field {
    /// This input inside the fieldset `legend`.
    #[must_use]
    pub fn within(self, legend: &'static str) -> Self {
        Self {
            group: legend,
            ..self
        }
    }
}

/// An input of `kind`.
pub fn field(name: &'static str, label: &'static str, kind: &'static str, value: &str) -> Field {
    Field {
        name,
        label,
        kind,
        value: value.to_owned(),
        options: Vec::new(),
        group: "",
        asking: None,
    }
}

/// A choice of `options` (code, label).
pub fn choice(
    name: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(&'static str, &'static str)>,
) -> Field {
    let options = options
        .into_iter()
        .map(|(code, label)| (code.to_owned(), label.to_owned()))
        .collect();
    pick(name, label, value, options)
}

/// A choice of `options` read from an answer (records by ID and name).
pub fn pick(
    name: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(String, String)>,
) -> Field {
    Field {
        options,
        ..field(name, label, "select", value)
    }
}

/// A choice of one of the register's records, offered as its name is typed (see
/// [`super::combo`]); `held` is the record chosen now (ID and name; empty: none).
pub fn search(
    name: &'static str,
    label: &'static str,
    asking: super::Asking,
    held: (String, String),
) -> Field {
    Field {
        asking: Some(asking),
        options: vec![held.clone()],
        ..field(name, label, "combo", &held.0)
    }
}

/// What a form holds when it is sent, and the language its problems are told in.
#[derive(Debug)]
pub struct Values {
    pub(super) pairs: Vec<(&'static str, String)>,
    pub(super) t: &'static Texts,
}

impl Values {
    /// The texts of the form's language, for the problems a page's own checks find.
    pub fn t(&self) -> &'static Texts {
        self.t
    }

    /// The text of `name`, trimmed (`"true"`/`"false"` for a checkbox).
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// The text of `name`, or null when it is empty.
    pub fn opt(&self, name: &str) -> Value {
        match self.get(name) {
            "" => Value::Null,
            text => Value::String(text.to_owned()),
        }
    }

    /// The day in `name`, if any; a malformed one is reported.
    pub fn date(&self, check: &mut Check, name: &str) -> Option<chrono::NaiveDate> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let day = crate::format::parse_iso(text);
        if day.is_none() {
            check.fail(name, self.t.check_day);
        }
        day
    }

    /// The day in `name`, which must be given.
    pub fn required_date(&self, check: &mut Check, name: &str) -> Option<chrono::NaiveDate> {
        if self.get(name).is_empty() {
            check.fail(name, self.t.check_day_missing);
        }
        self.date(check, name)
    }

    /// The whole number in `name`, if any; anything else is reported.
    pub fn number(&self, check: &mut Check, name: &str) -> Option<i32> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let n = text.parse().ok();
        if n.is_none() {
            check.fail(name, self.t.check_number);
        }
        n
    }
}
