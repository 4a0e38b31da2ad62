//! Property tests of the calendar and of wall-clock time in Germany: holidays, the day to act,
//! reminders, and local time against UTC for every day.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use chrono::{Datelike, Days, NaiveDate, TimeDelta, Timelike, Weekday};
use proptest::prelude::*;
use verbund_shared::berlin::{berlin_to_utc, is_summer_time, utc_to_berlin, utc_to_berlin_date};
use verbund_shared::calendar::{
    Holiday, WOMENS_DAY_SINCE, easter_sunday, holiday, holidays, is_working_day,
    last_working_day_on_or_before, reminder_days,
};

mod common;

use common::*;

/// The last Sunday of a month, found by walking back from its last day.
fn last_sunday_walking(year: i32, month: u32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, month, 31).unwrap();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap();
    }
    day
}

/// Any day, with the days the clocks change drawn often.
fn day_near_a_switch() -> impl Strategy<Value = NaiveDate> {
    let switch = (1900i32..=2200, prop_oneof![Just(3u32), Just(10)])
        .prop_map(|(year, month)| last_sunday_walking(year, month));
    prop_oneof![date(), switch]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn easter_is_a_sunday_from_22_march_to_25_april(
        year in NaiveDate::MIN.year() + 1..NaiveDate::MAX.year(),
    ) {
        let easter = easter_sunday(year).unwrap();
        prop_assert_eq!(easter.weekday(), Weekday::Sun);
        prop_assert_eq!(easter.year(), year);
        let window = NaiveDate::from_ymd_opt(year, 3, 22).unwrap()
            ..=NaiveDate::from_ymd_opt(year, 4, 25).unwrap();
        prop_assert!(window.contains(&easter));
    }

    #[test]
    fn holidays_of_a_year_are_the_days_with_a_holiday(year in 1583i32..=2600) {
        let listed = holidays(year);
        let expected = if year >= WOMENS_DAY_SINCE { 11 } else { 10 };
        prop_assert_eq!(listed.len(), expected);
        prop_assert!(listed.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        for &(day, named) in &listed {
            prop_assert_eq!(day.year(), year);
            let shared = named == Holiday::Ascension && holiday(day) == Some(Holiday::LabourDay);
            prop_assert!(holiday(day) == Some(named) || shared, "{} {:?}", day, named);
        }
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        while day.year() == year {
            let is_listed = listed.iter().any(|&(d, _)| d == day);
            prop_assert_eq!(holiday(day).is_some(), is_listed, "{}", day);
            let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            prop_assert_eq!(is_working_day(day), weekday && !is_listed, "{}", day);
            day = succ(day);
        }
    }

    #[test]
    fn the_day_to_act_is_the_last_working_day_not_after_the_deadline(deadline in date()) {
        let to_act = last_working_day_on_or_before(deadline);
        prop_assert!(to_act <= deadline);
        prop_assert!(is_working_day(to_act));
        // Good Friday to Easter Monday is the longest run of free days.
        prop_assert!(deadline - to_act <= TimeDelta::days(4));
        let mut between = succ(to_act);
        while between <= deadline {
            prop_assert!(!is_working_day(between), "{}", between);
            between = succ(between);
        }
        prop_assert_eq!(last_working_day_on_or_before(to_act), to_act);
    }

    #[test]
    fn reminders_fall_the_given_days_before_in_order(
        to_act in date(),
        offsets in proptest::collection::vec(0u32..400, 0..8),
    ) {
        let reminders = reminder_days(to_act, &offsets);
        prop_assert!(reminders.windows(2).all(|pair| pair[0] < pair[1]));
        for offset in &offsets {
            let day = to_act - Days::new(u64::from(*offset));
            prop_assert!(reminders.contains(&day));
        }
        for day in &reminders {
            let offset = u32::try_from((to_act - *day).num_days()).unwrap();
            prop_assert!(offsets.contains(&offset));
        }
    }

    #[test]
    fn a_local_time_is_on_its_day_and_one_or_two_hours_ahead_of_utc(
        day in day_near_a_switch(),
        hour in 0u32..24,
        minute in 0u32..60,
    ) {
        let local = day.and_hms_opt(hour, minute, 0).unwrap();
        let instant = berlin_to_utc(day, hour, minute).unwrap();
        prop_assert_eq!(utc_to_berlin_date(instant), day);
        let shown = utc_to_berlin(instant).unwrap();
        let ahead = shown - instant.naive_utc();
        let summer = is_summer_time(instant);
        prop_assert_eq!(ahead, TimeDelta::hours(if summer { 2 } else { 1 }));
        // The clock shows the time asked for, except in the hour skipped in March.
        let skipped = shown - local == TimeDelta::hours(1)
            && day == last_sunday_walking(day.year(), 3)
            && hour == 2;
        prop_assert!(shown == local || skipped, "{} shows {}", local, shown);
    }

    #[test]
    fn every_instant_is_found_again_from_its_local_time(
        day in day_near_a_switch(),
        minutes in 0i64..24 * 60,
    ) {
        let instant = (day.and_hms_opt(0, 0, 0).unwrap() + TimeDelta::minutes(minutes)).and_utc();
        let local = utc_to_berlin(instant).unwrap();
        let found = berlin_to_utc(local.date(), local.hour(), local.minute()).unwrap();
        // A time shown twice in October is read as its first showing, an hour earlier.
        let repeated = found == instant - TimeDelta::hours(1)
            && utc_to_berlin(found) == Some(local);
        prop_assert!(found == instant || repeated, "{} found as {}", instant, found);
    }

    #[test]
    fn summer_time_runs_between_the_last_sundays_of_march_and_october(day in day_near_a_switch()) {
        let noon = day.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let starts = last_sunday_walking(day.year(), 3);
        let ends = last_sunday_walking(day.year(), 10);
        prop_assert_eq!(is_summer_time(noon), (starts..ends).contains(&day));
        let one = |d: NaiveDate, h, m| d.and_hms_opt(h, m, 0).unwrap().and_utc();
        prop_assert!(!is_summer_time(one(starts, 0, 59)));
        prop_assert!(is_summer_time(one(starts, 1, 0)));
        prop_assert!(is_summer_time(one(ends, 0, 59)));
        prop_assert!(!is_summer_time(one(ends, 1, 0)));
    }
}
