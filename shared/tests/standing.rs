//! Property tests of a contract's standing: the facts lists filter on stay as they are on a
//! day until the day `standing_until` names, so a server may store them and keep them.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use verbund_shared::contract::{ContractDates, ContractTerms, ExpressRenewal, RenewalTerm};

mod common;

use common::*;

/// A day `offset` days from `from` (before it when negative).
fn shifted(from: NaiveDate, offset: i64) -> NaiveDate {
    if offset < 0 {
        from.checked_sub_days(Days::new(offset.unsigned_abs()))
            .unwrap()
    } else {
        from.checked_add_days(Days::new(offset.unsigned_abs()))
            .unwrap()
    }
}

/// A contract whose signing, notice, agreed end and renewals fall around its start, where
/// they interact, and a day to look at it from.
fn contract_and_day() -> impl Strategy<Value = (ContractDates, NaiveDate)> {
    let around = || proptest::option::of(-400i64..3000);
    let renewal = (
        -100i64..3000,
        prop_oneof![
            (1u32..=36).prop_map(|n| RenewalTerm::Months(core::num::NonZeroU32::new(n).unwrap())),
            (0i64..2000).prop_map(|later| RenewalTerm::Until(
                NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(later)
            )),
        ],
    );
    (
        any_terms(),
        around(),
        around(),
        around(),
        proptest::collection::vec(renewal, 0..3),
        -400i64..4000,
    )
        .prop_map(|(terms, signed, notice, ended, renewals, day)| {
            let from = ContractTerms::effective_from(&terms);
            let on = |offset: Option<i64>| offset.map(|offset| shifted(from, offset));
            let renewals = renewals
                .into_iter()
                .map(|(decided, term)| ExpressRenewal {
                    renewed_on: shifted(from, decided),
                    term: match term {
                        RenewalTerm::Until(until) => RenewalTerm::Until(shifted(
                            from,
                            (until - NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()).num_days(),
                        )),
                        months => months,
                    },
                })
                .collect();
            let contract = ContractDates {
                signed_on: on(signed),
                terms: Some(terms),
                notice_given_on: on(notice),
                ended_on: on(ended),
                renewals,
            };
            (contract, shifted(from, day))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_contract_stands_as_on_the_day_until_the_day_named(
        (contract, day) in contract_and_day(),
    ) {
        let standing = contract.standing(day);
        let until = contract.standing_until(day);
        if let Some(until) = until {
            prop_assert!(until > day);
        }
        let last = until.map_or(shifted(day, 1500), |until| until.pred_opt().unwrap());
        let mut on = day;
        while on <= last.min(shifted(day, 1500)) {
            prop_assert_eq!(contract.standing(on), standing, "on {} (looked at on {}, until {:?})", on, day, until);
            on = on.succ_opt().unwrap();
        }
    }

    #[test]
    fn a_contract_without_terms_stands_as_on_the_day_until_the_day_named(
        signed in proptest::option::of(date_in(2000, 2010)),
        ended in proptest::option::of(date_in(2000, 2010)),
        day in date_in(1999, 2011),
    ) {
        let contract = ContractDates { signed_on: signed, ended_on: ended, ..ContractDates::default() };
        let standing = contract.standing(day);
        let until = contract.standing_until(day).unwrap_or(shifted(day, 5000));
        let mut on = day;
        while on < until.min(shifted(day, 5000)) {
            prop_assert_eq!(contract.standing(on), standing);
            on = on.succ_opt().unwrap();
        }
    }
}
