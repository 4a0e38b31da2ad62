//! The Verbund web app for the provider's staff: a Leptos single-page app, rendered in the
//! browser, that asks the server's GraphQL API about members, contracts and services.
//!
//! - [`api`]: the typed operations and the one client function that sends them.
//! - [`i18n`]: every text the app shows, in German and English.
//! - [`components`]: the frame and the parts pages share; [`pages`]: one module per page.
//! - [`live`]: the tab's WebSocket, which tells pages when their records change.
//!
//! `cargo run -p xtask -- web` builds it into `frontend/dist/`.

mod api;
mod app;
mod auth;
mod components;
mod csv;
mod dom;
mod format;
mod i18n;
mod live;
mod order;
mod pages;
mod router;

use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the app when the browser has loaded the wasm.
#[wasm_bindgen(start)]
pub fn start() {
    // The page shows its notice until the server has said who is signed in
    // ([`auth::state`]); the frame is drawn meanwhile but kept out of sight.
    leptos::mount::mount_to_body(app::App);
}
