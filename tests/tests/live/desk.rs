//! `deadlinesChanged`: the deadline desk as it changes, to staff (with their unread inbox
//! count) and to member-limited tokens (their member's contracts only).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use verbund::timing::{Clock, Timing};
use verbund_tests::{TestApp, both, renewing_contract_row};

use super::QUIET;
use verbund_tests::socket::{Said, Socket};

const DESK: &str = "subscription($memberId: ID) {
    deadlinesChanged(memberId: $memberId) { change contractId deadlineId at unreadCount }
}";

const CREATE: &str = "mutation($input: ContractInput!, $parties: [PartyInput!]) {
    createContract(input: $input, parties: $parties) { id } }";

/// A contract of one year from 1 January 2027 (its END deadline 31 December 2027), with
/// `member` as a party when given; its global ID.
async fn contract(app: &TestApp, title: &str, member: Option<&str>) -> String {
    let input = json!({ "title": title, "kind": "SERVICE_AGREEMENT", "signedOn": "2026-12-01",
                        "effectiveFrom": "2027-01-01", "initialTermMonths": 12 });
    let parties = match member {
        Some(name) => {
            json!([{ "organisationId": app.organisation_id(name).await, "role": "MEMBER" }])
        }
        None => json!([]),
    };
    app.created_id(CREATE, json!({ "input": input, "parties": parties }))
        .await
}

/// The first open deadline of a contract: its ID, version and day.
async fn open_deadline(app: &TestApp, id: &str) -> (String, i64, String) {
    let node = app
        .node(id, "... on Contract { decisions { id version day state } }")
        .await;
    let open = node["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["state"] == "OPEN")
        .unwrap_or_else(|| panic!("no open deadline: {node:#}"))
        .clone();
    (
        open["id"].as_str().unwrap().to_owned(),
        open["version"].as_i64().unwrap(),
        open["day"].as_str().unwrap().to_owned(),
    )
}

/// The next desk event of `id`.
async fn event(socket: &mut Socket, id: &str) -> Value {
    socket.event(id).await["deadlinesChanged"].clone()
}

/// Subscribes as `id` and waits until the subscription runs: contracts are made (with
/// `member` as a party) until one is heard; everything heard up to it is passed over.
async fn subscribed(socket: &mut Socket, app: &TestApp, id: &str, member: Option<&str>) {
    socket.subscribe(id, DESK, json!({})).await;
    for n in 0..20 {
        let last = contract(app, &format!("Probe {n}"), member).await;
        if let Some(Said::Message(message)) = socket.next_within(Duration::from_millis(500)).await {
            assert_eq!(message["id"], id, "{message:#}");
            let mut heard = message["payload"]["data"]["deadlinesChanged"]["contractId"].clone();
            while heard != last.as_str() {
                heard = event(socket, id).await["contractId"].clone();
            }
            // The party added with it comes after.
            while socket.next_within(QUIET).await.is_some() {}
            return;
        }
    }
    panic!("the subscription {id} heard none of 20 changes");
}

const DECIDE: &str = "mutation($id: ID!, $v: Int!) {
    decideDeadline(id: $id, version: $v, outcome: LET_END) { version } }";

