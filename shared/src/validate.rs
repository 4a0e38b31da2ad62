//! Checking what people type into a form, field by field. The server and the browser app run
//! the same checks, so a message seen next to an input is the one the server would send.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use core::num::NonZeroU32;

use crate::contract::{
    ContractDates, ContractTerms, ExpressRenewal, InitialTerm, NoticePeriod, NoticeTo, Renewal,
    RenewalError, RenewalTerm, TermsError,
};
use crate::keys::OfficialKey;
use crate::name::Name;
use crate::period::Period;

/// One input that cannot be taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The input field, as named in the API (`name`, `officialKey`, `leftOn`, ...).
    pub field: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// Collects the problems of one form. Each check returns the parsed value when the input is
/// fine, so a form reads its values and its errors in one pass.
#[derive(Debug, Default)]
pub struct Check {
    errors: Vec<FieldError>,
}

/// The fewest characters a password may have.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The most characters a password may have (hashing is costly; this bounds it).
pub const PASSWORD_MAX_CHARS: usize = 256;
pub use crate::text::{LINE_MAX_CHARS, TEXT_MAX_CHARS};

/// The fields of a contract's terms as the API names them ([`Check::terms`]).
const TERM_FIELDS: [&str; 7] = [
    "effectiveFrom",
    "initialTermMonths",
    "initialTermUntil",
    "renewal",
    "renewalMonths",
    "noticeMonths",
    "noticeTo",
];

impl Check {
    /// A new, empty check.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// A required name.
    pub fn name(&mut self, field: &str, text: &str) -> Option<Name> {
        Name::parse(text)
            .map_err(|err| self.fail(field, err.to_string()))
            .ok()
    }

