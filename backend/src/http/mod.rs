//! The HTTP surface: `/graphql`, `/graphiql`, `/schema.graphql`, `/healthz`, and the
//! middleware around them (request ids, tracing, body limit).

use async_graphql::http::GraphiQLSource;
use axum::{
    Json, Router,
    body::Bytes,
    extract::{DefaultBodyLimit, RawQuery, State},
    http::{HeaderName, StatusCode, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use sea_orm::DatabaseConnection;
use serde_json::json;
use std::path::Path;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};

use crate::graphql::{self, VerbundSchema, loaders};

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub schema: VerbundSchema,
    pub db: DatabaseConnection,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

/// The application's router, without the web app.
pub fn router(db: DatabaseConnection) -> Router {
    api_router(db).fallback(no_web_app)
}

/// The application's router, serving the built web app from `web_dir` at `/`. Paths that
/// name no file answer the app's `index.html`, so the app's own routes survive a reload.
pub fn router_with_web_app(db: DatabaseConnection, web_dir: &Path) -> Router {
    let index = web_dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(dir = %web_dir.display(), "the web app is not built; serving the API only");
        return router(db);
    }
    let files = ServeDir::new(web_dir).fallback(ServeFile::new(index));
    api_router(db).fallback_service(files)
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

fn api_router(db: DatabaseConnection) -> Router {
    let state = AppState {
        schema: graphql::build(db.clone()),
        db,
    };
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphiql", get(graphiql))
        .route("/schema.graphql", get(schema_sdl))
        .route("/healthz", get(healthz))
        .with_state(state)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// A GraphQL-shaped error for requests that never reach the schema.
fn request_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

async fn execute(state: &AppState, request: async_graphql::Request) -> Response {
    if request.query.trim().is_empty() {
        return request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "The request has no `query`: send the GraphQL document to run.",
        );
    }
    let request = request.data(loaders::request_loader(state.db.clone()));
    let mut response = state.schema.execute(request).await;
    // Errors raised by resolvers carry a code already (see `error`); the rest come from
    // parsing, validating or coercing the request, so they are the caller's to fix.
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", "BAD_USER_INPUT");
        }
    }
    Json(response).into_response()
}

async fn graphql_post(State(state): State<AppState>, body: Bytes) -> Response {
    match serde_json::from_slice::<async_graphql::Request>(&body) {
        Ok(request) => execute(&state, request).await,
        Err(_) => request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "The body must be a JSON object with a `query` string (and optional `variables` and `operationName`).",
        ),
    }
}

async fn graphql_get(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    match async_graphql::http::parse_query_string(query.as_deref().unwrap_or_default()) {
        Ok(request) => execute(&state, request).await,
        Err(_) => request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "Send a `query` parameter (and optional `variables` as JSON and `operationName`).",
        ),
    }
}

async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("Verbund GraphiQL")
            .finish(),
    )
}

async fn schema_sdl() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        graphql::sdl(),
    )
}

async fn healthz() -> &'static str {
    "ok"
}

/// Serves `app` on `listener` until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
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
