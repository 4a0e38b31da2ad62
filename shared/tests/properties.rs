//! Property tests of the public API: the BGB date rules, contract terms and notices, status
//! over time, and the validated values.

// `allow-unwrap-in-tests` covers `#[test]` functions only, not the strategies they share.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use core::num::NonZeroU32;

use chrono::NaiveDate;
use proptest::prelude::*;
use verbund_shared::contract::{
    ContractDates, ContractStatus, ContractTerms, InitialTerm, NoticePeriod, NoticeTo, Renewal,
};
use verbund_shared::dates::{add_months_event, deadline_before, term_end};
use verbund_shared::keys::{KeyKind, OfficialKey};
use verbund_shared::name::Name;
use verbund_shared::period::Period;

mod common;

use common::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn term_end_is_not_before_the_start(start in extreme_date(), n in any::<u32>()) {
        let n = NonZeroU32::new(n.max(1)).unwrap();
        prop_assert!(term_end(start, n) >= start);
    }

    #[test]
    fn term_end_grows_with_the_months(start in date_in(1, 9999), n in months()) {
        let longer = NonZeroU32::new(n.get() + 1).unwrap();
        prop_assert!(term_end(start, n) < term_end(start, longer));
    }

    #[test]
    fn term_end_and_event_periods_agree(start in date(), n in months()) {
        // A term ends the day before the event period would, unless the month is short.
        let event_end = add_months_event(start, n.get());
        let end = term_end(start, n);
        prop_assert!(end == event_end || succ(end) == event_end);
    }

    #[test]
    fn deadline_is_the_last_day_that_leaves_the_full_period(
        day_after_end in date(),
        m in 0u32..=1200,
    ) {
        let deadline = deadline_before(day_after_end, m);
        prop_assert!(deadline < day_after_end);
        prop_assert!(add_months_event(deadline, m) < day_after_end);
        prop_assert!(add_months_event(succ(deadline), m) >= day_after_end);
    }

    #[test]
    fn date_functions_never_panic(
        date in extreme_date(),
        n in any::<u32>(),
        terms in any_terms(),
    ) {
        let _ = term_end(date, NonZeroU32::new(n.max(1)).unwrap());
        let _ = deadline_before(date, n);
        let _ = add_months_event(date, n);
        let _ = terms.term_containing(date);
        let _ = terms.next_notice(date);
        let _ = terms.end_if_notice_on(date);
        let _ = terms.ends_on(Some(date));
        let back = chrono::Days::new(u64::from(n % 4000));
        if let Some(late) = NaiveDate::MAX.checked_sub_days(back) {
            let _ = ContractTerms::new(
                late,
                InitialTerm::Months(NonZeroU32::new(n % 24 + 1).unwrap()),
                Renewal::Tacit { months: NonZeroU32::new(n % 12 + 1).unwrap() },
                Some(NoticePeriod::new(0, NoticeTo::EndOfYear)),
            )
            .map(|t| (t.term_containing(NaiveDate::MAX), t.next_notice(date)));
        }
    }

    #[test]
    fn the_term_containing_a_day_contains_it(terms in any_terms(), d in date()) {
        if let Some((start, end)) = terms.term_containing(d) {
            prop_assert!(start <= end);
            prop_assert!(d <= end);
            prop_assert!(start <= d || start == terms.effective_from());
            prop_assert_eq!(terms.current_term_ends_on(d), Some(end));
        }
    }

    #[test]
    fn renewal_terms_are_contiguous_and_counted_from_their_own_start(
        terms in renewing_terms(),
        d in date(),
    ) {
        let Renewal::Tacit { months } = terms.renewal() else { unreachable!() };
        let (start, end) = terms.term_containing(d).unwrap();
        let (next_start, next_end) = terms.term_containing(succ(end)).unwrap();
        prop_assert_eq!(next_start, succ(end));
        prop_assert_eq!(next_end, term_end(next_start, months));
        if start > terms.effective_from() {
            prop_assert_eq!(end, term_end(start, months));
            let previous = terms.term_containing(start.pred_opt().unwrap()).unwrap();
            prop_assert_eq!(previous.1, start.pred_opt().unwrap());
        } else {
            prop_assert_eq!(Some(end), terms.initial_term_ends_on());
        }
    }

    #[test]
    fn renewal_terms_match_stepping_through_them(terms in renewing_terms(), ahead in 0u64..20_000) {
        let Renewal::Tacit { months } = terms.renewal() else { unreachable!() };
        let d = terms.effective_from() + chrono::Days::new(ahead);
        let mut term = (terms.effective_from(), terms.initial_term_ends_on().unwrap());
        while term.1 < d {
            let start = succ(term.1);
            term = (start, term_end(start, months));
        }
        prop_assert_eq!(terms.term_containing(d), Some(term));
    }

    #[test]
    fn the_current_term_ends_on_or_after_the_day(terms in any_terms(), d in date()) {
        if let Some(end) = terms.current_term_ends_on(d) {
            prop_assert!(end >= d);
        }
    }

    #[test]
    fn a_notice_by_the_deadline_ends_the_contract_then_and_not_a_day_later(
        terms in any_terms(),
        as_of in date(),
    ) {
        let Some(notice) = terms.next_notice(as_of) else { return Ok(()) };
        let period = terms.notice().unwrap();
        prop_assert!(notice.deadline >= as_of);
        prop_assert!(notice.ends_on >= notice.deadline);
        prop_assert!(is_period_end(period.to, notice.ends_on));
        prop_assert!(notice.ends_on >= terms.effective_from());
        prop_assert!(add_months_event(notice.deadline, period.months) <= notice.ends_on);
        prop_assert_eq!(terms.end_if_notice_on(as_of), Some(notice.ends_on));
        prop_assert_eq!(terms.end_if_notice_on(notice.deadline), Some(notice.ends_on));
        let late = terms.end_if_notice_on(succ(notice.deadline));
        prop_assert!(late.is_none_or(|late| late > notice.ends_on));
        if let Some(term_end) = terms.current_term_ends_on(as_of) {
            // Terms are binding: notice never ends a contract before its current term.
            prop_assert!(notice.ends_on >= term_end);
        }
    }

    #[test]
    fn notice_to_the_end_of_term_leaves_the_full_period(
        terms in terms_with(
            false,
            tacit(),
            (0u32..=24).prop_map(|m| Some(NoticePeriod::new(m, NoticeTo::EndOfTerm))),
        ),
        as_of in date(),
    ) {
        let m = terms.notice().unwrap().months;
        let notice = terms.next_notice(as_of).unwrap();
        prop_assert_eq!(terms.current_term_ends_on(notice.ends_on), Some(notice.ends_on));
        prop_assert!(add_months_event(notice.deadline, m) <= notice.ends_on);
        prop_assert!(add_months_event(succ(notice.deadline), m) > notice.ends_on);
    }

    #[test]
    fn status_never_leaves_ended_and_never_returns_to_draft(
        terms in proptest::option::of(any_terms()),
        signed in proptest::option::of(date()),
        notice in proptest::option::of(date()),
        ended in proptest::option::of(date()),
        renewals in proptest::collection::vec(any_express_renewal(), 0..4),
        mut days in proptest::collection::vec(date(), 1..40),
    ) {
        let contract = ContractDates {
            signed_on: signed,
            terms,
            notice_given_on: notice,
            ended_on: ended,
            renewals,
        };
        days.sort();
        let statuses: Vec<_> = days.iter().map(|d| contract.status(*d)).collect();
        for pair in statuses.windows(2) {
            if pair[0] == ContractStatus::Ended {
                prop_assert_eq!(pair[1], ContractStatus::Ended);
            }
            if pair[0] != ContractStatus::Draft {
                prop_assert_ne!(pair[1], ContractStatus::Draft);
            }
        }
        if let (Some(ends_on), Some(signed)) = (contract.ends_on(), signed) {
            let after = succ(ends_on.max(signed));
            prop_assert_eq!(contract.status(after), ContractStatus::Ended);
        }
    }

    #[test]
    fn valid_keys_round_trip(
        land in 1u8..=16,
        rest in prop_oneof!["[0-9]{3}", "[0-9]{6}", "[0-9]{10}"],
        before in "[ \t\n]{0,2}",
        after in "[ \t\n]{0,2}",
    ) {
        let digits = format!("{land:02}{rest}");
        let key = OfficialKey::parse(&format!("{before}{digits}{after}")).unwrap();
        prop_assert_eq!(key.as_str(), digits.as_str());
        prop_assert_eq!(key.to_string(), digits.clone());
        prop_assert_eq!(key.land(), land);
        prop_assert_eq!(key.kind().digits(), digits.len());
        prop_assert_eq!(key.kreisschluessel().kind(), KeyKind::Kreisschluessel);
        prop_assert_eq!(OfficialKey::parse(key.as_str()).unwrap(), key.clone());
        let json = serde_json::to_string(&key).unwrap();
        prop_assert_eq!(serde_json::from_str::<OfficialKey>(&json).unwrap(), key);
    }

    #[test]
    fn keys_with_bad_characters_lengths_or_lands_are_rejected(
        text in "\\PC{0,14}",
        digits in "[0-9]{0,14}",
        bad_land in prop_oneof![Just(0u8), 17u8..=99],
        rest in prop_oneof!["[0-9]{3}", "[0-9]{6}", "[0-9]{10}"],
    ) {
        let trimmed = text.trim();
        if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            prop_assert!(OfficialKey::parse(&text).is_err());
        }
        if ![5, 8, 12].contains(&digits.len()) {
            prop_assert!(OfficialKey::parse(&digits).is_err());
        }
        let wrong_land = format!("{bad_land:02}{rest}");
        prop_assert!(OfficialKey::parse(&wrong_land).is_err());
        let bad_json = serde_json::to_string(&wrong_land).unwrap();
        prop_assert!(serde_json::from_str::<OfficialKey>(&bad_json).is_err());
    }

    #[test]
    fn names_round_trip_and_bad_names_are_rejected(
        text in "\\PC{0,220}",
        inserted in "[\\x00-\\x1f\\x7f]",
    ) {
        match Name::parse(&text) {
            Ok(name) => {
                prop_assert_eq!(name.as_str(), text.trim());
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= Name::MAX_CHARS);
                prop_assert_eq!(Name::parse(name.as_str()).unwrap(), name.clone());
                let json = serde_json::to_string(&name).unwrap();
                prop_assert_eq!(serde_json::from_str::<Name>(&json).unwrap(), name.clone());
                let broken = format!("{name}{inserted}x");
                prop_assert!(Name::parse(&broken).is_err());
            }
            Err(_) => {
                let trimmed = text.trim();
                prop_assert!(
                    trimmed.is_empty()
                        || trimmed.chars().count() > Name::MAX_CHARS
                        || trimmed.chars().any(char::is_control)
                );
            }
        }
    }

    #[test]
    fn periods_overlap_exactly_when_they_share_a_day(
        a_from in date_in(2000, 2002),
        a_len in proptest::option::of(0u64..400),
        b_from in date_in(2000, 2002),
        b_len in proptest::option::of(0u64..400),
    ) {
        let period = |from: NaiveDate, len: Option<u64>| {
            Period::new(from, len.map(|len| from + chrono::Days::new(len))).unwrap()
        };
        let a = period(a_from, a_len);
        let b = period(b_from, b_len);
        let last = NaiveDate::from_ymd_opt(2004, 12, 31).unwrap();
        let shared = (days(a_from.min(b_from))..=days(last))
            .map(from_days)
            .any(|d| a.contains(d) && b.contains(d));
        prop_assert_eq!(a.overlaps(&b), shared);
        prop_assert_eq!(b.overlaps(&a), shared);
    }
}
