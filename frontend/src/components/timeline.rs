//! The membership timeline on the start page: one bar per member from the day it joined to
//! the day it left (or today), on a time axis that starts with the provider's founding year.
//!
//! Drawn as SVG text so that one string, not hundreds of view nodes, carries it; all text in
//! it is escaped.

use core::fmt::Write;

use chrono::{Datelike, NaiveDate};
use verbund_shared::Lang;
use verbund_shared::text::escape_html as escape;

use crate::format;

/// One member's stretch on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub name: String,
    pub joined: NaiveDate,
    pub left: Option<NaiveDate>,
    pub founding: bool,
}

// Whole SVG units: the chart scales with the page, and integers keep float formatting out
// of the wasm.
const WIDTH: i64 = 960;
const PAD_X: i64 = 12;
const ROW: i64 = 38;
const TOP: i64 = 26;
const AXIS: i64 = 30;

/// The chart as SVG markup, for stretches sorted by the day they began. `today_label`
/// names the line that marks today.
pub fn svg(stretches: &[Stretch], today: NaiveDate, lang: Lang, today_label: &str) -> String {
    let first_year = stretches
        .iter()
        .map(|s| s.joined.year())
        .min()
        .unwrap_or(today.year())
        .min(2013);
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).unwrap_or(today);
    let span = (end - start).num_days().max(1);
    let x = |date: NaiveDate| {
        let days = (date - start).num_days().clamp(0, span);
        PAD_X + days * (WIDTH - 2 * PAD_X) / span
    };
    let rows = i64::try_from(stretches.len()).unwrap_or(0);
    let height = TOP + ROW * rows + AXIS;
    let axis_y = TOP + ROW * rows;

    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="presentation" focusable="false" xmlns="http://www.w3.org/2000/svg">"#
    );
    // A light grid line and a label for every year.
    for year in first_year..=today.year() {
        let Some(jan) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let gx = x(jan);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{gx}" y1="{TOP}" x2="{gx}" y2="{axis_y}"/><text class="axis" x="{}" y="{}">{year}</text>"#,
            gx + 3,
            axis_y + 18,
        );
    }
    for (row_y, stretch) in (TOP..).step_by(ROW as usize).zip(stretches) {
        let x1 = x(stretch.joined);
        let x2 = x(stretch.left.unwrap_or(today)).max(x1 + 3);
        let class = if stretch.founding {
            "bar bar-founding"
        } else {
            "bar"
        };
        let label = format!(
            "{} · {}",
            escape(&stretch.name),
            format::date(lang, stretch.joined)
        );
        // Late joiners get their label to the left of the chart's end so it stays inside.
        let (anchor, lx) = if x1 > WIDTH * 62 / 100 {
            ("end", WIDTH - PAD_X)
        } else {
            ("start", x1)
        };
        let _ = write!(
            out,
            r#"<text class="label" x="{lx}" y="{}" text-anchor="{anchor}">{label}</text><rect class="{class}" x="{x1}" y="{}" width="{}" height="10" rx="2"/>"#,
            row_y + 14,
            row_y + 20,
            x2 - x1,
        );
    }
    let tx = x(today);
    let _ = write!(
        out,
        r#"<line class="today" x1="{tx}" y1="{}" x2="{tx}" y2="{axis_y}"/><text class="axis axis-today" x="{tx}" y="{}" text-anchor="end">{}</text></svg>"#,
        TOP - 6,
        TOP - 10,
        escape(today_label),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_every_member_has_a_bar() {
        let day = |s| format::parse_iso(s).unwrap();
        let stretches = [
            Stretch {
                name: "Landkreis <LUP>".into(),
                joined: day("2013-10-01"),
                left: None,
                founding: true,
            },
            Stretch {
                name: "Stadt Grabow".into(),
                joined: day("2019-01-01"),
                left: None,
                founding: false,
            },
        ];
        let svg = svg(&stretches, day("2025-06-30"), Lang::De, "heute");
        assert!(svg.contains("Landkreis &lt;LUP&gt; · 01.10.2013"));
        assert!(svg.contains("Stadt Grabow · 01.01.2019"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains(">2013<") && svg.contains(">2025<"));
    }
}
