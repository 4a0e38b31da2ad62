//! Changing organisations and memberships: the inputs as the API takes them, handed to the
//! register as the domain crate's drafts.

use async_graphql::{ID, InputObject};
use rust_decimal::Decimal;
use verbund_shared::drafts::{CAPITAL_SHARE_RULE, MembershipDraft, OrganisationDraft};

use super::{Membership, Organisation, ParentLink};
use crate::error::{ApiError, ApiResult};
use crate::graphql::enums::OrganisationKind;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::object::record_mutations;
use crate::graphql::scalars::{self, Date};
use crate::register::memberships;
use crate::register::organisations::Organisation as OrganisationRow;

/// An organisation's fields.
#[derive(Debug, InputObject)]
pub struct OrganisationInput {
    /// The official name.
    name: String,
    /// A short name or abbreviation.
    short_name: Option<String>,
    /// What kind of party it is.
    kind: OrganisationKind,
    /// The official key (5, 8 or 12 digits), when known.
    official_key: Option<String>,
    /// The organisation it belongs to.
    parent_id: Option<ID>,
    /// How it belongs to its parent (by default the only way its kind can: districts, towns,
    /// municipalities and Ämter lie in a territory, everything else is a unit).
    parent_link: Option<ParentLink>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

impl OrganisationInput {
    fn draft(self) -> ApiResult<OrganisationDraft> {
        Ok(OrganisationDraft {
            name: self.name,
            short_name: self.short_name,
            kind: self.kind.into(),
            official_key: self.official_key,
            parent: ids::decode_opt(self.parent_id.as_ref(), NodeType::Organisation, "parentId")?,
            parent_link: self.parent_link.map(Into::into),
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

/// A membership's fields.
#[derive(Debug, InputObject)]
pub struct MembershipInput {
    /// The member (used when joining; a membership cannot move to another organisation).
    organisation_id: ID,
    /// The first day of membership.
    joined_on: Date,
    /// Whether the organisation founded the provider.
    #[graphql(default)]
    founding: bool,
    /// The contract it rests on.
    contract_id: Option<ID>,
    /// Share of the capital in euros (two decimals).
    capital_share: Option<scalars::Decimal>,
    /// Seats in the governing body.
    seats: Option<i32>,
    /// The day the member's council decided to join.
    council_decision_on: Option<Date>,
    /// The day the contract was signed.
    contract_signed_on: Option<Date>,
    /// The day the membership took legal effect.
    legal_effect_on: Option<Date>,
    /// The day the provider took over the member's IT.
    it_takeover_on: Option<Date>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

/// An amount in euros as cents: at most two decimals, not negative, within 64 bits (the
/// draft's check bounds it further).
fn cents(share: Decimal) -> ApiResult<i64> {
    let refuse = || ApiError::bad_input("capitalShare", CAPITAL_SHARE_RULE);
    if share.is_sign_negative() || share.scale() > 2 {
        return Err(refuse());
    }
    share
        .checked_mul(Decimal::from(100))
        .and_then(|cents| i64::try_from(cents.trunc()).ok())
        .ok_or_else(refuse)
}

impl MembershipInput {
    fn draft(self) -> ApiResult<MembershipDraft> {
        let date = |day: Option<Date>| day.map(|d| d.0);
        Ok(MembershipDraft {
            organisation: ids::decode_as(
                &self.organisation_id,
                NodeType::Organisation,
                "organisationId",
            )?,
            joined_on: self.joined_on.0,
            left_on: None,
            founding: self.founding,
            contract: ids::decode_opt(self.contract_id.as_ref(), NodeType::Contract, "contractId")?,
            capital_share_cents: self.capital_share.map(|share| cents(share.0)).transpose()?,
            seats: self.seats,
            council_decision_on: date(self.council_decision_on),
            contract_signed_on: date(self.contract_signed_on),
            legal_effect_on: date(self.legal_effect_on),
            it_takeover_on: date(self.it_takeover_on),
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

/// The mutations of organisations.
#[derive(Debug, Default)]
pub struct OrganisationMutation;

record_mutations! {
    #[async_graphql::Object]
    impl OrganisationMutation for Organisation as Organisation {
        /// Records a new organisation.
        create create_organisation(OrganisationInput);
        /// Changes an organisation's fields.
        update update_organisation(OrganisationInput);
        /// Deletes an organisation that nothing refers to (no memberships, contracts, coverages,
        /// units, people, figures or tokens). Returns its ID.
        delete delete_organisation(OrganisationRow);
    }
}

/// The mutations of memberships.
#[derive(Debug, Default)]
pub struct MembershipMutation;

record_mutations! {
    #[async_graphql::Object]
    impl MembershipMutation for Membership as Membership {
        /// Records that an organisation joins the provider.
        create join_membership(MembershipInput);
        /// Changes a membership's dates, milestones, share or seats (not its member, not its end:
        /// see `leaveMembership`).
        update update_membership(MembershipInput);
        /// Records the last day of a membership.
        dated leave_membership(left_on) => memberships::leave;
    }
}
