//! Contracts: their dates and terms as domain values, the contract list, the contracts of an
//! organisation, parties, and every change to a contract (`write`).

mod list;
mod parties;
mod renewals;
mod write;

use std::num::NonZeroU32;
use std::str::FromStr;

use verbund_shared::contract::{
    ContractKind, ContractTerms, InitialTerm, NoticePeriod, NoticeTo, Renewal,
};

pub use self::list::{ContractOrder, ContractQuery, list, of_organisations, selection};
pub use self::parties::{
    PARTIES_OF, ROLES_OF, add_party, change_party_role, parties_cell, remove_party,
    set_parties_within,
};
pub use self::renewals::{
    REMOVED as RENEWAL_REMOVED, RecordedRenewal, RenewalFields, dates_of, dates_of_each,
    dates_with, forget as forget_renewals, renew, renew_within, renewals_of,
};
pub use self::write::{RESTING_ON, create, end, end_within, give_notice, give_notice_within};
use crate::error::{ApiError, ApiResult};

pub use crate::entities::contract::Model as Contract;
pub use crate::entities::contract_party::Model as Party;

/// The stored row's terms (`None` without terms). A row the domain rejects is a data error: it
/// is logged with the contract's id and answered as an internal error.
pub fn terms_of(row: &Contract) -> ApiResult<Option<ContractTerms>> {
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
            let terms = ContractTerms::new(from, initial, renewal, notice)
                .map_err(|err| corrupt(&err.to_string()))?;
            Some(match row.decision_months {
                None => terms,
                Some(m) => terms
                    .with_decision_period(
                        u32::try_from(m).map_err(|_| corrupt("negative decision months"))?,
                    )
                    .map_err(|err| corrupt(&err.to_string()))?,
            })
        }
    };
    Ok(terms)
}

/// The kind stored in a row.
pub fn kind_of(row: &Contract) -> ApiResult<ContractKind> {
    ContractKind::from_str(&row.kind).map_err(|err| ApiError::internal("contract kind", &err))
}
