//! The Relay `Node` interface and the `node`/`nodes` roots: any record by its global ID.

use async_graphql::{Context, ID, Interface, Object};

use super::catalogue::Service;
use super::contracts::Contract;
use super::coverages::Coverage;
use super::ids::{self, NodeType};
use super::loaders::{self, ContractId, OrganisationId, ServiceId, SourceId};
use super::organisations::{KeyFigure, Membership, Organisation, Person};
use super::sources::Source;
use crate::auth::access::Area;
use crate::entities::{coverage, key_figure, membership, person};
use crate::error::ApiResult;
use sea_orm::EntityTrait;

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

/// Looks up a record by global ID; `None` when no such record exists.
async fn find(ctx: &Context<'_>, id: &ID, field: &str) -> ApiResult<Option<Node>> {
    let (node, raw) = ids::decode(id, field)?;
    let loader = loaders::loader(ctx);
    let db = super::db(ctx);
    let access = crate::auth::access(ctx);
    Ok(match node {
        NodeType::Organisation => loader
            .load_one(OrganisationId(raw))
            .await?
            .map(|row| Node::Organisation(Organisation(row))),
        NodeType::Contract => loader
            .load_one(ContractId(raw))
            .await?
            .map(|row| Node::Contract(Contract::new(row))),
        NodeType::Service => loader
            .load_one(ServiceId(raw))
            .await?
            .map(|row| Node::Service(Service(row))),
        NodeType::Source => loader
            .load_one(SourceId(raw))
            .await?
            .map(|row| Node::Source(Source(row))),
        NodeType::Membership => {
            access.read(Area::Members)?;
            membership::Entity::find_by_id(raw)
                .one(db)
                .await?
                .filter(|row| access.sees_organisation(row.organisation_id))
                .map(|row| Node::Membership(Membership(row)))
        }
        NodeType::Coverage => {
            access.read(Area::Coverage)?;
            coverage::Entity::find_by_id(raw)
                .one(db)
                .await?
                .filter(|row| access.sees_organisation(row.organisation_id))
                .map(|row| Node::Coverage(Coverage::new(row)))
        }
        NodeType::Person => {
            access.read(Area::Members)?;
            person::Entity::find_by_id(raw)
                .one(db)
                .await?
                .filter(|row| access.sees_organisation(row.organisation_id))
                .map(|row| Node::Person(Person(row)))
        }
        NodeType::KeyFigure => {
            access.read(Area::Members)?;
            match key_figure::Entity::find_by_id(raw)
                .one(db)
                .await?
                .filter(|row| access.sees_organisation(row.organisation_id))
            {
                Some(row) => Some(Node::KeyFigure(KeyFigure::new(row)?)),
                None => None,
            }
        }
        // Accounts and tokens are not register records; admins list them directly.
        NodeType::User | NodeType::ApiToken => None,
    })
}

/// The roots that find any record by its global ID.
#[derive(Debug, Default)]
pub struct NodeRoot;

#[Object]
impl NodeRoot {
    /// The record with this global ID, or null when there is none.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Node>> {
        find(ctx, &id, "id").await
    }

    /// The records with these global IDs, in the same order; null where there is none.
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> ApiResult<Vec<Option<Node>>> {
        if ids.len() > super::pagination::MAX_PAGE_SIZE {
            return Err(crate::error::ApiError::bad_input(
                "ids",
                format!("At most {} IDs at once.", super::pagination::MAX_PAGE_SIZE),
            ));
        }
        futures_util::future::try_join_all(ids.iter().map(|id| find(ctx, id, "ids"))).await
    }
}
