//! Storing a row's draft through the register's rules, and what it changed.

use sea_orm::{ActiveModelTrait, EntityTrait, IdenStatic, IntoActiveModel, Iterable, TryIntoModel};

use super::cells::Cells;
use super::resolve::RowError;
use super::{Action, FieldChange, Planned};
use crate::entities::record::{Cell, Named, Record, RecordType};
use crate::error::{ApiError, ApiResult};
use crate::register::export::{euros, file_columns};
use crate::register::stored::{RecordOf, Stored};
use crate::register::write::{Editable, Tx, overlay};

/// Stores `draft` as a new record, or over `target`, through the register's rules for the
/// record; a row that says what the record already says changes nothing.
pub(super) async fn store<D>(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    target: Option<RecordOf<D>>,
    draft: D,
    label: String,
) -> ApiResult<Result<Planned, RowError>>
where
    D: Stored,
    <D::Entity as EntityTrait>::ActiveModel: TryIntoModel<RecordOf<D>>,
{
    let version = target.as_ref().map(super::cells::version_of);
    let stored = match target {
        None => match draft.columns(tx, None).await {
            Ok(columns) => tx
                .insert::<D::Entity>(D::CREATED, columns, D::UNIQUE)
                .await
                .map(|row| (Action::Create, changes(None, &row), row)),
            Err(err) => Err(err),
        },
        Some(before) => match draft.columns(tx, Some(&before)).await {
            Ok(mut columns) => {
                keep_absent::<D::Entity>(&c.sheet.keys, &mut columns);
                let would = overlay(before.clone().into_active_model(), columns);
                let after = would.clone().try_into_model()?;
                let changed = changes(Some(&before), &after);
                if changed.is_empty() {
                    Ok((Action::Same, changed, before))
                } else {
                    tx.save::<D::Entity>(D::UPDATED, &before, would, D::UNIQUE)
                        .await
                        .map(|row| (Action::Change, changes(Some(&before), &row), row))
                }
            }
            Err(err) => Err(err),
        },
    };
    let (action, changes, row) = match stored {
        Ok(stored) => stored,
        Err(err) => {
            refused(c, err)?;
            return Ok(Err(c.refuse()));
        }
    };
    Ok(Ok(Planned {
        file: c.sheet.file.clone(),
        line: c.row.line,
        kind: c.sheet.kind,
        action,
        id: <RecordOf<D> as Record>::TYPE.global_id(row.id()),
        label,
        changes,
        version,
    }))
}

/// Leaves out of `columns` those the file has no column for: a column the file leaves out
/// keeps its value, an empty cell empties it.
fn keep_absent<E: Editable>(keys: &[String], columns: &mut E::ActiveModel) {
    for (index, key) in file_columns::<E::Model>() {
        if keys.contains(&key) {
            continue;
        }
        let name = <E::Model as Record>::FIELDS[index].column;
        if let Some(column) = E::Column::iter().find(|column| column.as_str() == name) {
            columns.not_set(column);
        }
    }
}

/// Notes the register's refusal of a row as its problems; a failure of the database itself
/// is returned.
pub(super) fn refused(c: &mut Cells<'_>, err: ApiError) -> ApiResult<()> {
    let column = |c: &Cells<'_>, field: &str| {
        // The API's names of a field where the file's column is named otherwise.
        let field = match field {
            "givenOn" => "noticeGivenOn",
            field if field.starts_with("parties.") => "parties",
            field => field,
        };
        let key = field.strip_suffix("Id").unwrap_or(field);
        [key, field]
            .into_iter()
            .find(|key| c.sheet.keys.iter().any(|k| k == key))
            .map(str::to_owned)
    };
    match err {
        ApiError::BadUserInput { message, field } => {
            let key = field.as_deref().and_then(|field| column(c, field));
            c.fail(key.as_deref(), message);
        }
        ApiError::Invalid(fields) => {
            for field in fields {
                let key = column(c, &field.field);
                c.fail(key.as_deref(), field.message);
            }
        }
        ApiError::NotFound { message }
        | ApiError::Conflict { message, .. }
        | ApiError::Forbidden { message } => c.fail(None, message),
        other => return Err(other),
    }
    Ok(())
}

/// A record's exported values (without its ID, version and timestamps), by key.
fn values<M: Record>(record: &M) -> Vec<(String, Option<String>)> {
    file_columns::<M>()
        .filter(|(_, key)| key != "id" && key != "version")
        .map(|(index, key)| {
            let value = match record.cell_at(index) {
                Cell::Null => None,
                Cell::Text(text) => Some(text),
                Cell::Int(id) if RecordType::referenced_by(&key).is_some() => {
                    RecordType::referenced_by(&key)
                        .and_then(|kind| i32::try_from(id).ok().map(|id| kind.global_id(id)))
                }
                Cell::Int(cents) if M::FIELDS[index].cents => Some(euros(cents, '.')),
                Cell::Int(n) => Some(n.to_string()),
                Cell::Bool(b) => Some(b.to_string()),
                Cell::Date(day) => Some(day.format("%Y-%m-%d").to_string()),
            };
            (key, value)
        })
        .collect()
}

/// The fields that differ between `before` (none: a new record) and `after`.
fn changes<M: Record>(before: Option<&M>, after: &M) -> Vec<FieldChange> {
    let old = before.map(values);
    values(after)
        .into_iter()
        .enumerate()
        .filter_map(|(index, (field, after))| {
            let before = old
                .as_ref()
                .and_then(|old| old.get(index))
                .and_then(|(_, value)| value.clone());
            (before != after).then_some(FieldChange {
                field,
                before,
                after,
            })
        })
        .collect()
}
