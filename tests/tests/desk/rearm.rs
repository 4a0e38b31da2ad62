//! Deadlines and their reminders follow every change that moves a deadline, in the change's
//! own transaction, and each term of a tacit renewal gets a series of its own.

use sea_orm::{ActiveModelTrait, EntityTrait};
use serde_json::{Value, json};
use verbund_tests::{both, nodes, renewing_contract_row};

use super::*;

both!(
    a_change_that_moves_a_deadline_rearms_its_reminders,
    |app| async move {
        let (clock, timing) = clock_at("2027-01-04T08:00:00Z");
        let app = timed(&app, &timing).await;
        // Two years from 1 November 2025, then a year at a time; three months' notice to the
        // end of a term. The first term ends on Sunday 31 October 2027 (Reformation Day).
        let id = create_contract(&app, "Rechenzentrumsbetrieb", tacit_terms()).await;
        let desk = desk_of(&app, &id).await;
        // Notice must arrive by Saturday 31 July 2027: people are asked to act on the Friday.
        assert_deadlines(
            &desk,
            &[
                ("NOTICE", "2027-07-31", "2027-07-30", "OPEN"),
                ("END", "2027-10-31", "2027-10-29", "OPEN"),
            ],
        );
        assert_eq!(
            reminders(&desk, "NOTICE", "2027-07-31"),
            armed(&["2027-05-01", "2027-06-30", "2027-07-23", "2027-07-30"])
        );
        assert_eq!(
            reminders(&desk, "END", "2027-10-31"),
            armed(&["2027-07-31", "2027-09-29", "2027-10-22", "2027-10-29"])
        );

        // Notice given: the notice deadline is gone with its reminders; the end stays.
        let desk = change_contract(
            &app,
            &id,
            "mutation($id: ID!, $v: Int!) { giveNotice(id: $id, version: $v, givenOn: \"2027-01-04\") { status } }",
            json!({}),
        )
        .await;
        assert_deadlines(
            &desk,
            &[
                ("NOTICE", "2027-07-31", "2027-07-30", "SUPERSEDED"),
                ("END", "2027-10-31", "2027-10-29", "OPEN"),
            ],
        );
        assert!(all_reminders_are(
            &desk,
            "NOTICE",
            "2027-07-31",
            "SUPERSEDED"
        ));
        assert_eq!(reminders(&desk, "END", "2027-10-31").len(), 4);

        // Ended early by agreement on 31 March: the end moves, and with it its series. The
        // 90-day reminder would fall before today and is left out.
        let desk = change_contract(
            &app,
            &id,
            "mutation($id: ID!, $v: Int!) { endContract(id: $id, version: $v, endedOn: \"2027-03-31\") { status } }",
            json!({}),
        )
        .await;
        assert_deadlines(
            &desk,
            &[
                ("END", "2027-03-31", "2027-03-31", "OPEN"),
                ("NOTICE", "2027-07-31", "2027-07-30", "SUPERSEDED"),
                ("END", "2027-10-31", "2027-10-29", "SUPERSEDED"),
            ],
        );
        assert_eq!(
            reminders(&desk, "END", "2027-03-31"),
            armed(&["2027-03-01", "2027-03-24", "2027-03-31"])
        );
        assert!(all_reminders_are(&desk, "END", "2027-10-31", "SUPERSEDED"));

        // Every server was down through March: on the next pass the three reminders go out,
        // late, and none of the superseded ones does.
        clock.set(instant("2027-04-01T05:00:00Z"));
        let done = pass(&app, &timing).await;
        assert_eq!((done.sent, done.late), (3, 3), "{done:?}");
        let desk = desk_of(&app, &id).await;
        let sent: Vec<_> = desk["reminders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["state"] == "SENT")
            .map(|r| (r["dueOn"].as_str().unwrap(), r["late"].as_bool().unwrap()))
            .collect();
        assert_eq!(
            sent,
            [
                ("2027-03-01", true),
                ("2027-03-24", true),
                ("2027-03-31", true)
            ]
        );
        let inbox = app
            .data(
                "{ me { unreadCount inbox { deadline { kind day } reminder { dueOn late } } } }",
                json!({}),
            )
            .await;
        assert_eq!(inbox["me"]["unreadCount"], 3, "{inbox:#}");
        // A second pass sends nothing more.
        assert_eq!(pass(&app, &timing).await.sent, 0);
        // Every "today" of the API is the server's clock's: without `asOf`, the contract has
        // ended.
        let status = app.node(&id, "... on Contract { status }").await;
        assert_eq!(status["status"], "ENDED");
        // The counters: the end of 31 March is overdue until decided, and the contract ended.
        let counts = app
            .data(
                "{ deadlineCounts { within7 within30 within90 overdue endedLast30 } }",
                json!({}),
            )
            .await;
        assert_eq!(
            counts["deadlineCounts"],
            json!({ "within7": 0, "within30": 0, "within90": 0, "overdue": 1, "endedLast30": 1 })
        );
    }
);

both!(
    each_term_of_a_tacit_renewal_gets_its_own_series,
    |app| async move {
        let (clock, timing) = clock_at("2025-06-02T08:00:00Z");
        // Written straight into the table, as rows from before the desk existed are: the
        // scheduler's first pass arms it.
        let row = renewing_contract_row("Wartungsvertrag", "2024-12-01", "2025-01-01", 12)
            .insert(app.db())
            .await
            .unwrap();
        let id = verbund::graphql::ids::encode(verbund::register::RecordType::Contract, row.id).0;
        let app = timed(&app, &timing).await;
        assert!(deadlines(&desk_of(&app, &id).await).is_empty());
        pass(&app, &timing).await;
        assert_deadlines(
            &desk_of(&app, &id).await,
            &[
                ("NOTICE", "2025-09-30", "2025-09-30", "OPEN"),
                ("END", "2025-12-31", "2025-12-31", "OPEN"),
            ],
        );

        // The notice deadline passed undecided: the next term's is armed, and the old one is
        // overdue until someone decides it.
        clock.set(instant("2025-10-01T08:00:00Z"));
        pass(&app, &timing).await;
        let desk = desk_of(&app, &id).await;
        assert_deadlines(
            &desk,
            &[
                ("NOTICE", "2025-09-30", "2025-09-30", "OPEN"),
                ("END", "2025-12-31", "2025-12-31", "OPEN"),
                ("NOTICE", "2026-09-30", "2026-09-30", "OPEN"),
            ],
        );
        assert_eq!(
            reminders(&desk, "NOTICE", "2026-09-30"),
            armed(&["2026-07-02", "2026-08-31", "2026-09-23", "2026-09-30"])
        );
        assert!(all_reminders_are(&desk, "NOTICE", "2025-09-30", "SENT"));

        // The term rolled over: the new term's end gets a series too.
        clock.set(instant("2026-01-01T08:00:00Z"));
        pass(&app, &timing).await;
        let desk = desk_of(&app, &id).await;
        assert_eq!(
            reminders(&desk, "END", "2026-12-31"),
            armed(&["2026-10-02", "2026-12-01", "2026-12-24", "2026-12-31"])
        );
        let overdue = app
            .data(
                "{ deadlines(state: OVERDUE) { totalCount nodes { kind day overdue contract { title } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            overdue["deadlines"]["nodes"],
            json!([
                { "kind": "NOTICE", "day": "2025-09-30", "overdue": true, "contract": { "title": "Wartungsvertrag" } },
                { "kind": "END", "day": "2025-12-31", "overdue": true, "contract": { "title": "Wartungsvertrag" } },
            ])
        );
        // A term that renewed tacitly is no contract that ended.
        let counts = app
            .data(
                "{ deadlineCounts { within90 overdue endedLast30 } }",
                json!({}),
            )
            .await;
        assert_eq!(
            counts["deadlineCounts"],
            json!({ "within90": 0, "overdue": 2, "endedLast30": 0 })
        );
        let upcoming = app
            .data(
                "{ deadlines(state: UPCOMING, window: 300) { nodes { kind day } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            upcoming["deadlines"]["nodes"],
            json!([{ "kind": "NOTICE", "day": "2026-09-30" }])
        );
        // The scheduler's passes never change the contract itself.
        let again = verbund::entities::contract::Entity::find_by_id(row.id)
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.version, row.version);
    }
);

