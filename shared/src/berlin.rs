//! Wall-clock time in Germany (Europe/Berlin) without a time-zone database, so that the
//! server and the browser agree on the instant of "7:00 on the day of a reminder" and on the
//! day an instant falls on.
//!
//! # Rules
//!
//! - Germany keeps **CET** (UTC+1) in winter and **CEST** (UTC+2) in summer. Summer time runs
//!   from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
//!   (the EU rule since 1996; it is applied to every year, so answers before 1996 are
//!   by today's rule, not by the history of the clocks).
//! - A **local time that does not exist** (the hour skipped in March, 02:00 to 02:59) is read
//!   with the offset before the switch, as a clock that was not put forward would show it:
//!   02:30 becomes 01:30 UTC, which is 03:30 CEST.
//! - A **local time that exists twice** (the hour repeated in October, 02:00 to 02:59) is the
//!   first of the two, still in summer time: 02:30 becomes 00:30 UTC.
//!
//! Nothing here reads a clock: the caller passes the day or the instant.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Utc, Weekday};

/// Hours ahead of UTC in winter (CET).
const WINTER_HOURS: i64 = 1;
/// Hours ahead of UTC in summer (CEST).
const SUMMER_HOURS: i64 = 2;
/// The hour (UTC) at which the clocks change, on both switch days.
const SWITCH_HOUR_UTC: u32 = 1;

/// The UTC instant of the wall-clock time `hour:minute` in Germany on `day`.
///
/// `None` for an hour above 23 or a minute above 59, and where the instant cannot be
/// represented (the first hour of [`NaiveDate::MIN`]).
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::berlin::berlin_to_utc;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let at = |d: NaiveDate, h| d.and_hms_opt(h, 0, 0).unwrap().and_utc();
/// assert_eq!(berlin_to_utc(day(2024, 1, 15), 7, 0), Some(at(day(2024, 1, 15), 6)));
/// assert_eq!(berlin_to_utc(day(2024, 7, 15), 7, 0), Some(at(day(2024, 7, 15), 5)));
/// ```
#[must_use]
pub fn berlin_to_utc(day: NaiveDate, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    let local = day.and_hms_opt(hour, minute, 0)?;
    // Reading the time as summer time first gives the earlier instant where it exists twice;
    // where that reading lands outside summer time, the time is a winter time or one skipped
    // in March, and both are read as winter time.
    if let Some(summer) = shifted(local, -SUMMER_HOURS).filter(|&utc| is_summer_time(utc)) {
        return Some(summer);
    }
    shifted(local, -WINTER_HOURS)
}

/// The wall-clock time in Germany at `instant`; `None` where it lies beyond the last
/// representable day.
#[must_use]
pub fn utc_to_berlin(instant: DateTime<Utc>) -> Option<NaiveDateTime> {
    let hours = if is_summer_time(instant) {
        SUMMER_HOURS
    } else {
        WINTER_HOURS
    };
    instant
        .naive_utc()
        .checked_add_signed(TimeDelta::hours(hours))
}

/// The day in Germany at `instant`. Saturates at [`NaiveDate::MAX`].
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::berlin::utc_to_berlin_date;
/// let instant = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap().and_hms_opt(22, 0, 0).unwrap();
/// assert_eq!(utc_to_berlin_date(instant.and_utc()), NaiveDate::from_ymd_opt(2021, 7, 1).unwrap());
/// ```
#[must_use]
pub fn utc_to_berlin_date(instant: DateTime<Utc>) -> NaiveDate {
    utc_to_berlin(instant).map_or(NaiveDate::MAX, |local| local.date())
}

/// Whether Germany keeps summer time (CEST) at `instant`.
#[must_use]
pub fn is_summer_time(instant: DateTime<Utc>) -> bool {
    let year = instant.year();
    let switch = |month| {
        last_sunday(year, month).and_then(|sunday| sunday.and_hms_opt(SWITCH_HOUR_UTC, 0, 0))
    };
    let (Some(starts), Some(ends)) = (switch(3), switch(10)) else {
        return false;
    };
    (starts..ends).contains(&instant.naive_utc())
}

/// The last Sunday of `month` (March or October: months of 31 days) in `year`.
fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let last = NaiveDate::from_ymd_opt(year, month, 31)?;
    let back = last.weekday().days_since(Weekday::Sun);
    last.checked_sub_days(Days::new(back.into()))
}

