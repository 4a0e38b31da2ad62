//! Strategies and helpers shared by the property tests: days with month ends drawn often, and
//! contract terms that the domain accepts.

#![allow(
    clippy::unwrap_used,
    dead_code,
    reason = "test code: a failed unwrap is a failed test; not every test file uses every helper"
)]

use core::num::NonZeroU32;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use verbund_shared::contract::{
    ContractTerms, ExpressRenewal, InitialTerm, NoticePeriod, NoticeTo, Renewal, RenewalTerm,
};

pub fn from_days(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(days).unwrap()
}

pub fn days(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// Any day of the years given, with month ends (where the BGB rules bite) drawn often.
pub fn date_in(first_year: i32, last_year: i32) -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap();
    let any_day = (days(first)..=days(last)).prop_map(from_days);
    let month_end = (first_year..=last_year, 1u32..=12, 0u32..4).prop_map(|(year, month, back)| {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        from_days(days(next.unwrap()) - 1 - back as i32)
    });
    prop_oneof![any_day, month_end]
}

pub fn date() -> impl Strategy<Value = NaiveDate> {
    date_in(1900, 2200)
}

/// Any day chrono can represent.
pub fn extreme_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (days(NaiveDate::MIN)..=days(NaiveDate::MAX)).prop_map(from_days),
        (0i32..400).prop_map(|back| from_days(days(NaiveDate::MAX) - back)),
        (0i32..400).prop_map(|on| from_days(days(NaiveDate::MIN) + on)),
        date_in(9990, 9999),
    ]
}

pub fn months() -> impl Strategy<Value = NonZeroU32> {
    (1u32..=1200).prop_map(|n| NonZeroU32::new(n).unwrap())
}

pub fn notice_to() -> impl Strategy<Value = NoticeTo> {
    proptest::sample::select(NoticeTo::ALL.to_vec())
}

#[derive(Debug, Clone, Copy)]
enum InitialShape {
    Indefinite,
    Months(NonZeroU32),
    DaysLater(u64),
}

/// Terms that `ContractTerms::new` accepts; indefinite ones only if `indefinite` is set
/// (they cannot renew).
pub fn terms_with(
    indefinite: bool,
    renewal: impl Strategy<Value = Renewal>,
    notice: impl Strategy<Value = Option<NoticePeriod>>,
) -> impl Strategy<Value = ContractTerms> {
    let initial = prop_oneof![
        u32::from(indefinite) => Just(InitialShape::Indefinite),
        3 => (1u32..=72).prop_map(|n| InitialShape::Months(NonZeroU32::new(n).unwrap())),
        2 => (0u64..=3000).prop_map(InitialShape::DaysLater),
    ];
    (date_in(1990, 2100), initial, renewal, notice).prop_filter_map(
        "impossible terms",
        |(from, initial, renewal, notice)| {
            let initial = match initial {
                InitialShape::Indefinite => InitialTerm::Indefinite,
                InitialShape::Months(n) => InitialTerm::Months(n),
                InitialShape::DaysLater(later) => {
                    InitialTerm::Until(from.checked_add_days(chrono::Days::new(later))?)
                }
            };
            let renewal = match initial {
                InitialTerm::Indefinite => Renewal::None,
                _ => renewal,
            };
            ContractTerms::new(from, initial, renewal, notice).ok()
        },
    )
}

pub fn tacit() -> impl Strategy<Value = Renewal> {
    (1u32..=36).prop_map(|n| Renewal::Tacit {
        months: NonZeroU32::new(n).unwrap(),
    })
}

pub fn any_renewal() -> impl Strategy<Value = Renewal> {
    prop_oneof![Just(Renewal::None), Just(Renewal::Express), tacit()]
}

pub fn some_notice() -> impl Strategy<Value = Option<NoticePeriod>> {
    (0u32..=24, notice_to()).prop_map(|(months, to)| Some(NoticePeriod::new(months, to)))
}

pub fn any_notice() -> impl Strategy<Value = Option<NoticePeriod>> {
    proptest::option::of((0u32..=24, notice_to()))
        .prop_map(|notice| notice.map(|(months, to)| NoticePeriod::new(months, to)))
}

pub fn any_terms() -> impl Strategy<Value = ContractTerms> {
    prop_oneof![
        3 => terms_with(true, any_renewal(), any_notice()),
        1 => express_terms(),
    ]
}

/// Terms that end unless expressly renewed, some with a decision period.
pub fn express_terms() -> impl Strategy<Value = ContractTerms> {
    (
        terms_with(false, Just(Renewal::Express), any_notice()),
        proptest::option::of(0u32..=24),
    )
        .prop_filter_map(
            "decision period too long",
            |(terms, decision)| match decision {
                Some(months) => terms.with_decision_period(months).ok(),
                None => Some(terms),
            },
        )
}

/// A renewal as someone might record it, possible or not.
pub fn any_express_renewal() -> impl Strategy<Value = ExpressRenewal> {
    let term = prop_oneof![
        months().prop_map(RenewalTerm::Months),
        date().prop_map(RenewalTerm::Until),
    ];
    (date(), term).prop_map(|(renewed_on, term)| ExpressRenewal { renewed_on, term })
}

pub fn renewing_terms() -> impl Strategy<Value = ContractTerms> {
    terms_with(false, tacit(), some_notice())
}

pub fn succ(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap()
}

pub fn is_period_end(to: NoticeTo, date: NaiveDate) -> bool {
    let last_of_month = succ(date).day() == 1;
    match to {
        NoticeTo::EndOfTerm => true,
        NoticeTo::EndOfMonth => last_of_month,
        NoticeTo::EndOfQuarter => last_of_month && date.month().is_multiple_of(3),
        NoticeTo::EndOfYear => date.month() == 12 && date.day() == 31,
    }
}
