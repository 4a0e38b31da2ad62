//! The terms, notices and ends of the rules in the module documentation, by hand.

use super::*;

struct Case {
    what: &'static str,
    terms: ContractTerms,
    as_of: &'static str,
    term: Option<(&'static str, &'static str)>,
    notice: Option<(&'static str, &'static str)>,
}

fn cases() -> Vec<Case> {
    let leap_monthly = terms(
        "2020-01-31",
        InitialTerm::Months(months(1)),
        tacit(1),
        notice(0, NoticeTo::EndOfTerm),
    );
    let until_leap_day = terms(
        "2019-03-01",
        InitialTerm::Until(day("2020-02-29")),
        tacit(12),
        notice(1, NoticeTo::EndOfTerm),
    );
    let from_leap_day = terms(
        "2020-02-29",
        InitialTerm::Months(months(12)),
        tacit(12),
        notice(3, NoticeTo::EndOfTerm),
    );
    let mid_month_to_month_end = terms(
        "2021-01-15",
        InitialTerm::Months(months(6)),
        tacit(6),
        notice(1, NoticeTo::EndOfMonth),
    );
    let monthly_to_year_end = terms(
        "2021-01-01",
        InitialTerm::Months(months(12)),
        tacit(1),
        notice(0, NoticeTo::EndOfYear),
    );
    let indefinite_quarter = terms(
        "2020-01-01",
        InitialTerm::Indefinite,
        Renewal::None,
        notice(3, NoticeTo::EndOfQuarter),
    );
    let indefinite_year = terms(
        "2020-01-01",
        InitialTerm::Indefinite,
        Renewal::None,
        notice(6, NoticeTo::EndOfYear),
    );
    let indefinite_month = terms(
        "2020-01-01",
        InitialTerm::Indefinite,
        Renewal::None,
        notice(1, NoticeTo::EndOfMonth),
    );
    let fixed = terms(
        "2019-01-01",
        InitialTerm::Months(months(24)),
        Renewal::None,
        None,
    );
    let express = terms(
        "2019-01-01",
        InitialTerm::Until(day("2019-12-31")),
        Renewal::Express,
        notice(3, NoticeTo::EndOfTerm),
    );
    let p = product_example();
    #[rustfmt::skip]
    let cases = vec![
        Case { what: "PRODUCT.md: first day in force",
            terms: p, as_of: "2019-01-01",
            term: Some(("2019-01-01", "2021-12-31")),
            notice: Some(("2021-09-30", "2021-12-31")) },
        Case { what: "before it takes effect: the first term",
            terms: p, as_of: "2018-06-01",
            term: Some(("2019-01-01", "2021-12-31")),
            notice: Some(("2021-09-30", "2021-12-31")) },
        Case { what: "PRODUCT.md: on the deadline",
            terms: p, as_of: "2021-09-30",
            term: Some(("2019-01-01", "2021-12-31")),
            notice: Some(("2021-09-30", "2021-12-31")) },
        Case { what: "PRODUCT.md: the day after the deadline",
            terms: p, as_of: "2021-10-01",
            term: Some(("2019-01-01", "2021-12-31")),
            notice: Some(("2022-09-30", "2022-12-31")) },
        Case { what: "last day of the initial term",
            terms: p, as_of: "2021-12-31",
            term: Some(("2019-01-01", "2021-12-31")),
            notice: Some(("2022-09-30", "2022-12-31")) },
        Case { what: "first day of the first renewal",
            terms: p, as_of: "2022-01-01",
            term: Some(("2022-01-01", "2022-12-31")),
            notice: Some(("2022-09-30", "2022-12-31")) },
        Case { what: "deadline moves on after a renewal",
            terms: p, as_of: "2022-10-01",
            term: Some(("2022-01-01", "2022-12-31")),
            notice: Some(("2023-09-30", "2023-12-31")) },
        Case { what: "years later",
            terms: p, as_of: "2030-05-05",
            term: Some(("2030-01-01", "2030-12-31")),
            notice: Some(("2030-09-30", "2030-12-31")) },
        Case { what: "31 January + 1 month ends on the leap day",
            terms: leap_monthly, as_of: "2020-02-29",
            term: Some(("2020-01-31", "2020-02-29")),
            notice: Some(("2020-02-29", "2020-02-29")) },
        Case { what: "renewal after a short month starts on the 1st",
            terms: leap_monthly, as_of: "2020-03-01",
            term: Some(("2020-03-01", "2020-03-31")),
            notice: Some(("2020-03-31", "2020-03-31")) },
        Case { what: "until the leap day: deadline at the end of January",
            terms: until_leap_day, as_of: "2020-01-29",
            term: Some(("2019-03-01", "2020-02-29")),
            notice: Some(("2020-01-31", "2020-02-29")) },
        Case { what: "until the leap day: too late for the first term",
            terms: until_leap_day, as_of: "2020-02-01",
            term: Some(("2019-03-01", "2020-02-29")),
            notice: Some(("2021-01-31", "2021-02-28")) },
        Case { what: "renewals keep to the renewal length, 2024-02-29",
            terms: until_leap_day, as_of: "2024-02-29",
            term: Some(("2023-03-01", "2024-02-29")),
            notice: Some(("2025-01-31", "2025-02-28")) },
        Case { what: "12 months from the leap day end on 28 February",
            terms: from_leap_day, as_of: "2020-11-28",
            term: Some(("2020-02-29", "2021-02-28")),
            notice: Some(("2020-11-30", "2021-02-28")) },
        Case { what: "from the leap day, deadline passed",
            terms: from_leap_day, as_of: "2020-12-01",
            term: Some(("2020-02-29", "2021-02-28")),
            notice: Some(("2021-11-30", "2022-02-28")) },
        Case { what: "mid-month term, notice to the month end after it",
            terms: mid_month_to_month_end, as_of: "2021-06-14",
            term: Some(("2021-01-15", "2021-07-14")),
            notice: Some(("2021-06-14", "2021-07-31")) },
        Case { what: "mid-month term, deadline passed",
            terms: mid_month_to_month_end, as_of: "2021-06-15",
            term: Some(("2021-01-15", "2021-07-14")),
            notice: Some(("2021-12-14", "2022-01-31")) },
        Case { what: "monthly renewal, notice to the year end, last day",
            terms: monthly_to_year_end, as_of: "2021-12-31",
            term: Some(("2021-01-01", "2021-12-31")),
            notice: Some(("2021-12-31", "2021-12-31")) },
        Case { what: "monthly renewal, notice to the year end, next year",
            terms: monthly_to_year_end, as_of: "2022-01-01",
            term: Some(("2022-01-01", "2022-01-31")),
            notice: Some(("2022-12-31", "2022-12-31")) },
        Case { what: "indefinite, notice to a quarter end",
            terms: indefinite_quarter, as_of: "2021-01-15",
            term: None,
            notice: Some(("2021-03-31", "2021-06-30")) },
        Case { what: "indefinite, quarter deadline passed",
            terms: indefinite_quarter, as_of: "2021-04-01",
            term: None,
            notice: Some(("2021-06-30", "2021-09-30")) },
        Case { what: "indefinite, before it takes effect",
            terms: indefinite_quarter, as_of: "2019-06-01",
            term: None,
            notice: Some(("2019-12-31", "2020-03-31")) },
        Case { what: "indefinite, year end, on the deadline",
            terms: indefinite_year, as_of: "2021-06-30",
            term: None,
            notice: Some(("2021-06-30", "2021-12-31")) },
        Case { what: "indefinite, year end, deadline passed",
            terms: indefinite_year, as_of: "2021-07-01",
            term: None,
            notice: Some(("2022-06-30", "2022-12-31")) },
        Case { what: "indefinite, month end, 2024-01-31 reaches the leap day",
            terms: indefinite_month, as_of: "2024-01-31",
            term: None,
            notice: Some(("2024-01-31", "2024-02-29")) },
        Case { what: "indefinite, month end, deadline on the leap day",
            terms: indefinite_month, as_of: "2024-02-01",
            term: None,
            notice: Some(("2024-02-29", "2024-03-31")) },
        Case { what: "fixed term runs",
            terms: fixed, as_of: "2020-06-01",
            term: Some(("2019-01-01", "2020-12-31")),
            notice: None },
        Case { what: "fixed term is over",
            terms: fixed, as_of: "2021-01-01",
            term: None,
            notice: None },
        Case { what: "express renewal: no notice needed",
            terms: express, as_of: "2019-05-01",
            term: Some(("2019-01-01", "2019-12-31")),
            notice: None },
    ];
    cases
}

