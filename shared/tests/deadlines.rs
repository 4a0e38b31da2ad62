//! Property tests of express renewals, decision deadlines and the deadline desk: what must
//! hold for every contract and every day.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use core::num::NonZeroU32;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use verbund_shared::contract::{
    ContractDates, ContractStatus, ContractTerms, DeadlineKind, ExpressRenewal, InitialTerm,
    Renewal, RenewalError, RenewalTerm,
};
use verbund_shared::dates::{add_months_event, term_end};

mod common;

use common::*;

type Term = (NaiveDate, NaiveDate);

#[derive(Debug, Clone, Copy)]
enum Length {
    Months(u32),
    Days(u64),
}

/// An express contract with possible renewals, recorded in any order, and the chain of terms
/// they make, stepped through here term by term.
fn renewed_contract() -> impl Strategy<Value = (ContractDates, Vec<Term>)> {
    let length = prop_oneof![
        (1u32..=36).prop_map(Length::Months),
        (0u64..1500).prop_map(Length::Days),
    ];
    let specs = proptest::collection::vec((0u64..400, length), 0..6);
    (express_terms(), specs, 0u64..400)
        .prop_flat_map(|(terms, specs, signed_before)| {
            let (renewals, chain) = step_through(&terms, &specs);
            let contract = ContractDates {
                signed_on: Some(terms.effective_from() - Days::new(signed_before)),
                terms: Some(terms),
                renewals: Vec::new(),
                ..ContractDates::default()
            };
            (Just(contract), Just(renewals).prop_shuffle(), Just(chain))
        })
        .prop_map(|(contract, renewals, chain)| {
            (
                ContractDates {
                    renewals,
                    ..contract
                },
                chain,
            )
        })
}

/// Renewals decided one after another, each some days before the last term ends, leaving out
/// those the decision period does not allow; and the terms they make.
fn step_through(
    terms: &ContractTerms,
    specs: &[(u64, Length)],
) -> (Vec<ExpressRenewal>, Vec<Term>) {
    let mut chain = vec![(
        terms.effective_from(),
        terms.initial_term_ends_on().unwrap(),
    )];
    let mut renewals: Vec<ExpressRenewal> = Vec::new();
    for &(back, length) in specs {
        let last_end = chain.last().unwrap().1;
        let start = succ(last_end);
        let (term, end) = match length {
            Length::Months(n) => {
                let n = NonZeroU32::new(n).unwrap();
                (RenewalTerm::Months(n), term_end(start, n))
            }
            Length::Days(days) => {
                let end = start + Days::new(days);
                (RenewalTerm::Until(end), end)
            }
        };
        let decision = terms.decision_months().and_then(NonZeroU32::new);
        if decision.is_some_and(|n| term_end(start, n) >= end) {
            continue;
        }
        let earliest = renewals.last().map(|r| succ(r.renewed_on));
        let renewed_on = (last_end - Days::new(back)).max(earliest.unwrap_or(NaiveDate::MIN));
        renewals.push(ExpressRenewal { renewed_on, term });
        chain.push((start, end));
    }
    (renewals, chain)
}

/// Any contract, with renewals as someone might record them, possible or not.
fn any_contract() -> impl Strategy<Value = ContractDates> {
    (
        proptest::option::of(any_terms()),
        proptest::option::of(date()),
        proptest::option::of(date()),
        proptest::option::of(date()),
        proptest::collection::vec(any_express_renewal(), 0..3),
    )
        .prop_map(
            |(terms, signed_on, notice_given_on, ended_on, renewals)| ContractDates {
                signed_on,
                terms,
                notice_given_on,
                ended_on,
                renewals,
            },
        )
}

fn signed(terms: ContractTerms) -> ContractDates {
    ContractDates {
        signed_on: Some(terms.effective_from()),
        terms: Some(terms),
        ..ContractDates::default()
    }
}

fn kinds_and_days(contract: &ContractDates, day: NaiveDate) -> Vec<(DeadlineKind, NaiveDate)> {
    contract
        .next_deadlines(day)
        .into_iter()
        .map(|deadline| (deadline.kind, deadline.day))
        .collect()
}

