//! Express renewals: the chain of terms they make, the decision deadlines, and what is refused.

use super::*;

fn span(from: &str, until: &str) -> (NaiveDate, NaiveDate) {
    (day(from), day(until))
}

/// The example, renewed on 2021-05-15 by 24 months and on 2023-06-30 until 2024-07-01.
fn twice_renewed() -> ContractDates {
    renewed(
        "2018-10-01",
        express_example(),
        &[
            by_months("2021-05-15", 24),
            until("2023-06-30", "2024-07-01"),
        ],
    )
}

#[test]
fn renewals_make_a_chain_of_terms() {
    let contract = twice_renewed();
    let chain = [
        span("2022-01-01", "2023-12-31"),
        span("2024-01-01", "2024-07-01"),
    ];
    assert_eq!(contract.renewed_terms(), Ok(chain.to_vec()));
    let cases = [
        ("2018-06-01", Some(("2019-01-01", "2021-12-31"))),
        ("2021-12-31", Some(("2019-01-01", "2021-12-31"))),
        ("2022-01-01", Some(("2022-01-01", "2023-12-31"))),
        ("2023-12-31", Some(("2022-01-01", "2023-12-31"))),
        ("2024-01-01", Some(("2024-01-01", "2024-07-01"))),
        ("2024-07-01", Some(("2024-01-01", "2024-07-01"))),
        ("2024-07-02", None),
    ];
    for (as_of, term) in cases {
        let term = term.map(|(from, until)| span(from, until));
        assert_eq!(contract.term_containing(day(as_of)), term, "{as_of}");
        let end = term.map(|(_, end)| end);
        assert_eq!(contract.current_term_ends_on(day(as_of)), end, "{as_of}");
    }
    // The terms alone know only the first term.
    assert_eq!(express_example().term_containing(day("2022-01-01")), None);
    assert_eq!(contract.ends_on(), Some(day("2024-07-01")));
    assert_eq!(contract.status(day("2024-07-01")), ContractStatus::InForce);
    assert_eq!(contract.status(day("2024-07-02")), ContractStatus::Ended);
    // Recorded in any order, decided in one.
    let mut shuffled = contract.clone();
    shuffled.renewals.reverse();
    assert_eq!(shuffled.renewed_terms(), Ok(chain.to_vec()));
}

#[test]
fn without_a_renewal_the_contract_ends_with_its_term() {
    let contract = renewed("2018-10-01", express_example(), &[]);
    assert_eq!(contract.renewed_terms(), Ok(Vec::new()));
    assert_eq!(contract.ends_on(), Some(day("2021-12-31")));
    assert_eq!(contract.status(day("2021-12-31")), ContractStatus::InForce);
    assert_eq!(contract.status(day("2022-01-01")), ContractStatus::Ended);
    assert_eq!(contract.term_containing(day("2022-01-01")), None);
    // A notice recorded for it changes nothing.
    let noticed = ContractDates {
        notice_given_on: Some(day("2019-02-01")),
        ..contract
    };
    assert_eq!(noticed.ends_on(), Some(day("2021-12-31")));
    assert_eq!(noticed.next_notice(day("2019-02-01")), None);
}

#[test]
fn chains_pass_short_months_terms_later() {
    // Each term counts from its own start: the 31st holds while months have it, and after
    // February the chain moves to the 1st.
    let terms = express("2019-05-01", InitialTerm::Until(day("2019-07-30")), None);
    let contract = renewed(
        "2019-06-01",
        terms,
        &[
            by_months("2019-07-15", 6),
            by_months("2019-12-01", 6),
            by_months("2020-07-01", 1),
            by_months("2020-08-01", 6),
            by_months("2021-01-01", 12),
        ],
    );
    let chain = [
        span("2019-07-31", "2020-01-30"),
        span("2020-01-31", "2020-07-30"),
        span("2020-07-31", "2020-08-30"),
        span("2020-08-31", "2021-02-28"),
        span("2021-03-01", "2022-02-28"),
    ];
    assert_eq!(contract.renewed_terms(), Ok(chain.to_vec()));
    assert_eq!(contract.ends_on(), Some(day("2022-02-28")));
    // With a decision period of a month, the one-month term is refused and the chain
    // stops before it.
    let strict = renewed(
        "2019-06-01",
        express("2019-05-01", InitialTerm::Until(day("2019-07-30")), Some(1)),
        &contract.renewals,
    );
    assert_eq!(
        strict.renewed_terms(),
        Err(RenewalError::NotLongerThanDecisionPeriod {
            decision_months: 1,
            starts_on: day("2020-07-31"),
            ends_on: day("2020-08-30"),
        })
    );
    assert_eq!(strict.ends_on(), Some(day("2020-07-30")));
    assert_eq!(
        strict.decision_deadline(day("2020-07-01")),
        Some(day("2020-06-30"))
    );
}

