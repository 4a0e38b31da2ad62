//! The dates of one contract as recorded, and its terms, status, notices and renewal decisions
//! on a given day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::express::{self, ExpressRenewal, RenewalError};
use super::{ContractStatus, ContractTerms, Notice, Renewal};

/// The dates of one contract from which its status follows.
///
/// The fields are facts as recorded; they are not checked against each other.
/// [`Self::renewed_terms`] checks the renewals against the terms; where a renewal is
/// impossible, the answers here follow the renewals before it (in the order decided) and
/// leave out that one and those after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractDates {
    /// The day the last party signed; `None` while it is a draft.
    pub signed_on: Option<NaiveDate>,
    /// Its terms, where known.
    pub terms: Option<ContractTerms>,
    /// The day a notice arrived, if one did.
    pub notice_given_on: Option<NaiveDate>,
    /// The last day in force if the parties ended it early by agreement.
    pub ended_on: Option<NaiveDate>,
    /// The express renewals decided, in any order (those decided on one day count in the
    /// order they are listed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renewals: Vec<ExpressRenewal>,
}

/// The renewal decision still open on a day, for a contract that ends unless it is expressly
/// renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The last day on which the parties can decide on renewing the term in time.
    pub deadline: NaiveDate,
    /// The last day of that term, on which the contract ends unless it is renewed.
    pub term_ends_on: NaiveDate,
}

impl ContractDates {
    /// The terms the recorded express renewals add after the first, in order.
    ///
    /// # Errors
    ///
    /// The [`RenewalError`] of the first impossible renewal, in the order decided:
    /// a renewal of a contract without terms, or of one that does not end unless expressly
    /// renewed; a renewal decided after the term it would extend has ended; a renewed term
    /// that ends before it starts, beyond the representable days, or that is not longer than
    /// the decision period.
    pub fn renewed_terms(&self) -> Result<Vec<(NaiveDate, NaiveDate)>, RenewalError> {
        let Some(terms) = self.terms else {
            return if self.renewals.is_empty() {
                Ok(Vec::new())
            } else {
                Err(RenewalError::NoTerms)
            };
        };
        let (chain, checked) = express::chain(&terms, &self.renewals);
        checked?;
        Ok(chain.into_iter().skip(1).collect())
    }

    /// Whether the terms alone tell the story: no express renewal to follow.
    fn without_renewals(&self, terms: &ContractTerms) -> bool {
        terms.renewal() != Renewal::Express || self.renewals.is_empty()
    }

    /// The first and last day of the term that contains `as_of`, following the recorded
    /// express renewals ([`ContractTerms::term_containing`] otherwise); for a day before the
    /// contract takes effect, the first term. `None` where no term contains the day.
    #[must_use]
    pub fn term_containing(&self, as_of: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let terms = self.terms?;
        if self.without_renewals(&terms) {
            return terms.term_containing(as_of);
        }
        let (chain, _) = express::chain(&terms, &self.renewals);
        chain.into_iter().find(|&(_, end)| as_of <= end)
    }

    /// The last day of the term that contains `as_of` (see [`Self::term_containing`]).
    #[must_use]
    pub fn current_term_ends_on(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.term_containing(as_of).map(|(_, end)| end)
    }

    /// The last day to decide on expressly renewing the term that contains `as_of`, whether
    /// or not that day has passed or the decision was taken; `None` without a decision
    /// period or a term containing the day.
    #[must_use]
    pub fn decision_deadline(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.terms?
            .decision_deadline(self.current_term_ends_on(as_of)?)
    }

    /// The renewal decision still open on `as_of`: that on renewing the last term of the
    /// renewals decided by then. `None` for a draft or an ended contract, without a decision
    /// period, once its deadline has passed, and if an end agreed comes no later than that
    /// term's end.
    #[must_use]
    pub fn next_decision(&self, as_of: NaiveDate) -> Option<Decision> {
        if matches!(
            self.status(as_of),
            ContractStatus::Draft | ContractStatus::Ended
        ) {
            return None;
        }
        let terms = self.terms?;
        let known = self.known_on(as_of);
        let (chain, _) = express::chain(&terms, &known.renewals);
        let (_, term_ends_on) = *chain.last()?;
        let deadline = terms.decision_deadline(term_ends_on)?;
        (deadline >= as_of && self.ended_on.is_none_or(|ended_on| ended_on > term_ends_on))
            .then_some(Decision {
                deadline,
                term_ends_on,
            })
    }

    /// The record as it stood at the end of `day`: without a notice or renewals that came
    /// later.
    pub(super) fn known_on(&self, day: NaiveDate) -> Self {
        Self {
            notice_given_on: self.notice_given_on.filter(|&notice_on| notice_on <= day),
            renewals: self
                .renewals
                .iter()
                .filter(|renewal| renewal.renewed_on <= day)
                .copied()
                .collect(),
            ..self.clone()
        }
    }

    /// The last day the contract is in force: the earlier of [`Self::ended_on`] and the end
    /// that follows from the terms, the notice given ([`ContractTerms::ends_on`]) and, for a
    /// contract that ends unless expressly renewed, the renewals recorded (the end of the
    /// last term they add); `None` while it runs on.
    #[must_use]
    pub fn ends_on(&self) -> Option<NaiveDate> {
        let by_terms = self.terms.and_then(|terms| {
            if self.without_renewals(&terms) {
                return terms.ends_on(self.notice_given_on);
            }
            let (chain, _) = express::chain(&terms, &self.renewals);
            chain.last().map(|&(_, end)| end)
        });
        match (self.ended_on, by_terms) {
            (Some(agreed), Some(by_terms)) => Some(agreed.min(by_terms)),
            (agreed, by_terms) => agreed.or(by_terms),
        }
    }

    /// Where the contract stands on `as_of`, checked in this order:
    /// [`Draft`](ContractStatus::Draft) if not signed by then;
    /// [`Ended`](ContractStatus::Ended) after its last day ([`Self::ends_on`]);
    /// [`Signed`](ContractStatus::Signed) before it takes effect, or if its terms are unknown;
    /// [`NoticeGiven`](ContractStatus::NoticeGiven) once notice has arrived;
    /// else [`InForce`](ContractStatus::InForce).
    #[must_use]
    pub fn status(&self, as_of: NaiveDate) -> ContractStatus {
        if self.signed_on.is_none_or(|signed_on| as_of < signed_on) {
            return ContractStatus::Draft;
        }
        if self.ends_on().is_some_and(|ends_on| ends_on < as_of) {
            return ContractStatus::Ended;
        }
        if self
            .terms
            .is_none_or(|terms| as_of < terms.effective_from())
        {
            return ContractStatus::Signed;
        }
        if self
            .notice_given_on
            .is_some_and(|notice_on| notice_on <= as_of)
        {
            ContractStatus::NoticeGiven
        } else {
            ContractStatus::InForce
        }
    }

    /// The next notice that still matters on `as_of` ([`ContractTerms::next_notice`]):
    /// `None` for a draft, once notice has been given or the contract has ended, and if the
    /// notice would not end it before an end already agreed.
    #[must_use]
    pub fn next_notice(&self, as_of: NaiveDate) -> Option<Notice> {
        let status = self.status(as_of);
        if matches!(status, ContractStatus::Draft | ContractStatus::Ended)
            || self
                .notice_given_on
                .is_some_and(|notice_on| notice_on <= as_of)
        {
            return None;
        }
        let notice = self.terms?.next_notice(as_of)?;
        self.ended_on
            .is_none_or(|ended_on| notice.ends_on < ended_on)
            .then_some(notice)
    }
}
