//! The HTTP surface: `/graphql`, `/export/…`, `/report/…`, `/graphiql`, `/schema.graphql`, `/healthz`, and the
//! middleware around them (request ids, tracing, body limit, timeout, panics).

pub mod api;
pub mod calendar;
pub mod client;
pub mod cost;
pub mod credentials;
pub mod depth;
pub mod documents;
pub mod export;
pub mod graphiql;
pub mod headers;
pub mod ical;
pub mod import;
pub mod limits;
pub mod live;
pub mod metrics;
pub mod pages;
pub mod refusal;
pub mod report;
mod serve;
pub mod texts;

pub use serve::{HEADER_READ_TIMEOUT, serve, serve_with_header_timeout, shutdown_signal};

use axum::{
    Router,
    extract::{DefaultBodyLimit, Request, State},
    http::{HeaderName, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, get_service, post},
};
use sea_orm::DatabaseConnection;
use std::{any::Any, path::Path, time::Duration};
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};

use verbund_shared::refusal::ErrorCode;

use self::refusal::Refusal;
use crate::auth::budget::Limiter;
use crate::graphql::{self, VerbundSchema};
use crate::register::tokens::TokenCache;
use crate::register::totals::held::HeldTotals;

/// The largest request body accepted. A GraphQL request is a query of at most
/// [`limits::MAX_QUERY_BYTES`] plus its variables; 1 MB is generous for that and keeps one
/// request from holding much memory.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The longest a request may take before it is answered with 503. The API's queries take
/// milliseconds; 30 s bounds a stuck request (a waiting pool, a slow database) while staying
/// below the usual proxy timeouts, so the client hears it from us.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

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
    /// Points per caller and hour (see `auth::budget`); 0: no limit.
    pub rate_limit_points: u32,
    /// A bearer token that opens `/metrics` to scrapers on other machines.
    pub metrics_token: Option<String>,
    /// Reverse proxies whose `Forwarded`/`X-Forwarded-For` is believed (see `client`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The sockets and subscriptions a caller may hold open (see `live`).
    pub live: live::LiveLimits,
    /// The clock and the reminder settings of the deadline desk.
    pub timing: std::sync::Arc<crate::timing::Timing>,
    /// The address users reach the app at (`--public-url`): calendar feeds link to it.
    pub public_url: Option<String>,
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
    pub tokens: std::sync::Arc<TokenCache>,
    /// The coverage totals this server holds.
    pub totals: std::sync::Arc<HeldTotals>,
    /// The callers' hourly cost budgets; none when rate limiting is off.
    pub limiter: Option<std::sync::Arc<Limiter>>,
    /// Documents parsed and checked before.
    pub documents: std::sync::Arc<documents::Documents>,
    /// The sockets and subscriptions each caller holds open.
    pub sockets: std::sync::Arc<live::Sockets>,
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
    secured(api_router(db, settings).fallback(pages::no_web_app))
}

/// The security headers on every answer, the web app's files and fallbacks included.
fn secured(router: Router) -> Router {
    router.layer(middleware::from_fn(headers::security_headers))
}

/// The application's router, serving the built web app from `web_dir` at `/`. Paths that
/// name no file answer the app's `index.html`, so the app's own routes survive a reload; so
/// does a `GET` of the import's path, where the app has the page that sends files to it.
pub fn router_with_web_app(db: DatabaseConnection, settings: Settings, web_dir: &Path) -> Router {
    let graphiql = axum::Extension(graphiql::Bundle::in_web_dir(web_dir));
    let index = web_dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(dir = %web_dir.display(), "the web app is not built; serving the API only");
        return router_with(db, settings).layer(graphiql);
    }
    let page = get_service(ServeFile::new(&index));
    let files = ServeDir::new(web_dir).fallback(ServeFile::new(index));
    secured(
        api_router(db, settings)
            .layer(graphiql)
            .route(import::PATH, page)
            .fallback_service(files),
    )
}

