//! What the deadline desk says about the API's codes: the kinds of deadline, their states and
//! the outcomes of a decision, in the language of the table.

use super::DeskTexts;

impl DeskTexts {
    /// What falls due on a deadline (`DeadlineKind`); unknown codes as they came.
    pub fn kind<'a>(&self, code: &'a str) -> &'a str {
        label(&self.kinds, code)
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
        label(&self.outcomes, code)
    }
}

/// The label of `code` in `labels`; an unknown code as it came.
fn label<'a>(labels: &[(&'static str, &'static str)], code: &'a str) -> &'a str {
    labels
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label)
}
