//! The service catalogue: the `Service` type, the `services` root and the mutations that
//! change the catalogue.

mod mutations;

use std::str::FromStr;
use std::sync::Arc;

use async_graphql::{Context, Enum, InputObject, Object};

pub use self::mutations::ServiceMutation;
use super::enums::{Direction, ServiceCategory};
use super::loaders::{self, CoveragesOfService, ServiceTotals};
use super::object::record_object;
use super::pagination::{Page, page_of, paged_object};
use super::plain::{self, Plain, PlainFields};
use super::records::Coverage;
pub use super::records::Service;
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::error::{ApiError, ApiResult};
use crate::register::Columns;
use crate::register::services::{self as register, Service as Row, ServiceOrder, ServiceQuery};
use crate::register::totals::Totals;

impl From<Row> for Service {
    fn from(row: Row) -> Self {
        Self(Arc::new(row))
    }
}

impl Service {
    /// The columns a service needs for these of its fields (see `Columns::for_api`).
    pub fn columns_for<'a>(fields: impl IntoIterator<Item = &'a str>) -> Columns {
        Columns::for_api::<Row>(fields)
    }

    async fn totals(&self, ctx: &Context<'_>, as_of: Option<Date>) -> ApiResult<Totals> {
        let key = ServiceTotals(self.0.id, super::scalars::as_of(ctx, as_of));
        Ok(loaders::loader(ctx)
            .load_one(key)
            .await?
            .unwrap_or_default())
    }
}

impl PlainFields for Service {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        plain::record_field(&*self.0, name)
    }
}

record_object! {
    #[async_graphql::Object]
    /// An entry of the provider's service catalogue.
    impl Service as Service, id = |this| this.0.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
        /// The catalogue code.
        async fn code(&self) -> &str {
            &self.0.code
        }

        /// The name.
        async fn name(&self) -> &str {
            &self.0.name
        }

        /// The category.
        async fn category(&self) -> ApiResult<ServiceCategory> {
            verbund_shared::service::ServiceCategory::from_str(&self.0.category)
                .map(Into::into)
                .map_err(|err| ApiError::internal("service category", &err))
        }

        /// The vendor, for specialist applications.
        async fn vendor(&self) -> Option<&str> {
            self.0.vendor.as_deref()
        }

        /// What the service comprises.
        async fn description(&self) -> Option<&str> {
            self.0.description.as_deref()
        }

        /// Who receives it: those running on `asOf` when given, otherwise the whole history.
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before) as args
        async fn coverages(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>
        ) -> ApiResult<Page<Plain<Coverage>>> {
            let page = args.request()?;
            let rows = loaders::many(ctx, CoveragesOfService(self.0.id)).await?;
            Ok(Coverage::page_running_on(page, rows, as_of))
        }

        /// How many organisations receive it on `asOf` (default: today).
        async fn recipient_count(&self, ctx: &Context<'_>, as_of: Option<Date>) -> ApiResult<i64> {
            Ok(self.totals(ctx, as_of).await?.coverages)
        }

        /// Workstations it is delivered to on `asOf` (default: today); null when no coverage
        /// records them.
        async fn workstations(&self, ctx: &Context<'_>, as_of: Option<Date>) -> ApiResult<Option<i64>> {
            Ok(self.totals(ctx, as_of).await?.workstations)
        }

        /// Where the facts about it come from.
        async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
            source_of(ctx, self.0.source_id).await
        }

        /// The record's version; it grows with every change.
        async fn version(&self) -> i32 {
            self.0.version
        }
    }
}

/// Narrows the service list.
#[derive(InputObject, Debug, Default)]
pub struct ServiceFilter {
    /// Only these categories.
    category: Option<Vec<ServiceCategory>>,
    /// Code, name or vendor contains this (case-insensitive).
    search: Option<String>,
}

/// What service lists can be ordered by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ServiceOrderField {
    /// The name.
    #[default]
    Name,
    /// The catalogue code.
    Code,
    /// The category.
    Category,
}

/// The order of a service list.
#[derive(InputObject, Debug, Default)]
pub struct ServiceOrderBy {
    /// What the list is ordered by.
    #[graphql(default)]
    field: ServiceOrderField,
    /// Ascending or descending.
    #[graphql(default)]
    direction: Direction,
}

/// The roots for the service catalogue.
#[derive(Debug, Default)]
pub struct ServiceRoot;

paged_object! {
    #[Object]
    impl ServiceRoot {
        /// The service catalogue.
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before, offset) as args
        async fn services(
            &self,
            ctx: &Context<'_>,
            filter: Option<ServiceFilter>,
            order_by: Option<ServiceOrderBy>
        ) -> ApiResult<Page<Service>> {
            let page = args.counted(ctx)?;
            let filter = filter.unwrap_or_default();
            let query = ServiceQuery {
                categories: super::filters::values("filter.category", filter.category)?,
                search: super::filters::search(filter.search)?,
            };
            let order = order_by.unwrap_or_default();
            let field = match order.field {
                ServiceOrderField::Name => ServiceOrder::Name,
                ServiceOrderField::Code => ServiceOrder::Code,
                ServiceOrderField::Category => ServiceOrder::Category,
            };
            let db = super::db(ctx);
            let access = super::access(ctx);
            let found = register::list(db, access, &query, field, order.direction.into(), page).await?;
            Ok(page_of(found, |row| Service(Arc::new(row))))
        }
    }
}
