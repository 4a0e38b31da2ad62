//! Every text the app shows, in German (the default) and English. The words are data:
//! `frontend/texts/*.toml`, one file per part of the app (`app.toml` the frame, lists and forms;
//! `desk.toml` the deadline desk; …), each text with its German and English side by side. The
//! build script makes them into one table type, [`Texts`], with a field per text and a field
//! per part, and one value per language ([`DE`], [`EN`]), so the app reads a text as a field and
//! a text missing or misspelt in one language fails the build. The labels of domain enums
//! (organisation kinds, contract kinds and statuses, service categories) come from
//! `verbund_shared`; this module adds what only the app says.
//!
//! The chosen language ([`context`]) is kept in `localStorage` and set as `<html lang>`; what
//! the app says about the API's codes (errors, roles, figures) is in [`codes`].

mod codes;
mod context;

use verbund_shared::Lang;

pub use context::{provide_i18n, use_i18n};

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The table of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// Fills the `{name}` placeholders of `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests;
