//! Pages of a list: which rows a request asks for (`first`/`after`, `last`/`before` as
//! positions in the ordered list), capped sizes, and the window a page lies in. The API turns
//! its opaque cursors into positions and back; nothing here knows of GraphQL.
//!
//! Order is always total (every ordering ends with the row id), so a position names the same
//! row as long as the data does not change between two requests.

use sea_orm::{
    ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect, QueryTrait,
    Select, Statement, Value,
    sea_query::{NullOrdering, PostgresQueryBuilder, SimpleExpr, inject_parameters},
};

use crate::entities::rows::{self, Decode};
use crate::error::{ApiError, ApiResult};

/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: usize = 100;
/// The page size when a client names neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// The largest position a cursor may name: positions are counted in 32 bits, like the
/// databases' row counts the API answers with.
pub const MAX_POSITION: usize = i32::MAX as usize;

/// Sort direction of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

impl Direction {
    pub fn order(self) -> sea_orm::Order {
        match self {
            Self::Asc => sea_orm::Order::Asc,
            Self::Desc => sea_orm::Order::Desc,
        }
    }
}

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    first: Option<usize>,
    after: Option<usize>,
    last: Option<usize>,
    before: Option<usize>,
    /// Whether the total must be known (see [`PageRequest::counting`]).
    total: bool,
}

/// The rows to fetch: `offset` and `limit` within a result of `total` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
    pub total: usize,
}

impl PageRequest {
    /// Checks the sizes and positions a client sent before any work is done.
    pub fn new(
        first: Option<i32>,
        after: Option<usize>,
        last: Option<i32>,
        before: Option<usize>,
    ) -> ApiResult<Self> {
        let size = |name: &str, value: Option<i32>| -> ApiResult<Option<usize>> {
            match value.map(usize::try_from) {
                None => Ok(None),
                Some(Err(_)) => Err(ApiError::bad_input(
                    name,
                    format!("`{name}` must not be negative."),
                )),
                Some(Ok(n)) if n > MAX_PAGE_SIZE => Err(ApiError::bad_input(
                    name,
                    format!("`{name}` must be at most {MAX_PAGE_SIZE}, got {n}."),
                )),
                Some(Ok(n)) => Ok(Some(n)),
            }
        };
        let position = |name: &str, value: Option<usize>| -> ApiResult<Option<usize>> {
            match value {
                Some(n) if n > MAX_POSITION => Err(ApiError::bad_input(
                    name,
                    format!("`{name}` names a position beyond any list."),
                )),
                other => Ok(other),
            }
        };
        let first = size("first", first)?;
        let last = size("last", last)?;
        if first.is_some() && last.is_some() {
            return Err(ApiError::bad_input(
                "last",
                "Use either `first` or `last`, not both.",
            ));
        }
        Ok(Self {
            first: if first.is_none() && last.is_none() {
                Some(DEFAULT_PAGE_SIZE)
            } else {
                first
            },
            after: position("after", after)?,
            last,
            before: position("before", before)?,
            total: true,
        })
    }

    /// The default page: the first [`DEFAULT_PAGE_SIZE`] rows.
    pub fn first_page() -> Self {
        Self {
            first: Some(DEFAULT_PAGE_SIZE),
            after: None,
            last: None,
            before: None,
            total: true,
        }
    }

    /// Whether the total is needed: when the query selects it (`wanted`) or pages backwards
    /// (`last` counts from the end). Otherwise a list costs one statement instead of two, and
    /// whether more rows follow comes from fetching one row more than the page holds.
    #[must_use]
    pub fn counting(mut self, wanted: bool) -> Self {
        self.total = self.last.is_some() || wanted;
        self
    }

    /// Whether the total must be counted.
    pub fn needs_total(&self) -> bool {
        self.total
    }

    /// The window of a forward page without counting: from `after`, `first` rows, not past
    /// `before`; the caller fetches `limit + 1` rows and reports what it found with
    /// [`Window::uncounted`].
    pub fn forward(&self) -> (usize, usize) {
        let start = self.after.map_or(0, |a| a.saturating_add(1));
        let mut limit = self.first.unwrap_or(DEFAULT_PAGE_SIZE);
        if let Some(before) = self.before {
            limit = limit.min(before.saturating_sub(start));
        }
        (start, limit)
    }

