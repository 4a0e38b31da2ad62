//! The parties to contracts: who they are, and adding or removing one or changing its role.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection,
    DatabaseTransaction, EntityTrait, ModelTrait, PaginatorTrait, QueryFilter,
};
use verbund_shared::access::Role;
use verbund_shared::drafts::PartyDraft;
use verbund_shared::said::say;

use super::Contract;
use crate::auth::access::Access;
use crate::entities::record::{Named, RecordType};
use crate::entities::{contract, contract_party, organisation};
use crate::error::{ApiError, ApiResult};
use crate::register::bounds;
use crate::register::read::Related;
use crate::register::write::{self, Tx};

/// The parties to a contract.
pub const PARTIES_OF: Related<contract_party::Entity> = Related {
    key: contract_party::Column::ContractId,
    order: &[contract_party::Column::Id],
    group: |row| Some(row.contract_id),
    area: None,
    bound: Some(crate::register::bounds::PARTIES),
};

/// The party rows of an organisation (the contracts it is a party to).
pub const ROLES_OF: Related<contract_party::Entity> = Related {
    key: contract_party::Column::OrganisationId,
    order: &[contract_party::Column::ContractId],
    group: |row| Some(row.organisation_id),
    area: None,
    bound: None,
};

/// The refusal of an organisation that is a party to the contract already.
pub(super) fn already_a_party() -> String {
    say(
        "This organisation is a party already.",
        "Diese Organisation ist bereits Vertragspartei.",
    )
}

/// Adds a checked party to a contract within `tx`, with its audit entry.
pub(super) async fn insert(tx: &Tx<'_>, contract_id: i32, party: PartyDraft) -> ApiResult<()> {
    let parties = Condition::all().add(contract_party::Column::ContractId.eq(contract_id));
    let list = "A contract's parties";
    bounds::room::<contract_party::Entity>(&tx.txn, parties, bounds::PARTIES, "parties", list)
        .await?;
    let row = contract_party::ActiveModel {
        contract_id: Set(contract_id),
        organisation_id: Set(party.organisation),
        role: Set(party.role),
        ..Default::default()
    }
    .insert(&tx.txn)
    .await?;
    tx.log(
        "addContractParty",
        RecordType::Contract,
        contract_id,
        None::<&()>,
        Some(&row),
    )
    .await
}

/// Checks a party of a contract: its role, and that the organisation exists.
pub(super) async fn checked(tx: &Tx<'_>, party: PartyDraft, field: &str) -> ApiResult<PartyDraft> {
    let party = party.check()?;
    tx.refers::<organisation::Entity>(party.organisation, field)
        .await?;
    Ok(party)
}

/// Saves a claimed contract unchanged but for its version (its parties changed).
pub(super) async fn touch(txn: &DatabaseTransaction, row: Contract) -> ApiResult<Contract> {
    let mut active: contract::ActiveModel = row.into();
    active.updated_at = Set(chrono::Utc::now());
    Ok(active.update(txn).await?)
}

/// Adds a party to a contract. `version` is the contract's; the contract's version grows.
pub async fn add_party(
    db: &DatabaseConnection,
    access: &Access,
    contract_id: i32,
    version: i32,
    party: PartyDraft,
) -> ApiResult<Contract> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before =
        write::claim::<contract::Entity>(&tx.txn, contract_id, version, "contract").await?;
    let party = checked(&tx, party, "organisationId").await?;
    let exists = contract_party::Entity::find()
        .filter(contract_party::Column::ContractId.eq(contract_id))
        .filter(contract_party::Column::OrganisationId.eq(party.organisation))
        .count(&tx.txn)
        .await?;
    if exists > 0 {
        return Err(ApiError::bad_input("organisationId", already_a_party()));
    }
    insert(&tx, contract_id, party).await?;
    let after = touch(&tx.txn, before).await?;
    tx.commit().await?;
    Ok(after)
}

/// Removes a party from a contract. `version` is the contract's; it grows.
pub async fn remove_party(
    db: &DatabaseConnection,
    access: &Access,
    contract_id: i32,
    version: i32,
    organisation_id: i32,
) -> ApiResult<Contract> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before =
        write::claim::<contract::Entity>(&tx.txn, contract_id, version, "contract").await?;
    let party = party_of(&tx, contract_id, organisation_id).await?;
    tx.log(
        "removeContractParty",
        RecordType::Contract,
        contract_id,
        Some(&party),
        None::<&()>,
    )
    .await?;
    party.delete(&tx.txn).await?;
    let after = touch(&tx.txn, before).await?;
    tx.commit().await?;
    Ok(after)
}

