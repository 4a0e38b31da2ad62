//! Subscriptions over WebSocket at `/graphql` (`graphql-transport-ws`): each committed change
//! reaches the subscribers who may see it, once, in commit order; `after:` replays what was
//! missed and goes on live; credentials that end close their sockets; limits refuse.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod desk;
mod left;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use verbund_tests::socket::{CHANGED, Said, Socket};
use verbund_tests::{TestApp, both};

/// How long a test waits to be sure that nothing more comes.
const QUIET: Duration = Duration::from_millis(700);

/// The cursor of the last change in the feed as `app`'s caller sees it (the seeded register
/// has no changes yet: a source is created first then).
async fn end_of_feed(app: &TestApp) -> Value {
    let end = last_cursor(app).await;
    if !end.is_null() {
        return end;
    }
    create_source(app, "Amtsblatt 1/2021").await;
    last_cursor(app).await
}

/// The cursor of the last change in the feed as `app`'s caller sees it (null when none).
async fn last_cursor(app: &TestApp) -> Value {
    let mut after = Value::Null;
    loop {
        let data = app
            .data(
                "query($after: String) { changes(after: $after, first: 100) { edges { cursor } pageInfo { hasNextPage } } }",
                json!({ "after": after }),
            )
            .await;
        if let Some(last) = data["changes"]["edges"].as_array().unwrap().last() {
            after = last["cursor"].clone();
        }
        if data["changes"]["pageInfo"]["hasNextPage"] != true {
            return after;
        }
    }
}

/// Creates a source titled `title`; its global ID.
async fn create_source(app: &TestApp, title: &str) -> String {
    app.created_id(
        "mutation($title: String!) { createSource(input: {title: $title}) { id } }",
        json!({ "title": title }),
    )
    .await
}

/// Ends the first membership of the member `name`; the membership's global ID.
async fn leave(app: &TestApp, name: &str) -> String {
    let member = app.organisation(name, "memberships { id version }").await;
    let membership = &member["memberships"][0];
    app.data(
        "mutation($id: ID!, $version: Int!) { leaveMembership(id: $id, version: $version, leftOn: \"2030-12-31\") { version } }",
        json!({ "id": membership["id"], "version": membership["version"] }),
    )
    .await;
    membership["id"].as_str().unwrap().to_owned()
}

/// Subscribes as `id` from the end of the feed as it is now, so that every change made after
/// this returns is heard, however long the server takes to start the subscription.
async fn subscribed(socket: &mut Socket, app: &TestApp, id: &str, variables: Value) {
    let mut variables = variables;
    variables["after"] = end_of_feed(app).await;
    socket.subscribe(id, CHANGED, variables).await;
}

/// Waits until the subscription `id` (live, without a cursor) runs: subscribing is not
/// acknowledged by the protocol, so sources are made until one is heard, and every event up
/// to the last one made is taken.
async fn running(socket: &mut Socket, app: &TestApp, id: &str) {
    let mut last = String::new();
    for n in 0..20 {
        last = create_source(app, &format!("Probe {n}")).await;
        if let Some(Said::Message(message)) = socket.next_within(Duration::from_millis(500)).await {
            assert_eq!(message["id"], id, "{message:#}");
            let mut heard = message["payload"]["data"]["registerChanged"]["recordId"].clone();
            while heard != last.as_str() {
                heard = socket.event(id).await["registerChanged"]["recordId"].clone();
            }
            return;
        }
    }
    panic!("the subscription {id} heard none of 20 changes; last {last}");
}

