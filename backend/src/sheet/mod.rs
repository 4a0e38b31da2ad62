//! The files staff exchange with the register: the columns' German headers, and reading a
//! CSV or JSON file in the format the exports write (`http::export`) into rows of text, so
//! that an import can take back what an export gave.

pub mod german;

use chrono::NaiveDate;
use verbund_shared::said::say;

/// A file's rows under its column keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file's headers as written (German or English).
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Rows are CSV lines (true) or the entries of a JSON array (false).
    pub csv: bool,
}

/// One row: where it is in the file and its cells, in the order of the headers; an empty
/// cell (or a JSON `null`) is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The CSV line (the headers are line 1), or the JSON entry's number from 1.
    pub line: u64,
    pub cells: Vec<Option<String>>,
}

/// What makes a file unreadable, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The line (CSV) or entry (JSON), when the problem has one.
    pub line: Option<u64>,
    pub message: String,
}

/// Reads `text` as JSON when it starts with `[` (after white space), else as CSV with `;`
/// between fields, with or without a byte-order mark.
///
/// # Errors
///
/// The first thing that makes the file unreadable: characters that were not UTF-8 (a browser
/// reading such a file puts U+FFFD in their place), fields separated by `,` or tabs, broken
/// quoting, a row with more or fewer fields than the headers, JSON that is not an array of
/// objects.
pub fn read(text: &str) -> Result<Table, Unreadable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text.find('\u{fffd}') {
        return Err(Unreadable {
            line: Some(text[..at].matches('\n').count() as u64 + 1),
            message: say(
                "not UTF-8 text: save the file as \"CSV UTF-8\" (a spreadsheet's plain \"CSV\" is often Windows-1252)",
                "kein UTF-8-Text: speichern Sie die Datei als „CSV UTF-8“ (das einfache „CSV“ einer Tabellenkalkulation ist oft Windows-1252)",
            ),
        });
    }
    if text.trim_start().starts_with('[') {
        read_json(text)
    } else {
        read_csv(text)
    }
}

fn read_csv(text: &str) -> Result<Table, Unreadable> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let unreadable = |err: csv::Error| Unreadable {
        line: err.position().map(|p| p.line() + 1),
        message: match err.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => say(
                format!("{len} fields where the headers name {expected_len}"),
                format!("{len} Felder, wo die Spaltenköpfe {expected_len} nennen"),
            ),
            csv::ErrorKind::Utf8 { .. } => say("not UTF-8 text", "kein UTF-8-Text"),
            _ => say(
                "not a CSV line with ; between fields",
                "keine CSV-Zeile mit ; zwischen den Feldern",
            ),
        },
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(unreadable)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if let [only] = headers.as_slice()
        && let Some(separator) = [(',', ("commas", "Kommas")), ('\t', ("tabs", "Tabulatoren"))]
            .into_iter()
            .find(|(c, _)| only.contains(*c))
    {
        return Err(Unreadable {
            line: Some(1),
            message: say(
                format!(
                    "the fields are separated by {}: the register's files separate them by ;",
                    separator.1.0
                ),
                format!(
                    "die Felder sind durch {} getrennt: die Dateien des Registers trennen sie durch ;",
                    separator.1.1
                ),
            ),
        });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(unreadable)?;
        // The reader's lines count from 0; a file's first line is line 1.
        let line = record.position().map_or(0, |p| p.line() + 1);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cells = record.iter().map(csv_cell).collect();
        rows.push(Row { line, cells });
    }
    Ok(Table {
        headers,
        rows,
        csv: true,
    })
}

/// A CSV field's text: trimmed, `None` when empty, without the `'` an export puts before a
/// text a spreadsheet would take for a formula.
fn csv_cell(cell: &str) -> Option<String> {
    let cell = cell.trim();
    let unguarded = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    };
    (!unguarded.is_empty()).then(|| unguarded.to_owned())
}

