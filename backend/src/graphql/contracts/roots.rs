//! The `contracts` root with its filters and orderings.

use async_graphql::{Context, Enum, ID, InputObject, Object};

use super::Contract;
use crate::error::ApiResult;
use crate::graphql::enums::{ContractKind, ContractStatus, Direction};
use crate::graphql::filters;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::pagination::{Page, page_of, paged_object};
use crate::graphql::plain::Plain;
use crate::graphql::scalars::Date;
use crate::register::contracts::{self as register, ContractOrder, ContractQuery};

/// Narrows the contract list.
#[derive(InputObject, Debug, Default)]
pub struct ContractFilter {
    /// Only contracts with one of these statuses on the list's `asOf`.
    status: Option<Vec<ContractStatus>>,
    /// Only these kinds.
    kind: Option<Vec<ContractKind>>,
    /// Only contracts this organisation is a party to.
    party_id: Option<ID>,
    /// Only contracts in force (notice possibly given) on this date.
    in_force_on: Option<Date>,
    /// Only contracts not ended on `asOf` whose end, or whose current term's end, is before
    /// this date.
    ending_before: Option<Date>,
    /// Only contracts whose next notice deadline, seen on `asOf`, is before this date.
    notice_deadline_before: Option<Date>,
    /// Number, title or file reference contains this (case-insensitive).
    search: Option<String>,
}

/// What contract lists can be ordered by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractOrderField {
    /// The first day in force.
    #[default]
    EffectiveFrom,
    /// The day it was signed.
    SignedOn,
    /// The title.
    Title,
    /// The number.
    Number,
}

/// The order of a contract list.
#[derive(InputObject, Debug, Default)]
pub struct ContractOrderBy {
    /// What the list is ordered by.
    #[graphql(default)]
    field: ContractOrderField,
    /// Ascending or descending.
    #[graphql(default)]
    direction: Direction,
}

/// The roots for contracts.
#[derive(Debug, Default)]
pub struct ContractRoot;

paged_object! {
    #[Object]
    impl ContractRoot {
        /// Contracts, with filters on their kind, parties and derived status and deadlines as
        /// seen on `asOf` (default: today).
        #[graphql(complexity = "crate::graphql::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before, offset) as args
        async fn contracts(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>,
            filter: Option<ContractFilter>,
            order_by: Option<ContractOrderBy>
        ) -> ApiResult<Page<Plain<Contract>>> {
            let page = args.counted(ctx)?;
            let filter = filter.unwrap_or_default();
            let query = ContractQuery {
                kinds: filters::values("filter.kind", filter.kind)?,
                party_id: ids::decode_opt(
                    filter.party_id.as_ref(),
                    NodeType::Organisation,
                    "filter.partyId",
                )?,
                search: filters::search(filter.search)?,
                statuses: filters::values("filter.status", filter.status)?,
                as_of: crate::graphql::scalars::as_of(ctx, as_of),
                in_force_on: filter.in_force_on.map(|d| d.0),
                ending_before: filter.ending_before.map(|d| d.0),
                notice_deadline_before: filter.notice_deadline_before.map(|d| d.0),
            };
            let order = order_by.unwrap_or_default();
            let field = match order.field {
                ContractOrderField::EffectiveFrom => ContractOrder::EffectiveFrom,
                ContractOrderField::SignedOn => ContractOrder::SignedOn,
                ContractOrderField::Title => ContractOrder::Title,
                ContractOrderField::Number => ContractOrder::Number,
            };
            let db = crate::graphql::db(ctx);
            let access = crate::graphql::access(ctx);
            let found = register::list(db, access, &query, field, order.direction.into(), page).await?;
            Ok(page_of(found, |row| Plain(Contract::new(row))))
        }
    }
}
