//! The page for addresses the app does not know.

use leptos::prelude::*;

use crate::{components::title::set_title, i18n::use_i18n};

/// "Page not found", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(i18n.t().not_found_title);
    view! {
        <h1>{i18n.t().not_found_title}</h1>
        <p>{i18n.t().not_found_text}</p>
        <p><a href="/">{i18n.t().to_dashboard}</a></p>
    }
}
