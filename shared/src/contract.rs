//! Contracts: their kinds and states, and the dates that follow from their terms — which term
//! a day falls in, by when notice must arrive and when the contract ends.
//!
//! # Rules
//!
//! All days are inclusive; months are counted as in [`crate::dates`] (BGB §§ 187, 188).
//!
//! - The **first term** runs from `effective_from` for a number of months
//!   ([`dates::term_end`]) or until a given day. An indefinite contract has no terms.
//! - A **tacit renewal** term starts the day after the previous term ends and is counted from
//!   its own start. Express renewal is not automatic, so such a contract ends with its first
//!   term, like one without renewal; a notice period recorded for it changes nothing.
//! - A **notice** that arrives on day `d` with a period of `M` months has run out at the end
//!   of `add_months_event(d, M)` ([`dates::add_months_event`]); the contract can end on that
//!   day at the earliest.
//!   - *To the end of the term*: the contract ends with the term in which the notice period
//!     runs out (the first term, if that is earlier).
//!   - *To the end of a month, quarter or year, indefinite contract*: the contract ends on the
//!     first such day on or after the day the notice period runs out (and not before it took
//!     effect).
//!   - *To the end of a month, quarter or year, contract with terms*: the terms are binding,
//!     so the contract ends on the first such day on or after the end of the term in which the
//!     notice period runs out. Where terms end on month ends (they do when they start on the
//!     1st) this is the term end itself; otherwise the contract ends in the following term.
//!
//! The deadline for a notice is always the last day on which it can arrive and still end the
//! contract on the same day as a notice arriving today.

use core::num::NonZeroU32;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::dates;

code_enum! {
    /// What a contract is, legally.
    pub enum ContractKind("contract kind") {
        /// A public-law contract (öffentlich-rechtlicher Vertrag), e.g. founding the provider
        /// or joining it as a member.
        PublicLawContract = "PUBLIC_LAW_CONTRACT", de: "Öffentlich-rechtlicher Vertrag",
            en: "Public-law contract";
        /// An agreement about services the provider renders.
        ServiceAgreement = "SERVICE_AGREEMENT", de: "Dienstleistungsvertrag",
            en: "Service agreement";
        /// A data processing agreement (Auftragsverarbeitungsvertrag, Art. 28 GDPR).
        DataProcessingAgreement = "DATA_PROCESSING_AGREEMENT",
            de: "Auftragsverarbeitungsvertrag (AVV)",
            en: "Data processing agreement (Art. 28 GDPR)";
        /// An agreement with a partner about working together.
        CooperationAgreement = "COOPERATION_AGREEMENT", de: "Kooperationsvertrag",
            en: "Cooperation agreement";
        /// Any other contract.
        Other = "OTHER", de: "Sonstiger Vertrag", en: "Other contract";
    }
}

code_enum! {
    /// Where a contract stands on a given day. It follows from the contract's dates: see
    /// [`ContractDates::status`].
    pub enum ContractStatus("contract status") {
        /// Not signed (yet).
        Draft = "DRAFT", de: "Entwurf", en: "Draft";
        /// Signed, but not in force yet.
        Signed = "SIGNED", de: "Unterzeichnet", en: "Signed";
        /// In force.
        InForce = "IN_FORCE", de: "In Kraft", en: "In force";
        /// In force, but notice has been given.
        NoticeGiven = "NOTICE_GIVEN", de: "Gekündigt", en: "Notice given";
        /// No longer in force.
        Ended = "ENDED", de: "Beendet", en: "Ended";
    }
}

code_enum! {
    /// The days to which a notice can end a contract.
    pub enum NoticeTo("notice date") {
        /// The end of a term.
        EndOfTerm = "END_OF_TERM", de: "zum Ende der Laufzeit", en: "to the end of the term";
        /// The last day of a month.
        EndOfMonth = "END_OF_MONTH", de: "zum Monatsende", en: "to the end of a month";
        /// The last day of a quarter (31 March, 30 June, 30 September, 31 December).
        EndOfQuarter = "END_OF_QUARTER", de: "zum Quartalsende", en: "to the end of a quarter";
        /// 31 December.
        EndOfYear = "END_OF_YEAR", de: "zum Jahresende", en: "to the end of a year";
    }
}

