//! The service catalogue: the `Service` type and the `services` root.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use std::str::FromStr;
use std::sync::Arc;

use super::coverages::Coverage;
use super::enums::{Direction, ServiceCategory};
use super::ids::{self, NodeType};
use super::loaders::{self, CoveragesOfService, ServiceTotals};
use super::pagination::{Page, PageArgs};
use super::plain::{Plain, PlainFields};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::entities::service;
use crate::error::{ApiError, ApiResult};
use crate::rows::Columns;
use crate::services::{catalogue as svc, coverages::runs_on};

/// An entry of the provider's service catalogue.
#[derive(Debug, Clone)]
pub struct Service(pub Arc<service::Model>);

impl Service {
    /// The columns a service needs for these of its fields; a field not named here needs
    /// every column.
    pub fn columns_for<'a>(fields: impl IntoIterator<Item = &'a str>) -> Columns {
        Columns::for_fields::<service::Model>(&["id"], fields, |field| {
            Some(match field {
                "__typename" | "id" | "history" | "coverages" | "recipientCount"
                | "workstations" => &[],
                "code" => &["code"],
                "name" => &["name"],
                "category" => &["category"],
                "vendor" => &["vendor"],
                "description" => &["description"],
                "source" => &["source_id"],
                "version" => &["version"],
                _ => return None,
            })
        })
    }
}

impl PlainFields for Service {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        Some(async_graphql::Value::String(match name {
            "id" => ids::encode(NodeType::Service, self.0.id).0,
            "code" => self.0.code.clone(),
            "name" => self.0.name.clone(),
            _ => return None,
        }))
    }
}

#[Object]
impl Service {
    /// Its changes, newest first (staff only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<super::pagination::Page<super::history::HistoryEntry>> {
        super::history::of(
            ctx,
            NodeType::Service,
            self.0.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Service, self.0.id)
    }

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
    async fn coverages(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Coverage>>> {
        let args = PageArgs::new(first, after, last, before).validate()?;
        let mut rows = loaders::many(ctx, CoveragesOfService(self.0.id)).await?;
        if let Some(date) = as_of {
            rows.retain(|row| runs_on(row, date.0));
        }
        Ok(args.page_of(rows, |row| Plain(Coverage::new(row))))
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

impl Service {
    async fn totals(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> ApiResult<crate::services::stats::Totals> {
        let date = super::scalars::as_of(as_of);
        Ok(loaders::loader(ctx)
            .load_one(ServiceTotals(self.0.id, date))
            .await?
            .unwrap_or_default())
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
    #[graphql(default)]
    field: ServiceOrderField,
    #[graphql(default)]
    direction: Direction,
}

/// The roots for the service catalogue.
#[derive(Debug, Default)]
pub struct ServiceRoot;

#[Object]
impl ServiceRoot {
    /// The service catalogue.
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn services(
        &self,
        ctx: &Context<'_>,
        filter: Option<ServiceFilter>,
        order_by: Option<ServiceOrderBy>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Service>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        let filter = filter.unwrap_or_default();
        let query = svc::ServiceQuery {
            categories: filter
                .category
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            search: filter.search,
        };
        let order = order_by.unwrap_or_default();
        let field = match order.field {
            ServiceOrderField::Name => svc::ServiceOrder::Name,
            ServiceOrderField::Code => svc::ServiceOrder::Code,
            ServiceOrderField::Category => svc::ServiceOrder::Category,
        };
        let (rows, window) = svc::list(
            crate::auth::access(ctx),
            super::db(ctx),
            &query,
            field,
            order.direction.into(),
            args,
        )
        .await?;
        Ok(window.connection(rows.into_iter().map(|row| Service(Arc::new(row))).collect()))
    }
}
