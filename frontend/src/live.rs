//! The app goes live: one WebSocket per tab to `/graphql` in the `graphql-transport-ws`
//! protocol, signed in by the session cookie of the upgrade (`connection_init` carries an
//! empty payload), with one `registerChanged` subscription that every page shares and, for
//! the header's unread count, the desk's `deadlinesChanged`.
//!
//! Pages [`listen`] while they are shown: a record page says when someone else changed the
//! record it shows ([`record_notice`]), a list page when its records changed ([`list_notice`]).
//! Neither reloads by itself, so a form being filled in keeps what was typed.
//!
//! The socket opens with the first listener and stays open while the tab is signed in. When
//! it closes it opens again after a pause that doubles with each failure (1 s up to 30 s),
//! and subscribes with `after:` = the last cursor heard, so the server first sends what was
//! missed meanwhile.

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::{AnyView, GetUntracked, on_cleanup};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use crate::{
    api::{
        Read,
        ops::LIVE,
        read::{obj, parse},
        write_json,
    },
    auth,
    dom::{add, button, el, mount, set, text},
    i18n::{Texts, fill, use_i18n},
};

/// The subprotocol the server speaks.
const PROTOCOL: &str = "graphql-transport-ws";
/// The id of the register's subscription on the socket.
const SUBSCRIPTION: &str = "live";
/// The id of the desk's subscription (the inbox's unread count), once the shell follows it.
const DESK: &str = "desk";
/// Close codes after which opening again does not help: no valid session (4401), a cookie
/// from another origin (4403). A page shown after the next sign-in opens it again.
const FINAL_CLOSES: [u16; 2] = [4401, 4403];

/// A page's handler of one change.
type Listener = Rc<dyn Fn(&Value)>;
/// What a notice says of a change, if anything, to the signed-in account named by the second
/// argument.
type Saying = Box<dyn Fn(&Value, &str) -> Option<String>>;

/// The tab's connection.
#[derive(Default)]
struct Live {
    socket: Option<WebSocket>,
    /// The socket's handlers, dropped with it.
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    /// The cursor of the last change heard: where a new socket goes on.
    cursor: Option<String>,
    /// Failed attempts since the last acknowledged connection.
    failures: u32,
    /// Subscriptions refused (an `error` message) since the last change heard: a server that
    /// acknowledges the connection but refuses the subscription is not asked every second.
    refusals: u32,
    /// Whether a new attempt is waiting for its timer.
    waiting: bool,
    listeners: Vec<(u32, Listener)>,
    last_id: u32,
    /// Whether the open socket's connection was acknowledged.
    acked: bool,
    /// Shows the inbox's unread count, once the shell follows it.
    unread: Option<Rc<dyn Fn(i64)>>,
    /// Asks the server for the unread count: after a new socket is acknowledged, for what
    /// changed while none was.
    ask_unread: Option<Rc<dyn Fn()>>,
    /// Whether a socket was acknowledged before: the first needs no asking, the page has
    /// just loaded the count.
    was_acked: bool,
}

thread_local! {
    static TAB: RefCell<Live> = RefCell::new(Live::default());
}

/// Calls `listener` with each change (a `RegisterChange`) heard while the current reactive
/// owner (the page) lives; opens the socket if it is not open.
pub fn listen(listener: Listener) {
    let id = TAB.with_borrow_mut(|live| {
        live.last_id = live.last_id.wrapping_add(1);
        live.listeners.push((live.last_id, listener));
        live.last_id
    });
    on_cleanup(move || {
        TAB.with_borrow_mut(|live| live.listeners.retain(|(i, _)| *i != id));
    });
    let idle = TAB.with_borrow(|live| live.socket.is_none() && !live.waiting);
    if idle {
        connect();
    }
}

