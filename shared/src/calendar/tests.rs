//! Table tests of the calendar rules, by hand and against a second computus.

use super::*;
use crate::Lang;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn easter_on_known_dates() {
    // Earliest (22 March) and latest (25 April) possible days, century years with and
    // without a leap day, and the years where the computus needs its correction.
    let known = [
        "1583-04-10",
        "1600-04-02",
        "1700-04-11",
        "1800-04-13",
        "1818-03-22",
        "1900-04-15",
        "1913-03-23",
        "1943-04-25",
        "1954-04-18",
        "1961-04-02",
        "1981-04-19",
        "2000-04-23",
        "2008-03-23",
        "2011-04-24",
        "2019-04-21",
        "2024-03-31",
        "2025-04-20",
        "2026-04-05",
        "2038-04-25",
        "2049-04-18",
        "2076-04-19",
        "2100-03-28",
        "2285-03-22",
        "2400-04-16",
        "4099-04-19",
    ];
    for easter in known {
        let easter = day(easter);
        assert_eq!(easter_sunday(easter.year()), Some(easter), "{easter}");
    }
}

/// Gauss's Easter formula with the two exceptions of the Gregorian tables, written
/// independently of the one under test.
fn gauss(year: i32) -> NaiveDate {
    let y = i64::from(year);
    let k = y.div_euclid(100);
    let p = (13 + 8 * k).div_euclid(25);
    let q = k.div_euclid(4);
    let m = (15 - p + k - q).rem_euclid(30);
    let n = (4 + k - q).rem_euclid(7);
    let d = (19 * y.rem_euclid(19) + m).rem_euclid(30);
    let e = (2 * y.rem_euclid(4) + 4 * y.rem_euclid(7) + 6 * d + n).rem_euclid(7);
    let mut days_after_march_22 = d + e;
    if d == 29 && e == 6 {
        days_after_march_22 -= 7;
    }
    if d == 28 && e == 6 && (11 * m + 11).rem_euclid(30) < 19 {
        days_after_march_22 -= 7;
    }
    let march_22 = NaiveDate::from_ymd_opt(year, 3, 22).unwrap();
    march_22 + Days::new(days_after_march_22.try_into().unwrap())
}

#[test]
fn easter_agrees_with_gauss_and_is_a_sunday_in_its_window() {
    for year in -3000..=12_000 {
        let easter = easter_sunday(year).unwrap();
        assert_eq!(easter, gauss(year), "{year}");
        assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
        let earliest = NaiveDate::from_ymd_opt(year, 3, 22).unwrap();
        let latest = NaiveDate::from_ymd_opt(year, 4, 25).unwrap();
        assert!((earliest..=latest).contains(&easter), "{year}");
    }
}

#[test]
fn easter_beyond_the_calendar_is_none() {
    assert_eq!(easter_sunday(NaiveDate::MAX.year() + 1), None);
    assert!(easter_sunday(NaiveDate::MIN.year()).is_some());
}

fn listed(year: i32) -> Vec<(String, Holiday)> {
    holidays(year)
        .into_iter()
        .map(|(day, holiday)| (day.to_string(), holiday))
        .collect()
}

#[test]
fn holidays_of_2022_2023_and_2024() {
    use Holiday::*;
    let expected = |list: &[(&str, Holiday)]| -> Vec<(String, Holiday)> {
        list.iter().map(|&(d, h)| (d.to_owned(), h)).collect()
    };
    assert_eq!(
        listed(2022),
        expected(&[
            ("2022-01-01", NewYear),
            ("2022-04-15", GoodFriday),
            ("2022-04-18", EasterMonday),
            ("2022-05-01", LabourDay),
            ("2022-05-26", Ascension),
            ("2022-06-06", WhitMonday),
            ("2022-10-03", GermanUnity),
            ("2022-10-31", ReformationDay),
            ("2022-12-25", ChristmasDay),
            ("2022-12-26", SecondChristmasDay),
        ])
    );
    assert_eq!(
        listed(2023),
        expected(&[
            ("2023-01-01", NewYear),
            ("2023-03-08", WomensDay),
            ("2023-04-07", GoodFriday),
            ("2023-04-10", EasterMonday),
            ("2023-05-01", LabourDay),
            ("2023-05-18", Ascension),
            ("2023-05-29", WhitMonday),
            ("2023-10-03", GermanUnity),
            ("2023-10-31", ReformationDay),
            ("2023-12-25", ChristmasDay),
            ("2023-12-26", SecondChristmasDay),
        ])
    );
    // Easter in March: Women's Day, Good Friday, Easter Monday in one month's span.
    assert_eq!(
        listed(2024)[1..5],
        expected(&[
            ("2024-03-08", WomensDay),
            ("2024-03-29", GoodFriday),
            ("2024-04-01", EasterMonday),
            ("2024-05-01", LabourDay),
        ])
    );
}