both!(a_contract_has_reminder_days_of_its_own, |app| async move {
    let (_, timing) = clock_at("2027-01-04T08:00:00Z");
    let app = timed(&app, &timing).await;
    let id = create_contract(
        &app,
        "Lizenzvertrag",
        json!({ "signedOn": "2026-12-01", "effectiveFrom": "2027-01-01",
                    "initialTermMonths": 12 }),
    )
    .await;
    let desk = desk_of(&app, &id).await;
    assert_eq!(reminders(&desk, "END", "2027-12-31").len(), 4);
    app.data(
        "mutation($id: ID!) { setReminderDays(contractId: $id, days: [60, 14, 0, 14]) { id } }",
        json!({ "id": id }),
    )
    .await;
    let desk = desk_of(&app, &id).await;
    let still_armed: Vec<_> = reminders(&desk, "END", "2027-12-31")
        .into_iter()
        .filter(|(_, state)| state == "ARMED")
        .collect();
    assert_eq!(
        still_armed,
        armed(&["2027-11-01", "2027-12-17", "2027-12-31"])
    );
    let body = app
        .graphql(
            "mutation($id: ID!) { setReminderDays(contractId: $id, days: [-1]) { id } }",
            json!({ "id": id }),
        )
        .await;
    verbund_tests::assert_bad_input(&body, &["days"]);
});

