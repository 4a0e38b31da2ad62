//! The working-day calendar of Mecklenburg-Vorpommern, where the provider sits: its public
//! holidays, which days are working days, the day to act on a deadline and the days to remind
//! people of it.
//!
//! # Rules
//!
//! - **Public holidays** (Feiertagsgesetz Mecklenburg-Vorpommern): New Year (1 January),
//!   International Women's Day (8 March, from 2023 on), Good Friday, Easter Monday, Labour Day
//!   (1 May), Ascension (39 days after Easter Sunday), Whit Monday (50 days after), Day of
//!   German Unity (3 October), Reformation Day (31 October), Christmas Day and the second day
//!   of Christmas (25 and 26 December). Easter Sunday and Whit Sunday are Sundays anyway. The
//!   list is applied to every year; only Women's Day has a first year.
//! - **Easter Sunday** follows the Gregorian computus ([`easter_sunday`]), for every year
//!   chrono can represent (years before 1583 proleptically).
//! - A **working day** is a Monday to Friday that is no public holiday ([`is_working_day`]);
//!   Saturdays are not, as in § 193 BGB.
//! - The **day to act** on a deadline is the last working day on or before it
//!   ([`last_working_day_on_or_before`]). The legal deadline itself never moves: § 193 BGB,
//!   which moves the last day of a period from a weekend or holiday to the next working day,
//!   does not apply to notice periods, since it would shorten the time the other party is
//!   given. So a deadline on a Sunday is met only by a notice that arrives by that Sunday, and
//!   people are asked to act on the Friday before.
//! - **Reminders** fall a number of days before the day to act ([`reminder_days`], by default
//!   [`DEFAULT_REMINDER_OFFSETS`]: 90, 30, 7 and 0 days).

use chrono::{Datelike, Days, NaiveDate, TimeDelta, Weekday};

code_enum! {
    /// A public holiday of Mecklenburg-Vorpommern.
    pub enum Holiday("public holiday") {
        /// 1 January.
        NewYear = "NEW_YEAR", de: "Neujahr", en: "New Year's Day";
        /// 8 March, a holiday from 2023 on.
        WomensDay = "WOMENS_DAY", de: "Internationaler Frauentag",
            en: "International Women's Day";
        /// Two days before Easter Sunday.
        GoodFriday = "GOOD_FRIDAY", de: "Karfreitag", en: "Good Friday";
        /// The day after Easter Sunday.
        EasterMonday = "EASTER_MONDAY", de: "Ostermontag", en: "Easter Monday";
        /// 1 May.
        LabourDay = "LABOUR_DAY", de: "Tag der Arbeit", en: "Labour Day";
        /// 39 days after Easter Sunday.
        Ascension = "ASCENSION", de: "Christi Himmelfahrt", en: "Ascension Day";
        /// 50 days after Easter Sunday.
        WhitMonday = "WHIT_MONDAY", de: "Pfingstmontag", en: "Whit Monday";
        /// 3 October.
        GermanUnity = "GERMAN_UNITY", de: "Tag der Deutschen Einheit",
            en: "Day of German Unity";
        /// 31 October.
        ReformationDay = "REFORMATION_DAY", de: "Reformationstag", en: "Reformation Day";
        /// 25 December.
        ChristmasDay = "CHRISTMAS_DAY", de: "1. Weihnachtsfeiertag", en: "Christmas Day";
        /// 26 December.
        SecondChristmasDay = "SECOND_CHRISTMAS_DAY", de: "2. Weihnachtsfeiertag",
            en: "Second day of Christmas";
    }
}

/// The first year in which 8 March is a public holiday in Mecklenburg-Vorpommern.
pub const WOMENS_DAY_SINCE: i32 = 2023;

/// Days before the day to act on which people are reminded, unless they choose others.
pub const DEFAULT_REMINDER_OFFSETS: [u32; 4] = [90, 30, 7, 0];

/// The fixed holidays, by month and day.
const FIXED: [(u32, u32, Holiday); 7] = [
    (1, 1, Holiday::NewYear),
    (3, 8, Holiday::WomensDay),
    (5, 1, Holiday::LabourDay),
    (10, 3, Holiday::GermanUnity),
    (10, 31, Holiday::ReformationDay),
    (12, 25, Holiday::ChristmasDay),
    (12, 26, Holiday::SecondChristmasDay),
];

/// The holidays that move with Easter, by days after Easter Sunday.
const MOVING: [(i64, Holiday); 4] = [
    (-2, Holiday::GoodFriday),
    (1, Holiday::EasterMonday),
    (39, Holiday::Ascension),
    (50, Holiday::WhitMonday),
];

