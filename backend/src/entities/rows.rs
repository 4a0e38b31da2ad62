//! Reading register rows by position.
//!
//! The ORM's own decoding looks every column up by name and, for each NULL, formats an error
//! it then throws away; on a page of a few hundred contracts that was a third of a request's
//! time. The register's models are read here by position instead, straight from the driver's
//! row, in the order their fields are declared (which is the order the ORM selects them in).
//!
//! A model lists its fields once (see [`decode_model`]): that list is both the order in which
//! they are read and the column names that the first row of every result is checked against,
//! so a query that does not select what the decoder expects fails loudly instead of mixing up
//! columns.

use sea_orm::sqlx::{self, Column as _, Row as _};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryResult, QueryTrait, Select, Statement};

/// A value the register stores, readable from PostgreSQL and SQLite alike.
pub trait Value:
    for<'r> sqlx::Decode<'r, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
    + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
    + sqlx::Type<sqlx::Sqlite>
{
}

impl<T> Value for T where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
{
}

/// The driver's row behind a result row.
#[derive(Clone, Copy)]
enum Raw<'a> {
    Postgres(&'a sqlx::postgres::PgRow),
    Sqlite(&'a sqlx::sqlite::SqliteRow),
}

impl<'a> Raw<'a> {
    fn of(row: &'a QueryResult) -> Result<Self, DbErr> {
        if let Some(row) = row.try_as_pg_row() {
            Ok(Raw::Postgres(row))
        } else if let Some(row) = row.try_as_sqlite_row() {
            Ok(Raw::Sqlite(row))
        } else {
            Err(DbErr::Type("a row from an unknown driver".to_owned()))
        }
    }

    fn column_name(self, index: usize) -> Option<&'a str> {
        match self {
            Raw::Postgres(row) => row.columns().get(index).map(|c| c.name()),
            Raw::Sqlite(row) => row.columns().get(index).map(|c| c.name()),
        }
    }
}

impl std::fmt::Debug for Raw<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Raw::Postgres(_) => "PostgreSQL row",
            Raw::Sqlite(_) => "SQLite row",
        })
    }
}

/// The columns of one row, read one after the other from a starting position.
#[derive(Debug)]
pub struct Cols<'a> {
    row: Raw<'a>,
    at: usize,
}

impl<'a> Cols<'a> {
    /// The columns of `row` from position `at` on.
    pub fn new(row: &'a QueryResult, at: usize) -> Result<Self, DbErr> {
        Ok(Self {
            row: Raw::of(row)?,
            at,
        })
    }

    /// Reads the next column.
    pub fn read<T: Value>(&mut self) -> Result<T, DbErr> {
        let index = self.at;
        self.at += 1;
        let value = match self.row {
            Raw::Postgres(row) => row.try_get::<T, usize>(index),
            Raw::Sqlite(row) => row.try_get::<T, usize>(index),
        };
        value.map_err(|err| DbErr::Type(format!("column {index}: {err}")))
    }
}

/// Some of a model's columns: bit `i` stands for `COLUMNS[i]`. A query that needs only a few
/// fields of many rows reads only their columns (see [`Decode::decode_some`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Columns(u32);

impl Columns {
    /// Every column.
    pub const ALL: Columns = Columns(u32::MAX);

    /// The columns of `M` with these names; a name `M` does not have means every column, so a
    /// mistake reads too much, never too little.
    pub fn of<M: Decode>(names: &[&str]) -> Self {
        let mut bits = 0;
        for name in names {
            match M::COLUMNS.iter().position(|column| column == name) {
                Some(index) => bits |= 1 << index,
                None => return Self::ALL,
            }
        }
        Columns(bits)
    }

    /// These columns and those.
    #[must_use]
    pub fn and(self, other: Columns) -> Self {
        Columns(self.0 | other.0)
    }

    /// Whether column `index` is among them.
    pub fn has(self, index: usize) -> bool {
        index < 32 && self.0 & (1 << index) != 0
    }

    /// The names of the columns of `M` among them, in `M`'s order.
    pub fn names<M: Decode>(self) -> impl Iterator<Item = &'static str> {
        M::COLUMNS
            .iter()
            .enumerate()
            .filter(move |(index, _)| self.has(*index))
            .map(|(_, name)| *name)
    }

    /// How many columns of `M` are among them.
    pub fn count<M: Decode>(self) -> usize {
        self.names::<M>().count()
    }
}

