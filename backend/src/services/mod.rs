//! The register's read logic: filters, orderings, temporal questions and aggregates. GraphQL
//! resolvers call these and only map the results.

pub mod catalogue;
pub mod contracts;
pub mod coverages;
pub mod organisations;
pub mod stats;

use sea_orm::{
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect, Select,
    sea_query::{Expr, ExprTrait, Func, IntoColumnRef, LikeExpr, NullOrdering, SimpleExpr},
};

use crate::error::ApiResult;
use crate::graphql::pagination::{CheckedArgs, Window};
use crate::rows::{self, Decode};

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

/// Fetches the page the arguments ask for. When the total is needed (see
/// `CheckedArgs::counting`), counts first: two statements, the second skipped when the page
/// is empty. Otherwise one statement for one row more than the page, to know whether more
/// follow.
pub async fn fetch_page<E: EntityTrait>(
    db: &DatabaseConnection,
    select: Select<E>,
    args: CheckedArgs,
) -> ApiResult<(Vec<E::Model>, Window)>
where
    E::Model: Sync + Decode,
{
    if !args.needs_total() {
        let (offset, limit) = args.forward();
        if limit == 0 {
            return Ok((Vec::new(), Window::uncounted(offset, 0, false)));
        }
        let mut rows = rows::find(db, select.offset(offset as u64).limit(limit as u64 + 1)).await?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let window = Window::uncounted(offset, rows.len(), more);
        return Ok((rows, window));
    }
    let total = select.clone().count(db).await?;
    let window = args.window(usize::try_from(total).unwrap_or(usize::MAX));
    if window.limit == 0 {
        return Ok((Vec::new(), window));
    }
    let rows = rows::find(
        db,
        select
            .offset(window.offset as u64)
            .limit(window.limit as u64),
    )
    .await?;
    Ok((rows, window))
}

/// Case-insensitive "contains" on a text column, with `%`, `_` and `\` in the text taken
/// literally. Both SQLite and PostgreSQL understand `LOWER(..) LIKE .. ESCAPE '\'`.
///
/// SQLite's `LOWER` folds only ASCII letters, so the German capitals it leaves alone are
/// folded by `REPLACE` (harmless on PostgreSQL, whose `LOWER` folds them already). The
/// search text itself is folded in Rust.
pub fn contains_ci(column: impl IntoColumnRef, text: &str) -> SimpleExpr {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    let mut folded: SimpleExpr = Func::lower(Expr::col(column)).into();
    for (capital, small) in [("Ä", "ä"), ("Ö", "ö"), ("Ü", "ü"), ("ẞ", "ß")] {
        folded = Func::cust("REPLACE")
            .args([folded, capital.into(), small.into()])
            .into();
    }
    folded.like(LikeExpr::new(pattern).escape('\\'))
}
