//! Standard GraphQL clients read the schema by introspection, with the real packages:
//! graphql-js 16 and 17 (`tests/clients/introspect.mjs`: `getIntrospectionQuery()` with every
//! option, `buildClientSchema` on the answer equal to the committed SDL) and Python's gql
//! (`tests/clients/gql_client.py`: the schema read, a query checked against it and run with a
//! partner token) and the `graphql-ws` client (`tests/clients/subscribe.mjs`: a subscription
//! with a partner token from a cursor). graphql-schema-linter, with the rules
//! `tests/clients/package.json` names, finds nothing in the committed SDL. `scripts/setup`
//! installs them (`verbund_setup_clients`); without them these tests are skipped loudly, or
//! fail when `VERBUND_REQUIRE_CLIENTS` is set (`scripts/test` sets it). Depth limits still stop
//! deep queries on the register.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::json;
use verbund::http::Settings;
use verbund_tests::{TestApp, both, codes};

const REQUIRE_CLIENTS_ENV: &str = "VERBUND_REQUIRE_CLIENTS";

fn clients_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients")
}

/// The Python of the virtual environment `scripts/setup` makes for gql.
fn venv_python() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_default();
    cache.join("verbund/clients-venv/bin/python")
}

/// Whether `what` is installed; when not, the test is skipped loudly, or fails when the
/// clients are required.
fn installed(ready: bool, what: &str) -> bool {
    if !ready {
        assert!(
            std::env::var_os(REQUIRE_CLIENTS_ENV).is_none(),
            "{what} is not installed: run `source scripts/setup && verbund_setup_clients`"
        );
        eprintln!(
            "SKIPPED: {what} is not installed (`source scripts/setup && verbund_setup_clients`)"
        );
    }
    ready
}

/// Runs a client program; whether it succeeded, and what it said.
async fn run(mut command: Command) -> (bool, String) {
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("the client runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{said}");
    (output.status.success(), said)
}

/// graphql-js 16 and 17 read the schema as `app`'s caller; `None` when not installed.
async fn graphql_js(app: &TestApp) -> Option<(bool, String)> {
    let dir = clients_dir();
    let ready =
        dir.join("node_modules/graphql").is_dir() && dir.join("node_modules/graphql17").is_dir();
    if !installed(ready, "graphql-js (tests/clients)") {
        return None;
    }
    let mut command = Command::new("node");
    command
        .current_dir(&dir)
        .arg("introspect.mjs")
        .arg(format!("{}/graphql", app.address()))
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../backend/schema.graphql"));
    command.args(app.credential_header());
    Some(run(command).await)
}

/// What graphql-schema-linter finds in `schema` (SDL), with the rules of
/// `tests/clients/package.json`: each finding's rule and message.
fn lint(schema: &str) -> Vec<(String, String)> {
    let mut linter = Command::new("node");
    linter.current_dir(clients_dir()).args([
        "node_modules/graphql-schema-linter/lib/cli.js",
        "--format",
        "json",
        "--stdin",
    ]);
    let output = verbund_tests::process::with_input(&mut linter, schema, "the linter runs");
    let said = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&said).unwrap_or_else(|_| {
        panic!(
            "the linter answers JSON: {said}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let findings: Vec<(String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| {
            let text = |key: &str| error[key].as_str().unwrap_or_default().to_owned();
            (text("rule"), text("message"))
        })
        .collect();
    assert_eq!(output.status.success(), findings.is_empty(), "{said}");
    findings
}

/// The explorer shows a description for everything: graphql-schema-linter's description
/// rules (types, fields, arguments, input fields, enum values) and Relay rules (connection,
/// edge and page-info shapes, pagination arguments) find nothing in the committed SDL. A
/// schema that breaks each rule shows that the rules are on.
#[test]
fn the_schema_linter_finds_nothing_in_the_committed_sdl() {
    let ready = clients_dir()
        .join("node_modules/graphql-schema-linter")
        .is_dir();
    if !installed(ready, "graphql-schema-linter (tests/clients)") {
        return;
    }
    let sdl = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../backend/schema.graphql"),
    )
    .unwrap();
    let findings = lint(&sdl);
    assert!(findings.is_empty(), "{findings:#?}");

    let broken = r#"
        type Query { things(first: Int, kind: Kind, filter: ThingFilter): ThingConnection! }
        "Things." type ThingConnection { "Edges." edges: [Thing!]! }
        "A thing." type Thing { name: String }
        "Kinds." enum Kind { BIG }
        "A filter." input ThingFilter { name: String }
    "#;
    let mut rules: Vec<String> = lint(broken).into_iter().map(|(rule, _)| rule).collect();
    rules.sort();
    rules.dedup();
    assert_eq!(
        rules,
        [
            "arguments-have-descriptions",
            "enum-values-have-descriptions",
            "fields-have-descriptions",
            "input-object-values-have-descriptions",
            "relay-connection-arguments-spec",
            "relay-connection-types-spec",
            "relay-page-info-spec",
            "types-have-descriptions",
        ]
    );
}

