//! Dates and numbers as people read them: `31.12.2021` and `3.500` in German,
//! `31 Dec 2021` and `3,500` in English. The API's dates are ISO text (`2021-12-31`).

use chrono::{Datelike, Days, NaiveDate};
use verbund_shared::Lang;

/// Today in the browser's time zone: the day the staff member means by "today".
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(now.get_full_year()).unwrap_or(2000),
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Parses a day as people type it into a date field, in either language: `31.12.2021`
/// (also `1.2.2021`) or `2021-12-31`; `None` for anything else.
pub fn parse_typed(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(day) = parse_iso(text) {
        return Some(day);
    }
    let mut parts = text.splitn(3, '.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(day, 2) || !digits(month, 2) || year.len() != 4 || !digits(year, 4) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A day as a date field shows it: `31.12.2021` in German, `2021-12-31` in English.
pub use verbund_shared::said::day_in as typed;

/// Parses an ISO day (`2019-01-01`); `None` for anything else.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?;
    let month = parts.next()?;
    let day = parts.next()?;
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The ISO form of a day, as the API and `<input type=date>` want it.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `days` days after `date`.
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day as people read it in `lang`.
pub fn date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::De => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS_EN[date.month0() as usize],
            date.year()
        ),
    }
}

/// An ISO day from the API as people read it; text that is no ISO day is shown as it came.
pub fn date_text(lang: Lang, text: &str) -> String {
    parse_iso(text).map_or_else(|| text.to_owned(), |d| date(lang, d))
}

/// A moment from the API (`2026-11-27T08:15:42Z`) as people read it in the app's language,
/// in this browser's time zone: `27.11.2026 09:15`, `27 Nov 2026 09:15`; text that is no
/// moment (empty too) shows as it came.
pub fn date_time(text: &str) -> String {
    let local = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(text));
    if text.is_empty() || local.get_time().is_nan() {
        return text.to_owned();
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(local.get_full_year()).unwrap_or_default(),
        local.get_month() + 1,
        local.get_date(),
    )
    .map_or_else(
        || text.to_owned(),
        |day| {
            clock(
                verbund_shared::said::spoken(),
                day,
                local.get_hours(),
                local.get_minutes(),
            )
        },
    )
}

/// A day and a time of day as people read them in `lang`.
pub fn clock(lang: Lang, day: NaiveDate, hours: u32, minutes: u32) -> String {
    format!("{} {hours:02}:{minutes:02}", date(lang, day))
}

/// An optional ISO day, or a dash.
pub fn opt_date(lang: Lang, text: Option<&String>) -> String {
    text.map_or_else(|| DASH.to_owned(), |t| date_text(lang, t))
}

/// What tables show where nothing is recorded.
pub const DASH: &str = "–";

/// A whole number with thousands separators.
pub use verbund_shared::said::number_in as number;

/// An optional number, or a dash.
pub fn opt_number(lang: Lang, value: Option<i64>) -> String {
    value.map_or_else(|| DASH.to_owned(), |v| number(lang, v))
}

/// An amount of money in euros from the API's decimal text, e.g. `12500.00` → `12.500,00 €`.
pub fn euros(lang: Lang, decimal: &str) -> String {
    let (whole, fraction) = decimal.split_once('.').unwrap_or((decimal, ""));
    let Ok(whole) = whole.parse::<i64>() else {
        return decimal.to_owned();
    };
    let cents: String = fraction.chars().chain("00".chars()).take(2).collect();
    match lang {
        Lang::De => format!("{},{cents} €", number(lang, whole)),
        Lang::En => format!("€{}.{cents}", number(lang, whole)),
    }
}

/// Days from `from` to `to` (negative when `to` lies before).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_well_in_both_languages() {
        let d = parse_iso("2021-12-31").unwrap();
        assert_eq!(date(Lang::De, d), "31.12.2021");
        assert_eq!(date(Lang::En, d), "31 Dec 2021");
        assert_eq!(iso(d), "2021-12-31");
        assert_eq!(parse_iso("2021-13-01"), None);
        assert_eq!(parse_iso("21-12-31"), None);
        assert_eq!(date_text(Lang::De, "soon"), "soon");
        let d = parse_iso("2026-11-27").unwrap();
        assert_eq!(clock(Lang::De, d, 9, 5), "27.11.2026 09:05");
        assert_eq!(clock(Lang::En, d, 23, 59), "27 Nov 2026 23:59");
        assert_eq!(
            add_days(parse_iso("2024-12-15").unwrap(), 90),
            parse_iso("2025-03-15").unwrap()
        );
    }

    #[test]
    fn typed_days_are_read_in_either_form() {
        let d = parse_iso("2021-02-03").unwrap();
        assert_eq!(typed(Lang::De, d), "03.02.2021");
        assert_eq!(typed(Lang::En, d), "2021-02-03");
        for text in ["03.02.2021", "3.2.2021", " 03.02.2021 ", "2021-02-03"] {
            assert_eq!(parse_typed(text), Some(d), "{text}");
        }
        for text in [
            "",
            "31.02.2021",
            "03.02.21",
            "3.2.",
            "+3.2.2021",
            "03/02/2021",
            "2021-2-3",
        ] {
            assert_eq!(parse_typed(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_get_separators() {
        assert_eq!(number(Lang::De, 3500), "3.500");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::De, 83), "83");
        assert_eq!(number(Lang::De, -1000), "-1.000");
        assert_eq!(euros(Lang::De, "12500.5"), "12.500,50 €");
        assert_eq!(euros(Lang::En, "100"), "€100.00");
    }
}
