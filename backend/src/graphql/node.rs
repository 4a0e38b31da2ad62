//! The Relay `Node` interface and the `node`/`nodes` roots: any record by its global ID.

use async_graphql::{Context, ID, Interface, Object};

use super::catalogue::Service;
use super::contracts::Contract;
use super::coverages::Coverage;
use super::ids::{self, NodeType};
use super::loaders::{
    self, ContractId, CoverageId, FigureId, MembershipId, OrganisationId, PersonId, ServiceId,
    SourceId,
};
use super::organisations::{KeyFigure, Membership, Organisation, Person};
use super::sources::Source;
use crate::error::ApiResult;

/// A record with a global ID.
#[derive(Interface, Debug)]
#[graphql(field(name = "id", ty = "ID", desc = "The global ID."))]
#[allow(clippy::large_enum_variant)]
pub enum Node {
    Organisation(Organisation),
    Membership(Membership),
    Contract(Contract),
    Service(Service),
    Coverage(Coverage),
    Person(Person),
    KeyFigure(KeyFigure),
    Source(Source),
}

/// Looks up a record by global ID; `None` when no such record exists or the caller may not
/// see it.
async fn find(ctx: &Context<'_>, id: &ID, field: &str) -> ApiResult<Option<Node>> {
    let (node, raw) = ids::decode(id, field)?;
    Ok(match node {
        NodeType::Organisation => loaders::maybe(ctx, Some(OrganisationId(raw)))
            .await?
            .map(|row| Node::Organisation(Organisation(row))),
        NodeType::Membership => loaders::maybe(ctx, Some(MembershipId(raw)))
            .await?
            .map(|row| Node::Membership(Membership(row))),
        NodeType::Contract => loaders::maybe(ctx, Some(ContractId(raw)))
            .await?
            .map(|row| Node::Contract(Contract::new(row))),
        NodeType::Service => loaders::maybe(ctx, Some(ServiceId(raw)))
            .await?
            .map(|row| Node::Service(Service(row))),
        NodeType::Coverage => loaders::maybe(ctx, Some(CoverageId(raw)))
            .await?
            .map(|row| Node::Coverage(Coverage::new(row))),
        NodeType::Person => loaders::maybe(ctx, Some(PersonId(raw)))
            .await?
            .map(|row| Node::Person(Person(row))),
        NodeType::KeyFigure => loaders::maybe(ctx, Some(FigureId(raw)))
            .await?
            .map(|row| Node::KeyFigure(KeyFigure(row))),
        NodeType::Source => loaders::maybe(ctx, Some(SourceId(raw)))
            .await?
            .map(|row| Node::Source(Source(row))),
        // Accounts, tokens, parties and registered operations are not register records with
        // a place in the graph; admins list them directly.
        NodeType::User
        | NodeType::ApiToken
        | NodeType::ContractParty
        | NodeType::PersistedOperation => None,
    })
}

/// The roots that find any record by its global ID.
#[derive(Debug, Default)]
pub struct NodeRoot;

#[Object]
impl NodeRoot {
    /// The record with this global ID, or null when there is none.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID.")] id: ID,
    ) -> ApiResult<Option<Node>> {
        find(ctx, &id, "id").await
    }

    /// The records with these global IDs, in the same order; null where there is none. Each
    /// ID counts towards the query's complexity, repeated ones too.
    #[graphql(
        complexity = "super::pagination::page_cost(i32::try_from(ids.len()).ok(), None, child_complexity)"
    )]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The records' global IDs, at most 100.")] ids: Vec<ID>,
    ) -> ApiResult<Vec<Option<Node>>> {
        if ids.len() > crate::register::page::MAX_PAGE_SIZE {
            return Err(crate::error::ApiError::bad_input(
                "ids",
                format!(
                    "At most {} IDs at once.",
                    crate::register::page::MAX_PAGE_SIZE
                ),
            ));
        }
        futures_util::future::try_join_all(ids.iter().map(|id| find(ctx, id, "ids"))).await
    }
}
