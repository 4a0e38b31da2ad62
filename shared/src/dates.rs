//! Month arithmetic of the German Civil Code (BGB §§ 187, 188) for contract terms and notice
//! periods.
//!
//! Two ways of counting matter:
//!
//! - A **term** that starts at the beginning of a day (§ 187(2), e.g. "from 1 January") ends
//!   with the day before the day that corresponds to the first day N months later
//!   (§ 188(2), second alternative), or with the last day of that month if it has no
//!   corresponding day (§ 188(3)): [`term_end`].
//! - A **period that starts with an event** (§ 187(1), e.g. the day a notice arrives) ends
//!   with the day that has the same number N months later (§ 188(2), first alternative), or
//!   again the last day of the month: [`add_months_event`].
//!
//! The latest day for a notice is found by counting back from the day after a term ends:
//! [`deadline_before`].
//!
//! Nothing here panics. The `checked_*` functions return `None` where a result lies outside
//! the dates `chrono` can represent; the plain ones saturate at [`NaiveDate::MAX`] or
//! [`NaiveDate::MIN`], which callers can treat as "never" / "always".

use core::num::NonZeroU32;

use chrono::{Datelike, Months, NaiveDate};

/// The last day of a term of `months` months that starts at the beginning of `start`.
///
/// ```
/// # use core::num::NonZeroU32;
/// # use chrono::NaiveDate;
/// # use verbund_shared::dates::term_end;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let months = |n| NonZeroU32::new(n).unwrap();
/// assert_eq!(term_end(day(2019, 1, 1), months(36)), day(2021, 12, 31));
/// assert_eq!(term_end(day(2020, 1, 31), months(1)), day(2020, 2, 29));
/// assert_eq!(term_end(day(2020, 1, 29), months(1)), day(2020, 2, 28));
/// ```
///
/// A term cannot have zero months, hence [`NonZeroU32`]. Saturates at [`NaiveDate::MAX`].
#[must_use]
pub fn term_end(start: NaiveDate, months: NonZeroU32) -> NaiveDate {
    checked_term_end(start, months).unwrap_or(NaiveDate::MAX)
}

/// [`term_end`], or `None` if the end cannot be represented.
#[must_use]
pub fn checked_term_end(start: NaiveDate, months: NonZeroU32) -> Option<NaiveDate> {
    // chrono moves to the month's last day where the day is missing, which is § 188(3).
    let later = start.checked_add_months(Months::new(months.get()))?;
    if later.day() == start.day() {
        later.pred_opt()
    } else {
        Some(later)
    }
}

/// The last day on which a notice with a period of `months` months can arrive so that the
/// period has run out by the day before `day_after_end` (that is, by the end of a term).
///
/// Counts back like [`term_end`] counts forward: the day before the corresponding day
/// `months` months earlier, or the last day of that month if it has no corresponding day.
/// With `months == 0` the notice may arrive on the last day itself.
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::dates::deadline_before;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(deadline_before(day(2022, 1, 1), 3), day(2021, 9, 30));
/// assert_eq!(deadline_before(day(2021, 5, 31), 3), day(2021, 2, 28));
/// assert_eq!(deadline_before(day(2022, 1, 1), 0), day(2021, 12, 31));
/// ```
///
/// It is the latest day `d` with `add_months_event(d, months) < day_after_end`. Saturates at
/// [`NaiveDate::MIN`].
#[must_use]
pub fn deadline_before(day_after_end: NaiveDate, months: u32) -> NaiveDate {
    checked_deadline_before(day_after_end, months).unwrap_or(NaiveDate::MIN)
}

/// [`deadline_before`], or `None` if the deadline cannot be represented.
#[must_use]
pub fn checked_deadline_before(day_after_end: NaiveDate, months: u32) -> Option<NaiveDate> {
    let earlier = day_after_end.checked_sub_months(Months::new(months))?;
    if earlier.day() == day_after_end.day() {
        earlier.pred_opt()
    } else {
        Some(earlier)
    }
}

/// The last day of a period of `months` months that starts with an event on `event`
/// (e.g. a notice arriving): the day with the same number `months` months later, or the last
/// day of that month if it has no such day.
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::dates::add_months_event;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_months_event(day(2021, 9, 30), 3), day(2021, 12, 30));
/// assert_eq!(add_months_event(day(2023, 11, 30), 3), day(2024, 2, 29));
/// ```
///
/// Saturates at [`NaiveDate::MAX`].
#[must_use]
pub fn add_months_event(event: NaiveDate, months: u32) -> NaiveDate {
    checked_add_months_event(event, months).unwrap_or(NaiveDate::MAX)
}

/// [`add_months_event`], or `None` if the end cannot be represented.
#[must_use]
pub fn checked_add_months_event(event: NaiveDate, months: u32) -> Option<NaiveDate> {
    event.checked_add_months(Months::new(months))
}

