//! Table tests of the contract rules, one file per concern; helpers shared by them.

use core::num::NonZeroU32;

use chrono::NaiveDate;

use super::*;
use crate::Lang;

mod desk;
mod express;
mod record;
mod terms;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn months(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

fn tacit(n: u32) -> Renewal {
    Renewal::Tacit { months: months(n) }
}

fn notice(n: u32, to: NoticeTo) -> Option<NoticePeriod> {
    Some(NoticePeriod::new(n, to))
}

fn terms(
    from: &str,
    initial: InitialTerm,
    renewal: Renewal,
    notice: Option<NoticePeriod>,
) -> ContractTerms {
    ContractTerms::new(day(from), initial, renewal, notice).unwrap()
}

/// The example of PRODUCT.md: 36 months from 2019-01-01, then 12 months at a time unless
/// notice arrives 3 months before a term ends.
fn product_example() -> ContractTerms {
    terms(
        "2019-01-01",
        InitialTerm::Months(months(36)),
        tacit(12),
        notice(3, NoticeTo::EndOfTerm),
    )
}

fn dates(
    signed_on: Option<&str>,
    terms: Option<ContractTerms>,
    notice_given_on: Option<&str>,
    ended_on: Option<&str>,
) -> ContractDates {
    ContractDates {
        signed_on: signed_on.map(day),
        terms,
        notice_given_on: notice_given_on.map(day),
        ended_on: ended_on.map(day),
        renewals: Vec::new(),
    }
}

/// Signed on `signed_on`, with these terms and these renewals, nothing else recorded.
fn renewed(signed_on: &str, terms: ContractTerms, renewals: &[ExpressRenewal]) -> ContractDates {
    ContractDates {
        renewals: renewals.to_vec(),
        ..dates(Some(signed_on), Some(terms), None, None)
    }
}

/// A renewal decided on `on` for `n` months.
fn by_months(on: &str, n: u32) -> ExpressRenewal {
    ExpressRenewal {
        renewed_on: day(on),
        term: RenewalTerm::Months(months(n)),
    }
}

/// A renewal decided on `on` until `until`.
fn until(on: &str, until: &str) -> ExpressRenewal {
    ExpressRenewal {
        renewed_on: day(on),
        term: RenewalTerm::Until(day(until)),
    }
}

/// Ends unless expressly renewed, after `initial`, with an optional decision period.
fn express(from: &str, initial: InitialTerm, decision: Option<u32>) -> ContractTerms {
    let terms = terms(from, initial, Renewal::Express, None);
    match decision {
        Some(months) => terms.with_decision_period(months).unwrap(),
        None => terms,
    }
}

/// 36 months from 2019-01-01, to be renewed expressly; the parties decide 6 months before a
/// term ends.
fn express_example() -> ContractTerms {
    express("2019-01-01", InitialTerm::Months(months(36)), Some(6))
}

#[test]
fn codes_labels_and_serde() {
    assert_eq!(ContractStatus::InForce.as_str(), "IN_FORCE");
    assert_eq!(ContractStatus::NoticeGiven.label(Lang::De), "Gekündigt");
    assert_eq!(NoticeTo::EndOfQuarter.as_str(), "END_OF_QUARTER");
    assert_eq!(
        ContractKind::DataProcessingAgreement.as_str(),
        "DATA_PROCESSING_AGREEMENT"
    );
    for kind in ContractKind::ALL {
        assert_eq!(kind.as_str().parse(), Ok(kind));
        assert_eq!(
            serde_json::to_string(&kind).unwrap(),
            format!("\"{}\"", kind.as_str())
        );
    }
    for status in ContractStatus::ALL {
        assert_eq!(status.as_str().parse(), Ok(status));
    }
    for to in NoticeTo::ALL {
        assert_eq!(to.as_str().parse(), Ok(to));
    }
    assert_eq!(
        "ACTIVE".parse::<ContractStatus>().unwrap_err().to_string(),
        r#"unknown contract status: "ACTIVE""#
    );
}

#[test]
fn terms_round_trip_through_json_and_are_validated() {
    let p = product_example();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        r#"{"effectiveFrom":"2019-01-01","initial":{"Months":36},"renewal":{"Tacit":{"months":12}},"notice":{"months":3,"to":"END_OF_TERM"}}"#
    );
    assert_eq!(serde_json::from_str::<ContractTerms>(&json).unwrap(), p);
    let bad = json.replace(r#""months":12"#, r#""months":3"#);
    let err = serde_json::from_str::<ContractTerms>(&bad).unwrap_err();
    assert!(
        err.to_string().contains("not shorter than a renewal term"),
        "{err}"
    );
    let contract = dates(Some("2018-09-25"), Some(p), None, None);
    let json = serde_json::to_string(&contract).unwrap();
    assert_eq!(
        serde_json::from_str::<ContractDates>(&json).unwrap(),
        contract
    );
}