both!(the_demo_samples_fill_the_desk, |app| async move {
    // Monday 7 December 2026, 09:00 in Germany.
    let (_, timing) = clock_at("2026-12-07T08:00:00Z");
    let first = verbund::seed::samples::load(app.db(), &timing)
        .await
        .unwrap();
    assert!(first.inserted > 0);
    let again = verbund::seed::samples::load(app.db(), &timing)
        .await
        .unwrap();
    assert_eq!((again.inserted, again.corrected), (0, 0), "{again:?}");
    pass(&app, &timing).await;
    let app = timed(&app, &timing).await;
    let counts = "{ deadlineCounts { within7 within30 within90 overdue endedLast30 } }";
    assert_eq!(
        app.data(counts, json!({})).await["deadlineCounts"],
        json!({ "within7": 1, "within30": 2, "within90": 5, "overdue": 0, "endedLast30": 0 })
    );
    let listed = "{ deadlines(first: 100) { nodes { kind day dayToAct state contract { title source { title } } } } }";
    let near = |desk: &Value| -> Vec<(String, String, String, String)> {
        nodes(&desk["deadlines"])
            .iter()
            .filter(|d| d["state"] == "OPEN" && d["day"].as_str().unwrap() < "2027-03-08")
            .map(|d| {
                let title = d["contract"]["title"].as_str().unwrap();
                assert!(title.starts_with("Beispiel: "), "{title}");
                assert_eq!(
                    d["contract"]["source"]["title"],
                    verbund::seed::samples::SAMPLE_SOURCE
                );
                (
                    d["kind"].as_str().unwrap().to_owned(),
                    d["day"].as_str().unwrap().to_owned(),
                    d["dayToAct"].as_str().unwrap().to_owned(),
                    title.trim_start_matches("Beispiel: ").to_owned(),
                )
            })
            .collect()
    };
    // Notice within a week (due on a Saturday: acted on by Friday), within a month (due on
    // New Year's Day: acted on by 31 December), the decision on renewing a term that ends in
    // ten weeks (a month before its end) and that end, an end within three months.
    assert_eq!(
        near(&app.data(listed, json!({})).await),
        quads(&[
            (
                "NOTICE",
                "2026-12-12",
                "2026-12-11",
                "Wartung Fachverfahren Einwohnerwesen"
            ),
            (
                "NOTICE",
                "2027-01-01",
                "2026-12-31",
                "Auftragsverarbeitung E-Mail-Betrieb"
            ),
            (
                "DECISION",
                "2027-01-15",
                "2027-01-15",
                "Rahmenvertrag Webhosting"
            ),
            (
                "END",
                "2027-02-15",
                "2027-02-15",
                "Rahmenvertrag Webhosting"
            ),
            (
                "END",
                "2027-02-25",
                "2027-02-25",
                "Lizenzen Ratsinformationssystem"
            ),
        ])
    );

    // A demo started weeks later dates the samples afresh and re-arms their deadlines.
    let (_, later) = clock_at("2027-03-01T08:00:00Z");
    let redated = verbund::seed::samples::load(app.db(), &later)
        .await
        .unwrap();
    assert_eq!((redated.inserted, redated.corrected), (0, 4), "{redated:?}");
    pass(&app, &later).await;
    let app = timed(&app, &later).await;
    let counts = app.data(counts, json!({})).await;
    for (window, n) in [("within7", 1), ("within30", 2), ("within90", 5)] {
        assert_eq!(counts["deadlineCounts"][window], n, "{counts}");
    }
});