fn day_of(contract: &ContractDates, day: NaiveDate, kind: DeadlineKind) -> Option<NaiveDate> {
    kinds_and_days(contract, day)
        .into_iter()
        .find(|&(k, _)| k == kind)
        .map(|(_, day)| day)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn renewals_make_the_chain_stepped_through_in_the_order_decided(
        (contract, chain) in renewed_contract(),
    ) {
        prop_assert_eq!(contract.renewed_terms().unwrap(), chain[1..].to_vec());
        let last = chain.last().unwrap().1;
        prop_assert_eq!(contract.ends_on(), Some(last));
        prop_assert_ne!(contract.status(last), ContractStatus::Ended);
        prop_assert_eq!(contract.status(succ(last)), ContractStatus::Ended);
        for &(start, end) in &chain {
            prop_assert_eq!(contract.term_containing(start), Some((start, end)));
            prop_assert_eq!(contract.term_containing(end), Some((start, end)));
        }
        prop_assert_eq!(contract.term_containing(succ(last)), None);
    }

    #[test]
    fn a_decision_deadline_leaves_the_full_period_within_the_term(
        (contract, chain) in renewed_contract(),
        pick in any::<prop::sample::Index>(),
    ) {
        let months = contract.terms.unwrap().decision_months();
        let (start, end) = chain[pick.index(chain.len())];
        let deadline = contract.decision_deadline(start);
        prop_assert_eq!(deadline.is_some(), months.is_some());
        let (Some(deadline), Some(months)) = (deadline, months) else { return Ok(()) };
        prop_assert!(deadline >= start && deadline <= end);
        prop_assert!(add_months_event(deadline, months) <= end);
        prop_assert!(add_months_event(succ(deadline), months) > end);
        prop_assert_eq!(contract.decision_deadline(end), Some(deadline));
    }

    #[test]
    fn a_renewal_is_taken_until_the_term_ends_and_refused_after(
        (contract, chain) in renewed_contract(),
        late in 1u64..1000,
    ) {
        let last = chain.last().unwrap().1;
        let months = contract.terms.unwrap().decision_months().unwrap_or(0) + 1;
        let renew_on = |renewed_on| {
            let mut renewed = contract.clone();
            renewed.renewals.push(ExpressRenewal {
                renewed_on,
                term: RenewalTerm::Months(NonZeroU32::new(months).unwrap()),
            });
            renewed.renewed_terms()
        };
        let in_time = renew_on(last).unwrap();
        prop_assert_eq!(in_time.len(), chain.len());
        prop_assert_eq!(in_time.last().unwrap().0, succ(last));
        prop_assert_eq!(
            renew_on(last + Days::new(late)),
            Err(RenewalError::TermOver { renewed_on: last + Days::new(late), term_ended_on: last })
        );
    }

    #[test]
    fn only_express_contracts_can_be_renewed(
        terms in any_terms(),
        renewal in any_express_renewal(),
    ) {
        let contract = ContractDates { renewals: vec![renewal], ..signed(terms) };
        if terms.renewal() != Renewal::Express {
            prop_assert_eq!(contract.renewed_terms(), Err(RenewalError::NotExpress));
            prop_assert_eq!(contract.ends_on(), terms.ends_on(None));
        }
        let without_terms = ContractDates { terms: None, ..contract };
        prop_assert_eq!(without_terms.renewed_terms(), Err(RenewalError::NoTerms));
    }

    #[test]
    fn the_desk_shows_each_kind_at_most_once_and_nothing_before_the_day(
        contract in any_contract(),
        as_of in date(),
    ) {
        let deadlines = contract.next_deadlines(as_of);
        prop_assert!(deadlines.iter().all(|deadline| deadline.day >= as_of));
        prop_assert!(deadlines.windows(2).all(|pair| pair[0].day <= pair[1].day));
        for kind in DeadlineKind::ALL {
            prop_assert!(deadlines.iter().filter(|d| d.kind == kind).count() <= 1);
        }
        if matches!(contract.status(as_of), ContractStatus::Draft | ContractStatus::Ended) {
            prop_assert!(deadlines.is_empty());
        }
        for deadline in &deadlines {
            let to_act = deadline.day_to_act();
            prop_assert!(to_act <= deadline.day);
            prop_assert!(deadline.day - to_act <= chrono::TimeDelta::days(4));
        }
    }

    #[test]
    fn contract_answers_never_panic(contract in any_contract(), day in extreme_date()) {
        let _ = contract.next_deadlines(day);
        let _ = contract.next_decision(day);
        let _ = contract.decision_deadline(day);
        let _ = contract.term_containing(day);
        let _ = contract.renewed_terms();
        let late = ExpressRenewal { renewed_on: day, term: RenewalTerm::Until(day) };
        let _ = ContractDates { renewals: vec![late], ..contract }.next_deadlines(day);
    }

    #[test]
    fn a_deadline_seen_ahead_is_still_there_on_its_day(
        contract in any_contract(),
        as_of in date(),
    ) {
        // Nothing recorded after `as_of`, so nothing can change what is due.
        let settled = ContractDates {
            notice_given_on: contract.notice_given_on.filter(|&d| d <= as_of),
            renewals: contract.renewals.iter().copied().filter(|r| r.renewed_on <= as_of).collect(),
            ..contract
        };
        for (kind, day) in kinds_and_days(&settled, as_of) {
            prop_assert_eq!(day_of(&settled, day, kind), Some(day), "{:?}", kind);
        }
    }

    #[test]
    fn tacit_renewal_notice_moves_on_to_the_next_term_the_day_after_its_deadline(
        terms in renewing_terms(),
        as_of in date(),
    ) {
        let contract = signed(terms);
        let as_of = as_of.max(terms.effective_from());
        let notice = contract.next_notice(as_of).unwrap();
        let deadlines = kinds_and_days(&contract, as_of);
        prop_assert!(deadlines.contains(&(DeadlineKind::Notice, notice.deadline)));
        let term_end = contract.current_term_ends_on(as_of).unwrap();
        prop_assert!(deadlines.contains(&(DeadlineKind::End, term_end)));
        prop_assert_eq!(day_of(&contract, as_of, DeadlineKind::Decision), None);
        let after = succ(notice.deadline);
        let next = contract.next_notice(after).unwrap();
        prop_assert!(next.deadline > notice.deadline);
        prop_assert!(next.ends_on > notice.ends_on);
        prop_assert_eq!(day_of(&contract, after, DeadlineKind::Notice), Some(next.deadline));
    }

    #[test]
    fn a_fixed_term_has_only_its_end(
        terms in terms_with(false, Just(Renewal::None), any_notice()),
        as_of in date(),
    ) {
        // Signed a month ahead; before that it is a draft.
        let signed_on = terms.effective_from() - Days::new(30);
        let contract = ContractDates { signed_on: Some(signed_on), ..signed(terms) };
        let as_of = as_of.max(signed_on);
        let end = terms.initial_term_ends_on().unwrap();
        let expected = if as_of <= end { vec![(DeadlineKind::End, end)] } else { Vec::new() };
        prop_assert_eq!(kinds_and_days(&contract, as_of), expected);
    }

    #[test]
    fn express_renewal_has_no_notice_and_decides_before_it_ends(
        (contract, _chain) in renewed_contract(),
        as_of in date(),
    ) {
        prop_assert_eq!(day_of(&contract, as_of, DeadlineKind::Notice), None);
        if let Some(decision) = day_of(&contract, as_of, DeadlineKind::Decision) {
            let end = day_of(&contract, as_of, DeadlineKind::End).unwrap();
            prop_assert!(decision <= end);
            let open = contract.next_decision(as_of).unwrap();
            prop_assert_eq!(open.deadline, decision);
            prop_assert_eq!(open.term_ends_on, end);
        }
    }

    #[test]
    fn an_indefinite_contract_has_no_end_until_notice_is_given(
        terms in (date_in(1990, 2100), some_notice()).prop_filter_map(
            "notice to the end of a term",
            |(from, notice)| ContractTerms::new(from, InitialTerm::Indefinite, Renewal::None, notice).ok(),
        ),
        as_of in date(),
    ) {
        let contract = signed(terms);
        prop_assert_eq!(day_of(&contract, as_of, DeadlineKind::End), None);
        let notice = day_of(&contract, as_of, DeadlineKind::Notice);
        let noticed_on = notice.unwrap_or(as_of);
        let noticed = ContractDates { notice_given_on: Some(noticed_on), ..contract.clone() };
        if notice.is_some() && noticed.status(noticed_on) != ContractStatus::Ended {
            let end = day_of(&noticed, noticed_on, DeadlineKind::End);
            prop_assert_eq!(end, noticed.ends_on());
            prop_assert_eq!(day_of(&noticed, noticed_on, DeadlineKind::Notice), None);
        }
    }
}