both!(
    a_change_through_the_api_reaches_subscribers,
    |app| async move {
        // Live only, without a cursor.
        let mut staff = Socket::open(&app).await;
        staff.subscribe("s", CHANGED, json!({})).await;
        running(&mut staff, &app, "s").await;
        let start = end_of_feed(&app).await;
        let token = app.as_partner(json!(["COVERAGE_READ"]), None).await;
        let mut partner = Socket::open(&token).await;
        partner
            .subscribe(
                "p",
                CHANGED,
                json!({ "types": ["Service"], "after": start }),
            )
            .await;

        let (id, version) = app.first_service().await;
        let body = app.rename_service(&id, version, "Betrieb neu").await;
        assert!(body["errors"].is_null(), "{body:#}");

        let seen = staff.event("s").await["registerChanged"].clone();
        assert_eq!(seen["recordType"], "Service");
        assert_eq!(seen["recordId"], id.as_str());
        assert_eq!(seen["operation"], "updateService");
        assert_eq!(seen["version"], version + 1);
        assert_eq!(seen["deleted"], false);
        assert_eq!(seen["actor"], "test-admin");
        assert!(seen["at"].is_string(), "{seen}");
        // The same cursor as the feed's for this change.
        let feed = app
        .data(
            "query($after: String) { changes(after: $after) { edges { cursor node { recordId } } } }",
            json!({ "after": start }),
        )
        .await;
        assert_eq!(feed["changes"]["edges"][0]["cursor"], seen["cursor"]);

        // A partner token sees the same change, but not who made it.
        let partner_seen = partner.event("p").await["registerChanged"].clone();
        assert_eq!(partner_seen["recordId"], id.as_str());
        assert_eq!(partner_seen["cursor"], seen["cursor"]);
        assert!(partner_seen["actor"].is_null(), "{partner_seen}");

        // A source is not a service: the partner hears nothing of it, staff do.
        let source = create_source(&app, "Amtsblatt 2/2021").await;
        assert_eq!(
            staff.event("s").await["registerChanged"]["recordId"],
            source.as_str()
        );
        assert_eq!(partner.silent_for(QUIET).await, None);

        // Completing the subscription ends its events (the server confirms it).
        staff.complete("s").await;
        assert_eq!(
            staff.next().await,
            Some(Said::Message(json!({ "id": "s", "type": "complete" })))
        );
        create_source(&app, "Amtsblatt 3/2021").await;
        assert_eq!(staff.silent_for(QUIET).await, None);
    }
);

both!(
    a_member_limited_token_hears_only_its_members_changes,
    |app| async move {
        let grabow = app
            .as_partner(json!(["MEMBERS_READ"]), Some("Stadt Grabow"))
            .await;
        let mut socket = Socket::open(&grabow).await;
        subscribed(&mut socket, &app, "g", json!({})).await;

        leave(&app, "Stadt Ludwigslust").await;
        let own = leave(&app, "Stadt Grabow").await;
        let seen = socket.event("g").await["registerChanged"].clone();
        assert_eq!(seen["recordType"], "Membership");
        assert_eq!(
            seen["recordId"],
            own.as_str(),
            "Ludwigslust's change is not heard"
        );
        assert_eq!(socket.silent_for(QUIET).await, None);

        // A contract made for its member now is heard at once, with its party.
        let contracts = app
            .as_partner(json!(["CONTRACTS_READ"]), Some("Stadt Grabow"))
            .await;
        let mut theirs = Socket::open(&contracts).await;
        subscribed(&mut theirs, &app, "c", json!({ "types": ["Contract"] })).await;
        let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
        let grabow_id = app.organisation_id("Stadt Grabow").await;
        let made = app
            .data(
                "mutation($parties: [PartyInput!]!) { createContract(input: {title: \"Vertrag für Grabow\", kind: SERVICE_AGREEMENT}, parties: $parties) { id } }",
                json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": grabow_id, "role": "MEMBER" }] }),
            )
            .await;
        let contract = made["createContract"]["id"].as_str().unwrap();
        for operation in ["createContract", "addContractParty", "addContractParty"] {
            let seen = theirs.event("c").await["registerChanged"].clone();
            assert_eq!(seen["operation"], operation, "{seen}");
            assert_eq!(seen["recordId"], contract, "{seen}");
            assert_eq!(seen["leftView"], false, "{seen}");
        }
        // When the member is no longer a party, the contract leaves its view: that is the
        // last it hears of it.
        let remove = "mutation($id: ID!, $version: Int!, $party: ID!) { removeContractParty(contractId: $id, version: $version, organisationId: $party) { version } }";
        let version = app.node(contract, "... on Contract { version }").await["version"].clone();
        let removed = app
            .data(
                remove,
                json!({ "id": contract, "version": version, "party": grabow_id }),
            )
            .await;
        let seen = theirs.event("c").await["registerChanged"].clone();
        assert_eq!(seen["operation"], "removeContractParty", "{seen}");
        assert_eq!(seen["recordId"], contract, "{seen}");
        assert_eq!(seen["leftView"], true, "{seen}");
        app.data(
            remove,
            json!({ "id": contract, "version": removed["removeContractParty"]["version"], "party": ksm }),
        )
        .await;
        assert_eq!(theirs.silent_for(QUIET).await, None);
        // A contract without the member is not.
        let other = app.organisation_id("Stadt Ludwigslust").await;
        app.data(
            "mutation($parties: [PartyInput!]!) { createContract(input: {title: \"Vertrag für Ludwigslust\", kind: SERVICE_AGREEMENT}, parties: $parties) { id } }",
            json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": other, "role": "MEMBER" }] }),
        )
        .await;
        assert_eq!(theirs.silent_for(QUIET).await, None);

        // A staff caller may narrow to one member; a limited token not to another one.
        let ludwigslust = app.organisation_id("Stadt Ludwigslust").await;
        let mut other = Socket::open(&grabow).await;
        other
            .subscribe("x", CHANGED, json!({ "memberId": ludwigslust }))
            .await;
        assert_eq!(other.refused("x").await, "FORBIDDEN");
        let mut staff = Socket::open(&app).await;
        subscribed(
            &mut staff,
            &app,
            "l",
            json!({ "memberId": ludwigslust, "types": ["Membership"] }),
        )
        .await;
        leave(&app, "Stadt Grabow").await;
        let theirs = leave(&app, "Stadt Ludwigslust").await;
        let seen = staff.event("l").await["registerChanged"].clone();
        assert_eq!(seen["recordId"], theirs.as_str());
    }
);