both!(staff_hear_decisions_and_deadlines_moved, |app| async move {
    let mut socket = Socket::open(&app).await;
    subscribed(&mut socket, &app, "d", None).await;

    let id = contract(&app, "Druckerwartung", None).await;
    let made = event(&mut socket, "d").await;
    assert_eq!(made["change"], "REARMED", "{made}");
    assert_eq!(made["contractId"], id.as_str());
    assert_eq!(made["unreadCount"], 0, "staff hear their unread count");

    // A decision made over HTTP.
    let (deadline, version, day) = open_deadline(&app, &id).await;
    assert_eq!(day, "2027-12-31");
    app.data(DECIDE, json!({ "id": deadline, "v": version }))
        .await;
    let decided = event(&mut socket, "d").await;
    assert_eq!(decided["change"], "DECIDED", "{decided}");
    assert_eq!(decided["contractId"], id.as_str());
    assert_eq!(decided["deadlineId"], deadline.as_str());

    // An amendment that moves the deadline.
    let other = contract(&app, "Rechenzentrum", None).await;
    assert_eq!(event(&mut socket, "d").await["contractId"], other.as_str());
    let version = app.node(&other, "... on Contract { version }").await["version"].clone();
    let input = json!({ "title": "Rechenzentrum", "kind": "SERVICE_AGREEMENT",
                            "signedOn": "2026-12-01", "effectiveFrom": "2027-01-01",
                            "initialTermMonths": 24 });
    app.data(
            "mutation($id: ID!, $v: Int!, $input: ContractInput!) { amendContract(id: $id, version: $v, input: $input) { id } }",
            json!({ "id": other, "v": version, "input": input }),
        )
        .await;
    let moved = event(&mut socket, "d").await;
    assert_eq!(moved["change"], "REARMED", "{moved}");
    assert_eq!(moved["contractId"], other.as_str());
    assert_eq!(open_deadline(&app, &other).await.2, "2028-12-31");
    assert_eq!(socket.silent_for(QUIET).await, None);
});

both!(
    a_member_limited_token_hears_only_its_members_deadlines,
    |app| async move {
        let token = app
            .as_partner(json!(["CONTRACTS_READ"]), Some("Stadt Grabow"))
            .await;
        let mut socket = Socket::open(&token).await;
        subscribed(&mut socket, &app, "m", Some("Stadt Grabow")).await;

        // Another member's contract and its deadline decided: not heard.
        let theirs = contract(&app, "Für Ludwigslust", Some("Stadt Ludwigslust")).await;
        let (deadline, version, _) = open_deadline(&app, &theirs).await;
        app.data(DECIDE, json!({ "id": deadline, "v": version }))
            .await;
        assert_eq!(socket.silent_for(QUIET).await, None);

        // Its own member's: heard, without an unread count.
        let own = contract(&app, "Für Grabow", Some("Stadt Grabow")).await;
        let made = event(&mut socket, "m").await;
        assert_eq!(made["contractId"], own.as_str(), "{made}");
        assert_eq!(made["unreadCount"], Value::Null);
        while socket.next_within(QUIET).await.is_some() {}
        let (deadline, version, _) = open_deadline(&app, &own).await;
        app.data(DECIDE, json!({ "id": deadline, "v": version }))
            .await;
        let decided = event(&mut socket, "m").await;
        assert_eq!(decided["change"], "DECIDED", "{decided}");
        assert_eq!(decided["deadlineId"], deadline.as_str());
        assert_eq!(socket.silent_for(QUIET).await, None);

        // Not another member's, and not without the scope.
        let ludwigslust = app.organisation_id("Stadt Ludwigslust").await;
        socket
            .subscribe("x", DESK, json!({ "memberId": ludwigslust }))
            .await;
        assert_eq!(socket.refused("x").await, "FORBIDDEN");
        let members = app
            .as_partner(json!(["MEMBERS_READ"]), Some("Stadt Grabow"))
            .await;
        let mut other = Socket::open(&members).await;
        other.subscribe("y", DESK, json!({})).await;
        assert_eq!(other.refused("y").await, "FORBIDDEN");
    }
);

fn instant(at: &str) -> DateTime<Utc> {
    at.parse().unwrap()
}

