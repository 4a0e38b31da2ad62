//! Reading records the caller may see: by id, by a foreign key, and the conditions every list
//! shares (the caller's member limit, a text search over the record's searched columns). Each
//! asks the record type's visibility rule (`auth::visible`) first.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Select,
    sea_query::{Alias, Expr, ExprTrait, Func, IntoColumnRef, LikeExpr, SimpleExpr},
};

use crate::auth::access::{Access, Area};
use crate::auth::visible::Visible;
use crate::entities::record::Record;
use crate::entities::rows::{self, Decode};
use crate::error::ApiResult;

/// The records of type `M` with these ids that the caller may see.
pub async fn by_ids<M>(db: &impl ConnectionTrait, access: &Access, ids: &[i32]) -> ApiResult<Vec<M>>
where
    M: ModelTrait + Record + Visible + Decode,
    M::Entity: EntityTrait<Model = M>,
{
    access.may_read::<M>()?;
    let select = M::Entity::find().filter(column::<M::Entity>("id").is_in(ids.iter().copied()));
    let rows = rows::find(db, select).await?;
    Ok(rows.into_iter().filter(|row| access.sees(row)).collect())
}

/// The records of type `E` that belong to another record: those whose `key` holds its id,
/// in the order `order` gives, grouped by `group` (the id they belong to, if they count).
#[derive(Debug)]
pub struct Related<E: EntityTrait> {
    pub key: E::Column,
    pub order: &'static [E::Column],
    pub group: fn(&E::Model) -> Option<i32>,
    /// The area whose scope reading them needs, besides their own (see `Visible`).
    pub area: Option<Area>,
    /// The most records of one id that are answered (see `register::bounds`), in `order`;
    /// `None` for a relation that is read in pages.
    pub bound: Option<usize>,
}

/// The records `relation` relates to each of `ids`, that the caller may see.
pub async fn related<E>(
    db: &impl ConnectionTrait,
    access: &Access,
    relation: &Related<E>,
    ids: &[i32],
) -> ApiResult<HashMap<i32, Vec<E::Model>>>
where
    E: EntityTrait,
    E::Model: Record + Visible + Decode,
{
    access.may_read::<E::Model>()?;
    if let Some(area) = relation.area {
        access.read(area)?;
    }
    let mut select = E::find().filter(relation.key.is_in(ids.iter().copied()));
    for column in relation.order {
        select = select.order_by_asc(*column);
    }
    let mut groups: HashMap<i32, Vec<E::Model>> = HashMap::new();
    for row in rows::find(db, select).await? {
        if access.sees(&row)
            && let Some(id) = (relation.group)(&row)
        {
            let group = groups.entry(id).or_default();
            if relation.bound.is_none_or(|bound| group.len() < bound) {
                group.push(row);
            }
        }
    }
    Ok(groups)
}

/// How many ids one statement of [`grouped`] asks about: a statement takes a bounded number
/// of parameters (65,535 on PostgreSQL), and the register's own rules may ask about every
/// contract at once.
const CHUNK: usize = 10_000;

/// The rows of `E` that `within` holds and whose `key` is one of `ids`, in ascending order of
/// the columns `order`, each made into a value by `of` and grouped by the id `of` names. No
/// access rule applies but `within`. Asked in chunks of ids.
pub async fn grouped<E: EntityTrait, T>(
    db: &impl ConnectionTrait,
    within: Condition,
    key: E::Column,
    order: &[E::Column],
    ids: &[i32],
    mut of: impl FnMut(E::Model) -> ApiResult<(i32, T)>,
) -> ApiResult<HashMap<i32, Vec<T>>> {
    let mut groups: HashMap<i32, Vec<T>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut select = E::find()
            .filter(within.clone())
            .filter(key.is_in(chunk.iter().copied()));
        for column in order {
            select = select.order_by_asc(*column);
        }
        for row in select.all(db).await? {
            let (id, item) = of(row)?;
            groups.entry(id).or_default().push(item);
        }
    }
    Ok(groups)
}

