//! The register's mutations end to end: a new contract with its parties, terms, notice and
//! end; a membership joined and left; coverage started and ended; what cannot be deleted;
//! one winner among parallel updates, nothing left of a failed one, errors per field, and
//! every change in the record's history.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{assert_bad_input, both, codes, nodes, texts};

both!(a_contract_from_draft_to_its_end, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = editor
        .data(
            "mutation($parties: [PartyInput!]!) { createContract(
                input: {title: \"Rahmenvertrag Druckdienste\", kind: SERVICE_AGREEMENT, number: \"RV-7\"},
                parties: $parties) { id version status parties { role organisation { name } } } }",
            json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": grabow, "role": "MEMBER" }] }),
        )
        .await;
    let contract = &data["createContract"];
    assert_eq!(contract["status"], "DRAFT");
    assert_eq!(contract["parties"].as_array().unwrap().len(), 2);
    let id = contract["id"].as_str().unwrap().to_owned();

    // Signed and in force: 24 months, renewing by 12 unless notice 3 months before a term ends.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { amendContract(id: $id, version: $v, input: {
                title: \"Rahmenvertrag Druckdienste\", kind: SERVICE_AGREEMENT, number: \"RV-7\",
                signedOn: \"2024-12-01\", effectiveFrom: \"2025-01-01\", initialTermMonths: 24,
                renewal: TACIT, renewalMonths: 12, noticeMonths: 3, noticeTo: END_OF_TERM})
              { version status(asOf: \"2025-06-01\") currentTermEndsOn(asOf: \"2025-06-01\") noticeDeadline(asOf: \"2025-06-01\") } }",
            json!({ "id": id, "v": contract["version"] }),
        )
        .await;
    let amended = &data["amendContract"];
    assert_eq!(amended["status"], "IN_FORCE");
    assert_eq!(amended["currentTermEndsOn"], "2026-12-31");
    assert_eq!(amended["noticeDeadline"], "2026-09-30");

    // Notice on 2026-08-15 ends it with the term.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { giveNotice(id: $id, version: $v, givenOn: \"2026-08-15\")
              { version endsOn status(asOf: \"2026-10-01\") } }",
            json!({ "id": id, "v": amended["version"] }),
        )
        .await;
    let noticed = &data["giveNotice"];
    assert_eq!(noticed["endsOn"], "2026-12-31");
    assert_eq!(noticed["status"], "NOTICE_GIVEN");
    // Notice twice is an input error on the field.
    let body = editor
        .fails_with(
            "BAD_USER_INPUT",
            "mutation($id: ID!, $v: Int!) { giveNotice(id: $id, version: $v, givenOn: \"2026-08-16\") { id } }",
            json!({ "id": id, "v": noticed["version"] }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "givenOn");

    // A party leaves the contract; the contract's version moves on.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!, $org: ID!) { removeContractParty(contractId: $id, version: $v, organisationId: $org)
              { version parties { organisation { name } } } }",
            json!({ "id": id, "v": noticed["version"], "org": grabow }),
        )
        .await;
    let removed = &data["removeContractParty"];
    assert_eq!(removed["parties"].as_array().unwrap().len(), 1);
    assert_eq!(removed["version"], noticed["version"].as_i64().unwrap() + 1);

    // Ended early by agreement.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { endContract(id: $id, version: $v, endedOn: \"2026-10-31\") { endsOn status(asOf: \"2026-11-01\") version } }",
            json!({ "id": id, "v": removed["version"] }),
        )
        .await;
    assert_eq!(data["endContract"]["status"], "ENDED");

    // Nothing rests on it, so it can be deleted; its history stays.
    editor
        .data(
            "mutation($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }",
            json!({ "id": id, "v": data["endContract"]["version"] }),
        )
        .await;
    assert_eq!(app.node(&id, "id").await, Value::Null);
    let log = app
        .data(
            "query($id: ID!) { auditLog(filter: {recordId: $id}, first: 50) { totalCount nodes { operation } } }",
            json!({ "id": id }),
        )
        .await;
    let operations = texts(&log["auditLog"], "operation");
    assert_eq!(
        operations,
        [
            "deleteContract",
            "removeContractParty",
            "endContract",
            "removeContractParty",
            "giveNotice",
            "amendContract",
            "addContractParty",
            "addContractParty",
            "createContract",
        ]
    );
});

