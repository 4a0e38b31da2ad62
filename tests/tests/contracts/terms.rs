//! What a contract's dates make of it: its status on a day, the end of its current term and
//! the deadline for notice (BGB §§ 187, 188), with tacit renewals and notice given, and the
//! list's filters on them.

use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde_json::json;
use verbund::entities::contract;
use verbund_tests::{both, day, renewing_contract_row};

use crate::{FOUNDING, GRABOW, assert_titles, contract};

both!(status_follows_signing_and_effect, |app| async move {
    let grabow = contract(
        &app,
        GRABOW,
        r#"signedOn effectiveFrom endsOn
           draft: status(asOf: "2018-09-01")
           lastDraftDay: status(asOf: "2018-09-24")
           signed: status(asOf: "2018-09-25")
           october: status(asOf: "2018-10-01")
           stillSigned: status(asOf: "2018-12-31")
           inForce: status(asOf: "2019-01-01")
           currentTermEndsOn(asOf: "2019-06-01") noticeDeadline(asOf: "2019-06-01")
           nextNotice(asOf: "2019-06-01") { deadline }"#,
    )
    .await;
    assert_eq!(
        grabow,
        json!({
            "title": GRABOW,
            "signedOn": "2018-09-25",
            "effectiveFrom": "2019-01-01",
            "draft": "DRAFT",
            "lastDraftDay": "DRAFT",
            "signed": "SIGNED",
            "october": "SIGNED",
            "stillSigned": "SIGNED",
            "inForce": "IN_FORCE",
            // Open-ended, without notice rules: no term end, no deadline.
            "endsOn": null,
            "currentTermEndsOn": null,
            "noticeDeadline": null,
            "nextNotice": null,
        })
    );

    let founding = contract(
        &app,
        FOUNDING,
        r#"signedOn effectiveFrom kind terms { renewal initialTermMonths noticeMonths }
           before: status(asOf: "2013-08-25") signed: status(asOf: "2013-09-30")
           inForce: status(asOf: "2013-10-01") today: status"#,
    )
    .await;
    assert_eq!(
        founding,
        json!({
            "title": FOUNDING,
            "signedOn": "2013-08-26",
            "effectiveFrom": "2013-10-01",
            "kind": "PUBLIC_LAW_CONTRACT",
            "terms": { "renewal": "NONE", "initialTermMonths": null, "noticeMonths": null },
            "before": "DRAFT",
            "signed": "SIGNED",
            "inForce": "IN_FORCE",
            "today": "IN_FORCE",
        })
    );
});

/// In force from 2019-01-01 for 36 months, then renewed by 12 months at a time unless notice
/// arrives 3 months before a term ends: the example of PRODUCT.md.
async fn insert_service_agreement(
    db: &DatabaseConnection,
    title: &str,
    notice_given_on: Option<&str>,
) {
    contract::ActiveModel {
        notice_given_on: Set(notice_given_on.map(day)),
        ..renewing_contract_row(title, "2018-12-01", "2019-01-01", 36)
    }
    .insert(db)
    .await
    .expect("inserting a contract");
}

const RUNNING: &str = "Dienstleistungsvertrag Arbeitsplatzbetreuung";
const NOTICED: &str = "Dienstleistungsvertrag Hosting (gekündigt)";

