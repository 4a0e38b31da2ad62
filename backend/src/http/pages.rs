//! The pages around the API: the SDL, health and readiness, metrics, and the answer when the
//! web app is not built (GraphiQL has its own module, `graphiql`).

use axum::{
    Extension,
    extract::{ConnectInfo, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use sea_orm::ConnectionTrait;
use verbund_shared::refusal::ErrorCode;

use super::AppState;
use super::client::ClientAddress;
use super::credentials;
use super::refusal::Refusal;
use crate::graphql;

pub async fn no_web_app() -> Response {
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

/// Prometheus metrics, for the machine itself or with the metrics token.
pub async fn metrics_page(
    State(state): State<AppState>,
    known: Option<Extension<ClientAddress>>,
    peer: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
) -> Response {
    // Behind a trusted proxy on this machine, the client the proxy saw, not the proxy.
    let local = ClientAddress::of(known, peer)
        .0
        .is_some_and(|ip| ip.is_loopback());
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
pub async fn developer_page(state: &AppState, headers: &HeaderMap) -> bool {
    if !state.settings.production {
        return true;
    }
    match credentials::authenticate(
        &state.db,
        headers,
        state.settings.secure_cookies,
        &state.tokens,
    )
    .await
    {
        Ok((principal, _)) => credentials::is_admin(&principal),
        Err(_) => false,
    }
}

pub async fn schema_sdl(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !developer_page(&state, &headers).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        graphql::sdl(),
    )
        .into_response()
}

pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers a `SELECT 1`.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => "ready".into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "not ready: the database does not answer");
            Refusal::new(ErrorCode::Unavailable, "The database is not reachable.").into_response()
        }
    }
}