both!(memberships_join_and_leave, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let town = editor
        .created_id(
            "mutation { createOrganisation(input: {name: \"Gemeinde Neubeitritt\", kind: GEMEINDE, officialKey: \"13076998\"}) { id version } }",
            json!({}),
        )
        .await;
    let data = editor
        .data(
            "mutation($org: ID!) { joinMembership(input: {organisationId: $org, joinedOn: \"2021-01-01\", capitalShare: \"1500.50\", seats: 1}) { id version capitalShare } }",
            json!({ "org": town }),
        )
        .await;
    let membership = &data["joinMembership"];
    assert_eq!(membership["capitalShare"], "1500.50");
    let count = |as_of: &'static str| {
        let app = app.clone();
        async move {
            app.data(
                "query($d: Date) { members(asOf: $d) { totalCount } }",
                json!({ "d": as_of }),
            )
            .await["members"]["totalCount"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(count("2021-06-30").await, 14);
    // Leaving before joining is refused on the field.
    let body = editor
        .graphql(
            "mutation($id: ID!, $v: Int!) { leaveMembership(id: $id, version: $v, leftOn: \"2020-12-31\") { id } }",
            json!({ "id": membership["id"], "v": membership["version"] }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "leftOn");
    editor
        .data(
            "mutation($id: ID!, $v: Int!) { leaveMembership(id: $id, version: $v, leftOn: \"2023-12-31\") { leftOn } }",
            json!({ "id": membership["id"], "v": membership["version"] }),
        )
        .await;
    assert_eq!(count("2023-12-31").await, 14);
    assert_eq!(count("2024-01-01").await, 13);

    // The organisation has a membership: it cannot be deleted.
    editor
        .fails_with(
            "CONFLICT",
            "mutation($id: ID!) { deleteOrganisation(id: $id, version: 1) }",
            json!({ "id": town }),
        )
        .await;
});

both!(coverage_starts_and_ends, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let grabow = app.organisation_id("Stadt Grabow").await;
    let service = editor
        .created_id(
            "mutation { createService(input: {code: \"DMS\", name: \"Dokumentenmanagement\", category: SPECIALIST_APPLICATION, vendor: \"Beispiel GmbH\"}) { id } }",
            json!({}),
        )
        .await;
    let data = editor
        .data(
            "mutation($org: ID!, $svc: ID!) { createCoverage(input: {organisationId: $org, serviceId: $svc, startsOn: \"2022-01-01\", workstations: 12}) { id version } }",
            json!({ "org": grabow, "svc": service }),
        )
        .await;
    let coverage = &data["createCoverage"];
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { endCoverage(id: $id, version: $v, endsOn: \"2023-06-30\") { isActive(asOf: \"2023-07-01\") endsOn } }",
            json!({ "id": coverage["id"], "v": coverage["version"] }),
        )
        .await;
    assert_eq!(data["endCoverage"]["isActive"], false);
    // A service somebody received cannot be deleted.
    editor
        .fails_with(
            "CONFLICT",
            "mutation($id: ID!) { deleteService(id: $id, version: 1) }",
            json!({ "id": service }),
        )
        .await;
    // A source records cite cannot be deleted either; the refusal names its version, which
    // did not change, as every refused deletion does.
    let data = app
        .data(
            "{ members(first: 1) { nodes { source { id version } } } }",
            json!({}),
        )
        .await;
    let cited = &nodes(&data["members"])[0]["source"];
    let body = editor
        .fails_with(
            "CONFLICT",
            "mutation($id: ID!, $v: Int!) { deleteSource(id: $id, version: $v) }",
            json!({ "id": cited["id"], "v": cited["version"] }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["currentVersion"],
        cited["version"]
    );
});

both!(every_record_has_a_history, |app| async move {
    let data = app
        .data(
            "{ organisations(first: 20) { nodes { history(first: 1) { totalCount }
                 people { history(first: 1) { totalCount } } figures { history(first: 1) { totalCount } }
                 memberships { history(first: 1) { totalCount } source { history(first: 1) { totalCount } } } } } }",
            json!({}),
        )
        .await;
    let organisations = nodes(&data["organisations"]);
    assert!(
        organisations
            .iter()
            .any(|o| !o["people"].as_array().unwrap().is_empty())
    );
    assert!(
        organisations
            .iter()
            .any(|o| !o["figures"].as_array().unwrap().is_empty())
    );
    // The seed is loaded outside any account: one entry by the seed itself.
    for organisation in organisations {
        assert_eq!(organisation["history"]["totalCount"], 1);
    }
});

