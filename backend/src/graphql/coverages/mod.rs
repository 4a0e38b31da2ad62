//! Coverage: the type, the `coverages` root and the mutations that change coverages.

mod mutations;

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject, Object, SelectionField};

pub use self::mutations::CoverageMutation;
use super::enums::{Direction, ServiceCategory};
use super::ids::{self, NodeType};
use super::loaders::{self, ContractId, OrganisationId, ServiceId};
use super::object::record_object;
use super::pagination::{Page, node_fields, page_of, paged_object, slice};
use super::plain::{self, Plain, PlainFields};
pub use super::records::Coverage;
use super::records::{Contract, Organisation, Service};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::error::ApiResult;
use crate::register::Columns;
use crate::register::coverages::Coverage as Row;
use crate::register::coverages::{self as register, CoverageOrder, CoverageQuery, runs_on};
use crate::register::page::PageRequest;
use crate::register::services::Service as ServiceRow;

impl Coverage {
    /// Wraps a row; its service is loaded when asked for.
    pub fn new(row: Row) -> Self {
        Self { row, service: None }
    }

    /// Wraps a row read together with its service.
    pub fn with_service(row: Row, service: Arc<ServiceRow>) -> Self {
        Self {
            row,
            service: Some(service),
        }
    }

    /// The columns a coverage needs for these of its fields, and those its service needs for
    /// the service's fields asked for. A list reads only those.
    pub fn columns_for(fields: &[SelectionField<'_>]) -> (Columns, Columns) {
        let columns = Columns::for_api::<Row>(fields.iter().map(|field| field.name()));
        if columns == Columns::ALL {
            return (Columns::ALL, Columns::ALL);
        }
        let service = fields
            .iter()
            .filter(|field| field.name() == "service")
            .map(|field| Service::columns_for(field.selection_set().map(|f| f.name())))
            .fold(Columns::of::<ServiceRow>(&["id"]), Columns::and);
        (columns, service)
    }

    /// A page of `rows`: those running on `as_of` when given, otherwise the whole history.
    pub fn page_running_on(
        page: PageRequest,
        mut rows: Vec<Row>,
        as_of: Option<Date>,
    ) -> Page<Plain<Self>> {
        if let Some(date) = as_of {
            rows.retain(|row| runs_on(row, date.0));
        }
        slice(page, rows, |row| Plain(Self::new(row)))
    }

    /// [`Coverage::columns_for`] the fields asked for on each node of the connection that
    /// `ctx` resolves.
    pub fn columns_of_page(ctx: &Context<'_>) -> (Columns, Columns) {
        Self::columns_for(&node_fields(ctx))
    }
}

impl From<Row> for Coverage {
    fn from(row: Row) -> Self {
        Self::new(row)
    }
}

impl PlainFields for Coverage {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        plain::record_field(&self.row, name)
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

record_object! {
    #[async_graphql::Object]
    /// Which organisation receives which service, under which contract, when, and how much.
    impl Coverage as Coverage, id = |this| this.row.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
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
            let row = loaders::maybe(ctx, self.row.contract_id.map(ContractId)).await?;
            Ok(row.map(Contract::new))
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
        async fn is_active(&self, ctx: &async_graphql::Context<'_>, as_of: Option<Date>) -> bool {
            runs_on(&self.row, super::scalars::as_of(ctx, as_of))
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
    /// What the list is ordered by.
    #[graphql(default)]
    field: CoverageOrderField,
    /// Ascending or descending.
    #[graphql(default)]
    direction: Direction,
}

/// The roots for coverage.
#[derive(Debug, Default)]
pub struct CoverageRoot;

paged_object! {
    #[Object]
    impl CoverageRoot {
        /// Who receives which service: those running on `asOf` when given, otherwise the whole
        /// history.
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before) as args
        async fn coverages(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>,
            filter: Option<CoverageFilter>,
            order_by: Option<CoverageOrderBy>
        ) -> ApiResult<Page<Plain<Coverage>>> {
            let page = args.counted(ctx)?;
            let filter = filter.unwrap_or_default();
            let query = CoverageQuery {
                organisation_id: ids::decode_opt(
                    filter.organisation_id.as_ref(),
                    NodeType::Organisation,
                    "filter.organisationId",
                )?,
                service_id: ids::decode_opt(
                    filter.service_id.as_ref(),
                    NodeType::Service,
                    "filter.serviceId",
                )?,
                contract_id: ids::decode_opt(
                    filter.contract_id.as_ref(),
                    NodeType::Contract,
                    "filter.contractId",
                )?,
                categories: super::filters::values("filter.category", filter.category)?,
                active_on: as_of.map(|d| d.0),
            };
            let order = order_by.unwrap_or_default();
            let field = match order.field {
                CoverageOrderField::StartsOn => CoverageOrder::StartsOn,
                CoverageOrderField::Workstations => CoverageOrder::Workstations,
            };
            let db = super::db(ctx);
            let access = super::access(ctx);
            let found = register::list(db, access, &query, field, order.direction.into(), page).await?;
            Ok(page_of(found, |row| Plain(Coverage::new(row))))
        }
    }
}
