//! Removing the demo's sample data (`verbund demo clear`): the sample contracts with their
//! parties, their express renewals and everything the deadline desk holds about them, then
//! their source, each removal with its audit entry. A sample something else now rests on (a membership or a
//! coverage someone recorded under it) stays, and the report names it. It is one change like
//! any other removal of the register: it takes the feed's lock first, and each contract goes
//! as `deleteContract` takes it (`Removable::release`: its desk, its express renewals and its parties).

use std::sync::Arc;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, ModelTrait, QueryFilter};
use verbund_shared::refusal::ErrorCode;

use crate::entities::record::RecordType;
use crate::entities::{contract, source};
use crate::error::ApiResult;
use crate::register::audit::Actor;
use crate::register::stored::Removable;
use crate::register::write::{self, Tx};
use crate::timing::Timing;

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

/// Removes the sample data in one transaction; see the module documentation.
pub async fn clear(db: &DatabaseConnection) -> Result<Cleared, DbErr> {
    remove_samples(db)
        .await
        .map_err(|err| DbErr::Custom(format!("removing the samples: {err:?}")))
}

async fn remove_samples(db: &DatabaseConnection) -> ApiResult<Cleared> {
    // Nothing it removes is armed again (the contracts are gone): the system clock will do.
    let timing = Arc::new(Timing::default());
    let tx = Tx::begin_as(db, Actor::system("verbund demo clear"), None, timing).await?;
    let mut cleared = Cleared::default();
    let Some(samples) = crate::register::sources::sample_source(&tx.txn).await? else {
        return Ok(cleared);
    };
    let contracts = contract::Entity::find()
        .filter(contract::Column::SourceId.eq(samples.id))
        .all(&tx.txn)
        .await?;
    for row in contracts {
        match <contract::Entity as Removable>::release(&tx, &row).await {
            Err(err) if err.code() == ErrorCode::Conflict => {
                cleared.kept.push(format!(
                    "Contract {} ({}): a membership or coverage rests on it",
                    row.id, row.title
                ));
                continue;
            }
            released => released?,
        }
        let id = row.id;
        tx.log(
            <contract::Entity as Removable>::DELETED,
            RecordType::Contract,
            id,
            Some(&row),
            None::<&()>,
        )
        .await?;
        row.delete(&tx.txn).await?;
        cleared.contracts += 1;
        tracing::debug!(contract = id, "sample removed");
    }
    // Checked beforehand: a deletion that failed on a reference would end the transaction
    // on PostgreSQL, with the removals above.
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
    let cited = match write::unreferenced(&tx.txn, samples.id, samples.version, &referrers, "cited")
        .await
    {
        Err(err) if err.code() == ErrorCode::Conflict => true,
        free => free.map(|()| false)?,
    };
    if !cited {
        <source::Entity as Removable>::release(&tx, &samples).await?;
        tx.log(
            <source::Entity as Removable>::DELETED,
            RecordType::Source,
            samples.id,
            Some(&samples),
            None::<&()>,
        )
        .await?;
        samples.delete(&tx.txn).await?;
        cleared.source = true;
    }
    tx.commit().await?;
    Ok(cleared)
}