#[test]
fn holiday_of_a_day() {
    let cases = [
        ("2022-03-08", None),
        ("2023-03-08", Some(Holiday::WomensDay)),
        ("2024-03-31", None),
        ("2024-05-09", Some(Holiday::Ascension)),
        ("2024-05-19", None),
        ("2024-05-20", Some(Holiday::WhitMonday)),
        ("2024-12-24", None),
        ("1900-04-13", Some(Holiday::GoodFriday)),
        ("2100-03-29", Some(Holiday::EasterMonday)),
    ];
    for (d, expected) in cases {
        assert_eq!(holiday(day(d)), expected, "{d}");
    }
}

#[test]
fn working_days_and_the_day_to_act() {
    let cases = [
        // (deadline, working day?, day to act)
        ("2021-09-30", true, "2021-09-30"),
        ("2021-10-02", false, "2021-10-01"),
        ("2021-10-03", false, "2021-10-01"),
        ("2021-12-26", false, "2021-12-24"),
        ("2022-01-01", false, "2021-12-31"),
        ("2022-10-03", false, "2022-09-30"),
        ("2022-03-08", true, "2022-03-08"),
        ("2023-03-08", false, "2023-03-07"),
        ("2024-04-01", false, "2024-03-28"),
        ("2024-05-09", false, "2024-05-08"),
        ("2024-10-31", false, "2024-10-30"),
        ("2025-12-28", false, "2025-12-24"),
        ("2027-01-03", false, "2026-12-31"),
    ];
    for (deadline, working, to_act) in cases {
        let deadline = day(deadline);
        assert_eq!(is_working_day(deadline), working, "{deadline}");
        assert_eq!(
            last_working_day_on_or_before(deadline),
            day(to_act),
            "{deadline}"
        );
    }
    assert_eq!(
        last_working_day_on_or_before(NaiveDate::MIN),
        NaiveDate::MIN
    );
}

#[test]
fn reminders_are_sorted_and_without_repeats() {
    let to_act = day("2024-03-28");
    assert_eq!(
        reminder_days(to_act, &DEFAULT_REMINDER_OFFSETS),
        [
            day("2023-12-29"),
            day("2024-02-27"),
            day("2024-03-21"),
            to_act
        ]
    );
    assert_eq!(
        reminder_days(to_act, &[7, 0, 7, 1, 0]),
        [day("2024-03-21"), day("2024-03-27"), to_act]
    );
    assert_eq!(reminder_days(to_act, &[]), []);
    let early = NaiveDate::MIN + Days::new(3);
    assert_eq!(reminder_days(early, &[5, 3]), [NaiveDate::MIN]);
}

#[test]
fn holiday_codes_and_labels() {
    assert_eq!(Holiday::ALL.len(), 11);
    assert_eq!(Holiday::WhitMonday.label(Lang::De), "Pfingstmontag");
    for holiday in Holiday::ALL {
        assert_eq!(holiday.as_str().parse(), Ok(holiday));
    }
}

#[test]
fn ascension_on_labour_day_is_listed_with_it() {
    let may_1 = day("2008-05-01");
    assert_eq!(easter_sunday(2008), Some(day("2008-03-23")));
    let on_may_1: Vec<_> = holidays(2008)
        .into_iter()
        .filter(|&(d, _)| d == may_1)
        .map(|(_, h)| h)
        .collect();
    assert_eq!(on_may_1, [Holiday::LabourDay, Holiday::Ascension]);
    assert_eq!(holiday(may_1), Some(Holiday::LabourDay));
    assert_eq!(holidays(2008).len(), 10, "no Women's Day yet");
}