both!(
    twenty_parallel_updates_of_one_version_one_wins,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let (id, version) = app.first_service().await;
        let before = app.count_rows("audit_entries").await;
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let editor = editor.clone();
                let id = id.clone();
                tokio::spawn(async move {
                    editor
                        .rename_service(&id, version, &format!("Betrieb {i}"))
                        .await
                })
            })
            .collect();
        let mut won = 0;
        let mut conflicts = 0;
        for task in tasks {
            let body = task.await.unwrap();
            match body.get("errors") {
                None => won += 1,
                Some(_) => {
                    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
                    assert_eq!(
                        body["errors"][0]["extensions"]["currentVersion"],
                        version + 1
                    );
                    conflicts += 1;
                }
            }
        }
        assert_eq!((won, conflicts), (1, 19));
        assert_eq!(app.count_rows("audit_entries").await, before + 1);
        let (_, now) = app.first_service().await;
        assert_eq!(now, version + 1);
    }
);

both!(
    a_mutation_that_fails_halfway_leaves_nothing,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
        let missing = "T3JnYW5pc2F0aW9uOjk5OTk5"; // Organisation:99999
        let contracts_before = app.data("{ contracts { totalCount } }", json!({})).await;
        let audit_before = app.count_rows("audit_entries").await;
        let body = editor
        .fails_with(
            "BAD_USER_INPUT",
            "mutation($parties: [PartyInput!]!) { createContract(input: {title: \"Rahmenvertrag\", kind: SERVICE_AGREEMENT}, parties: $parties) { id } }",
            json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": missing, "role": "MEMBER" }] }),
        )
        .await;
        assert_eq!(
            body["errors"][0]["extensions"]["field"],
            "parties.1.organisationId"
        );
        assert_eq!(
            app.data("{ contracts { totalCount } }", json!({})).await,
            contracts_before
        );
        assert_eq!(app.count_rows("audit_entries").await, audit_before);
    }
);

