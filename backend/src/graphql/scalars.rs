//! The `Date` scalar: a calendar date as `YYYY-MM-DD`, with a clear error for anything else.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

/// A calendar date without time or zone, written `YYYY-MM-DD` (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A calendar date without time or zone, written `YYYY-MM-DD` (ISO 8601).
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| {
                    InputValueError::custom(format!(
                        "`{text}` is not a date; expected YYYY-MM-DD, e.g. 2019-01-01."
                    ))
                }),
            _ => Err(InputValueError::custom(
                "A date must be a string written YYYY-MM-DD, e.g. 2019-01-01.",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Self(date)
    }
}

/// The date a question is asked about: the one given, or today.
pub fn as_of(date: Option<Date>) -> NaiveDate {
    date.map_or_else(today, |d| d.0)
}

/// Today in the server's local time zone (the provider's, in a German deployment).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
