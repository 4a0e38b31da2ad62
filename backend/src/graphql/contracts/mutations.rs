//! Changing contracts and their parties: the inputs as the API takes them, handed to the
//! register as the domain crate's drafts.

use async_graphql::{Context, ID, InputObject};
use verbund_shared::drafts::{ContractDraft, PartyDraft};

use super::{Contract, NoticeTo, RenewalKind};
use crate::error::ApiResult;
use crate::graphql::editor;
use crate::graphql::enums::ContractKind;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::object::record_mutations;
use crate::graphql::scalars::Date;
use crate::register::contracts::{self, Contract as ContractRow};

/// A party to a new contract.
#[derive(Debug, InputObject)]
pub struct PartyInput {
    /// The organisation.
    organisation_id: ID,
    /// Its role, e.g. "PROVIDER" or "MEMBER".
    role: Option<String>,
}

impl PartyInput {
    fn draft(self, field: &str) -> ApiResult<PartyDraft> {
        Ok(PartyDraft {
            organisation: ids::decode_as(&self.organisation_id, NodeType::Organisation, field)?,
            role: self.role,
        })
    }
}

/// A contract's fields (its parties are changed with their own mutations).
#[derive(Debug, InputObject)]
pub struct ContractInput {
    /// The contract number.
    number: Option<String>,
    /// The title.
    title: String,
    /// The provider's file reference (Aktenzeichen).
    file_reference: Option<String>,
    /// The kind of contract.
    kind: ContractKind,
    /// The day it was signed (the last signature).
    signed_on: Option<Date>,
    /// The first day in force; without it the contract is a draft without terms.
    effective_from: Option<Date>,
    /// The initial term in months (or give `initialTermUntil`, or neither: indefinite).
    initial_term_months: Option<i32>,
    /// The last day of the initial term.
    initial_term_until: Option<Date>,
    /// What happens when a term ends.
    #[graphql(default_with = "RenewalKind::None")]
    renewal: RenewalKind,
    /// The length of a tacit renewal in months.
    renewal_months: Option<i32>,
    /// The notice period in months (0: notice may arrive on the last day).
    notice_months: Option<i32>,
    /// To which days notice can end the contract.
    notice_to: Option<NoticeTo>,
    /// Express renewal only: the parties decide on renewing a term at the latest this many
    /// months before it ends (0: by its last day); shorter than the initial term.
    decision_months: Option<i32>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

impl ContractInput {
    fn draft(self) -> ApiResult<ContractDraft> {
        Ok(ContractDraft {
            number: self.number,
            title: self.title,
            file_reference: self.file_reference,
            kind: self.kind.into(),
            signed_on: self.signed_on.map(|d| d.0),
            effective_from: self.effective_from.map(|d| d.0),
            initial_term_months: self.initial_term_months,
            initial_term_until: self.initial_term_until.map(|d| d.0),
            renewal: self.renewal.into(),
            renewal_months: self.renewal_months,
            notice_months: self.notice_months,
            notice_to: self.notice_to.map(Into::into),
            decision_months: self.decision_months,
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

/// The mutations of contracts.
#[derive(Debug, Default)]
pub struct ContractMutation;

record_mutations! {
    #[async_graphql::Object]
    impl ContractMutation for Contract as Contract {
        {
            /// Records a new contract with its parties, in one step.
            async fn create_contract(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "The contract's fields, checked as a whole before anything is stored.")] input: ContractInput,
                #[graphql(default, desc = "Its parties, in order.")] parties: Vec<PartyInput>,
            ) -> ApiResult<Contract> {
                let (db, access) = editor(ctx)?;
                let draft = input.draft()?;
                let parties = parties
                    .into_iter()
                    .enumerate()
                    .map(|(i, party)| party.draft(&format!("parties.{i}.organisationId")))
                    .collect::<ApiResult<Vec<_>>>()?;
                Ok(Contract::new(contracts::create(db, access, draft, parties).await?))
            }
        }
        /// Amends a contract: its number, title, kind, dates and terms.
        update amend_contract(ContractInput);
        /// Records that notice was given on `givenOn`; the contract then ends at the end the
        /// notice reaches.
        dated give_notice(given_on) => contracts::give_notice;
        /// Records that the contract was ended by agreement on `endedOn` (its last day).
        dated end_contract(ended_on) => contracts::end;
        /// Deletes a contract that nothing rests on (no memberships, no coverages), with its
        /// parties. Returns its ID.
        delete delete_contract(ContractRow);
        {
            /// Adds a party to a contract. `version` is the contract's; the contract's version grows.
            async fn add_contract_party(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "The contract's global ID.")] contract_id: ID,
                #[graphql(desc = "The contract's version, as read; `CONFLICT` when it has changed since.")] version: i32,
                #[graphql(desc = "The party to add.")] party: PartyInput,
            ) -> ApiResult<Contract> {
                let (db, access) = editor(ctx)?;
                let id = ids::decode_as(&contract_id, NodeType::Contract, "contractId")?;
                let party = party.draft("organisationId")?;
                Ok(Contract::new(contracts::add_party(db, access, id, version, party).await?))
            }

            /// Removes a party from a contract. `version` is the contract's; it grows.
            async fn remove_contract_party(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "The contract's global ID.")] contract_id: ID,
                #[graphql(desc = "The contract's version, as read; `CONFLICT` when it has changed since.")] version: i32,
                #[graphql(desc = "The global ID of the organisation that is no longer a party.")] organisation_id: ID,
            ) -> ApiResult<Contract> {
                let (db, access) = editor(ctx)?;
                let id = ids::decode_as(&contract_id, NodeType::Contract, "contractId")?;
                let org =
                    ids::decode_as(&organisation_id, NodeType::Organisation, "organisationId")?;
                Ok(Contract::new(contracts::remove_party(db, access, id, version, org).await?))
            }

