//! The chosen language: kept in `localStorage`, set as `<html lang>`, shared with every
//! component through the context.

use leptos::prelude::*;
use verbund_shared::Lang;

use super::{Texts, texts};

const STORAGE_KEY: &str = "verbund.lang";

/// The chosen language, shared by every component through the context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The language now. Pages read it once: the app builds them anew when it changes.
    pub fn lang(self) -> Lang {
        self.lang.get_untracked()
    }

    /// The texts of the language now (see [`I18n::lang`]).
    pub fn t(self) -> &'static Texts {
        texts(self.lang())
    }

    /// The language, read so that the reactive closure reading it runs again when it
    /// changes: for the frame around the pages, which stays.
    pub fn lang_tracked(self) -> Lang {
        self.lang.get()
    }

    /// The texts of the language, read as [`I18n::lang_tracked`] reads it.
    pub fn t_tracked(self) -> &'static Texts {
        texts(self.lang_tracked())
    }

    /// Switches the language, of the texts and of the domain's check messages.
    pub fn set(self, lang: Lang) {
        verbund_shared::said::speak(lang);
        self.lang.set(lang);
    }
}

/// Starts with the language kept from the last visit (German when there is none), keeps
/// `<html lang>` and the stored choice in step with it, and shares it with every component.
pub fn provide_i18n() -> I18n {
    let stored = storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| code.parse().ok())
        .unwrap_or_default();
    // The domain's checks run in the browser too: their messages follow the language.
    verbund_shared::said::speak(stored);
    let i18n = I18n {
        lang: RwSignal::new(stored),
    };
    Effect::new(move || {
        let lang = i18n.lang_tracked();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.as_str());
        }
        if let Some(storage) = storage() {
            // A full or forbidden storage only costs the choice on the next visit.
            let _ = storage.set_item(STORAGE_KEY, lang.as_str());
        }
    });
    provide_context(i18n);
    i18n
}

/// The language of the app; only inside [`provide_i18n`]'s tree.
pub fn use_i18n() -> I18n {
    use_context().unwrap_or(I18n {
        lang: RwSignal::new(Lang::De),
    })
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
