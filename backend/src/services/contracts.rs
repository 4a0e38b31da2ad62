//! Contracts: their dates and terms as domain values, and the contract list with filters on
//! stored columns (in SQL) and on derived facts such as status and deadlines (in Rust).

use std::num::NonZeroU32;
use std::str::FromStr;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Query,
};
use verbund_shared::contract::{
    ContractDates, ContractKind, ContractStatus, ContractTerms, InitialTerm, NoticePeriod,
    NoticeTo, Renewal,
};

use super::{Direction, contains_ci, fetch_page, ordered};
use crate::auth::access::{Access, Area};
use crate::entities::{contract, contract_party};
use crate::error::{ApiError, ApiResult};
use crate::graphql::pagination::{CheckedArgs, Window};

/// The stored row as domain dates and terms. A row the domain rejects is a data error: it is
/// logged with the contract's id and answered as an internal error.
pub fn dates_of(row: &contract::Model) -> ApiResult<ContractDates> {
    let corrupt = |what: &str| {
        ApiError::internal(
            "contract row violates the term rules",
            &format!("contract {}: {what}", row.id),
        )
    };
    let months = |value: i32, what: &str| {
        u32::try_from(value)
            .ok()
            .and_then(NonZeroU32::new)
            .ok_or_else(|| corrupt(what))
    };
    let terms = match row.effective_from {
        None => None,
        Some(from) => {
            let initial = match (row.initial_term_months, row.initial_term_until) {
                (Some(m), None) => InitialTerm::Months(months(m, "initial term months")?),
                (None, Some(until)) => InitialTerm::Until(until),
                (None, None) => InitialTerm::Indefinite,
                (Some(_), Some(_)) => return Err(corrupt("initial term given twice")),
            };
            let renewal = match row.renewal.as_str() {
                "NONE" => Renewal::None,
                "EXPRESS" => Renewal::Express,
                "TACIT" => Renewal::Tacit {
                    months: months(
                        row.renewal_months
                            .ok_or_else(|| corrupt("renewal months missing"))?,
                        "renewal months",
                    )?,
                },
                _ => return Err(corrupt("unknown renewal rule")),
            };
            let notice = match (row.notice_months, row.notice_to.as_deref()) {
                (None, None) => None,
                (Some(m), Some(to)) => Some(NoticePeriod::new(
                    u32::try_from(m).map_err(|_| corrupt("negative notice months"))?,
                    NoticeTo::from_str(to).map_err(|_| corrupt("unknown notice rule"))?,
                )),
                _ => return Err(corrupt("incomplete notice period")),
            };
            Some(
                ContractTerms::new(from, initial, renewal, notice)
                    .map_err(|err| corrupt(&err.to_string()))?,
            )
        }
    };
    Ok(ContractDates {
        signed_on: row.signed_on,
        terms,
        notice_given_on: row.notice_given_on,
        ended_on: row.ended_on,
    })
}

/// The kind stored in a row.
pub fn kind_of(row: &contract::Model) -> ApiResult<ContractKind> {
    ContractKind::from_str(&row.kind).map_err(|err| ApiError::internal("contract kind", &err))
}

/// Which contracts a list holds.
#[derive(Debug, Clone, Default)]
pub struct ContractQuery {
    pub kinds: Vec<ContractKind>,
    /// Only contracts this organisation is a party to.
    pub party_id: Option<i32>,
    /// Number or title contains this (case-insensitive).
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
    fn has_derived_filter(&self) -> bool {
        !self.statuses.is_empty()
            || self.in_force_on.is_some()
            || self.ending_before.is_some()
            || self.notice_deadline_before.is_some()
    }

    /// Whether a contract passes the filters on derived facts.
    fn admits(&self, dates: &ContractDates) -> bool {
        if !self.statuses.is_empty() && !self.statuses.contains(&dates.status(self.as_of)) {
            return false;
        }
        if let Some(day) = self.in_force_on
            && !matches!(
                dates.status(day),
                ContractStatus::InForce | ContractStatus::NoticeGiven
            )
        {
            return false;
        }
        if let Some(limit) = self.ending_before {
            if dates.status(self.as_of) == ContractStatus::Ended {
                return false;
            }
            let end = dates.ends_on().or_else(|| {
                dates
                    .terms
                    .as_ref()
                    .and_then(|t| t.current_term_ends_on(self.as_of))
            });
            if end.is_none_or(|end| end >= limit) {
                return false;
            }
        }
        if let Some(limit) = self.notice_deadline_before {
            let deadline = dates.next_notice(self.as_of).map(|n| n.deadline);
            if deadline.is_none_or(|d| d >= limit) {
                return false;
            }
        }
        true
    }
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

/// One page of contracts the caller may see (`contracts:read`; a member-limited token sees
/// only the contracts its member or the member's units are a party to).
pub async fn list(
    access: &Access,
    db: &DatabaseConnection,
    query: &ContractQuery,
    order: ContractOrder,
    direction: Direction,
    args: CheckedArgs,
) -> ApiResult<(Vec<contract::Model>, Window)> {
    access.read(Area::Contracts)?;
    let mut select = contract::Entity::find();
    if let Some(data) = access.member_data() {
        select = select.filter(contract::Column::Id.is_in(data.contracts.iter().copied()));
    }
    if !query.kinds.is_empty() {
        select =
            select.filter(contract::Column::Kind.is_in(query.kinds.iter().map(|k| k.as_str())));
    }
    if let Some(party) = query.party_id {
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
    if let Some(search) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
        select = select.filter(
            Condition::any()
                .add(contains_ci(contract::Column::Title, search))
                .add(contains_ci(contract::Column::Number, search)),
        );
    }
    let column = match order {
        ContractOrder::EffectiveFrom => contract::Column::EffectiveFrom,
        ContractOrder::SignedOn => contract::Column::SignedOn,
        ContractOrder::Title => contract::Column::Title,
        ContractOrder::Number => contract::Column::Number,
    };
    let select = ordered(select, column, contract::Column::Id, direction);

    if !query.has_derived_filter() {
        return fetch_page(db, select, args).await;
    }
    let mut rows = Vec::new();
    for row in select.all(db).await? {
        if query.admits(&dates_of(&row)?) {
            rows.push(row);
        }
    }
    let window = args.window(rows.len());
    let rows = rows
        .into_iter()
        .skip(window.offset)
        .take(window.limit)
        .collect();
    Ok((rows, window))
}
