//! The duration rules of a contract and the terms, notices and ends that follow from them.

use core::num::NonZeroU32;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::NoticeTo;
use crate::dates;

/// How long the first term of a contract runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InitialTerm {
    /// No fixed term: the contract runs until notice is given or it is ended by agreement.
    Indefinite,
    /// A term of this many months from the day the contract takes effect.
    Months(NonZeroU32),
    /// A term that ends on this day (included).
    Until(NaiveDate),
}

/// What happens when a term ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Renewal {
    /// Nothing: the contract ends with its first term.
    None,
    /// The contract renews by this many months each time, unless notice is given in time.
    Tacit {
        /// The length of each renewal term.
        months: NonZeroU32,
    },
    /// The contract ends with its term unless the parties renew it expressly. Each renewal is
    /// a decision recorded with the contract's dates ([`ContractDates::renewals`]); the terms
    /// alone know only the first term, so for them this is the same as [`Renewal::None`].
    ///
    /// [`ContractDates::renewals`]: super::ContractDates::renewals
    Express,
}

/// How much notice a contract needs, and to which days it can end the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NoticePeriod {
    /// Months between the day a notice arrives and the end; 0 means notice may arrive on the
    /// last day itself.
    pub months: u32,
    /// The days to which a notice can end the contract.
    pub to: NoticeTo,
}

impl NoticePeriod {
    /// A notice period of `months` months to the days `to`.
    #[must_use]
    pub const fn new(months: u32, to: NoticeTo) -> Self {
        Self { months, to }
    }
}

/// When a notice must arrive and when it ends the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// The last day on which the notice can arrive.
    pub deadline: NaiveDate,
    /// The last day of the contract if notice arrives by the deadline.
    pub ends_on: NaiveDate,
}

/// Why terms are impossible.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TermsError {
    /// The first term ends before the contract takes effect.
    #[error(
        "the initial term cannot end on {until}, before the contract takes effect on \
         {effective_from}"
    )]
    UntilBeforeEffective {
        /// The day the contract takes effect.
        effective_from: NaiveDate,
        /// The day given as the end of the initial term.
        until: NaiveDate,
    },
    /// A renewal rule was given for a contract without a fixed term.
    #[error("a contract of indefinite duration has no term that could be renewed")]
    RenewalWithoutTerm,
    /// Notice to the end of the term was given for a contract without a fixed term.
    #[error(
        "a contract of indefinite duration has no term to end: notice must be given to the \
         end of a month, a quarter or a year"
    )]
    EndOfTermWithoutTerm,
    /// A tacitly renewing contract has no notice period, so it could never end.
    #[error(
        "a contract that renews tacitly needs a notice period, or it could never end \
         (a period of 0 months lets notice arrive on the last day of a term)"
    )]
    TacitRenewalWithoutNotice,
    /// The notice period is as long as the first term or longer.
    #[error(
        "a notice period of {notice_months} months is not shorter than the initial term, \
         which ends on {term_ends_on}"
    )]
    NoticeNotShorterThanInitialTerm {
        /// The notice period in months.
        notice_months: u32,
        /// The last day of the first term.
        term_ends_on: NaiveDate,
    },
    /// The notice period is as long as a renewal term or longer.
    #[error(
        "a notice period of {notice_months} months is not shorter than a renewal term of \
         {renewal_months} months"
    )]
    NoticeNotShorterThanRenewal {
        /// The notice period in months.
        notice_months: u32,
        /// The length of a renewal term in months.
        renewal_months: NonZeroU32,
    },
    /// The first term would end beyond the last day the calendar can represent.
    #[error("the initial term ends beyond the last day that can be represented")]
    OutOfRange,
    /// A decision period was given for a contract that does not end unless expressly renewed.
    #[error("only a contract that ends unless it is expressly renewed has a decision period")]
    DecisionWithoutExpressRenewal,
    /// The decision period is as long as the first term or longer.
    #[error(
        "a decision period of {decision_months} months is not shorter than the initial term, \
         which ends on {term_ends_on}"
    )]
    DecisionNotShorterThanInitialTerm {
        /// The decision period in months.
        decision_months: u32,
        /// The last day of the first term.
        term_ends_on: NaiveDate,
    },
}

/// The duration rules of a contract: when it takes effect, its first term, its renewal, its
/// notice period and, for express renewal, its decision period. See the
/// [module documentation](super) for how dates follow from them.
///
/// Only possible combinations can be built ([`ContractTerms::new`],
/// [`ContractTerms::with_decision_period`]). Serde writes the parts (the decision period only
/// where there is one) and rejects on reading what those reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTerms", into = "RawTerms")]
pub struct ContractTerms {
    effective_from: NaiveDate,
    initial: InitialTerm,
    renewal: Renewal,
    notice: Option<NoticePeriod>,
    /// Months before a term ends by which the parties decide on an express renewal.
    decision_months: Option<u32>,
    /// The last day of the first term, computed once; `None` for an indefinite contract.
    first_end: Option<NaiveDate>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTerms {
    effective_from: NaiveDate,
    initial: InitialTerm,
    renewal: Renewal,
    notice: Option<NoticePeriod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decision_months: Option<u32>,
}

impl TryFrom<RawTerms> for ContractTerms {
    type Error = TermsError;

