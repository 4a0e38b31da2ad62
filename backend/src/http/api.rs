//! `/graphql` over HTTP: the request pipeline from the body to the answer. Each step either
//! passes the request on or refuses it with a code of the error table (see `refusal`):
//! the persisted-operation lookup, the document's size limits, the method, the caller, the
//! persisted-only and origin checks, the cost budget; then the schema runs, and the answer
//! gets its status, the request id and the budget headers.

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{ConnectInfo, State, rejection::BytesRejection},
    http::{HeaderMap, HeaderName, StatusCode, header},
    response::{IntoResponse, Response},
};
use verbund_shared::refusal::ErrorCode;

use super::client::ClientAddress;
use super::credentials::{self, Credential};
use super::refusal::Refusal;
use super::{AppState, MAX_BODY_BYTES, REQUEST_ID, cost, texts};
use crate::auth::access::{Access, Principal};
use crate::auth::budget::{self, Budget};
use crate::graphql::{self, loaders, persisted};

/// How a request came in, for what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Post,
}

/// What the handlers pass on about the HTTP request.
struct Caller<'a> {
    headers: &'a HeaderMap,
    /// The client's address (see `client`).
    address: Option<std::net::IpAddr>,
}

/// Whether the request says its body is JSON (`application/json`, parameters allowed).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

pub async fn graphql_post(
    State(state): State<AppState>,
    known: Option<Extension<ClientAddress>>,
    peer: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // Only JSON: a browser can send `text/plain`, form and multipart bodies cross-site
    // without asking first, JSON it cannot.
    if !is_json(&headers) {
        return Refusal::new(
            ErrorCode::UnsupportedMediaType,
            "Send the request as `Content-Type: application/json`.",
        )
        .into_response();
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Refusal::new(
                ErrorCode::PayloadTooLarge,
                format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
            )
            .into_response();
        }
        Err(rejection) => {
            return Refusal::new(
                ErrorCode::BadRequest,
                format!(
                    "The request body could not be read: {}",
                    rejection.body_text()
                ),
            )
            .into_response();
        }
    };
    let Ok(request) = serde_json::from_slice::<async_graphql::Request>(&body) else {
        return Refusal::new(
            ErrorCode::BadRequest,
            "The body must be a JSON object with a `query` string (and optional `variables` and `operationName`).",
        )
        .into_response();
    };
    let caller = Caller {
        headers: &headers,
        address: ClientAddress::of(known, peer).0,
    };
    execute(&state, request, Method::Post, caller).await
}

/// `GET /graphql` without a WebSocket upgrade (`super::graphql_get` takes those to `live`): a
/// query in the URL.
pub(super) async fn graphql_get(
    state: &AppState,
    address: ClientAddress,
    headers: &HeaderMap,
    query: Option<String>,
) -> Response {
    let Ok(request) = async_graphql::http::parse_query_string(query.as_deref().unwrap_or_default())
    else {
        return Refusal::new(
            ErrorCode::BadRequest,
            "Send a `query` parameter (and optional `variables` as JSON and `operationName`).",
        )
        .into_response();
    };
    let caller = Caller {
        headers,
        address: address.0,
    };
    execute(state, request, Method::Get, caller).await
}

async fn execute(
    state: &AppState,
    request: async_graphql::Request,
    method: Method,
    caller: Caller<'_>,
) -> Response {
    match run(state, request, method, caller).await {
        Ok(answer) => answer,
        Err(refusal) => refusal.into_response(),
    }
}

/// The document a request runs: taken from the registry by its hash, or the text it sent;
/// whether it came from the registry.
pub(super) async fn document(
    state: &AppState,
    request: &mut async_graphql::Request,
) -> Result<bool, Refusal> {
    let registered = match persisted::resolve(&state.db, request).await? {
        persisted::Lookup::Registered => true,
        persisted::Lookup::Text => false,
        persisted::Lookup::Unknown => {
            return Err(Refusal::new(
                ErrorCode::PersistedQueryNotFound,
                "No registered operation has this hash (or the hash is not the document's).",
            ));
        }
    };
    if request.query.trim().is_empty() {
        return Err(Refusal::new(
            ErrorCode::BadRequest,
            "The request has no `query`: send the GraphQL document to run.",
        ));
    }
    Ok(registered)
}

