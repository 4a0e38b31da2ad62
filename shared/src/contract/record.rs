//! The dates of one contract as recorded, and its status and notices on a given day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ContractStatus, ContractTerms, Notice};

/// The dates of one contract from which its status follows.
///
/// The fields are facts as recorded; they are not checked against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
}

impl ContractDates {
    /// The last day the contract is in force: the earlier of [`Self::ended_on`] and the end
    /// that follows from the terms and the notice given ([`ContractTerms::ends_on`]); `None`
    /// while it runs on.
    #[must_use]
    pub fn ends_on(&self) -> Option<NaiveDate> {
        let by_terms = self
            .terms
            .and_then(|terms| terms.ends_on(self.notice_given_on));
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
