//! Who is signed in. The app keeps one small state signal (asking, nobody, someone) and the
//! account's name and role beside it: the frame shows them, pages offer editing only to
//! editors, and any answer `UNAUTHENTICATED` turns the app back to the sign-in form (at the
//! same address, so the page asked for follows the sign-in).

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::access::Role;

use crate::{api::ops::AUTH, dom::send};

/// The app asks the server who is signed in.
pub const CHECKING: u32 = 0;
/// Nobody is signed in: the sign-in form is shown.
pub const SIGNED_OUT: u32 = 1;
/// A staff account is signed in; [`account`] says which.
pub const SIGNED_IN: u32 = 2;

thread_local! {
    // The app is single-threaded; the client reaches the state without a reactive owner.
    // A `u32` signal, a type the app has anyway, costs less wasm than a signal of its own.
    static STATE: Cell<Option<RwSignal<u32>>> = const { Cell::new(None) };
    static ACCOUNT: RefCell<Option<Account>> = const { RefCell::new(None) };
}

/// The signed-in staff account, as the server named it.
#[derive(Debug)]
struct Account {
    /// Its global ID (e.g. to make it a deadline's owner).
    id: String,
    name: String,
    role: Role,
    /// Whether the register holds sample data (the frame says so).
    samples: bool,
}

/// Creates the session state and asks the server who is signed in.
pub fn provide_session() -> RwSignal<u32> {
    let state = RwSignal::new(CHECKING);
    STATE.set(Some(state));
    send(
        AUTH,
        "Me",
        Value::Null,
        Box::new(|me| signed_in(&me.unwrap_or_default()["me"])),
    );
    state
}

/// The session state (reactive when read with `get`).
pub fn state() -> RwSignal<u32> {
    STATE.get().unwrap_or_else(|| RwSignal::new(SIGNED_OUT))
}

/// Takes a `Viewer` object (or null) as the signed-in account.
pub fn signed_in(viewer: &Value) {
    let account = viewer["name"]
        .as_str()
        .zip(viewer["role"].as_str().and_then(|r| r.parse::<Role>().ok()))
        .map(|(name, role)| Account {
            id: viewer["id"].as_str().unwrap_or_default().to_owned(),
            name: name.to_owned(),
            role,
            samples: viewer["sampleData"].as_bool().unwrap_or_default(),
        });
    let next = if account.is_some() {
        SIGNED_IN
    } else {
        SIGNED_OUT
    };
    ACCOUNT.set(account);
    state().try_set(next);
    shown();
}

/// Shows the frame the page kept out of sight while it asked who is signed in: drawn at
/// once with the account bar and any banner, nothing moves when the answer arrives.
fn shown() {
    let document = document();
    if let Some(notice) = document.get_element_by_id("boot") {
        notice.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.remove_attribute("class");
    }
}

/// The server said nobody is signed in (the session ended or expired).
pub fn signed_out() {
    ACCOUNT.set(None);
    shown();
    // Only a change: the sign-in form keeps its message when a sign-in fails.
    if state().try_get_untracked() != Some(SIGNED_OUT) {
        state().try_set(SIGNED_OUT);
    }
}

/// The signed-in account's name and role.
pub fn account() -> Option<(String, Role)> {
    ACCOUNT.with_borrow(|a| a.as_ref().map(|a| (a.name.clone(), a.role)))
}

/// Whether the register held sample data when the account signed in.
pub fn sample_data() -> bool {
    ACCOUNT.with_borrow(|a| a.as_ref().is_some_and(|a| a.samples))
}

/// The signed-in account's global ID ("" when nobody is signed in).
pub fn account_id() -> String {
    ACCOUNT.with_borrow(|a| a.as_ref().map(|a| a.id.clone()).unwrap_or_default())
}

/// Whether the signed-in account has at least `role`.
pub fn allowed(role: Role) -> bool {
    account().is_some_and(|(_, mine)| mine.includes(role))
}
