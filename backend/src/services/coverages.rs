//! Coverage: which organisation receives which service, when, and how much.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Query,
};
use verbund_shared::service::ServiceCategory;

use super::{Direction, fetch_page, ordered};
use crate::auth::access::{Access, Area};
use crate::entities::{coverage, service};
use crate::error::ApiResult;
use crate::graphql::pagination::{CheckedArgs, Window};

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

/// Whether a coverage row runs on `date` (the same rule as [`active_on`], for rows in memory).
pub fn runs_on(row: &coverage::Model, date: NaiveDate) -> bool {
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

/// One page of coverages the caller may see (`coverage:read`; a member-limited token sees
/// only what its member and the member's units receive).
pub async fn list(
    access: &Access,
    db: &DatabaseConnection,
    query: &CoverageQuery,
    order: CoverageOrder,
    direction: Direction,
    args: CheckedArgs,
) -> ApiResult<(Vec<coverage::Model>, Window)> {
    access.read(Area::Coverage)?;
    let mut select = coverage::Entity::find();
    if let Some(data) = access.member_data() {
        select = select
            .filter(coverage::Column::OrganisationId.is_in(data.organisations.iter().copied()));
    }
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
    let column = match order {
        CoverageOrder::StartsOn => coverage::Column::StartsOn,
        CoverageOrder::Workstations => coverage::Column::Workstations,
    };
    let select = ordered(select, column, coverage::Column::Id, direction);
    fetch_page(db, select, args).await
}
