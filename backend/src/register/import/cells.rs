//! One row being read: its cells by key, parsed, with the problems found so far.

use std::str::FromStr;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, QueryFilter};

use super::resolve::{Missing, Resolver, RowError, cell};
use super::{Problem, Sheet};
use crate::entities::record::{Cell, Named, Record, RecordType};
use crate::error::ApiResult;
use crate::register::write::{Editable, Tx};
use crate::sheet::Row;
use verbund_shared::said::{day_in, say};
use verbund_shared::{Lang, UnknownCode};

/// One row being read: its cells by key, and the problems found so far.
pub(super) struct Cells<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) row: &'a Row,
    pub(super) problems: Vec<Problem>,
    /// A reference names a row of the files not in yet.
    pub(super) later: bool,
}

impl<'a> Cells<'a> {
    pub(super) fn get(&self, key: &str) -> Option<&'a str> {
        cell(self.sheet, self.row, key)
    }

    /// The header of column `key` as the file writes it.
    pub(super) fn header(&self, key: &str) -> String {
        self.sheet
            .keys
            .iter()
            .position(|k| k == key)
            .and_then(|index| self.sheet.table.headers.get(index))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    pub(super) fn fail(&mut self, key: Option<&str>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.sheet.file.clone(),
            line: Some(self.row.line),
            column: key.map(|key| self.header(key)),
            message: message.into(),
        });
    }

    pub(super) fn text(&self, key: &str) -> Option<String> {
        self.get(key).map(str::to_owned)
    }

    pub(super) fn required(&mut self, key: &str) -> String {
        match self.get(key) {
            Some(text) => text.to_owned(),
            None => {
                self.empty(key);
                String::new()
            }
        }
    }

    /// The problem of a cell the row must give, left empty.
    pub(super) fn empty(&mut self, key: &str) {
        self.fail(Some(key), say("must not be empty", "darf nicht leer sein"));
    }

    /// A code the row must give.
    pub(super) fn required_code<T: FromStr<Err = UnknownCode>>(&mut self, key: &str) -> Option<T> {
        let code = self.code(key);
        if code.is_none() && self.get(key).is_none() {
            self.empty(key);
        }
        code
    }

    pub(super) fn code<T: FromStr<Err = UnknownCode>>(&mut self, key: &str) -> Option<T> {
        let text = self.get(key)?;
        match text.parse() {
            Ok(value) => Some(value),
            Err(err) => {
                let message = say(
                    err.to_string(),
                    format!("{:?} ist keiner der Werte dieser Spalte", err.value()),
                );
                self.fail(Some(key), message);
                None
            }
        }
    }

    pub(super) fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let text = self.get(key)?;
        let day = crate::sheet::day(text);
        if day.is_none() {
            self.fail(
                Some(key),
                say(
                    format!("{text:?} is no day (31.12.2024 or 2024-12-31)"),
                    format!("{text:?} ist kein Tag (31.12.2024 oder 2024-12-31)"),
                ),
            );
        }
        day
    }

    /// The label of a record named by what it belongs to (the cells of `keys`, as the row
    /// names them) and its first `day` as the language asked for writes it: "Stadt Lübz ·
    /// FIBU · 2026-01-01", "… · 01.01.2026".
    pub(super) fn label(&self, keys: &[&str], day: NaiveDate) -> String {
        let day = verbund_shared::said::day(day);
        keys.iter()
            .map(|key| self.get(key).unwrap_or_default())
            .chain([day.as_str()])
            .collect::<Vec<_>>()
            .join(super::labels::LABEL_PARTS)
    }

    /// A day the row must give.
    pub(super) fn required_date(&mut self, key: &str) -> Option<NaiveDate> {
        let day = self.date(key);
        if day.is_none() && self.get(key).is_none() {
            self.empty(key);
        }
        day
    }

    pub(super) fn int(&mut self, key: &str) -> Option<i32> {
        let text = self.get(key)?;
        let number = text.parse().ok();
        if number.is_none() {
            let message = say(
                format!("{text:?} is no whole number"),
                format!("{text:?} ist keine ganze Zahl"),
            );
            self.fail(Some(key), message);
        }
        number
    }

    /// A yes or no: `true`/`false` as the English files and JSON write it, `ja`/`nein` as the
    /// German ones do.
    pub(super) fn flag(&mut self, key: &str) -> Option<bool> {
        let text = self.get(key)?;
        let flag = match text.to_lowercase().as_str() {
            "true" | "ja" => Some(true),
            "false" | "nein" => Some(false),
            _ => None,
        };
        if flag.is_none() {
            self.fail(
                Some(key),
                say(
                    format!("{text:?} is neither ja/true nor nein/false"),
                    format!("{text:?} ist weder ja/true noch nein/false"),
                ),
            );
        }
        flag
    }

    /// An amount in euros with at most two decimals (`12500.00`, `12.500,00`), in cents.
    pub(super) fn euros(&mut self, key: &str) -> Option<i64> {
        let text = self.get(key)?;
        let cents = cents_of(text);
        if cents.is_none() {
            self.fail(
                Some(key),
                say(
                    format!("{text:?} is no amount in euros (12500,00 or 12500.00)"),
                    format!("{text:?} ist kein Betrag in Euro (12500,00 oder 12500.00)"),
                ),
            );
        }
        cents
    }

    /// A day the register records once by a rule of its own (notice given, an end, a last
    /// day of membership), as column `key` gives it: the day to record now, if the register
    /// has none yet. A file that moves a recorded day, or empties its column, has a problem.
    pub(super) fn once(
        &mut self,
        key: &str,
        day: Option<NaiveDate>,
        recorded: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let present = self.sheet.keys.iter().any(|k| k == key);
        match (day, recorded) {
            (Some(day), None) => return Some(day),
            (Some(day), Some(recorded)) if day != recorded => self.fail(
                Some(key),
                say(
                    format!("the register records {recorded}; an import does not change it"),
                    format!(
                        "das Register verzeichnet {}; ein Import ändert das nicht",
                        day_in(Lang::De, recorded)
                    ),
                ),
            ),
            (None, Some(recorded)) if present => self.fail(
                Some(key),
                say(
                    format!("the register records {recorded}; an import does not take it back"),
                    format!(
                        "das Register verzeichnet {}; ein Import nimmt das nicht zurück",
                        day_in(Lang::De, recorded)
                    ),
                ),
            ),
            _ => {}
        }
        None
    }

    /// What a membership's or a coverage's row names: the organisation it belongs to, the
    /// contract it rests on and its source.
    pub(super) async fn belongs(
        &mut self,
        tx: &Tx<'_>,
        resolver: &Resolver,
        strict: bool,
    ) -> ApiResult<[Option<i32>; 3]> {
        let mut ids = [None; 3];
        for (id, (kind, key)) in ids.iter_mut().zip([
            (RecordType::Organisation, "organisation"),
            (RecordType::Contract, "contract"),
            (RecordType::Source, "source"),
        ]) {
            *id = self.refer(tx, resolver, kind, key, strict).await?;
        }
        // Both belong to an organisation.
        if self.get("organisation").is_none() {
            self.empty("organisation");
        }
        Ok(ids)
    }

    /// The record of type `kind` the column `key` names, if any.
    pub(super) async fn refer(
        &mut self,
        tx: &Tx<'_>,
        resolver: &Resolver,
        kind: RecordType,
        key: &str,
        strict: bool,
    ) -> ApiResult<Option<i32>> {
        let Some(text) = self.get(key) else {
            return Ok(None);
        };
        self.refer_to(tx, resolver, kind, key, text, strict).await
    }

    /// The record of type `kind` that `text` in column `key` names.
    pub(super) async fn refer_to(
        &mut self,
        tx: &Tx<'_>,
        resolver: &Resolver,
        kind: RecordType,
        key: &str,
        text: &str,
        strict: bool,
    ) -> ApiResult<Option<i32>> {
        match resolver.find(tx, kind, text, strict).await? {
            Ok(id) => Ok(Some(id)),
            Err(Missing::Later) => {
                self.later = true;
                Ok(None)
            }
            Err(Missing::Problem(message)) => {
                self.fail(Some(key), message);
                Ok(None)
            }
        }
    }

    /// The record of `E` the row's `id` column names, if the register has it; `None` when
    /// the row has no ID or one the register does not know.
    pub(super) async fn by_id<E: Editable>(
        &mut self,
        tx: &Tx<'_>,
        resolver: &Resolver,
    ) -> ApiResult<Option<E::Model>> {
        let Some(text) = self.get("id") else {
            return Ok(None);
        };
        let kind = self.sheet.kind.record_type();
        let id = match RecordType::parse_global_id(text) {
            Some((named, id)) if named == kind => {
                resolver.imported.get(text).copied().unwrap_or(id)
            }
            _ => {
                let message = say(
                    format!("{text:?} is no ID of a {}", kind.noun()),
                    format!(
                        "{text:?} ist keine ID der Art {}",
                        kind.label(verbund_shared::Lang::De)
                    ),
                );
                self.fail(Some("id"), message);
                return Ok(None);
            }
        };
        let found = E::find().filter(E::id_column().eq(id)).one(&tx.txn).await?;
        if let (Some(record), Some(version)) = (&found, self.get("version")) {
            let current = version_of(record);
            if version.parse::<i64>().ok() != Some(current) {
                self.fail(
                    Some("version"),
                    say(
                        format!(
                            "the {} was changed since the file was written (version {version} in the file, {current} in the register)",
                            kind.noun()
                        ),
                        format!(
                            "der Eintrag wurde geändert, seit die Datei geschrieben wurde (Version {version} in der Datei, {current} im Register)"
                        ),
                    ),
                );
            }
        }
        Ok(found)
    }

    /// The row's problems, once one was found.
    pub(super) fn refuse(&mut self) -> RowError {
        if self.problems.is_empty() {
            self.fail(None, say("refused", "abgelehnt"));
        }
        RowError::Problems(std::mem::take(&mut self.problems))
    }

    /// The row's problems, or that it waits for another row.
    pub(super) fn finish(&mut self) -> Result<(), RowError> {
        if !self.problems.is_empty() {
            Err(RowError::Problems(std::mem::take(&mut self.problems)))
        } else if self.later {
            Err(RowError::Later)
        } else {
            Ok(())
        }
    }
}

