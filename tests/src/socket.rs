//! A `graphql-transport-ws` client for the tests, on a plain WebSocket: it signs in as a
//! [`TestApp`]'s caller (the token in `connection_init`, the session cookie on the upgrade
//! request), subscribes, and reads each message the server sends.

use std::time::Duration;

use crate::{Credential, TestApp};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::Message;

type Stream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// What the server sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// A protocol message (`next`, `error`, `complete`, `connection_ack`, …).
    Message(Value),
    /// The close frame: its code and reason.
    Closed(u16, String),
}

/// An open socket to `/graphql`.
#[derive(Debug)]
pub struct Socket {
    stream: Stream,
}

/// The caller of `app` as the upgrade request's headers and `connection_init`'s payload.
fn credential(app: &TestApp) -> (Option<String>, Value) {
    match app.credential() {
        Credential::Anonymous => (None, json!({})),
        Credential::Session(secret) => (Some(format!("verbund_session={secret}")), json!({})),
        Credential::Bearer(token) => (None, json!({ "authorization": format!("Bearer {token}") })),
    }
}

impl Socket {
    /// Opens a socket as `app`'s caller, with `origin` as the upgrade's `Origin`, and sends
    /// `connection_init`; not yet acknowledged.
    pub async fn open_from(app: &TestApp, origin: Option<&str>) -> Self {
        let mut socket = Self::connect(app, origin).await;
        let (_, payload) = credential(app);
        socket
            .send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        socket
    }

    /// Opens a socket (the session cookie of `app`'s caller on the upgrade request, with
    /// `origin` as its `Origin`), without a `connection_init`.
    pub async fn connect(app: &TestApp, origin: Option<&str>) -> Self {
        let url = format!("{}/graphql", app.address().replacen("http", "ws", 1));
        let mut request = url.into_client_request().unwrap();
        let headers = request.headers_mut();
        headers.insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        let (cookie, _) = credential(app);
        if let Some(cookie) = cookie {
            headers.insert("cookie", HeaderValue::from_str(&cookie).unwrap());
        }
        if let Some(origin) = origin {
            headers.insert("origin", HeaderValue::from_str(origin).unwrap());
        }
        let (stream, response) = tokio_tungstenite::connect_async(request)
            .await
            .expect("the upgrade to a WebSocket");
        assert_eq!(
            response.headers()["sec-websocket-protocol"],
            "graphql-transport-ws"
        );
        Self { stream }
    }

    /// Opens a socket as `app`'s caller and waits for `connection_ack`.
    pub async fn open(app: &TestApp) -> Self {
        let mut socket = Self::open_from(app, None).await;
        let said = socket.next().await;
        assert_eq!(
            said,
            Some(Said::Message(json!({ "type": "connection_ack" }))),
            "{said:?}"
        );
        socket
    }

    pub async fn send(&mut self, message: Value) {
        self.stream
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("sending on the socket");
    }

    /// Subscribes as `id` to `query` with `variables`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({
            "id": id,
            "type": "subscribe",
            "payload": { "query": query, "variables": variables },
        }))
        .await;
    }

    /// Ends the subscription `id`.
    pub async fn complete(&mut self, id: &str) {
        self.send(json!({ "id": id, "type": "complete" })).await;
    }

    /// What the server says next within `wait`; `None` when it says nothing (or the
    /// connection is gone without a close frame).
    pub async fn next_within(&mut self, wait: Duration) -> Option<Said> {
        loop {
            let message = tokio::time::timeout(wait, self.stream.next())
                .await
                .ok()??;
            match message {
                Ok(Message::Text(text)) => {
                    return Some(Said::Message(serde_json::from_str(&text).unwrap()));
                }
                Ok(Message::Close(frame)) => {
                    let (code, reason) = frame
                        .map(|frame| (u16::from(frame.code), frame.reason.to_string()))
                        .unwrap_or((1005, String::new()));
                    return Some(Said::Closed(code, reason));
                }
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }

    /// What the server says next, within five seconds.
    pub async fn next(&mut self) -> Option<Said> {
        self.next_within(Duration::from_secs(5)).await
    }

    /// The next event's data for subscription `id` (panics on anything else).
    pub async fn event(&mut self, id: &str) -> Value {
        match self.next().await {
            Some(Said::Message(message)) if message["type"] == "next" && message["id"] == id => {
                assert!(message["payload"]["errors"].is_null(), "{message:#}");
                message["payload"]["data"].clone()
            }
            other => panic!("expected an event of {id}, got {other:?}"),
        }
    }

    /// The error code the subscription `id` is refused with (async-graphql sends a refusal
    /// as a `next` with errors, then `complete`).
    pub async fn refused(&mut self, id: &str) -> String {
        match self.next().await {
            Some(Said::Message(message)) if message["id"] == id => {
                let errors = match message["type"].as_str() {
                    Some("error") => message["payload"].clone(),
                    Some("next") => message["payload"]["errors"].clone(),
                    _ => panic!("expected a refusal of {id}: {message:#}"),
                };
                let code = errors[0]["extensions"]["code"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{message:#}"))
                    .to_owned();
                if message["type"] == "next" {
                    let end = self.next().await;
                    assert_eq!(
                        end,
                        Some(Said::Message(json!({ "id": id, "type": "complete" })))
                    );
                }
                code
            }
            other => panic!("expected a refusal of {id}, got {other:?}"),
        }
    }

    /// Whether the server stays silent for `wait`.
    pub async fn silent_for(&mut self, wait: Duration) -> Option<Said> {
        self.next_within(wait).await
    }
}

/// Every field of an event.
pub const CHANGED: &str = "subscription($types: [String!], $memberId: ID, $after: String) {
    registerChanged(types: $types, memberId: $memberId, after: $after) {
        cursor recordType recordId operation version deleted leftView at actor
    }
}";
