//! `GET /export/{list}.csv` and `GET /export/{list}.json`: a whole list as a file, with the
//! list's filters as query parameters (see `params`). The caller is found as for `/graphql`
//! (a partner token, or the session cookie from the server's own pages), the register's
//! rule for the list decides what it may read, the export is charged to the caller's hourly
//! budget before it starts (what its rows would cost read as pages), and the rows are read
//! in batches and written as the body (see `body`).

mod body;
mod columns;

pub(super) mod params;
mod write;

use std::{convert::Infallible, net::SocketAddr};

use axum::{
    Extension,
    extract::{ConnectInfo, FromRequestParts, Path, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use verbund_shared::refusal::ErrorCode;

use self::params::{Format, Params};
use super::client::ClientAddress;
use super::credentials::{self, Credential};
use super::refusal::Refusal;
use super::{AppState, api};
use crate::auth::access::{Access, Principal};
use crate::auth::budget::Budget;
use crate::error::ApiError;
use crate::register::export::Export;

/// The export handler.
pub(super) async fn export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    asked: Asked,
) -> Response {
    match run(&state, &file, asked).await {
        Ok(answer) | Err(answer) => answer,
    }
}

/// What an export or a report is asked with: where the caller is, the headers that sign it
/// in, and the query, read once the path has named something to answer.
pub(super) struct Asked {
    address: Option<String>,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
}

/// The caller of an export or a report, where it is, and the query's parameters.
pub(super) struct Caller {
    pub access: Access,
    pub address: Option<String>,
    pub pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Asked {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let known = parts.extensions.get::<ClientAddress>().copied();
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().copied();
        Ok(Self {
            address: ClientAddress::of(known.map(Extension), peer.map(Extension))
                .0
                .map(|ip| ip.to_string()),
            headers: parts.headers.clone(),
            query: Query::from_request_parts(parts, state).await,
        })
    }
}

impl Asked {
    /// The caller ([`caller`]) and the query's parameters (400 when they cannot be read).
    pub(super) async fn caller(self, state: &AppState) -> Result<Caller, Response> {
        let access = caller(state, &self.headers)
            .await
            .map_err(IntoResponse::into_response)?;
        let Query(pairs) = self.query.map_err(|_| {
            bad_request(ApiError::bad_input(
                "query",
                "The query string could not be read.",
            ))
        })?;
        Ok(Caller {
            access,
            address: self.address,
            pairs,
        })
    }
}

/// `body` answered as a file of `content_type`, shown or saved as `disposition`, never
/// cached, with where the caller's budget stands.
pub(super) fn file_answer(
    body: impl IntoResponse,
    content_type: &'static str,
    disposition: &str,
    budget: Option<&Budget>,
) -> Response {
    let mut answer = body.into_response();
    let headers = answer.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(budget) = budget {
        api::budget_headers(headers, budget);
    }
    answer
}

async fn run(state: &AppState, file: &str, asked: Asked) -> Result<Response, Response> {
    let Some((list, format)) = params::file(file) else {
        return Err(not_found(
            "No such export: the lists are members, organisations, memberships, contracts, services, coverages, sources, deadlines and audit-log, each as .csv or .json.",
        ));
    };
    let Caller {
        access,
        address,
        pairs,
    } = asked.caller(state).await?;
    let params = Params::of(list, pairs).map_err(bad_request)?;
    let lang = params.lang().map_err(bad_request)?;
    let today = access.timing.clock.today();
    let register_query = params.query(list, today).map_err(bad_request)?;
    let (export, rows) = Export::start(&state.db, &access, register_query)
        .await
        .map_err(refused)?;
    let budget = charge(
        state,
        &access,
        address.as_deref(),
        "export",
        rows,
        list.keys().len(),
    )
    .await?;
    let day = params.as_of().map_err(bad_request)?.unwrap_or(today);
    let filename = format!(
        "{}-{}.{}",
        list.name(),
        day.format("%Y-%m-%d"),
        format.extension()
    );
    let body = body::body(state.db.clone(), export, list, format, lang);
    let content_type = match format {
        Format::Csv => "text/csv; charset=utf-8; header=present",
        Format::Json => "application/json",
    };
    Ok(file_answer(
        body,
        content_type,
        &format!("attachment; filename=\"{filename}\""),
        budget.as_ref(),
    ))
}

/// The caller, as for `/graphql`: a bearer token, or a session cookie sent from the server's
/// own pages. A download link is followed without an `Origin`, so a cookie request the
/// browser marks as coming from another site (`Sec-Fetch-Site: cross-site`) is refused as
/// well. A token for registered operations only may not export: an export is no operation.
pub(super) async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Access, Refusal> {
    let (principal, credential) = api::identify(state, headers).await?;
    if let Principal::Partner(partner) = &principal
        && partner.persisted_only
    {
        return Err(Refusal::new(
            ErrorCode::Forbidden,
            "This token may run registered operations only; exports and reports are not among them.",
        ));
    }
    if credential == Credential::Cookie && !same_site(headers, state) {
        return Err(Refusal::new(
            ErrorCode::Forbidden,
            "Exports and reports with a session cookie are accepted only from this server's own pages.",
        ));
    }
    Ok(api::access(state, headers, principal))
}

/// Whether a cookie-carrying request comes from the server's own (or an allowed) page.
fn same_site(headers: &HeaderMap, state: &AppState) -> bool {
    if !credentials::origin_allowed(headers, &state.settings) {
        return false;
    }
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|site| site.as_bytes().eq_ignore_ascii_case(b"cross-site"));
    !cross_site || headers.get(header::ORIGIN).is_some()
}

