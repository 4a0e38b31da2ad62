//! Express renewal: a decision period in the terms gives a contract a DECISION deadline before
//! each term ends; a renewal recorded starts a new term, supersedes the decision and end of
//! the old term and arms the new term's deadlines, in the same transaction.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use verbund::entities::contract;
use verbund_tests::{assert_bad_input, both, nodes};

use super::*;

const RENEW: &str = "mutation($id: ID!, $v: Int!, $on: Date!, $months: Int, $until: Date) {
    renewContract(id: $id, version: $v, renewedOn: $on, months: $months, until: $until) {
        version endsOn currentTermEndsOn(asOf: \"2027-12-01\")
        renewals { renewedOn months until startsOn endsOn } } }";

/// The answer to recording a renewal of `id` (at its current version).
async fn renew(app: &TestApp, id: &str, on: &str, months: Value, until: Value) -> Value {
    let version = app.node(id, "... on Contract { version }").await["version"].clone();
    app.graphql(
        RENEW,
        json!({ "id": id, "v": version, "on": on, "months": months, "until": until }),
    )
    .await
}

/// Two years from 1 November 2025, ending unless renewed; the decision is due three months
/// before a term ends. Stadt Grabow is a party.
async fn express_contract(app: &TestApp) -> String {
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = app
        .data(
            "mutation($input: ContractInput!, $parties: [PartyInput!]!) {
                createContract(input: $input, parties: $parties) { id terms { renewal decisionMonths } } }",
            json!({
                "input": { "title": "Fachverfahren Meldewesen", "kind": "SERVICE_AGREEMENT",
                    "signedOn": "2025-10-01", "effectiveFrom": "2025-11-01",
                    "initialTermMonths": 24, "renewal": "EXPRESS", "decisionMonths": 3 },
                "parties": [{ "organisationId": grabow, "role": "MEMBER" }],
            }),
        )
        .await;
    let created = &data["createContract"];
    assert_eq!(
        created["terms"],
        json!({ "renewal": "EXPRESS", "decisionMonths": 3 })
    );
    created["id"].as_str().unwrap().to_owned()
}

/// The stored row of the contract titled `title`.
async fn contract_row(app: &TestApp, title: &str) -> contract::Model {
    contract::Entity::find()
        .filter(contract::Column::Title.eq(title))
        .one(app.db())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no contract {title}"))
}

/// A server whose clock stands at `at` (RFC 3339), and the id of [`express_contract`] made
/// on it.
async fn express_at(app: &TestApp, at: &str) -> (TestApp, String) {
    let (_, timing) = clock_at(at);
    let app = timed(app, &timing).await;
    let id = express_contract(&app).await;
    (app, id)
}

