//! Changing the catalogue: the input as the API takes it, handed to the register as the domain
//! crate's draft.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};
use verbund_shared::drafts::ServiceDraft;

use super::Service;
use crate::error::ApiResult;
use crate::graphql::editor;
use crate::graphql::enums::ServiceCategory;
use crate::graphql::ids::{self, NodeType};
use crate::register::services;

/// A service's fields.
#[derive(Debug, InputObject)]
pub struct ServiceInput {
    /// A short, unique code.
    code: String,
    /// The name.
    name: String,
    /// The category.
    category: ServiceCategory,
    /// The vendor of the software, if any.
    vendor: Option<String>,
    /// What it is.
    description: Option<String>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

impl ServiceInput {
    fn draft(self) -> ApiResult<ServiceDraft> {
        Ok(ServiceDraft {
            code: self.code,
            name: self.name,
            category: self.category.into(),
            vendor: self.vendor,
            description: self.description,
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

/// The mutations of the catalogue.
#[derive(Debug, Default)]
pub struct ServiceMutation;

#[Object]
impl ServiceMutation {
    /// Adds an entry to the service catalogue.
    async fn create_service(&self, ctx: &Context<'_>, input: ServiceInput) -> ApiResult<Service> {
        let (db, access) = editor(ctx)?;
        let row = services::create(db, access, input.draft()?).await?;
        Ok(Service(Arc::new(row)))
    }

    /// Changes a catalogue entry.
    async fn update_service(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: ServiceInput,
    ) -> ApiResult<Service> {
        let (db, access) = editor(ctx)?;
        let id = ids::decode_as(&id, NodeType::Service, "id")?;
        let row = services::update(db, access, id, version, input.draft()?).await?;
        Ok(Service(Arc::new(row)))
    }

    /// Deletes a catalogue entry nobody receives (no coverages). Returns its ID.
    async fn delete_service(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<ID> {
        let (db, access) = editor(ctx)?;
        let raw = ids::decode_as(&id, NodeType::Service, "id")?;
        services::delete(db, access, raw, version).await?;
        Ok(id)
    }
}
