//! Aggregates people count: members on a date, workstations per organisation and per service.
//!
//! Workstations are summed over the coverages that run on the date asked about: a
//! workstation recorded on two coverages of the same organisation counts twice, so record
//! workstations on the coverage that carries them (usually the complete IT operation).
//! An organisation's totals are seen by whoever sees the organisation; totals over every
//! member (per service, the whole register) only by callers not limited to one member.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use verbund_shared::service::ServiceCategory;

use super::coverages::active_on;
use super::organisations::Organisation;
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

async fn sums_by(
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

/// The totals of these organisations on `date`, of those the caller sees.
pub async fn of_organisations(
    db: &DatabaseConnection,
    access: &Access,
    date: NaiveDate,
    organisations: &[i32],
) -> ApiResult<HashMap<i32, Totals>> {
    access.read(Area::Coverage)?;
    let visible: Vec<i32> = match access.confined_to::<Organisation>() {
        Some(own) => organisations
            .iter()
            .copied()
            .filter(|id| own.contains(id))
            .collect(),
        None => organisations.to_vec(),
    };
    sums_by(db, coverage::Column::OrganisationId, date, Some(&visible)).await
}

/// The totals of these services on `date`, or of every service.
pub async fn of_services(
    db: &DatabaseConnection,
    access: &Access,
    date: NaiveDate,
    services: Option<&[i32]>,
) -> ApiResult<HashMap<i32, Totals>> {
    access.read_totals()?;
    sums_by(db, coverage::Column::ServiceId, date, services).await
}

/// The totals of every organisation that receives a service on `date`.
pub async fn by_organisation(
    db: &DatabaseConnection,
    access: &Access,
    date: NaiveDate,
) -> ApiResult<HashMap<i32, Totals>> {
    access.read_totals()?;
    sums_by(db, coverage::Column::OrganisationId, date, None).await
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