/// The term that contains `date` in a chain of terms of `months` months each, the first
/// starting on `first`, each later one on the day after its predecessor ends. Terms before
/// `first` do not exist: for an earlier `date` the first term is returned.
///
/// Every term is computed from its own start, so a chain starting on the 31st moves to the
/// 1st after its first short month. The answer is computed, not stepped to, so a date many
/// centuries away costs no more than one nearby.
pub(crate) fn chained_term_containing(
    first: NaiveDate,
    months: NonZeroU32,
    date: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let step = i64::from(months.get());
    let date = date.max(first);
    // Starts keep their day of the month until a target month lacks it; that term ends on the
    // month's last day, and from the next (1st) on no month lacks the day again.
    let base = match first_short_step(first, step, whole_months(first, date) / step) {
        Some(short) => first_of_month(month_index(first) + short * step + 1)?,
        None => first,
    };
    let start = shift_months(base, whole_months(base, date) / step * step)?;
    Some((start, checked_term_end(start, months)?))
}

/// The smallest `j` in `1..=limit` such that the month `j * step` months after `start`'s has
/// fewer days than `start`'s day of the month.
fn first_short_step(start: NaiveDate, step: i64, limit: i64) -> Option<i64> {
    // The Gregorian calendar repeats every 400 years, so a month that is short for this day
    // shows up within that many months or never.
    const CYCLE: i64 = 400 * 12;
    if start.day() <= 28 {
        return None;
    }
    let index = month_index(start);
    (1..=limit.min(CYCLE)).find(|j| days_in_month(index + j * step) < start.day())
}

/// Whole months from `from` to `to` (`to >= from`): how often one can move on by a month
/// without passing `to`, keeping `from`'s day of the month.
fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    month_index(to) - month_index(from) - i64::from(to.day() < from.day())
}

/// `date` moved by whole `months`, keeping its day of the month (which must exist there).
fn shift_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let (year, month) = split_month_index(month_index(date) + months)?;
    NaiveDate::from_ymd_opt(year, month, date.day())
}

fn first_of_month(index: i64) -> Option<NaiveDate> {
    let (year, month) = split_month_index(index)?;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The last day of the month `date` lies in.
pub(crate) fn end_of_month(date: NaiveDate) -> Option<NaiveDate> {
    end_of_month_index(month_index(date))
}

/// The last day of the quarter `date` lies in.
pub(crate) fn end_of_quarter(date: NaiveDate) -> Option<NaiveDate> {
    end_of_month_index(month_index(date) + 2 - i64::from(date.month0() % 3))
}

/// The last day of the year `date` lies in.
pub(crate) fn end_of_year(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), 12, 31)
}

fn end_of_month_index(index: i64) -> Option<NaiveDate> {
    let (year, month) = split_month_index(index)?;
    NaiveDate::from_ymd_opt(year, month, days_in_month(index))
}

/// Months since the start of year 0, so that month arithmetic is integer arithmetic.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn split_month_index(index: i64) -> Option<(i32, u32)> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    Some((year, month))
}

