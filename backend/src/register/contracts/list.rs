//! The contract list, with filters on stored columns and on derived facts such as status and
//! deadlines (in SQL on the standing the desk stores for each contract while it holds for
//! today, else in Rust), and the contracts of each of several organisations.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QuerySelect, Statement, sea_query::Query,
};
use verbund_shared::contract::{ContractDates, ContractKind, ContractStatus, Standing};

use super::{Contract, Party, dates_of_each};
use crate::auth::access::Access;
use crate::entities::rows::{self, Columns, Decode};
use crate::entities::{contract, contract_desk, contract_party};
use crate::error::ApiResult;
use crate::register::page::{self, Direction, PageRequest, Window};
use crate::register::read::{self, ids_param, in_ids, prefixed};

/// Which contracts a list holds.
#[derive(Debug, Clone, Default)]
pub struct ContractQuery {
    pub kinds: Vec<ContractKind>,
    /// Only contracts this organisation is a party to.
    pub party_id: Option<i32>,
    /// Number, title or another searched column contains this (case-insensitive).
    pub search: Option<String>,
    /// Only contracts with one of these statuses on `as_of`.
    pub statuses: Vec<ContractStatus>,
    /// The date `statuses` and the deadline filters are judged on.
    pub as_of: NaiveDate,
    /// Only contracts in force (possibly with notice given) on this date.
    pub in_force_on: Option<NaiveDate>,
    /// Only contracts that end, or whose current term ends, before this date (and have not
    /// ended on `as_of`).
    pub ending_before: Option<NaiveDate>,
    /// Only contracts whose next notice deadline (seen on `as_of`) is before this date.
    pub notice_deadline_before: Option<NaiveDate>,
}

impl ContractQuery {
    /// Whether a filter on derived facts applies (see [`Self::admits`]).
    pub fn has_derived_filter(&self) -> bool {
        !self.statuses.is_empty()
            || self.in_force_on.is_some()
            || self.ending_before.is_some()
            || self.notice_deadline_before.is_some()
    }

    /// Whether a contract passes the filters on derived facts.
    pub fn admits(&self, dates: &ContractDates) -> bool {
        self.in_force_on
            .is_none_or(|day| IN_FORCE.contains(&dates.status(day)))
            && self.admits_standing(&dates.standing(self.as_of))
    }

    /// Whether a contract standing so on `as_of` passes the filters other than `in_force_on`.
    fn admits_standing(&self, standing: &Standing) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&standing.status))
            && self
                .ending_before
                .is_none_or(|limit| standing.ends_on.is_some_and(|end| end < limit))
            && self
                .notice_deadline_before
                .is_none_or(|limit| standing.notice_deadline.is_some_and(|day| day < limit))
    }

    /// The filters on derived facts as a condition on the standing stored for each contract
    /// (`contract_desk`), which holds for `today`: `None` unless every filter is judged on
    /// `today`. The condition holds of fresh rows only ([`stored_standing_is_fresh`]).
    fn on_stored_standing(&self, today: NaiveDate) -> Option<Condition> {
        use contract_desk::Column as Desk;
        if self.as_of != today || self.in_force_on.is_some_and(|day| day != today) {
            return None;
        }
        let mut condition = Condition::all()
            .add(Desk::StandingOn.lte(today))
            .add(Desk::Status.is_not_null())
            .add(
                Condition::any()
                    .add(Desk::RearmOn.is_null())
                    .add(Desk::RearmOn.gt(today)),
            );
        if !self.statuses.is_empty() {
            condition = condition.add(Desk::Status.is_in(self.statuses.iter().map(|s| s.as_str())));
        }
        if self.in_force_on.is_some() {
            condition = condition.add(Desk::Status.is_in(IN_FORCE.map(|s| s.as_str())));
        }
        if let Some(limit) = self.ending_before {
            condition = condition.add(Desk::EndsOn.lt(limit));
        }
        if let Some(limit) = self.notice_deadline_before {
            condition = condition.add(Desk::NoticeDeadline.lt(limit));
        }
        Some(condition)
    }
}

