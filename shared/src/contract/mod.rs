//! Contracts: their kinds and states, and the dates that follow from their terms — which term
//! a day falls in, by when notice must arrive or a renewal be decided, when the contract ends,
//! and what the deadline desk shows for it on a day.
//!
//! # Rules
//!
//! All days are inclusive; months are counted as in [`crate::dates`] (BGB §§ 187, 188).
//!
//! - The **first term** runs from `effective_from` for a number of months
//!   ([`dates::term_end`]) or until a given day. An indefinite contract has no terms.
//! - A **tacit renewal** term starts the day after the previous term ends and is counted from
//!   its own start.
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
//!   The deadline for a notice is always the last day on which it can arrive and still end
//!   the contract on the same day as a notice arriving today.
//! - **Express renewal**: the contract ends with its term unless the parties decide to renew
//!   it; a notice period recorded for it changes nothing. Each decision is recorded
//!   ([`ExpressRenewal`]: the day decided, and the new term in months or until a day).
//!   - Renewals are taken in the order they were decided (those of one day in the order
//!     recorded); each adds a term that starts the day after the last term so far ends,
//!     counted from its own start like a first term.
//!   - A renewal must be decided by the last day of the term it extends. One decided later is
//!     refused ([`RenewalError::TermOver`]): the contract has ended by then, and reviving it
//!     is a new contract. A decision after the decision deadline but within the term is taken.
//!   - Only a contract with express renewal can be renewed expressly
//!     ([`RenewalError::NotExpress`]); a renewed term must not end before it starts.
//!   - The contract ends with the last term the renewals add; where a renewal is impossible,
//!     it and those decided after it are left out ([`ContractDates::renewed_terms`] says why).
//! - A **decision period** of `N` months (express renewal only,
//!   [`ContractTerms::with_decision_period`]): the parties decide on renewing a term at the
//!   latest `N` months before it ends, counted back like a notice period to the end of the
//!   term ([`dates::deadline_before`] from the day after the term); 0 months means by its
//!   last day. It must be shorter than the first term and than every renewed term, so a
//!   decision is never due before the term it concerns has begun.
//!   The open decision on a day is that on renewing the last term decided by then, until its
//!   deadline has passed ([`ContractDates::next_decision`]).
//! - The **deadline desk** sees on day `D` ([`ContractDates::next_deadlines`]): the next
//!   notice deadline, the next renewal decision deadline and the next end (the contract's
//!   last day as recorded by `D`, else the end of the current term), each at most once and
//!   none before `D`; nothing for a draft or an ended contract. The legal deadline never
//!   moves; the day to act is the last working day on or before it
//!   ([`Deadline::day_to_act`], [`crate::calendar`]).

use chrono::NaiveDate;

use crate::dates;

mod desk;
mod express;
mod record;
mod standing;
mod terms;
#[cfg(test)]
mod tests;

pub use desk::{Deadline, DeadlineKind, DeadlineState, Outcome, ReminderState};
pub use express::{ExpressRenewal, RenewalError, RenewalTerm};
pub use record::{ContractDates, Decision};
pub use standing::Standing;
pub use terms::{ContractTerms, InitialTerm, Notice, NoticePeriod, Renewal, TermsError};

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