both!(
    a_recorded_renewal_starts_a_new_term_and_moves_the_deadlines,
    |app| async move {
        let (app, id) = express_at(&app, "2027-01-04T08:00:00Z").await;
        let desk = desk_of(&app, &id).await;
        // Decide by Saturday 31 July 2027 (act on the Friday); it ends on Sunday 31 October.
        assert_deadlines(
            &desk,
            &[
                ("DECISION", "2027-07-31", "2027-07-30", "OPEN"),
                ("END", "2027-10-31", "2027-10-29", "OPEN"),
            ],
        );
        assert_eq!(reminders(&desk, "DECISION", "2027-07-31").len(), 4);

        let body = renew(&app, &id, "2027-01-04", json!(12), Value::Null).await;
        let renewed = &body["data"]["renewContract"];
        assert_eq!(
            renewed["renewals"],
            json!([{ "renewedOn": "2027-01-04", "months": 12, "until": null,
                     "startsOn": "2027-11-01", "endsOn": "2028-10-31" }]),
            "{body:#}"
        );
        assert_eq!(renewed["endsOn"], "2028-10-31");
        assert_eq!(renewed["currentTermEndsOn"], "2028-10-31");
        assert_eq!(renewed["version"], desk["version"].as_i64().unwrap() + 1);

        let desk = desk_of(&app, &id).await;
        assert_deadlines(
            &desk,
            &[
                ("DECISION", "2027-07-31", "2027-07-30", "SUPERSEDED"),
                ("END", "2027-10-31", "2027-10-29", "SUPERSEDED"),
                ("DECISION", "2028-07-31", "2028-07-31", "OPEN"),
                // Reformation Day: act on the Monday before.
                ("END", "2028-10-31", "2028-10-30", "OPEN"),
            ],
        );
        for (kind, day) in [("DECISION", "2027-07-31"), ("END", "2027-10-31")] {
            let old = reminders(&desk, kind, day);
            assert!(all_reminders_are(&desk, kind, day, "SUPERSEDED"), "{old:?}");
        }
        assert_eq!(
            reminders(&desk, "DECISION", "2028-07-31"),
            armed(&["2028-05-02", "2028-07-01", "2028-07-24", "2028-07-31"])
        );

        // A second renewal until a day extends the renewed term.
        let body = renew(&app, &id, "2027-01-04", Value::Null, json!("2029-12-31")).await;
        let renewals = &body["data"]["renewContract"]["renewals"];
        assert_eq!(renewals[1]["startsOn"], "2028-11-01", "{body:#}");
        assert_eq!(renewals[1]["endsOn"], "2029-12-31");
        assert_eq!(body["data"]["renewContract"]["endsOn"], "2029-12-31");

        // The history shows each renewal.
        let history = app
            .node(
                &id,
                "... on Contract { history { nodes { operation after } } }",
            )
            .await;
        let renewals: Vec<_> = nodes(&history["history"])
            .iter()
            .filter(|entry| entry["operation"] == "renewContract")
            .collect();
        assert_eq!(renewals.len(), 2, "{history:#}");
        assert!(
            renewals
                .iter()
                .any(|entry| entry["after"].to_string().contains("2029-12-31")),
            "{history:#}"
        );

        // The contract goes with its renewals.
        let version = app.node(&id, "... on Contract { version }").await["version"].clone();
        app.data(
            "mutation($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }",
            json!({ "id": id, "v": version }),
        )
        .await;
        assert_eq!(app.count_rows("express_renewals").await, 0);
    }
);

both!(
    renewals_and_decision_periods_that_cannot_be_are_refused_by_field,
    |app| async move {
        let (app, id) = express_at(&app, "2027-01-04T08:00:00Z").await;
        let cases = [
            // Decided after today.
            ("2027-02-01", json!(12), Value::Null, "renewedOn"),
            // Both a length and an end.
            ("2027-01-04", json!(12), json!("2029-10-31"), "until"),
            ("2027-01-04", json!(0), Value::Null, "months"),
            // Not longer than the three months' decision period.
            ("2027-01-04", json!(3), Value::Null, "months"),
            // Ends before it starts.
            ("2027-01-04", Value::Null, json!("2027-10-31"), "until"),
            // Before the signing.
            ("2025-09-30", json!(12), Value::Null, "renewedOn"),
        ];
        for (on, months, until, field) in cases {
            let body = renew(&app, &id, on, months, until).await;
            assert_bad_input(&body, &[field]);
        }
        assert_eq!(app.count_rows("express_renewals").await, 0);

        // Too late: the term it would extend has ended.
        let ended = create_contract(
            &app,
            "Altvertrag",
            json!({ "signedOn": "2024-12-01", "effectiveFrom": "2025-01-01",
                    "initialTermUntil": "2026-12-31", "renewal": "EXPRESS" }),
        )
        .await;
        let body = renew(&app, &ended, "2027-01-02", json!(12), Value::Null).await;
        assert_bad_input(&body, &["renewedOn"]);
        assert!(body.to_string().contains("too late"), "{body:#}");

        // Not a contract that ends unless expressly renewed.
        let tacit = create_contract(&app, "Stillschweigend", tacit_terms()).await;
        let body = renew(&app, &tacit, "2027-01-04", json!(12), Value::Null).await;
        assert_bad_input(&body, &["renewedOn"]);

        // A decision period only for express renewal, and shorter than the first term.
        let create = "mutation($input: ContractInput!) { createContract(input: $input) { id } }";
        for (renewal, months) in [("TACIT", 3), ("EXPRESS", 24)] {
            let mut input = json!({ "title": "Frist", "kind": "OTHER",
                "effectiveFrom": "2025-11-01", "initialTermMonths": 24,
                "renewal": renewal, "decisionMonths": months });
            if renewal == "TACIT" {
                input["renewalMonths"] = json!(12);
                input["noticeMonths"] = json!(3);
                input["noticeTo"] = json!("END_OF_TERM");
            }
            let body = app.graphql(create, json!({ "input": input })).await;
            assert_bad_input(&body, &["decisionMonths"]);
        }

        // An old version is a conflict; a renewal recorded, the terms cannot drop it.
        app.fails_with(
            "CONFLICT",
            RENEW,
            json!({ "id": id, "v": 0, "on": "2027-01-04", "months": 12 }),
        )
        .await;
        let body = renew(&app, &id, "2027-01-04", json!(12), Value::Null).await;
        assert!(body["errors"].is_null(), "{body:#}");
        let version = body["data"]["renewContract"]["version"].clone();
        let body = app
            .graphql(
                "mutation($id: ID!, $v: Int!, $input: ContractInput!) {
                    amendContract(id: $id, version: $v, input: $input) { id } }",
                json!({ "id": id, "v": version, "input": {
                    "title": "Fachverfahren Meldewesen", "kind": "SERVICE_AGREEMENT",
                    "signedOn": "2025-10-01", "effectiveFrom": "2025-11-01",
                    "initialTermMonths": 24, "renewal": "NONE" } }),
            )
            .await;
        assert_bad_input(&body, &["renewal"]);
    }
);