/// Calls `show` with the signed-in account's unread count whenever the desk says it changed
/// (`deadlinesChanged`), for as long as the tab lives; opens the socket if it is not open.
/// `ask` asks the server for the count, which a socket opened again does for what it missed.
pub fn follow_unread(show: Rc<dyn Fn(i64)>, ask: Rc<dyn Fn()>) {
    let (first, acked, idle) = TAB.with_borrow_mut(|live| {
        live.ask_unread = Some(ask);
        let first = live.unread.replace(show).is_none();
        (first, live.acked, live.socket.is_none() && !live.waiting)
    });
    if first && acked {
        send(&subscribe_message(DESK, "DeskChanged", None));
    } else if idle {
        connect();
    }
}

/// Whether the header's unread count follows the desk's subscription on an acknowledged
/// socket, so that nobody need ask for it.
pub fn unread_followed() -> bool {
    TAB.with_borrow(|live| live.acked && live.unread.is_some())
}

/// How long to wait before attempt `failures + 1`: 1 s, doubling, at most 30 s.
fn backoff_millis(failures: u32) -> i32 {
    1000_i32.saturating_mul(1 << failures.min(5)).min(30_000)
}

/// The socket's address: this server's `/graphql`, `wss:` when the page came over TLS.
fn address() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}/graphql", location.host().ok()?))
}

fn connect() {
    let Some(socket) = address().and_then(|a| WebSocket::new_with_str(&a, PROTOCOL).ok()) else {
        retry_later();
        return;
    };
    let opened = Closure::<dyn FnMut(JsValue)>::new(|_| {
        send(r#"{"type":"connection_init","payload":{}}"#);
    });
    let received = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        if let Some(text) = event
            .dyn_ref::<MessageEvent>()
            .and_then(|m| m.data().as_string())
        {
            message(&text);
        }
    });
    let closed = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        let code = event.dyn_ref::<CloseEvent>().map_or(0, CloseEvent::code);
        on_closed(code);
    });
    socket.set_onopen(Some(opened.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(received.as_ref().unchecked_ref()));
    socket.set_onclose(Some(closed.as_ref().unchecked_ref()));
    TAB.with_borrow_mut(|live| {
        live.acked = false;
        if let Some(old) = live.socket.replace(socket) {
            forget_handlers(&old);
        }
        // Nothing calls the old handlers now: the old socket has none.
        live.handlers = vec![opened, received, closed];
    });
}

fn forget_handlers(socket: &WebSocket) {
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onclose(None);
    let _ = socket.close();
}

fn send(text: &str) {
    TAB.with_borrow(|live| {
        if let Some(socket) = &live.socket {
            let _ = socket.send_with_str(text);
        }
    });
}

