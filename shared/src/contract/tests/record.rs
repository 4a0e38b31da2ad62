//! Status and notices of a contract from its recorded dates.

use super::*;

#[test]
fn status_follows_the_dates() {
    use ContractStatus::{Draft, Ended, InForce, NoticeGiven, Signed};
    let p = Some(product_example());
    let fixed = Some(terms(
        "2019-01-01",
        InitialTerm::Months(months(12)),
        Renewal::None,
        None,
    ));
    // Grabow and Amt Parchimer Umland: signed 2018-09-25, members from 2019-01-01.
    let grabow = dates(Some("2018-09-25"), p, None, None);
    let noticed = dates(Some("2018-09-25"), p, Some("2021-09-30"), None);
    let late_notice = dates(Some("2018-09-25"), p, Some("2021-10-01"), None);
    let agreed_end = dates(Some("2018-09-25"), p, None, Some("2020-06-30"));
    let cases = [
        (&dates(None, p, None, None), "2020-01-01", Draft),
        (&grabow, "2018-09-24", Draft),
        (&grabow, "2018-09-25", Signed),
        (&grabow, "2018-12-31", Signed),
        (&grabow, "2019-01-01", InForce),
        (&grabow, "2099-01-01", InForce),
        (
            &dates(Some("2018-09-25"), None, None, None),
            "2030-01-01",
            Signed,
        ),
        (&noticed, "2021-09-29", InForce),
        (&noticed, "2021-09-30", NoticeGiven),
        (&noticed, "2021-12-31", NoticeGiven),
        (&noticed, "2022-01-01", Ended),
        (&late_notice, "2022-12-31", NoticeGiven),
        (&late_notice, "2023-01-01", Ended),
        (&agreed_end, "2020-06-30", InForce),
        (&agreed_end, "2020-07-01", Ended),
        (
            &dates(Some("2018-12-01"), fixed, None, None),
            "2019-12-31",
            InForce,
        ),
        (
            &dates(Some("2018-12-01"), fixed, None, None),
            "2020-01-01",
            Ended,
        ),
    ];
    for (contract, as_of, status) in cases {
        assert_eq!(contract.status(day(as_of)), status, "{contract:?} {as_of}");
    }
    assert_eq!(noticed.ends_on(), Some(day("2021-12-31")));
    assert_eq!(agreed_end.ends_on(), Some(day("2020-06-30")));
    assert_eq!(grabow.ends_on(), None);
}

#[test]
fn next_notice_of_a_contract_ignores_what_is_settled() {
    let p = Some(product_example());
    let grabow = dates(Some("2018-09-25"), p, None, None);
    assert_eq!(
        grabow.next_notice(day("2021-01-01")),
        Some(Notice {
            deadline: day("2021-09-30"),
            ends_on: day("2021-12-31"),
        })
    );
    assert_eq!(
        dates(None, p, None, None).next_notice(day("2021-01-01")),
        None
    );
    let noticed = dates(Some("2018-09-25"), p, Some("2021-03-01"), None);
    assert_eq!(
        noticed.next_notice(day("2021-02-28")).map(|n| n.deadline),
        Some(day("2021-09-30"))
    );
    assert_eq!(noticed.next_notice(day("2021-03-01")), None);
    let agreed_end = dates(Some("2018-09-25"), p, None, Some("2022-06-30"));
    assert_eq!(
        agreed_end.next_notice(day("2021-09-30")).map(|n| n.ends_on),
        Some(day("2021-12-31"))
    );
    assert_eq!(agreed_end.next_notice(day("2021-10-01")), None);
    // A notice that would end it on the day agreed anyway is no use.
    let same_day = dates(Some("2018-09-25"), p, None, Some("2021-12-31"));
    assert_eq!(same_day.next_notice(day("2021-01-01")), None);
}
