//! The HTTP surface: `/graphql`, `/graphiql`, `/schema.graphql`, `/healthz`, and the
//! middleware around them (request ids, tracing, body limit, timeout, panics).

pub mod documents;
pub mod limits;
pub mod metrics;

use async_graphql::http::GraphiQLSource;
use axum::{
    Extension, Json, Router,
    body::Bytes,
    extract::{ConnectInfo, DefaultBodyLimit, RawQuery, Request, State, rejection::BytesRejection},
    http::{HeaderMap, HeaderName, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use std::{any::Any, path::Path, time::Duration};
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};

use crate::auth::{self, Credential, access::Access};
use crate::error::ApiError;
use crate::graphql::{self, VerbundSchema, loaders};

/// The largest request body accepted. A GraphQL request is a query of at most
/// [`limits::MAX_QUERY_BYTES`] plus its variables; 1 MB is generous for that and keeps one
/// request from holding much memory.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The longest a request may take before it is answered with 503. The API's queries take
/// milliseconds; 30 s bounds a stuck request (a waiting pool, a slow database) while staying
/// below the usual proxy timeouts, so the client hears it from us.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// How the server meets browsers: cookie flags and which other origins may call it.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Served over HTTPS (directly or behind a proxy): session cookies get `Secure` and the
    /// `__Host-` prefix.
    pub secure_cookies: bool,
    /// Origins besides the server's own whose pages may send cookie-authenticated requests,
    /// e.g. `https://intranet.example`; they are also the only origins CORS lets in.
    pub allowed_origins: Vec<String>,
    /// Production: introspection, field suggestions, GraphiQL and the SDL only for admins.
    pub production: bool,
    /// Points per caller and hour (see `graphql::rate`); 0: no limit.
    pub rate_limit_points: u32,
    /// A bearer token that opens `/metrics` to scrapers on other machines.
    pub metrics_token: Option<String>,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The schema with introspection and suggestions.
    pub schema: VerbundSchema,
    /// In production, the schema everyone but admins gets: without either.
    pub closed: Option<VerbundSchema>,
    pub db: DatabaseConnection,
    pub settings: std::sync::Arc<Settings>,
    pub metrics: std::sync::Arc<metrics::Metrics>,
    /// Partner tokens recently looked up.
    pub tokens: std::sync::Arc<auth::tokens::TokenCache>,
    /// The callers' hourly cost budgets; none when rate limiting is off.
    pub limiter: Option<std::sync::Arc<graphql::rate::Limiter>>,
    /// Documents parsed and checked before.
    pub documents: std::sync::Arc<documents::Documents>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

/// The application's router, without the web app, with default settings.
pub fn router(db: DatabaseConnection) -> Router {
    router_with(db, Settings::default())
}

/// The application's router, without the web app.
pub fn router_with(db: DatabaseConnection, settings: Settings) -> Router {
    api_router(db, settings).fallback(no_web_app)
}

/// The application's router, serving the built web app from `web_dir` at `/`. Paths that
/// name no file answer the app's `index.html`, so the app's own routes survive a reload.
pub fn router_with_web_app(db: DatabaseConnection, settings: Settings, web_dir: &Path) -> Router {
    let index = web_dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(dir = %web_dir.display(), "the web app is not built; serving the API only");
        return router_with(db, settings);
    }
    let files = ServeDir::new(web_dir).fallback(ServeFile::new(index));
    api_router(db, settings).fallback_service(files)
}

async fn no_web_app() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(
            "<!doctype html><html lang=\"de\"><meta charset=\"utf-8\"><title>Verbund</title>\
             <p>Die Web-App ist nicht gebaut. The web app is not built: run <code>scripts/run</code>.\
             <p><a href=\"/graphiql\">GraphiQL</a>",
        ),
    )
        .into_response()
}