/// A model read by position; implemented with [`decode_model`].
pub trait Decode: Sized {
    /// Its columns, in the order they are read.
    const COLUMNS: &'static [&'static str];

    /// Reads one model from the next columns, of which there is one for each of `columns`;
    /// the other fields keep their default value (zero, empty, none, 1970-01-01).
    fn decode_some(cols: &mut Cols<'_>, columns: Columns) -> Result<Self, DbErr>;

    /// Reads one model from the next `COLUMNS.len()` columns.
    fn decode(cols: &mut Cols<'_>) -> Result<Self, DbErr> {
        Self::decode_some(cols, Columns::ALL)
    }

    /// Checks that `row`, from position `at` on, holds the columns this model reads, named
    /// `prefix` + column name.
    fn check(row: &QueryResult, at: usize, prefix: &str) -> Result<(), DbErr> {
        Self::check_some(row, at, prefix, Columns::ALL)
    }

    /// [`Decode::check`] for some of the columns.
    fn check_some(
        row: &QueryResult,
        at: usize,
        prefix: &str,
        columns: Columns,
    ) -> Result<(), DbErr> {
        let raw = Raw::of(row)?;
        for (offset, expected) in columns.names::<Self>().enumerate() {
            let found = raw.column_name(at + offset).unwrap_or_default();
            let matches = found
                .strip_prefix(prefix)
                .is_some_and(|name| name == expected);
            if !matches {
                return Err(DbErr::Type(format!(
                    "column {} is `{found}`, expected `{prefix}{expected}`",
                    at + offset
                )));
            }
        }
        Ok(())
    }

    /// Reads one model from `row` at position `at`.
    fn read(row: &QueryResult, at: usize) -> Result<Self, DbErr> {
        Self::decode(&mut Cols::new(row, at)?)
    }

    /// Reads some columns of one model from `row` at position `at`.
    fn read_some(row: &QueryResult, at: usize, columns: Columns) -> Result<Self, DbErr> {
        Self::decode_some(&mut Cols::new(row, at)?, columns)
    }
}

/// Implements [`Decode`] for a model whose fields are all plain values with a default: the
/// fields are listed in the order they are declared (the compiler insists that none is
/// missing; the first row of every result checks the order). At most 32 fields.
macro_rules! decode_model {
    ($model:ty { $($field:ident),+ $(,)? }) => {
        impl $crate::entities::rows::Decode for $model {
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];

            fn decode_some(
                cols: &mut $crate::entities::rows::Cols<'_>,
                columns: $crate::entities::rows::Columns,
            ) -> Result<Self, sea_orm::DbErr> {
                let mut index = 0;
                let mut wanted = || {
                    index += 1;
                    columns.has(index - 1)
                };
                Ok(Self {
                    $($field: if wanted() { cols.read()? } else { Default::default() }),+
                })
            }
        }

        const _: () = assert!([$(stringify!($field)),+].len() <= 32);
    };
}
pub(crate) use decode_model;

/// [`all`] for a statement with one more column after `M`'s, an `i64`: also returns it, read
/// from the first row (none without rows).
pub async fn all_with_tail<M: Decode>(
    db: &impl ConnectionTrait,
    statement: Statement,
) -> Result<(Vec<M>, Option<i64>), DbErr> {
    let rows = db.query_all_raw(statement).await?;
    let Some(first) = rows.first() else {
        return Ok((Vec::new(), None));
    };
    M::check(first, 0, "")?;
    let tail = first.try_get_by_index(M::COLUMNS.len())?;
    let models = rows
        .iter()
        .map(|row| M::read(row, 0))
        .collect::<Result<_, _>>()?;
    Ok((models, Some(tail)))
}

/// Runs a statement whose rows start with `M`'s columns and reads them.
pub async fn all<M: Decode>(
    db: &impl ConnectionTrait,
    statement: Statement,
) -> Result<Vec<M>, DbErr> {
    let rows = db.query_all_raw(statement).await?;
    if let Some(first) = rows.first() {
        M::check(first, 0, "")?;
    }
    rows.iter().map(|row| M::read(row, 0)).collect()
}

/// [`Select::all`], read by position.
pub async fn find<E>(db: &impl ConnectionTrait, select: Select<E>) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
    E::Model: Decode,
{
    all(db, select.build(db.get_database_backend())).await
}
