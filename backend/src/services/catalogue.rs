//! The service catalogue.

use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use verbund_shared::service::ServiceCategory;

use super::{Direction, contains_ci, fetch_page, ordered};
use crate::auth::access::{Access, Area};
use crate::entities::service;
use crate::error::ApiResult;
use crate::graphql::pagination::{CheckedArgs, Window};

/// Which services a list holds.
#[derive(Debug, Clone, Default)]
pub struct ServiceQuery {
    pub categories: Vec<ServiceCategory>,
    /// Code, name or vendor contains this (case-insensitive).
    pub search: Option<String>,
}

/// What a service list is ordered by; the id breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ServiceOrder {
    #[default]
    Name,
    Code,
    Category,
}

/// One page of the catalogue (`coverage:read`; the catalogue is the provider's offer, the
/// same for every member).
pub async fn list(
    access: &Access,
    db: &DatabaseConnection,
    query: &ServiceQuery,
    order: ServiceOrder,
    direction: Direction,
    args: CheckedArgs,
) -> ApiResult<(Vec<service::Model>, Window)> {
    access.read(Area::Coverage)?;
    let mut select = service::Entity::find();
    if !query.categories.is_empty() {
        select = select
            .filter(service::Column::Category.is_in(query.categories.iter().map(|c| c.as_str())));
    }
    if let Some(search) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
        select = select.filter(
            Condition::any()
                .add(contains_ci(service::Column::Code, search))
                .add(contains_ci(service::Column::Name, search))
                .add(contains_ci(service::Column::Vendor, search)),
        );
    }
    let column = match order {
        ServiceOrder::Name => service::Column::Name,
        ServiceOrder::Code => service::Column::Code,
        ServiceOrder::Category => service::Column::Category,
    };
    let select = ordered(select, column, service::Column::Id, direction);
    fetch_page(db, select, args).await
}