fn api_router(db: DatabaseConnection, settings: Settings) -> Router {
    let cors = cors_layer(&settings.allowed_origins);
    let limiter = graphql::rate::Limiter::new(settings.rate_limit_points);
    let tokens = std::sync::Arc::<auth::tokens::TokenCache>::default();
    let state = AppState {
        schema: graphql::build(db.clone(), graphql::Exposure::Open, tokens.clone()),
        closed: settings
            .production
            .then(|| graphql::build(db.clone(), graphql::Exposure::Closed, tokens.clone())),
        limiter,
        db,
        settings: std::sync::Arc::new(settings),
        metrics: std::sync::Arc::default(),
        tokens,
        documents: std::sync::Arc::default(),
    };
    let tracked = std::sync::Arc::clone(&state.metrics);
    let router = Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphiql", get(graphiql))
        .route("/schema.graphql", get(schema_sdl))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_page))
        .with_state(state);
    let router = match cors {
        Some(cors) => router.layer(cors),
        None => router,
    };
    wrap(router, REQUEST_TIMEOUT, Some(tracked))
}

/// CORS for the configured origins only (none by default: the app is served by this server
/// and needs no CORS). Credentials are allowed, so a configured intranet page can use the
/// staff session; the `Origin` check in `execute` still refuses every other site.
fn cors_layer(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let origins: Vec<header::HeaderValue> = origins
        .iter()
        .filter_map(|origin| header::HeaderValue::from_str(origin).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            .allow_credentials(true)
            .expose_headers([REQUEST_ID])
            .max_age(Duration::from_secs(600)),
    )
}

/// Wraps `router` in the server's middleware: body limit, request timeout, panics answered as
/// 500 JSON, request ids and tracing. Public so that tests can wrap routes of their own.
pub fn with_middleware(router: Router) -> Router {
    wrap(router, REQUEST_TIMEOUT, None)
}

/// [`with_middleware`] with another request timeout (for tests).
pub fn with_middleware_and_timeout(router: Router, timeout: Duration) -> Router {
    wrap(router, timeout, None)
}

/// The middleware, with the request metrics when given. The metrics sit outside the timeout
/// and the panic handler, so a request that timed out or panicked is counted with the status
/// it was answered with and is no longer in flight.
fn wrap(
    router: Router,
    timeout: Duration,
    metrics: Option<std::sync::Arc<metrics::Metrics>>,
) -> Router {
    let router = router
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(timeout, request_timeout))
        .layer(CatchPanicLayer::custom(panic_response));
    let router = match metrics {
        Some(metrics) => router.layer(middleware::from_fn_with_state(metrics, track)),
        None => router,
    };
    router
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(middleware::from_fn(log_request))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// One log line per request (a JSON object with `--log-json`): method, path, status,
/// duration and request id, so a user's report can be matched to the log.
async fn log_request(request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if path != "/healthz" && path != "/readyz" {
        tracing::info!(%method, %path, status, ms, request_id, "request");
    }
    response
}

/// Answers requests that take longer than `timeout` with 503.
async fn request_timeout(
    State(timeout): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(?timeout, "request timed out");
            request_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "TIMEOUT",
                "The request took too long and was stopped; try again later.",
            )
        }
    }
}

/// The answer to a request whose handler panicked: the details go to the log only.
fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned());
    tracing::error!(panic = %detail, "a request handler panicked");
    internal_error()
}

/// The answer to a failure before the schema runs: busy (503) when no database connection was
/// free, otherwise the generic internal error (the cause has been logged where it happened).
fn failure(err: ApiError) -> Response {
    match err {
        ApiError::Busy => busy(),
        _ => internal_error(),
    }
}

fn internal_error() -> Response {
    request_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "Internal error: the request failed on the server; it has been logged.",
    )
}

/// A GraphQL-shaped error for requests that never reach the schema.
fn request_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

/// How a request came in, for what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

/// What the handlers pass on about the HTTP request.
struct Caller<'a> {
    headers: &'a HeaderMap,
    peer: Option<std::net::SocketAddr>,
}

/// Whether the request's `Origin` (if it sent one) is the server itself or an allowed one.
/// Browsers send `Origin` with every cross-site POST, so a page elsewhere cannot ride on a
/// staff member's session cookie.
fn origin_allowed(headers: &HeaderMap, settings: &Settings) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if settings
        .allowed_origins
        .iter()
        .any(|allowed| allowed == origin)
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

