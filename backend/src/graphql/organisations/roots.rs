//! The `members` and `organisations` roots with their filters and orderings.

use async_graphql::parser::types::OperationType;
use async_graphql::{Context, Enum, ID, InputObject, Object};

use super::Organisation;
use crate::error::ApiResult;
use crate::graphql::enums::{Direction, OrganisationKind};
use crate::graphql::filters;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::loaders;
use crate::graphql::pagination::{Page, page_of, paged_object};
use crate::graphql::plain::Plain;
use crate::graphql::scalars::Date;
use crate::register::organisations::{self as register, OrganisationOrder, OrganisationQuery};
use crate::register::page::PageRequest;

/// Narrows the member list.
#[derive(InputObject, Debug, Default)]
pub struct MemberFilter {
    /// Name, short name or official key contains this (case-insensitive).
    search: Option<String>,
    /// Only these kinds.
    kind: Option<Vec<OrganisationKind>>,
    /// Only founding members (true) or only later members (false).
    founding: Option<bool>,
}

/// Narrows the organisation list.
#[derive(InputObject, Debug, Default)]
pub struct OrganisationFilter {
    /// Name, short name or official key contains this (case-insensitive).
    search: Option<String>,
    /// Only these kinds.
    kind: Option<Vec<OrganisationKind>>,
    /// Only the organisations that belong to this one, as its units or in its territory.
    parent_id: Option<ID>,
    /// Only the organisations that belong to no other (true): the top of the organisation
    /// tree (districts, kreisfreie Städte, the provider, partners); or only those that do
    /// (false).
    top_level: Option<bool>,
    /// Only organisations that are members on this date.
    member_on: Option<Date>,
}

/// What organisation lists can be ordered by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationOrderField {
    /// The name.
    #[default]
    Name,
    /// The kind.
    Kind,
    /// The official key.
    OfficialKey,
}

/// The order of an organisation list.
#[derive(InputObject, Debug, Default)]
pub struct OrganisationOrderBy {
    /// What the list is ordered by.
    #[graphql(default)]
    field: OrganisationOrderField,
    /// Ascending or descending.
    #[graphql(default)]
    direction: Direction,
}

/// Runs an organisation list.
async fn list(
    ctx: &Context<'_>,
    query: OrganisationQuery,
    order_by: Option<OrganisationOrderBy>,
    page: PageRequest,
) -> ApiResult<Page<Plain<Organisation>>> {
    let order = order_by.unwrap_or_default();
    let field = match order.field {
        OrganisationOrderField::Name => OrganisationOrder::Name,
        OrganisationOrderField::Kind => OrganisationOrder::Kind,
        OrganisationOrderField::OfficialKey => OrganisationOrder::OfficialKey,
    };
    let db = crate::graphql::db(ctx);
    let access = crate::graphql::access(ctx);
    let order = (field, order.direction.into());
    // With the totals asked for, the page's statement reads their revision too, so that they
    // are a lookup in the server's held totals without a statement of their own.
    let totals = asks_for_totals(ctx);
    let (rows, window, revision) = register::list(db, access, &query, order, page, totals).await?;
    if let Some(revision) = revision {
        loaders::loader(ctx).loader().saw_totals_revision(revision);
    }
    let found = (rows, window);
    Ok(page_of(found, |row| Plain(Organisation(row))))
}

/// Whether a query (not a mutation, which may change the totals after the page is read) asks
/// for the workstations of the page's organisations.
fn asks_for_totals(ctx: &Context<'_>) -> bool {
    if ctx.query_env.operation.node.ty != OperationType::Query {
        return false;
    }
    let page = ctx.look_ahead();
    page.field("nodes").field("workstations").exists()
        || page
            .field("edges")
            .field("node")
            .field("workstations")
            .exists()
}

/// The roots for organisations and members.
#[derive(Debug, Default)]
pub struct OrganisationRoot;

paged_object! {
    #[Object]
    impl OrganisationRoot {
        /// The organisations that are members of the provider on `asOf` (default: today).
        #[graphql(complexity = "crate::graphql::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before, offset) as args
        async fn members(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>,
            filter: Option<MemberFilter>,
            order_by: Option<OrganisationOrderBy>
        ) -> ApiResult<Page<Plain<Organisation>>> {
            let page = args.counted(ctx)?;
            let filter = filter.unwrap_or_default();
            let query = OrganisationQuery {
                member_on: Some(crate::graphql::scalars::as_of(ctx, as_of)),
                search: filters::search(filter.search)?,
                kinds: filters::values("filter.kind", filter.kind)?,
                parent_id: None,
                top_level: None,
                founding: filter.founding,
            };
            list(ctx, query, order_by, page).await
        }

        /// All organisations the register knows: members, their units, partners, the provider.
        #[graphql(complexity = "crate::graphql::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before, offset) as args
        async fn organisations(
            &self,
            ctx: &Context<'_>,
            filter: Option<OrganisationFilter>,
            order_by: Option<OrganisationOrderBy>
        ) -> ApiResult<Page<Plain<Organisation>>> {
            let page = args.counted(ctx)?;
            let filter = filter.unwrap_or_default();
            let query = OrganisationQuery {
                member_on: filter.member_on.map(|d| d.0),
                search: filters::search(filter.search)?,
                kinds: filters::values("filter.kind", filter.kind)?,
                parent_id: ids::decode_opt(
                    filter.parent_id.as_ref(),
                    NodeType::Organisation,
                    "filter.parentId",
                )?,
                top_level: filter.top_level,
                founding: None,
            };
            list(ctx, query, order_by, page).await
        }
    }
}