    fn try_from(raw: RawTerms) -> Result<Self, Self::Error> {
        let terms = Self::new(raw.effective_from, raw.initial, raw.renewal, raw.notice)?;
        match raw.decision_months {
            Some(months) => terms.with_decision_period(months),
            None => Ok(terms),
        }
    }
}

impl From<ContractTerms> for RawTerms {
    fn from(terms: ContractTerms) -> Self {
        Self {
            effective_from: terms.effective_from,
            initial: terms.initial,
            renewal: terms.renewal,
            notice: terms.notice,
            decision_months: terms.decision_months,
        }
    }
}

impl ContractTerms {
    /// Terms of a contract that takes effect on `effective_from`.
    ///
    /// # Errors
    ///
    /// [`TermsError`] for impossible combinations:
    /// - an indefinite contract with a renewal rule, or with notice to the end of the term;
    /// - a first term that ends before `effective_from`, or after the last representable day;
    /// - tacit renewal without a notice period;
    /// - a notice period that is not shorter than the first term or a renewal term.
    pub fn new(
        effective_from: NaiveDate,
        initial: InitialTerm,
        renewal: Renewal,
        notice: Option<NoticePeriod>,
    ) -> Result<Self, TermsError> {
        let first_end = match initial {
            InitialTerm::Indefinite => {
                if renewal != Renewal::None {
                    return Err(TermsError::RenewalWithoutTerm);
                }
                if notice.is_some_and(|notice| notice.to == NoticeTo::EndOfTerm) {
                    return Err(TermsError::EndOfTermWithoutTerm);
                }
                None
            }
            InitialTerm::Months(months) => Some(
                dates::checked_term_end(effective_from, months).ok_or(TermsError::OutOfRange)?,
            ),
            InitialTerm::Until(until) if until < effective_from => {
                return Err(TermsError::UntilBeforeEffective {
                    effective_from,
                    until,
                });
            }
            InitialTerm::Until(until) => Some(until),
        };
        if matches!(renewal, Renewal::Tacit { .. }) && notice.is_none() {
            return Err(TermsError::TacitRenewalWithoutNotice);
        }
        if let (Some(notice), Some(first_end)) = (notice, first_end) {
            if !notice_fits(notice.months, effective_from, first_end) {
                return Err(TermsError::NoticeNotShorterThanInitialTerm {
                    notice_months: notice.months,
                    term_ends_on: first_end,
                });
            }
            if let Renewal::Tacit { months } = renewal
                && notice.months >= months.get()
            {
                return Err(TermsError::NoticeNotShorterThanRenewal {
                    notice_months: notice.months,
                    renewal_months: months,
                });
            }
        }
        Ok(Self {
            effective_from,
            initial,
            renewal,
            notice,
            decision_months: None,
            first_end,
        })
    }

    /// These terms with a decision period: the parties decide on an express renewal at the
    /// latest `months` months before a term ends (0: on its last day).
    ///
    /// # Errors
    ///
    /// [`TermsError::DecisionWithoutExpressRenewal`] unless the renewal is
    /// [`Renewal::Express`]; [`TermsError::DecisionNotShorterThanInitialTerm`] if the period
    /// would begin before the first term does.
    pub fn with_decision_period(self, months: u32) -> Result<Self, TermsError> {
        let (Renewal::Express, Some(first_end)) = (self.renewal, self.first_end) else {
            return Err(TermsError::DecisionWithoutExpressRenewal);
        };
        if !notice_fits(months, self.effective_from, first_end) {
            return Err(TermsError::DecisionNotShorterThanInitialTerm {
                decision_months: months,
                term_ends_on: first_end,
            });
        }
        Ok(Self {
            decision_months: Some(months),
            ..self
        })
    }

    /// The day the contract takes effect.
    #[must_use]
    pub const fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    /// The first term as agreed.
    #[must_use]
    pub const fn initial(&self) -> InitialTerm {
        self.initial
    }

    /// The renewal rule.
    #[must_use]
    pub const fn renewal(&self) -> Renewal {
        self.renewal
    }

    /// The notice period, if the contract has one.
    #[must_use]
    pub const fn notice(&self) -> Option<NoticePeriod> {
        self.notice
    }

    /// The decision period in months, if the terms have one (see
    /// [`Self::with_decision_period`]).
    #[must_use]
    pub const fn decision_months(&self) -> Option<u32> {
        self.decision_months
    }

    /// The last day to decide on expressly renewing a term that ends on `term_ends_on`;
    /// `None` without a decision period and where the day cannot be represented.
    #[must_use]
    pub fn decision_deadline(&self, term_ends_on: NaiveDate) -> Option<NaiveDate> {
        dates::checked_deadline_before(term_ends_on.succ_opt()?, self.decision_months?)
    }

    /// The last day of the first term; `None` for an indefinite contract.
    #[must_use]
    pub const fn initial_term_ends_on(&self) -> Option<NaiveDate> {
        self.first_end
    }

