//! The states of a page that loads data: loading, failed (with a way to try again), empty,
//! and a record that does not exist. Loading and errors are announced to screen readers.

use leptos::prelude::*;

use crate::{
    api::{ApiError, Loaded, NodeOf, Read, load::Load},
    components::title::page_title,
    i18n::use_i18n,
};

/// Renders `load`: its data through `ready`, or the loading or error state.
pub fn render<T, V>(load: Load<T>, ready: impl Fn(&T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        load.with(|state| match state {
            Loaded::Loading => loading().into_any(),
            Loaded::Failed(ApiError::NotFound) => record_not_found(),
            Loaded::Failed(error) => failed(&error, move || load.retry()),
            Loaded::Ready(data) => ready(data).into_any(),
        })
    }
}

/// Data is on its way.
pub fn loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="state state-loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {i18n.t().loading}
        </p>
    }
}

/// The request failed: what happened, in plain words, and a button to try again.
fn failed(error: &ApiError, retry: impl Fn() + 'static) -> AnyView {
    let i18n = use_i18n();
    let t = i18n.t();
    // The server's own words are English: the German app says what it can in German.
    let detail = match error {
        ApiError::Fields(errors) => errors
            .first()
            .map(|e| t.refusal("", &e.field).unwrap_or_else(|| e.message.clone())),
        ApiError::BadInput(message) | ApiError::Other(message) if t.refusals.other.is_none() => {
            Some(message.clone())
        }
        _ => None,
    };
    view! {
        <div class="state state-error" role="alert">
            <p class="state-title">{t.error_title}</p>
            <p>{t.error(error)}</p>
            {detail.map(|message| view! { <p class="state-detail">{t.err_detail} ": " {message}</p> })}
            <button type="button" class="button" on:click=move |_| retry()>{t.retry}</button>
        </div>
    }
    .into_any()
}

/// Nothing to show: `text` says why.
pub fn empty(text: &'static str) -> impl IntoView + use<> {
    view! { <p class="state state-empty">{text}</p> }
}

/// The record of a detail page does not exist.
pub fn record_not_found() -> AnyView {
    let t = use_i18n().t();
    view! {
        <div class="state state-error" role="alert">
            <p class="state-title">{t.err_not_found}</p>
            <p>{t.record_not_found}</p>
            <p><a href="/">{t.to_dashboard}</a></p>
        </div>
    }
    .into_any()
}

/// The `<h1>` and document title of a detail page: the record's field `name` once it is loaded,
/// `fallback` (what kind of record it is) while loading and when there is none.
pub fn detail_heading(data: Load<NodeOf>, name: &'static str, fallback: &'static str) -> AnyView {
    let heading = move || {
        data.with(|state| match state {
            Loaded::Ready(NodeOf(Some(record))) => record.text(name),
            _ => fallback.to_owned(),
        })
    };
    page_title(heading);
    view! { <h1>{heading}</h1> }.into_any()
}
