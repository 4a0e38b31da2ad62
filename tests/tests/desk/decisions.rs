//! Deadlines as tasks: owners, decisions (giving notice records it on the contract), the
//! inbox, snoozing, and who may see and do what.

use serde_json::json;
use verbund_tests::{both, codes, nodes};

use super::*;

/// Two contracts: one with Stadt Grabow (renewing, notice to the end of the term), one with
/// Stadt Ludwigslust (one year, then it ends).
async fn two_contracts(app: &TestApp) -> (String, String) {
    let grabow = app.organisation_id("Stadt Grabow").await;
    let ludwigslust = app.organisation_id("Stadt Ludwigslust").await;
    let a = create_contract(app, "Betrieb Fachverfahren Grabow", tacit_terms()).await;
    let b = create_contract(
        app,
        "Lizenzen Ludwigslust",
        json!({ "signedOn": "2026-12-01", "effectiveFrom": "2027-01-01", "initialTermMonths": 12 }),
    )
    .await;
    for (contract, org) in [(&a, &grabow), (&b, &ludwigslust)] {
        change_contract(
            app,
            contract,
            "mutation($id: ID!, $v: Int!, $org: ID!) { addContractParty(contractId: $id, version: $v, party: {organisationId: $org, role: \"MEMBER\"}) { id } }",
            json!({ "org": org }),
        )
        .await;
    }
    (a, b)
}

/// What the desk's tests of owners and decisions start from on `app`: the [`two_contracts`],
/// an editor and a viewer, and the editor's account ID.
async fn two_contracts_and_staff(app: &TestApp) -> ((String, String), TestApp, TestApp, Value) {
    let contracts = two_contracts(app).await;
    let editor = app.as_staff("EDITOR").await;
    let viewer = app.as_staff("VIEWER").await;
    let editor_id = user_id(app, "test-editor").await;
    (contracts, editor, viewer, editor_id)
}

/// The deadline of `kind` on `day` of a contract: its ID and version.
async fn deadline(app: &TestApp, contract: &str, kind: &str, day: &str) -> (String, i64) {
    let desk = desk_of(app, contract).await;
    let found = decision(&desk, kind, day);
    (
        found["id"].as_str().unwrap().to_owned(),
        found["version"].as_i64().unwrap(),
    )
}

/// The ID of the account called `name`, as the list of users gives it.
async fn user_id(app: &TestApp, name: &str) -> Value {
    app.data("{ users { id name } }", json!({})).await["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("no user {name}"))["id"]
        .clone()
}

const DECIDE: &str =
    "mutation($id: ID!, $v: Int!, $outcome: DeadlineOutcome!, $note: String, $on: Date) {
    decideDeadline(id: $id, version: $v, outcome: $outcome, note: $note, noticeGivenOn: $on) {
        state outcome note version decidedBy { name } } }";

const ASSIGN: &str = "mutation($id: ID!, $v: Int!, $owner: ID) {
    assignDeadline(id: $id, version: $v, owner: $owner) { owner { name } version } }";