    /// The first and last day of the term that contains `date`; for a `date` before the
    /// contract takes effect, the first term.
    ///
    /// `None` for an indefinite contract, after the first term of a contract that does not
    /// renew tacitly, and where the term would end beyond the representable dates. Express
    /// renewals are recorded with the contract's dates:
    /// [`ContractDates::term_containing`](super::ContractDates::term_containing) follows them.
    #[must_use]
    pub fn term_containing(&self, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let first_end = self.first_end?;
        if date <= first_end {
            return Some((self.effective_from, first_end));
        }
        match self.renewal {
            Renewal::Tacit { months } => {
                dates::chained_term_containing(first_end.succ_opt()?, months, date)
            }
            Renewal::None | Renewal::Express => None,
        }
    }

    /// The last day of the term that contains `as_of` (see [`Self::term_containing`]).
    #[must_use]
    pub fn current_term_ends_on(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.term_containing(as_of).map(|(_, end)| end)
    }

    /// The last day of the contract if notice arrives on `notice_on`.
    ///
    /// A contract that does not renew tacitly ends with its first term whatever notice is
    /// given, so that day is returned. `None` for an indefinite contract without a notice
    /// period, and where the day lies beyond the representable dates.
    #[must_use]
    pub fn end_if_notice_on(&self, notice_on: NaiveDate) -> Option<NaiveDate> {
        match (self.first_end, self.renewal) {
            (Some(first_end), Renewal::None | Renewal::Express) => Some(first_end),
            (Some(_), Renewal::Tacit { .. }) => {
                let notice = self.notice?;
                let (_, term_end) = self.term_ending_after_notice(notice, notice_on)?;
                notice.to.first_end_on_or_after(term_end)
            }
            (None, _) => {
                let notice = self.notice?;
                self.indefinite_end_after_notice(notice, notice_on)
            }
        }
    }

    /// The last day on which notice can arrive to end the contract as early as possible, as
    /// seen on `as_of`, and the day it then ends. The deadline is never before `as_of`.
    ///
    /// `None` if no notice can end the contract: without a notice period, and for a contract
    /// that ends with its first term anyway.
    #[must_use]
    pub fn next_notice(&self, as_of: NaiveDate) -> Option<Notice> {
        let notice = self.notice?;
        match (self.first_end, self.renewal) {
            (Some(_), Renewal::None | Renewal::Express) => None,
            (Some(_), Renewal::Tacit { .. }) => {
                let (_, term_end) = self.term_ending_after_notice(notice, as_of)?;
                let ends_on = notice.to.first_end_on_or_after(term_end)?;
                // A later term may end on or before the same day (e.g. monthly terms, notice
                // to the end of the year): notice for that term ends the contract just as
                // early, so its deadline counts.
                let (start, end) = self.term_containing(ends_on)?;
                let last_term_end = if end == ends_on {
                    end
                } else {
                    start.pred_opt()?
                };
                let deadline =
                    dates::checked_deadline_before(last_term_end.succ_opt()?, notice.months)?;
                Some(Notice { deadline, ends_on })
            }
            (None, _) => {
                let ends_on = self.indefinite_end_after_notice(notice, as_of)?;
                let deadline = dates::checked_deadline_before(ends_on.succ_opt()?, notice.months)?;
                Some(Notice { deadline, ends_on })
            }
        }
    }

    /// The last day of the contract: the end of the first term if it does not renew tacitly,
    /// else the end after the notice given on `notice_given_on`; `None` while it runs on.
    /// Express renewals are recorded with the contract's dates:
    /// [`ContractDates::ends_on`](super::ContractDates::ends_on) follows them.
    #[must_use]
    pub fn ends_on(&self, notice_given_on: Option<NaiveDate>) -> Option<NaiveDate> {
        match (self.first_end, self.renewal) {
            (Some(first_end), Renewal::None | Renewal::Express) => Some(first_end),
            _ => notice_given_on.and_then(|notice_on| self.end_if_notice_on(notice_on)),
        }
    }

    /// The term in which a notice arriving on `notice_on` has run out.
    fn term_ending_after_notice(
        &self,
        notice: NoticePeriod,
        notice_on: NaiveDate,
    ) -> Option<(NaiveDate, NaiveDate)> {
        let runs_out = dates::checked_add_months_event(notice_on, notice.months)?;
        self.term_containing(runs_out)
    }

    fn indefinite_end_after_notice(
        &self,
        notice: NoticePeriod,
        notice_on: NaiveDate,
    ) -> Option<NaiveDate> {
        let runs_out = dates::checked_add_months_event(notice_on, notice.months)?;
        notice
            .to
            .first_end_on_or_after(runs_out.max(self.effective_from))
    }
}

/// Whether a notice period of `months` months is shorter than the term from `start` to `end`:
/// a term of that many months from `start` would end before `end`.
pub(super) fn notice_fits(months: u32, start: NaiveDate, end: NaiveDate) -> bool {
    NonZeroU32::new(months).is_none_or(|months| {
        dates::checked_term_end(start, months).is_some_and(|notice_end| notice_end < end)
    })
}