both!(terms_renew_tacitly_until_notice, |app| async move {
    insert_service_agreement(app.db(), RUNNING, None).await;
    let running = contract(
        &app,
        RUNNING,
        r#"kind endsOn
           terms { initialTermMonths renewal renewalMonths noticeMonths noticeTo }
           signed: status(asOf: "2018-12-01") inForce: status(asOf: "2021-12-31")
           renewed: status(asOf: "2022-01-01")
           firstTerm: currentTermEndsOn(asOf: "2021-06-01")
           lastDayOfFirstTerm: currentTermEndsOn(asOf: "2021-12-31")
           secondTerm: currentTermEndsOn(asOf: "2022-01-01")
           startOfFirstTerm: currentTermEndsOn(asOf: "2019-01-01")
           deadlineEarly: noticeDeadline(asOf: "2021-06-01")
           deadlineOnTheDay: noticeDeadline(asOf: "2021-09-30")
           deadlineMissed: noticeDeadline(asOf: "2021-10-01")
           nextNotice(asOf: "2021-10-01") { deadline endsOn }"#,
    )
    .await;
    assert_eq!(
        running,
        json!({
            "title": RUNNING,
            "kind": "SERVICE_AGREEMENT",
            "terms": {
                "initialTermMonths": 36, "renewal": "TACIT", "renewalMonths": 12,
                "noticeMonths": 3, "noticeTo": "END_OF_TERM",
            },
            // A tacit renewal runs on.
            "endsOn": null,
            "signed": "SIGNED",
            "inForce": "IN_FORCE",
            "renewed": "IN_FORCE",
            "startOfFirstTerm": "2021-12-31",
            "firstTerm": "2021-12-31",
            "lastDayOfFirstTerm": "2021-12-31",
            "secondTerm": "2022-12-31",
            "deadlineEarly": "2021-09-30",
            "deadlineOnTheDay": "2021-09-30",
            "deadlineMissed": "2022-09-30",
            "nextNotice": { "deadline": "2022-09-30", "endsOn": "2022-12-31" },
        })
    );
});

both!(
    notice_ends_the_contract_at_the_end_of_the_term,
    |app| async move {
        insert_service_agreement(app.db(), NOTICED, Some("2021-09-15")).await;
        let noticed = contract(
            &app,
            NOTICED,
            r#"endsOn noticeGivenOn
           before: status(asOf: "2021-09-14")
           given: status(asOf: "2021-10-01") lastDay: status(asOf: "2021-12-31")
           ended: status(asOf: "2022-01-01")
           deadlineBefore: noticeDeadline(asOf: "2021-09-01")
           deadlineAfter: noticeDeadline(asOf: "2021-10-01")"#,
        )
        .await;
        assert_eq!(
            noticed,
            json!({
                "title": NOTICED,
                "noticeGivenOn": "2021-09-15",
                "endsOn": "2021-12-31",
                "before": "IN_FORCE",
                "given": "NOTICE_GIVEN",
                "lastDay": "NOTICE_GIVEN",
                "ended": "ENDED",
                "deadlineBefore": "2021-09-30",
                // No notice after notice.
                "deadlineAfter": null,
            })
        );
    }
);

both!(deadline_filters_find_the_agreements, |app| async move {
    insert_service_agreement(app.db(), RUNNING, None).await;
    insert_service_agreement(app.db(), NOTICED, Some("2021-09-15")).await;
    assert_titles(
        &app,
        &[
            // Both terms end on 2021-12-31; the open-ended joining contracts never do.
            (
                "2021-10-01",
                json!({ "endingBefore": "2022-01-01" }),
                &[RUNNING, NOTICED],
            ),
            // The end day itself is not before.
            ("2021-10-01", json!({ "endingBefore": "2021-12-31" }), &[]),
            // Once renewed, the running one ends a year later; the noticed one has ended.
            (
                "2022-01-01",
                json!({ "endingBefore": "2023-01-01" }),
                &[RUNNING],
            ),
            // Before 2021-09-15 both still need notice by 2021-09-30.
            (
                "2021-06-01",
                json!({ "noticeDeadlineBefore": "2021-10-01" }),
                &[RUNNING, NOTICED],
            ),
            // After it, only the running one does, by the next term's deadline.
            (
                "2021-10-01",
                json!({ "noticeDeadlineBefore": "2022-10-01" }),
                &[RUNNING],
            ),
            (
                "2021-10-01",
                json!({ "noticeDeadlineBefore": "2022-09-30" }),
                &[],
            ),
            (
                "2021-10-01",
                json!({ "status": ["NOTICE_GIVEN"] }),
                &[NOTICED],
            ),
            ("2022-01-01", json!({ "status": ["ENDED"] }), &[NOTICED]),
            (
                "2022-01-01",
                json!({ "inForceOn": "2021-12-31", "kind": ["SERVICE_AGREEMENT"] }),
                &[RUNNING, NOTICED],
            ),
        ],
    )
    .await;
});
