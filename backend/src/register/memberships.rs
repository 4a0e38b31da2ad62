//! Memberships (Trägerschaften): joining, changing the details, leaving. A membership is never
//! deleted: it is the provider's history.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use verbund_shared::drafts::MembershipDraft;
use verbund_shared::validate::Check;

use super::read;
use super::write::{self, Edit};
use crate::auth::access::Access;
use crate::entities::record::RecordType;
use crate::entities::{contract, membership, organisation, source};
use crate::error::{ApiError, ApiResult};

pub use crate::entities::membership::Model as Membership;

/// Whether a membership runs on `date`.
pub fn runs_on(row: &Membership, date: NaiveDate) -> bool {
    row.joined_on <= date && row.left_on.is_none_or(|left| left >= date)
}

/// The memberships with these ids that the caller may see.
pub async fn by_ids(
    db: &DatabaseConnection,
    access: &Access,
    ids: &[i32],
) -> ApiResult<Vec<Membership>> {
    read::by_ids::<membership::Entity>(db, access, ids).await
}

/// The memberships of each of these organisations, oldest first.
pub async fn of_organisations(
    db: &DatabaseConnection,
    access: &Access,
    organisations: &[i32],
) -> ApiResult<HashMap<i32, Vec<Membership>>> {
    read::grouped::<membership::Entity>(
        db,
        access,
        membership::Column::OrganisationId,
        organisations,
        &[membership::Column::JoinedOn, membership::Column::Id],
        |row| Some(row.organisation_id),
    )
    .await
}

/// The memberships that rest on each of these contracts, oldest first.
pub async fn under_contracts(
    db: &DatabaseConnection,
    access: &Access,
    contracts: &[i32],
) -> ApiResult<HashMap<i32, Vec<Membership>>> {
    read::grouped::<membership::Entity>(
        db,
        access,
        membership::Column::ContractId,
        contracts,
        &[membership::Column::JoinedOn, membership::Column::Id],
        |row| row.contract_id,
    )
    .await
}

async fn fields(
    txn: &impl ConnectionTrait,
    draft: MembershipDraft,
) -> ApiResult<membership::ActiveModel> {
    let draft = draft.check()?;
    let organisation_id = write::exists::<organisation::Entity>(
        txn,
        draft.organisation,
        RecordType::Organisation,
        "organisationId",
    )
    .await?;
    let contract_id = write::exists_opt::<contract::Entity>(
        txn,
        draft.contract,
        RecordType::Contract,
        "contractId",
    )
    .await?;
    let source_id =
        write::exists_opt::<source::Entity>(txn, draft.source, RecordType::Source, "sourceId")
            .await?;
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

/// Records that an organisation joins the provider.
pub async fn join(
    db: &DatabaseConnection,
    access: &Access,
    draft: MembershipDraft,
) -> ApiResult<Membership> {
    Edit::editor(db, access)
        .create::<membership::Entity>(
            "joinMembership",
            async |tx| fields(&tx.txn, draft).await,
            None,
        )
        .await
}

/// Changes a membership's dates, milestones, share or seats (not its member, not its end).
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    mut draft: MembershipDraft,
) -> ApiResult<Membership> {
    Edit::editor(db, access)
        .update::<membership::Entity>(
            "updateMembership",
            id,
            version,
            async |tx, before| {
                if draft.organisation != before.organisation_id {
                    return Err(ApiError::bad_input(
                        "organisationId",
                        "A membership cannot move to another organisation; end it and record a new one.",
                    ));
                }
                draft.left_on = before.left_on;
                fields(&tx.txn, draft).await
            },
            None,
        )
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
    Edit::editor(db, access)
        .change::<membership::Entity>(
            "leaveMembership",
            id,
            version,
            async |_, before| {
                let mut check = Check::new();
                check.period("leftOn", before.joined_on, Some(left_on));
                check.finish()?;
                let mut active: membership::ActiveModel = before.clone().into();
                active.left_on = Set(Some(left_on));
                Ok(active)
            },
            None,
        )
        .await
}
