//! Who may do what: anonymous callers, the three roles, partner tokens with scopes and a
//! member limit, on every path (roots, `node`, relations); sessions and logins over HTTP;
//! no secret stored in plain text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use verbund::register::audit::Actor;
use verbund_shared::access::Role;
use verbund_tests::{Credential, TestApp, both, codes, names, nodes};

const LUDWIGSLUST: &str = "Stadt Ludwigslust";

/// Creates a token as admin; its secret.
async fn token(app: &TestApp, scopes: Value, member: Option<&str>) -> String {
    let member_id = match member {
        Some(name) => Value::String(app.organisation_id(name).await),
        None => Value::Null,
    };
    let data = app
        .data(
            "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { prefix scopes } } }",
            json!({ "input": { "name": "Partner", "scopes": scopes, "memberId": member_id, "expiresInDays": 30 } }),
        )
        .await;
    let secret = data["createApiToken"]["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("vbd_"), "{secret}");
    assert!(
        secret.starts_with(
            data["createApiToken"]["apiToken"]["prefix"]
                .as_str()
                .unwrap()
        )
    );
    secret
}

/// How many audit entries exist.
async fn audit_count(app: &TestApp) -> i64 {
    let row = app
        .db()
        .query_one_raw(Statement::from_string(
            app.db().get_database_backend(),
            "SELECT COUNT(*) AS n FROM audit_entries",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// The global ID and version of the first service.
async fn first_service(app: &TestApp) -> (String, i64) {
    let data = app
        .data("{ services(first: 1) { nodes { id version } } }", json!({}))
        .await;
    let node = &nodes(&data["services"])[0];
    (
        node["id"].as_str().unwrap().to_owned(),
        node["version"].as_i64().unwrap(),
    )
}

const UPDATE_SERVICE: &str = "mutation($id: ID!, $version: Int!, $name: String!) {
    updateService(id: $id, version: $version, input: {code: \"IT-BETRIEB-KERNVERWALTUNG\", name: $name, category: CORE_ADMINISTRATION}) { name version }
}";

both!(
    anonymous_callers_see_nothing_but_the_login,
    |app| async move {
        let anonymous = app.anonymous();
        let body = anonymous.graphql("{ me { name } }", json!({})).await;
        assert_eq!(body["data"]["me"], Value::Null, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        let ludwigslust = app.organisation_id(LUDWIGSLUST).await;
        for query in [
            "{ members { totalCount } }",
            "{ organisations { totalCount } }",
            "{ contracts { totalCount } }",
            "{ services { totalCount } }",
            "{ coverages { totalCount } }",
            "{ statistics { memberCount } }",
            "{ auditLog { totalCount } }",
            "{ users { name } }",
        ] {
            assert_eq!(
                anonymous.error_codes(query, json!({})).await,
                ["UNAUTHENTICATED"],
                "{query}"
            );
        }
        let codes = anonymous
            .error_codes(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": ludwigslust }),
            )
            .await;
        assert_eq!(codes, ["UNAUTHENTICATED"]);
        let (id, version) = first_service(&app).await;
        let codes = anonymous
            .error_codes(
                UPDATE_SERVICE,
                json!({ "id": id, "version": version, "name": "x" }),
            )
            .await;
        assert_eq!(codes, ["UNAUTHENTICATED"]);
    }
);

both!(each_role_can_do_exactly_what_it_should, |app| async move {
    let viewer = app.as_staff("VIEWER").await;
    let editor = app.as_staff("EDITOR").await;
    let (id, version) = first_service(&app).await;

    // Everyone signed in reads.
    for who in [&viewer, &editor, &app] {
        let data = who
            .data("{ members { totalCount } me { role } }", json!({}))
            .await;
        assert_eq!(data["members"]["totalCount"], 6);
    }
    // A viewer changes nothing.
    let codes = viewer
        .error_codes(
            UPDATE_SERVICE,
            json!({ "id": id, "version": version, "name": "Betrieb" }),
        )
        .await;
    assert_eq!(codes, ["FORBIDDEN"]);
    // An editor edits the register...
    let data = editor
        .data(
            UPDATE_SERVICE,
            json!({ "id": id, "version": version, "name": "Betrieb" }),
        )
        .await;
    assert_eq!(data["updateService"]["version"], version + 1);
    // ...but manages neither accounts nor tokens nor reads the audit log.
    for query in [
        "{ users { name } }",
        "{ apiTokens { name } }",
        "{ auditLog { totalCount } }",
    ] {
        assert_eq!(
            editor.error_codes(query, json!({})).await,
            ["FORBIDDEN"],
            "{query}"
        );
    }
    let create_user = "mutation { createUser(input: {name: \"neu\", role: VIEWER, password: \"correct horse battery\"}) { name } }";
    assert_eq!(
        editor.error_codes(create_user, json!({})).await,
        ["FORBIDDEN"]
    );
    assert_eq!(
        viewer.error_codes(create_user, json!({})).await,
        ["FORBIDDEN"]
    );
    // An admin does all of it.
    let data = app.data(create_user, json!({})).await;
    assert_eq!(data["createUser"]["name"], "neu");
    let data = app
        .data("{ users { name role } auditLog { totalCount } }", json!({}))
        .await;
    assert!(
        data["users"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"] == "neu")
    );
    assert!(data["auditLog"]["totalCount"].as_i64().unwrap() >= 2);
    let _ = token(&app, json!(["MEMBERS_READ"]), None).await;
});

both!(
    a_scoped_token_sees_only_its_members_data_on_every_path,
    |app| async move {
        let all = token(
            &app,
            json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]),
            Some(LUDWIGSLUST),
        )
        .await;
        let town = app.as_token(&all);
        let other = app.organisation_id("Stadt Grabow").await;

        let data = town.data("{ members(first: 100) { totalCount nodes { name parent { name } } } organisations(first: 100) { nodes { name } } }", json!({})).await;
        assert_eq!(names(&data["members"]), [LUDWIGSLUST]);
        assert_eq!(data["members"]["totalCount"], 1);
        assert_eq!(
            data["members"]["nodes"][0]["parent"],
            Value::Null,
            "the district is not the town's"
        );
        assert_eq!(names(&data["organisations"]), [LUDWIGSLUST]);

        // node(id:) of another member: as if it did not exist.
        let data = town
            .data(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": other }),
            )
            .await;
        assert_eq!(data["node"], Value::Null);

        // Contracts: only its own, with only its own party; the memberships under them likewise.
        let data = town
        .data(
            "{ contracts(first: 20) { nodes { title parties { organisation { name } }
                 memberships { organisation { name } } coverages(first: 10) { nodes { organisation { name } } } } } }",
            json!({}),
        )
        .await;
        let contracts = nodes(&data["contracts"]);
        assert!(!contracts.is_empty());
        for contract in contracts {
            for party in contract["parties"].as_array().unwrap() {
                assert_eq!(party["organisation"]["name"], LUDWIGSLUST, "{contract}");
            }
            for membership in contract["memberships"].as_array().unwrap() {
                assert_eq!(membership["organisation"]["name"], LUDWIGSLUST);
            }
            for coverage in nodes(&contract["coverages"]) {
                assert_eq!(coverage["organisation"]["name"], LUDWIGSLUST);
            }
        }
        let staff_view = app.data("{ contracts { totalCount } }", json!({})).await;
        assert!(staff_view["contracts"]["totalCount"].as_i64().unwrap() > contracts.len() as i64);

        // Coverage: the root list and a service's recipients show only the town.
        let data = town
        .data(
            "{ coverages(first: 100) { nodes { organisation { name } } }
               services(first: 10) { nodes { coverages(first: 100) { totalCount nodes { organisation { name } } } } } }",
            json!({}),
        )
        .await;
        for coverage in nodes(&data["coverages"]) {
            assert_eq!(coverage["organisation"]["name"], LUDWIGSLUST);
        }
        let recipients = &nodes(&data["services"])[0]["coverages"];
        assert_eq!(recipients["totalCount"], 1, "{recipients}");

        // Totals over every member are not the town's to see.
        assert_eq!(
            town.error_codes("{ statistics { memberCount } }", json!({}))
                .await,
            ["FORBIDDEN"]
        );
        // Nor is the history (it names staff).
        let ludwigslust = app.organisation_id(LUDWIGSLUST).await;
        let history = town
        .error_codes(
            "query($id: ID!) { node(id: $id) { ... on Organisation { history { totalCount } } } }",
            json!({ "id": ludwigslust }),
        )
        .await;
        assert_eq!(history, ["FORBIDDEN"]);

        // A token without the contracts scope reads no contracts on any path.
        let members_only =
            app.as_token(&token(&app, json!(["MEMBERS_READ"]), Some(LUDWIGSLUST)).await);
        assert_eq!(
            members_only
                .error_codes("{ contracts { totalCount } }", json!({}))
                .await,
            ["FORBIDDEN"]
        );
        let body = members_only
            .graphql(
                "{ members { nodes { name contracts { totalCount } } } }",
                json!({}),
            )
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"]);
        assert_eq!(
            members_only
                .error_codes("{ services { totalCount } }", json!({}))
                .await,
            ["FORBIDDEN"]
        );
    }
);

both!(tokens_are_read_only_and_revocable, |app| async move {
    let secret = token(
        &app,
        json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]),
        None,
    )
    .await;
    let partner = app.as_token(&secret);
    let data = partner
        .data("{ members { totalCount } me { name isToken } }", json!({}))
        .await;
    assert_eq!(data["members"]["totalCount"], 6);
    assert_eq!(data["me"]["isToken"], true);

    let before = audit_count(&app).await;
    let (id, version) = first_service(&app).await;
    let codes = partner
        .error_codes(
            UPDATE_SERVICE,
            json!({ "id": id, "version": version, "name": "Übernommen" }),
        )
        .await;
    assert_eq!(codes, ["FORBIDDEN"]);
    assert_eq!(
        audit_count(&app).await,
        before,
        "a refused mutation leaves no entry"
    );
    let (_, unchanged) = first_service(&app).await;
    assert_eq!(unchanged, version);

    // Revoked: the next request is refused with 401.
    let data = app
        .data("{ apiTokens { id name lastUsedAt isActive } }", json!({}))
        .await;
    let listed = &data["apiTokens"][0];
    assert!(
        listed["lastUsedAt"].is_string(),
        "last use is recorded: {listed}"
    );
    app.data(
        "mutation($id: ID!) { revokeApiToken(id: $id) { isActive } }",
        json!({ "id": listed["id"] }),
    )
    .await;
    let (status, body) = partner
        .graphql_raw("{ members { totalCount } }", json!({}))
        .await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("UNAUTHENTICATED"));
    // So is an unknown one.
    let (status, _) = app
        .as_token("vbd_unknown")
        .graphql_raw("{ me { name } }", json!({}))
        .await;
    assert_eq!(status, 401);
});

