//! Changing the catalogue: the input as the API takes it, handed to the register as the domain
//! crate's draft.

use async_graphql::{ID, InputObject};
use verbund_shared::drafts::ServiceDraft;

use super::Service;
use crate::error::ApiResult;
use crate::graphql::enums::ServiceCategory;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::object::record_mutations;
use crate::register::services::Service as ServiceRow;

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

record_mutations! {
    #[async_graphql::Object]
    impl ServiceMutation for Service as Service {
        /// Adds an entry to the service catalogue.
        create create_service(ServiceInput);
        /// Changes a catalogue entry.
        update update_service(ServiceInput);
        /// Deletes a catalogue entry nobody receives (no coverages). Returns its ID.
        delete delete_service(ServiceRow);
    }
}