#[test]
fn hand_checked_terms_and_notices() {
    let cases = cases();
    assert!(cases.len() >= 25);
    for case in cases {
        let as_of = day(case.as_of);
        let what = case.what;
        let term = case.term.map(|(from, until)| (day(from), day(until)));
        assert_eq!(case.terms.term_containing(as_of), term, "term: {what}");
        assert_eq!(
            case.terms.current_term_ends_on(as_of),
            term.map(|(_, until)| until),
            "{what}"
        );
        let notice = case.notice.map(|(deadline, ends_on)| Notice {
            deadline: day(deadline),
            ends_on: day(ends_on),
        });
        assert_eq!(case.terms.next_notice(as_of), notice, "notice: {what}");
        if let Some(notice) = notice {
            let end = |d| case.terms.end_if_notice_on(d);
            assert_eq!(end(as_of), Some(notice.ends_on), "end today: {what}");
            assert_eq!(end(notice.deadline), Some(notice.ends_on), "{what}");
            let late = notice.deadline.succ_opt().unwrap();
            assert!(end(late) > Some(notice.ends_on), "end if late: {what}");
        }
    }
}

#[test]
fn the_initial_term_is_honoured_after_renewals() {
    let p = product_example();
    assert_eq!(p.initial_term_ends_on(), Some(day("2021-12-31")));
    // 36 months first, then 12 each: 2022, 2023, ...; never a 36-month step again.
    assert_eq!(
        p.term_containing(day("2024-06-30")),
        Some((day("2024-01-01"), day("2024-12-31")))
    );
    assert_eq!(
        p.term_containing(day("9999-12-31")),
        Some((day("9999-01-01"), day("9999-12-31")))
    );
}