both!(
    a_rolled_back_or_refused_change_sends_nothing,
    |app| async move {
        let (id, version) = app.first_service().await;
        let body = app.rename_service(&id, version, "Betrieb neu").await;
        assert!(body["errors"].is_null(), "{body:#}");
        let mut socket = Socket::open(&app).await;
        subscribed(&mut socket, &app, "r", json!({})).await;

        // Written halfway (the contract and its audit entry), then rolled back.
        let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
        let missing = "T3JnYW5pc2F0aW9uOjk5OTk5"; // Organisation:99999
        app.fails_with(
        "BAD_USER_INPUT",
        "mutation($parties: [PartyInput!]!) { createContract(input: {title: \"Rahmenvertrag\", kind: SERVICE_AGREEMENT}, parties: $parties) { id } }",
        json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": missing, "role": "MEMBER" }] }),
    )
    .await;
        // Refused: based on the version before the last change.
        let body = app.rename_service(&id, version, "Betrieb alt").await;
        assert_eq!(verbund_tests::codes(&body), ["CONFLICT"], "{body:#}");
        // Refused: a viewer may not change anything.
        let viewer = app.as_staff("VIEWER").await;
        viewer
            .fails_with(
                "FORBIDDEN",
                "mutation { createSource(input: {title: \"Nein\"}) { id } }",
                json!({}),
            )
            .await;
        // The next change heard is the next one committed.
        let source = create_source(&app, "Amtsblatt 4/2021").await;
        let seen = socket.event("r").await["registerChanged"].clone();
        assert_eq!(seen["recordId"], source.as_str());
        assert_eq!(socket.silent_for(QUIET).await, None);
    }
);

both!(
    after_replays_what_was_missed_then_goes_live,
    |app| async move {
        let start = end_of_feed(&app).await;
        let mut created = Vec::new();
        for n in 0..5 {
            created.push(create_source(&app, &format!("Verpasst {n}")).await);
        }
        let mut socket = Socket::open(&app).await;
        // Changes go on being made while the subscriber catches up.
        let writer = {
            let app = app.clone();
            tokio::spawn(async move {
                let mut made = Vec::new();
                for n in 0..15 {
                    made.push(create_source(&app, &format!("Live {n}")).await);
                }
                made
            })
        };
        socket
            .subscribe("a", CHANGED, json!({ "after": start, "types": ["Source"] }))
            .await;
        let mut seen = Vec::new();
        while seen.len() < 20 {
            seen.push(socket.event("a").await["registerChanged"].clone());
        }
        created.extend(writer.await.unwrap());
        assert_eq!(socket.silent_for(QUIET).await, None, "no change twice");
        let ids: Vec<&str> = seen
            .iter()
            .map(|c| c["recordId"].as_str().unwrap())
            .collect();
        let distinct: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(distinct.len(), 20, "none twice: {ids:?}");
        let expected: HashSet<&str> = created.iter().map(String::as_str).collect();
        assert_eq!(distinct, expected, "none missed");
        // In commit order: the feed's own order.
        let feed = app
            .data(
                "query($after: String) { changes(after: $after, first: 100, types: [\"Source\"]) { edges { cursor } } }",
                json!({ "after": start }),
            )
            .await;
        let cursors: Vec<&Value> = seen.iter().map(|c| &c["cursor"]).collect();
        let in_feed: Vec<&Value> = feed["changes"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|edge| &edge["cursor"])
            .collect();
        assert_eq!(cursors, in_feed);

        // Resuming from a cursor in the middle gives exactly the rest.
        let mut again = Socket::open(&app).await;
        again
            .subscribe(
                "b",
                CHANGED,
                json!({ "after": seen[14]["cursor"], "types": ["Source"] }),
            )
            .await;
        for change in &seen[15..] {
            assert_eq!(
                again.event("b").await["registerChanged"]["cursor"],
                change["cursor"]
            );
        }
        assert_eq!(again.silent_for(QUIET).await, None);
    }
);

