//! Whole lists for export: every row a list's filters hold that the caller may see, read in
//! batches of [`BATCH_ROWS`] by the row id (keyset: each batch starts after the last id of the
//! one before), so a list of any length is read with a bounded amount of memory and no
//! statement holds a connection for long. The filters, the access rule and the visibility of
//! each list are the list's own (`selection` in its module); only the order differs: by id,
//! oldest record first, so that a batch boundary never skips or repeats a row.
//!
//! Each batch is a statement of its own, so an export that runs while the register changes
//! sees each row as it was when its batch was read.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use verbund_shared::contract::ContractStatus;

use super::audit::{self, AuditEntry, LogFilter};
use super::contracts::{self, Contract, ContractQuery};
use super::coverages::{self, Coverage, CoverageQuery};
use super::desk::{self, Deadline, DeadlineQuery};
use super::memberships::{self, Membership};
use super::organisations::{self, Organisation, OrganisationQuery};
use super::services::{self, Service, ServiceQuery};
use super::sources::{self, Source};
use crate::auth::access::Access;
use crate::entities::{
    audit_entry, contract, contract_party, coverage, deadline, membership, organisation, service,
    source,
};
use crate::error::ApiResult;

/// The columns of `M` an exported (and imported) file has, with their index in the
/// declaration and their key: every declared column but the bookkeeping timestamps, named as
/// the API names it (a column without an API field of its own by its name in camelCase).
pub fn file_columns<M: crate::entities::record::Record>() -> impl Iterator<Item = (usize, String)> {
    M::FIELDS
        .iter()
        .enumerate()
        .filter(|(_, field)| !matches!(field.column, "created_at" | "updated_at"))
        .map(|(index, field)| {
            let key = field
                .api
                .map_or_else(|| audit::camel(field.column), str::to_owned);
            (index, key)
        })
}

/// An amount of `cents` in euros with two decimals and `separator` before them: `12500.00`.
pub fn euros(cents: i64, separator: char) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}{separator}{:02}", cents / 100, cents % 100)
}

/// The most rows one statement of an export reads.
pub const BATCH_ROWS: u64 = 500;

/// Which list to export, with its filters.
#[derive(Debug, Clone)]
pub enum ExportQuery {
    /// The members on a day (`member_on`) or all organisations.
    Organisations(OrganisationQuery),
    /// The memberships, of one organisation when it is given.
    Memberships(Option<i32>),
    Contracts(ContractQuery),
    Services(ServiceQuery),
    Coverages(CoverageQuery),
    /// The sources, with a search in title and publisher.
    Sources(Option<String>),
    Deadlines(DeadlineQuery),
    /// The audit log (admins only).
    AuditLog(LogFilter),
}

/// A contract with what is derived from it on the export's day.
#[derive(Debug, Clone)]
pub struct ContractLine {
    pub contract: Contract,
    /// Its status on the day asked about.
    pub status: ContractStatus,
    /// Its next notice deadline, seen on that day.
    pub notice_deadline: Option<NaiveDate>,
    /// Its parties, in the order they were added: each organisation's id and role.
    pub parties: Vec<(i32, Option<String>)>,
}

/// One batch of an export's rows, in the order of their ids.
#[derive(Debug, Clone)]
pub enum Batch {
    Organisations(Vec<Organisation>),
    Memberships(Vec<Membership>),
    Contracts(Vec<ContractLine>),
    Services(Vec<Service>),
    Coverages(Vec<Coverage>),
    Sources(Vec<Source>),
    Deadlines(Vec<Deadline>),
    AuditLog(Vec<AuditEntry>),
}

/// An export under way: the list, the caller, and the last id read.
#[derive(Debug)]
pub struct Export {
    query: ExportQuery,
    access: Access,
    after: Option<i64>,
    done: bool,
}

impl Export {
    /// Starts an export of `query` for `access`: refused when the caller may not read the
    /// list (the list's own rule); otherwise the export and the most rows it can hold (the
    /// rows the stored filters hold; a contract list's filters on derived facts may leave
    /// fewer), counted by one statement, for its cost.
    pub async fn start(
        db: &impl ConnectionTrait,
        access: &Access,
        query: ExportQuery,
    ) -> ApiResult<(Self, u64)> {
        let rows = match &query {
            ExportQuery::Organisations(query) => {
                count(db, organisations::selection(access, query)?).await?
            }
            ExportQuery::Memberships(organisation) => {
                count(db, memberships::selection(access, *organisation)?).await?
            }
            ExportQuery::Contracts(query) => match contracts::selection(access, query)? {
                Some(select) => count(db, select).await?,
                None => 0,
            },
            ExportQuery::Services(query) => count(db, services::selection(access, query)?).await?,
            ExportQuery::Coverages(query) => {
                count(db, coverages::selection(access, query)?).await?
            }
            ExportQuery::Sources(search) => {
                count(db, sources::selection(access, search.as_deref())?).await?
            }
            ExportQuery::Deadlines(query) => count(db, desk::selection(access, *query)?).await?,
            ExportQuery::AuditLog(filter) => {
                count(db, audit::log_selection(access, filter.clone())?).await?
            }
        };
        let export = Self {
            query,
            access: access.clone(),
            after: None,
            done: rows == 0,
        };
        Ok((export, rows))
    }

