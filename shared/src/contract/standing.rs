//! What a contract list filters on, as a contract stands on a day, and how long it stands so:
//! the facts a server may store and keep instead of working them out on every request.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ContractDates, ContractStatus};

/// Where a contract stands on a day, in the facts lists filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Standing {
    /// Its status ([`ContractDates::status`]).
    pub status: ContractStatus,
    /// The deadline of the next notice that still matters ([`ContractDates::next_notice`]).
    pub notice_deadline: Option<NaiveDate>,
    /// Its last day ([`ContractDates::ends_on`]), else the last day of its current term;
    /// `None` once it has ended, and while it runs on without terms.
    pub ends_on: Option<NaiveDate>,
}

impl ContractDates {
    /// Where the contract stands on `day`.
    #[must_use]
    pub fn standing(&self, day: NaiveDate) -> Standing {
        let status = self.status(day);
        let ends_on = if status == ContractStatus::Ended {
            None
        } else {
            self.ends_on().or_else(|| self.current_term_ends_on(day))
        };
        Standing {
            status,
            notice_deadline: self.next_notice(day).map(|notice| notice.deadline),
            ends_on,
        }
    }

    /// The first day after `day` on which the contract may stand otherwise than on `day`
    /// ([`Self::standing`]): the earliest of the days on which it is signed, takes effect,
    /// receives notice or a renewal, and of the days after its end, its current term, its next
    /// notice deadline and its next renewal decision. Until then (excluded) it stands as on
    /// `day`; `None` if it stands so for good.
    #[must_use]
    pub fn standing_until(&self, day: NaiveDate) -> Option<NaiveDate> {
        let after = |date: Option<NaiveDate>| date.and_then(|date| date.succ_opt());
        let candidates = [
            self.signed_on,
            self.terms.map(|terms| terms.effective_from()),
            self.notice_given_on,
            after(self.ended_on),
            // An open-ended contract given notice ends on a day no term names.
            after(self.ends_on()),
            after(self.current_term_ends_on(day)),
            after(self.next_notice(day).map(|notice| notice.deadline)),
            after(self.next_decision(day).map(|decision| decision.deadline)),
        ];
        candidates
            .into_iter()
            .flatten()
            .chain(self.renewals.iter().map(|renewal| renewal.renewed_on))
            .filter(|&candidate| candidate > day)
            .min()
    }
}
