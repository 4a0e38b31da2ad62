//! Form checks, field by field.

use core::num::NonZeroU32;

use super::*;
use crate::contract::{ContractDates, ContractTerms, ExpressRenewal, NoticeTo, RenewalTerm};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn collects_every_problem_with_its_field() {
    let mut check = Check::new();
    assert!(check.name("name", "  ").is_none());
    assert!(check.official_key("officialKey", Some("1307")).is_none());
    assert!(
        check
            .period("leftOn", day(2020, 1, 2), Some(day(2020, 1, 1)))
            .is_none()
    );
    assert!(check.count("workstations", Some(-1)).is_none());
    check.password("password", "short");
    let errors = check.finish().err().unwrap_or_default();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["name", "officialKey", "leftOn", "workstations", "password"]
    );
}

#[test]
fn terms_are_checked_field_by_field() {
    let mut check = Check::new();
    let from = Some(day(2024, 1, 1));
    assert!(
        check
            .terms(
                from,
                Some(24),
                None,
                "TACIT",
                Some(12),
                Some(3),
                Some(NoticeTo::EndOfTerm)
            )
            .is_some()
    );
    assert!(
        check
            .terms(None, None, None, "NONE", None, None, None)
            .is_none()
    );
    assert!(check.is_ok(), "a draft without terms is fine");
    assert!(
        check
            .terms(from, None, None, "TACIT", None, None, None)
            .is_none()
    );
    assert!(
        check
            .terms(None, Some(12), None, "NONE", None, None, None)
            .is_none()
    );
    assert!(
        check
            .terms(
                from,
                Some(6),
                None,
                "NONE",
                None,
                Some(6),
                Some(NoticeTo::EndOfTerm)
            )
            .is_none()
    );
    let errors = check.finish().err().unwrap_or_default();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["renewalMonths", "effectiveFrom", "noticeMonths"]);
}

#[test]
fn good_input_passes_and_is_parsed() {
    let mut check = Check::new();
    assert_eq!(
        check.name("name", " Stadt Grabow ").map(|n| n.to_string()),
        Some("Stadt Grabow".to_owned())
    );
    assert_eq!(check.official_key("officialKey", Some("")), None);
    assert!(
        check
            .official_key("officialKey", Some("13076090"))
            .is_some()
    );
    assert!(check.period("leftOn", day(2020, 1, 1), None).is_some());
    check.password("password", "correct horse battery");
    assert!(check.finish().is_ok());
}

fn express_terms(check: &mut Check) -> Option<ContractTerms> {
    check.terms(
        Some(day(2019, 1, 1)),
        Some(36),
        None,
        "EXPRESS",
        None,
        None,
        None,
    )
}

fn tacit_terms(check: &mut Check) -> Option<ContractTerms> {
    check.terms(
        Some(day(2019, 1, 1)),
        Some(36),
        None,
        "TACIT",
        Some(12),
        Some(3),
        Some(NoticeTo::EndOfTerm),
    )
}

fn fields(check: Check) -> Vec<String> {
    let errors = check.finish().err().unwrap_or_default();
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn a_decision_period_is_checked_with_the_terms() {
    let mut check = Check::new();
    let terms = express_terms(&mut check);
    let with = check.decision_period(terms, Some(6));
    assert_eq!(with.and_then(|t| t.decision_months()), Some(6));
    assert_eq!(check.decision_period(terms, None), terms);
    assert!(check.is_ok());
    assert!(check.decision_period(terms, Some(-1)).is_none());
    assert!(check.decision_period(terms, Some(36)).is_none());
    let tacit = tacit_terms(&mut check);
    assert!(check.decision_period(tacit, Some(3)).is_none());
    // A draft without the day it takes effect.
    let draft = check.terms(None, None, None, "EXPRESS", None, None, None);
    assert!(check.decision_period(draft, Some(3)).is_none());
    assert_eq!(
        fields(check),
        [
            "decisionMonths",
            "decisionMonths",
            "decisionMonths",
            "effectiveFrom"
        ]
    );
    // Terms refused for their own reason are not reported twice.
    let mut check = Check::new();
    let bad = check.terms(
        Some(day(2019, 1, 1)),
        Some(0),
        None,
        "EXPRESS",
        None,
        None,
        None,
    );
    assert!(check.decision_period(bad, Some(3)).is_none());
    assert_eq!(fields(check), ["initialTermMonths"]);
}

#[test]
fn an_express_renewal_is_checked_against_the_contract() {
    let mut check = Check::new();
    let terms = express_terms(&mut check).and_then(|t| t.with_decision_period(6).ok());
    let contract = ContractDates {
        signed_on: Some(day(2018, 10, 1)),
        terms,
        ..ContractDates::default()
    };
    let first = check.express_renewal(&contract, day(2021, 5, 15), Some(24), None);
    assert_eq!(
        first,
        Some(ExpressRenewal {
            renewed_on: day(2021, 5, 15),
            term: RenewalTerm::Months(NonZeroU32::new(24).unwrap()),
        })
    );
    let renewed = ContractDates {
        renewals: first.into_iter().collect(),
        ..contract.clone()
    };
    let second = check.express_renewal(&renewed, day(2023, 12, 31), None, Some(day(2025, 6, 30)));
    assert!(second.is_some());
    assert!(check.is_ok());
    let draft = ContractDates {
        signed_on: None,
        ..contract.clone()
    };
    let ended = ContractDates {
        ended_on: Some(day(2020, 12, 31)),
        ..contract.clone()
    };
    // On the day agreed as the last, a renewal is still possible.
    let on_the_last_day = check.express_renewal(&ended, day(2020, 12, 31), Some(12), None);
    assert!(on_the_last_day.is_some());
    let tacit = ContractDates {
        terms: tacit_terms(&mut check),
        ..contract.clone()
    };
    let refused = [
        (&renewed, day(2024, 1, 1), Some(12), None),
        (&contract, day(2021, 5, 15), Some(12), Some(day(2023, 1, 1))),
        (&contract, day(2021, 5, 15), None, None),
        (&contract, day(2021, 5, 15), Some(0), None),
        (&contract, day(2018, 9, 30), Some(12), None),
        (&contract, day(2021, 5, 15), None, Some(day(2021, 12, 31))),
        (&contract, day(2021, 5, 15), Some(6), None),
        (&contract, day(2021, 5, 15), None, Some(day(2022, 6, 30))),
        (&draft, day(2021, 5, 15), Some(12), None),
        (&ended, day(2021, 5, 15), Some(12), None),
        (&tacit, day(2021, 5, 15), Some(12), None),
    ];
    for (contract, renewed_on, months, until) in refused {
        let renewal = check.express_renewal(contract, renewed_on, months, until);
        assert_eq!(renewal, None, "{renewed_on} {months:?} {until:?}");
    }
    let errors = check.finish().err().unwrap_or_default();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "renewedOn",
            "until",
            "months",
            "months",
            "renewedOn",
            "until",
            "months",
            "until",
            "renewedOn",
            "renewedOn",
            "renewedOn"
        ]
    );
    assert!(errors[0].message.contains("comes too late"), "{errors:?}");
    assert!(errors[6].message.contains("decision period"), "{errors:?}");
    assert!(
        errors[9].message.contains("ended by agreement"),
        "{errors:?}"
    );
}

