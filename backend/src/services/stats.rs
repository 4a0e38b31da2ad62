//! Aggregates people count: members on a date, workstations per member and per service.
//!
//! Workstations are summed over the coverages that run on the date asked about: a
//! workstation recorded on two coverages of the same organisation counts twice, so record
//! workstations on the coverage that carries them (usually the complete IT operation).

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::coverages::active_on;
use crate::entities::{coverage, service};
use crate::error::ApiResult;
use verbund_shared::service::ServiceCategory;

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

/// Totals per organisation on `date`, for the given organisations or all of them.
pub async fn by_organisation(
    db: &DatabaseConnection,
    date: NaiveDate,
    organisations: Option<&[i32]>,
) -> ApiResult<HashMap<i32, Totals>> {
    sums_by(db, coverage::Column::OrganisationId, date, organisations).await
}

/// Totals per service on `date`, for the given services or all of them.
pub async fn by_service(
    db: &DatabaseConnection,
    date: NaiveDate,
    services: Option<&[i32]>,
) -> ApiResult<HashMap<i32, Totals>> {
    sums_by(db, coverage::Column::ServiceId, date, services).await
}

/// The number of services in the catalogue, and of specialist applications among them.
pub async fn catalogue_counts(db: &DatabaseConnection) -> ApiResult<(u64, u64)> {
    let all = service::Entity::find().count(db).await?;
    let applications = service::Entity::find()
        .filter(service::Column::Category.eq(ServiceCategory::SpecialistApplication.as_str()))
        .order_by_asc(service::Column::Id)
        .count(db)
        .await?;
    Ok((all, applications))
}
