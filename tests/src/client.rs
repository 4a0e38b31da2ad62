//! Requests to a [`TestApp`] as its caller: GraphQL requests and their answers, plain HTTP,
//! the lookups many tests start with, and the HTTP checks several test files make (a budget
//! spent, pages served to the server's own origin only).

use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{Credential, TestApp, codes, header, nodes};

impl TestApp {
    /// A request to `path` of this app with the caller's credential, to add to and send.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.authorize(
            self.client
                .request(method, format!("{}{path}", self.address)),
        )
    }

    /// Adds the credential to a request.
    pub fn authorize(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.credential {
            Credential::Anonymous => request,
            Credential::Session(secret) => {
                request.header(COOKIE, format!("verbund_session={secret}"))
            }
            Credential::Bearer(token) => request.bearer_auth(token),
        }
    }

    /// Posts `body` (one request, a batch, anything JSON) to `/graphql` with `headers`; the
    /// response itself, for its status and headers.
    pub async fn post_graphql(&self, body: &Value, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.request(Method::POST, "/graphql").json(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("POST /graphql")
    }

    /// Posts a GraphQL request; the HTTP status and the body text.
    pub async fn graphql_raw(&self, query: &str, variables: Value) -> (StatusCode, String) {
        let body = json!({ "query": query, "variables": variables });
        let response = self.post_graphql(&body, &[]).await;
        let status = response.status();
        (status, response.text().await.expect("reading the body"))
    }

    /// Posts a GraphQL request; the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.graphql_raw(query, variables).await;
        serde_json::from_str(&body)
            .unwrap_or_else(|err| panic!("HTTP {status}, body is not JSON ({err}): {body}"))
    }

    /// The `data` of a response that must have no errors.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(
            body.get("errors").is_none(),
            "unexpected errors for {query}\n{body:#}"
        );
        body["data"].clone()
    }

    /// The `extensions.code` of each error of a response that must have errors.
    pub async fn error_codes(&self, query: &str, variables: Value) -> Vec<String> {
        let body = self.graphql(query, variables).await;
        codes(&body)
    }

    /// The whole body of a response that must have exactly one error, with `code`.
    pub async fn fails_with(&self, code: &str, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert_eq!(codes(&body), [code], "{query}\n{body:#}");
        body
    }

    /// Runs `mutation`, which must succeed, and returns the `id` of the record its one field
    /// answers with: the new record of a `create…` mutation.
    pub async fn created_id(&self, mutation: &str, variables: Value) -> String {
        let data = self.data(mutation, variables).await;
        data.as_object()
            .filter(|fields| fields.len() == 1)
            .and_then(|fields| fields.values().next())
            .and_then(|record| record["id"].as_str())
            .unwrap_or_else(|| panic!("not one record with an id: {data:#}"))
            .to_owned()
    }

    /// `node(id: $id)` with `selection` (an inline fragment, or just `id`): the node, or null.
    pub async fn node(&self, id: &str, selection: &str) -> Value {
        let query = format!("query($id: ID!) {{ node(id: $id) {{ {selection} }} }}");
        self.data(&query, json!({ "id": id })).await["node"].clone()
    }

    /// The organisation with exactly this name, read by `node(id:)` with `fields`.
    pub async fn organisation(&self, name: &str, fields: &str) -> Value {
        let id = self.organisation_id(name).await;
        self.node(&id, &format!("... on Organisation {{ {fields} }}"))
            .await
    }

    /// GETs `path` with more headers; the response as it came.
    pub async fn get_with_headers(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self.request(Method::GET, path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
    }

    /// GETs `path`: status, content type and body text.
    pub async fn get(&self, path: &str) -> (StatusCode, String, String) {
        let response = self
            .request(Method::GET, path)
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"));
        parts(response).await
    }

    /// GETs `first` and then `second` on a server that grants one point a window: asserts
    /// that `first` is answered and uses up the budget, and that `second` is refused as too
    /// many requests and told when to retry; both responses, for the caller's own checks.
    pub async fn spend_a_budget_of_one(
        &self,
        first: &str,
        second: &str,
    ) -> (reqwest::Response, reqwest::Response) {
        let app = self.with_rate_limit(1).await;
        let answered = app.get_with_headers(first, &[]).await;
        assert_eq!(answered.status(), StatusCode::OK, "{first}");
        assert_eq!(
            header(&answered, "x-ratelimit-remaining").as_deref(),
            Some("0"),
            "{first}"
        );
        let refused = app.get_with_headers(second, &[]).await;
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "{second}");
        assert!(header(&refused, "retry-after").is_some(), "{second}");
        (answered, refused)
    }

    /// Asserts that the caller's GET of `path` (a download or a page of the server's) is
    /// answered when a browser says it comes from the server's own pages (or says nothing of
    /// where it comes from), and refused (`403`) when it says it comes from another site.
    pub async fn assert_own_pages_only(&self, path: &str) {
        let own = self.address();
        for (headers, status) in [
            (vec![], StatusCode::OK),
            (vec![("origin", own)], StatusCode::OK),
            (vec![("sec-fetch-site", "same-origin")], StatusCode::OK),
            (
                vec![("origin", "https://elsewhere.example")],
                StatusCode::FORBIDDEN,
            ),
            (
                vec![("sec-fetch-site", "cross-site")],
                StatusCode::FORBIDDEN,
            ),
        ] {
            let (answered, _, body) = parts(self.get_with_headers(path, &headers).await).await;
            assert_eq!(answered, status, "{path} {headers:?}: {body}");
        }
    }

    /// POSTs `body` as it is to `path`: status, content type and body text.
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<String>,
    ) -> (StatusCode, String, String) {
        let response = self
            .request(Method::POST, path)
            .header(CONTENT_TYPE, content_type)
            .body(body.into())
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {path}: {err}"));
        parts(response).await
    }

    /// The global ID of the organisation with exactly this name.
    pub async fn organisation_id(&self, name: &str) -> String {
        let data = self
            .data(
                "query($search: String) { organisations(filter: {search: $search}, first: 100) \
                 { nodes { id name } } }",
                json!({ "search": name }),
            )
            .await;
        nodes(&data["organisations"])
            .iter()
            .find(|node| node["name"] == name)
            .and_then(|node| node["id"].as_str())
            .unwrap_or_else(|| panic!("no organisation named {name}: {data:#}"))
            .to_owned()
    }
}

async fn parts(response: reqwest::Response) -> (StatusCode, String, String) {
    let status = response.status();
    let content_type = header(&response, CONTENT_TYPE.as_str()).unwrap_or_default();
    (status, content_type, response.text().await.expect("body"))
}
