//! Aggregates people count: members on a date, workstations per organisation and per service.
//!
//! Workstations are summed over the coverages that run on the date asked about: a
//! workstation recorded on two coverages of the same organisation counts twice, so record
//! workstations on the coverage that carries them (usually the complete IT operation).
//! The sums are kept up to date with every change (see [`kept`]), so today's totals, and any
//! later day's, are a lookup; a day before the kept totals' own day is summed from the
//! coverages. An organisation's totals are seen by whoever sees the organisation; totals over
//! every member (per service, the whole register) only by callers not limited to one member.

pub mod held;
pub mod kept;
pub mod repair;

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QuerySelect, Statement, Value,
};
use verbund_shared::service::ServiceCategory;

use self::held::Reading;
use self::kept::Kind;
use super::coverages::active_on;
use super::organisations::Organisation;
use super::read;
use crate::auth::access::{Access, Area};
use crate::entities::{coverage, service};
use crate::error::ApiResult;

#[derive(Debug, FromQueryResult)]
struct Sum {
    key: i32,
    workstations: Option<i64>,
    users: Option<i64>,
    coverages: i64,
}

/// Workstations, users and coverages of a group on a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// `None` when no coverage of the group records workstations.
    pub workstations: Option<i64>,
    /// `None` when no coverage of the group records users.
    pub users: Option<i64>,
    pub coverages: i64,
}

/// The totals of each group of `group`'s kind on `date` summed over its coverages: the way
/// to answer a day before the kept totals' own day.
impl Totals {
    /// Both totals added up (a sum no side records stays unknown).
    fn plus(self, other: Totals) -> Totals {
        let add = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        Totals {
            workstations: add(self.workstations, other.workstations),
            users: add(self.users, other.users),
            coverages: self.coverages + other.coverages,
        }
    }
}

async fn summed(
    db: &DatabaseConnection,
    group: coverage::Column,
    date: NaiveDate,
    keys: Option<&[i32]>,
) -> ApiResult<HashMap<i32, Totals>> {
    let mut select = coverage::Entity::find()
        .select_only()
        .column_as(group, "key")
        .column_as(coverage::Column::Workstations.sum(), "workstations")
        .column_as(coverage::Column::Users.sum(), "users")
        // Counting rows, not ids, lets the database sum from the index alone (see the
        // migration `coverage_totals`).
        .column_as(Expr::cust("COUNT(*)"), "coverages")
        .filter(active_on(date))
        .group_by(group);
    if let Some(keys) = keys {
        select = select.filter(group.is_in(keys.iter().copied()));
    }
    let rows = select.into_model::<Sum>().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            (
                row.key,
                Totals {
                    workstations: row.workstations,
                    users: row.users,
                    coverages: row.coverages,
                },
            )
        })
        .collect())
}