/// Size limits first, on the parsed document, before anything is expanded or run (or the
/// outcome for the same text before, with its parsed document); mutations only by POST.
pub(super) fn limits(
    state: &AppState,
    request: &mut async_graphql::Request,
    method: Method,
) -> Result<(), Refusal> {
    let checked = state
        .documents
        .check(request)
        .map_err(|err| Refusal::new(ErrorCode::BadUserInput, err.to_string()))?;
    let variables = std::mem::take(&mut request.variables);
    let nul = request
        .parsed_query()
        .ok()
        .and_then(|document| texts::nul_argument(document, &variables));
    request.variables = variables;
    if let Some(field) = nul {
        return Err(Refusal::new(
            ErrorCode::BadUserInput,
            format!("`{field}` holds the character U+0000, which no text may hold."),
        )
        .on_field(field));
    }
    if checked.has_mutation && method == Method::Get {
        return Err(Refusal::new(
            ErrorCode::MethodNotAllowed,
            "Mutations are accepted only by POST.",
        )
        .with_header(header::ALLOW, "POST"));
    }
    Ok(())
}

/// Whether the operation a request runs is a subscription (once its document is parsed).
pub(super) fn is_subscription(request: &mut async_graphql::Request) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return false;
    };
    let ty = match (&document.operations, name.as_deref()) {
        (DocumentOperations::Single(operation), _) => Some(operation.node.ty),
        (DocumentOperations::Multiple(operations), Some(name)) => operations
            .iter()
            .find(|(key, _)| key.as_str() == name)
            .map(|(_, operation)| operation.node.ty),
        // One named operation needs no name to be chosen (as async-graphql runs it).
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => operations
            .values()
            .next()
            .map(|operation| operation.node.ty),
        (DocumentOperations::Multiple(_), None) => None,
    };
    ty == Some(OperationType::Subscription)
}

/// The caller, once it may run this document from where it sent it.
async fn caller(
    state: &AppState,
    request: &async_graphql::Request,
    registered: bool,
    caller: &Caller<'_>,
) -> Result<Access, Refusal> {
    let (principal, credential) = identify(state, caller.headers).await?;
    // A document taken from the registry by its hash is registered; no need to look again.
    if !crate::register::persisted::allowed(&state.db, &principal, &request.query, registered)
        .await?
    {
        return Err(Refusal::new(
            ErrorCode::Forbidden,
            "This token may run registered operations only; send one by its hash.",
        ));
    }
    if credential == Credential::Cookie
        && !credentials::origin_allowed(caller.headers, &state.settings)
    {
        return Err(Refusal::new(
            ErrorCode::Forbidden,
            "Requests with a session cookie are accepted only from this server's own pages.",
        ));
    }
    Ok(access(state, caller.headers, principal))
}

/// Who sent a request and how: a bearer token that is unknown, revoked or expired is refused.
pub(super) async fn identify(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Principal, Credential), Refusal> {
    let found = credentials::authenticate(
        &state.db,
        headers,
        state.settings.secure_cookies,
        &state.tokens,
    )
    .await;
    match found {
        Ok(found) => Ok(found),
        Err(crate::error::ApiError::Unauthenticated) => Err(Refusal::bad_token()),
        Err(err) => Err(err.into()),
    }
}

/// The request's caller, with its request id and the server's clock.
pub(super) fn access(state: &AppState, headers: &HeaderMap, principal: Principal) -> Access {
    let request_id = headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Access {
        principal,
        request_id,
        timing: state.settings.timing.clone(),
    }
}

/// A request that costs more than a whole hourly budget can never run: it is the caller's to
/// make smaller, not to wait for, and nothing is charged for it.
pub(super) fn within_any_budget(limiter: &budget::Limiter, complexity: u64) -> Result<(), Refusal> {
    let points = budget::points_of(complexity);
    if points <= u64::from(limiter.points()) {
        return Ok(());
    }
    Err(Refusal::new(
        ErrorCode::BadUserInput,
        format!(
            "This request costs {points} points, more than the whole hourly budget of {}: ask for smaller or fewer pages.",
            limiter.points()
        ),
    ))
}

/// The error a request whose cost its budget does not cover is answered with, instead of
/// running it.
fn over_budget(state: &Budget) -> async_graphql::ServerError {
    use async_graphql::ErrorExtensions;
    let wait = state.wait_seconds();
    async_graphql::Error::new(state.refusal("request"))
        .extend_with(|_, ext| {
            ext.set("code", ErrorCode::RateLimited.as_str());
            ext.set("retryAfter", wait);
        })
        .into_server_error(async_graphql::Pos::default())
}

