//! References between records: a change names only records that exist, and a record is
//! deleted only while nothing refers to it.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, PaginatorTrait, QueryFilter, SqlErr,
};

use super::Tx;
use crate::entities::Versioned;
use crate::entities::record::Record;
use crate::error::{ApiError, ApiResult};
use verbund_shared::said::say;

impl Tx<'_> {
    /// `id` when a record of `E` has it; else `BAD_USER_INPUT` on `field`, naming the type.
    pub async fn refers<E: Versioned>(&self, id: i32, field: &str) -> ApiResult<i32>
    where
        E::Model: Record,
    {
        let found = E::find()
            .filter(E::id_column().eq(id))
            .count(&self.txn)
            .await?;
        if found == 0 {
            let kind = <E::Model as Record>::TYPE;
            let message = say(
                format!("No {} has this ID.", kind.as_str()),
                format!(
                    "Kein Eintrag der Art {} hat diese ID.",
                    kind.label(verbund_shared::Lang::De)
                ),
            );
            return Err(ApiError::bad_input(field, message));
        }
        Ok(id)
    }

    /// [`Tx::refers`] for an optional reference.
    pub async fn refers_opt<E: Versioned>(
        &self,
        id: Option<i32>,
        field: &str,
    ) -> ApiResult<Option<i32>>
    where
        E::Model: Record,
    {
        match id {
            Some(id) => Ok(Some(self.refers::<E>(id, field).await?)),
            None => Ok(None),
        }
    }

    /// The source a record names (`sourceId`), checked.
    pub async fn source(&self, id: Option<i32>) -> ApiResult<Option<i32>> {
        self.refers_opt::<crate::entities::source::Entity>(id, "sourceId")
            .await
    }
}

/// Fails with `CONFLICT` (`message`) while any row of the tables named refers to `id` in the
/// column named beside it; one statement.
pub async fn unreferenced(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
    referrers: &[(&str, &str)],
    message: &str,
) -> ApiResult<()> {
    let backend = db.get_database_backend();
    let param = crate::register::read::param(backend, 1);
    let counts = referrers
        .iter()
        .map(|(table, column)| format!("(SELECT COUNT(*) FROM {table} WHERE {column} = {param})"))
        .collect::<Vec<_>>()
        .join(" + ");
    let row = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            format!("SELECT {counts}"),
            [id.into()],
        ))
        .await?;
    let used = match row {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    if used > 0 {
        return Err(ApiError::conflict(message, Some(version)));
    }
    Ok(())
}

/// Whether a statement failed because another record still refers to the row. SQLite
/// reports a deletion that breaks a foreign key with the extended code 1811 as well as 787,
/// which the ORM maps only in part.
fn refers_elsewhere(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ) || err.to_string().contains("FOREIGN KEY constraint failed")
}

/// Deletes a claimed record, unless something still refers to it.
pub async fn delete_unreferenced<E: Versioned>(
    txn: &DatabaseTransaction,
    id: i32,
    what: &str,
) -> ApiResult<()> {
    E::delete_many()
        .filter(E::id_column().eq(id))
        .exec(txn)
        .await
        .map_err(|err| {
            if refers_elsewhere(&err) {
                ApiError::conflict(
                    format!("The {what} cannot be deleted: other records refer to it."),
                    None,
                )
            } else {
                ApiError::from(err)
            }
        })?;
    Ok(())
}
