//! The checks of a contract's duration rules and of its express renewals: they build the
//! domain's [`ContractTerms`] and [`ExpressRenewal`] and report what cannot be, per field.

use core::num::NonZeroU32;

use chrono::NaiveDate;

use super::{Check, TERM_FIELDS};
use crate::contract::{
    ContractDates, ContractTerms, ExpressRenewal, InitialTerm, NoticePeriod, NoticeTo, Renewal,
    RenewalError, RenewalTerm, TermsError,
};
use crate::said::{day, say};

impl Check {
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
                    say(
                        "give the initial term in months or as an end date, not both",
                        "die erste Laufzeit in Monaten oder mit einem Enddatum, nicht beides",
                    ),
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
                    say(
                        "a tacit renewal needs its length in months",
                        "eine stillschweigende Verlängerung braucht ihre Länge in Monaten",
                    ),
                );
                None
            }
            (_, Some(_)) => {
                self.fail(
                    "renewalMonths",
                    say(
                        "only a tacit renewal has a length",
                        "nur eine stillschweigende Verlängerung hat eine Länge",
                    ),
                );
                None
            }
            (other, None) => {
                self.fail(
                    "renewal",
                    say(
                        format!("unknown renewal rule {other:?}"),
                        format!("unbekannte Verlängerungsregel {other:?}"),
                    ),
                );
                None
            }
        };
        let notice = match (notice_months, notice_to) {
            (None, None) => Some(None),
            (Some(m), Some(to)) => match u32::try_from(m) {
                Ok(m) => Some(Some(NoticePeriod::new(m, to))),
                Err(_) => {
                    self.negative("noticeMonths", m);
                    None
                }
            },
            (Some(_), None) => {
                self.fail(
                    "noticeTo",
                    say(
                        "say to which days notice can be given",
                        "geben Sie an, zu welchen Tagen gekündigt werden kann",
                    ),
                );
                None
            }
            (None, Some(_)) => {
                self.fail(
                    "noticeMonths",
                    say(
                        "give the notice period in months (0 or more)",
                        "geben Sie die Kündigungsfrist in Monaten an (0 oder mehr)",
                    ),
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
                self.needs_effective_from();
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
                self.fail(field, err.said());
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
            self.negative("decisionMonths", months);
            return None;
        };
        let Some(terms) = terms else {
            // Terms refused for a reason of their own have been reported with it.
            let reported = self
                .errors
                .iter()
                .any(|err| TERM_FIELDS.contains(&err.field.as_str()));
            if !reported {
                self.needs_effective_from();
            }
            return None;
        };
        terms
            .with_decision_period(months)
            .map_err(|err| self.fail("decisionMonths", err.said()))
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
                    say(
                        "give the renewal in months or as an end date, not both",
                        "die Verlängerung in Monaten oder mit einem Enddatum, nicht beides",
                    ),
                );
                None
            }
            (Some(m), None) => self.positive_months("months", m).map(RenewalTerm::Months),
            (None, Some(until)) => Some(RenewalTerm::Until(until)),
            (None, None) => {
                self.fail(
                    "months",
                    say(
                        "give the renewal in months or as an end date",
                        "geben Sie die Verlängerung in Monaten oder mit einem Enddatum an",
                    ),
                );
                None
            }
        };
        match contract.signed_on {
            None => self.fail(
                "renewedOn",
                say(
                    "a contract that is not signed cannot be renewed",
                    "ein nicht unterzeichneter Vertrag kann nicht verlängert werden",
                ),
            ),
            Some(signed_on) => self.not_before(
                "renewedOn",
                renewed_on,
                signed_on,
                ("the signing", "der Unterzeichnung"),
            ),
        }
        if let Some(ended_on) = contract.ended_on.filter(|&ended_on| renewed_on > ended_on) {
            let (renewed_on, ended_on) = (day(renewed_on), day(ended_on));
            self.fail(
                "renewedOn",
                say(
                    format!(
                        "{renewed_on} lies after the contract was ended by agreement ({ended_on})"
                    ),
                    format!("{renewed_on} liegt nach der einvernehmlichen Beendigung ({ended_on})"),
                ),
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
                self.fail(field, err.said());
                None
            }
        }
    }

    /// Terms without the day the contract takes effect.
    fn needs_effective_from(&mut self) {
        self.fail(
            "effectiveFrom",
            say(
                "terms need the day the contract takes effect",
                "Laufzeitregeln brauchen den Tag des Wirksamwerdens",
            ),
        );
    }

    /// A number of months from 1.
    fn positive_months(&mut self, field: &str, value: i32) -> Option<NonZeroU32> {
        let months = u32::try_from(value).ok().and_then(NonZeroU32::new);
        if months.is_none() {
            self.fail(
                field,
                say(
                    format!("a number of months from 1, not {value}"),
                    format!("eine Zahl von Monaten ab 1, nicht {value}"),
                ),
            );
        }
        months
    }
}