/// Posts a GraphQL request without credentials, with extra headers; status, cookies, body.
async fn post(app: &TestApp, body: Value, headers: &[(&str, &str)]) -> (u16, Vec<String>, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/graphql", app.address()))
        .json(&body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let cookies = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let text = response.text().await.unwrap();
    (
        status,
        cookies,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

const PASSWORD: &str = "Korrekt Pferd Batterie 42";
const LOGIN: &str = "mutation($name: String!, $password: String!) { login(name: $name, password: $password) { me { name role } } }";

async fn make_account(app: &TestApp, name: &str, role: Role) {
    verbund::register::accounts::create_user(
        app.db(),
        &Actor::system("test"),
        None,
        name,
        role,
        PASSWORD,
    )
    .await
    .map_err(|_| "creating the account")
    .unwrap();
}

fn session_of(cookies: &[String]) -> String {
    let cookie = cookies
        .iter()
        .find(|c| c.starts_with("verbund_session="))
        .unwrap_or_else(|| panic!("no session cookie in {cookies:?}"));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    cookie["verbund_session=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

both!(login_sessions_and_logout_over_http, |app| async move {
    make_account(&app, "kathrin", Role::Editor).await;
    let wrong = json!({ "query": LOGIN, "variables": { "name": "kathrin", "password": "falsch falsch falsch" } });
    let (_, cookies, body) = post(&app, wrong, &[]).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    assert!(cookies.is_empty());

    let right = json!({ "query": LOGIN, "variables": { "name": "kathrin", "password": PASSWORD } });
    let (_, cookies, body) = post(&app, right.clone(), &[]).await;
    assert_eq!(body["data"]["login"]["me"]["role"], "EDITOR", "{body}");
    let first = session_of(&cookies);
    let signed_in = app.with_credential(Credential::Session(first.clone()));
    assert_eq!(
        signed_in.data("{ me { name } }", json!({})).await["me"]["name"],
        "kathrin"
    );

    // A new login rotates the session: a new id, and the one it was sent with ends.
    let cookie = format!("verbund_session={first}");
    let (_, cookies, _) = post(&app, right, &[("cookie", &cookie)]).await;
    let second = session_of(&cookies);
    assert_ne!(first, second);
    assert_eq!(
        signed_in.data("{ me { name } }", json!({})).await["me"],
        Value::Null
    );

    // A page elsewhere cannot use the cookie.
    let cookie = format!("verbund_session={second}");
    let query = json!({ "query": "{ me { name } }" });
    let (status, _, _) = post(
        &app,
        query.clone(),
        &[("cookie", &cookie), ("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(status, 403);
    let own = app.address().to_owned();
    let (status, _, body) = post(
        &app,
        query.clone(),
        &[("cookie", &cookie), ("origin", &own)],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["me"]["name"], "kathrin");

    // Logout ends the session and clears the cookie.
    let (_, cookies, _) = post(
        &app,
        json!({ "query": "mutation { logout }" }),
        &[("cookie", &cookie)],
    )
    .await;
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("verbund_session=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    let (_, _, body) = post(&app, query, &[("cookie", &cookie)]).await;
    assert_eq!(body["data"]["me"], Value::Null);
});

both!(
    a_hundred_logins_in_one_request_are_one_try,
    |app| async move {
        make_account(&app, "torsten", Role::Viewer).await;
        let logins = |n: usize| -> String {
            let fields: String = (0..n)
                .map(|i| format!("a{i}: login(name: \"torsten\", password: \"guess number {i:03}\") {{ me {{ name }} }} "))
                .collect();
            format!("mutation {{ {fields} }}")
        };
        // A hundred aliased logins are refused before any runs (more aliases than allowed).
        let (_, cookies, body) = post(&app, json!({ "query": logins(100) }), &[]).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
        assert!(cookies.is_empty());
        // Within the alias limit, the first login is tried and the others are refused.
        let (_, _, body) = post(&app, json!({ "query": logins(40) }), &[]).await;
        let codes = codes(&body);
        assert_eq!(
            codes.iter().filter(|c| *c == "UNAUTHENTICATED").count(),
            1,
            "{codes:?}"
        );
        assert_eq!(codes.iter().filter(|c| *c == "RATE_LIMITED").count(), 39);
        // A batch of requests is not accepted at all.
        let batch: Vec<Value> = (0..100)
            .map(|_| json!({ "query": LOGIN, "variables": { "name": "torsten", "password": "x" } }))
            .collect();
        let (status, _, _) = post(&app, Value::Array(batch), &[]).await;
        assert_eq!(status, 400);

        // Four more failures lock the account: then even the right password is refused.
        for _ in 0..4 {
            let wrong = json!({ "query": LOGIN, "variables": { "name": "torsten", "password": "still guessing" } });
            assert_eq!(
                verbund_tests::codes(&post(&app, wrong, &[]).await.2),
                ["UNAUTHENTICATED"]
            );
        }
        let right =
            json!({ "query": LOGIN, "variables": { "name": "torsten", "password": PASSWORD } });
        let (_, cookies, body) = post(&app, right, &[]).await;
        assert_eq!(verbund_tests::codes(&body), ["RATE_LIMITED"]);
        assert!(cookies.is_empty());
        assert!(
            body["errors"][0]["extensions"]["retryAfter"]
                .as_i64()
                .unwrap()
                > 0
        );
    }
);

both!(
    no_password_session_or_token_is_stored_in_plain_text,
    |app| async move {
        make_account(&app, "ines", Role::Admin).await;
        let (_, cookies, _) = post(
            &app,
            json!({ "query": LOGIN, "variables": { "name": "ines", "password": PASSWORD } }),
            &[],
        )
        .await;
        let session = session_of(&cookies);
        let secret = token(&app, json!(["MEMBERS_READ"]), None).await;
        let backend = app.db().get_database_backend();
        let mut seen = 0;
        for table in [
            "users",
            "sessions",
            "api_tokens",
            "audit_entries",
            "login_throttle",
        ] {
            let rows = app
                .db()
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT * FROM {table}"),
                ))
                .await
                .unwrap();
            for row in rows {
                let text = format!("{row:?}");
                seen += 1;
                for plain in [PASSWORD, session.as_str(), secret.as_str()] {
                    assert!(
                        !text.contains(plain),
                        "{table} holds a secret in plain text: {text}"
                    );
                }
            }
        }
        assert!(seen >= 5);
        let hash = app
            .db()
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT password_hash FROM users WHERE name = 'ines'",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<String>("", "password_hash")
            .unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
    }
);

both!(
    twenty_parallel_updates_of_one_version_one_wins,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let (id, version) = first_service(&app).await;
        let before = audit_count(&app).await;
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let editor = editor.clone();
                let id = id.clone();
                tokio::spawn(async move {
                    editor
                        .graphql(
                            UPDATE_SERVICE,
                            json!({ "id": id, "version": version, "name": format!("Betrieb {i}") }),
                        )
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
        assert_eq!(audit_count(&app).await, before + 1);
        let (_, now) = first_service(&app).await;
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
        let audit_before = audit_count(&app).await;
        let body = editor
        .graphql(
            "mutation($parties: [PartyInput!]!) { createContract(input: {title: \"Rahmenvertrag\", kind: SERVICE_AGREEMENT}, parties: $parties) { id } }",
            json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": missing, "role": "MEMBER" }] }),
        )
        .await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
        assert_eq!(
            body["errors"][0]["extensions"]["field"],
            "parties.1.organisationId"
        );
        assert_eq!(
            app.data("{ contracts { totalCount } }", json!({})).await,
            contracts_before
        );
        assert_eq!(audit_count(&app).await, audit_before);
    }
);

both!(invalid_input_is_reported_per_field, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let body = editor
        .graphql(
            "mutation { createOrganisation(input: {name: \"  \", kind: GEMEINDE, officialKey: \"1307\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    let fields: Vec<_> = body["errors"][0]["extensions"]["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["name", "officialKey"]);
    // The official key is unique.
    let body = editor
        .graphql(
            "mutation { createOrganisation(input: {name: \"Doppelt\", kind: GEMEINDE, officialKey: \"13076090\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
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
    let data = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Contract { title history { totalCount nodes { actor operation before after requestId } } } } }",
            json!({ "id": contract["id"] }),
        )
        .await;
    let history = &data["node"]["history"];
    assert_eq!(history["totalCount"], 1);
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
    tokens_can_be_limited_to_registered_operations,
    |app| async move {
        let document = "{ members { totalCount } }";
        let data = app
        .data(
            "mutation($d: String!) { registerPersistedOperation(name: \"Mitglieder zählen\", document: $d) { sha256 } }",
            json!({ "d": document }),
        )
        .await;
        let hash = data["registerPersistedOperation"]["sha256"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(hash.len(), 64);
        let data = app
        .data(
            "mutation { createApiToken(input: {name: \"Nur registriert\", scopes: [MEMBERS_READ], expiresInDays: 7, persistedOnly: true}) { token apiToken { persistedOnly } } }",
            json!({}),
        )
        .await;
        assert_eq!(data["createApiToken"]["apiToken"]["persistedOnly"], true);
        let partner = app.as_token(data["createApiToken"]["token"].as_str().unwrap());

        let send = |body: Value| {
            let partner = partner.clone();
            async move {
                let response = partner
                    .authorize(
                        reqwest::Client::new().post(format!("{}/graphql", partner.address())),
                    )
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                (status, response.json::<Value>().await.unwrap())
            }
        };
        // By hash alone, and as the registered text: both run.
        let by_hash =
            json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
        let (status, body) = send(by_hash).await;
        assert_eq!(
            (status, &body["data"]["members"]["totalCount"]),
            (200, &json!(6)),
            "{body}"
        );
        let (_, body) = send(json!({ "query": document })).await;
        assert_eq!(body["data"]["members"]["totalCount"], 6, "{body}");
        // Anything else is refused before it runs.
        let (status, body) = send(json!({ "query": "{ members { nodes { name } } }" })).await;
        assert_eq!(status, 403);
        assert_eq!(codes(&body), ["FORBIDDEN"]);
        // An unknown hash is reported as such.
        let unknown = json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "0".repeat(64) } } });
        let (_, body) = send(unknown).await;
        assert_eq!(codes(&body), ["PERSISTED_QUERY_NOT_FOUND"]);
        // Staff may use the hash too; the list shows the registered operation.
        let data = app
            .data("{ persistedOperations { name sha256 } }", json!({}))
            .await;
        assert_eq!(data["persistedOperations"][0]["sha256"], hash);
    }
);

both!(
    twenty_failed_logins_from_one_address_lock_it,
    |app| async move {
        make_account(&app, "petra", Role::Viewer).await;
        for i in 0..20 {
            let guess = json!({ "query": LOGIN, "variables": { "name": format!("niemand{i}"), "password": "geraten geraten" } });
            assert_eq!(codes(&post(&app, guess, &[]).await.2), ["UNAUTHENTICATED"]);
        }
        // Another account, the right password, the same address: locked for now.
        let right =
            json!({ "query": LOGIN, "variables": { "name": "petra", "password": PASSWORD } });
        let (_, cookies, body) = post(&app, right, &[]).await;
        assert_eq!(codes(&body), ["RATE_LIMITED"]);
        assert!(cookies.is_empty());
    }
);
