//! `/graphql` over WebSocket: subscriptions in the `graphql-transport-ws` protocol (what
//! GraphiQL and the `graphql-ws` client speak).
//!
//! The caller signs in with `connection_init`: a partner token as `{"authorization": "Bearer
//! …"}` in its payload, or else the session cookie of the upgrade request, whose `Origin` is
//! checked as for a POST. Each subscription goes through the checks of the HTTP pipeline that
//! apply (registered operations, the document's limits, registered-only tokens); queries and
//! mutations are sent by HTTP. A caller holds at most [`LiveLimits`] sockets and
//! subscriptions on one server. A socket's credential is checked again whenever a token is
//! revoked or a session ends, here or on another server (see `register::revocations`), and
//! once a minute (expiry): a socket whose credential is gone is closed at once.
//!
//! | close code | when |
//! |---|---|
//! | 4400 | a malformed message |
//! | 4401 | no valid credential in `connection_init`, a `subscribe` before it, or the credential ended |
//! | 4403 | a session cookie from a page of another origin |
//! | 4408 | no `connection_init` within 10 s |
//! | 4429 | the caller already holds as many sockets as it may (`RATE_LIMITED`) |

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_graphql::http::{WebSocket as Transport, WebSocketProtocols, WsMessage};
use async_graphql::{Data, Executor, Response as GraphqlResponse};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream::BoxStream;
use futures_util::{FutureExt, SinkExt, StreamExt, future};
use tokio::sync::oneshot;
use verbund_shared::refusal::ErrorCode;

use super::AppState;
use super::credentials;
use super::refusal::Refusal;
use crate::auth::access::{Access, Principal};
use crate::auth::cookies;
use crate::register::{accounts, revocations};
use crate::sync::locked;

/// The subprotocol spoken.
pub const PROTOCOL: &str = "graphql-transport-ws";
/// The largest message a client may send (a subscription document and its variables).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// How long a client has to send `connection_init`.
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an open socket's credential is checked without being told (expiry).
const RECHECK: Duration = Duration::from_secs(60);
/// On SQLite an ended session may be told before its end is committed: checked again after.
const RECHECK_SOON: Duration = Duration::from_millis(300);

/// What one caller (a token, an account) may hold open on one server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveLimits {
    /// Sockets at once.
    pub connections: usize,
    /// Subscriptions at once, over all its sockets.
    pub subscriptions: usize,
}

impl Default for LiveLimits {
    fn default() -> Self {
        Self {
            connections: 10,
            subscriptions: 50,
        }
    }
}

/// Who holds sockets and subscriptions: a token or an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Holder {
    Token(i32),
    Account(i32),
}

impl Holder {
    fn of(principal: &Principal) -> Option<Self> {
        match principal {
            Principal::Partner(partner) => Some(Self::Token(partner.token_id)),
            Principal::Staff(staff) => Some(Self::Account(staff.user_id)),
            Principal::Anonymous => None,
        }
    }
}

/// The sockets and subscriptions each caller holds on this server.
#[derive(Debug, Default)]
pub struct Sockets {
    held: Mutex<HashMap<Holder, [usize; 2]>>,
}

/// One socket or subscription held; given back when dropped.
#[derive(Debug)]
struct Slot {
    sockets: Arc<Sockets>,
    holder: Holder,
    kind: usize,
}

const SOCKET: usize = 0;
const SUBSCRIPTION: usize = 1;

