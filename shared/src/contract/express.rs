//! Express renewals as recorded, and the chain of terms they make.

use core::num::NonZeroU32;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{ContractTerms, Renewal, terms::notice_fits};
use crate::dates;

/// How long an express renewal extends a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RenewalTerm {
    /// A term of this many months from the day after the term it extends.
    Months(NonZeroU32),
    /// A term that ends on this day (included).
    Until(NaiveDate),
}

/// An express renewal as recorded: the parties decided on `renewed_on` to extend the contract
/// by a new term, which starts the day after the term it extends ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpressRenewal {
    /// The day the parties decided.
    pub renewed_on: NaiveDate,
    /// The new term.
    pub term: RenewalTerm,
}

/// Why recorded express renewals are impossible.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenewalError {
    /// A renewal was recorded for a contract whose terms are not known.
    #[error("a contract without terms has no term to renew")]
    NoTerms,
    /// A renewal was recorded for a contract that does not end unless expressly renewed.
    #[error("only a contract that ends unless it is expressly renewed can be renewed expressly")]
    NotExpress,
    /// The renewal was decided after the term it would extend had ended.
    #[error(
        "a renewal decided on {renewed_on} comes too late: the term it would extend ended on \
         {term_ended_on}"
    )]
    TermOver {
        /// The day the renewal was decided.
        renewed_on: NaiveDate,
        /// The last day of the term it would extend.
        term_ended_on: NaiveDate,
    },
    /// The renewed term would end before it starts.
    #[error("the renewed term cannot end on {until}, before it starts on {starts_on}")]
    UntilBeforeStart {
        /// The first day of the renewed term.
        starts_on: NaiveDate,
        /// The day given as its end.
        until: NaiveDate,
    },
    /// The renewed term is not longer than the decision period, so the decision on renewing
    /// it again would be due before it starts.
    #[error(
        "the renewed term from {starts_on} to {ends_on} is not longer than the decision period \
         of {decision_months} months"
    )]
    NotLongerThanDecisionPeriod {
        /// The decision period in months.
        decision_months: u32,
        /// The first day of the renewed term.
        starts_on: NaiveDate,
        /// The last day of the renewed term.
        ends_on: NaiveDate,
    },
    /// The renewed term would end beyond the last day the calendar can represent.
    #[error("the renewed term ends beyond the last day that can be represented")]
    OutOfRange,
}

/// The terms in order: the first, then one for each renewal (taken in the order they were
/// decided), as far as the renewals are possible; with the reason the first impossible one is
/// not. Empty for an indefinite contract.
pub(super) fn chain(
    terms: &ContractTerms,
    renewals: &[ExpressRenewal],
) -> (Vec<(NaiveDate, NaiveDate)>, Result<(), RenewalError>) {
    let Some(first_end) = terms.initial_term_ends_on() else {
        let refusal = if renewals.is_empty() {
            Ok(())
        } else {
            Err(RenewalError::NotExpress)
        };
        return (Vec::new(), refusal);
    };
    let mut chain = vec![(terms.effective_from(), first_end)];
    if renewals.is_empty() {
        return (chain, Ok(()));
    }
    if terms.renewal() != Renewal::Express {
        return (chain, Err(RenewalError::NotExpress));
    }
    let mut in_order: Vec<_> = renewals.iter().collect();
    in_order.sort_by_key(|renewal| renewal.renewed_on);
    let mut last_end = first_end;
    for renewal in in_order {
        match renewal.term_after(last_end, terms.decision_months()) {
            Ok(term) => {
                chain.push(term);
                last_end = term.1;
            }
            Err(err) => return (chain, Err(err)),
        }
    }
    (chain, Ok(()))
}

impl ExpressRenewal {
    /// The term this renewal adds after a term that ends on `last_end`.
    fn term_after(
        &self,
        last_end: NaiveDate,
        decision_months: Option<u32>,
    ) -> Result<(NaiveDate, NaiveDate), RenewalError> {
        if self.renewed_on > last_end {
            return Err(RenewalError::TermOver {
                renewed_on: self.renewed_on,
                term_ended_on: last_end,
            });
        }
        let starts_on = last_end.succ_opt().ok_or(RenewalError::OutOfRange)?;
        let ends_on = match self.term {
            RenewalTerm::Months(months) => {
                dates::checked_term_end(starts_on, months).ok_or(RenewalError::OutOfRange)?
            }
            RenewalTerm::Until(until) if until < starts_on => {
                return Err(RenewalError::UntilBeforeStart { starts_on, until });
            }
            RenewalTerm::Until(until) => until,
        };
        if let Some(decision_months) = decision_months
            && !notice_fits(decision_months, starts_on, ends_on)
        {
            return Err(RenewalError::NotLongerThanDecisionPeriod {
                decision_months,
                starts_on,
                ends_on,
            });
        }
        Ok((starts_on, ends_on))
    }
}