impl NoticeTo {
    /// The first day on or after `date` to which a notice of this kind can end a contract.
    /// Callers pass a term end for [`NoticeTo::EndOfTerm`], so that is `date` itself.
    fn first_end_on_or_after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::EndOfTerm => Some(date),
            Self::EndOfMonth => dates::end_of_month(date),
            Self::EndOfQuarter => dates::end_of_quarter(date),
            Self::EndOfYear => dates::end_of_year(date),
        }
    }
}

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
    /// The contract ends unless the parties renew it expressly (a new decision, recorded
    /// separately); for the dates it is the same as [`Renewal::None`].
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
}

/// The duration rules of a contract: when it takes effect, its first term, its renewal and
/// its notice period. See the [module documentation](self) for how dates follow from them.
///
/// Only possible combinations can be built ([`ContractTerms::new`]). Serde writes the four
/// parts and rejects on reading what `new` rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTerms", into = "RawTerms")]
pub struct ContractTerms {
    effective_from: NaiveDate,
    initial: InitialTerm,
    renewal: Renewal,
    notice: Option<NoticePeriod>,
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
}

impl TryFrom<RawTerms> for ContractTerms {
    type Error = TermsError;

    fn try_from(raw: RawTerms) -> Result<Self, Self::Error> {
        Self::new(raw.effective_from, raw.initial, raw.renewal, raw.notice)
    }
}