    /// How many rows from the start a forward page without a count needs: the page and one
    /// more, to know whether more follow.
    pub fn rows_needed(&self) -> usize {
        let (offset, limit) = self.forward();
        offset.saturating_add(limit).saturating_add(1)
    }

    /// Where the page lies in a result of `total` rows.
    pub fn window(&self, total: usize) -> Window {
        let mut start = self.after.map_or(0, |a| a.saturating_add(1)).min(total);
        let mut end = self.before.map_or(total, |b| b.min(total)).max(start);
        if let Some(first) = self.first {
            end = end.min(start.saturating_add(first));
        }
        if let Some(last) = self.last {
            start = start.max(end.saturating_sub(last));
        }
        Window {
            offset: start,
            limit: end - start,
            total,
        }
    }

    /// The page of rows that are all in memory already, and its window.
    pub fn slice<T>(&self, rows: Vec<T>) -> (Vec<T>, Window) {
        let window = self.window(rows.len());
        let rows = rows
            .into_iter()
            .skip(window.offset)
            .take(window.limit)
            .collect();
        (rows, window)
    }
}

impl Window {
    /// A window found without counting: `found` rows from `offset`, and whether more follow.
    /// `total` is then only a lower bound, enough to tell whether a next page exists; it is
    /// used only when the query does not ask for the total.
    pub fn uncounted(offset: usize, found: usize, more: bool) -> Self {
        Self {
            offset,
            limit: found,
            total: offset + found + usize::from(more),
        }
    }
}

/// Orders `select` by `column` with empty values last in either direction (SQLite and
/// PostgreSQL disagree on where NULLs go by default), then by `id`, so the order is total.
pub fn ordered<E: EntityTrait>(
    select: Select<E>,
    column: E::Column,
    id: E::Column,
    direction: Direction,
) -> Select<E> {
    select
        .order_by_with_nulls(column, direction.order(), NullOrdering::Last)
        .order_by(id, direction.order())
}

/// A page's statement as it is sent: on PostgreSQL, one whose values are all numbers and
/// dates (a page's bounds, a member list's day) with them written into its text. PostgreSQL
/// plans a prepared statement with parameters afresh at every execution unless its plan for
/// any values looks as cheap (for a page of a list it does not: how many rows match depends on
/// the values), while it plans one without parameters once per connection. Text values
/// (searches) stay parameters.
fn planned_once<E: EntityTrait>(select: &Select<E>, backend: DbBackend) -> Statement {
    let statement = select.build(backend);
    let inlinable = backend == DbBackend::Postgres
        && statement.values.as_ref().is_some_and(|values| {
            values.0.iter().all(|value| {
                matches!(
                    value,
                    Value::Int(Some(_))
                        | Value::BigInt(Some(_))
                        | Value::Unsigned(Some(_))
                        | Value::BigUnsigned(Some(_))
                        | Value::ChronoDate(Some(_))
                )
            })
        });
    if !inlinable {
        return statement;
    }
    // The statement as built, its values written in: built once.
    let values = statement.values.map(|values| values.0).unwrap_or_default();
    let sql = inject_parameters(&statement.sql, &values, &PostgresQueryBuilder);
    Statement::from_string(backend, sql)
}

/// Fetches the page `page` asks for. When the total is needed, counts first: two statements,
/// the second skipped when the page is empty. Otherwise one statement for one row more than
/// the page, to know whether more follow.
pub async fn fetch<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    page: PageRequest,
) -> ApiResult<(Vec<E::Model>, Window)>
where
    E::Model: Sync + Decode,
{
    let (rows, window, _) = fetch_rows(db, select, page, false).await?;
    Ok((rows, window))
}

/// [`fetch`], and with `tail` (an `i64` expression, the same for every row) also its value,
/// read as one more column of the page's own statement (none for a page without rows).
pub async fn fetch_with_tail<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    page: PageRequest,
    tail: Option<SimpleExpr>,
) -> ApiResult<(Vec<E::Model>, Window, Option<i64>)>
where
    E::Model: Sync + Decode,
{
    match tail {
        Some(tail) => fetch_rows(db, select.expr_as(tail, "tail"), page, true).await,
        None => fetch_rows(db, select, page, false).await,
    }
}