impl Sockets {
    fn take(self: &Arc<Self>, holder: Holder, kind: usize, limit: usize) -> Option<Slot> {
        let mut held = locked(&self.held);
        let counts = held.entry(holder).or_default();
        if counts[kind] >= limit {
            return None;
        }
        counts[kind] += 1;
        Some(Slot {
            sockets: Arc::clone(self),
            holder,
            kind,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = locked(&self.sockets.held);
        if let Some(counts) = held.get_mut(&self.holder) {
            counts[self.kind] = counts[self.kind].saturating_sub(1);
            if *counts == [0, 0] {
                held.remove(&self.holder);
            }
        }
    }
}

/// Whether the upgrade request offers the protocol.
fn offers_protocol(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|offered| offered.trim() == PROTOCOL)
}

/// What a socket reads into at a time. The WebSocket library fills its read buffer with zeros
/// up to this size before each read, so an idle socket holds that much memory: the default
/// (128 KiB) made 1,000 idle subscribers cost about 140 MB (`bench/live/run`). A client sends
/// little (`connection_init`, `subscribe`, `complete`), and a larger message still fits: the
/// buffer grows for it.
const READ_BUFFER_BYTES: usize = 4 * 1024;

/// Answers a WebSocket upgrade of `/graphql`.
pub fn upgrade(state: AppState, upgrade: WebSocketUpgrade, headers: &HeaderMap) -> Response {
    if !offers_protocol(headers) {
        return Refusal::new(
            ErrorCode::BadRequest,
            format!("Subscriptions speak the WebSocket subprotocol `{PROTOCOL}`."),
        )
        .into_response();
    }
    let cookie = cookies::from_headers(headers, state.settings.secure_cookies);
    let origin_allowed = credentials::origin_allowed(headers, &state.settings);
    upgrade
        .protocols([PROTOCOL])
        .max_message_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(READ_BUFFER_BYTES)
        .on_upgrade(move |socket| serve(state, socket, cookie, origin_allowed))
}

/// How a socket signed in, to check it again.
#[derive(Debug, Clone)]
enum Held {
    Token(String),
    Session(String),
}

/// Why a socket is closed: its close code and a reason that starts with the error code.
type Closing = (u16, String);

fn closing(code: u16, error: ErrorCode, reason: &str) -> Closing {
    (code, format!("{}: {reason}", error.as_str()))
}

/// The caller of `connection_init`, the credential to check again, and the socket slot.
async fn sign_in(
    state: &AppState,
    payload: &serde_json::Value,
    cookie: Option<String>,
    origin_allowed: bool,
) -> Result<(Access, Held, Slot), Closing> {
    let unauthenticated = |reason: &str| closing(4401, ErrorCode::Unauthenticated, reason);
    let internal = |_| {
        closing(
            4500,
            ErrorCode::Internal,
            "the sign-in failed on the server",
        )
    };
    let bearer = payload
        .get("authorization")
        .or_else(|| payload.get("Authorization"));
    let (principal, held) = if let Some(value) = bearer {
        let secret = value
            .as_str()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| unauthenticated("send the token as \"Bearer <token>\""))?;
        let partner = state
            .tokens
            .lookup(&state.db, secret)
            .await
            .map_err(internal)?
            .ok_or_else(|| unauthenticated("the token is unknown, revoked or expired"))?;
        (Principal::Partner(partner), Held::Token(secret.to_owned()))
    } else if let Some(secret) = cookie {
        if !origin_allowed {
            return Err(closing(
                4403,
                ErrorCode::Forbidden,
                "a session cookie is accepted only from this server's own pages",
            ));
        }
        let staff = accounts::staff_of_session(&state.db, &secret)
            .await
            .map_err(internal)?
            .ok_or_else(|| unauthenticated("the session has ended; sign in again"))?;
        (Principal::Staff(staff), Held::Session(secret))
    } else {
        return Err(unauthenticated(
            "send a token in connection_init ({\"authorization\": \"Bearer <token>\"}) or a session cookie",
        ));
    };
    let holder = Holder::of(&principal).ok_or_else(|| unauthenticated("sign in first"))?;
    let limit = state.settings.live.connections;
    let slot = state.sockets.take(holder, SOCKET, limit).ok_or_else(|| {
        closing(
            4429,
            ErrorCode::RateLimited,
            &format!("at most {limit} open sockets per caller"),
        )
    })?;
    let access = Access {
        principal,
        request_id: None,
        timing: state.settings.timing.clone(),
    };
    Ok((access, held, slot))
}