both!(a_reminder_sent_bumps_the_unread_count, |app| async move {
    let clock = Clock::fixed(instant("2025-06-02T08:00:00Z"));
    let timing = Arc::new(Timing {
        clock: clock.clone(),
        ..Timing::default()
    });
    let timed = app
        .with_settings(verbund::http::Settings {
            timing: timing.clone(),
            ..verbund::http::Settings::default()
        })
        .await;
    // The seeded contracts as of the clock's day first.
    verbund::register::desk::due::pass(app.db(), &timing)
        .await
        .unwrap();
    let mut socket = Socket::open(&timed).await;
    subscribed(&mut socket, &timed, "r", None).await;

    // A contract loaded behind the register's back: the scheduler arms it, and says so.
    let row = renewing_contract_row("Vertrag".to_owned(), "2024-12-01", "2025-01-01", 12);
    let inserted = verbund::entities::contract::Entity::insert(row)
        .exec(app.db())
        .await
        .unwrap();
    use sea_orm::EntityTrait;
    let pass = verbund::register::desk::due::pass(app.db(), &timing)
        .await
        .unwrap();
    assert_eq!(pass.rearmed, 1);
    let armed = event(&mut socket, "r").await;
    assert_eq!(armed["change"], "REARMED", "{armed}");
    let expected = verbund::graphql::ids::encode(
        verbund::register::RecordType::Contract,
        inserted.last_insert_id,
    );
    assert_eq!(armed["contractId"], expected.as_str());
    assert_eq!(armed["unreadCount"], 0);

    // 1 September: two reminders of its notice deadline land in the editor's inbox.
    clock.set(instant("2025-09-01T06:00:00Z"));
    let sent = verbund::register::desk::due::send_due(app.db(), &timing)
        .await
        .unwrap();
    assert_eq!(sent.sent, 2);
    let inbox = event(&mut socket, "r").await;
    assert_eq!(inbox["change"], "INBOX", "{inbox}");
    assert_eq!(inbox["unreadCount"], 2);
    let me = timed
        .data("{ me { unreadCount inbox { id } } }", json!({}))
        .await;
    assert_eq!(me["me"]["unreadCount"], 2);

    // Read on another device: the count goes down live too.
    let first = me["me"]["inbox"][0]["id"].clone();
    timed
        .data(
            "mutation($ids: [ID!]!) { markRead(ids: $ids) }",
            json!({ "ids": [first] }),
        )
        .await;
    let read = event(&mut socket, "r").await;
    assert_eq!(read["change"], "INBOX", "{read}");
    assert_eq!(read["unreadCount"], 1);
    assert_eq!(socket.silent_for(QUIET).await, None);
});

both!(
    every_subscriber_hears_a_snooze_with_its_contract,
    |app| async move {
        let mut first = Socket::open(&app).await;
        subscribed(&mut first, &app, "a", None).await;
        let mut second = Socket::open(&app).await;
        subscribed(&mut second, &app, "b", None).await;
        while first.next_within(QUIET).await.is_some() {}

        let id = contract(&app, "Telefonie", None).await;
        for (socket, sub) in [(&mut first, "a"), (&mut second, "b")] {
            assert_eq!(event(socket, sub).await["contractId"], id.as_str());
            while socket.next_within(QUIET).await.is_some() {}
        }
        let (deadline, _, day) = open_deadline(&app, &id).await;
        let node = app
            .node(&id, "... on Contract { reminders { id deadlineId } }")
            .await;
        let reminder = node["reminders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["deadlineId"] == deadline.as_str())
            .unwrap_or_else(|| panic!("no reminder of the open deadline: {node:#}"))["id"]
            .clone();
        app.data(
            "mutation($id: ID!, $until: Date!) { snoozeReminder(id: $id, until: $until) { id } }",
            json!({ "id": reminder, "until": day }),
        )
        .await;
        // The snapshot names no contract: it is read from the deadline, for both alike.
        for (socket, sub) in [(&mut first, "a"), (&mut second, "b")] {
            let snoozed = event(socket, sub).await;
            assert_eq!(snoozed["change"], "SNOOZED", "{snoozed}");
            assert_eq!(snoozed["contractId"], id.as_str());
            assert_eq!(snoozed["deadlineId"], deadline.as_str());
            assert_eq!(socket.silent_for(QUIET).await, None);
        }
    }
);