fn read_json(text: &str) -> Result<Table, Unreadable> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|err| Unreadable {
        line: Some(err.line() as u64),
        message: say("not valid JSON", "kein gültiges JSON"),
    })?;
    let Some(entries) = value.as_array() else {
        return Err(Unreadable {
            line: None,
            message: say(
                "not a JSON array of objects",
                "keine JSON-Liste von Objekten",
            ),
        });
    };
    let mut headers: Vec<String> = Vec::new();
    for entry in entries {
        for key in entry.as_object().into_iter().flat_map(|o| o.keys()) {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let mut rows = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let line = index as u64 + 1;
        let Some(object) = entry.as_object() else {
            return Err(Unreadable {
                line: Some(line),
                message: say("not a JSON object", "kein JSON-Objekt"),
            });
        };
        let mut cells = Vec::with_capacity(headers.len());
        for header in &headers {
            let cell = match object.get(header) {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(text)) => {
                    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
                }
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
                Some(_) => {
                    return Err(Unreadable {
                        line: Some(line),
                        message: say(
                            format!("{header}: a list or an object, not a value"),
                            format!("{header}: eine Liste oder ein Objekt statt eines Werts"),
                        ),
                    });
                }
            };
            cells.push(cell);
        }
        rows.push(Row { line, cells });
    }
    Ok(Table {
        headers,
        rows,
        csv: false,
    })
}

/// The header of the column `key` in `lang`: its key in English, its German name in German
/// (the key where it has none).
pub fn header(key: &str, lang: verbund_shared::Lang) -> String {
    match lang {
        verbund_shared::Lang::De => german::header(key).unwrap_or(key).to_owned(),
        verbund_shared::Lang::En => key.to_owned(),
    }
}

/// A day as either language writes it: `31.12.2024` or `2024-12-31`.
pub fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_mark_quotes_and_guarded_formulas() {
        let text = "\u{feff}Name;Kürzel;Notiz\r\n\"Amt; Grabow\";'=1+1;\"say \"\"hi\"\"\"\r\n;;\r\nx;;\r\n";
        let table = read(text).unwrap_or_else(|err| panic!("{err:?}"));
        assert!(table.csv);
        assert_eq!(table.headers, ["Name", "Kürzel", "Notiz"]);
        assert_eq!(
            table.rows,
            [
                Row {
                    line: 2,
                    cells: vec![
                        Some("Amt; Grabow".to_owned()),
                        Some("=1+1".to_owned()),
                        Some("say \"hi\"".to_owned())
                    ],
                },
                Row {
                    line: 4,
                    cells: vec![Some("x".to_owned()), None, None],
                },
            ]
        );
    }

    #[test]
    fn other_separators_and_unreadable_characters_are_named() {
        for (text, said) in [
            ("name,kind\r\nAmt X,AMT\r\n", "separated by commas"),
            ("name\tkind\r\nAmt X\tAMT\r\n", "separated by tabs"),
        ] {
            let err = read(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} was read"));
            assert_eq!(err.line, Some(1));
            assert!(err.message.contains(said), "{err:?}");
        }
        // One column is no separator problem.
        assert!(read("title\r\nAmtsblatt, Ausgabe 3\r\n").is_ok());
        let err = read("name;kind\r\nGemeinde L\u{fffd}bz;GEMEINDE\r\n").err();
        let err = err.unwrap_or_else(|| panic!("read"));
        assert_eq!(err.line, Some(2));
        assert!(err.message.starts_with("not UTF-8"), "{err:?}");
    }

    #[test]
    fn a_short_line_is_named() {
        let err = read("a;b\r\n1;2\r\n3\r\n").err();
        assert_eq!(
            err,
            Some(Unreadable {
                line: Some(3),
                message: "1 fields where the headers name 2".to_owned()
            })
        );
    }

    #[test]
    fn json_as_the_export_writes_it() {
        let text = "[\n{\"code\":\"FIBU\",\"workstations\":12,\"vendor\":null}\n]\n";
        let table = read(text).unwrap_or_else(|err| panic!("{err:?}"));
        assert!(!table.csv);
        // The keys in the order of their names (the columns are found by key).
        assert_eq!(table.headers, ["code", "vendor", "workstations"]);
        assert_eq!(
            table.rows[0].cells,
            [Some("FIBU".to_owned()), None, Some("12".to_owned())]
        );
        assert_eq!(read("[1]").err().and_then(|e| e.line), Some(1));
    }

    #[test]
    fn days_in_either_language() {
        let expected = NaiveDate::from_ymd_opt(2024, 12, 31);
        assert_eq!(day("31.12.2024"), expected);
        assert_eq!(day("2024-12-31"), expected);
        assert_eq!(day("31/12/2024"), None);
    }
}
