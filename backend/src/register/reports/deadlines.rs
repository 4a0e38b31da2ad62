//! The desk's deadlines whose day to act falls in a window of days: undecided and decided
//! ones (superseded ones are no longer the desk's), each with its contract, parties and owner.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use verbund_shared::contract::DeadlineState;

use super::{bounded_rows, names};
use crate::auth::access::Access;
use crate::entities::deadline;
use crate::error::{ApiError, ApiResult};
use crate::register::contracts::{self, Contract};
use crate::register::desk::{self, Deadline};
use crate::register::read;

/// The longest window a deadline report covers, in days (as the desk's window).
pub const MAX_WINDOW_DAYS: i64 = crate::timing::MAX_OFFSET as i64;

/// A deadline with what the report names it by.
#[derive(Debug, Clone)]
pub struct DeadlineLine {
    pub deadline: Deadline,
    pub contract: Option<Contract>,
    /// The names of the contract's parties the caller sees.
    pub parties: Vec<String>,
    /// The owner's name (staff only).
    pub owner: Option<String>,
}

/// The deadlines of a window.
#[derive(Debug, Clone)]
pub struct DeadlineReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Earliest day to act first.
    pub lines: Vec<DeadlineLine>,
}

impl DeadlineReport {
    /// How many rows the report holds (for its cost).
    pub fn rows(&self) -> usize {
        self.lines.len()
    }
}

/// The deadlines whose day to act is from `from` to `to` (both included) that the caller may
/// see (`contracts:read`; a member-limited token: its member's contracts).
pub async fn deadlines(
    db: &impl ConnectionTrait,
    access: &Access,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<DeadlineReport> {
    if to < from {
        return Err(ApiError::bad_input("to", "`to` must not be before `from`."));
    }
    if (to - from).num_days() > MAX_WINDOW_DAYS {
        return Err(ApiError::bad_input(
            "to",
            format!("A deadline report covers at most {MAX_WINDOW_DAYS} days."),
        ));
    }
    let select = deadline::Entity::find()
        .filter(read::seen::<deadline::Entity>(access)?)
        .filter(deadline::Column::State.ne(DeadlineState::Superseded.as_str()))
        .filter(deadline::Column::DayToAct.between(from, to))
        .order_by_asc(deadline::Column::DayToAct)
        .order_by_asc(deadline::Column::Id);
    let rows = bounded_rows(db, select, "to").await?;
    let deadlines = rows
        .into_iter()
        .map(|row| Deadline::seen_by(row, access))
        .collect::<ApiResult<Vec<_>>>()?;
    let ids: Vec<i32> = deadlines
        .iter()
        .map(|d| d.contract_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let contracts: Vec<Contract> = read::by_ids(db, access, &ids).await?;
    let parties = read::related(db, access, &contracts::PARTIES_OF, &ids).await?;
    let organisations = parties
        .values()
        .flatten()
        .map(|party| party.organisation_id)
        .collect();
    let organisations = names(db, access, organisations).await?;
    let owners: Vec<i32> = deadlines.iter().filter_map(|d| d.owner_id).collect();
    let owners = desk::account_names(db, access, &owners).await?;
    let lines = deadlines
        .into_iter()
        .map(|deadline| DeadlineLine {
            contract: contracts
                .iter()
                .find(|c| c.id == deadline.contract_id)
                .cloned(),
            parties: parties
                .get(&deadline.contract_id)
                .into_iter()
                .flatten()
                .filter_map(|party| organisations.get(&party.organisation_id).cloned())
                .collect(),
            owner: deadline.owner_id.and_then(|id| owners.get(&id).cloned()),
            deadline,
        })
        .collect();
    Ok(DeadlineReport { from, to, lines })
}
