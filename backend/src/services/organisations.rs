//! Organisations and members: who is a member on a date, search, kind filters, ordering.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Query,
};
use verbund_shared::org::OrganisationKind;

use super::{Direction, contains_ci, fetch_page, ordered};
use crate::auth::access::{Access, Area};
use crate::entities::{membership, organisation};
use crate::error::ApiResult;
use crate::graphql::pagination::{CheckedArgs, Window};

/// Which organisations a list holds.
#[derive(Debug, Clone, Default)]
pub struct OrganisationQuery {
    /// Only those that are members on this date.
    pub member_on: Option<NaiveDate>,
    /// Name or short name contains this (case-insensitive).
    pub search: Option<String>,
    /// Only these kinds (any kind when empty).
    pub kinds: Vec<OrganisationKind>,
    /// Only the units of this organisation.
    pub parent_id: Option<i32>,
    /// Only founding members (`Some(true)`) or only later ones (`Some(false)`).
    pub founding: Option<bool>,
}

/// What an organisation list is ordered by; the id breaks ties, so the order is total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationOrder {
    #[default]
    Name,
    Kind,
    OfficialKey,
}

/// A condition: the membership period contains `date`.
pub fn membership_on(date: NaiveDate) -> Condition {
    Condition::all()
        .add(membership::Column::JoinedOn.lte(date))
        .add(
            Condition::any()
                .add(membership::Column::LeftOn.is_null())
                .add(membership::Column::LeftOn.gte(date)),
        )
}

fn select(query: &OrganisationQuery) -> sea_orm::Select<organisation::Entity> {
    let mut select = organisation::Entity::find();
    if query.member_on.is_some() || query.founding.is_some() {
        let mut members = Query::select();
        members
            .column(membership::Column::OrganisationId)
            .from(membership::Entity);
        if let Some(date) = query.member_on {
            members.cond_where(membership_on(date));
        }
        if let Some(founding) = query.founding {
            members.and_where(membership::Column::Founding.eq(founding));
        }
        select = select.filter(organisation::Column::Id.in_subquery(members.to_owned()));
    }
    if let Some(search) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
        select = select.filter(
            Condition::any()
                .add(contains_ci(organisation::Column::Name, search))
                .add(contains_ci(organisation::Column::ShortName, search))
                .add(contains_ci(organisation::Column::OfficialKey, search)),
        );
    }
    if !query.kinds.is_empty() {
        select =
            select.filter(organisation::Column::Kind.is_in(query.kinds.iter().map(|k| k.as_str())));
    }
    if let Some(parent) = query.parent_id {
        select = select.filter(organisation::Column::ParentId.eq(parent));
    }
    select
}

/// One page of organisations the caller may see (`members:read`; a member-limited token
/// sees only its member and the member's units).
pub async fn list(
    access: &Access,
    db: &DatabaseConnection,
    query: &OrganisationQuery,
    order: OrganisationOrder,
    direction: Direction,
    args: CheckedArgs,
) -> ApiResult<(Vec<organisation::Model>, Window)> {
    let column = match order {
        OrganisationOrder::Name => organisation::Column::Name,
        OrganisationOrder::Kind => organisation::Column::Kind,
        OrganisationOrder::OfficialKey => organisation::Column::OfficialKey,
    };
    access.read(Area::Members)?;
    let mut select = select(query);
    if let Some(data) = access.member_data() {
        select = select.filter(organisation::Column::Id.is_in(data.organisations.iter().copied()));
    }
    let select = ordered(select, column, organisation::Column::Id, direction);
    fetch_page(db, select, args).await
}

/// How many organisations are members on `date`.
pub async fn member_count(db: &DatabaseConnection, date: NaiveDate) -> ApiResult<u64> {
    use sea_orm::PaginatorTrait;
    let count = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .distinct()
        .filter(membership_on(date))
        .count(db)
        .await?;
    Ok(count)
}