/// The condition that confines `access` to the records of `E` it may see (`Visible`); fails
/// unless the caller may read `E` at all. For a `Select`, see [`visible`].
pub fn seen<E>(access: &Access) -> ApiResult<Condition>
where
    E: EntityTrait,
    E::Model: Visible,
{
    access.may_read::<E::Model>()?;
    Ok(confined::<E>(access))
}

/// For a member-limited caller, the records of `E` whose owner is one of the member's
/// organisations or contracts; every record otherwise.
fn confined<E>(access: &Access) -> Condition
where
    E: EntityTrait,
    E::Model: Visible,
{
    match access.confined_to::<E::Model>() {
        Some(ids) => Condition::all()
            .add(column::<E>(<E::Model as Visible>::OWNER_COLUMN).is_in(ids.iter().copied())),
        None => Condition::all(),
    }
}

/// The rows of `E` of these contracts the caller may see, in ascending order of the day
/// column and then of the id column (the latest last), grouped by the contract `of` finds
/// each one's for, as it makes them; at most the latest `bound` of each contract. The columns
/// are `E`'s contract, day and id.
pub async fn latest_of_each<E, T>(
    db: &impl ConnectionTrait,
    access: &Access,
    contracts: &[i32],
    [contract_column, day, id]: [E::Column; 3],
    bound: usize,
    of: impl FnMut(E::Model) -> ApiResult<(i32, T)>,
) -> ApiResult<HashMap<i32, Vec<T>>>
where
    E: EntityTrait,
    E::Model: Visible,
{
    let within = seen::<E>(access)?;
    let mut out = grouped::<E, T>(db, within, contract_column, &[day, id], contracts, of).await?;
    crate::register::bounds::latest(&mut out, bound);
    Ok(out)
}

/// The column `name` of `E`'s table, qualified by the table.
fn column<E: EntityTrait>(name: &str) -> Expr {
    Expr::col((Alias::new(E::default().table_name()), Alias::new(name)))
}

/// `select` limited to what the caller may see: for a member-limited caller, the records
/// whose owner is one of the member's organisations or contracts.
pub fn visible<E>(select: Select<E>, access: &Access) -> Select<E>
where
    E: EntityTrait,
    E::Model: Visible,
{
    select.filter(confined::<E>(access))
}

/// `select` limited to records whose searched columns (see `Record::searched`) contain `text`,
/// when there is a text.
pub fn searched<E>(select: Select<E>, text: Option<&str>) -> Select<E>
where
    E: EntityTrait,
    E::Model: Record,
{
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return select;
    };
    let mut any = Condition::any();
    let table = E::default().table_name();
    for name in <E::Model as Record>::searched() {
        any = any.add(contains_ci((Alias::new(table), Alias::new(name)), text));
    }
    select.filter(any)
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

/// `t.a, t.b`: columns of a table alias.
pub fn prefixed(table: &str, columns: &[&str]) -> String {
    columns
        .iter()
        .map(|column| format!("{table}.{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$n` or `?n`: the `n`th parameter of a statement.
pub fn param(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    }
}

/// A list of ids as the first parameter of a statement whose text does not depend on how
/// many there are (see [`in_ids`]): an array for PostgreSQL, a JSON array for SQLite.
pub fn ids_param(backend: DbBackend, ids: Vec<i32>) -> sea_orm::Value {
    match backend {
        DbBackend::Postgres => ids.into(),
        _ => {
            let list = ids.iter().map(i32::to_string).collect::<Vec<_>>();
            format!("[{}]", list.join(",")).into()
        }
    }
}

/// `column` is one of the ids in the first parameter (see [`ids_param`]).
pub fn in_ids(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("{column} = ANY($1::int4[])"),
        _ => format!("{column} IN (SELECT value FROM json_each(?1))"),
    }
}