fn shifted(local: NaiveDateTime, hours: i64) -> Option<DateTime<Utc>> {
    local
        .checked_add_signed(TimeDelta::hours(hours))
        .map(|utc| utc.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn local_times_around_both_switches() {
        // (local time in Germany, UTC instant): checked against the tz database.
        let cases = [
            ("2024-01-15 07:00", "2024-01-15 06:00"),
            ("2024-07-15 07:00", "2024-07-15 05:00"),
            ("2024-03-31 00:30", "2024-03-30 23:30"),
            ("2024-03-31 01:59", "2024-03-31 00:59"),
            // Skipped in March: read as winter time.
            ("2024-03-31 02:00", "2024-03-31 01:00"),
            ("2024-03-31 02:30", "2024-03-31 01:30"),
            ("2024-03-31 03:00", "2024-03-31 01:00"),
            ("2024-03-31 07:00", "2024-03-31 05:00"),
            ("2024-10-27 01:59", "2024-10-26 23:59"),
            // Repeated in October: the first, in summer time.
            ("2024-10-27 02:00", "2024-10-27 00:00"),
            ("2024-10-27 02:59", "2024-10-27 00:59"),
            ("2024-10-27 03:00", "2024-10-27 02:00"),
            ("2024-10-27 07:00", "2024-10-27 06:00"),
            ("2024-10-26 07:00", "2024-10-26 05:00"),
            ("2025-03-30 02:00", "2025-03-30 01:00"),
            ("2025-10-26 02:59", "2025-10-26 00:59"),
            // Last Sunday of March on the 25th, the earliest it can be.
            ("2029-03-25 07:00", "2029-03-25 05:00"),
            ("2029-03-24 07:00", "2029-03-24 06:00"),
            ("2100-10-31 07:00", "2100-10-31 06:00"),
            ("2100-10-30 07:00", "2100-10-30 05:00"),
        ];
        for (local, utc) in cases {
            let local = at(local);
            let got = berlin_to_utc(local.date(), local.hour(), local.minute());
            assert_eq!(got, Some(at(utc).and_utc()), "{local}");
        }
    }

    #[test]
    fn instants_around_both_switches() {
        // (UTC instant, local time in Germany): checked against the tz database.
        let cases = [
            ("2024-03-31 00:59", "2024-03-31 01:59"),
            ("2024-03-31 01:00", "2024-03-31 03:00"),
            ("2024-10-27 00:59", "2024-10-27 02:59"),
            ("2024-10-27 01:00", "2024-10-27 02:00"),
            ("2024-03-30 23:30", "2024-03-31 00:30"),
            ("2024-12-31 22:59", "2024-12-31 23:59"),
            ("2024-12-31 23:00", "2025-01-01 00:00"),
            ("2021-06-30 21:59", "2021-06-30 23:59"),
            ("2021-06-30 22:00", "2021-07-01 00:00"),
        ];
        for (utc, local) in cases {
            let instant = at(utc).and_utc();
            assert_eq!(utc_to_berlin(instant), Some(at(local)), "{utc}");
            assert_eq!(utc_to_berlin_date(instant), at(local).date(), "{utc}");
        }
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_utc() {
        let cases = [
            ("2024-03-31 00:59", false),
            ("2024-03-31 01:00", true),
            ("2024-10-27 00:59", true),
            ("2024-10-27 01:00", false),
            ("2024-03-24 12:00", false),
            ("2024-10-20 12:00", true),
        ];
        for (utc, summer) in cases {
            assert_eq!(is_summer_time(at(utc).and_utc()), summer, "{utc}");
        }
    }

    #[test]
    fn impossible_times_and_the_calendar_limits() {
        let day = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(berlin_to_utc(day, 24, 0), None);
        assert_eq!(berlin_to_utc(day, 7, 60), None);
        assert!(berlin_to_utc(day, 23, 59).is_some());
        assert_eq!(berlin_to_utc(NaiveDate::MIN, 0, 30), None);
        assert!(berlin_to_utc(NaiveDate::MAX, 23, 59).is_some());
        let last = NaiveDate::MAX.and_hms_opt(23, 30, 0).unwrap().and_utc();
        assert_eq!(utc_to_berlin(last), None);
        assert_eq!(utc_to_berlin_date(last), NaiveDate::MAX);
    }
}
