//! Changing coverages: the input as the API takes it, handed to the register as the domain
//! crate's draft.

use async_graphql::{ID, InputObject};
use verbund_shared::drafts::CoverageDraft;

use super::Coverage;
use crate::error::ApiResult;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::object::record_mutations;
use crate::graphql::scalars::Date;
use crate::register::coverages;

/// A coverage's fields.
#[derive(Debug, InputObject)]
pub struct CoverageInput {
    /// The organisation that receives the service.
    organisation_id: ID,
    /// The service.
    service_id: ID,
    /// The contract it is delivered under.
    contract_id: Option<ID>,
    /// The first day of service.
    starts_on: Date,
    /// The last day of service.
    ends_on: Option<Date>,
    /// Workstations served.
    workstations: Option<i32>,
    /// Users served.
    users: Option<i32>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

impl CoverageInput {
    fn draft(self) -> ApiResult<CoverageDraft> {
        Ok(CoverageDraft {
            organisation: ids::decode_as(
                &self.organisation_id,
                NodeType::Organisation,
                "organisationId",
            )?,
            service: ids::decode_as(&self.service_id, NodeType::Service, "serviceId")?,
            contract: ids::decode_opt(self.contract_id.as_ref(), NodeType::Contract, "contractId")?,
            starts_on: self.starts_on.0,
            ends_on: self.ends_on.map(|d| d.0),
            workstations: self.workstations,
            users: self.users,
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

/// The mutations of coverages.
#[derive(Debug, Default)]
pub struct CoverageMutation;

record_mutations! {
    #[async_graphql::Object]
    impl CoverageMutation for Coverage as Coverage {
        /// Records that an organisation receives a service.
        create create_coverage(CoverageInput);
        /// Changes a coverage (dates, counts, contract).
        update update_coverage(CoverageInput);
        /// Records the last day of service.
        dated end_coverage(ends_on) => coverages::end;
    }
}