async fn run(
    state: &AppState,
    mut request: async_graphql::Request,
    method: Method,
    from: Caller<'_>,
) -> Result<Response, Refusal> {
    let registered = document(state, &mut request).await?;
    limits(state, &mut request, method)?;
    let access = caller(state, &request, registered, &from).await?;
    let schema = match &state.closed {
        Some(closed) if !credentials::is_admin(&access.principal) => closed,
        _ => &state.schema,
    };
    let request_id = access.request_id.clone();
    let address = from.address.map(|ip| ip.to_string());
    // The cost is charged before anything runs; a request the budget does not cover is
    // answered `RATE_LIMITED` (429 below) without running.
    let charged = match &state.limiter {
        Some(limiter) => {
            let cost = cost::cost(&mut request);
            within_any_budget(limiter, cost)?;
            Some(
                crate::register::budgets::charge(
                    &state.db,
                    limiter,
                    &access,
                    address.as_deref(),
                    cost,
                )
                .await?,
            )
        }
        None => None,
    };
    let mut request = request
        .data(loaders::request_loader(
            state.db.clone(),
            state.totals.clone(),
            access.clone(),
        ))
        .data(access)
        .data(graphql::desk::PublicUrl(state.settings.public_url.clone()))
        .data(graphql::account::LoginContext::new(
            address,
            state.settings.secure_cookies,
            state.metrics.passwords.clone(),
        ));
    let budget = match charged {
        Some(Ok(budget) | Err(budget)) => {
            request = request.data(budget);
            Some(budget)
        }
        None => None,
    };
    let response = match charged {
        Some(Err(refused)) => async_graphql::Response::from_errors(vec![over_budget(&refused)]),
        _ => schema.execute(request).await,
    };
    Ok(answer(state, response, budget, request_id.as_deref()))
}

/// The HTTP answer to what the schema answered: every error with a code (errors from
/// parsing, validating or coercing the request are the caller's to fix) and the request id,
/// the status the codes call for, and the budget's headers.
fn answer(
    state: &AppState,
    mut response: async_graphql::Response,
    budget: Option<Budget>,
    request_id: Option<&str>,
) -> Response {
    let (mut busy, mut rate_limited) = (false, false);
    // The longest wait a `RATE_LIMITED` error asks for (a budget, a login throttle, a server
    // busy checking passwords).
    let mut retry_after: Option<i64> = None;
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", ErrorCode::BadUserInput.as_str());
        }
        // The same id as the `x-request-id` header and the log line, for support requests.
        if let Some(id) = request_id {
            extensions.set("requestId", id);
        }
        if let Some(async_graphql::Value::String(code)) = extensions.get("code") {
            state.metrics.graphql_error(code);
            busy |= code == ErrorCode::Unavailable.as_str();
            if code == ErrorCode::RateLimited.as_str() {
                rate_limited = true;
                if let Some(async_graphql::Value::Number(wait)) = extensions.get("retryAfter") {
                    retry_after = retry_after.max(wait.as_i64());
                }
            }
        }
    }
    // Refused: no data and a `RATE_LIMITED` error (the budget before running, or a login
    // throttle).
    let refused = rate_limited && response.data == async_graphql::Value::Null;
    let headers = std::mem::take(&mut response.http_headers);
    let mut answer = Json(response).into_response();
    answer.headers_mut().extend(headers);
    if let Some(budget) = budget {
        budget_headers(answer.headers_mut(), &budget);
    }
    if refused {
        if let Some(wait) = retry_after
            && let Ok(value) = header::HeaderValue::from_str(&wait.max(1).to_string())
        {
            answer.headers_mut().insert(header::RETRY_AFTER, value);
        }
        *answer.status_mut() = status_of(ErrorCode::RateLimited);
    }
    if busy {
        *answer.status_mut() = status_of(ErrorCode::Unavailable);
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    answer
}

/// The `x-ratelimit-*` headers: where the caller's budget stands after a request.
pub(super) fn budget_headers(headers: &mut axum::http::HeaderMap, budget: &Budget) {
    for (name, value) in [
        ("x-ratelimit-limit", budget.limit.to_string()),
        ("x-ratelimit-remaining", budget.remaining.to_string()),
        (
            "x-ratelimit-used",
            (budget.limit - budget.remaining).to_string(),
        ),
        ("x-ratelimit-cost", budget.cost.to_string()),
        ("x-ratelimit-reset", budget.reset_at.timestamp().to_string()),
    ] {
        if let Ok(value) = header::HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
}

fn status_of(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
