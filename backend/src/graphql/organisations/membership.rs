//! The `Membership` type: an organisation's membership (Trägerschaft) for a period.

use async_graphql::Context;

use crate::error::ApiResult;
use crate::graphql::loaders::{self, ContractId, OrganisationId};
use crate::graphql::object::record_object;
pub use crate::graphql::records::Membership;
use crate::graphql::records::{Contract, Organisation};
use crate::graphql::scalars::{Date, Decimal};
use crate::graphql::sources::{Source, source_of};
use crate::register::memberships::{Membership as Row, runs_on};

impl From<Row> for Membership {
    fn from(row: Row) -> Self {
        Self(row)
    }
}

record_object! {
    #[async_graphql::Object]
    /// An organisation's membership (Trägerschaft) in the provider for a period.
    impl Membership as Membership, id = |this| this.0.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
        /// The member.
        async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Organisation> {
            Ok(Organisation(
                loaders::one(ctx, OrganisationId(self.0.organisation_id)).await?,
            ))
        }

        /// The first day of membership.
        async fn joined_on(&self) -> Date {
            self.0.joined_on.into()
        }

        /// The last day of membership; null while it lasts.
        async fn left_on(&self) -> Option<Date> {
            self.0.left_on.map(Into::into)
        }

        /// Whether the organisation founded the provider.
        async fn founding(&self) -> bool {
            self.0.founding
        }

        /// Whether the membership runs on `asOf` (default: today).
        async fn is_active(&self, ctx: &async_graphql::Context<'_>, as_of: Option<Date>) -> bool {
            runs_on(&self.0, crate::graphql::scalars::as_of(ctx, as_of))
        }

        /// The contract the membership rests on.
        async fn contract(&self, ctx: &Context<'_>) -> ApiResult<Option<Contract>> {
            let row = loaders::maybe(ctx, self.0.contract_id.map(ContractId)).await?;
            Ok(row.map(Contract::new))
        }

        /// Its share of the capital (Stammkapital) in euros, when known.
        async fn capital_share(&self) -> Option<Decimal> {
            self.0
                .capital_share_cents
                .map(|cents| Decimal(rust_decimal::Decimal::new(cents, 2)))
        }

        /// Its seats in the governing body, when known.
        async fn seats(&self) -> Option<i32> {
            self.0.seats
        }

        /// The day the member's council decided to join.
        async fn council_decision_on(&self) -> Option<Date> {
            self.0.council_decision_on.map(Into::into)
        }

        /// The day the contract was signed.
        async fn contract_signed_on(&self) -> Option<Date> {
            self.0.contract_signed_on.map(Into::into)
        }

        /// The day the membership took legal effect.
        async fn legal_effect_on(&self) -> Option<Date> {
            self.0.legal_effect_on.map(Into::into)
        }

        /// The day the provider took over the member's IT.
        async fn it_takeover_on(&self) -> Option<Date> {
            self.0.it_takeover_on.map(Into::into)
        }

        /// Where the facts about it come from.
        async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
            source_of(ctx, self.0.source_id).await
        }

        /// The record's version; it grows with every change.
        async fn version(&self) -> i32 {
            self.0.version
        }
    }
}
