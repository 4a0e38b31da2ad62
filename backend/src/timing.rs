//! The server's clock and the times of the deadline desk: when reminders go out and how many
//! days before the day to act.
//!
//! Every part of the server that asks what day or time it is asks its [`Clock`]. A server
//! runs on the system clock; a test makes a clock of its own ([`Clock::fixed`]), hands it to
//! the server with the settings it starts with, and moves it ([`Clock::set`]). No request can
//! set it.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use verbund_shared::berlin;
use verbund_shared::calendar::DEFAULT_REMINDER_OFFSETS;

/// What time it is: the system's, or one a test sets.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<Mutex<DateTime<Utc>>>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stands at `at` until it is set again.
    pub fn fixed(at: DateTime<Utc>) -> Self {
        Self(Some(Arc::new(Mutex::new(at))))
    }

    /// Moves a fixed clock to `at` (for every server it was handed to); the system clock
    /// cannot be moved, so nothing happens to it.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(fixed) = &self.0 {
            *crate::sync::locked(fixed) = at;
        }
    }

    /// Now.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(fixed) => *crate::sync::locked(fixed),
        }
    }

    /// Today in Germany (Europe/Berlin), where the register's days are days.
    pub fn today(&self) -> NaiveDate {
        berlin::utc_to_berlin(self.now()).map_or_else(|| self.now().date_naive(), |t| t.date())
    }
}

/// The clock and the desk's reminder settings a server runs with.
#[derive(Debug, Clone)]
pub struct Timing {
    /// What time it is.
    pub clock: Clock,
    /// Days before the day to act on which people are reminded, unless a contract has its
    /// own.
    pub offsets: Vec<u32>,
    /// The local time (Europe/Berlin) at which the reminders of a day go out.
    pub send_at: NaiveTime,
    /// Reminders are mailed too (the server has a mail server): a claimed reminder gets a
    /// delivery for each recipient with a mail address.
    pub mail: bool,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            clock: Clock::system(),
            offsets: DEFAULT_REMINDER_OFFSETS.to_vec(),
            send_at: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or(NaiveTime::MIN),
            mail: false,
        }
    }
}

impl Timing {
    /// The instant at which the reminders of `day` go out.
    pub fn send_instant(&self, day: NaiveDate) -> Option<DateTime<Utc>> {
        use chrono::Timelike;
        berlin::berlin_to_utc(day, self.send_at.hour(), self.send_at.minute())
    }

    /// The last day whose reminders are due at `now`: today once the sending time has come,
    /// else yesterday.
    pub fn due_through(&self, now: DateTime<Utc>) -> Option<NaiveDate> {
        let today = berlin::utc_to_berlin(now)?.date();
        match self.send_instant(today) {
            Some(at) if at <= now => Some(today),
            _ => today.pred_opt(),
        }
    }
}

/// Reads reminder days as given on the command line or stored for a contract: whole days
/// between 0 and 3660, comma-separated, at least one.
pub fn parse_offsets(text: &str) -> Result<Vec<u32>, String> {
    let mut days = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let day: u32 = part
            .parse()
            .map_err(|_| format!("`{part}` is not a number of days"))?;
        if day > MAX_OFFSET {
            return Err(format!("{day} days is more than {MAX_OFFSET}"));
        }
        days.push(day);
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    if days.is_empty() || days.len() > MAX_OFFSETS {
        return Err(format!("between 1 and {MAX_OFFSETS} reminder days"));
    }
    Ok(days)
}

/// The most days before a deadline a reminder may fall (ten years).
pub const MAX_OFFSET: u32 = 3660;
/// The most reminders of one deadline.
pub const MAX_OFFSETS: usize = 10;

/// Reminder days written as [`parse_offsets`] reads them.
pub fn format_offsets(days: &[u32]) -> String {
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads a time of day `HH:MM`.
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| format!("`{text}` is not HH:MM"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn reminders_of_a_day_are_due_from_seven_in_berlin() {
        let timing = Timing::default();
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        let due = |now: &str, through: &str| {
            assert_eq!(timing.due_through(at(now)), Some(day(through)), "at {now}");
        };
        // Winter: 07:00 CET is 06:00 UTC.
        due("2027-01-15T05:59:00Z", "2027-01-14");
        due("2027-01-15T06:00:00Z", "2027-01-15");
        // Summer: 07:00 CEST is 05:00 UTC.
        due("2027-07-15T04:59:00Z", "2027-07-14");
        due("2027-07-15T05:00:00Z", "2027-07-15");
        // Berlin's day begins before UTC's.
        let clock = Clock::fixed(at("2027-01-14T23:30:00Z"));
        assert_eq!(clock.today(), day("2027-01-15"));
    }

    #[test]
    fn offsets_are_read_and_checked() {
        assert_eq!(parse_offsets("0, 7,30,90,7"), Ok(vec![90, 30, 7, 0]));
        assert!(parse_offsets("").is_err());
        assert!(parse_offsets("-1").is_err());
        assert!(parse_offsets("3661").is_err());
        assert_eq!(format_offsets(&[60, 14, 0]), "60,14,0");
        assert_eq!(
            parse_time("06:30"),
            Ok(NaiveTime::from_hms_opt(6, 30, 0).unwrap())
        );
        assert!(parse_time("25:00").is_err());
    }

    #[test]
    fn a_fixed_clock_moves_for_everyone_holding_it() {
        let clock = Clock::fixed(at("2027-01-15T06:00:00Z"));
        let copy = clock.clone();
        clock.set(at("2027-02-01T06:00:00Z"));
        assert_eq!(copy.now(), at("2027-02-01T06:00:00Z"));
    }
}
