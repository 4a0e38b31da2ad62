//! The document title, so that tabs, history and screen readers name the page.

use leptos::prelude::*;

/// Sets `document.title` to `title – Verbund`. Pages are mounted anew when the language
/// changes, so a title that depends on nothing else needs no effect.
pub fn set_title(title: &str) {
    document().set_title(&format!("{title} – Verbund"));
}

/// Keeps `document.title` at `title() – Verbund`.
pub fn page_title(title: impl Fn() -> String + 'static) {
    Effect::new(move || {
        document().set_title(&format!("{} – Verbund", title()));
    });
}