/// The cents of an amount in euros as a spreadsheet may write it: the domain's form
/// (`12500,00`, `12500.00`), with `.` grouping the thousands before a `,` (`12.500,00`) and a
/// trailing `€`.
fn cents_of(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('€').trim_end();
    if text.contains(',') {
        verbund_shared::drafts::cents_of_euros(&text.replace('.', ""))
    } else {
        verbund_shared::drafts::cents_of_euros(text)
    }
}

/// A record's version.
pub(super) fn version_of<M: Record>(record: &M) -> i64 {
    M::FIELDS
        .iter()
        .position(|field| field.column == "version")
        .and_then(|index| match record.cell_at(index) {
            Cell::Int(version) => Some(version),
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::cents_of;

    #[test]
    fn amounts_in_euros_in_either_language() {
        assert_eq!(cents_of("12500.00"), Some(1_250_000));
        assert_eq!(cents_of("12.500,05"), Some(1_250_005));
        assert_eq!(cents_of("12500,5"), Some(1_250_050));
        assert_eq!(cents_of("7"), Some(700));
        assert_eq!(cents_of("7 €"), Some(700));
        for bad in ["", "-5", "1.234", "1,234", "12a", ",50", "1e3"] {
            assert_eq!(cents_of(bad), None, "{bad}");
        }
    }
}