    /// The next batch; `None` once every row has been read. A batch of a contract list with
    /// filters on derived facts may be empty while more follow.
    pub async fn next(&mut self, db: &impl ConnectionTrait) -> ApiResult<Option<Batch>> {
        if self.done {
            return Ok(None);
        }
        let (access, after) = (&self.access, self.after);
        let (batch, read) = match &self.query {
            ExportQuery::Organisations(query) => {
                let select = organisations::selection(access, query)?;
                let rows = keyset(db, select, organisation::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                (Batch::Organisations(rows), read)
            }
            ExportQuery::Memberships(organisation) => {
                let select = memberships::selection(access, *organisation)?;
                let rows = keyset(db, select, membership::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                (Batch::Memberships(rows), read)
            }
            ExportQuery::Contracts(query) => {
                let Some(select) = contracts::selection(access, query)? else {
                    self.done = true;
                    return Ok(None);
                };
                let rows = keyset(db, select, contract::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                (Batch::Contracts(lines(db, query, rows).await?), read)
            }
            ExportQuery::Services(query) => {
                let select = services::selection(access, query)?;
                let rows = keyset(db, select, service::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                (Batch::Services(rows), read)
            }
            ExportQuery::Coverages(query) => {
                let select = coverages::selection(access, query)?;
                let rows = keyset(db, select, coverage::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                (Batch::Coverages(rows), read)
            }
            ExportQuery::Sources(search) => {
                let select = sources::selection(access, search.as_deref())?;
                let rows = keyset(db, select, source::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                (Batch::Sources(rows), read)
            }
            ExportQuery::Deadlines(query) => {
                let select = desk::selection(access, *query)?;
                let rows = keyset(db, select, deadline::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id.into());
                let rows = rows
                    .into_iter()
                    .map(|row| Deadline::seen_by(row, access))
                    .collect::<ApiResult<_>>()?;
                (Batch::Deadlines(rows), read)
            }
            ExportQuery::AuditLog(filter) => {
                let select = audit::log_selection(access, filter.clone())?;
                let rows = keyset(db, select, audit_entry::Column::Id, after).await?;
                let read = Read::of(&rows, |row| row.id);
                (Batch::AuditLog(rows), read)
            }
        };
        self.after = read.last.or(self.after);
        self.done = read.rows < BATCH_ROWS;
        Ok(Some(batch))
    }
}

/// What a statement of an export read: how many rows, and the last id.
struct Read {
    rows: u64,
    last: Option<i64>,
}

impl Read {
    fn of<T>(rows: &[T], id: impl Fn(&T) -> i64) -> Self {
        Self {
            rows: rows.len() as u64,
            last: rows.last().map(id),
        }
    }
}

/// How many rows `select` holds.
async fn count<E>(db: &impl ConnectionTrait, select: Select<E>) -> ApiResult<u64>
where
    E: EntityTrait,
    E::Model: Sync,
{
    Ok(select.count(db).await?)
}

/// The next [`BATCH_ROWS`] rows of `select` by `id`, after the id `after`.
async fn keyset<E, C>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id: C,
    after: Option<i64>,
) -> ApiResult<Vec<E::Model>>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let select = match after {
        Some(after) => select.filter(id.gt(after)),
        None => select,
    };
    Ok(select.order_by_asc(id).limit(BATCH_ROWS).all(db).await?)
}

/// The contracts of a batch that pass the filters on derived facts, with their status and
/// next notice deadline on the list's day, and their parties (one more statement).
async fn lines(
    db: &impl ConnectionTrait,
    query: &ContractQuery,
    rows: Vec<Contract>,
) -> ApiResult<Vec<ContractLine>> {
    let mut lines = Vec::with_capacity(rows.len());
    let dates = contracts::dates_of_each(db, &rows).await?;
    let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
    let mut parties: HashMap<i32, Vec<(i32, Option<String>)>> = HashMap::new();
    for party in contract_party::Entity::find()
        .filter(contract_party::Column::ContractId.is_in(ids))
        .order_by_asc(contract_party::Column::Id)
        .all(db)
        .await?
    {
        parties
            .entry(party.contract_id)
            .or_default()
            .push((party.organisation_id, party.role));
    }
    for (contract, dates) in rows.into_iter().zip(dates) {
        if query.has_derived_filter() && !query.admits(&dates) {
            continue;
        }
        lines.push(ContractLine {
            status: dates.status(query.as_of),
            notice_deadline: dates.next_notice(query.as_of).map(|notice| notice.deadline),
            parties: parties.remove(&contract.id).unwrap_or_default(),
            contract,
        });
    }
    Ok(lines)
}