/// Days in a month, by the proleptic Gregorian rules (valid beyond chrono's range too).
fn days_in_month(index: i64) -> u32 {
    let year = index.div_euclid(12);
    match index.rem_euclid(12) + 1 {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn months(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    #[test]
    fn term_ends_by_hand() {
        let cases = [
            ("2019-01-01", 36, "2021-12-31"),
            ("2019-01-01", 1, "2019-01-31"),
            ("2019-01-01", 12, "2019-12-31"),
            ("2020-01-31", 1, "2020-02-29"),
            ("2021-01-31", 1, "2021-02-28"),
            ("2020-01-30", 1, "2020-02-29"),
            ("2020-01-29", 1, "2020-02-28"),
            ("2021-01-29", 1, "2021-02-28"),
            ("2020-02-29", 12, "2021-02-28"),
            ("2020-02-29", 48, "2024-02-28"),
            ("2020-02-29", 1, "2020-03-28"),
            ("2021-03-31", 1, "2021-04-30"),
            ("2021-05-31", 1, "2021-06-30"),
            ("2021-06-30", 1, "2021-07-29"),
            ("2013-10-01", 3, "2013-12-31"),
            ("2016-04-01", 120, "2026-03-31"),
            ("2021-12-15", 1, "2022-01-14"),
            ("2099-02-28", 12, "2100-02-27"),
            ("2096-02-29", 48, "2100-02-28"),
        ];
        for (start, n, end) in cases {
            assert_eq!(term_end(day(start), months(n)), day(end), "{start} + {n}");
        }
    }

    #[test]
    fn deadlines_by_hand() {
        let cases = [
            ("2022-01-01", 3, "2021-09-30"),
            ("2023-01-01", 3, "2022-09-30"),
            ("2022-01-01", 0, "2021-12-31"),
            ("2021-03-01", 1, "2021-01-31"),
            ("2020-03-01", 1, "2020-01-31"),
            ("2020-02-29", 1, "2020-01-28"),
            ("2021-05-31", 3, "2021-02-28"),
            ("2020-05-31", 3, "2020-02-29"),
            ("2024-03-01", 12, "2023-02-28"),
            ("2021-07-15", 1, "2021-06-14"),
        ];
        for (after, n, deadline) in cases {
            assert_eq!(
                deadline_before(day(after), n),
                day(deadline),
                "{after} - {n}"
            );
        }
    }

    #[test]
    fn event_periods_by_hand() {
        let cases = [
            ("2021-09-30", 3, "2021-12-30"),
            ("2021-10-01", 3, "2022-01-01"),
            ("2021-01-31", 1, "2021-02-28"),
            ("2024-01-31", 1, "2024-02-29"),
            ("2023-11-30", 3, "2024-02-29"),
            ("2020-02-29", 12, "2021-02-28"),
            ("2021-06-15", 0, "2021-06-15"),
        ];
        for (event, n, end) in cases {
            assert_eq!(add_months_event(day(event), n), day(end), "{event} + {n}");
        }
    }

    #[test]
    fn results_saturate_at_the_calendar_limits() {
        assert_eq!(term_end(NaiveDate::MAX, months(1)), NaiveDate::MAX);
        assert_eq!(term_end(NaiveDate::MIN, months(u32::MAX)), NaiveDate::MAX);
        assert_eq!(checked_term_end(NaiveDate::MAX, months(1)), None);
        assert_eq!(
            add_months_event(day("9999-12-31"), u32::MAX),
            NaiveDate::MAX
        );
        assert_eq!(deadline_before(NaiveDate::MIN, 0), NaiveDate::MIN);
        assert_eq!(deadline_before(day("2000-01-01"), u32::MAX), NaiveDate::MIN);
        assert_eq!(end_of_year(NaiveDate::MAX), Some(NaiveDate::MAX));
        assert_eq!(end_of_quarter(NaiveDate::MAX), Some(NaiveDate::MAX));
        assert_eq!(end_of_month(NaiveDate::MIN).map(|d| d.day()), Some(31));
    }

    #[test]
    fn period_ends() {
        assert_eq!(end_of_month(day("2024-02-10")), Some(day("2024-02-29")));
        assert_eq!(end_of_month(day("2023-02-28")), Some(day("2023-02-28")));
        assert_eq!(end_of_quarter(day("2021-01-01")), Some(day("2021-03-31")));
        assert_eq!(end_of_quarter(day("2021-06-30")), Some(day("2021-06-30")));
        assert_eq!(end_of_quarter(day("2021-07-01")), Some(day("2021-09-30")));
        assert_eq!(end_of_quarter(day("2021-12-05")), Some(day("2021-12-31")));
        assert_eq!(end_of_year(day("2021-07-01")), Some(day("2021-12-31")));
    }

    /// Steps through the chain term by term, as a reference for the computed answer.
    fn stepped(first: NaiveDate, n: NonZeroU32, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let mut start = first;
        loop {
            let end = term_end(start, n);
            if date <= end {
                return (start, end);
            }
            start = end.succ_opt().unwrap();
        }
    }

    #[test]
    fn chained_terms_match_stepping() {
        let firsts = [
            "2020-01-31",
            "2021-03-30",
            "2020-02-29",
            "2019-01-01",
            "2021-08-31",
            "2021-01-29",
            "2096-02-29",
            "2021-12-15",
        ];
        for first in firsts {
            for n in [1, 2, 3, 5, 6, 11, 12, 13, 24, 36, 48, 1200] {
                let mut date = day(first);
                for _ in 0..400 {
                    let expected = stepped(day(first), months(n), date);
                    assert_eq!(
                        chained_term_containing(day(first), months(n), date),
                        Some(expected),
                        "first {first}, {n} months, {date}"
                    );
                    date = date + chrono::Days::new(23);
                }
            }
        }
    }

    #[test]
    fn chained_terms_stay_on_the_31st_where_no_month_is_short() {
        // Every sixth month after January is July: both have 31 days, for ever.
        let first = day("2000-01-31");
        assert_eq!(
            chained_term_containing(first, months(6), day("9999-12-31")),
            Some((
                day("9999-07-31"),
                NaiveDate::from_ymd_opt(10_000, 1, 30).unwrap()
            ))
        );
        // Leap days every 48 months, until a century year without one.
        assert_eq!(
            chained_term_containing(day("2000-02-29"), months(48), day("2100-06-01")),
            Some((day("2100-03-01"), day("2104-02-29")))
        );
    }

    #[test]
    fn chained_terms_near_the_calendar_limit_give_none() {
        assert_eq!(
            chained_term_containing(day("2000-01-01"), months(1), NaiveDate::MAX),
            None
        );
        assert!(
            chained_term_containing(day("2000-01-31"), months(u32::MAX), day("9999-12-31"))
                .is_none()
        );
    }
}