/// Whether a socket's credential still holds (a failing database does not end it).
async fn still_valid(state: &AppState, held: &Held) -> bool {
    let found = match held {
        Held::Token(secret) => state
            .tokens
            .lookup(&state.db, secret)
            .await
            .map(|found| found.is_some()),
        Held::Session(secret) => accounts::staff_of_session(&state.db, secret)
            .await
            .map(|found| found.is_some()),
    };
    found.unwrap_or(true)
}

/// Watches a socket's credential until it ends (then tells `ended`) or the socket closes;
/// holds the socket's slot until then.
async fn watch(state: AppState, held: Held, mut ended: oneshot::Sender<Closing>, _slot: Slot) {
    let mut told = match held {
        Held::Token(_) => state.tokens.endings().watch(),
        Held::Session(_) => revocations::sessions_ended().watch(),
    };
    loop {
        tokio::select! {
            () = ended.closed() => return,
            changed = told.changed() => if changed.is_err() { return },
            () = tokio::time::sleep(RECHECK) => {}
        }
        let mut valid = still_valid(&state, &held).await;
        if valid && matches!(held, Held::Session(_)) {
            tokio::time::sleep(RECHECK_SOON).await;
            valid = still_valid(&state, &held).await;
        }
        if !valid {
            let reason = match held {
                Held::Token(_) => "the token was revoked or has expired",
                Held::Session(_) => "the session has ended",
            };
            let _ = ended.send(closing(4401, ErrorCode::Unauthenticated, reason));
            return;
        }
    }
}

/// Serves one socket until either side closes it or its credential ends.
async fn serve(state: AppState, socket: WebSocket, cookie: Option<String>, origin_allowed: bool) {
    let (mut sink, stream) = socket.split();
    let input = stream
        .take_while(|message| future::ready(message.is_ok()))
        .filter_map(|message| {
            future::ready(match message {
                Ok(Message::Text(text)) => Some(text.as_bytes().to_vec()),
                Ok(Message::Binary(bytes)) => Some(bytes.to_vec()),
                _ => None,
            })
        });
    let refused: Arc<Mutex<Option<Closing>>> = Arc::default();
    let (ended, mut ending) = oneshot::channel::<Closing>();
    let init = {
        let (state, refused) = (state.clone(), Arc::clone(&refused));
        move |payload: serde_json::Value| async move {
            match sign_in(&state, &payload, cookie, origin_allowed).await {
                Ok((access, held, slot)) => {
                    tokio::spawn(watch(state, held, ended, slot));
                    let mut data = Data::default();
                    data.insert(access);
                    Ok(data)
                }
                Err(closing) => {
                    let message = closing.1.clone();
                    *locked(&refused) = Some(closing);
                    Err(async_graphql::Error::new(message))
                }
            }
        }
    };
    let executor = Subscriptions {
        state: state.clone(),
    };
    let mut transport = Transport::new(executor, input, WebSocketProtocols::GraphQLWS)
        .on_connection_init(init)
        .boxed();
    let mut watching = true;
    let timeout = tokio::time::sleep(INIT_TIMEOUT);
    tokio::pin!(timeout);
    let mut acknowledged = false;
    loop {
        let message = tokio::select! {
            message = transport.next() => message,
            told = &mut ending, if watching => match told {
                Ok((code, reason)) => Some(WsMessage::Close(code, reason)),
                Err(_) => { watching = false; continue; }
            },
            () = &mut timeout, if !acknowledged => Some(WsMessage::Close(
                4408,
                "Connection initialisation timeout".to_owned(),
            )),
        };
        let frame = match message {
            None => Message::Close(None),
            Some(WsMessage::Text(text)) => {
                acknowledged |= text.contains("\"connection_ack\"");
                if sink.send(Message::Text(text.into())).await.is_err() {
                    return;
                }
                continue;
            }
            Some(WsMessage::Close(code, reason)) => {
                let refusal = locked(&refused).take();
                let (code, reason) = match (refusal, code) {
                    (Some(refusal), _) => refusal,
                    (None, 1002) => (4400, reason),
                    (None, 1011) => closing(
                        4401,
                        ErrorCode::Unauthenticated,
                        "send connection_init first",
                    ),
                    (None, _) => (code, reason),
                };
                Message::Close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                }))
            }
        };
        let _ = sink.send(frame).await;
        let _ = sink.close().await;
        return;
    }
}

