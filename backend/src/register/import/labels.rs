//! What people call the records an import's rows and changes refer to, for showing a change
//! as "Organisation: Stadt Lübz" rather than by the record's global ID.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

use super::{Outcome, Planned};
use crate::entities::record::{Named, RecordType};
use crate::entities::{contract, organisation, service, source};
use crate::error::ApiResult;
use crate::register::write::Editable;

impl Outcome {
    /// The name of each record a change or a row's label refers to by its global ID: a record
    /// of the files by the row's label, any other by its name (a service by its code, a
    /// contract by its number or title, a source by its title), read with one statement per
    /// type.
    ///
    /// # Errors
    ///
    /// When the database fails.
    pub async fn labels(&self, db: &impl ConnectionTrait) -> ApiResult<HashMap<String, String>> {
        let mut labels: HashMap<String, String> = self
            .planned
            .iter()
            .map(|row| (row.id.clone(), row.label.clone()))
            .collect();
        let mut wanted: HashMap<RecordType, HashSet<i32>> = HashMap::new();
        let references = self.planned.iter().flat_map(|row| {
            let changed = row
                .changes
                .iter()
                .filter(|change| RecordType::referenced_by(&change.field).is_some())
                .flat_map(|change| [&change.before, &change.after].into_iter().flatten())
                .map(String::as_str);
            changed.chain(row.label.split(LABEL_PARTS))
        });
        for id in references {
            if let (false, Some((kind, id))) =
                (labels.contains_key(id), RecordType::parse_global_id(id))
            {
                wanted.entry(kind).or_default().insert(id);
            }
        }
        for (kind, ids) in wanted {
            let named = match kind {
                RecordType::Organisation => {
                    names::<organisation::Entity>(db, ids, |row| (row.id, row.name)).await?
                }
                RecordType::Service => {
                    names::<service::Entity>(db, ids, |row| (row.id, row.code)).await?
                }
                RecordType::Contract => {
                    let name = |row: contract::Model| (row.id, row.number.unwrap_or(row.title));
                    names::<contract::Entity>(db, ids, name).await?
                }
                RecordType::Source => {
                    names::<source::Entity>(db, ids, |row| (row.id, row.title)).await?
                }
                _ => Vec::new(),
            };
            for (id, name) in named {
                labels.insert(kind.global_id(id), name);
            }
        }
        Ok(labels)
    }
}

/// The records of `E` with these ids, each as its id and what `name` makes of it.
async fn names<E: Editable>(
    db: &impl ConnectionTrait,
    ids: HashSet<i32>,
    name: impl Fn(E::Model) -> (i32, String),
) -> ApiResult<Vec<(i32, String)>> {
    let rows = E::find().filter(E::id_column().is_in(ids)).all(db).await?;
    Ok(rows.into_iter().map(name).collect())
}

/// What separates the parts of a row's label that name other records: a coverage is
/// "organisation · service · first day", as the row names them.
pub(super) const LABEL_PARTS: &str = " · ";

impl Planned {
    /// The row's label with the records it names by global ID named by `labels` instead.
    pub fn label_named(&self, labels: &HashMap<String, String>) -> String {
        self.label
            .split(LABEL_PARTS)
            .map(|part| labels.get(part).map_or(part, String::as_str))
            .collect::<Vec<_>>()
            .join(LABEL_PARTS)
    }
}