/// A partner token that reads members.
async fn partner(app: &TestApp) -> String {
    let data = app
        .data(
            "mutation { createApiToken(input: {name: \"Fachverfahren\", scopes: [MEMBERS_READ], expiresInDays: 7}) { token } }",
            json!({}),
        )
        .await;
    data["createApiToken"]["token"].as_str().unwrap().to_owned()
}

both!(
    graphql_js_reads_the_schema_in_development,
    |app| async move {
        let token = partner(&app).await;
        let viewer = app.as_staff("VIEWER").await;
        for caller in [app.clone(), viewer, app.as_token(&token)] {
            let Some((passed, said)) = graphql_js(&caller).await else {
                return;
            };
            assert!(passed, "{said}");
            assert_eq!(said.matches("is the committed SDL").count(), 2, "{said}");
        }
    }
);

both!(
    graphql_js_reads_the_schema_as_an_admin_in_production,
    |app| async move {
        let admin = app
            .with_settings(Settings {
                production: true,
                ..Settings::default()
            })
            .await;
        let Some((passed, said)) = graphql_js(&admin).await else {
            return;
        };
        assert!(passed, "{said}");
        // Others read nothing of the schema in production.
        let viewer = admin.as_staff("VIEWER").await;
        let (passed, said) = graphql_js(&viewer).await.unwrap();
        assert!(!passed, "{said}");
        assert_eq!(said.matches("refused").count(), 2, "{said}");
    }
);

both!(
    python_gql_reads_the_schema_and_queries_with_a_token,
    |app| async move {
        let python = venv_python();
        if !installed(
            python.is_file(),
            "Python's gql (the clients' virtual environment)",
        ) {
            return;
        }
        let token = partner(&app).await;
        let mut command = Command::new(python);
        command
            .arg(clients_dir().join("gql_client.py"))
            .arg(format!("{}/graphql", app.address()))
            .arg(token);
        let (passed, said) = run(command).await;
        assert!(passed, "{said}");
        assert!(said.contains("members on 2019-01-01: 6 ("), "{said}");
    }
);

/// `organisations { nodes { parent { parent { … name … } } } }`: 2 levels, one per `parent`,
/// then `name` (single objects all the way, so that only the depth is at stake).
fn nested(parents: usize) -> String {
    let mut query = String::from("name");
    for _ in 0..parents {
        query = format!("parent {{ {query} }}");
    }
    format!("{{ organisations(first: 1) {{ nodes {{ {query} }} }} }}")
}

both!(
    depth_limits_still_stop_deep_register_queries,
    |app| async move {
        // 2 + 11 + 1 = 14 levels on the register: refused before it runs, for admins too.
        let body = app.graphql(&nested(11), json!({})).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("14 levels deep"), "{message}");
        // 12 levels pass.
        let data = app.data(&nested(9), json!({})).await;
        assert!(data["organisations"].is_object(), "{data:#}");
    }
);

both!(graphql_ws_follows_changes_with_a_token, |app| async move {
    let dir = clients_dir();
    let ready =
        dir.join("node_modules/graphql-ws").is_dir() && dir.join("node_modules/ws").is_dir();
    if !installed(ready, "graphql-ws (tests/clients)") {
        return;
    }
    let token = app.partner_token(json!(["COVERAGE_READ"]), None).await;
    // The feed's end before the change: the client starts there.
    let (id, version) = app.first_service().await;
    let body = app.rename_service(&id, version, "Betrieb vorher").await;
    assert!(body["errors"].is_null(), "{body:#}");
    let feed = app
        .data("{ changes(first: 100) { edges { cursor } } }", json!({}))
        .await;
    let cursor = feed["changes"]["edges"].as_array().unwrap().last().unwrap()["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let verbund_tests::Credential::Session(session) = app.credential().clone() else {
        panic!("the app's caller is the admin's session");
    };
    let mut command = Command::new("node");
    command
        .current_dir(&dir)
        .arg("subscribe.mjs")
        .arg(format!("{}/graphql", app.address()))
        .arg(token)
        .arg(cursor)
        .arg(format!("verbund_session={session}"))
        .arg(&id)
        .arg((version + 1).to_string());
    let (passed, said) = run(command).await;
    assert!(passed, "{said}");
    assert!(
        said.contains(&format!(
            "heard updateService of Service {id} version {} actor null",
            version + 2
        )),
        "{said}"
    );
    assert!(
        said.contains("bad token closed with 4401 UNAUTHENTICATED"),
        "{said}"
    );
});