/// What the server sent.
fn message(text: &str) {
    let Some(message) = parse(text) else {
        return;
    };
    match message["type"].as_str() {
        Some("connection_ack") => {
            let (cursor, desk, ask) = TAB.with_borrow_mut(|live| {
                live.failures = 0;
                live.acked = true;
                let again = std::mem::replace(&mut live.was_acked, true);
                let ask = live.ask_unread.clone().filter(|_| again);
                (live.cursor.clone(), live.unread.is_some(), ask)
            });
            send(&subscribe_message(
                SUBSCRIPTION,
                "RegisterChanged",
                cursor.as_deref(),
            ));
            if desk {
                send(&subscribe_message(DESK, "DeskChanged", None));
            }
            // The desk's subscription says no count it missed while no socket was open.
            if let Some(ask) = ask {
                ask();
            }
        }
        Some("ping") => send(r#"{"type":"pong"}"#),
        // The desk's subscription: only the count matters; a refusal leaves the count as the
        // pages load it.
        _ if message["id"] == DESK => {
            let count = message["payload"]["data"]["deadlinesChanged"]["unreadCount"].as_i64();
            let show = TAB.with_borrow(|live| live.unread.clone());
            if let (Some(count), Some(show)) = (count, show) {
                show(count);
            }
        }
        Some("next") => {
            let change = &message["payload"]["data"]["registerChanged"];
            TAB.with_borrow_mut(|live| {
                live.refusals = 0;
                if let Some(cursor) = change["cursor"].as_str() {
                    live.cursor = Some(cursor.to_owned());
                }
            });
            // Listeners may come and go while they are called (a reload builds a page anew).
            let listeners: Vec<Listener> =
                TAB.with_borrow(|live| live.listeners.iter().map(|(_, l)| l.clone()).collect());
            for listener in listeners {
                listener(change);
            }
        }
        // The subscription ended or failed: a new socket subscribes again from the cursor.
        Some(kind @ ("error" | "complete")) => {
            let socket = TAB.with_borrow_mut(|live| {
                if kind == "error" {
                    live.refusals = live.refusals.saturating_add(1);
                }
                live.socket.clone()
            });
            if let Some(socket) = socket {
                let _ = socket.close();
            }
        }
        _ => {}
    }
}

/// The `subscribe` message of `operation` under `id`, going on after `cursor` (from now on
/// without one).
fn subscribe_message(id: &str, operation: &str, cursor: Option<&str>) -> String {
    // The register's subscription always names where it goes on (null: from now on).
    let variables = match (id, cursor) {
        (SUBSCRIPTION, cursor) => obj(vec![("after", cursor.map_or(Value::Null, Value::from))]),
        _ => obj(Vec::new()),
    };
    let payload = obj(vec![
        ("query", Value::from(LIVE)),
        ("operationName", Value::from(operation)),
        ("variables", variables),
    ]);
    let mut out = format!(r#"{{"id":"{id}","type":"subscribe","payload":"#);
    write_json(&payload, &mut out);
    out.push('}');
    out
}

fn on_closed(code: u16) {
    let again = TAB.with_borrow_mut(|live| {
        live.socket = None;
        live.acked = false;
        !FINAL_CLOSES.contains(&code) && (!live.listeners.is_empty() || live.unread.is_some())
    });
    if again && auth::state().get_untracked() == auth::SIGNED_IN {
        retry_later();
    }
}

fn retry_later() {
    let failures = TAB.with_borrow_mut(|live| {
        live.waiting = true;
        live.failures = live.failures.saturating_add(1);
        (live.failures - 1).max(live.refusals)
    });
    let callback = Closure::once_into_js(|| {
        TAB.with_borrow_mut(|live| live.waiting = false);
        connect();
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            backoff_millis(failures),
        );
    }
}

/// Whether `change` is news for a page that shows record `id` at `version` to the account
/// named `me`: a later version of it, or its deletion, made by someone else.
pub fn changed_by_other(change: &Value, id: &str, version: Option<i64>, me: &str) -> bool {
    let newer = change.flag("deleted")
        || change
            .int("version")
            .is_some_and(|v| version.is_none_or(|shown| v > shown));
    change.str("recordId") == id && newer && !by(change, me)
}

/// Whether `change` is to a record of one of `types`, made by someone other than `me`.
pub fn listed_change(change: &Value, types: &[&str], me: &str) -> bool {
    types.contains(&change.str("recordType")) && !by(change, me)
}

/// Whether the account named `me` made `change`.
fn by(change: &Value, me: &str) -> bool {
    change.opt("actor").is_some_and(|actor| actor == me)
}

/// The notice about `change`: who changed the record and when (local time).
pub fn changed_text(t: &Texts, change: &Value) -> String {
    let time = local_time(change.str("at"));
    match change.opt("actor") {
        Some(name) => fill(t.live_changed_by, &[("name", &name), ("time", &time)]),
        None => fill(t.live_changed, &[("time", &time)]),
    }
}

/// A moment from the API as the hours and minutes of this browser's time zone.
fn local_time(at: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(at));
    if date.get_time().is_nan() {
        return crate::format::date_time(at);
    }
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// A live region that says what `say` makes of a change to the signed-in account (nothing
/// when it answers `None`), with a button that calls `reload` and clears it.
fn notice(say: Saying, reload: Rc<dyn Fn()>) -> AnyView {
    let t = use_i18n().t();
    let region = el("div", "live-notice");
    set(&region, "role", "status");
    set(&region, "aria-live", "polite");
    let shown = region.clone();
    listen(Rc::new(move |change: &Value| {
        let me = auth::account().map(|(name, _)| name).unwrap_or_default();
        let Some(message) = say(change, &me) else {
            return;
        };
        shown.set_text_content(None);
        let callout = add(&shown, "div", "callout");
        text(&callout, "p", &message);
        let (region, reload) = (shown.clone(), reload.clone());
        button(
            &callout,
            t.live_reload,
            Box::new(move || {
                region.set_text_content(None);
                reload();
            }),
        );
    }));
    mount(region)
}

/// The notice of a record page showing record `id`, whose shown version `version()` answers.
pub fn record_notice(
    id: impl Fn() -> String + 'static,
    version: impl Fn() -> Option<i64> + 'static,
    reload: Rc<dyn Fn()>,
) -> AnyView {
    let t = use_i18n().t();
    notice(
        Box::new(move |change, me| {
            changed_by_other(change, &id(), version(), me).then(|| changed_text(t, change))
        }),
        reload,
    )
}

/// The hint of a list page of records of `types`.
pub fn list_notice(types: &'static [&'static str], reload: Rc<dyn Fn()>) -> AnyView {
    let t = use_i18n().t();
    notice(
        Box::new(move |change, me| {
            listed_change(change, types, me).then(|| t.live_list.to_owned())
        }),
        reload,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_later_version_by_someone_else_is_news() {
        let c = change(
            r#"{"recordId":"Q1","recordType":"Contract","version":4,"deleted":false,"actor":"Erika"}"#,
        );
        assert!(changed_by_other(&c, "Q1", Some(3), "Max"));
        assert!(
            !changed_by_other(&c, "Q1", Some(4), "Max"),
            "the version shown"
        );
        assert!(!changed_by_other(&c, "Q1", Some(5), "Max"), "an older one");
        assert!(
            !changed_by_other(&c, "Q2", Some(3), "Max"),
            "another record"
        );
        assert!(
            !changed_by_other(&c, "Q1", Some(3), "Erika"),
            "one's own change"
        );
        let deleted = change(r#"{"recordId":"Q1","version":null,"deleted":true,"actor":null}"#);
        assert!(changed_by_other(&deleted, "Q1", Some(3), "Max"));
        let parties = change(r#"{"recordId":"Q1","version":null,"deleted":false,"actor":"Erika"}"#);
        assert!(!changed_by_other(&parties, "Q1", Some(3), "Max"));
    }

    #[test]
    fn lists_hear_their_types_from_others() {
        let c = change(r#"{"recordType":"Contract","actor":"Erika"}"#);
        assert!(listed_change(&c, &["Contract"], "Max"));
        assert!(!listed_change(&c, &["Service"], "Max"));
        assert!(!listed_change(&c, &["Contract"], "Erika"));
        let partner = change(r#"{"recordType":"Contract","actor":null}"#);
        assert!(listed_change(&partner, &["Contract"], "Erika"));
    }

    #[test]
    fn the_pause_doubles_up_to_half_a_minute() {
        let pauses: Vec<i32> = (0..8).map(backoff_millis).collect();
        assert_eq!(
            pauses,
            [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]
        );
    }

    #[test]
    fn subscribing_goes_on_after_the_cursor() {
        let message: Value = serde_json::from_str(&subscribe_message(
            SUBSCRIPTION,
            "RegisterChanged",
            Some("c42"),
        ))
        .unwrap();
        assert_eq!(message["type"], "subscribe");
        assert_eq!(message["id"], SUBSCRIPTION);
        assert_eq!(message["payload"]["variables"]["after"], "c42");
        assert_eq!(message["payload"]["operationName"], "RegisterChanged");
        let fresh: Value =
            serde_json::from_str(&subscribe_message(SUBSCRIPTION, "RegisterChanged", None))
                .unwrap();
        assert!(fresh["payload"]["variables"]["after"].is_null());
    }
}