both!(invalid_input_is_reported_per_field, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let body = editor
        .fails_with(
            "BAD_USER_INPUT",
            "mutation { createOrganisation(input: {name: \"  \", kind: GEMEINDE, officialKey: \"1307\"}) { id } }",
            json!({}),
        )
        .await;
    let fields: Vec<_> = body["errors"][0]["extensions"]["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["name", "officialKey"]);
    // The official key is unique.
    let body = editor
        .fails_with(
            "BAD_USER_INPUT",
            "mutation { createOrganisation(input: {name: \"Doppelt\", kind: GEMEINDE, officialKey: \"13076090\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "officialKey");
});

both!(changes_are_in_the_records_history, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let data = app
        .data("{ contracts(first: 1, filter: {search: \"Neustadt\"}) { nodes { id version title } } }", json!({}))
        .await;
    let contract = nodes(&data["contracts"])[0].clone();
    editor
        .data(
            "mutation($id: ID!, $version: Int!) { amendContract(id: $id, version: $version, input: {title: \"Beitritt Neustadt-Glewe (geändert)\", kind: PUBLIC_LAW_CONTRACT, effectiveFrom: \"2018-01-01\"}) { version } }",
            json!({ "id": contract["id"], "version": contract["version"] }),
        )
        .await;
    let id = contract["id"].as_str().unwrap();
    let node = app
        .node(
            id,
            "... on Contract { title history { totalCount nodes { actor operation before after requestId } } }",
        )
        .await;
    let history = &node["history"];
    assert_eq!(history["totalCount"], 2, "the seed's entry and the change");
    assert_eq!(nodes(history)[1]["actor"], "verbund seed");
    let entry = &nodes(history)[0];
    assert_eq!(entry["actor"], "test-editor");
    assert_eq!(entry["operation"], "amendContract");
    let before: Value = serde_json::from_str(entry["before"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(entry["after"].as_str().unwrap()).unwrap();
    assert_eq!(before["title"], contract["title"]);
    assert_eq!(after["title"], "Beitritt Neustadt-Glewe (geändert)");
    assert!(entry["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    // The admins' audit log finds it by operation.
    let data = app
        .data("{ auditLog(filter: {operation: \"amendContract\"}) { totalCount nodes { recordType } } }", json!({}))
        .await;
    assert_eq!(data["auditLog"]["totalCount"], 1);
    assert_eq!(nodes(&data["auditLog"])[0]["recordType"], "Contract");
});

both!(
    a_partys_role_changes_with_the_contract_version,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let lubz = app.organisation_id("Stadt Lübz").await;
        let data = editor
        .data(
            "mutation($parties: [PartyInput!]!) { createContract(
                input: {title: \"Rahmenvertrag Rollen\", kind: SERVICE_AGREEMENT},
                parties: $parties) { id version } }",
            json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": grabow, "role": "MEMBER" }] }),
        )
        .await;
        let id = data["createContract"]["id"].as_str().unwrap().to_owned();
        let version = data["createContract"]["version"].as_i64().unwrap();
        let change = "mutation($id: ID!, $v: Int!, $org: ID!, $role: String) {
        changeContractPartyRole(contractId: $id, version: $v, organisationId: $org, role: $role)
        { version parties { role organisation { name } } } }";

        let data = editor
            .data(
                change,
                json!({ "id": id, "v": version, "org": grabow, "role": "PARTNER" }),
            )
            .await;
        let changed = &data["changeContractPartyRole"];
        assert_eq!(changed["version"], version + 1);
        let roles: Vec<_> = changed["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["organisation"]["name"].clone(), p["role"].clone()))
            .collect();
        assert_eq!(
            roles,
            [
                (json!("Kommunalservice Mecklenburg"), json!("PROVIDER")),
                (json!("Stadt Grabow"), json!("PARTNER")),
            ]
        );

        // A change based on the version before is refused, and changes nothing.
        editor
            .fails_with(
                "CONFLICT",
                change,
                json!({ "id": id, "v": version, "org": grabow, "role": "FOUNDER" }),
            )
            .await;
        // A role longer than the domain takes, and an organisation that is no party, are
        // refused on their fields.
        let now = version + 1;
        let body = editor
            .graphql(
                change,
                json!({ "id": id, "v": now, "org": grabow, "role": "r".repeat(33) }),
            )
            .await;
        assert_bad_input(&body, &["role"]);
        let body = editor
            .graphql(
                change,
                json!({ "id": id, "v": now, "org": lubz, "role": "MEMBER" }),
            )
            .await;
        assert_bad_input(&body, &["organisationId"]);
        // A viewer may not change a role.
        app.as_staff("VIEWER")
            .await
            .fails_with(
                "FORBIDDEN",
                change,
                json!({ "id": id, "v": now, "org": grabow, "role": "MEMBER" }),
            )
            .await;
        let data = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Contract { version parties { role } } } }",
            json!({ "id": id }),
        )
        .await;
        assert_eq!(data["node"]["version"], now);
        assert_eq!(data["node"]["parties"][1]["role"], "PARTNER");

        // The change is in the contract's history, the role before and after.
        let data = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Contract { history(first: 10) { nodes { operation actor changes { field before after } } } } } }",
            json!({ "id": id }),
        )
        .await;
        let latest = &nodes(&data["node"]["history"])[0];
        assert_eq!(latest["operation"], "changeContractPartyRole", "{latest}");
        let role = latest["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["field"] == "role")
            .unwrap_or_else(|| panic!("no change of the role: {latest}"));
        assert_eq!(role["before"], "\"MEMBER\"");
        assert_eq!(role["after"], "\"PARTNER\"");
    }
);
