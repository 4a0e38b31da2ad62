//! Coverage: the type and the `coverages` root.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject, Object, SelectionField};

use super::catalogue::Service;
use super::contracts::Contract;
use super::enums::{Direction, ServiceCategory};
use super::ids::{self, NodeType};
use super::loaders::{self, ContractId, OrganisationId, ServiceId};
use super::organisations::Organisation;
use super::pagination::{Page, PageArgs, node_fields};
use super::plain::{self, Plain, PlainFields};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::entities::{coverage, service};
use crate::error::ApiResult;
use crate::rows::Columns;
use crate::services::coverages as svc;

/// Which organisation receives which service, under which contract, when, and how much.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub row: coverage::Model,
    /// Its service, when it was read along with it.
    service: Option<Arc<service::Model>>,
}

impl Coverage {
    /// Wraps a row; its service is loaded when asked for.
    pub fn new(row: coverage::Model) -> Self {
        Self { row, service: None }
    }

    /// The columns a coverage needs for these of its fields, and those its service needs for
    /// the service's fields asked for (see [`Service::columns_for`]). A list reads only
    /// those; a field not named here needs every column.
    pub fn columns_for(fields: &[SelectionField<'_>]) -> (Columns, Columns) {
        let base = [
            "id",
            "contract_id",
            "service_id",
            "organisation_id",
            "starts_on",
            "ends_on",
        ];
        let names = fields.iter().map(|field| field.name());
        let columns = Columns::for_fields::<coverage::Model>(&base, names, |field| {
            Some(match field {
                "__typename" | "id" | "history" | "organisation" | "contract" | "startsOn"
                | "endsOn" | "isActive" | "service" => &[],
                "workstations" => &["workstations"],
                "users" => &["users"],
                "source" => &["source_id"],
                "version" => &["version"],
                _ => return None,
            })
        });
        if columns == Columns::ALL {
            return (Columns::ALL, Columns::ALL);
        }
        let service = fields
            .iter()
            .filter(|field| field.name() == "service")
            .map(|field| Service::columns_for(field.selection_set().map(|f| f.name())))
            .fold(Columns::of::<service::Model>(&["id"]), Columns::and);
        (columns, service)
    }

    /// [`Coverage::columns_for`] the fields asked for on each node of the connection that
    /// `ctx` resolves.
    pub fn columns_of_page(ctx: &Context<'_>) -> (Columns, Columns) {
        Self::columns_for(&node_fields(ctx))
    }

    /// Wraps a row read together with its service.
    pub fn with_service(row: coverage::Model, service: Arc<service::Model>) -> Self {
        Self {
            row,
            service: Some(service),
        }
    }
}

impl PlainFields for Coverage {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        let number = |value: Option<i32>| value.map_or(async_graphql::Value::Null, Into::into);
        Some(match name {
            "id" => async_graphql::Value::String(ids::encode(NodeType::Coverage, self.row.id).0),
            "workstations" => number(self.row.workstations),
            "users" => number(self.row.users),
            _ => return None,
        })
    }

    fn plain_object(
        &self,
        name: &str,
        selection: &async_graphql::ContextSelectionSet<'_>,
    ) -> Option<async_graphql::Value> {
        match (name, &self.service) {
            ("service", Some(service)) => {
                plain::plain_only(&Service(Arc::clone(service)), selection)
            }
            _ => None,
        }
    }
}

#[Object]
impl Coverage {
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
            NodeType::Coverage,
            self.row.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Coverage, self.row.id)
    }

    /// The organisation that receives the service.
    async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Organisation> {
        Ok(Organisation(
            loaders::one(ctx, OrganisationId(self.row.organisation_id)).await?,
        ))
    }

    /// The service.
    async fn service(&self, ctx: &Context<'_>) -> ApiResult<Plain<Service>> {
        match &self.service {
            Some(service) => Ok(Plain(Service(Arc::clone(service)))),
            None => Ok(Plain(Service(
                loaders::one(ctx, ServiceId(self.row.service_id)).await?,
            ))),
        }
    }

    /// The contract it is delivered under, when known.
    async fn contract(&self, ctx: &Context<'_>) -> ApiResult<Option<Contract>> {
        match self.row.contract_id {
            Some(id) => Ok(loaders::loader(ctx)
                .load_one(ContractId(id))
                .await?
                .map(Contract::new)),
            None => Ok(None),
        }
    }

    /// The first day of service.
    async fn starts_on(&self) -> Date {
        self.row.starts_on.into()
    }

    /// The last day of service; null while it runs.
    async fn ends_on(&self) -> Option<Date> {
        self.row.ends_on.map(Into::into)
    }

    /// Whether it runs on `asOf` (default: today).
    async fn is_active(&self, as_of: Option<Date>) -> bool {
        svc::runs_on(&self.row, super::scalars::as_of(as_of))
    }

    /// Workstations served, when known.
    async fn workstations(&self) -> Option<i32> {
        self.row.workstations
    }

    /// Users served, when known.
    async fn users(&self) -> Option<i32> {
        self.row.users
    }

    /// Where the facts about it come from.
    async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
        source_of(ctx, self.row.source_id).await
    }

    /// The record's version; it grows with every change.
    async fn version(&self) -> i32 {
        self.row.version
    }
}

/// Narrows the coverage list.
#[derive(InputObject, Debug, Default)]
pub struct CoverageFilter {
    /// Only what this organisation receives.
    organisation_id: Option<ID>,
    /// Only this service.
    service_id: Option<ID>,
    /// Only what is delivered under this contract.
    contract_id: Option<ID>,
    /// Only services of these categories.
    category: Option<Vec<ServiceCategory>>,
}

/// What coverage lists can be ordered by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoverageOrderField {
    /// The first day of service.
    #[default]
    StartsOn,
    /// The number of workstations.
    Workstations,
}

/// The order of a coverage list.
#[derive(InputObject, Debug, Default)]
pub struct CoverageOrderBy {
    #[graphql(default)]
    field: CoverageOrderField,
    #[graphql(default)]
    direction: Direction,
}

/// The roots for coverage.
#[derive(Debug, Default)]
pub struct CoverageRoot;

#[Object]
impl CoverageRoot {
    /// Who receives which service: those running on `asOf` when given, otherwise the whole
    /// history.
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn coverages(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
        filter: Option<CoverageFilter>,
        order_by: Option<CoverageOrderBy>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Coverage>>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        let filter = filter.unwrap_or_default();
        let decode =
            |id: Option<ID>, node, field| id.map(|id| ids::decode_as(&id, node, field)).transpose();
        let query = svc::CoverageQuery {
            organisation_id: decode(
                filter.organisation_id,
                NodeType::Organisation,
                "filter.organisationId",
            )?,
            service_id: decode(filter.service_id, NodeType::Service, "filter.serviceId")?,
            contract_id: decode(filter.contract_id, NodeType::Contract, "filter.contractId")?,
            categories: filter
                .category
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            active_on: as_of.map(|d| d.0),
        };
        let order = order_by.unwrap_or_default();
        let field = match order.field {
            CoverageOrderField::StartsOn => svc::CoverageOrder::StartsOn,
            CoverageOrderField::Workstations => svc::CoverageOrder::Workstations,
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
        Ok(window.connection(
            rows.into_iter()
                .map(|row| Plain(Coverage::new(row)))
                .collect(),
        ))
    }
}