/// Waits until `socket` is closed; its close code and reason, and how long that took.
async fn closed(socket: &mut Socket) -> (u16, String, Duration) {
    let started = Instant::now();
    loop {
        match socket.next_within(Duration::from_secs(5)).await {
            Some(Said::Closed(code, reason)) => return (code, reason, started.elapsed()),
            Some(Said::Message(_)) => {}
            None => panic!("the socket was not closed within 5 s"),
        }
    }
}

both!(
    a_revoked_token_or_ended_session_closes_its_sockets,
    |app| async move {
        let partner = app.as_partner(json!(["MEMBERS_READ"]), None).await;
        let mut socket = Socket::open(&partner).await;
        socket.subscribe("t", CHANGED, json!({})).await;
        app.revoke_first_token().await;
        let (code, reason, took) = closed(&mut socket).await;
        assert_eq!(code, 4401, "{reason}");
        assert!(reason.starts_with("UNAUTHENTICATED"), "{reason}");
        assert!(took < Duration::from_secs(3), "closed after {took:?}");

        // A session that signs out closes its sockets; another session's stay open.
        let editor = app.as_staff("EDITOR").await;
        let mut signed_out = Socket::open(&editor).await;
        let mut stays = Socket::open(&app).await;
        editor.data("mutation { logout }", json!({})).await;
        let (code, reason, took) = closed(&mut signed_out).await;
        assert_eq!(code, 4401, "{reason}");
        assert!(took < Duration::from_secs(3), "closed after {took:?}");
        assert_eq!(stays.silent_for(QUIET).await, None);
    }
);

both!(sockets_are_signed_in_and_limited, |app| async move {
    // No credential, a bad token, a session cookie from another site.
    for (caller, origin, code) in [
        (app.anonymous(), None, 4401),
        (app.as_token("vbd_nothing"), None, 4401),
        (app.clone(), Some("https://elsewhere.example"), 4403),
    ] {
        let mut socket = Socket::open_from(&caller, origin).await;
        let (closed_with, reason, _) = closed(&mut socket).await;
        assert_eq!(closed_with, code, "{reason}");
    }
    // Queries and mutations go by HTTP.
    let mut socket = Socket::open(&app).await;
    socket.subscribe("q", "{ me { name } }", json!({})).await;
    assert_eq!(socket.refused("q").await, "BAD_REQUEST");
    drop(socket);

    let limited = app
        .with_settings(verbund::http::Settings {
            live: verbund::http::live::LiveLimits {
                connections: 2,
                subscriptions: 3,
            },
            ..verbund::http::Settings::default()
        })
        .await;
    let mut first = Socket::open(&limited).await;
    let second = Socket::open(&limited).await;
    let mut third = Socket::open_from(&limited, None).await;
    let (code, reason, _) = closed(&mut third).await;
    assert_eq!(code, 4429, "{reason}");
    assert!(reason.starts_with("RATE_LIMITED"), "{reason}");
    // Another caller has sockets of its own; a closed socket frees its place.
    Socket::open(&limited.as_staff("VIEWER").await).await;
    drop(second);
    let mut second = loop {
        let mut socket = Socket::open_from(&limited, None).await;
        match socket.next().await {
            Some(Said::Message(message)) if message["type"] == "connection_ack" => break socket,
            // The server has not yet seen the dropped socket go.
            Some(Said::Closed(4429, _)) => tokio::time::sleep(Duration::from_millis(50)).await,
            other => panic!("{other:?}"),
        }
    };

    let here = end_of_feed(&app).await;
    for id in ["1", "2", "3"] {
        first.subscribe(id, CHANGED, json!({ "after": here })).await;
    }
    // All three run once each has heard a change.
    create_source(&app, "Amtsblatt 4/2021").await;
    let mut running = HashSet::new();
    for _ in 0..3 {
        match first.next().await {
            Some(Said::Message(message)) if message["type"] == "next" => {
                running.insert(message["id"].as_str().unwrap().to_owned());
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(running.len(), 3);
    second.subscribe("4", CHANGED, json!({})).await;
    assert_eq!(second.refused("4").await, "RATE_LIMITED");
    first.complete("1").await;
    assert_eq!(
        first.next().await,
        Some(Said::Message(json!({ "id": "1", "type": "complete" })))
    );
    subscribed(&mut second, &app, "5", json!({})).await;
    let source = create_source(&app, "Amtsblatt 5/2021").await;
    assert_eq!(
        second.event("5").await["registerChanged"]["recordId"],
        source.as_str()
    );
});