async fn execute(
    state: &AppState,
    mut request: async_graphql::Request,
    method: Method,
    caller: Caller<'_>,
) -> Response {
    let registered = match graphql::persisted::resolve(&state.db, &mut request).await {
        Ok(graphql::persisted::Lookup::Registered) => true,
        Ok(graphql::persisted::Lookup::Text) => false,
        Ok(graphql::persisted::Lookup::Unknown) => {
            return request_error(
                StatusCode::OK,
                "PERSISTED_QUERY_NOT_FOUND",
                "No registered operation has this hash (or the hash is not the document's).",
            );
        }
        Err(err) => return failure(err),
    };
    if request.query.trim().is_empty() {
        return request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "The request has no `query`: send the GraphQL document to run.",
        );
    }
    // Size limits first, on the parsed document, before anything is expanded or run (or
    // the outcome for the same text before, with its parsed document).
    match state.documents.check(&mut request) {
        Err(err) => {
            return request_error(StatusCode::OK, "BAD_USER_INPUT", &err.to_string());
        }
        Ok(checked) if checked.has_mutation && method == Method::Get => {
            return (
                [(header::ALLOW, "POST")],
                request_error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "METHOD_NOT_ALLOWED",
                    "Mutations are accepted only by POST.",
                ),
            )
                .into_response();
        }
        Ok(_) => {}
    }
    let (principal, credential) = match auth::authenticate(
        &state.db,
        caller.headers,
        state.settings.secure_cookies,
        &state.tokens,
    )
    .await
    {
        Ok(found) => found,
        Err(ApiError::Unauthenticated) => {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                request_error(
                    StatusCode::UNAUTHORIZED,
                    "UNAUTHENTICATED",
                    "The token is unknown, revoked or expired.",
                ),
            )
                .into_response();
        }
        Err(err) => return failure(err),
    };
    // A document taken from the registry by its hash is registered; no need to look again.
    match graphql::persisted::allowed(&state.db, &principal, &request.query, registered).await {
        Ok(true) => {}
        Ok(false) => {
            return request_error(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "This token may run registered operations only; send one by its hash.",
            );
        }
        Err(err) => return failure(err),
    }
    if credential == Credential::Cookie && !origin_allowed(caller.headers, &state.settings) {
        return request_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "Requests with a session cookie are accepted only from this server's own pages.",
        );
    }
    let schema = match &state.closed {
        Some(closed) if !is_admin(&principal) => closed,
        _ => &state.schema,
    };
    let request_id = caller
        .headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let access = Access {
        principal,
        request_id: request_id.clone(),
    };
    let address = caller.peer.map(|peer| peer.ip().to_string());
    // The cost is charged before anything runs; a request the budget does not cover is
    // answered `RATE_LIMITED` (429 below) without running.
    let (rate, refusal) = match &state.limiter {
        None => (None, None),
        Some(limiter) => {
            let cost = limits::cost(&mut request);
            let (rate, refusal) = graphql::rate::charge(limiter, &access, address.as_deref(), cost);
            (Some(rate), refusal)
        }
    };
    let mut request = request
        .data(loaders::request_loader(state.db.clone(), access.clone()))
        .data(access)
        .data(graphql::account::LoginContext::new(
            address,
            state.settings.secure_cookies,
        ));
    if let Some(rate) = rate {
        request = request.data(rate);
    }
    let mut response = match refusal {
        None => schema.execute(request).await,
        Some(refusal) => async_graphql::Response::from_errors(vec![refusal]),
    };
    // Errors raised by resolvers carry a code already (see `error`); the rest come from
    // parsing, validating or coercing the request, so they are the caller's to fix. One pass
    // sets the code and the request id, counts the code and notes what sets the status.
    let (mut busy, mut rate_limited) = (false, false);
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", "BAD_USER_INPUT");
        }
        // The same id as the `x-request-id` header and the log line, for support requests.
        if let Some(id) = &request_id {
            extensions.set("requestId", id.as_str());
        }
        if let Some(async_graphql::Value::String(code)) = extensions.get("code") {
            state.metrics.graphql_error(code);
            busy |= code == "UNAVAILABLE";
            rate_limited |= code == "RATE_LIMITED";
        }
    }
    // Refused: no data and a `RATE_LIMITED` error (the limiter before running, or a login throttle).
    let refused = rate_limited && response.data == async_graphql::Value::Null;
    let headers = std::mem::take(&mut response.http_headers);
    let mut answer = Json(response).into_response();
    answer.headers_mut().extend(headers);
    if let Some(state) = rate {
        let headers = answer.headers_mut();
        for (name, value) in [
            ("x-ratelimit-limit", state.limit.to_string()),
            ("x-ratelimit-remaining", state.remaining.to_string()),
            (
                "x-ratelimit-used",
                (state.limit - state.remaining).to_string(),
            ),
            ("x-ratelimit-cost", state.cost.to_string()),
            ("x-ratelimit-reset", state.reset_at.timestamp().to_string()),
        ] {
            if let Ok(value) = header::HeaderValue::from_str(&value) {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
        if refused {
            let wait = (state.reset_at - chrono::Utc::now()).num_seconds().max(1);
            if let Ok(value) = header::HeaderValue::from_str(&wait.to_string()) {
                headers.insert(header::RETRY_AFTER, value);
            }
            *answer.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        }
    }
    if busy {
        *answer.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    answer
}

fn is_admin(principal: &auth::access::Principal) -> bool {
    matches!(principal, auth::access::Principal::Staff(staff) if staff.role == verbund_shared::access::Role::Admin)
}

/// 503 with `Retry-After`: every database connection is in use.
fn busy() -> Response {
    (
        [(header::RETRY_AFTER, "1")],
        request_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "The server is busy: every database connection is in use. Try again in a moment.",
        ),
    )
        .into_response()
}

/// Counts every request for `/metrics`.
async fn track(
    State(metrics): State<std::sync::Arc<metrics::Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let in_flight = metrics::InFlight::start(metrics, metrics::route_of(request.uri().path()));
    let response = next.run(request).await;
    in_flight.finish(response.status().as_u16());
    response
}

/// Prometheus metrics, for the machine itself or with the metrics token.
async fn metrics_page(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
) -> Response {
    let local = peer.is_some_and(|Extension(ConnectInfo(addr))| addr.ip().is_loopback());
    let token = state
        .settings
        .metrics_token
        .as_deref()
        .is_some_and(|token| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|sent| sent == token)
        });
    if !local && !token {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(&state.db),
    )
        .into_response()
}