async fn fetch_rows<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    page: PageRequest,
    tail: bool,
) -> ApiResult<(Vec<E::Model>, Window, Option<i64>)>
where
    E::Model: Sync + Decode,
{
    let find = async |select: Select<E>| -> ApiResult<(Vec<E::Model>, Option<i64>)> {
        let statement = planned_once(&select, db.get_database_backend());
        Ok(if tail {
            rows::all_with_tail(db, statement).await?
        } else {
            (rows::all(db, statement).await?, None)
        })
    };
    if !page.needs_total() {
        let (offset, limit) = page.forward();
        if limit == 0 {
            return Ok((Vec::new(), Window::uncounted(offset, 0, false), None));
        }
        let (mut rows, tail) = find(select.offset(offset as u64).limit(limit as u64 + 1)).await?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let window = Window::uncounted(offset, rows.len(), more);
        return Ok((rows, window, tail));
    }
    let total = select.clone().count(db).await?;
    let window = page.window(usize::try_from(total).unwrap_or(usize::MAX));
    if window.limit == 0 {
        return Ok((Vec::new(), window, None));
    }
    let (rows, tail) = find(
        select
            .offset(window.offset as u64)
            .limit(window.limit as u64),
    )
    .await?;
    Ok((rows, window, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(
        first: Option<i32>,
        after: Option<usize>,
        last: Option<i32>,
        before: Option<usize>,
    ) -> PageRequest {
        PageRequest::new(first, after, last, before).unwrap()
    }

    fn window(offset: usize, limit: usize, total: usize) -> Window {
        Window {
            offset,
            limit,
            total,
        }
    }

    #[test]
    fn first_and_after_walk_forward() {
        assert_eq!(page(Some(2), None, None, None).window(5), window(0, 2, 5));
        assert_eq!(
            page(Some(2), Some(1), None, None).window(5),
            window(2, 2, 5)
        );
        assert_eq!(
            page(Some(2), Some(4), None, None).window(5),
            window(5, 0, 5)
        );
    }

    #[test]
    fn last_and_before_walk_backward() {
        assert_eq!(page(None, None, Some(2), None).window(5), window(3, 2, 5));
        assert_eq!(
            page(None, None, Some(2), Some(3)).window(5),
            window(1, 2, 5)
        );
        assert_eq!(
            page(None, None, Some(9), Some(1)).window(5),
            window(0, 1, 5)
        );
    }

    #[test]
    fn limits_are_enforced() {
        assert!(PageRequest::new(Some(101), None, None, None).is_err());
        assert!(PageRequest::new(Some(-1), None, None, None).is_err());
        assert!(PageRequest::new(Some(1), None, Some(1), None).is_err());
        assert!(PageRequest::new(None, Some(MAX_POSITION + 1), None, None).is_err());
        assert!(PageRequest::new(None, None, Some(1), Some(usize::MAX)).is_err());
        assert_eq!(
            PageRequest::first_page().window(50).limit,
            DEFAULT_PAGE_SIZE
        );
    }

    #[test]
    fn the_largest_position_does_not_overflow() {
        let last = page(Some(100), Some(MAX_POSITION), None, None);
        assert_eq!(last.window(10), window(10, 0, 10));
        assert_eq!(last.forward(), (MAX_POSITION + 1, 100));
        assert_eq!(last.rows_needed(), MAX_POSITION + 102);
    }

    #[test]
    fn numbers_and_dates_are_written_into_a_postgresql_statement_and_text_is_not() {
        use crate::entities::organisation;
        use sea_orm::{ColumnTrait, QueryFilter};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let dated = organisation::Entity::find()
            .filter(organisation::Column::CreatedAt.gte(day))
            .limit(51)
            .offset(50);
        let sent = planned_once(&dated, DbBackend::Postgres);
        assert!(sent.values.is_none(), "{sent}");
        assert!(sent.sql.ends_with("LIMIT 51 OFFSET 50"), "{}", sent.sql);
        assert!(sent.sql.contains("'2026-12-07'"), "{}", sent.sql);

        let searched = organisation::Entity::find()
            .filter(organisation::Column::Name.contains("x' OR 1=1 --"))
            .limit(51);
        let sent = planned_once(&searched, DbBackend::Postgres);
        assert_eq!(sent.values.map(|values| values.0.len()), Some(2));
        assert!(!sent.sql.contains("OR 1=1"), "{}", sent.sql);

        let sent = planned_once(&dated, DbBackend::Sqlite);
        assert_eq!(sent.values.map(|values| values.0.len()), Some(3));
    }
}
