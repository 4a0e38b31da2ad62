//! The scalars of our own: `Date`, a calendar date as `YYYY-MM-DD` with a clear error for
//! anything else, and `Decimal`, an exact amount written as a string.

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

/// An exact decimal number, written as a string in decimal notation with `.` before the
/// decimals (e.g. `"12500.00"`), so that no client reads it as a binary floating-point
/// number. As an input a JSON number is taken too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal(pub rust_decimal::Decimal);

/// An exact decimal number, written as a string in decimal notation with `.` before the
/// decimals (e.g. `"12500.00"`), so that no client reads it as a binary floating-point
/// number. As an input a JSON number is taken too.
#[Scalar(name = "Decimal")]
impl ScalarType for Decimal {
    fn parse(value: Value) -> InputValueResult<Self> {
        use std::str::FromStr;
        let parsed = match &value {
            Value::String(text) => {
                rust_decimal::Decimal::from_str(text).map_err(InputValueError::custom)
            }
            // As the library's scalar of the same name took numbers: through `f64` first.
            Value::Number(number) => match (number.as_f64(), number.as_i64(), number.as_u64()) {
                (Some(float), _, _) => {
                    rust_decimal::Decimal::try_from(float).map_err(InputValueError::custom)
                }
                (None, Some(whole), _) => Ok(whole.into()),
                (None, None, Some(whole)) => Ok(whole.into()),
                (None, None, None) => Err(InputValueError::expected_type(value.clone())),
            },
            _ => Err(InputValueError::expected_type(value.clone())),
        };
        parsed.map(Decimal)
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Self(date)
    }
}

/// The date a question is asked about: the one given, or today in Germany by the server's
/// clock (`timing::Clock`), whatever the machine's time zone.
pub fn as_of(ctx: &async_graphql::Context<'_>, date: Option<Date>) -> NaiveDate {
    date.map_or_else(|| super::access(ctx).timing.clock.today(), |d| d.0)
}