#[test]
fn century_years_in_renewed_terms_and_deadlines() {
    let from_31_january = |year: i32| {
        let start = format!("{year}-01-01");
        let terms = express(
            &start,
            InitialTerm::Until(day(&format!("{year}-01-30"))),
            Some(0),
        );
        renewed(&start, terms, &[by_months(&start, 1)])
    };
    let no_leap_day = from_31_january(2100);
    assert_eq!(
        no_leap_day.renewed_terms(),
        Ok(vec![span("2100-01-31", "2100-02-28")])
    );
    // A decision period of 0 months: the deadline is the term's last day.
    assert_eq!(
        no_leap_day.decision_deadline(day("2100-02-01")),
        Some(day("2100-02-28"))
    );
    assert_eq!(
        from_31_january(2000).renewed_terms(),
        Ok(vec![span("2000-01-31", "2000-02-29")])
    );
    let deadlines = [
        ("1999-06-01", "2000-02-29"),
        ("2023-06-01", "2024-02-29"),
        ("2022-06-01", "2023-02-28"),
        ("2099-06-01", "2100-02-28"),
    ];
    for (from, deadline) in deadlines {
        let terms = express(from, InitialTerm::Months(months(12)), Some(3));
        let contract = renewed(from, terms, &[]);
        assert_eq!(
            contract.decision_deadline(day(from)),
            Some(day(deadline)),
            "{from}"
        );
    }
}

#[test]
fn the_open_decision_follows_what_was_decided_by_then() {
    let contract = twice_renewed();
    let decision = |deadline: &str, term_ends_on: &str| Decision {
        deadline: day(deadline),
        term_ends_on: day(term_ends_on),
    };
    let cases = [
        ("2018-10-01", Some(decision("2021-06-30", "2021-12-31"))),
        ("2021-05-14", Some(decision("2021-06-30", "2021-12-31"))),
        ("2021-05-15", Some(decision("2023-06-30", "2023-12-31"))),
        ("2023-06-29", Some(decision("2023-06-30", "2023-12-31"))),
        ("2023-06-30", Some(decision("2024-01-01", "2024-07-01"))),
        ("2024-01-01", Some(decision("2024-01-01", "2024-07-01"))),
        ("2024-01-02", None),
        ("2024-07-02", None),
    ];
    for (as_of, expected) in cases {
        assert_eq!(contract.next_decision(day(as_of)), expected, "{as_of}");
    }
    assert_eq!(
        contract.decision_deadline(day("2022-02-01")),
        Some(day("2023-06-30"))
    );
    let alone = renewed("2018-10-01", express_example(), &[]);
    assert_eq!(
        alone.next_decision(day("2021-07-01")),
        None,
        "deadline passed"
    );
    let draft = ContractDates {
        signed_on: None,
        ..contract.clone()
    };
    assert_eq!(draft.next_decision(day("2021-01-01")), None);
    let agreed_end = |ended_on: &str| ContractDates {
        ended_on: Some(day(ended_on)),
        ..alone.clone()
    };
    assert_eq!(
        agreed_end("2021-12-31").next_decision(day("2021-01-01")),
        None
    );
    assert_eq!(
        agreed_end("2022-03-01").next_decision(day("2021-01-01")),
        Some(decision("2021-06-30", "2021-12-31"))
    );
    let no_period = renewed(
        "2018-10-01",
        express("2019-01-01", InitialTerm::Months(months(36)), None),
        &[],
    );
    assert_eq!(no_period.next_decision(day("2019-01-01")), None);
    assert_eq!(no_period.decision_deadline(day("2019-01-01")), None);
}

