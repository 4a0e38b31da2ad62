//! The records a row names: by global ID, by natural key, or a row of the files not in yet.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use super::{Kind, Problem, Sheet};
use crate::entities::record::{Named, Record, RecordType};
use crate::entities::{contract, coverage, organisation, service, source};
use crate::error::ApiResult;
use crate::register::write::Tx;
use crate::sheet::Row;
use verbund_shared::said::say;

/// Why a row could not be applied.
#[derive(Debug)]
pub enum RowError {
    /// It refers to a row of the files that is not in yet.
    Later,
    Problems(Vec<Problem>),
}

/// The records the rows refer to: those the files give (by their ID or natural key), and the
/// IDs the rows already imported got.
#[derive(Debug, Default)]
pub struct Resolver {
    /// A row's global ID as the file writes it, and the record it became.
    pub(super) imported: HashMap<String, i32>,
    /// The record each row applied became (or changed), by its global ID, with the row's file
    /// and line: a record takes one row per import.
    pub(super) claimed: HashMap<String, (String, u64)>,
    /// The IDs and natural keys of the files' rows, by type.
    given: HashMap<RecordType, HashSet<String>>,
    /// What the register answered to a reference, by type and text, until a row of that type
    /// is applied: many rows name the same few records.
    found: std::sync::Mutex<HashMap<(RecordType, String), Vec<i32>>>,
}

/// Why a reference names no record (yet).
pub(super) enum Missing {
    Later,
    Problem(String),
}

impl Resolver {
    pub(super) fn new(sheets: &[Sheet]) -> Self {
        let mut given: HashMap<RecordType, HashSet<String>> = HashMap::new();
        for sheet in sheets {
            let names: &[&str] = match sheet.kind {
                Kind::Organisations => &["id", "officialKey", "name"],
                Kind::Sources => &["id", "title"],
                Kind::Services => &["id", "code"],
                Kind::Contracts => &["id", "number"],
                Kind::Memberships | Kind::Coverages => &["id"],
            };
            let set = given.entry(sheet.kind.record_type()).or_default();
            for row in &sheet.table.rows {
                for name in names {
                    if let Some(text) = cell(sheet, row, name) {
                        set.insert(text.to_owned());
                    }
                }
            }
        }
        Self {
            imported: HashMap::new(),
            claimed: HashMap::new(),
            given,
            found: std::sync::Mutex::default(),
        }
    }

