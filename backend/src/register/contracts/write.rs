//! Changing contracts: how a contract's draft is stored and when a contract may be deleted,
//! recording one with its parties, giving notice, ending it by agreement.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, ModelTrait, QueryFilter, TryIntoModel,
};
use verbund_shared::access::Role;
use verbund_shared::drafts::{ContractDraft, PartyDraft};
use verbund_shared::validate::Check;

use super::{Contract, parties, renewals, terms_of};
use crate::auth::access::Access;
use crate::entities::record::RecordType;
use crate::entities::{contract, contract_party};
use crate::error::{ApiError, ApiResult};
use crate::register::stored::{Removable, Stored};
use crate::register::write::{self, Tx};

impl Stored for ContractDraft {
    type Entity = contract::Entity;
    const CREATED: &'static str = "createContract";
    const UPDATED: &'static str = "amendContract";

    async fn columns(
        self,
        tx: &Tx<'_>,
        before: Option<&Contract>,
    ) -> ApiResult<contract::ActiveModel> {
        let draft = self.check()?;
        let source_id = tx.source(draft.source).await?;
        let columns = contract::ActiveModel {
            number: Set(draft.number),
            title: Set(draft.title),
            file_reference: Set(draft.file_reference),
            kind: Set(draft.kind.as_str().to_owned()),
            signed_on: Set(draft.signed_on),
            effective_from: Set(draft.effective_from),
            initial_term_months: Set(draft.initial_term_months),
            initial_term_until: Set(draft.initial_term_until),
            renewal: Set(draft.renewal.as_str().to_owned()),
            renewal_months: Set(draft.renewal_months),
            notice_months: Set(draft.notice_months),
            notice_to: Set(draft.notice_to.map(|to| to.as_str().to_owned())),
            decision_months: Set(draft.decision_months),
            source_id: Set(source_id),
            ..Default::default()
        };
        if let Some(before) = before {
            let amended = write::overlay(before.clone().into_active_model(), columns.clone());
            renewals::still_hold(tx, &amended.try_into_model()?).await?;
        }
        Ok(columns)
    }
}

/// The records that rest on a contract (table and column): while one does, the contract stays.
pub const RESTING_ON: [(&str, &str); 2] =
    [("memberships", "contract_id"), ("coverages", "contract_id")];

/// A contract nothing rests on (no memberships, no coverages) may be deleted, with its
/// parties and its express renewals.
impl Removable for contract::Entity {
    const DELETED: &'static str = "deleteContract";

    async fn release(tx: &Tx<'_>, before: &Contract) -> ApiResult<()> {
        // Checked first: a contract that stays (`verbund demo clear` goes on) keeps its desk.
        let message = "The contract cannot be deleted: memberships or coverages rest on it.";
        write::unreferenced(&tx.txn, before.id, before.version, &RESTING_ON, message).await?;
        crate::register::desk::arm::forget(&tx.txn, before.id).await?;
        for renewal in renewals::forget(&tx.txn, before.id).await? {
            tx.log(
                renewals::REMOVED,
                RecordType::Contract,
                before.id,
                Some(&renewal),
                None::<&()>,
            )
            .await?;
        }
        let parties = contract_party::Entity::find()
            .filter(contract_party::Column::ContractId.eq(before.id))
            .all(&tx.txn)
            .await?;
        for party in parties {
            tx.log(
                "removeContractParty",
                RecordType::Contract,
                before.id,
                Some(&party),
                None::<&()>,
            )
            .await?;
            party.delete(&tx.txn).await?;
        }
        Ok(())
    }
}

/// Records a new contract with its parties, in one step.
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    draft: ContractDraft,
    parties: Vec<PartyDraft>,
) -> ApiResult<Contract> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let row = draft.columns(&tx, None).await?.insert(&tx.txn).await?;
    tx.log(
        ContractDraft::CREATED,
        RecordType::Contract,
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    let mut seen = Vec::new();
    for (i, party) in parties.into_iter().enumerate() {
        let field = format!("parties.{i}.organisationId");
        let party = parties::checked(&tx, party, &field).await?;
        if seen.contains(&party.organisation) {
            return Err(ApiError::bad_input(field, parties::already_a_party()));
        }
        seen.push(party.organisation);
        parties::insert(&tx, row.id, party).await?;
    }
    tx.commit().await?;
    Ok(row)
}

