//! Requests on the seeded register that tests of several files make: the first service and
//! renaming it (a change any role may be refused), a partner token and revoking one, a
//! contract with deadlines on the desk, and counting a table's rows.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::{TestApp, nodes};

impl TestApp {
    /// The global ID and version of the seeded operation of a core administration (the only
    /// service of its category).
    pub async fn first_service(&self) -> (String, i64) {
        let data = self
            .data(
                r#"{ services(first: 1, filter: {category: [CORE_ADMINISTRATION]}) {
                       nodes { id version } } }"#,
                json!({}),
            )
            .await;
        let node = &nodes(&data["services"])[0];
        (
            node["id"].as_str().expect("an id").to_owned(),
            node["version"].as_i64().expect("a version"),
        )
    }

    /// Renames the service `id`, seen at `version`, keeping the seeded service's code and
    /// category; the whole response, refused or not.
    pub async fn rename_service(&self, id: &str, version: i64, name: &str) -> Value {
        self.graphql(
            "mutation($id: ID!, $version: Int!, $name: String!) {
                updateService(id: $id, version: $version, input: {code: \"IT-BETRIEB-KERNVERWALTUNG\",
                    name: $name, category: CORE_ADMINISTRATION}) { name version }
            }",
            json!({ "id": id, "version": version, "name": name }),
        )
        .await
    }

    /// A new partner token's secret with these scopes (e.g. `["MEMBERS_READ"]`), limited to
    /// the member named `member` when given; created by the app's own (admin) caller.
    pub async fn partner_token(&self, scopes: Value, member: Option<&str>) -> String {
        let member_id = match member {
            Some(name) => Value::String(self.organisation_id(name).await),
            None => Value::Null,
        };
        let data = self
            .data(
                "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { prefix scopes } } }",
                json!({ "input": { "name": "Partner", "scopes": scopes, "memberId": member_id, "expiresInDays": 30 } }),
            )
            .await;
        let secret = data["createApiToken"]["token"]
            .as_str()
            .expect("a token")
            .to_owned();
        let prefix = data["createApiToken"]["apiToken"]["prefix"]
            .as_str()
            .expect("a prefix");
        assert!(secret.starts_with("vbd_"), "{secret}");
        assert!(secret.starts_with(prefix), "{secret} starts with {prefix}");
        secret
    }

    /// The app called with a new partner token of these scopes, limited to the member named
    /// `member` when given, as [`Self::partner_token`] makes it.
    pub async fn as_partner(&self, scopes: Value, member: Option<&str>) -> TestApp {
        self.as_token(&self.partner_token(scopes, member).await)
    }

    /// Records a contract of the organisation `party` titled `title` whose notice deadline is
    /// on the desk (a term to 2027-10-31, renewed tacitly unless notice arrives three months
    /// before).
    pub async fn contract_with_deadline(&self, title: &str, party: &str) {
        let input = json!({
            "title": title, "kind": "SERVICE_AGREEMENT", "signedOn": "2025-10-01",
            "effectiveFrom": "2025-11-01", "initialTermMonths": 24, "renewal": "TACIT",
            "renewalMonths": 12, "noticeMonths": 3, "noticeTo": "END_OF_TERM",
        });
        let data = self
            .data(
                "mutation($input: ContractInput!) { createContract(input: $input) { id version } }",
                json!({ "input": input }),
            )
            .await;
        let party = self.organisation_id(party).await;
        self.data(
            "mutation($id: ID!, $v: Int!, $org: ID!) { addContractParty(contractId: $id, version: $v, party: {organisationId: $org, role: \"MEMBER\"}) { id } }",
            json!({
                "id": data["createContract"]["id"],
                "v": data["createContract"]["version"],
                "org": party,
            }),
        )
        .await;
    }

    /// Revokes the API token `id` (its global ID), by the app's own (admin) caller.
    pub async fn revoke_token(&self, id: &Value) {
        self.data(
            "mutation($id: ID!) { revokeApiToken(id: $id) { isActive } }",
            json!({ "id": id }),
        )
        .await;
    }

    /// Revokes the first of the API tokens the app's own (admin) caller lists.
    pub async fn revoke_first_token(&self) {
        let listed = self.data("{ apiTokens { id } }", json!({})).await;
        self.revoke_token(&listed["apiTokens"][0]["id"]).await;
    }

    /// How many rows `table` holds.
    pub async fn count_rows(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap_or_else(|err| panic!("counting {table}: {err}"))
            .expect("a count");
        row.try_get::<i64>("", "n").expect("a number")
    }
}
