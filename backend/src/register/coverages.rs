//! Coverage: which organisation receives which service, when, and how much; the list, the
//! coverages of organisations, services and contracts, and changing them.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, Statement, sea_query::Query,
};
use verbund_shared::drafts::CoverageDraft;
use verbund_shared::service::ServiceCategory;
use verbund_shared::validate::Check;

use super::page::{self, Direction, PageRequest, Window};
use super::read::{self, Related, ids_param, in_ids, prefixed};
use super::services::Service;
use super::stored::Stored;
use super::write::{self, Tx};
use crate::auth::access::Access;
use crate::entities::rows::{Columns, Decode};
use crate::entities::{contract, coverage, organisation, service};
use crate::error::ApiResult;

pub use crate::entities::coverage::Model as Coverage;

/// A condition: the coverage period contains `date`.
pub fn active_on(date: NaiveDate) -> Condition {
    Condition::all()
        .add(coverage::Column::StartsOn.lte(date))
        .add(
            Condition::any()
                .add(coverage::Column::EndsOn.is_null())
                .add(coverage::Column::EndsOn.gte(date)),
        )
}

/// Whether a coverage runs on `date` (the same rule as [`active_on`], for rows in memory).
pub fn runs_on(row: &Coverage, date: NaiveDate) -> bool {
    row.starts_on <= date && row.ends_on.is_none_or(|end| end >= date)
}

/// Which coverages a list holds.
#[derive(Debug, Clone, Default)]
pub struct CoverageQuery {
    pub organisation_id: Option<i32>,
    pub service_id: Option<i32>,
    pub contract_id: Option<i32>,
    pub categories: Vec<ServiceCategory>,
    /// Only coverages that run on this date; all of history when `None`.
    pub active_on: Option<NaiveDate>,
}

/// What a coverage list is ordered by; the id breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoverageOrder {
    #[default]
    StartsOn,
    Workstations,
}

/// The coverages `query` holds that the caller may see (`coverage:read`), in no order: what
/// a page of the list and an export read from.
pub fn selection(
    access: &Access,
    query: &CoverageQuery,
) -> ApiResult<sea_orm::Select<coverage::Entity>> {
    access.may_read::<Coverage>()?;
    let mut select = read::visible(coverage::Entity::find(), access);
    if let Some(id) = query.organisation_id {
        select = select.filter(coverage::Column::OrganisationId.eq(id));
    }
    if let Some(id) = query.service_id {
        select = select.filter(coverage::Column::ServiceId.eq(id));
    }
    if let Some(id) = query.contract_id {
        select = select.filter(coverage::Column::ContractId.eq(id));
    }
    if !query.categories.is_empty() {
        select = select.filter(
            coverage::Column::ServiceId.in_subquery(
                Query::select()
                    .column(service::Column::Id)
                    .from(service::Entity)
                    .and_where(
                        service::Column::Category
                            .is_in(query.categories.iter().map(|c| c.as_str())),
                    )
                    .to_owned(),
            ),
        );
    }
    if let Some(date) = query.active_on {
        select = select.filter(active_on(date));
    }
    Ok(select)
}

/// One page of coverages the caller may see (`coverage:read`; a member-limited token sees
/// only what its member and the member's units receive).
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    query: &CoverageQuery,
    order: CoverageOrder,
    direction: Direction,
    page: PageRequest,
) -> ApiResult<(Vec<Coverage>, Window)> {
    let select = selection(access, query)?;
    let column = match order {
        CoverageOrder::StartsOn => coverage::Column::StartsOn,
        CoverageOrder::Workstations => coverage::Column::Workstations,
    };
    let select = page::ordered(select, column, coverage::Column::Id, direction);
    page::fetch(db, select, page).await
}

/// What an organisation receives, oldest first.
pub const OF_ORGANISATION: Related<coverage::Entity> = Related {
    key: coverage::Column::OrganisationId,
    order: &[coverage::Column::StartsOn, coverage::Column::Id],
    group: |row| Some(row.organisation_id),
    area: None,
    bound: None,
};