/// In production, GraphiQL and the SDL are for admins only; others get 404.
async fn developer_page(state: &AppState, headers: &HeaderMap) -> bool {
    if !state.settings.production {
        return true;
    }
    match auth::authenticate(
        &state.db,
        headers,
        state.settings.secure_cookies,
        &state.tokens,
    )
    .await
    {
        Ok((principal, _)) => is_admin(&principal),
        Err(_) => false,
    }
}

/// Whether the request says its body is JSON (`application/json`, parameters allowed).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

async fn graphql_post(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // Only JSON: a browser can send `text/plain`, form and multipart bodies cross-site
    // without asking first, JSON it cannot.
    if !is_json(&headers) {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "Send the request as `Content-Type: application/json`.",
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                &format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
            );
        }
        Err(rejection) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                &format!(
                    "The request body could not be read: {}",
                    rejection.body_text()
                ),
            );
        }
    };
    match serde_json::from_slice::<async_graphql::Request>(&body) {
        Ok(request) => {
            let caller = Caller {
                headers: &headers,
                peer: peer.map(|Extension(ConnectInfo(addr))| addr),
            };
            execute(&state, request, Method::Post, caller).await
        }
        Err(_) => request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "The body must be a JSON object with a `query` string (and optional `variables` and `operationName`).",
        ),
    }
}

async fn graphql_get(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    match async_graphql::http::parse_query_string(query.as_deref().unwrap_or_default()) {
        Ok(request) => {
            let caller = Caller {
                headers: &headers,
                peer: peer.map(|Extension(ConnectInfo(addr))| addr),
            };
            execute(&state, request, Method::Get, caller).await
        }
        Err(_) => request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "Send a `query` parameter (and optional `variables` as JSON and `operationName`).",
        ),
    }
}

async fn graphiql(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !developer_page(&state, &headers).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("Verbund GraphiQL")
            .finish(),
    )
    .into_response()
}

async fn schema_sdl(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !developer_page(&state, &headers).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        graphql::sdl(),
    )
        .into_response()
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers a `SELECT 1`.
async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => "ready".into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "not ready: the database does not answer");
            request_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "UNAVAILABLE",
                "The database is not reachable.",
            )
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
