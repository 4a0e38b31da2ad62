//! Memberships (Trägerschaften): joining, changing the details, leaving. A membership is never
//! deleted: it is the provider's history.

use chrono::NaiveDate;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Select,
};
use verbund_shared::drafts::MembershipDraft;
use verbund_shared::said::say;
use verbund_shared::validate::Check;

use super::bounds;
use super::read::{self, Related};
use super::stored::Stored;
use super::write::{self, Tx};
use crate::auth::access::Access;
use crate::entities::{contract, membership, organisation};
use crate::error::{ApiError, ApiResult};

pub use crate::entities::membership::Model as Membership;

/// Whether a membership runs on `date`.
pub fn runs_on(row: &Membership, date: NaiveDate) -> bool {
    row.joined_on <= date && row.left_on.is_none_or(|left| left >= date)
}

/// The memberships the caller may see (`members:read`), of one organisation when it is given.
///
/// # Errors
///
/// `FORBIDDEN` without `members:read`.
pub fn selection(
    access: &Access,
    organisation: Option<i32>,
) -> ApiResult<Select<membership::Entity>> {
    access.may_read::<Membership>()?;
    let select = read::visible(membership::Entity::find(), access);
    Ok(match organisation {
        Some(id) => select.filter(membership::Column::OrganisationId.eq(id)),
        None => select,
    })
}

/// The memberships of an organisation, oldest first.
pub const OF_ORGANISATION: Related<membership::Entity> = Related {
    key: membership::Column::OrganisationId,
    order: &[membership::Column::JoinedOn, membership::Column::Id],
    group: |row| Some(row.organisation_id),
    area: None,
    bound: Some(super::bounds::MEMBERSHIPS_OF_ORGANISATION),
};

/// The memberships that rest on a contract, oldest first.
pub const UNDER_CONTRACT: Related<membership::Entity> = Related {
    key: membership::Column::ContractId,
    order: &[membership::Column::JoinedOn, membership::Column::Id],
    group: |row| row.contract_id,
    area: None,
    bound: Some(super::bounds::MEMBERSHIPS_UNDER_CONTRACT),
};

impl Stored for MembershipDraft {
    type Entity = membership::Entity;
    const CREATED: &'static str = "joinMembership";
    const UPDATED: &'static str = "updateMembership";

    /// A membership cannot move to another organisation, and its end is changed only by
    /// `leave`.
    async fn columns(
        mut self,
        tx: &Tx<'_>,
        before: Option<&Membership>,
    ) -> ApiResult<membership::ActiveModel> {
        if let Some(before) = before {
            if self.organisation != before.organisation_id {
                return Err(ApiError::bad_input(
                    "organisationId",
                    say(
                        "A membership cannot move to another organisation; end it and record a new one.",
                        "Eine Mitgliedschaft kann nicht zu einer anderen Organisation wechseln; beenden Sie sie und verzeichnen Sie eine neue.",
                    ),
                ));
            }
            self.left_on = before.left_on;
        }
        let draft = self.check()?;
        let organisation_id = tx
            .refers::<organisation::Entity>(draft.organisation, "organisationId")
            .await?;
        let contract_id = tx
            .refers_opt::<contract::Entity>(draft.contract, "contractId")
            .await?;
        if before.is_none() {
            let of = Condition::all().add(membership::Column::OrganisationId.eq(organisation_id));
            let (bound, list) = (
                bounds::MEMBERSHIPS_OF_ORGANISATION,
                "An organisation's memberships",
            );
            bounds::room::<membership::Entity>(&tx.txn, of, bound, "organisationId", list).await?;
        }
        if let Some(contract) = contract_id
            && before.and_then(|own| own.contract_id) != Some(contract)
        {
            let under = Condition::all().add(membership::Column::ContractId.eq(contract));
            let (bound, list) = (
                bounds::MEMBERSHIPS_UNDER_CONTRACT,
                "The memberships resting on a contract",
            );
            bounds::room::<membership::Entity>(&tx.txn, under, bound, "contractId", list).await?;
        }
        let source_id = tx.source(draft.source).await?;
        Ok(membership::ActiveModel {
            organisation_id: Set(organisation_id),
            joined_on: Set(draft.joined_on),
            left_on: Set(draft.left_on),
            founding: Set(draft.founding),
            contract_id: Set(contract_id),
            capital_share_cents: Set(draft.capital_share_cents),
            seats: Set(draft.seats),
            council_decision_on: Set(draft.council_decision_on),
            contract_signed_on: Set(draft.contract_signed_on),
            legal_effect_on: Set(draft.legal_effect_on),
            it_takeover_on: Set(draft.it_takeover_on),
            source_id: Set(source_id),
            ..Default::default()
        })
    }
}

/// The rule for a membership's last day: not before it began.
fn leave_rule(left_on: NaiveDate) -> impl Fn(&Membership, &mut Check) -> ApiResult<()> {
    move |before, check| {
        check.period("leftOn", before.joined_on, Some(left_on));
        Ok(())
    }
}

/// Records, within the change `tx` (an import), the last day of membership `id` as it is now,
/// by the same rule as [`leave`].
///
/// # Errors
///
/// `NOT_FOUND` for a membership the register does not have; `BAD_USER_INPUT` for a day
/// before it began.
pub async fn leave_within(tx: &Tx<'_>, id: i32, left_on: NaiveDate) -> ApiResult<Membership> {
    let set = |row: &mut membership::ActiveModel| row.left_on = Set(Some(left_on));
    write::dated_within::<membership::Entity>(tx, "leaveMembership", id, leave_rule(left_on), set)
        .await
}

/// Records the last day of a membership.
pub async fn leave(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    left_on: NaiveDate,
) -> ApiResult<Membership> {
    let rule = leave_rule(left_on);
    let set = |row: &mut membership::ActiveModel| row.left_on = Set(Some(left_on));
    write::dated::<membership::Entity>(db, access, "leaveMembership", (id, version), rule, set)
        .await
}
