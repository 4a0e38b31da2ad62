//! Removing the demo's sample data (`verbund demo clear`): the sample contracts with their
//! parties and everything the deadline desk holds about them, then their source, each
//! removal with its audit entry. A sample something else now rests on (a membership or a
//! coverage someone recorded under it) stays, and the report names it.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, ModelTrait, QueryFilter,
    TransactionTrait,
};

use super::samples::SAMPLE_SOURCE;
use crate::entities::record::RecordType;
use crate::entities::{contract, contract_party, source};
use crate::register::audit::{self, Actor, Change};
use crate::register::contracts::RESTING_ON;
use crate::register::desk::arm;
use crate::register::write;

/// What `verbund demo clear` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleared {
    /// Sample contracts removed.
    pub contracts: usize,
    /// Whether the samples' source was removed too.
    pub source: bool,
    /// Samples left in place, one line each with the reason.
    pub kept: Vec<String>,
}

/// An error of the register as the seed reports it, saying what failed.
fn failed(what: &str) -> impl Fn(crate::error::ApiError) -> DbErr + '_ {
    move |err| DbErr::Custom(format!("{what}: {err:?}"))
}

/// Removes the sample data in one transaction; see the module documentation.
pub async fn clear(db: &DatabaseConnection) -> Result<Cleared, DbErr> {
    let tx = db.begin().await?;
    let actor = Actor::system("verbund demo clear");
    let mut cleared = Cleared::default();
    let Some(samples) = source::Entity::find()
        .filter(source::Column::Title.eq(SAMPLE_SOURCE))
        .one(&tx)
        .await?
    else {
        return Ok(cleared);
    };
    let contracts = contract::Entity::find()
        .filter(contract::Column::SourceId.eq(samples.id))
        .all(&tx)
        .await?;
    for row in contracts {
        let message = "a membership or coverage rests on it";
        let free = write::unreferenced(&tx, row.id, row.version, &RESTING_ON, message).await;
        if free.is_err() {
            cleared
                .kept
                .push(format!("Contract {} ({}): {message}", row.id, row.title));
            continue;
        }
        arm::forget(&tx, row.id)
            .await
            .map_err(failed("the desk of a sample"))?;
        let parties = contract_party::Entity::find()
            .filter(contract_party::Column::ContractId.eq(row.id))
            .all(&tx)
            .await?;
        for party in parties {
            log(
                &tx,
                &actor,
                "removeContractParty",
                RecordType::Contract,
                row.id,
                &party,
            )
            .await?;
            party.delete(&tx).await?;
        }
        log(
            &tx,
            &actor,
            "deleteContract",
            RecordType::Contract,
            row.id,
            &row,
        )
        .await?;
        let id = row.id;
        row.delete(&tx).await?;
        cleared.contracts += 1;
        tracing::debug!(contract = id, "sample removed");
    }
    let referrers = [
        "organisations",
        "contracts",
        "memberships",
        "services",
        "coverages",
        "people",
        "key_figures",
    ]
    .map(|table| (table, "source_id"));
    let cited = write::unreferenced(&tx, samples.id, samples.version, &referrers, "cited")
        .await
        .is_err();
    if !cited {
        log(
            &tx,
            &actor,
            "deleteSource",
            RecordType::Source,
            samples.id,
            &samples,
        )
        .await?;
        samples.delete(&tx).await?;
        cleared.source = true;
    }
    tx.commit().await?;
    Ok(cleared)
}

/// Writes the audit entry of the removal of `before` (record `id` of type `kind`).
async fn log<M: serde::Serialize>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    operation: &str,
    kind: RecordType,
    id: i32,
    before: &M,
) -> Result<(), DbErr> {
    let change = Change {
        actor,
        request_id: None,
        operation,
        record_type: kind.name(),
        record_id: id,
    };
    audit::record(db, change, Some(before), None::<&()>)
        .await
        .map_err(failed("the audit entry of a removal"))
}
