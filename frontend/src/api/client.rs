//! The one function that talks to the server: [`call`] sends a GraphQL operation to
//! `/graphql` and answers its `data` as JSON or an [`ApiError`] (see [`super::answer`] for
//! what each answer means).

use std::{cell::Cell, rc::Rc, time::Duration};

use leptos::{prelude::on_cleanup, reactive::send_wrapper_ext::SendOption};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

use serde_json::Value;

use super::answer::{ApiError, answer};

/// Same origin: the server that delivered the app answers the API.
const ENDPOINT: &str = "/graphql";

/// How long staff wait before the app gives up and says so. The server's own limits are
/// shorter; this one catches a network that swallows the request.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Sends `operation` of `document` (one of the app's `.graphql` files, checked against the
/// schema by this crate's tests, see [`super::ops`]) with `variables`, and answers the `data`
/// as JSON. Every request of the app goes through it: one copy of the code serves them all.
///
/// The request is aborted when the reactive owner that made it is cleaned up — the page
/// that asked was left, or it asks again with other variables — when this future is
/// dropped, and after [`TIMEOUT`].
pub async fn call(
    document: &'static str,
    operation: &'static str,
    variables: Value,
) -> Result<Value, ApiError> {
    let mut body = String::from("{\"query\":");
    write_json(&Value::from(document), &mut body);
    body.push_str(",\"operationName\":");
    write_json(&Value::from(operation), &mut body);
    body.push_str(",\"variables\":");
    write_json(&variables, &mut body);
    body.push('}');
    exchange(&body).await
}

/// Writes `value` as JSON text. serde_json's own writer would bring float formatting into
/// the wasm; the app sends no fractions (decimals travel as text), so integers suffice.
pub fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push_str(&i.to_string()),
            None => out.push_str("null"),
        },
        Value::String(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(&Value::from(key.as_str()), out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
    }
}

/// Sends one request body and answers the response's `data`, with the aborts described at
/// [`call`]. When the server says nobody is signed in, the app is told so.
async fn exchange(body: &str) -> Result<Value, ApiError> {
    heard(
        match post(ENDPOINT, "application/json", body, TIMEOUT).await {
            Ok((status, text)) => answer(status, &text),
            Err(error) => Err(error),
        },
    )
}

/// `answer`, after telling the app when it says nobody is signed in (any more).
pub fn heard(answer: Result<Value, ApiError>) -> Result<Value, ApiError> {
    if answer == Err(ApiError::SignedOut) {
        crate::auth::signed_out();
    }
    answer
}

/// POSTs `body` as `content_type` to `url` and answers the HTTP status and the response
/// text, or why there is none: aborted as [`call`] describes, after `timeout` at the latest.
pub async fn post(
    url: &str,
    content_type: &str,
    body: &str,
    timeout: Duration,
) -> Result<(u16, String), ApiError> {
    let controller = AbortController::new().map_err(|_| ApiError::Network)?;
    // Cleanups must be `Send`; the app is single-threaded, so the wrapper never moves it.
    let on_unmount = SendOption::new_local(Some(controller.clone()));
    on_cleanup(move || {
        if let Some(controller) = on_unmount.take() {
            controller.abort();
        }
    });
    let _abort_when_dropped = AbortOnDrop(controller.clone());
    let timer = Timer::start(&controller, timeout);

    let outcome = send(&controller, url, content_type, body).await;
    let timed_out = timer.as_ref().is_some_and(Timer::fired);
    drop(timer);

    outcome.map_err(|()| {
        if timed_out {
            ApiError::Timeout
        } else if controller.signal().aborted() {
            ApiError::Aborted
        } else {
            ApiError::Network
        }
    })
}

/// POSTs `body` and answers the HTTP status and the response text.
async fn send(
    controller: &AbortController,
    url: &str,
    content_type: &str,
    body: &str,
) -> Result<(u16, String), ()> {
    let headers = Headers::new().map_err(drop)?;
    headers.set("Content-Type", content_type).map_err(drop)?;
    headers.set("Accept", "application/json").map_err(drop)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    init.set_signal(Some(&controller.signal()));

    let window = web_sys::window().ok_or(())?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(drop)?
        .dyn_into()
        .map_err(drop)?;
    let text = JsFuture::from(response.text().map_err(drop)?)
        .await
        .map_err(drop)?
        .as_string()
        .ok_or(())?;
    Ok((response.status(), text))
}

/// Aborts the request when the future that owns it is dropped.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Aborts a request after a while; cleared when dropped.
struct Timer {
    handle: i32,
    fired: Rc<Cell<bool>>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(controller: &AbortController, after: Duration) -> Option<Self> {
        let fired = Rc::new(Cell::new(false));
        let callback = {
            let fired = Rc::clone(&fired);
            let controller = controller.clone();
            Closure::<dyn FnMut()>::new(move || {
                fired.set(true);
                controller.abort();
            })
        };
        let millis = i32::try_from(after.as_millis()).unwrap_or(i32::MAX);
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                millis,
            )
            .ok()?;
        Some(Self {
            handle,
            fired,
            _callback: callback,
        })
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_is_what_serde_json_reads_back() {
        let value = serde_json::json!({
            "a": "quote \" backslash \\ line\nend \u{1}",
            "n": -42,
            "list": [true, false, null, {}],
        });
        let mut text = String::new();
        write_json(&value, &mut text);
        assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(value));
    }
}