#[test]
fn the_simple_checks_at_their_limits() {
    let mut check = Check::new();
    assert_eq!(check.optional_name("name", Some("  ")), None);
    assert_eq!(
        check
            .optional_name("name", Some(" Amt Zarrentin "))
            .map(|n| n.to_string()),
        Some("Amt Zarrentin".to_owned())
    );
    assert_eq!(check.text("note", Some(" \n ")), None);
    assert_eq!(
        check.text("note", Some(" a note ")),
        Some("a note".to_owned())
    );
    let longest = "ä".repeat(TEXT_MAX_CHARS);
    assert_eq!(check.text("note", Some(&longest)), Some(longest.clone()));
    check.not_before(
        "givenOn",
        day(2020, 1, 1),
        day(2020, 1, 1),
        ("the signing", "der Unterzeichnung"),
    );
    assert_eq!(check.count("users", Some(0)), Some(0));
    check.password("password", &"p".repeat(PASSWORD_MIN_CHARS));
    check.password("password", &"p".repeat(PASSWORD_MAX_CHARS));
    assert!(check.is_ok());
    assert_eq!(check.text("note", Some(&format!("{longest}x"))), None);
    assert!(!check.is_ok());
    check.not_before(
        "givenOn",
        day(2019, 12, 31),
        day(2020, 1, 1),
        ("the signing", "der Unterzeichnung"),
    );
    check.password("password", &"p".repeat(PASSWORD_MIN_CHARS - 1));
    check.password("password", &"p".repeat(PASSWORD_MAX_CHARS + 1));
    // Parts of terms without the day they take effect.
    let tacit_only = check.terms(None, None, None, "TACIT", Some(12), None, None);
    let notice_only = check.terms(
        None,
        None,
        None,
        "NONE",
        None,
        Some(3),
        Some(NoticeTo::EndOfQuarter),
    );
    assert!(tacit_only.is_none() && notice_only.is_none());
    assert_eq!(
        fields(check),
        [
            "note",
            "givenOn",
            "password",
            "password",
            "effectiveFrom",
            "effectiveFrom"
        ]
    );
}

#[test]
fn searches_are_trimmed_bounded_and_on_one_line() {
    assert_eq!(search("s", None), Ok(None));
    assert_eq!(search("s", Some("  ".into())), Ok(None));
    assert_eq!(search("s", Some(" ab ".into())), Ok(Some("ab".into())));
    let longest = "ä".repeat(crate::text::SEARCH_MAX_CHARS);
    assert_eq!(
        search("s", Some(longest.clone())),
        Ok(Some(longest.clone()))
    );
    let err = search("filter.search", Some(format!("{longest}ä"))).err();
    assert_eq!(err.map(|e| e.field), Some("filter.search".to_owned()));
    assert!(search("s", Some("a\u{0}b".into())).is_err());
    assert!(search("s", Some("a\tb".into())).is_err());
}

#[test]
fn filter_lists_are_bounded() {
    assert_eq!(filter_list::<u8>("f", None), Ok(vec![]));
    assert_eq!(
        filter_list("f", Some(vec![1; crate::text::FILTER_MAX_ITEMS])).map(|v| v.len()),
        Ok(100)
    );
    assert!(filter_list("f", Some(vec![1; crate::text::FILTER_MAX_ITEMS + 1])).is_err());
}
