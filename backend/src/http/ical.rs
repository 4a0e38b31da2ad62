//! iCalendar (RFC 5545) text for the personal calendar feeds: one `VEVENT` per open deadline,
//! all-day on its day to act, with a `DISPLAY` alarm a week before. Lines end in CRLF and are
//! folded at 75 octets (never inside a character); text values are escaped.

use chrono::{DateTime, NaiveDate, Utc};
use verbund_shared::Lang;

use crate::register::desk::calendar::Event;
use crate::register::desk::mail::{contract_link, german};

/// The longest line before it is folded, in octets, without its CRLF.
const FOLD_AT: usize = 75;

/// The calendar of `events`; `public_url` gives each event the link to its contract, `host`
/// makes the events' UIDs unique to this register.
pub fn calendar(
    events: &[Event],
    public_url: Option<&str>,
    host: &str,
    now: DateTime<Utc>,
) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Verbund//Fristen//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Verbund – Fristen",
        "X-WR-TIMEZONE:Europe/Berlin",
    ] {
        push(&mut out, line);
    }
    for event in events {
        let due = &event.due;
        let contract = due.contract();
        let kind = due.kind.label(Lang::De);
        let link = public_url.map(|base| contract_link(base, due.contract_id));
        let mut description = format!(
            "{kind} des Vertrags {contract}\nFrist: {}\nHandeln bis: {}",
            german(due.day),
            german(due.day_to_act)
        );
        if let Some(link) = &link {
            description.push('\n');
            description.push_str(link);
        }
        let summary = format!("{kind}: {contract}");
        push(&mut out, "BEGIN:VEVENT");
        push(
            &mut out,
            &format!("UID:deadline-{}@{host}", event.deadline_id),
        );
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", date(due.day_to_act)),
        );
        let next = due.day_to_act.succ_opt().unwrap_or(due.day_to_act);
        push(&mut out, &format!("DTEND;VALUE=DATE:{}", date(next)));
        push(&mut out, &format!("SUMMARY:{}", text(&summary)));
        push(&mut out, &format!("DESCRIPTION:{}", text(&description)));
        if let Some(link) = &link {
            push(&mut out, &format!("URL:{link}"));
        }
        push(&mut out, "TRANSP:TRANSPARENT");
        push(&mut out, "BEGIN:VALARM");
        push(&mut out, "ACTION:DISPLAY");
        push(&mut out, "TRIGGER:-P7D");
        push(&mut out, &format!("DESCRIPTION:{}", text(&summary)));
        push(&mut out, "END:VALARM");
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// A text value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at [`FOLD_AT`] octets: each continuation starts with a space.
fn push(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        // A continuation line's leading space counts towards its 75 octets.
        if width + len > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "ä".repeat(60));
        push(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= FOLD_AT), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