/// Changes the role of the party `organisation_id` of a contract to `role` (none: no role).
/// `version` is the contract's; it grows.
pub async fn change_party_role(
    db: &DatabaseConnection,
    access: &Access,
    (contract_id, version): (i32, i32),
    organisation_id: i32,
    role: Option<String>,
) -> ApiResult<Contract> {
    let checked = PartyDraft {
        organisation: organisation_id,
        role,
    }
    .check()?;
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before =
        write::claim::<contract::Entity>(&tx.txn, contract_id, version, "contract").await?;
    let party = party_of(&tx, contract_id, organisation_id).await?;
    let mut active: contract_party::ActiveModel = party.clone().into();
    active.role = Set(checked.role);
    let changed = active.update(&tx.txn).await?;
    tx.log(
        "changeContractPartyRole",
        RecordType::Contract,
        contract_id,
        Some(&party),
        Some(&changed),
    )
    .await?;
    let after = touch(&tx.txn, before).await?;
    tx.commit().await?;
    Ok(after)
}

/// The party `organisation_id` of the contract, or `BAD_USER_INPUT` on `organisationId`.
async fn party_of(
    tx: &Tx<'_>,
    contract_id: i32,
    organisation_id: i32,
) -> ApiResult<contract_party::Model> {
    contract_party::Entity::find()
        .filter(contract_party::Column::ContractId.eq(contract_id))
        .filter(contract_party::Column::OrganisationId.eq(organisation_id))
        .one(&tx.txn)
        .await?
        .ok_or_else(|| ApiError::bad_input("organisationId", "This organisation is not a party."))
}

/// Makes `wanted` the parties of `contract` within `tx` (an import): adds, removes and changes
/// the role of each as [`add_party`], [`remove_party`] and [`change_party_role`] do, each with
/// its audit entry, and raises the contract's version once when any changed; the contract as
/// it is then, or `None` when its parties already were these.
///
/// # Errors
///
/// `BAD_USER_INPUT` on `parties` for an organisation named twice, an unknown one, a role that
/// is no name, or more parties than a contract may have.
pub async fn set_parties_within(
    tx: &Tx<'_>,
    contract: &Contract,
    wanted: Vec<PartyDraft>,
) -> ApiResult<Option<Contract>> {
    let existing = contract_party::Entity::find()
        .filter(contract_party::Column::ContractId.eq(contract.id))
        .all(&tx.txn)
        .await?;
    let mut seen = Vec::new();
    let mut changed = false;
    for party in &existing {
        if !wanted
            .iter()
            .any(|w| w.organisation == party.organisation_id)
        {
            tx.log(
                "removeContractParty",
                RecordType::Contract,
                contract.id,
                Some(party),
                None::<&()>,
            )
            .await?;
            party.clone().delete(&tx.txn).await?;
            changed = true;
        }
    }
    for party in wanted {
        let party = checked(tx, party, "parties").await?;
        if seen.contains(&party.organisation) {
            let message = say(
                "An organisation is named twice as a party.",
                "Eine Organisation ist zweimal als Vertragspartei genannt.",
            );
            return Err(ApiError::bad_input("parties", message));
        }
        seen.push(party.organisation);
        match existing
            .iter()
            .find(|p| p.organisation_id == party.organisation)
        {
            Some(before) if before.role == party.role => {}
            Some(before) => {
                let mut active: contract_party::ActiveModel = before.clone().into();
                active.role = Set(party.role);
                let after = active.update(&tx.txn).await?;
                tx.log(
                    "changeContractPartyRole",
                    RecordType::Contract,
                    contract.id,
                    Some(before),
                    Some(&after),
                )
                .await?;
                changed = true;
            }
            None => {
                insert(tx, contract.id, party).await?;
                changed = true;
            }
        }
    }
    if changed {
        Ok(Some(touch(&tx.txn, contract.clone()).await?))
    } else {
        Ok(None)
    }
}

/// A contract's parties as one cell of an exported or imported file: each organisation's
/// global ID with its role in brackets, `; ` between them (`T3Jn… (MEMBER); T3Jn…`); `None`
/// without parties.
pub fn parties_cell(parties: &[(i32, Option<String>)]) -> Option<String> {
    let text = parties
        .iter()
        .map(|(id, role)| {
            let id = RecordType::Organisation.global_id(*id);
            match role {
                Some(role) => format!("{id} ({role})"),
                None => id,
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(text).filter(|text| !text.is_empty())
}