impl From<ContractTerms> for RawTerms {
    fn from(terms: ContractTerms) -> Self {
        Self {
            effective_from: terms.effective_from,
            initial: terms.initial,
            renewal: terms.renewal,
            notice: terms.notice,
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
            first_end,
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

    /// The last day of the first term; `None` for an indefinite contract.
    #[must_use]
    pub const fn initial_term_ends_on(&self) -> Option<NaiveDate> {
        self.first_end
    }

    /// The first and last day of the term that contains `date`; for a `date` before the
    /// contract takes effect, the first term.
    ///
    /// `None` for an indefinite contract, after the first term of a contract that does not
    /// renew tacitly, and where the term would end beyond the representable dates.
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
fn notice_fits(months: u32, start: NaiveDate, end: NaiveDate) -> bool {
    NonZeroU32::new(months).is_none_or(|months| {
        dates::checked_term_end(start, months).is_some_and(|notice_end| notice_end < end)
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn months(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    fn tacit(n: u32) -> Renewal {
        Renewal::Tacit { months: months(n) }
    }

    fn notice(n: u32, to: NoticeTo) -> Option<NoticePeriod> {
        Some(NoticePeriod::new(n, to))
    }

    fn terms(
        from: &str,
        initial: InitialTerm,
        renewal: Renewal,
        notice: Option<NoticePeriod>,
    ) -> ContractTerms {
        ContractTerms::new(day(from), initial, renewal, notice).unwrap()
    }

    /// The example of PRODUCT.md: 36 months from 2019-01-01, then 12 months at a time unless
    /// notice arrives 3 months before a term ends.
    fn product_example() -> ContractTerms {
        terms(
            "2019-01-01",
            InitialTerm::Months(months(36)),
            tacit(12),
            notice(3, NoticeTo::EndOfTerm),
        )
    }

    struct Case {
        what: &'static str,
        terms: ContractTerms,
        as_of: &'static str,
        term: Option<(&'static str, &'static str)>,
        notice: Option<(&'static str, &'static str)>,
    }

    fn cases() -> Vec<Case> {
        let leap_monthly = terms(
            "2020-01-31",
            InitialTerm::Months(months(1)),
            tacit(1),
            notice(0, NoticeTo::EndOfTerm),
        );
        let until_leap_day = terms(
            "2019-03-01",
            InitialTerm::Until(day("2020-02-29")),
            tacit(12),
            notice(1, NoticeTo::EndOfTerm),
        );
        let from_leap_day = terms(
            "2020-02-29",
            InitialTerm::Months(months(12)),
            tacit(12),
            notice(3, NoticeTo::EndOfTerm),
        );
        let mid_month_to_month_end = terms(
            "2021-01-15",
            InitialTerm::Months(months(6)),
            tacit(6),
            notice(1, NoticeTo::EndOfMonth),
        );
        let monthly_to_year_end = terms(
            "2021-01-01",
            InitialTerm::Months(months(12)),
            tacit(1),
            notice(0, NoticeTo::EndOfYear),
        );
        let indefinite_quarter = terms(
            "2020-01-01",
            InitialTerm::Indefinite,
            Renewal::None,
            notice(3, NoticeTo::EndOfQuarter),
        );
        let indefinite_year = terms(
            "2020-01-01",
            InitialTerm::Indefinite,
            Renewal::None,
            notice(6, NoticeTo::EndOfYear),
        );
        let indefinite_month = terms(
            "2020-01-01",
            InitialTerm::Indefinite,
            Renewal::None,
            notice(1, NoticeTo::EndOfMonth),
        );
        let fixed = terms(
            "2019-01-01",
            InitialTerm::Months(months(24)),
            Renewal::None,
            None,
        );
        let express = terms(
            "2019-01-01",
            InitialTerm::Until(day("2019-12-31")),
            Renewal::Express,
            notice(3, NoticeTo::EndOfTerm),
        );
        let p = product_example();
        #[rustfmt::skip]
        let cases = vec![
            Case { what: "PRODUCT.md: first day in force",
                terms: p, as_of: "2019-01-01",
                term: Some(("2019-01-01", "2021-12-31")),
                notice: Some(("2021-09-30", "2021-12-31")) },
            Case { what: "before it takes effect: the first term",
                terms: p, as_of: "2018-06-01",
                term: Some(("2019-01-01", "2021-12-31")),
                notice: Some(("2021-09-30", "2021-12-31")) },
            Case { what: "PRODUCT.md: on the deadline",
                terms: p, as_of: "2021-09-30",
                term: Some(("2019-01-01", "2021-12-31")),
                notice: Some(("2021-09-30", "2021-12-31")) },
            Case { what: "PRODUCT.md: the day after the deadline",
                terms: p, as_of: "2021-10-01",
                term: Some(("2019-01-01", "2021-12-31")),
                notice: Some(("2022-09-30", "2022-12-31")) },
            Case { what: "last day of the initial term",
                terms: p, as_of: "2021-12-31",
                term: Some(("2019-01-01", "2021-12-31")),
                notice: Some(("2022-09-30", "2022-12-31")) },
            Case { what: "first day of the first renewal",
                terms: p, as_of: "2022-01-01",
                term: Some(("2022-01-01", "2022-12-31")),
                notice: Some(("2022-09-30", "2022-12-31")) },
            Case { what: "deadline moves on after a renewal",
                terms: p, as_of: "2022-10-01",
                term: Some(("2022-01-01", "2022-12-31")),
                notice: Some(("2023-09-30", "2023-12-31")) },
            Case { what: "years later",
                terms: p, as_of: "2030-05-05",
                term: Some(("2030-01-01", "2030-12-31")),
                notice: Some(("2030-09-30", "2030-12-31")) },
            Case { what: "31 January + 1 month ends on the leap day",
                terms: leap_monthly, as_of: "2020-02-29",
                term: Some(("2020-01-31", "2020-02-29")),
                notice: Some(("2020-02-29", "2020-02-29")) },
            Case { what: "renewal after a short month starts on the 1st",
                terms: leap_monthly, as_of: "2020-03-01",
                term: Some(("2020-03-01", "2020-03-31")),
                notice: Some(("2020-03-31", "2020-03-31")) },
            Case { what: "until the leap day: deadline at the end of January",
                terms: until_leap_day, as_of: "2020-01-29",
                term: Some(("2019-03-01", "2020-02-29")),
                notice: Some(("2020-01-31", "2020-02-29")) },
            Case { what: "until the leap day: too late for the first term",
                terms: until_leap_day, as_of: "2020-02-01",
                term: Some(("2019-03-01", "2020-02-29")),
                notice: Some(("2021-01-31", "2021-02-28")) },
            Case { what: "renewals keep to the renewal length, 2024-02-29",
                terms: until_leap_day, as_of: "2024-02-29",
                term: Some(("2023-03-01", "2024-02-29")),
                notice: Some(("2025-01-31", "2025-02-28")) },
            Case { what: "12 months from the leap day end on 28 February",
                terms: from_leap_day, as_of: "2020-11-28",
                term: Some(("2020-02-29", "2021-02-28")),
                notice: Some(("2020-11-30", "2021-02-28")) },
            Case { what: "from the leap day, deadline passed",
                terms: from_leap_day, as_of: "2020-12-01",
                term: Some(("2020-02-29", "2021-02-28")),
                notice: Some(("2021-11-30", "2022-02-28")) },
            Case { what: "mid-month term, notice to the month end after it",
                terms: mid_month_to_month_end, as_of: "2021-06-14",
                term: Some(("2021-01-15", "2021-07-14")),
                notice: Some(("2021-06-14", "2021-07-31")) },
            Case { what: "mid-month term, deadline passed",
                terms: mid_month_to_month_end, as_of: "2021-06-15",
                term: Some(("2021-01-15", "2021-07-14")),
                notice: Some(("2021-12-14", "2022-01-31")) },
            Case { what: "monthly renewal, notice to the year end, last day",
                terms: monthly_to_year_end, as_of: "2021-12-31",
                term: Some(("2021-01-01", "2021-12-31")),
                notice: Some(("2021-12-31", "2021-12-31")) },
            Case { what: "monthly renewal, notice to the year end, next year",
                terms: monthly_to_year_end, as_of: "2022-01-01",
                term: Some(("2022-01-01", "2022-01-31")),
                notice: Some(("2022-12-31", "2022-12-31")) },
            Case { what: "indefinite, notice to a quarter end",
                terms: indefinite_quarter, as_of: "2021-01-15",
                term: None,
                notice: Some(("2021-03-31", "2021-06-30")) },
            Case { what: "indefinite, quarter deadline passed",
                terms: indefinite_quarter, as_of: "2021-04-01",
                term: None,
                notice: Some(("2021-06-30", "2021-09-30")) },
            Case { what: "indefinite, before it takes effect",
                terms: indefinite_quarter, as_of: "2019-06-01",
                term: None,
                notice: Some(("2019-12-31", "2020-03-31")) },
            Case { what: "indefinite, year end, on the deadline",
                terms: indefinite_year, as_of: "2021-06-30",
                term: None,
                notice: Some(("2021-06-30", "2021-12-31")) },
            Case { what: "indefinite, year end, deadline passed",
                terms: indefinite_year, as_of: "2021-07-01",
                term: None,
                notice: Some(("2022-06-30", "2022-12-31")) },
            Case { what: "indefinite, month end, 2024-01-31 reaches the leap day",
                terms: indefinite_month, as_of: "2024-01-31",
                term: None,
                notice: Some(("2024-01-31", "2024-02-29")) },
            Case { what: "indefinite, month end, deadline on the leap day",
                terms: indefinite_month, as_of: "2024-02-01",
                term: None,
                notice: Some(("2024-02-29", "2024-03-31")) },
            Case { what: "fixed term runs",
                terms: fixed, as_of: "2020-06-01",
                term: Some(("2019-01-01", "2020-12-31")),
                notice: None },
            Case { what: "fixed term is over",
                terms: fixed, as_of: "2021-01-01",
                term: None,
                notice: None },
            Case { what: "express renewal: no notice needed",
                terms: express, as_of: "2019-05-01",
                term: Some(("2019-01-01", "2019-12-31")),
                notice: None },
        ];
        cases
    }

    #[test]
    fn hand_checked_terms_and_notices() {
        let cases = cases();
        assert!(cases.len() >= 25);
        for case in cases {
            let as_of = day(case.as_of);
            let what = case.what;
            let term = case.term.map(|(from, until)| (day(from), day(until)));
            assert_eq!(case.terms.term_containing(as_of), term, "term: {what}");
            assert_eq!(
                case.terms.current_term_ends_on(as_of),
                term.map(|(_, until)| until),
                "{what}"
            );
            let notice = case.notice.map(|(deadline, ends_on)| Notice {
                deadline: day(deadline),
                ends_on: day(ends_on),
            });
            assert_eq!(case.terms.next_notice(as_of), notice, "notice: {what}");
            if let Some(notice) = notice {
                let end = |d| case.terms.end_if_notice_on(d);
                assert_eq!(end(as_of), Some(notice.ends_on), "end today: {what}");
                assert_eq!(end(notice.deadline), Some(notice.ends_on), "{what}");
                let late = notice.deadline.succ_opt().unwrap();
                assert!(end(late) > Some(notice.ends_on), "end if late: {what}");
            }
        }
    }

    #[test]
    fn the_initial_term_is_honoured_after_renewals() {
        let p = product_example();
        assert_eq!(p.initial_term_ends_on(), Some(day("2021-12-31")));
        // 36 months first, then 12 each: 2022, 2023, ...; never a 36-month step again.
        assert_eq!(
            p.term_containing(day("2024-06-30")),
            Some((day("2024-01-01"), day("2024-12-31")))
        );
        assert_eq!(
            p.term_containing(day("9999-12-31")),
            Some((day("9999-01-01"), day("9999-12-31")))
        );
    }

    #[test]
    fn ends_on_follows_the_notice() {
        let p = product_example();
        assert_eq!(p.ends_on(None), None);
        assert_eq!(p.ends_on(Some(day("2021-09-30"))), Some(day("2021-12-31")));
        assert_eq!(p.ends_on(Some(day("2021-10-01"))), Some(day("2022-12-31")));
        assert_eq!(p.ends_on(Some(day("2017-01-01"))), Some(day("2021-12-31")));
        let fixed = terms(
            "2019-01-01",
            InitialTerm::Until(day("2020-06-30")),
            Renewal::None,
            None,
        );
        assert_eq!(fixed.ends_on(None), Some(day("2020-06-30")));
        assert_eq!(
            fixed.ends_on(Some(day("2019-02-01"))),
            Some(day("2020-06-30"))
        );
        let open = terms("2019-01-01", InitialTerm::Indefinite, Renewal::None, None);
        assert_eq!(open.ends_on(Some(day("2019-02-01"))), None);
        assert_eq!(open.next_notice(day("2019-02-01")), None);
    }

    #[test]
    fn impossible_terms_are_rejected() {
        let from = day("2019-01-01");
        let m36 = InitialTerm::Months(months(36));
        let cases = [
            (
                InitialTerm::Until(day("2018-12-31")),
                Renewal::None,
                None,
                TermsError::UntilBeforeEffective {
                    effective_from: from,
                    until: day("2018-12-31"),
                },
            ),
            (
                InitialTerm::Indefinite,
                tacit(12),
                notice(3, NoticeTo::EndOfMonth),
                TermsError::RenewalWithoutTerm,
            ),
            (
                InitialTerm::Indefinite,
                Renewal::Express,
                None,
                TermsError::RenewalWithoutTerm,
            ),
            (
                InitialTerm::Indefinite,
                Renewal::None,
                notice(3, NoticeTo::EndOfTerm),
                TermsError::EndOfTermWithoutTerm,
            ),
            (m36, tacit(12), None, TermsError::TacitRenewalWithoutNotice),
            (
                m36,
                tacit(12),
                notice(36, NoticeTo::EndOfTerm),
                TermsError::NoticeNotShorterThanInitialTerm {
                    notice_months: 36,
                    term_ends_on: day("2021-12-31"),
                },
            ),
            (
                InitialTerm::Until(day("2019-03-31")),
                Renewal::None,
                notice(3, NoticeTo::EndOfQuarter),
                TermsError::NoticeNotShorterThanInitialTerm {
                    notice_months: 3,
                    term_ends_on: day("2019-03-31"),
                },
            ),
            (
                m36,
                tacit(3),
                notice(3, NoticeTo::EndOfTerm),
                TermsError::NoticeNotShorterThanRenewal {
                    notice_months: 3,
                    renewal_months: months(3),
                },
            ),
            (
                InitialTerm::Months(months(u32::MAX)),
                Renewal::None,
                None,
                TermsError::OutOfRange,
            ),
        ];
        for (initial, renewal, notice, error) in cases {
            assert_eq!(
                ContractTerms::new(from, initial, renewal, notice),
                Err(error.clone()),
                "{error}"
            );
        }
        // One day shorter than the term is enough; so is notice on the last day.
        assert!(
            ContractTerms::new(
                from,
                InitialTerm::Until(day("2019-04-01")),
                tacit(4),
                notice(3, NoticeTo::EndOfQuarter),
            )
            .is_ok()
        );
        assert!(
            ContractTerms::new(
                from,
                InitialTerm::Until(from),
                tacit(1),
                notice(0, NoticeTo::EndOfTerm),
            )
            .is_ok()
        );
    }

    #[test]
    fn error_messages_are_clear() {
        assert_eq!(
            TermsError::NoticeNotShorterThanRenewal {
                notice_months: 3,
                renewal_months: months(3),
            }
            .to_string(),
            "a notice period of 3 months is not shorter than a renewal term of 3 months"
        );
        assert_eq!(
            TermsError::UntilBeforeEffective {
                effective_from: day("2019-01-01"),
                until: day("2018-12-31"),
            }
            .to_string(),
            "the initial term cannot end on 2018-12-31, before the contract takes effect on \
             2019-01-01"
        );
    }

    fn dates(
        signed_on: Option<&str>,
        terms: Option<ContractTerms>,
        notice_given_on: Option<&str>,
        ended_on: Option<&str>,
    ) -> ContractDates {
        ContractDates {
            signed_on: signed_on.map(day),
            terms,
            notice_given_on: notice_given_on.map(day),
            ended_on: ended_on.map(day),
        }
    }

    #[test]
    fn status_follows_the_dates() {
        use ContractStatus::{Draft, Ended, InForce, NoticeGiven, Signed};
        let p = Some(product_example());
        let fixed = Some(terms(
            "2019-01-01",
            InitialTerm::Months(months(12)),
            Renewal::None,
            None,
        ));
        // Grabow and Amt Parchimer Umland: signed 2018-09-25, members from 2019-01-01.
        let grabow = dates(Some("2018-09-25"), p, None, None);
        let noticed = dates(Some("2018-09-25"), p, Some("2021-09-30"), None);
        let late_notice = dates(Some("2018-09-25"), p, Some("2021-10-01"), None);
        let agreed_end = dates(Some("2018-09-25"), p, None, Some("2020-06-30"));
        let cases = [
            (dates(None, p, None, None), "2020-01-01", Draft),
            (grabow, "2018-09-24", Draft),
            (grabow, "2018-09-25", Signed),
            (grabow, "2018-12-31", Signed),
            (grabow, "2019-01-01", InForce),
            (grabow, "2099-01-01", InForce),
            (
                dates(Some("2018-09-25"), None, None, None),
                "2030-01-01",
                Signed,
            ),
            (noticed, "2021-09-29", InForce),
            (noticed, "2021-09-30", NoticeGiven),
            (noticed, "2021-12-31", NoticeGiven),
            (noticed, "2022-01-01", Ended),
            (late_notice, "2022-12-31", NoticeGiven),
            (late_notice, "2023-01-01", Ended),
            (agreed_end, "2020-06-30", InForce),
            (agreed_end, "2020-07-01", Ended),
            (
                dates(Some("2018-12-01"), fixed, None, None),
                "2019-12-31",
                InForce,
            ),
            (
                dates(Some("2018-12-01"), fixed, None, None),
                "2020-01-01",
                Ended,
            ),
        ];
        for (contract, as_of, status) in cases {
            assert_eq!(contract.status(day(as_of)), status, "{contract:?} {as_of}");
        }
        assert_eq!(noticed.ends_on(), Some(day("2021-12-31")));
        assert_eq!(agreed_end.ends_on(), Some(day("2020-06-30")));
        assert_eq!(grabow.ends_on(), None);
    }

    #[test]
    fn next_notice_of_a_contract_ignores_what_is_settled() {
        let p = Some(product_example());
        let grabow = dates(Some("2018-09-25"), p, None, None);
        assert_eq!(
            grabow.next_notice(day("2021-01-01")),
            Some(Notice {
                deadline: day("2021-09-30"),
                ends_on: day("2021-12-31"),
            })
        );
        assert_eq!(
            dates(None, p, None, None).next_notice(day("2021-01-01")),
            None
        );
        let noticed = dates(Some("2018-09-25"), p, Some("2021-03-01"), None);
        assert_eq!(
            noticed.next_notice(day("2021-02-28")).map(|n| n.deadline),
            Some(day("2021-09-30"))
        );
        assert_eq!(noticed.next_notice(day("2021-03-01")), None);
        let agreed_end = dates(Some("2018-09-25"), p, None, Some("2022-06-30"));
        assert_eq!(
            agreed_end.next_notice(day("2021-09-30")).map(|n| n.ends_on),
            Some(day("2021-12-31"))
        );
        assert_eq!(agreed_end.next_notice(day("2021-10-01")), None);
    }

    #[test]
    fn codes_labels_and_serde() {
        assert_eq!(ContractStatus::InForce.as_str(), "IN_FORCE");
        assert_eq!(ContractStatus::NoticeGiven.label(Lang::De), "Gekündigt");
        assert_eq!(NoticeTo::EndOfQuarter.as_str(), "END_OF_QUARTER");
        assert_eq!(
            ContractKind::DataProcessingAgreement.as_str(),
            "DATA_PROCESSING_AGREEMENT"
        );
        for kind in ContractKind::ALL {
            assert_eq!(kind.as_str().parse(), Ok(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        for status in ContractStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
        }
        for to in NoticeTo::ALL {
            assert_eq!(to.as_str().parse(), Ok(to));
        }
        assert_eq!(
            "ACTIVE".parse::<ContractStatus>().unwrap_err().to_string(),
            r#"unknown contract status: "ACTIVE""#
        );
    }

    #[test]
    fn terms_round_trip_through_json_and_are_validated() {
        let p = product_example();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"effectiveFrom":"2019-01-01","initial":{"Months":36},"renewal":{"Tacit":{"months":12}},"notice":{"months":3,"to":"END_OF_TERM"}}"#
        );
        assert_eq!(serde_json::from_str::<ContractTerms>(&json).unwrap(), p);
        let bad = json.replace(r#""months":12"#, r#""months":3"#);
        let err = serde_json::from_str::<ContractTerms>(&bad).unwrap_err();
        assert!(
            err.to_string().contains("not shorter than a renewal term"),
            "{err}"
        );
        let contract = dates(Some("2018-09-25"), Some(p), None, None);
        let json = serde_json::to_string(&contract).unwrap();
        assert_eq!(
            serde_json::from_str::<ContractDates>(&json).unwrap(),
            contract
        );
    }
}
