//! What the deadline desk needs of a contract on a day: its next deadlines, each with its kind.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ContractDates, ContractStatus};
use crate::calendar;

code_enum! {
    /// What falls due on a deadline, in the order the desk lists deadlines of one day.
    pub enum DeadlineKind("deadline kind") {
        /// The last day on which a notice can arrive to end the contract at the earliest.
        Notice = "NOTICE", de: "Kündigungsfrist", en: "Notice deadline";
        /// The last day to decide on expressly renewing the term.
        Decision = "DECISION", de: "Entscheidung über die Verlängerung",
            en: "Renewal decision";
        /// The last day of the contract, or of its current term.
        End = "END", de: "Vertragsende", en: "End of contract";
    }
}

code_enum! {
    /// Where a deadline stands as a task of the desk.
    pub enum DeadlineState("deadline state") {
        /// Not decided yet; once its day has passed it is overdue until decided.
        Open = "OPEN", de: "Offen", en: "Open";
        /// Decided (with an outcome).
        Decided = "DECIDED", de: "Entschieden", en: "Decided";
        /// No longer a deadline: a change to the contract moved or removed it.
        Superseded = "SUPERSEDED", de: "Überholt", en: "Superseded";
    }
}

code_enum! {
    /// What was decided on a deadline.
    pub enum Outcome("decision") {
        /// Renew the contract, or let it renew.
        Renew = "RENEW", de: "Verlängern", en: "Renew";
        /// Give notice (recorded on the contract).
        GiveNotice = "GIVE_NOTICE", de: "Kündigen", en: "Give notice";
        /// Let the contract end.
        LetEnd = "LET_END", de: "Auslaufen lassen", en: "Let it end";
        /// Negotiate new terms.
        Renegotiate = "RENEGOTIATE", de: "Neu verhandeln", en: "Renegotiate";
    }
}

code_enum! {
    /// Where a reminder stands.
    pub enum ReminderState("reminder state") {
        /// Waiting for its day.
        Armed = "ARMED", de: "Geplant", en: "Armed";
        /// Sent (into the inbox of the people concerned).
        Sent = "SENT", de: "Gesendet", en: "Sent";
        /// Not to be sent: its deadline moved, was decided or is gone.
        Superseded = "SUPERSEDED", de: "Überholt", en: "Superseded";
    }
}

/// A day on which something falls due for a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// What falls due.
    pub kind: DeadlineKind,
    /// The legal deadline: the last day, which never moves.
    pub day: NaiveDate,
}

impl Deadline {
    /// The day people are asked to act: the last working day on or before the deadline
    /// ([`calendar::last_working_day_on_or_before`]).
    #[must_use]
    pub fn day_to_act(&self) -> NaiveDate {
        calendar::last_working_day_on_or_before(self.day)
    }
}

impl ContractDates {
    /// The contract's next deadlines as seen on `as_of`, at most one of each kind, earliest
    /// first (on one day in the order of [`DeadlineKind::ALL`]); none is before `as_of`.
    ///
    /// - [`Notice`](DeadlineKind::Notice): the deadline of [`Self::next_notice`].
    /// - [`Decision`](DeadlineKind::Decision): the deadline of [`Self::next_decision`].
    /// - [`End`](DeadlineKind::End): the last day of the contract ([`Self::ends_on`]) as
    ///   recorded by the end of `as_of` (a notice or renewal recorded later is not known yet),
    ///   else the last day of the current term; none for a contract that runs on without
    ///   terms.
    ///
    /// Nothing for a draft or an ended contract.
    #[must_use]
    pub fn next_deadlines(&self, as_of: NaiveDate) -> Vec<Deadline> {
        if matches!(
            self.status(as_of),
            ContractStatus::Draft | ContractStatus::Ended
        ) {
            return Vec::new();
        }
        let known = self.known_on(as_of);
        let notice = self.next_notice(as_of).map(|notice| notice.deadline);
        let decision = self.next_decision(as_of).map(|decision| decision.deadline);
        let end = known
            .ends_on()
            .or_else(|| known.current_term_ends_on(as_of));
        let mut deadlines: Vec<_> = [
            (DeadlineKind::Notice, notice),
            (DeadlineKind::Decision, decision),
            (DeadlineKind::End, end),
        ]
        .into_iter()
        .filter_map(|(kind, day)| Some(Deadline { kind, day: day? }))
        .collect();
        deadlines.sort_by_key(|deadline| deadline.day);
        deadlines
    }
}