both!(
    deadlines_are_assigned_and_decided_and_tokens_see_days_only,
    |app| async move {
        let (_, timing) = clock_at("2027-01-04T08:00:00Z");
        let app = timed(&app, &timing).await;
        let ((a, b), editor, viewer, editor_id) = two_contracts_and_staff(&app).await;

        // Viewers read the desk but change nothing on it.
        let all = viewer
            .data(
                "{ deadlines { totalCount nodes { kind day dayToAct state contract { title } } } }",
                json!({}),
            )
            .await;
        assert_eq!(all["deadlines"]["totalCount"], 3, "{all:#}");
        let (notice, version) = deadline(&app, &a, "NOTICE", "2027-07-31").await;
        viewer
            .fails_with(
                "FORBIDDEN",
                DECIDE,
                json!({ "id": notice, "v": version, "outcome": "RENEW" }),
            )
            .await;
        // The owner must be an account that may decide.
        let viewer_id = user_id(&app, "test-viewer").await;
        let body = editor
            .graphql(
                ASSIGN,
                json!({ "id": notice, "v": version, "owner": viewer_id }),
            )
            .await;
        verbund_tests::assert_bad_input(&body, &["owner"]);
        // An editor names itself as the owner by its own ID, which `me` tells it.
        let me = editor.data("{ me { id } }", json!({})).await;
        assert_eq!(me["me"]["id"], editor_id);
        let assigned = editor
            .data(
                ASSIGN,
                json!({ "id": notice, "v": version, "owner": me["me"]["id"] }),
            )
            .await;
        assert_eq!(assigned["assignDeadline"]["owner"]["name"], "test-editor");
        let mine = editor
            .data(
                "query($o: ID) { deadlines(owner: $o) { nodes { kind day } } }",
                json!({ "o": editor_id }),
            )
            .await;
        assert_eq!(
            mine["deadlines"]["nodes"],
            json!([{ "kind": "NOTICE", "day": "2027-07-31" }])
        );

        // Giving notice is decided and recorded on the contract in one step.
        let version = assigned["assignDeadline"]["version"].as_i64().unwrap();
        let decided = editor
            .data(
                DECIDE,
                json!({ "id": notice, "v": version, "outcome": "GIVE_NOTICE",
                        "note": "Der Betrieb wird neu ausgeschrieben.", "on": "2027-01-04" }),
            )
            .await;
        assert_eq!(
            decided["decideDeadline"],
            json!({ "state": "DECIDED", "outcome": "GIVE_NOTICE",
                    "note": "Der Betrieb wird neu ausgeschrieben.",
                    "version": version + 1, "decidedBy": { "name": "test-editor" } })
        );
        let desk = desk_of(&app, &a).await;
        assert_eq!(desk["noticeGivenOn"], "2027-01-04");
        assert!(
            all_reminders_are(&desk, "NOTICE", "2027-07-31", "SUPERSEDED"),
            "{desk:#}"
        );
        // Decided once: deciding again is a conflict, even at the current version.
        let body = editor
            .graphql(
                DECIDE,
                json!({ "id": notice, "v": version + 1, "outcome": "RENEW" }),
            )
            .await;
        assert_eq!(codes(&body), ["CONFLICT"], "{body:#}");
        // A notice the contract's rule refuses refuses the decision with it.
        let (end, end_version) = deadline(&app, &b, "END", "2027-12-31").await;
        let body = editor
            .graphql(
                DECIDE,
                json!({ "id": end, "v": end_version, "outcome": "GIVE_NOTICE" }),
            )
            .await;
        verbund_tests::assert_bad_input(&body, &["givenOn"]);
        assert_eq!(deadline(&app, &b, "END", "2027-12-31").await.1, end_version);

        // A token of Stadt Grabow sees Grabow's deadlines: days and state, no owner or note.
        let token = app
            .as_partner(json!(["CONTRACTS_READ"]), Some("Stadt Grabow"))
            .await;
        let seen = token
            .data(
                "{ deadlines(state: DECIDED) { nodes { kind day dayToAct state owner { name } outcome note decidedBy { name } } }
                   all: deadlines { nodes { contract { title } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            seen["deadlines"]["nodes"],
            json!([{ "kind": "NOTICE", "day": "2027-07-31", "dayToAct": "2027-07-30",
                     "state": "DECIDED", "owner": null, "outcome": null, "note": null,
                     "decidedBy": null }])
        );
        let titles: Vec<_> = nodes(&seen["all"])
            .iter()
            .map(|n| n["contract"]["title"].clone())
            .collect();
        assert_eq!(titles, [json!("Betrieb Fachverfahren Grabow")]);
        let decisions = token
            .node(&a, "... on Contract { decisions { note owner { name } } }")
            .await;
        assert!(
            decisions["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["note"].is_null())
        );
        token
            .fails_with(
                "FORBIDDEN",
                "query($o: ID) { deadlines(owner: $o) { totalCount } }",
                json!({ "o": editor_id }),
            )
            .await;
        token
            .fails_with(
                "FORBIDDEN",
                DECIDE,
                json!({ "id": end, "v": end_version, "outcome": "RENEW" }),
            )
            .await;
        let members_only = app.as_partner(json!(["MEMBERS_READ"]), None).await;
        members_only
            .fails_with("FORBIDDEN", "{ deadlines { totalCount } }", json!({}))
            .await;
        app.anonymous()
            .fails_with("UNAUTHENTICATED", "{ deadlines { totalCount } }", json!({}))
            .await;
    }
);

both!(
    reminders_reach_the_owner_or_every_editor_and_can_be_snoozed,
    |app| async move {
        let (clock, timing) = clock_at("2027-01-04T08:00:00Z");
        let app = timed(&app, &timing).await;
        let ((a, b), editor, viewer, editor_id) = two_contracts_and_staff(&app).await;
        let (end_b, version) = deadline(&app, &b, "END", "2027-12-31").await;
        editor
            .data(
                ASSIGN,
                json!({ "id": end_b, "v": version, "owner": editor_id }),
            )
            .await;

        // 07:05 in Germany on 2 October 2027 (summer time): Ludwigslust's 90-day reminder is
        // due now; Grabow's four of its notice deadline and two of its end fell due while no
        // server ran, and go out late.
        clock.set(instant("2027-10-02T05:05:00Z"));
        let done = pass(&app, &timing).await;
        assert_eq!((done.sent, done.late), (7, 6), "{done:?}");
        let inbox = "{ me { unreadCount inbox { id deadline { kind day contract { title } } reminder { id dueOn late } } } }";
        let theirs = editor.data(inbox, json!({})).await;
        assert_eq!(theirs["me"]["unreadCount"], 7, "{theirs:#}");
        let admins = app.data(inbox, json!({})).await;
        assert_eq!(admins["me"]["unreadCount"], 6, "{admins:#}");
        let viewers = viewer.data(inbox, json!({})).await;
        assert_eq!(viewers["me"]["unreadCount"], 0);
        let owned: Vec<_> = theirs["me"]["inbox"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["deadline"]["contract"]["title"] == "Lizenzen Ludwigslust")
            .cloned()
            .collect();
        assert_eq!(owned.len(), 1);
        assert_eq!(owned[0]["reminder"]["late"], false);
        assert_eq!(owned[0]["reminder"]["dueOn"], "2027-10-02");

        // Read: only one's own entries can be marked.
        let entry = owned[0]["id"].clone();
        let admin_entry = admins["me"]["inbox"][0]["id"].clone();
        let marked = editor
            .data(
                "mutation($ids: [ID!]!) { markRead(ids: $ids) }",
                json!({ "ids": [entry, admin_entry] }),
            )
            .await;
        assert_eq!(marked["markRead"], 1);
        assert_eq!(editor.data(inbox, json!({})).await["me"]["unreadCount"], 6);
        assert_eq!(app.data(inbox, json!({})).await["me"]["unreadCount"], 6);

        // Snoozed to the 15th: a reminder of its own, armed.
        let reminder = owned[0]["reminder"]["id"].clone();
        let snooze = "mutation($id: ID!, $until: Date!) { snoozeReminder(id: $id, until: $until) { dueOn state snoozed } }";
        let snoozed = editor
            .data(snooze, json!({ "id": reminder, "until": "2027-10-15" }))
            .await;
        assert_eq!(
            snoozed["snoozeReminder"],
            json!({ "dueOn": "2027-10-15", "state": "ARMED", "snoozed": true })
        );
        let body = editor
            .graphql(snooze, json!({ "id": reminder, "until": "2028-01-03" }))
            .await;
        verbund_tests::assert_bad_input(&body, &["until"]);
        viewer
            .fails_with(
                "FORBIDDEN",
                snooze,
                json!({ "id": reminder, "until": "2027-10-16" }),
            )
            .await;
        clock.set(instant("2027-10-15T05:05:00Z"));
        let done = pass(&app, &timing).await;
        assert_eq!(done.sent, 1, "{done:?}");
        let theirs = editor.data(inbox, json!({})).await;
        assert_eq!(theirs["me"]["unreadCount"], 7, "{theirs:#}");
        // Grabow's contract is untouched by all of this.
        assert!(desk_of(&app, &a).await["noticeGivenOn"].is_null());
    }
);