            /// Changes the role of a party to a contract. `version` is the contract's; it grows.
            async fn change_contract_party_role(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "The contract's global ID.")] contract_id: ID,
                #[graphql(desc = "The contract's version, as read; `CONFLICT` when it has changed since.")] version: i32,
                #[graphql(desc = "The global ID of the organisation whose role changes.")] organisation_id: ID,
                #[graphql(desc = "Its new role, e.g. \"PROVIDER\" or \"MEMBER\"; none removes it.")] role: Option<String>,
            ) -> ApiResult<Contract> {
                let (db, access) = editor(ctx)?;
                let id = ids::decode_as(&contract_id, NodeType::Contract, "contractId")?;
                let org =
                    ids::decode_as(&organisation_id, NodeType::Organisation, "organisationId")?;
                let changed = contracts::change_party_role(db, access, (id, version), org, role).await?;
                Ok(Contract::new(changed))
            }

            /// Records that the parties expressly renewed a contract that ends unless expressly
            /// renewed: decided on `renewedOn` (not after today, at the latest on the last day of
            /// the term it extends), for `months` months or `until` a day (exactly one). The new
            /// term starts the day after the last term so far ends; the contract's deadlines
            /// follow it. `version` is the contract's; it grows.
            async fn renew_contract(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "The contract's global ID.")] id: ID,
                #[graphql(desc = "The contract's version, as read; `CONFLICT` when it has changed since.")] version: i32,
                #[graphql(desc = "The day the parties decided.")] renewed_on: Date,
                #[graphql(desc = "The new term in months (or give `until`).")] months: Option<i32>,
                #[graphql(desc = "The last day of the new term (or give `months`).")] until: Option<Date>,
            ) -> ApiResult<Contract> {
                let (db, access) = editor(ctx)?;
                let id = ids::decode_as(&id, NodeType::Contract, "id")?;
                let until = until.map(|day| day.0);
                let renewed =
                    contracts::renew(db, access, (id, version), renewed_on.0, (months, until)).await?;
                Ok(Contract::new(renewed))
            }
        }
    }
}
