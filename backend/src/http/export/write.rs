//! The file formats: CSV after RFC 4180 with `;` between fields (what spreadsheets set to
//! German expect), UTF-8 with a byte-order mark, lines ended by CRLF, German or English
//! headers, dates and truth values; JSON as one array of objects with the columns' English
//! keys and ISO dates. Both are written a batch at a time.

use super::columns::Value;
use super::params::{Format, Lang};
use crate::register::export::euros;

/// The byte-order mark that tells spreadsheets the file is UTF-8.
const BOM: &str = "\u{feff}";

/// Writes one export's text.
#[derive(Debug)]
pub struct Writer {
    format: Format,
    lang: Lang,
    keys: Vec<String>,
    rows: u64,
}

impl Writer {
    pub fn new(format: Format, lang: Lang, keys: Vec<String>) -> Self {
        Self {
            format,
            lang,
            keys,
            rows: 0,
        }
    }

    /// How many rows have been written.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// What comes before the first row: the CSV file's mark and headers, the JSON array's
    /// opening.
    pub fn start(&self, headers: &[String]) -> String {
        match self.format {
            Format::Csv => {
                let mut out = String::from(BOM);
                let cells: Vec<String> = headers.iter().map(|h| csv_text(h)).collect();
                out.push_str(&cells.join(";"));
                out.push_str("\r\n");
                out
            }
            Format::Json => "[".to_owned(),
        }
    }

    /// Appends `rows` to `out`.
    pub fn write(&mut self, rows: &[Vec<Value>], out: &mut String) {
        for row in rows {
            match self.format {
                Format::Csv => {
                    let cells: Vec<String> = row.iter().map(|v| self.csv_cell(v)).collect();
                    out.push_str(&cells.join(";"));
                    out.push_str("\r\n");
                }
                Format::Json => {
                    out.push_str(if self.rows == 0 { "\n" } else { ",\n" });
                    out.push('{');
                    for (index, (key, value)) in self.keys.iter().zip(row).enumerate() {
                        if index > 0 {
                            out.push(',');
                        }
                        out.push_str(&json_string(key));
                        out.push(':');
                        out.push_str(&json_value(value));
                    }
                    out.push('}');
                }
            }
            self.rows += 1;
        }
    }

    /// What comes after the last row.
    pub fn end(&self) -> &'static str {
        match (self.format, self.rows) {
            (Format::Csv, _) => "",
            (Format::Json, 0) => "]\n",
            (Format::Json, _) => "\n]\n",
        }
    }

    fn csv_cell(&self, value: &Value) -> String {
        let de = self.lang == Lang::De;
        match value {
            Value::Null => String::new(),
            Value::Text(text) => csv_text(text),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => match (de, b) {
                (true, true) => "ja".to_owned(),
                (true, false) => "nein".to_owned(),
                (false, b) => b.to_string(),
            },
            Value::Date(day) if de => day.format("%d.%m.%Y").to_string(),
            Value::Date(day) => day.format("%Y-%m-%d").to_string(),
            Value::Time(at) if de => at.format("%d.%m.%Y %H:%M:%S").to_string(),
            Value::Time(at) => at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            Value::Euros(cents) => euros(*cents, if de { ',' } else { '.' }),
        }
    }
}

/// A text as a CSV field: quoted when it holds the separator, a quote or a line break (quotes
/// doubled). A text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return first) gets a leading `'`, so opening an export never runs what someone
/// typed into the register.
fn csv_text(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn json_value(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Text(text) => json_string(text),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(day) => format!("\"{}\"", day.format("%Y-%m-%d")),
        Value::Time(at) => format!("\"{}\"", at.format("%Y-%m-%dT%H:%M:%SZ")),
        Value::Euros(cents) => json_string(&euros(*cents, '.')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn csv_quotes_what_needs_it_and_guards_formulas() {
        assert_eq!(csv_text("plain"), "plain");
        assert_eq!(csv_text("a;b"), "\"a;b\"");
        assert_eq!(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_text("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_text("=SUM(A1)"), "'=SUM(A1)");
    }

    #[test]
    fn dates_and_truth_in_either_language() {
        let keys = vec!["day".to_owned(), "ok".to_owned(), "share".to_owned()];
        let row = vec![
            Value::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default()),
            Value::Bool(true),
            Value::Euros(1_250_005),
        ];
        let mut de = Writer::new(Format::Csv, Lang::De, keys.clone());
        let mut out = String::new();
        de.write(std::slice::from_ref(&row), &mut out);
        assert_eq!(out, "01.03.2026;ja;12500,05\r\n");
        let mut json = Writer::new(Format::Json, Lang::De, keys);
        let mut out = json.start(&[]);
        json.write(&[row], &mut out);
        out.push_str(json.end());
        assert_eq!(
            out,
            "[\n{\"day\":\"2026-03-01\",\"ok\":true,\"share\":\"12500.05\"}\n]\n"
        );
    }
}
