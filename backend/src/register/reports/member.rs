//! A member's dossier: the organisation, its memberships with their milestones, its contracts
//! with their deadlines, what it receives, its people, and the sources of all of it.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, QueryOrder};
use verbund_shared::contract::{ContractStatus, DeadlineState, Notice};

use super::{bounded, bounded_rows, sources};
use crate::auth::access::{Access, Area};
use crate::entities::{contract, coverage, organisation};
use crate::error::{ApiError, ApiResult};
use crate::register::contracts::{self, Contract, ContractQuery};
use crate::register::coverages::{self, Coverage, CoverageQuery};
use crate::register::desk::{self, Deadline};
use crate::register::memberships::{self, Membership};
use crate::register::organisations::Organisation;
use crate::register::people::{self, Person};
use crate::register::read;
use crate::register::services::Service;
use crate::register::sources::Source;

/// A contract of the member, as it stands on the dossier's day.
#[derive(Debug, Clone)]
pub struct ContractEntry {
    pub contract: Contract,
    pub status: ContractStatus,
    /// Its last day, or the last day of its current term.
    pub ends_on: Option<NaiveDate>,
    /// The next notice that still matters.
    pub notice: Option<Notice>,
    /// Its undecided deadlines on the desk, by day.
    pub deadlines: Vec<Deadline>,
}

/// Everything the register knows about one organisation that the caller may see. A part the
/// caller's scopes do not reach is `None` (the report says so) rather than refused whole.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub organisation: Organisation,
    /// The organisation it belongs to, if any.
    pub parent: Option<Organisation>,
    /// The day contracts and coverages are seen on.
    pub as_of: NaiveDate,
    pub memberships: Vec<Membership>,
    pub people: Vec<Person>,
    pub contracts: Option<Vec<ContractEntry>>,
    /// What it receives on `as_of`, each with its service.
    pub coverages: Option<Vec<(Coverage, Option<Service>)>>,
    /// Every source a fact of the dossier cites, by id.
    pub sources: Vec<Source>,
}

impl Dossier {
    /// How many rows the dossier holds (for its cost).
    pub fn rows(&self) -> usize {
        let contracts = self.contracts.as_deref().unwrap_or_default();
        1 + self.memberships.len()
            + self.people.len()
            + contracts.len()
            + contracts.iter().map(|c| c.deadlines.len()).sum::<usize>()
            + self.coverages.as_ref().map_or(0, Vec::len)
            + self.sources.len()
    }
}

/// The dossier of organisation `id` on `as_of`: needs `members:read` and an organisation the
/// caller sees (a member-limited token: its member and the member's units).
pub async fn member(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    as_of: NaiveDate,
) -> ApiResult<Dossier> {
    access.read(Area::Members)?;
    let found: Vec<Organisation> = read::by_ids(db, access, &[id]).await?;
    let Some(organisation) = found.into_iter().next() else {
        return Err(ApiError::not_found("No organisation with this ID."));
    };
    let parent = match organisation.parent_id {
        Some(parent) => read::by_ids::<organisation::Model>(db, access, &[parent])
            .await?
            .into_iter()
            .next(),
        None => None,
    };
    let memberships = read::related(db, access, &memberships::OF_ORGANISATION, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let people = read::related(db, access, &people::PEOPLE_OF, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let contracts = match access.read(Area::Contracts) {
        Ok(()) => Some(contracts_of(db, access, id, as_of).await?),
        Err(_) => None,
    };
    let coverages = match access.read(Area::Coverage) {
        Ok(()) => Some(coverages_of(db, access, id, as_of).await?),
        Err(_) => None,
    };
    let mut cited: BTreeSet<i32> = organisation.source_id.into_iter().collect();
    cited.extend(memberships.iter().filter_map(|row| row.source_id));
    cited.extend(people.iter().filter_map(|row| row.source_id));
    for entry in contracts.iter().flatten() {
        cited.extend(entry.contract.source_id);
    }
    for (coverage, _) in coverages.iter().flatten() {
        cited.extend(coverage.source_id);
    }
    let dossier = Dossier {
        sources: sources(db, access, cited).await?,
        organisation,
        parent,
        as_of,
        memberships,
        people,
        contracts,
        coverages,
    };
    bounded(dossier.rows(), "id")?;
    Ok(dossier)
}

/// The contracts `id` is a party to, those taking effect first first, with their standing on
/// `as_of` and their undecided deadlines.
async fn contracts_of(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    as_of: NaiveDate,
) -> ApiResult<Vec<ContractEntry>> {
    let query = ContractQuery {
        party_id: Some(id),
        as_of,
        ..ContractQuery::default()
    };
    let Some(select) = contracts::selection(access, &query)? else {
        return Ok(Vec::new());
    };
    let select = select
        .order_by_asc(contract::Column::EffectiveFrom)
        .order_by_asc(contract::Column::Id);
    let rows: Vec<Contract> = bounded_rows(db, select, "id").await?;
    let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
    let mut deadlines = desk::decisions_of(db, access, &ids).await?;
    let dates = contracts::dates_of_each(db, &rows).await?;
    Ok(rows
        .into_iter()
        .zip(dates)
        .map(|(contract, dates)| ContractEntry {
            status: dates.status(as_of),
            ends_on: dates.ends_on(),
            notice: dates.next_notice(as_of),
            deadlines: deadlines
                .remove(&contract.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|deadline| deadline.state == DeadlineState::Open)
                .collect(),
            contract,
        })
        .collect())
}

/// What `id` receives on `as_of`, each coverage with its service.
async fn coverages_of(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
    as_of: NaiveDate,
) -> ApiResult<Vec<(Coverage, Option<Service>)>> {
    let query = CoverageQuery {
        organisation_id: Some(id),
        active_on: Some(as_of),
        ..CoverageQuery::default()
    };
    let select = coverages::selection(access, &query)?
        .order_by_asc(coverage::Column::StartsOn)
        .order_by_asc(coverage::Column::Id);
    let rows: Vec<Coverage> = bounded_rows(db, select, "id").await?;
    let wanted: Vec<i32> = rows.iter().map(|row| row.service_id).collect();
    let services: Vec<Service> = read::by_ids(db, access, &wanted).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let service = services.iter().find(|s| s.id == row.service_id).cloned();
            (row, service)
        })
        .collect())
}