/// Whether notice given on `given_on` may be recorded for the contract as it is.
fn notice_rule(given_on: NaiveDate) -> impl FnOnce(&Contract, &mut Check) -> ApiResult<()> {
    move |before: &Contract, check: &mut Check| {
        let terms = terms_of(before)?;
        if before.notice_given_on.is_some() {
            check.fail("givenOn", "notice has been given already");
        }
        if before.ended_on.is_some() {
            check.fail("givenOn", "the contract has been ended");
        }
        match terms {
            None => check.fail("givenOn", "a contract without terms cannot be given notice"),
            Some(terms) => {
                check.not_before(
                    "givenOn",
                    given_on,
                    terms.effective_from(),
                    ("the day it takes effect", "dem Wirksamwerden"),
                );
                if terms.notice().is_none() {
                    check.fail(
                        "givenOn",
                        "the contract has no notice period: it ends with its term",
                    );
                } else if terms.end_if_notice_on(given_on).is_none() {
                    check.fail(
                        "givenOn",
                        "a notice on this day reaches no end of the contract",
                    );
                }
            }
        }
        Ok(())
    }
}

/// Records that notice was given on `given_on`; the contract then ends at the end the notice
/// reaches.
pub async fn give_notice(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    given_on: NaiveDate,
) -> ApiResult<Contract> {
    let set = move |row: &mut contract::ActiveModel| row.notice_given_on = Set(Some(given_on));
    write::dated::<contract::Entity>(
        db,
        access,
        "giveNotice",
        (id, version),
        notice_rule(given_on),
        set,
    )
    .await
}

/// Records, within the change `tx` (a decision of the deadline desk), that notice was given on
/// `given_on` for contract `id` as it is now, by the same rule as [`give_notice`].
pub async fn give_notice_within(tx: &Tx<'_>, id: i32, given_on: NaiveDate) -> ApiResult<Contract> {
    let Some(current) = contract::Entity::find_by_id(id).one(&tx.txn).await? else {
        return Err(ApiError::not_found("No such contract."));
    };
    let before = write::claim::<contract::Entity>(&tx.txn, id, current.version, "contract").await?;
    let mut check = Check::new();
    notice_rule(given_on)(&before, &mut check)?;
    check.finish()?;
    let mut active = before.clone().into_active_model();
    active.notice_given_on = Set(Some(given_on));
    let after = active.update(&tx.txn).await?;
    tx.log(
        "giveNotice",
        RecordType::Contract,
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

/// Whether the contract as it is may be recorded as ended on `ended_on`.
fn end_rule(ended_on: NaiveDate) -> impl FnOnce(&Contract, &mut Check) -> ApiResult<()> {
    move |before: &Contract, check: &mut Check| {
        if before.ended_on.is_some() {
            check.fail("endedOn", "the contract has been ended already");
        }
        if let Some(from) = before.effective_from {
            check.not_before(
                "endedOn",
                ended_on,
                from,
                ("the day it takes effect", "dem Wirksamwerden"),
            );
        }
        Ok(())
    }
}

/// Records that the contract was ended by agreement on `ended_on` (its last day).
pub async fn end(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    ended_on: NaiveDate,
) -> ApiResult<Contract> {
    let set = |row: &mut contract::ActiveModel| row.ended_on = Set(Some(ended_on));
    let rule = end_rule(ended_on);
    write::dated::<contract::Entity>(db, access, "endContract", (id, version), rule, set).await
}

/// Records, within the change `tx` (an import), that contract `id` as it is now was ended on
/// `ended_on`, by the same rule as [`end`].
pub async fn end_within(tx: &Tx<'_>, id: i32, ended_on: NaiveDate) -> ApiResult<Contract> {
    let set = |row: &mut contract::ActiveModel| row.ended_on = Set(Some(ended_on));
    write::dated_within::<contract::Entity>(tx, "endContract", id, end_rule(ended_on), set).await
}