#[test]
fn ends_on_follows_the_notice() {
    let p = product_example();
    assert_eq!(p.ends_on(None), None);
    assert_eq!(p.ends_on(Some(day("2021-09-30"))), Some(day("2021-12-31")));
    assert_eq!(p.ends_on(Some(day("2021-10-01"))), Some(day("2022-12-31")));
    assert_eq!(p.ends_on(Some(day("2017-01-01"))), Some(day("2021-12-31")));
    let fixed = terms(
        "2019-01-01",
        InitialTerm::Until(day("2020-06-30")),
        Renewal::None,
        None,
    );
    assert_eq!(fixed.ends_on(None), Some(day("2020-06-30")));
    assert_eq!(
        fixed.ends_on(Some(day("2019-02-01"))),
        Some(day("2020-06-30"))
    );
    let open = terms("2019-01-01", InitialTerm::Indefinite, Renewal::None, None);
    assert_eq!(open.ends_on(Some(day("2019-02-01"))), None);
    assert_eq!(open.next_notice(day("2019-02-01")), None);
}

#[test]
fn impossible_terms_are_rejected() {
    let from = day("2019-01-01");
    let m36 = InitialTerm::Months(months(36));
    let cases = [
        (
            InitialTerm::Until(day("2018-12-31")),
            Renewal::None,
            None,
            TermsError::UntilBeforeEffective {
                effective_from: from,
                until: day("2018-12-31"),
            },
        ),
        (
            InitialTerm::Indefinite,
            tacit(12),
            notice(3, NoticeTo::EndOfMonth),
            TermsError::RenewalWithoutTerm,
        ),
        (
            InitialTerm::Indefinite,
            Renewal::Express,
            None,
            TermsError::RenewalWithoutTerm,
        ),
        (
            InitialTerm::Indefinite,
            Renewal::None,
            notice(3, NoticeTo::EndOfTerm),
            TermsError::EndOfTermWithoutTerm,
        ),
        (m36, tacit(12), None, TermsError::TacitRenewalWithoutNotice),
        (
            m36,
            tacit(12),
            notice(36, NoticeTo::EndOfTerm),
            TermsError::NoticeNotShorterThanInitialTerm {
                notice_months: 36,
                term_ends_on: day("2021-12-31"),
            },
        ),
        (
            InitialTerm::Until(day("2019-03-31")),
            Renewal::None,
            notice(3, NoticeTo::EndOfQuarter),
            TermsError::NoticeNotShorterThanInitialTerm {
                notice_months: 3,
                term_ends_on: day("2019-03-31"),
            },
        ),
        (
            m36,
            tacit(3),
            notice(3, NoticeTo::EndOfTerm),
            TermsError::NoticeNotShorterThanRenewal {
                notice_months: 3,
                renewal_months: months(3),
            },
        ),
        (
            InitialTerm::Months(months(u32::MAX)),
            Renewal::None,
            None,
            TermsError::OutOfRange,
        ),
    ];
    for (initial, renewal, notice, error) in cases {
        assert_eq!(
            ContractTerms::new(from, initial, renewal, notice),
            Err(error.clone()),
            "{error}"
        );
    }
    // One day shorter than the term is enough; so is notice on the last day.
    assert!(
        ContractTerms::new(
            from,
            InitialTerm::Until(day("2019-04-01")),
            tacit(4),
            notice(3, NoticeTo::EndOfQuarter),
        )
        .is_ok()
    );
    assert!(
        ContractTerms::new(
            from,
            InitialTerm::Until(from),
            tacit(1),
            notice(0, NoticeTo::EndOfTerm),
        )
        .is_ok()
    );
}

#[test]
fn error_messages_are_clear() {
    assert_eq!(
        TermsError::NoticeNotShorterThanRenewal {
            notice_months: 3,
            renewal_months: months(3),
        }
        .to_string(),
        "a notice period of 3 months is not shorter than a renewal term of 3 months"
    );
    assert_eq!(
        TermsError::UntilBeforeEffective {
            effective_from: day("2019-01-01"),
            until: day("2018-12-31"),
        }
        .to_string(),
        "the initial term cannot end on 2018-12-31, before the contract takes effect on \
         2019-01-01"
    );
}
