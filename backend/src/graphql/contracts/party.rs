//! An organisation that is a party to a contract.

use async_graphql::{Context, Object};

use crate::error::ApiResult;
use crate::graphql::loaders::{self, OrganisationId};
use crate::graphql::records::Organisation;
use crate::register::contracts::Party;

/// An organisation that is a party to a contract.
#[derive(Debug, Clone)]
pub struct ContractParty(pub Party);

#[Object]
/// An organisation that is a party to a contract.
impl ContractParty {
    /// The party.
    async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Organisation> {
        Ok(Organisation(
            loaders::one(ctx, OrganisationId(self.0.organisation_id)).await?,
        ))
    }

    /// Its role in the contract, e.g. "PROVIDER" or "MEMBER".
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
}