/// Runs each subscription of a socket through the checks that apply, then the schema.
#[derive(Clone)]
struct Subscriptions {
    state: AppState,
}

/// A subscription refused before it runs, as the error the protocol sends.
fn refusal(refusal: Refusal) -> GraphqlResponse {
    GraphqlResponse::from_errors(vec![refusal.into_server_error()])
}

impl Subscriptions {
    /// The schema for the caller and the request ready to run, with its subscription slot.
    async fn admit(
        &self,
        mut request: async_graphql::Request,
        data: Option<&Data>,
    ) -> Result<(crate::graphql::VerbundSchema, async_graphql::Request, Slot), Refusal> {
        let state = &self.state;
        let access = data
            .and_then(|data| data.get(&TypeId::of::<Access>()))
            .and_then(|access| access.downcast_ref::<Access>())
            .ok_or_else(|| Refusal::new(ErrorCode::Unauthenticated, "Sign in first."))?;
        let registered = super::api::document(state, &mut request).await?;
        super::api::limits(state, &mut request, super::api::Method::Post)?;
        if !super::api::is_subscription(&mut request) {
            return Err(Refusal::new(
                ErrorCode::BadRequest,
                "Only subscriptions run over the socket: send queries and mutations by POST.",
            ));
        }
        if !crate::register::persisted::allowed(
            &state.db,
            &access.principal,
            &request.query,
            registered,
        )
        .await?
        {
            return Err(Refusal::new(
                ErrorCode::Forbidden,
                "This token may run registered operations only; send one by its hash.",
            ));
        }
        let holder = Holder::of(&access.principal)
            .ok_or_else(|| Refusal::new(ErrorCode::Unauthenticated, "Sign in first."))?;
        let limit = state.settings.live.subscriptions;
        let slot = state
            .sockets
            .take(holder, SUBSCRIPTION, limit)
            .ok_or_else(|| {
                Refusal::new(
                    ErrorCode::RateLimited,
                    format!(
                        "At most {limit} subscriptions per caller at once: complete one first."
                    ),
                )
            })?;
        let schema = match &state.closed {
            Some(closed) if !credentials::is_admin(&access.principal) => closed.clone(),
            _ => state.schema.clone(),
        };
        Ok((schema, request, slot))
    }
}

impl Executor for Subscriptions {
    async fn execute(&self, _request: async_graphql::Request) -> GraphqlResponse {
        refusal(Refusal::new(
            ErrorCode::BadRequest,
            "Only subscriptions run over the socket.",
        ))
    }

    fn execute_stream(
        &self,
        request: async_graphql::Request,
        data: Option<Arc<Data>>,
    ) -> BoxStream<'static, GraphqlResponse> {
        let this = self.clone();
        async move {
            match this.admit(request, data.as_deref()).await {
                Ok((schema, request, slot)) => schema
                    .execute_stream_with_session_data(request, data.unwrap_or_default())
                    .map(move |response| {
                        // The slot is held as long as the subscription runs.
                        let _held = &slot;
                        response
                    })
                    .boxed(),
                Err(refused) => futures_util::stream::once(future::ready(refusal(refused))).boxed(),
            }
        }
        .into_stream()
        .flatten()
        .boxed()
    }
}