both!(
    only_editors_record_renewals_and_member_tokens_see_them,
    |app| async move {
        let (app, id) = express_at(&app, "2027-01-04T08:00:00Z").await;
        let body = renew(&app, &id, "2027-01-04", json!(12), Value::Null).await;
        assert!(body["errors"].is_null(), "{body:#}");

        let token = app
            .as_partner(json!(["CONTRACTS_READ"]), Some("Stadt Grabow"))
            .await;
        let seen = token
            .node(
                &id,
                "... on Contract { endsOn renewals { renewedOn endsOn } }",
            )
            .await;
        assert_eq!(
            seen,
            json!({ "endsOn": "2028-10-31",
                    "renewals": [{ "renewedOn": "2027-01-04", "endsOn": "2028-10-31" }] })
        );
        token
            .fails_with(
                "FORBIDDEN",
                RENEW,
                json!({ "id": id, "v": 2, "on": "2027-01-04", "months": 12 }),
            )
            .await;
        let viewer = app.as_staff("VIEWER").await;
        viewer
            .fails_with(
                "FORBIDDEN",
                RENEW,
                json!({ "id": id, "v": 2, "on": "2027-01-04", "months": 12 }),
            )
            .await;
        assert_eq!(app.count_rows("express_renewals").await, 1);
    }
);

