//! What the deadline desk says about the API's codes: the kinds of deadline, their states and
//! the outcomes of a decision, in the language of the table.

use super::DeskTexts;

impl DeskTexts {
    /// What falls due on a deadline (`DeadlineKind`); unknown codes as they came.
    pub fn kind<'a>(&self, code: &'a str) -> &'a str {
        self.kinds()
            .into_iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, label)| label)
    }

    /// The kinds of deadline, by code.
    pub fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("NOTICE", self.kind_notice),
            ("DECISION", self.kind_decision),
            ("END", self.kind_end),
        ]
    }

    /// A deadline's (`DeadlineState`) or a reminder's (`ReminderState`) state.
    pub fn state_label<'a>(&self, code: &'a str) -> &'a str {
        match code {
            "OPEN" => self.open,
            "DECIDED" => self.decided,
            "SUPERSEDED" => self.superseded,
            "ARMED" => self.armed,
            "SENT" => self.sent,
            other => other,
        }
    }

    /// What was decided (`DeadlineOutcome`).
    pub fn outcome<'a>(&self, code: &'a str) -> &'a str {
        self.outcomes()
            .into_iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, label)| label)
    }

    /// The outcomes a decision can have, by code.
    pub fn outcomes(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("RENEW", self.renew),
            ("GIVE_NOTICE", self.give_notice),
            ("LET_END", self.let_end),
            ("RENEGOTIATE", self.renegotiate),
        ]
    }
}