/// Who receives a service, oldest first.
pub const OF_SERVICE: Related<coverage::Entity> = Related {
    key: coverage::Column::ServiceId,
    order: &[coverage::Column::StartsOn, coverage::Column::Id],
    group: |row| Some(row.service_id),
    area: None,
    bound: None,
};

/// The coverages delivered under each of `contracts`, each with its service, in one statement
/// (a contract's coverages are nearly always shown with the service's name); only the
/// coverage's and the service's `columns` asked for are read.
pub async fn of_contracts(
    db: &DatabaseConnection,
    access: &Access,
    contracts: Vec<i32>,
    columns: Columns,
    service_columns: Columns,
) -> ApiResult<HashMap<i32, Vec<(Coverage, Arc<Service>)>>> {
    access.may_read::<Coverage>()?;
    let backend = db.get_database_backend();
    let coverage_names = columns.names::<Coverage>().collect::<Vec<_>>();
    let service_names = service_columns.names::<Service>().collect::<Vec<_>>();
    let sql = format!(
        "SELECT {}, {} FROM coverages v JOIN services s ON s.id = v.service_id \
         WHERE {} ORDER BY v.starts_on, v.id",
        prefixed("v", &coverage_names),
        prefixed("s", &service_names),
        in_ids(backend, "v.contract_id"),
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [ids_param(backend, contracts)],
        ))
        .await?;
    let service_at = coverage_names.len();
    if let Some(first) = rows.first() {
        Coverage::check_some(first, 0, "", columns)?;
        Service::check_some(first, service_at, "", service_columns)?;
    }
    let mut services: HashMap<i32, Arc<Service>> = HashMap::new();
    let mut groups: HashMap<i32, Vec<(Coverage, Arc<Service>)>> = HashMap::new();
    for row in &rows {
        let coverage = Coverage::read_some(row, 0, columns)?;
        if !access.sees(&coverage) {
            continue;
        }
        let Some(contract) = coverage.contract_id else {
            continue;
        };
        let service = match services.get(&coverage.service_id) {
            Some(service) => Arc::clone(service),
            None => {
                let service = Arc::new(Service::read_some(row, service_at, service_columns)?);
                services.insert(service.id, Arc::clone(&service));
                service
            }
        };
        groups
            .entry(contract)
            .or_default()
            .push((coverage, service));
    }
    Ok(groups)
}

impl Stored for CoverageDraft {
    type Entity = coverage::Entity;
    const CREATED: &'static str = "createCoverage";
    const UPDATED: &'static str = "updateCoverage";

    async fn columns(self, tx: &Tx<'_>, _: Option<&Coverage>) -> ApiResult<coverage::ActiveModel> {
        let draft = self.check()?;
        let organisation_id = tx
            .refers::<organisation::Entity>(draft.organisation, "organisationId")
            .await?;
        let service_id = tx
            .refers::<service::Entity>(draft.service, "serviceId")
            .await?;
        let contract_id = tx
            .refers_opt::<contract::Entity>(draft.contract, "contractId")
            .await?;
        let source_id = tx.source(draft.source).await?;
        Ok(coverage::ActiveModel {
            organisation_id: Set(organisation_id),
            service_id: Set(service_id),
            contract_id: Set(contract_id),
            starts_on: Set(draft.starts_on),
            ends_on: Set(draft.ends_on),
            workstations: Set(draft.workstations),
            users: Set(draft.users),
            source_id: Set(source_id),
            ..Default::default()
        })
    }
}

/// Records the last day of service.
pub async fn end(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    ends_on: NaiveDate,
) -> ApiResult<Coverage> {
    let rule = |before: &Coverage, check: &mut Check| {
        check.period("endsOn", before.starts_on, Some(ends_on));
        Ok(())
    };
    let set = |row: &mut coverage::ActiveModel| row.ends_on = Set(Some(ends_on));
    write::dated::<coverage::Entity>(db, access, "endCoverage", (id, version), rule, set).await
}