/// Easter Sunday of `year` in the Gregorian calendar; `None` where chrono cannot represent it.
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::calendar::easter_sunday;
/// assert_eq!(easter_sunday(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
/// assert_eq!(easter_sunday(2038), NaiveDate::from_ymd_opt(2038, 4, 25));
/// ```
#[must_use]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    // The anonymous Gregorian algorithm (Meeus, Jones, Butcher): the first Sunday after the
    // ecclesiastical full moon on or after 21 March, with the Gregorian solar and lunar
    // corrections of the century. `full_moon` counts the days from 21 March to that full
    // moon, `to_sunday` those from the day after it to Easter. Euclidean division keeps it
    // exact for negative years.
    let y = i64::from(year);
    let golden = y.rem_euclid(19);
    let (century, of_century) = (y.div_euclid(100), y.rem_euclid(100));
    let (leap_skips, century_rest) = (century.div_euclid(4), century.rem_euclid(4));
    let lunar = (century + 8).div_euclid(25);
    let lunar_shift = (century - lunar + 1).div_euclid(3);
    let full_moon = (19 * golden + century - leap_skips - lunar_shift + 15).rem_euclid(30);
    let (quad, quad_rest) = (of_century.div_euclid(4), of_century.rem_euclid(4));
    let to_sunday = (32 + 2 * century_rest + 2 * quad - full_moon - quad_rest).rem_euclid(7);
    let correction = (golden + 11 * full_moon + 22 * to_sunday).div_euclid(451);
    let from_march_22 = full_moon + to_sunday - 7 * correction;
    NaiveDate::from_ymd_opt(year, 3, 22)?
        .checked_add_days(Days::new(from_march_22.try_into().ok()?))
}

/// The public holiday that falls on `day`, if one does. Where two fall on one day (Ascension
/// on 1 May, as in 2008), the fixed one is named.
#[must_use]
pub fn holiday(day: NaiveDate) -> Option<Holiday> {
    let fixed = FIXED.iter().find(|&&(month, dom, holiday)| {
        day.month() == month && day.day() == dom && is_kept_in(holiday, day.year())
    });
    match fixed {
        Some(&(_, _, holiday)) => Some(holiday),
        None => {
            let after = day
                .signed_duration_since(easter_sunday(day.year())?)
                .num_days();
            MOVING
                .iter()
                .find(|&&(offset, _)| offset == after)
                .map(|&(_, holiday)| holiday)
        }
    }
}

/// Every public holiday of `year` that chrono can represent, in calendar order; a day with
/// two holidays is listed twice.
#[must_use]
pub fn holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let fixed = FIXED
        .iter()
        .filter(|&&(_, _, holiday)| is_kept_in(holiday, year))
        .filter_map(|&(month, dom, holiday)| {
            Some((NaiveDate::from_ymd_opt(year, month, dom)?, holiday))
        });
    let moving = easter_sunday(year).into_iter().flat_map(|easter| {
        MOVING.iter().filter_map(move |&(offset, holiday)| {
            Some((easter.checked_add_signed(TimeDelta::days(offset))?, holiday))
        })
    });
    let mut days: Vec<_> = fixed.chain(moving).collect();
    days.sort_by_key(|&(day, _)| day);
    days
}

/// Whether a holiday of the list is kept in `year` (only Women's Day is not always).
fn is_kept_in(holiday: Holiday, year: i32) -> bool {
    holiday != Holiday::WomensDay || year >= WOMENS_DAY_SINCE
}

/// Whether `day` is a working day: Monday to Friday and no public holiday.
#[must_use]
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && holiday(day).is_none()
}

/// The day to act on a deadline on `day`: the last working day on or before it. Saturates at
/// [`NaiveDate::MIN`].
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::calendar::last_working_day_on_or_before;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Easter Monday 2024 is 1 April: the Thursday before Good Friday.
/// assert_eq!(last_working_day_on_or_before(day(2024, 4, 1)), day(2024, 3, 28));
/// ```
#[must_use]
pub fn last_working_day_on_or_before(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    // At most four days in a row are free (Good Friday to Easter Monday), so this is short.
    while !is_working_day(day) {
        match day.pred_opt() {
            Some(before) => day = before,
            None => return NaiveDate::MIN,
        }
    }
    day
}

/// The days on which to remind people of acting on `day_to_act`: that day minus each of
/// `offsets` days, without repeats, earliest first. Offsets that reach before the first
/// representable day are left out.
///
/// ```
/// # use chrono::NaiveDate;
/// # use verbund_shared::calendar::{reminder_days, DEFAULT_REMINDER_OFFSETS};
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(
///     reminder_days(day(2021, 9, 30), &DEFAULT_REMINDER_OFFSETS),
///     [day(2021, 7, 2), day(2021, 8, 31), day(2021, 9, 23), day(2021, 9, 30)]
/// );
/// ```
#[must_use]
pub fn reminder_days(day_to_act: NaiveDate, offsets: &[u32]) -> Vec<NaiveDate> {
    let mut days: Vec<_> = offsets
        .iter()
        .filter_map(|&offset| day_to_act.checked_sub_days(Days::new(offset.into())))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

#[cfg(test)]
mod tests;
