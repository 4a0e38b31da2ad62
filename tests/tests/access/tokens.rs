//! Partner tokens: read-only, revocable at once, their use recorded, and limited to
//! registered operations when asked to be.

use serde_json::{Value, json};
use verbund_tests::{both, codes};

both!(tokens_are_read_only_and_revocable, |app| async move {
    let partner = app
        .as_partner(
            json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]),
            None,
        )
        .await;
    let data = partner
        .data(
            "{ members { totalCount } me { id name isToken } }",
            json!({}),
        )
        .await;
    assert_eq!(data["members"]["totalCount"], 13);
    assert_eq!(data["me"]["isToken"], true);
    assert_eq!(data["me"]["id"], Value::Null, "a token is no account");

    let before = app.count_rows("audit_entries").await;
    let (id, version) = app.first_service().await;
    let body = partner.rename_service(&id, version, "Übernommen").await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    assert_eq!(
        app.count_rows("audit_entries").await,
        before,
        "a refused mutation leaves no entry"
    );
    let (_, unchanged) = app.first_service().await;
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
    app.revoke_token(&listed["id"]).await;
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
                let response = partner.post_graphql(&body, &[]).await;
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
            (200, &json!(13)),
            "{body}"
        );
        let (_, body) = send(json!({ "query": document })).await;
        assert_eq!(body["data"]["members"]["totalCount"], 13, "{body}");
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