/// The totals of the groups of `kind` (those of `keys`, or all) that have coverages running on
/// `date`: from the kept totals and their steps up to `date` in one statement; a group whose
/// kept totals hold a later day than `date` is summed from its coverages instead. No access
/// check: the functions below check the caller first.
pub async fn sums(
    db: &DatabaseConnection,
    kind: Kind,
    date: NaiveDate,
    keys: Option<&[i32]>,
) -> ApiResult<HashMap<i32, Totals>> {
    let backend = db.get_database_backend();
    let mut values: Vec<Value> = Vec::with_capacity(3);
    let mut only = String::new();
    if let Some(keys) = keys {
        values.push(read::ids_param(backend, keys.to_vec()));
        only = format!(" AND {}", read::in_ids(backend, "t.group_id"));
    }
    values.push(date.into());
    values.push(kind.as_str().into());
    let [date_at, kind_at] = [values.len() - 1, values.len()].map(|n| read::param(backend, n));
    let figures = kept::FIGURES
        .map(|f| format!("CAST(t.{f} + COALESCE(SUM(s.{f}), 0) AS BIGINT)"))
        .join(", ");
    let columns = kept::FIGURES.map(|f| format!("t.{f}")).join(", ");
    let sql = format!(
        "SELECT t.group_id, t.on_day, {figures} FROM coverage_totals t \
         LEFT JOIN coverage_total_steps s ON s.kind = t.kind AND s.group_id = t.group_id \
         AND s.day > t.on_day AND s.day <= {date_at} \
         WHERE t.kind = {kind_at}{only} GROUP BY t.group_id, t.on_day, {columns}"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut sums = HashMap::with_capacity(rows.len());
    let mut later = Vec::new();
    for row in rows {
        let key: i32 = row.try_get_by_index(0)?;
        let on_day: NaiveDate = row.try_get_by_index(1)?;
        if on_day > date {
            later.push(key);
            continue;
        }
        let figures = kept::Figures {
            workstations: row.try_get_by_index(2)?,
            workstations_known: row.try_get_by_index(3)?,
            users: row.try_get_by_index(4)?,
            users_known: row.try_get_by_index(5)?,
            coverages: row.try_get_by_index(6)?,
        };
        if figures.coverages > 0 {
            sums.insert(key, figures.totals());
        }
    }
    if !later.is_empty() {
        let column = match kind {
            Kind::Service => coverage::Column::ServiceId,
            _ => coverage::Column::OrganisationId,
        };
        sums.extend(summed(db, column, date, Some(&later)).await?);
    }
    Ok(sums)
}

/// Those of `organisations` the caller sees.
fn seen(access: &Access, organisations: &[i32]) -> Vec<i32> {
    match access.confined_to::<Organisation>() {
        Some(own) => organisations
            .iter()
            .copied()
            .filter(|id| own.contains(id))
            .collect(),
        None => organisations.to_vec(),
    }
}

/// The totals of these organisations on `date`, of those the caller sees.
pub async fn of_organisations(
    db: &DatabaseConnection,
    held: Reading<'_>,
    access: &Access,
    date: NaiveDate,
    organisations: &[i32],
) -> ApiResult<HashMap<i32, Totals>> {
    access.read(Area::Coverage)?;
    let seen = seen(access, organisations);
    held.sums(db, Kind::Organisation, date, Some(&seen)).await
}

/// The totals of these organisations with their units (see `units`: a member and the
/// organisations that act through it) on `date`, of those the caller sees: the kept totals
/// of each one's own organisations added up, in two statements.
pub async fn with_units(
    db: &DatabaseConnection,
    held: Reading<'_>,
    access: &Access,
    date: NaiveDate,
    organisations: &[i32],
) -> ApiResult<HashMap<i32, Totals>> {
    access.read(Area::Coverage)?;
    let own = super::units::own_organisations_of(db, &seen(access, organisations)).await?;
    let mut all: Vec<i32> = own.values().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let each = held.sums(db, Kind::Organisation, date, Some(&all)).await?;
    Ok(own
        .into_iter()
        .filter_map(|(organisation, ids)| {
            let sum = ids
                .iter()
                .filter_map(|id| each.get(id))
                .fold(None, |sum: Option<Totals>, totals| {
                    Some(sum.unwrap_or_default().plus(*totals))
                });
            sum.map(|sum| (organisation, sum))
        })
        .collect())
}

/// The totals of these services on `date`, or of every service.
pub async fn of_services(
    db: &DatabaseConnection,
    held: Reading<'_>,
    access: &Access,
    date: NaiveDate,
    services: Option<&[i32]>,
) -> ApiResult<HashMap<i32, Totals>> {
    access.read_totals()?;
    held.sums(db, Kind::Service, date, services).await
}

/// The totals of every organisation that receives a service on `date`.
pub async fn by_organisation(
    db: &DatabaseConnection,
    held: Reading<'_>,
    access: &Access,
    date: NaiveDate,
) -> ApiResult<HashMap<i32, Totals>> {
    access.read_totals()?;
    held.sums(db, Kind::Organisation, date, None).await
}

/// The number of services in the catalogue, and of specialist applications among them.
pub async fn catalogue_counts(db: &DatabaseConnection, access: &Access) -> ApiResult<(u64, u64)> {
    access.read_totals()?;
    let all = service::Entity::find().count(db).await?;
    let applications = service::Entity::find()
        .filter(service::Column::Category.eq(ServiceCategory::SpecialistApplication.as_str()))
        .count(db)
        .await?;
    Ok((all, applications))
}

/// How many organisations are members on `date`.
pub async fn member_count(
    db: &DatabaseConnection,
    access: &Access,
    date: NaiveDate,
) -> ApiResult<u64> {
    access.read_totals()?;
    super::organisations::member_count(db, date).await
}