/// The statuses that count as in force.
const IN_FORCE: [ContractStatus; 2] = [ContractStatus::InForce, ContractStatus::NoticeGiven];

/// Whether every contract's stored standing holds for `today`: each desk row (every contract
/// has one, the database sees to it) was worked out no later than today and holds beyond it.
/// The scheduler keeps it so; a contract it has not seen yet (written behind the register's
/// back, or from before the standing was stored) or a pass it has not made yet today make
/// lists work each contract out themselves. A row the domain rejects has no status and
/// matches no filter on it.
async fn stored_standing_is_fresh(db: &DatabaseConnection, today: NaiveDate) -> ApiResult<bool> {
    use contract_desk::Column as Desk;
    let stale = contract_desk::Entity::find()
        .select_only()
        .column(Desk::ContractId)
        .filter(
            Condition::any()
                .add(Desk::StandingOn.is_null())
                .add(Desk::StandingOn.gt(today))
                .add(Desk::RearmOn.lte(today)),
        )
        .into_tuple::<i32>()
        .one(db)
        .await?;
    Ok(stale.is_none())
}

/// What a contract list is ordered by; the id breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractOrder {
    #[default]
    EffectiveFrom,
    SignedOn,
    Title,
    Number,
}

/// The contracts the stored columns of `query` hold that the caller may see
/// (`contracts:read`), in no order, before the filters on derived facts
/// ([`ContractQuery::admits`]): what a page of the list and an export read from. `None` when
/// the list is empty whatever the rows: a party the caller may not see.
pub fn selection(
    access: &Access,
    query: &ContractQuery,
) -> ApiResult<Option<sea_orm::Select<contract::Entity>>> {
    access.may_read::<Contract>()?;
    let mut select = read::visible(contract::Entity::find(), access);
    if !query.kinds.is_empty() {
        select =
            select.filter(contract::Column::Kind.is_in(query.kinds.iter().map(|k| k.as_str())));
    }
    if let Some(party) = query.party_id {
        if access
            .confined_to::<Party>()
            .is_some_and(|own| !own.contains(&party))
        {
            return Ok(None);
        }
        select = select.filter(
            contract::Column::Id.in_subquery(
                Query::select()
                    .column(contract_party::Column::ContractId)
                    .from(contract_party::Entity)
                    .and_where(contract_party::Column::OrganisationId.eq(party))
                    .to_owned(),
            ),
        );
    }
    Ok(Some(read::searched(select, query.search.as_deref())))
}

/// One page of contracts the caller may see (`contracts:read`; a member-limited token sees
/// only the contracts its member or the member's units are a party to). A party the caller
/// may not see filters to nothing: the filter does not reveal what the parties hide.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    query: &ContractQuery,
    order: ContractOrder,
    direction: Direction,
    page: PageRequest,
) -> ApiResult<(Vec<Contract>, Window)> {
    let Some(select) = selection(access, query)? else {
        return Ok((Vec::new(), page.window(0)));
    };
    let column = match order {
        ContractOrder::EffectiveFrom => contract::Column::EffectiveFrom,
        ContractOrder::SignedOn => contract::Column::SignedOn,
        ContractOrder::Title => contract::Column::Title,
        ContractOrder::Number => contract::Column::Number,
    };
    let select = page::ordered(select, column, contract::Column::Id, direction);
    if !query.has_derived_filter() {
        return page::fetch(db, select, page).await;
    }
    let today = access.timing.clock.today();
    if let Some(condition) = query.on_stored_standing(today)
        && stored_standing_is_fresh(db, today).await?
    {
        let stored = Query::select()
            .column(contract_desk::Column::ContractId)
            .from(contract_desk::Entity)
            .cond_where(condition)
            .to_owned();
        let select = select.filter(contract::Column::Id.in_subquery(stored));
        return page::fetch(db, select, page).await;
    }
    let all = select.all(db).await?;
    let dates = dates_of_each(db, &all).await?;
    let rows = all
        .into_iter()
        .zip(dates)
        .filter_map(|(row, dates)| query.admits(&dates).then_some(row))
        .collect();
    Ok(page.slice(rows))
}