    /// An optional name: empty text is `None`.
    pub fn optional_name(&mut self, field: &str, text: Option<&str>) -> Option<Name> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => self.name(field, text),
            None => None,
        }
    }

    /// A required name of at most `max` characters, for a name kept narrower than others
    /// (see the table in [`crate::text`]).
    pub fn short_name(&mut self, field: &str, text: &str, max: usize) -> Option<Name> {
        let name = self.name(field, text)?;
        self.at_most(field, name, max)
    }

    /// An optional name of at most `max` characters: empty text is `None`.
    pub fn optional_short_name(
        &mut self,
        field: &str,
        text: Option<&str>,
        max: usize,
    ) -> Option<Name> {
        let name = self.optional_name(field, text)?;
        self.at_most(field, name, max)
    }

    fn at_most(&mut self, field: &str, name: Name, max: usize) -> Option<Name> {
        let chars = name.as_str().chars().count();
        if chars > max {
            self.fail(field, format!("at most {max} characters, not {chars}"));
            return None;
        }
        Some(name)
    }

    /// An optional official key: empty text is `None`.
    pub fn official_key(&mut self, field: &str, text: Option<&str>) -> Option<OfficialKey> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => OfficialKey::parse(text)
                .map_err(|err| self.fail(field, err.to_string()))
                .ok(),
            None => None,
        }
    }

    /// An optional multi-line text (a note, a description) of at most [`TEXT_MAX_CHARS`],
    /// without control characters but line breaks and tabs; empty text is `None`.
    pub fn text(&mut self, field: &str, text: Option<&str>) -> Option<String> {
        self.bounded(field, text, TEXT_MAX_CHARS, true)
    }

    /// An optional one-line text (an address) of at most [`LINE_MAX_CHARS`], without control
    /// characters; empty text is `None`.
    pub fn line(&mut self, field: &str, text: Option<&str>) -> Option<String> {
        self.bounded(field, text, LINE_MAX_CHARS, false)
    }

    fn bounded(
        &mut self,
        field: &str,
        text: Option<&str>,
        max: usize,
        multi_line: bool,
    ) -> Option<String> {
        let text = text.map(str::trim).filter(|t| !t.is_empty())?;
        if let Some(message) = crate::text::problem(text, max, multi_line) {
            self.fail(field, message);
            return None;
        }
        Some(text.to_owned())
    }

    /// A period from `from` to an optional `until`; a problem is reported on `until_field`.
    pub fn period(
        &mut self,
        until_field: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Option<Period> {
        Period::new(from, until)
            .map_err(|err| self.fail(until_field, err.to_string()))
            .ok()
    }

    /// A day that must not lie before `earliest` (e.g. a notice before signing).
    pub fn not_before(&mut self, field: &str, date: NaiveDate, earliest: NaiveDate, what: &str) {
        if date < earliest {
            self.fail(field, format!("{date} lies before {what} ({earliest})"));
        }
    }

    /// A count that cannot be negative (workstations, users, seats).
    pub fn count(&mut self, field: &str, value: Option<i64>) -> Option<i64> {
        match value {
            Some(v) if v < 0 => {
                self.fail(field, format!("must not be negative, not {v}"));
                None
            }
            other => other,
        }
    }

    /// A new password: [`PASSWORD_MIN_CHARS`] to [`PASSWORD_MAX_CHARS`] characters, not only
    /// whitespace.
    pub fn password(&mut self, field: &str, password: &str) {
        let chars = password.chars().count();
        if password.trim().is_empty() || chars < PASSWORD_MIN_CHARS {
            self.fail(
                field,
                format!("a password has at least {PASSWORD_MIN_CHARS} characters"),
            );
        } else if chars > PASSWORD_MAX_CHARS {
            self.fail(
                field,
                format!("a password has at most {PASSWORD_MAX_CHARS} characters"),
            );
        }
    }

    /// The duration rules of a contract as a form gives them; `None` without an
    /// `effectiveFrom` (a draft) or when they are impossible (then reported per field).
    /// `renewal` is `NONE`, `TACIT` or `EXPRESS`.
    #[allow(clippy::too_many_arguments)]
    pub fn terms(
        &mut self,
        effective_from: Option<NaiveDate>,
        initial_term_months: Option<i32>,
        initial_term_until: Option<NaiveDate>,
        renewal: &str,
        renewal_months: Option<i32>,
        notice_months: Option<i32>,
        notice_to: Option<NoticeTo>,
    ) -> Option<ContractTerms> {
        let initial = match (initial_term_months, initial_term_until) {
            (Some(_), Some(_)) => {
                self.fail(
                    "initialTermUntil",
                    "give the initial term in months or as an end date, not both",
                );
                None
            }
            (Some(m), None) => self
                .positive_months("initialTermMonths", m)
                .map(InitialTerm::Months),
            (None, Some(until)) => Some(InitialTerm::Until(until)),
            (None, None) => Some(InitialTerm::Indefinite),
        };
        let renewal = match (renewal, renewal_months) {
            ("NONE", None) => Some(Renewal::None),
            ("EXPRESS", None) => Some(Renewal::Express),
            ("TACIT", Some(m)) => self
                .positive_months("renewalMonths", m)
                .map(|months| Renewal::Tacit { months }),
            ("TACIT", None) => {
                self.fail(
                    "renewalMonths",
                    "a tacit renewal needs its length in months",
                );
                None
            }
            (_, Some(_)) => {
                self.fail("renewalMonths", "only a tacit renewal has a length");
                None
            }
            (other, None) => {
                self.fail("renewal", format!("unknown renewal rule {other:?}"));
                None
            }
        };
        let notice = match (notice_months, notice_to) {
            (None, None) => Some(None),
            (Some(m), Some(to)) => match u32::try_from(m) {
                Ok(m) => Some(Some(NoticePeriod::new(m, to))),
                Err(_) => {
                    self.fail("noticeMonths", format!("must not be negative, not {m}"));
                    None
                }
            },
            (Some(_), None) => {
                self.fail("noticeTo", "say to which days notice can be given");
                None
            }
            (None, Some(_)) => {
                self.fail(
                    "noticeMonths",
                    "give the notice period in months (0 or more)",
                );
                None
            }
        };
        let Some(from) = effective_from else {
            if initial_term_months.is_some()
                || initial_term_until.is_some()
                || renewal_months.is_some()
                || notice_months.is_some()
            {
                self.fail(
                    "effectiveFrom",
                    "terms need the day the contract takes effect",
                );
            }
            return None;
        };
        let (Some(initial), Some(renewal), Some(notice)) = (initial, renewal, notice) else {
            return None;
        };
        match ContractTerms::new(from, initial, renewal, notice) {
            Ok(terms) => Some(terms),
            Err(err) => {
                let field = match err {
                    TermsError::UntilBeforeEffective { .. } => "initialTermUntil",
                    TermsError::RenewalWithoutTerm => "renewal",
                    TermsError::EndOfTermWithoutTerm
                    | TermsError::TacitRenewalWithoutNotice
                    | TermsError::NoticeNotShorterThanInitialTerm { .. }
                    | TermsError::NoticeNotShorterThanRenewal { .. } => "noticeMonths",
                    TermsError::OutOfRange => "initialTermMonths",
                    TermsError::DecisionWithoutExpressRenewal
                    | TermsError::DecisionNotShorterThanInitialTerm { .. } => "decisionMonths",
                };
                self.fail(field, err.to_string());
                None
            }
        }
    }

    /// The decision period (`decisionMonths`, 0 or more) of `terms` as [`Self::terms`]
    /// returned them: the terms with the period, the terms as they are without one, `None`
    /// when a problem is reported. Only terms with express renewal have a decision period.
    pub fn decision_period(
        &mut self,
        terms: Option<ContractTerms>,
        decision_months: Option<i32>,
    ) -> Option<ContractTerms> {
        let Some(months) = decision_months else {
            return terms;
        };
        let Ok(months) = u32::try_from(months) else {
            self.fail(
                "decisionMonths",
                format!("must not be negative, not {months}"),
            );
            return None;
        };
        let Some(terms) = terms else {
            // Terms refused for a reason of their own have been reported with it.
            let reported = self
                .errors
                .iter()
                .any(|err| TERM_FIELDS.contains(&err.field.as_str()));
            if !reported {
                self.fail(
                    "effectiveFrom",
                    "terms need the day the contract takes effect",
                );
            }
            return None;
        };
        terms
            .with_decision_period(months)
            .map_err(|err| self.fail("decisionMonths", err.to_string()))
            .ok()
    }

    /// An express renewal of `contract`, decided on `renewed_on` (`renewedOn`) for `months`
    /// months or `until` a day (exactly one of them), checked against what is recorded: the
    /// contract must be signed by then, not ended by agreement before, and the renewal
    /// possible by the rules of [`crate::contract`] together with the renewals recorded.
    pub fn express_renewal(
        &mut self,
        contract: &ContractDates,
        renewed_on: NaiveDate,
        months: Option<i32>,
        until: Option<NaiveDate>,
    ) -> Option<ExpressRenewal> {
        let before = self.errors.len();
        let term = match (months, until) {
            (Some(_), Some(_)) => {
                self.fail(
                    "until",
                    "give the renewal in months or as an end date, not both",
                );
                None
            }
            (Some(m), None) => self.positive_months("months", m).map(RenewalTerm::Months),
            (None, Some(until)) => Some(RenewalTerm::Until(until)),
            (None, None) => {
                self.fail("months", "give the renewal in months or as an end date");
                None
            }
        };
        match contract.signed_on {
            None => self.fail(
                "renewedOn",
                "a contract that is not signed cannot be renewed",
            ),
            Some(signed_on) => self.not_before("renewedOn", renewed_on, signed_on, "the signing"),
        }
        if let Some(ended_on) = contract.ended_on.filter(|&ended_on| renewed_on > ended_on) {
            self.fail(
                "renewedOn",
                format!("{renewed_on} lies after the contract was ended by agreement ({ended_on})"),
            );
        }
        let term = term.filter(|_| self.errors.len() == before)?;
        let renewal = ExpressRenewal { renewed_on, term };
        let mut renewed = contract.clone();
        renewed.renewals.push(renewal);
        match renewed.renewed_terms() {
            Ok(_) => Some(renewal),
            Err(err) => {
                let length_field = if until.is_some() { "until" } else { "months" };
                let field = match err {
                    RenewalError::NoTerms
                    | RenewalError::NotExpress
                    | RenewalError::TermOver { .. } => "renewedOn",
                    RenewalError::UntilBeforeStart { .. } => "until",
                    RenewalError::NotLongerThanDecisionPeriod { .. } | RenewalError::OutOfRange => {
                        length_field
                    }
                };
                self.fail(field, err.to_string());
                None
            }
        }
    }

    /// A number of months from 1.
    fn positive_months(&mut self, field: &str, value: i32) -> Option<NonZeroU32> {
        let months = u32::try_from(value).ok().and_then(NonZeroU32::new);
        if months.is_none() {
            self.fail(field, format!("a number of months from 1, not {value}"));
        }
        months
    }

    /// Whether nothing has failed so far.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems found, if any.
    ///
    /// # Errors
    ///
    /// Every [`FieldError`] recorded, in the order found.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests;