both!(
    demo_clear_removes_the_samples_and_nothing_else,
    |app| async move {
        let (_, timing) = clock_at("2026-12-07T08:00:00Z");
        let before = app.count_rows("contracts").await;
        let samples = "{ me { sampleData } }";
        let said = |data: Value| data["me"]["sampleData"].clone();
        assert_eq!(said(app.data(samples, json!({})).await), json!(false));
        verbund::seed::samples::load(app.db(), &timing)
            .await
            .unwrap();
        assert_eq!(said(app.data(samples, json!({})).await), json!(true));
        pass(&app, &timing).await;
        assert_eq!(app.count_rows("contracts").await, before + 5);
        assert!(app.count_rows("reminders").await > 0);

        // A membership rests on a sample: that one stays with its reminders, and the source.
        use sea_orm::ConnectionTrait;
        let sample = "(SELECT MIN(id) FROM contracts WHERE source_id = \
                      (SELECT id FROM sources WHERE title LIKE 'Beispiel%'))";
        let rest = |contract: &str| {
            format!(
                "UPDATE memberships SET contract_id = {contract} \
                 WHERE id = (SELECT MIN(id) FROM memberships)"
            )
        };
        app.db().execute_unprepared(&rest(sample)).await.unwrap();
        let its_reminders = format!("reminders WHERE contract_id = {sample}");
        let armed = app.count_rows(&its_reminders).await;
        assert!(armed > 0);
        let cleared = verbund::seed::clear::clear(app.db()).await.unwrap();
        assert_eq!((cleared.contracts, cleared.source), (4, false));
        assert_eq!(cleared.kept.len(), 1, "{cleared:?}");
        // A sample kept: the register still says it holds sample data.
        assert_eq!(said(app.data(samples, json!({})).await), json!(true));
        assert_eq!(app.count_rows(&its_reminders).await, armed);
        app.db().execute_unprepared(&rest("NULL")).await.unwrap();
        let cleared = verbund::seed::clear::clear(app.db()).await.unwrap();
        assert_eq!(
            (cleared.contracts, cleared.source),
            (1, true),
            "{cleared:?}"
        );
        assert!(cleared.kept.is_empty());
        assert_eq!(said(app.data(samples, json!({})).await), json!(false));
        assert_eq!(app.count_rows("contracts").await, before);
        assert_eq!(app.count_rows("reminders").await, 0);
        assert_eq!(app.count_rows("deadlines").await, 0);
        assert_eq!(
            app.count_rows("sources WHERE title LIKE 'Beispiel%'").await,
            0
        );
        assert_eq!(
        app.count_rows(
            "audit_entries WHERE operation = 'deleteContract' AND actor_name = 'verbund demo clear'"
        )
        .await,
        5
    );
        // Nothing left to clear; a later demo start loads the samples again.
        let again = verbund::seed::clear::clear(app.db()).await.unwrap();
        assert_eq!(again, verbund::seed::clear::Cleared::default());
        let reloaded = verbund::seed::samples::load(app.db(), &timing)
            .await
            .unwrap();
        assert!(reloaded.inserted > 0);
        assert_eq!(app.count_rows("contracts").await, before + 5);
    }
);

both!(amended_terms_move_the_deadlines, |app| async move {
    let (_, timing) = clock_at("2027-01-04T08:00:00Z");
    let app = timed(&app, &timing).await;
    let terms = json!({ "title": "Druckerwartung", "kind": "SERVICE_AGREEMENT",
                            "signedOn": "2026-12-01", "effectiveFrom": "2027-01-01",
                            "initialTermMonths": 12 });
    let id = create_contract(&app, "Druckerwartung", terms.clone()).await;
    let mut longer = terms;
    longer["initialTermMonths"] = json!(24);
    let desk = change_contract(
        &app,
        &id,
        "mutation($id: ID!, $v: Int!, $input: ContractInput!) { amendContract(id: $id, version: $v, input: $input) { id } }",
        json!({ "input": longer }),
    )
    .await;
    assert_deadlines(
        &desk,
        &[
            ("END", "2027-12-31", "2027-12-31", "SUPERSEDED"),
            ("END", "2028-12-31", "2028-12-29", "OPEN"),
        ],
    );
    assert!(all_reminders_are(&desk, "END", "2027-12-31", "SUPERSEDED"));
    assert_eq!(
        reminders(&desk, "END", "2028-12-31"),
        armed(&["2028-09-30", "2028-11-29", "2028-12-22", "2028-12-29"])
    );
});
