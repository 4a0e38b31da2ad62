//! The filter fields above lists. Each one reads and writes one parameter of the URL query,
//! so that a reload keeps what was chosen; each has a visible label.

use std::time::Duration;

use leptos::prelude::*;
use verbund_shared::Lang;

use crate::{
    components::url_query::{use_set_query, use_url_query},
    dom::{day_field, mount, on, prop, set, typed_day},
    format,
    i18n::{Texts, use_i18n},
};

/// How long typing pauses before the list follows the search text.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// A search box for the URL parameter `key`.
pub fn search_field(id: &'static str, key: &'static str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let query = use_url_query();
    let set = use_set_query();
    // Only the first value comes from the URL: later, the URL follows the box, and writing
    // it back while someone types would move the cursor.
    let initial = untrack(move || query.get(key).unwrap_or_default());
    let mut on_input = debounce(TYPING_PAUSE, move |value: String| {
        set(key, Some(value.trim().to_owned()));
    });
    view! {
        <div class="field field-search">
            <label for=id>{i18n.t().search}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                prop:value=initial
                on:input=move |ev| on_input(event_target_value(&ev))
            />
        </div>
    }
}

/// A choice of one value (or all) for the URL parameter `key`.
pub fn select_field(
    id: &'static str,
    key: &'static str,
    label: fn(&'static Texts) -> &'static str,
    options: fn(Lang) -> Vec<(&'static str, &'static str)>,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let query = use_url_query();
    let set = use_set_query();
    let current = move || query.get(key).unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{label(i18n.t())}</label>
            <select id=id on:change=move |ev| set(key, Some(event_target_value(&ev)))>
                <option value="" prop:selected=move || current().is_empty()>
                    {i18n.t().all}
                </option>
                {options(i18n.lang())
                        .into_iter()
                        .map(|(code, text)| {
                            view! {
                                <option value=code prop:selected=move || current() == code>
                                    {text}
                                </option>
                            }
                        })
                        .map(IntoAny::into_any).collect_view()}
            </select>
        </div>
    }
}

/// The "as of" date for the URL parameter `asOf`; empty means today. The field follows the
/// URL (a reset, Back), and the URL the field once a whole day is typed or picked.
pub fn as_of_field(id: &'static str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let query = use_url_query();
    let set_query = use_set_query();
    let (day, input) = day_field(t, lang, &format::iso(untrack(|| query.as_of())));
    let hint_id = format!("{id}-hint");
    set(&input, "id", id);
    set(&input, "aria-describedby", &hint_id);
    {
        let field = input.clone();
        on(
            &input,
            "change",
            Box::new(move |_| {
                let text = prop(&field, "value").as_string().unwrap_or_default();
                // Half-typed days are not sent; an empty field means today.
                if text.trim().is_empty() {
                    set_query("asOf", None);
                } else if let Some(day) = format::parse_typed(&text) {
                    set_query("asOf", Some(format::iso(day)));
                }
            }),
        );
    }
    Effect::new(move || {
        let as_of = query.as_of();
        if typed_day(&input) != Some(as_of) {
            let _ =
                js_sys::Reflect::set(&input, &"value".into(), &format::typed(lang, as_of).into());
        }
    });
    view! {
        <div class="field">
            <label for=id>{t.as_of}</label>
            {mount(day)}
            <span class="field-hint" id=hint_id>{t.as_of_hint}</span>
        </div>
    }
}