fn api_router(db: DatabaseConnection, settings: Settings) -> Router {
    let cors = cors_layer(&settings.allowed_origins);
    let trusted = std::sync::Arc::new(settings.trusted_proxies.clone());
    let limiter = Limiter::new(settings.rate_limit_points);
    let tokens = std::sync::Arc::<TokenCache>::default();
    let live = crate::register::live::Live::start(&db);
    crate::register::notices::follow(
        &db,
        vec![crate::register::tokens::heed(tokens.clone()), live.clone()],
    );
    let build = |exposure| graphql::build(db.clone(), exposure, tokens.clone(), live.clone());
    let state = AppState {
        schema: build(graphql::Exposure::Open),
        closed: settings
            .production
            .then(|| build(graphql::Exposure::Closed)),
        limiter,
        db,
        settings: std::sync::Arc::new(settings),
        metrics: std::sync::Arc::default(),
        tokens,
        totals: std::sync::Arc::default(),
        documents: std::sync::Arc::default(),
        sockets: std::sync::Arc::default(),
    };
    let tracked = std::sync::Arc::clone(&state.metrics);
    let router = bounded(
        Router::new()
            .route("/graphql", get(graphql_get).post(api::graphql_post))
            .route("/export/{file}", get(export::export))
            .route("/report/{*path}", get(report::report))
            .merge(graphiql::routes())
            .route("/schema.graphql", get(pages::schema_sdl))
            .route("/healthz", get(pages::healthz))
            .route("/readyz", get(pages::readyz))
            .route("/metrics", get(pages::metrics_page))
            .route("/calendar/{file}", get(calendar::feed)),
        REQUEST_TIMEOUT,
    )
    // Added after the request timeout, so that it does not reach the import: an import has
    // a bound of its own (`import::IMPORT_TIMEOUT`), and reads its file itself (`import::read_file`).
    .route(import::PATH, post(import::import))
    .with_state(state);
    let router = match cors {
        Some(cors) => router.layer(cors),
        None => router,
    };
    wrap(router, Some(tracked)).layer(middleware::from_fn_with_state(trusted, client::resolve))
}

/// `GET /graphql`: a WebSocket upgrade for subscriptions (see `live`), or a query in the URL
/// (see `api`).
async fn graphql_get(
    State(state): State<AppState>,
    known: Option<axum::Extension<client::ClientAddress>>,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    socket: Result<
        axum::extract::ws::WebSocketUpgrade,
        axum::extract::ws::rejection::WebSocketUpgradeRejection,
    >,
    headers: axum::http::HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    match socket {
        Ok(socket) => live::upgrade(state, socket, &headers),
        Err(_) => {
            let address = client::ClientAddress::of(known, peer);
            api::graphql_get(&state, address, &headers, query).await
        }
    }
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
    wrap(bounded(router, REQUEST_TIMEOUT), None)
}

/// [`with_middleware`] with another request timeout (for tests).
pub fn with_middleware_and_timeout(router: Router, timeout: Duration) -> Router {
    wrap(bounded(router, timeout), None)
}

/// `router`'s routes (those it has now: a route added later has a bound of its own), answered
/// with 503 when they take longer than `timeout`.
fn bounded<S: Clone + Send + Sync + 'static>(router: Router<S>, timeout: Duration) -> Router<S> {
    router.layer(middleware::from_fn_with_state(timeout, request_timeout))
}

/// The middleware, with the request metrics when given. The metrics sit outside the timeouts
/// and the panic handler, so a request that timed out or panicked is counted with the status
/// it was answered with and is no longer in flight.
fn wrap(router: Router, metrics: Option<std::sync::Arc<metrics::Metrics>>) -> Router {
    let router = router
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(panic_response));
    let router = match metrics {
        Some(metrics) => router.layer(middleware::from_fn_with_state(metrics, track)),
        None => router,
    };
    router
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(middleware::from_fn(log_request))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(middleware::from_fn(safe_request_id))
}

/// The span of a request: its method and path (a calendar feed's secret redacted), never its
/// query string.
fn request_span(request: &Request) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %calendar::redact(request.uri().path()),
    )
}

/// The longest request id a client may choose.
pub const REQUEST_ID_MAX_LEN: usize = 64;

/// Whether a client's request id may be kept: 1 to [`REQUEST_ID_MAX_LEN`] letters, digits,
/// `-`, `_`, `.` or `:` (a UUID, a proxy's hex id). It goes into logs, answers and the audit
/// log, so nothing else is taken.
pub fn is_safe_request_id(id: &[u8]) -> bool {
    (1..=REQUEST_ID_MAX_LEN).contains(&id.len())
        && id
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b':'))
}

/// Drops a request id that is not in a safe form (or sent more than once); the request then
/// gets a fresh one.
async fn safe_request_id(mut request: Request, next: Next) -> Response {
    let ids = request.headers().get_all(REQUEST_ID).iter().count();
    let safe = request
        .headers()
        .get(REQUEST_ID)
        .is_some_and(|id| is_safe_request_id(id.as_bytes()));
    if ids > 1 || (ids == 1 && !safe) {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

/// One log line per request (a JSON object with `--log-json`): method, path, status,
/// duration, request id and the client's address, so a user's report can be matched to the
/// log.
async fn log_request(
    known: Option<axum::Extension<client::ClientAddress>>,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    request: Request,
    next: Next,
) -> Response {
    let started = std::time::Instant::now();
    let client = client::ClientAddress::of(known, peer)
        .0
        .map(|ip| ip.to_string())
        .unwrap_or_default();
    let method = request.method().clone();
    let path = calendar::redact(request.uri().path()).into_owned();
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
        tracing::info!(%method, %path, status, ms, request_id, client, "request");
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
            Refusal::new(
                ErrorCode::Timeout,
                "The request took too long and was stopped; try again later.",
            )
            .into_response()
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
    Refusal::internal().into_response()
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