    /// Forgets what the register answered about records of `kind` (a row of it was applied).
    pub(super) fn changed(&self, kind: RecordType) {
        self.cache().retain(|(cached, _), _| *cached != kind);
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<(RecordType, String), Vec<i32>>> {
        crate::sync::locked(&self.found)
    }

    /// The records of `kind` that `text` names in the register (by id when `id` is given).
    async fn look_up(
        &self,
        tx: &Tx<'_>,
        kind: RecordType,
        text: &str,
        id: Option<i32>,
    ) -> ApiResult<Vec<i32>> {
        let key = (kind, text.to_owned());
        if let Some(found) = self.cache().get(&key) {
            return Ok(found.clone());
        }
        let found = match id {
            Some(id) => exists(tx, kind, id)
                .await?
                .then_some(id)
                .into_iter()
                .collect(),
            None => by_natural_key(tx, kind, text).await?,
        };
        self.cache().insert(key, found.clone());
        Ok(found)
    }

    /// The row of the files before `row` that already became the record `global`, as a
    /// problem of `row`.
    pub(super) fn twice(&self, sheet: &Sheet, row: &Row, global: &str) -> Option<Problem> {
        let (file, line) = self.claimed.get(global)?;
        let noun = RecordType::parse_global_id(global)
            .map_or("record".to_owned(), |(kind, _)| kind.noun());
        let place = if *file == sheet.file {
            say(format!("line {line}"), format!("Zeile {line}"))
        } else {
            say(
                format!("line {line} of {file}"),
                format!("Zeile {line} von {file}"),
            )
        };
        Some(Problem {
            file: sheet.file.clone(),
            line: Some(row.line),
            column: None,
            message: say(
                format!("names the same {noun} as {place}: an import takes one row per record"),
                format!(
                    "nennt denselben Eintrag wie {place}: ein Import nimmt je Eintrag eine Zeile"
                ),
            ),
        })
    }

    /// Notes that `row` became the record `global`.
    pub(super) fn imported(&mut self, sheet: &Sheet, row: &Row, global: &str) {
        self.claimed
            .insert(global.to_owned(), (sheet.file.clone(), row.line));
        if let (Some(text), Some((_, id))) =
            (cell(sheet, row, "id"), RecordType::parse_global_id(global))
        {
            self.imported.insert(text.to_owned(), id);
        }
    }

    /// Takes back what [`Self::imported`] noted for `row` (its changes were undone). A record
    /// is noted for one row only (see [`Self::twice`]), so nothing noted before goes with it.
    pub(super) fn forget(&mut self, sheet: &Sheet, row: &Row, global: &str) {
        self.claimed.remove(global);
        if let Some(text) = cell(sheet, row, "id") {
            self.imported.remove(text);
        }
    }

    /// The record of type `kind` that `text` names: a global ID, or a natural key.
    pub(super) async fn find(
        &self,
        tx: &Tx<'_>,
        kind: RecordType,
        text: &str,
        strict: bool,
    ) -> ApiResult<Result<i32, Missing>> {
        let given = self.given.get(&kind).is_some_and(|set| set.contains(text));
        let waits = |message: String| {
            if given && !strict {
                Missing::Later
            } else if given {
                Missing::Problem(say(
                    format!("{text} names a row of the files that could not be imported"),
                    format!(
                        "{text} nennt eine Zeile der Dateien, die nicht importiert werden konnte"
                    ),
                ))
            } else {
                Missing::Problem(message)
            }
        };
        if let Some((named, id)) = RecordType::parse_global_id(text) {
            if named != kind {
                return Ok(Err(Missing::Problem(say(
                    format!(
                        "{text} is the ID of a {}, not of a {}",
                        named.noun(),
                        kind.noun()
                    ),
                    format!(
                        "{text} ist eine ID der Art {}, nicht {}",
                        named.label(verbund_shared::Lang::De),
                        kind.label(verbund_shared::Lang::De)
                    ),
                ))));
            }
            if let Some(id) = self.imported.get(text) {
                return Ok(Ok(*id));
            }
            if given {
                return Ok(Err(waits(String::new())));
            }
            return Ok(
                if !self.look_up(tx, kind, text, Some(id)).await?.is_empty() {
                    Ok(id)
                } else {
                    Err(Missing::Problem(say(
                        format!("no {} has the ID {text}", kind.noun()),
                        format!(
                            "kein Eintrag der Art {} hat die ID {text}",
                            kind.label(verbund_shared::Lang::De)
                        ),
                    )))
                },
            );
        }
        let found = self.look_up(tx, kind, text, None).await?;
        Ok(match found.as_slice() {
            [id] => Ok(*id),
            [] => Err(waits(say(
                format!(
                    "no {} has the {} {text:?}",
                    kind.noun(),
                    natural_key_name(kind).0
                ),
                format!(
                    "kein Eintrag der Art {} hat {} {text:?}",
                    kind.label(verbund_shared::Lang::De),
                    natural_key_name(kind).1
                ),
            ))),
            _ => Err(Missing::Problem(say(
                format!("several {}s are named {text:?}: give the ID", kind.noun()),
                format!(
                    "mehrere Einträge der Art {} heißen {text:?}: bitte die ID angeben",
                    kind.label(verbund_shared::Lang::De)
                ),
            ))),
        })
    }
}

/// What a record of `kind` is named by besides its ID.
fn natural_key_name(kind: RecordType) -> (&'static str, &'static str) {
    match kind {
        RecordType::Organisation => (
            "ID, official key or name",
            "die ID, den amtlichen Schlüssel oder den Namen",
        ),
        RecordType::Service => ("ID or code", "die ID oder den Code"),
        RecordType::Contract => ("ID or number", "die ID oder die Nummer"),
        _ => ("ID or title", "die ID oder den Titel"),
    }
}

/// The cell `key` of `row`, if the sheet has the column and the cell is not empty.
pub(super) fn cell<'a>(sheet: &Sheet, row: &'a Row, key: &str) -> Option<&'a str> {
    let index = sheet.keys.iter().position(|k| k == key)?;
    row.cells.get(index)?.as_deref()
}

async fn exists(tx: &Tx<'_>, kind: RecordType, id: i32) -> ApiResult<bool> {
    let found = match kind {
        RecordType::Organisation => ids(organisation::Entity::find_by_id(id), tx).await?,
        RecordType::Service => ids(service::Entity::find_by_id(id), tx).await?,
        RecordType::Contract => ids(contract::Entity::find_by_id(id), tx).await?,
        RecordType::Source => ids(source::Entity::find_by_id(id), tx).await?,
        RecordType::Coverage => ids(coverage::Entity::find_by_id(id), tx).await?,
        _ => Vec::new(),
    };
    Ok(!found.is_empty())
}

/// The ids of the records `select` finds.
async fn ids<E: EntityTrait>(select: sea_orm::Select<E>, tx: &Tx<'_>) -> ApiResult<Vec<i32>>
where
    E::Model: Record,
{
    Ok(select
        .limit(2)
        .all(&tx.txn)
        .await?
        .iter()
        .map(Record::id)
        .collect())
}

/// The records of `kind` named `text` by their natural key (at most two: one is a match, two
/// are too many).
async fn by_natural_key(tx: &Tx<'_>, kind: RecordType, text: &str) -> ApiResult<Vec<i32>> {
    Ok(match kind {
        RecordType::Organisation => {
            let by_key =
                organisation::Entity::find().filter(organisation::Column::OfficialKey.eq(text));
            let found = ids(by_key, tx).await?;
            if found.is_empty() {
                ids(
                    organisation::Entity::find().filter(organisation::Column::Name.eq(text)),
                    tx,
                )
                .await?
            } else {
                found
            }
        }
        RecordType::Service => {
            ids(
                service::Entity::find().filter(service::Column::Code.eq(text)),
                tx,
            )
            .await?
        }
        RecordType::Contract => {
            ids(
                contract::Entity::find().filter(contract::Column::Number.eq(text)),
                tx,
            )
            .await?
        }
        RecordType::Source => {
            ids(
                source::Entity::find().filter(source::Column::Title.eq(text)),
                tx,
            )
            .await?
        }
        _ => Vec::new(),
    })
}