both!(
    deciding_to_renew_with_a_term_records_the_renewal,
    |app| async move {
        let (app, id) = express_at(&app, "2027-05-03T08:00:00Z").await;
        let desk = desk_of(&app, &id).await;
        let open = |desk: &Value, kind: &str| {
            desk["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["kind"] == kind && d["state"] == "OPEN")
                .cloned()
                .unwrap_or_else(|| panic!("no open {kind}: {desk:#}"))
        };
        let decision = open(&desk, "DECISION");
        let end = open(&desk, "END");
        let decide =
            "mutation($id: ID!, $v: Int!, $outcome: DeadlineOutcome!, $months: Int, $until: Date) {
            decideDeadline(id: $id, version: $v, outcome: $outcome,
                           renewalMonths: $months, renewalUntil: $until) { state outcome } }";
        for (deadline, outcome, months) in [
            // A term goes with RENEW only, and only on the decision on renewing.
            (&decision, "LET_END", 12),
            (&end, "RENEW", 12),
            // The domain's rules, with the arguments' names: not longer than the decision period.
            (&decision, "RENEW", 2),
        ] {
            let body = app
                .graphql(
                    decide,
                    json!({ "id": deadline["id"], "v": deadline["version"], "outcome": outcome, "months": months }),
                )
                .await;
            assert_bad_input(&body, &["renewalMonths"]);
        }
        assert_eq!(app.count_rows("express_renewals").await, 0);

        let data = app
            .data(
                decide,
                json!({ "id": decision["id"], "v": decision["version"], "outcome": "RENEW", "until": "2029-10-31" }),
            )
            .await;
        assert_eq!(
            data["decideDeadline"],
            json!({ "state": "DECIDED", "outcome": "RENEW" })
        );
        let contract = app
            .node(
                &id,
                "... on Contract { endsOn renewals { renewedOn until startsOn } }",
            )
            .await;
        assert_eq!(
            contract,
            json!({ "endsOn": "2029-10-31", "renewals": [
                { "renewedOn": "2027-05-03", "until": "2029-10-31", "startsOn": "2027-11-01" }] })
        );
        // The decision stays decided; the old end is superseded, the new term's are open.
        let desk = desk_of(&app, &id).await;
        assert_deadlines(
            &desk,
            &[
                ("DECISION", "2027-07-31", "2027-07-30", "DECIDED"),
                ("END", "2027-10-31", "2027-10-29", "SUPERSEDED"),
                ("DECISION", "2029-07-31", "2029-07-31", "OPEN"),
                ("END", "2029-10-31", "2029-10-30", "OPEN"),
            ],
        );
    }
);

both!(
    demo_clear_removes_a_samples_renewals_with_it,
    |app| async move {
        use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
        let (_, timing) = clock_at("2026-12-07T08:00:00Z");
        let app = timed(&app, &timing).await;
        let before = app.count_rows("contracts").await;
        verbund::seed::samples::load(app.db(), &timing)
            .await
            .unwrap();
        let found = app
            .data(
                "{ contracts(filter: { search: \"Lizenzen Ratsinformationssystem\" }) { nodes { id } } }",
                json!({}),
            )
            .await;
        let id = nodes(&found["contracts"])[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // The sample ends on its own; made one that ends unless expressly renewed.
        let row = contract_row(&app, "Beispiel: Lizenzen Ratsinformationssystem").await;
        let mut row = row.into_active_model();
        row.renewal = Set("EXPRESS".to_owned());
        row.update(app.db()).await.unwrap();
        let body = renew(&app, &id, "2026-12-07", json!(12), Value::Null).await;
        assert!(body["errors"].is_null(), "{body:#}");
        assert_eq!(app.count_rows("express_renewals").await, 1);

        let cleared = verbund::seed::clear::clear(app.db()).await.unwrap();
        assert_eq!(cleared.contracts, 5, "{cleared:?}");
        assert_eq!(app.count_rows("contracts").await, before);
        assert_eq!(app.count_rows("express_renewals").await, 0);
        assert_eq!(
            app.count_rows(
                "audit_entries WHERE operation = 'removeExpressRenewal' AND actor_name = 'verbund demo clear'"
            )
            .await,
            1
        );
    }
);

both!(
    renewals_are_read_for_more_contracts_than_a_statement_takes,
    |app| async move {
        let (app, id) = express_at(&app, "2027-01-04T08:00:00Z").await;
        renew(&app, &id, "2027-01-04", json!(12), Value::Null).await;
        let recorded = contract_row(&app, "Fachverfahren Meldewesen").await;
        // The recorded contract among 69,999 copies under ids no contract has: more ids than
        // one statement takes on either database (65,535 parameters on PostgreSQL, 32,766 on
        // SQLite), in one call, as a list's filter on every contract's end makes it.
        let rows: Vec<contract::Model> = (1..70_000)
            .map(|n| contract::Model {
                id: 1_000_000 + n,
                ..recorded.clone()
            })
            .chain([recorded.clone()])
            .collect();
        let dates = verbund::register::contracts::dates_of_each(app.db(), &rows)
            .await
            .unwrap();
        assert_eq!(dates.len(), 70_000);
        assert!(dates[..69_999].iter().all(|d| d.renewals.is_empty()));
        assert_eq!(dates[69_999].renewals.len(), 1, "{:?}", dates[69_999]);
    }
);
