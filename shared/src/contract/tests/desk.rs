//! The next deadlines of a contract as the deadline desk sees them on a day.

use super::*;

/// The deadlines seen on `as_of`, as (kind code, day) pairs.
fn seen(contract: &ContractDates, as_of: &str) -> Vec<(&'static str, String)> {
    contract
        .next_deadlines(day(as_of))
        .into_iter()
        .map(|deadline| (deadline.kind.as_str(), deadline.day.to_string()))
        .collect()
}

fn expected(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    list.iter()
        .map(|&(kind, day)| (kind, day.to_owned()))
        .collect()
}

#[test]
fn tacit_renewal_notice_and_term_end() {
    let grabow = dates(Some("2018-09-25"), Some(product_example()), None, None);
    let cases: [(&str, &[(&str, &str)]); 7] = [
        ("2018-09-24", &[]),
        (
            "2018-09-25",
            &[("NOTICE", "2021-09-30"), ("END", "2021-12-31")],
        ),
        (
            "2021-09-30",
            &[("NOTICE", "2021-09-30"), ("END", "2021-12-31")],
        ),
        // The day after the deadline: notice now ends the next term.
        (
            "2021-10-01",
            &[("END", "2021-12-31"), ("NOTICE", "2022-09-30")],
        ),
        (
            "2021-12-31",
            &[("END", "2021-12-31"), ("NOTICE", "2022-09-30")],
        ),
        (
            "2022-01-01",
            &[("NOTICE", "2022-09-30"), ("END", "2022-12-31")],
        ),
        (
            "2030-05-05",
            &[("NOTICE", "2030-09-30"), ("END", "2030-12-31")],
        ),
    ];
    for (as_of, list) in cases {
        assert_eq!(seen(&grabow, as_of), expected(list), "{as_of}");
    }
}

#[test]
fn a_notice_given_leaves_only_the_end_once_it_is_known() {
    let noticed = dates(
        Some("2018-09-25"),
        Some(product_example()),
        Some("2021-09-30"),
        None,
    );
    assert_eq!(
        seen(&noticed, "2021-09-29"),
        expected(&[("NOTICE", "2021-09-30"), ("END", "2021-12-31")])
    );
    assert_eq!(
        seen(&noticed, "2021-09-30"),
        expected(&[("END", "2021-12-31")])
    );
    assert_eq!(seen(&noticed, "2022-01-01"), expected(&[]));
    // A notice after the deadline ends the next term, but only from the day it arrives.
    let late = dates(
        Some("2018-09-25"),
        Some(product_example()),
        Some("2021-10-01"),
        None,
    );
    assert_eq!(
        seen(&late, "2021-09-15"),
        expected(&[("NOTICE", "2021-09-30"), ("END", "2021-12-31")])
    );
    assert_eq!(
        seen(&late, "2021-10-01"),
        expected(&[("END", "2022-12-31")])
    );
    let agreed_end = dates(
        Some("2018-09-25"),
        Some(product_example()),
        None,
        Some("2022-06-30"),
    );
    assert_eq!(
        seen(&agreed_end, "2021-01-01"),
        expected(&[("NOTICE", "2021-09-30"), ("END", "2022-06-30")])
    );
    assert_eq!(
        seen(&agreed_end, "2021-10-01"),
        expected(&[("END", "2022-06-30")])
    );
}

#[test]
fn fixed_and_indefinite_terms() {
    let fixed = dates(
        Some("2018-12-01"),
        Some(terms(
            "2019-01-01",
            InitialTerm::Months(months(24)),
            Renewal::None,
            notice(3, NoticeTo::EndOfTerm),
        )),
        None,
        None,
    );
    assert_eq!(
        seen(&fixed, "2019-06-01"),
        expected(&[("END", "2020-12-31")])
    );
    assert_eq!(
        seen(&fixed, "2020-12-31"),
        expected(&[("END", "2020-12-31")])
    );
    assert_eq!(seen(&fixed, "2021-01-01"), expected(&[]));
    let open = dates(
        Some("2019-12-01"),
        Some(terms(
            "2020-01-01",
            InitialTerm::Indefinite,
            Renewal::None,
            notice(3, NoticeTo::EndOfQuarter),
        )),
        None,
        None,
    );
    assert_eq!(
        seen(&open, "2021-01-15"),
        expected(&[("NOTICE", "2021-03-31")])
    );
    let open_noticed = ContractDates {
        notice_given_on: Some(day("2021-03-31")),
        ..open.clone()
    };
    assert_eq!(
        seen(&open_noticed, "2021-04-01"),
        expected(&[("END", "2021-06-30")])
    );
    let unknown_terms = dates(Some("2019-12-01"), None, None, None);
    assert_eq!(seen(&unknown_terms, "2021-01-15"), expected(&[]));
}

#[test]
fn express_renewal_decision_and_end() {
    let contract = renewed(
        "2018-10-01",
        express_example(),
        &[by_months("2021-05-15", 24)],
    );
    let cases: [(&str, &[(&str, &str)]); 5] = [
        (
            "2021-01-01",
            &[("DECISION", "2021-06-30"), ("END", "2021-12-31")],
        ),
        // Renewed on 2021-05-15: not known the day before.
        (
            "2021-05-14",
            &[("DECISION", "2021-06-30"), ("END", "2021-12-31")],
        ),
        (
            "2021-05-15",
            &[("DECISION", "2023-06-30"), ("END", "2023-12-31")],
        ),
        ("2023-07-01", &[("END", "2023-12-31")]),
        ("2024-01-01", &[]),
    ];
    for (as_of, list) in cases {
        assert_eq!(seen(&contract, as_of), expected(list), "{as_of}");
    }
}

#[test]
fn a_deadline_on_the_last_day_comes_before_the_end() {
    let terms = express("2020-01-01", InitialTerm::Months(months(12)), Some(0));
    let contract = renewed("2019-12-01", terms, &[]);
    assert_eq!(
        seen(&contract, "2020-12-31"),
        expected(&[("DECISION", "2020-12-31"), ("END", "2020-12-31")])
    );
    let monthly = dates(
        Some("2020-12-01"),
        Some(
            ContractTerms::new(
                day("2021-01-01"),
                InitialTerm::Months(months(1)),
                tacit(1),
                notice(0, NoticeTo::EndOfTerm),
            )
            .unwrap(),
        ),
        None,
        None,
    );
    assert_eq!(
        seen(&monthly, "2021-02-28"),
        expected(&[("NOTICE", "2021-02-28"), ("END", "2021-02-28")])
    );
    assert_eq!(
        seen(&monthly, "2021-03-01"),
        expected(&[("NOTICE", "2021-03-31"), ("END", "2021-03-31")])
    );
}

#[test]
fn the_day_to_act_is_the_last_working_day() {
    let deadline = |day_text: &str| Deadline {
        kind: DeadlineKind::Notice,
        day: day(day_text),
    };
    // A Thursday; the Friday before 3 October 2022 (a Monday); Maundy Thursday 2024.
    assert_eq!(deadline("2021-09-30").day_to_act(), day("2021-09-30"));
    assert_eq!(deadline("2022-10-03").day_to_act(), day("2022-09-30"));
    assert_eq!(deadline("2024-03-31").day_to_act(), day("2024-03-28"));
    let codes: Vec<_> = DeadlineKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(codes, ["NOTICE", "DECISION", "END"]);
    assert_eq!(DeadlineKind::Decision.label(Lang::En), "Renewal decision");
}
