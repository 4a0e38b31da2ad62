//! Periods of days with an inclusive start and an inclusive, possibly open end: memberships,
//! coverages and anything else that holds "from ... until ...".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why two dates do not make a period.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    /// The last day lies before the first.
    #[error("a period cannot end on {until}, before it starts on {from}")]
    UntilBeforeFrom {
        /// The first day given.
        from: NaiveDate,
        /// The last day given.
        until: NaiveDate,
    },
}

/// The days from `from` to `until`, both included; without `until` the period runs on.
///
/// A period of one day has `until == from`. Serde writes `{"from": ..., "until": ...}` and
/// rejects on reading what [`Period::new`] rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawPeriod")]
pub struct Period {
    from: NaiveDate,
    until: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct RawPeriod {
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl TryFrom<RawPeriod> for Period {
    type Error = PeriodError;

    fn try_from(raw: RawPeriod) -> Result<Self, Self::Error> {
        Self::new(raw.from, raw.until)
    }
}

impl Period {
    /// A period from `from` to `until` (the last day, included), or open-ended.
    ///
    /// # Errors
    ///
    /// [`PeriodError::UntilBeforeFrom`] if `until` lies before `from`.
    pub fn new(from: NaiveDate, until: Option<NaiveDate>) -> Result<Self, PeriodError> {
        match until {
            Some(until) if until < from => Err(PeriodError::UntilBeforeFrom { from, until }),
            _ => Ok(Self { from, until }),
        }
    }

    /// An open-ended period starting on `from`.
    #[must_use]
    pub const fn starting(from: NaiveDate) -> Self {
        Self { from, until: None }
    }

    /// The first day.
    #[must_use]
    pub const fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day, or `None` while the period runs on.
    #[must_use]
    pub const fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Whether the period has no last day yet.
    #[must_use]
    pub const fn is_open(&self) -> bool {
        self.until.is_none()
    }

    /// Whether `date` is one of the period's days.
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date <= until)
    }

    /// Whether the two periods share at least one day.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.until.is_none_or(|until| other.from <= until)
            && other.until.is_none_or(|until| self.from <= until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn period(from: &str, until: Option<&str>) -> Period {
        Period::new(day(from), until.map(day)).unwrap()
    }

    #[test]
    fn both_ends_are_included() {
        let year = period("2019-01-01", Some("2019-12-31"));
        assert!(year.contains(day("2019-01-01")));
        assert!(year.contains(day("2019-12-31")));
        assert!(!year.contains(day("2018-12-31")));
        assert!(!year.contains(day("2020-01-01")));
        let single = period("2020-02-29", Some("2020-02-29"));
        assert!(single.contains(day("2020-02-29")));
        assert!(Period::starting(day("2013-10-01")).contains(day("9999-12-31")));
    }

    #[test]
    fn until_before_from_is_rejected() {
        let err = Period::new(day("2020-01-02"), Some(day("2020-01-01"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a period cannot end on 2020-01-01, before it starts on 2020-01-02"
        );
    }

    #[test]
    fn overlap_needs_a_shared_day() {
        let cases = [
            (
                ("2019-01-01", Some("2019-12-31")),
                ("2019-12-31", None),
                true,
            ),
            (
                ("2019-01-01", Some("2019-12-31")),
                ("2020-01-01", None),
                false,
            ),
            (
                ("2019-01-01", None),
                ("2015-01-01", Some("2018-12-31")),
                false,
            ),
            (
                ("2019-01-01", None),
                ("2015-01-01", Some("2019-01-01")),
                true,
            ),
            (("2019-01-01", None), ("2030-01-01", None), true),
            (
                ("2019-03-01", Some("2019-03-01")),
                ("2019-01-01", Some("2019-12-31")),
                true,
            ),
        ];
        for ((a_from, a_until), (b_from, b_until), expected) in cases {
            let a = period(a_from, a_until);
            let b = period(b_from, b_until);
            assert_eq!(a.overlaps(&b), expected, "{a:?} {b:?}");
            assert_eq!(b.overlaps(&a), expected, "{b:?} {a:?}");
        }
    }

    #[test]
    fn serde_validates() {
        let p = period("2016-04-01", None);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"from":"2016-04-01","until":null}"#);
        assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
        assert_eq!(
            serde_json::from_str::<Period>(r#"{"from":"2016-04-01"}"#).unwrap(),
            p
        );
        assert!(
            serde_json::from_str::<Period>(r#"{"from":"2016-04-01","until":"2016-03-31"}"#)
                .is_err()
        );
    }
}