#[test]
fn impossible_renewals_are_refused() {
    let example = Some(express_example());
    let with = |terms: Option<ContractTerms>, renewals: &[ExpressRenewal]| ContractDates {
        renewals: renewals.to_vec(),
        ..dates(Some("2018-10-01"), terms, None, None)
    };
    let m36 = InitialTerm::Months(months(36));
    let tacit_terms = terms("2019-01-01", m36, tacit(12), notice(3, NoticeTo::EndOfTerm));
    let fixed = terms("2019-01-01", m36, Renewal::None, None);
    let open = terms("2019-01-01", InitialTerm::Indefinite, Renewal::None, None);
    let r1 = by_months("2021-05-15", 24);
    let cases = [
        (with(None, &[r1]), RenewalError::NoTerms),
        (with(Some(tacit_terms), &[r1]), RenewalError::NotExpress),
        (with(Some(fixed), &[r1]), RenewalError::NotExpress),
        (with(Some(open), &[r1]), RenewalError::NotExpress),
        (
            with(example, &[by_months("2022-01-01", 12)]),
            RenewalError::TermOver {
                renewed_on: day("2022-01-01"),
                term_ended_on: day("2021-12-31"),
            },
        ),
        (
            with(example, &[r1, by_months("2024-01-01", 12)]),
            RenewalError::TermOver {
                renewed_on: day("2024-01-01"),
                term_ended_on: day("2023-12-31"),
            },
        ),
        (
            with(example, &[until("2021-05-15", "2021-12-31")]),
            RenewalError::UntilBeforeStart {
                starts_on: day("2022-01-01"),
                until: day("2021-12-31"),
            },
        ),
        (
            with(example, &[by_months("2021-05-15", 6)]),
            RenewalError::NotLongerThanDecisionPeriod {
                decision_months: 6,
                starts_on: day("2022-01-01"),
                ends_on: day("2022-06-30"),
            },
        ),
        (
            with(example, &[by_months("2021-05-15", u32::MAX)]),
            RenewalError::OutOfRange,
        ),
    ];
    for (contract, error) in cases {
        assert_eq!(contract.renewed_terms(), Err(error.clone()), "{error}");
    }
    // On the term's last day, or after the decision deadline, a renewal is still in time;
    // a term of one day more than the decision period is long enough; one of a single day
    // is when there is no decision period.
    let fine = [
        with(example, &[by_months("2021-12-31", 12)]),
        with(example, &[by_months("2021-10-01", 7)]),
        with(example, &[until("2021-05-15", "2022-07-01")]),
        with(
            Some(express("2019-01-01", m36, None)),
            &[until("2021-05-15", "2022-01-01")],
        ),
    ];
    for contract in fine {
        assert!(contract.renewed_terms().is_ok(), "{contract:?}");
    }
    // What comes after an impossible renewal is left out.
    let broken = with(example, &[r1, by_months("2024-01-01", 12)]);
    assert_eq!(broken.ends_on(), Some(day("2023-12-31")));
    assert_eq!(broken.term_containing(day("2024-01-01")), None);
}

#[test]
fn the_decision_period_belongs_to_express_renewal_and_fits_the_first_term() {
    let m36 = InitialTerm::Months(months(36));
    let tacit_terms = terms("2019-01-01", m36, tacit(12), notice(3, NoticeTo::EndOfTerm));
    let fixed = terms("2019-01-01", m36, Renewal::None, None);
    for other in [tacit_terms, fixed] {
        assert_eq!(
            other.with_decision_period(3),
            Err(TermsError::DecisionWithoutExpressRenewal)
        );
    }
    let bare = express("2019-01-01", m36, None);
    assert_eq!(
        bare.with_decision_period(36),
        Err(TermsError::DecisionNotShorterThanInitialTerm {
            decision_months: 36,
            term_ends_on: day("2021-12-31"),
        })
    );
    assert_eq!(
        bare.with_decision_period(35).map(|t| t.decision_months()),
        Ok(Some(35))
    );
    assert_eq!(bare.decision_months(), None);
    assert_eq!(
        TermsError::DecisionWithoutExpressRenewal.to_string(),
        "only a contract that ends unless it is expressly renewed has a decision period"
    );
}

#[test]
fn renewals_and_decision_periods_round_trip_through_json() {
    let contract = twice_renewed();
    let json = serde_json::to_string(&contract).unwrap();
    assert!(json.contains(r#""decisionMonths":6"#), "{json}");
    assert!(
        json.contains(r#"{"renewedOn":"2021-05-15","term":{"Months":24}}"#),
        "{json}"
    );
    assert_eq!(
        serde_json::from_str::<ContractDates>(&json).unwrap(),
        contract
    );
    let tacit_json = serde_json::to_string(&product_example()).unwrap();
    let bad = format!(
        r#"{},"decisionMonths":1}}"#,
        tacit_json.strip_suffix('}').unwrap()
    );
    let err = serde_json::from_str::<ContractTerms>(&bad).unwrap_err();
    assert!(err.to_string().contains("decision period"), "{err}");
    assert_eq!(
        RenewalError::TermOver {
            renewed_on: day("2022-01-01"),
            term_ended_on: day("2021-12-31"),
        }
        .to_string(),
        "a renewal decided on 2022-01-01 comes too late: the term it would extend ended on \
         2021-12-31"
    );
}