/// Charges `what` (an export, a report) to the caller's budget: `rows` rows of `columns`
/// fields cost what the same rows cost read as pages of the list (one per field and row, one
/// more per row), one point per started thousand. Refused, and nothing charged, when it costs
/// more than a whole budget (`BAD_USER_INPUT`, 400: export less at once) or more than is left
/// (`RATE_LIMITED`, 429, with `Retry-After`).
pub(super) async fn charge(
    state: &AppState,
    access: &Access,
    address: Option<&str>,
    what: &str,
    rows: u64,
    columns: usize,
) -> Result<Option<Budget>, Response> {
    let Some(limiter) = &state.limiter else {
        return Ok(None);
    };
    let complexity = rows.saturating_mul(columns as u64 + 1).saturating_add(1);
    if let Err(refusal) = api::within_any_budget(limiter, complexity) {
        let mut answer = refusal.into_response();
        *answer.status_mut() = StatusCode::BAD_REQUEST;
        return Err(answer);
    }
    let charged = crate::register::budgets::charge(&state.db, limiter, access, address, complexity)
        .await
        .map_err(refused)?;
    match charged {
        Ok(budget) => Ok(Some(budget)),
        Err(budget) => {
            let mut answer =
                Refusal::new(ErrorCode::RateLimited, budget.refusal(what)).into_response();
            api::budget_headers(answer.headers_mut(), &budget);
            if let Ok(value) = HeaderValue::from_str(&budget.wait_seconds().to_string()) {
                answer.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Err(answer)
        }
    }
}

/// Nothing to answer at this path: 404 with `message`.
pub(super) fn not_found(message: &str) -> Response {
    let mut answer = Refusal::new(ErrorCode::NotFound, message).into_response();
    *answer.status_mut() = StatusCode::NOT_FOUND;
    answer
}

/// A parameter that is not acceptable: 400, the parameter named.
pub(super) fn bad_request(err: ApiError) -> Response {
    let field = match &err {
        ApiError::BadUserInput { field, .. } => field.clone(),
        ApiError::Invalid(errors) => errors.first().map(|error| error.field.clone()),
        _ => None,
    };
    let mut refusal = Refusal::new(ErrorCode::BadRequest, err.message());
    if let Some(field) = field {
        refusal = refusal.on_field(field);
    }
    refusal.into_response()
}

/// What the register refused: 401 without a caller, 403 for a caller who may not read the
/// list, 400 for a filter it does not accept; busy and internal errors as for `/graphql`.
pub(super) fn refused(err: ApiError) -> Response {
    match err {
        ApiError::Unauthenticated => Refusal::new(
            ErrorCode::Unauthenticated,
            "Sign in, or send a partner token as `Authorization: Bearer`.",
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer")
        .into_response(),
        ApiError::Forbidden { message } => {
            Refusal::new(ErrorCode::Forbidden, message).into_response()
        }
        err @ (ApiError::BadUserInput { .. } | ApiError::Invalid(_)) => bad_request(err),
        err => Refusal::from(err).into_response(),
    }
}