/// The contracts each of `organisations` is a party to, oldest first (by the day they take
/// effect, those without one last, then by id), in one statement. With a `take`, only the
/// first `take` contracts of each organisation are read, which is what a page without a total
/// needs; only the `wanted` columns are read (the contract's id and the day it takes effect
/// always, as they order the list).
pub async fn of_organisations(
    db: &DatabaseConnection,
    access: &Access,
    organisations: Vec<i32>,
    take: Option<usize>,
    wanted: Columns,
) -> ApiResult<HashMap<i32, Vec<Arc<Contract>>>> {
    access.may_read::<Contract>()?;
    let backend = db.get_database_backend();
    let columns = wanted.and(Columns::of::<Contract>(&["id", "effective_from"]));
    let limit = take.and_then(|n| i64::try_from(n).ok());
    let statement = Statement::from_sql_and_values(
        backend,
        contracts_of_sql(backend, columns),
        [ids_param(backend, organisations), limit.into()],
    );
    let rows = db.query_all_raw(statement).await?;
    if let Some(first) = rows.first() {
        Contract::check_some(first, 0, "", columns)?;
    }
    let party_org = columns.count::<Contract>();
    let mut groups: HashMap<i32, Vec<Arc<Contract>>> = HashMap::new();
    for row in rows {
        let contract = Contract::read_some(&row, 0, columns)?;
        let organisation: i32 = rows::Cols::new(&row, party_org)?.read()?;
        if access.sees(&contract) {
            groups
                .entry(organisation)
                .or_default()
                .push(Arc::new(contract));
        }
    }
    // The statement finds each organisation's first contracts in this order; the rows come
    // in whatever order the database joins them.
    for contracts in groups.values_mut() {
        contracts.sort_unstable_by_key(|c| (c.effective_from.is_none(), c.effective_from, c.id));
    }
    Ok(groups)
}

/// The statement behind [`of_organisations`]: the `columns` of the contracts of each
/// organisation in `$1`, at most `$2` each (all when null), each followed by the
/// organisation's id, in no particular order. Each party row carries the day its contract
/// takes effect (kept by the database, see the migration `party_order`), and the parties'
/// index by organisation is ordered by it: PostgreSQL reads each organisation's first
/// contracts straight from that index, so the cost follows the rows returned, not how many
/// contracts a member has. SQLite, which has neither arrays nor lateral joins, gets the ids as
/// a JSON array and numbers each organisation's contracts with a window function. The text
/// depends only on the columns, so the database plans it once per connection and column set.
fn contracts_of_sql(backend: DbBackend, columns: Columns) -> String {
    let names = columns.names::<Contract>().collect::<Vec<_>>();
    let selected = prefixed("c", &names);
    match backend {
        DbBackend::Postgres => format!(
            "SELECT {selected}, o.id AS party_org FROM unnest($1::int4[]) AS o(id) \
             CROSS JOIN LATERAL (SELECT {selected} FROM contract_parties p \
             JOIN contracts c ON c.id = p.contract_id WHERE p.organisation_id = o.id \
             ORDER BY p.contract_effective_from, p.contract_id LIMIT $2) c"
        ),
        _ => format!(
            "SELECT * FROM (SELECT {selected}, p.organisation_id AS party_org, \
             ROW_NUMBER() OVER (PARTITION BY p.organisation_id \
             ORDER BY p.contract_effective_from NULLS LAST, p.contract_id) AS party_rn \
             FROM contract_parties p JOIN contracts c ON c.id = p.contract_id WHERE {}) t \
             WHERE ?2 IS NULL OR party_rn <= ?2",
            in_ids(backend, "p.organisation_id")
        ),
    }
}
