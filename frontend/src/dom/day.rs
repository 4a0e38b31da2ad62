//! The app's own date field: a text input that shows and takes days as the language writes
//! them (`31.12.2024` in German, `2024-12-31` in English, whatever the browser's locale), with
//! a button beside it that opens the browser's calendar to pick a day. The calendar's input is
//! out of sight and out of the tab order: the text input is the field, and typing a day is
//! as good as picking one.

use verbund_shared::Lang;
use wasm_bindgen::JsValue;
use web_sys::{Element, Event};

use super::{add, el, invoke, on, prop, set};
use crate::{format, i18n::Texts};

/// A date field for the day `value` (ISO, or as typed): the wrapper to place
/// and the text input to label, read and watch. A `change` event on the input says that a
/// day was typed or picked.
pub fn day_field(t: &'static Texts, lang: Lang, value: &str) -> (Element, Element) {
    let wrap = el("span", "day-field");
    let input = add(&wrap, "input", "");
    set(&input, "type", "text");
    set(&input, "inputmode", "numeric");
    set(&input, "autocomplete", "off");
    set(&input, "placeholder", t.day_placeholder);
    set(&input, "value", &shown(lang, value));
    let pick = add(&wrap, "button", "day-pick");
    set(&pick, "type", "button");
    // Its icon is drawn by the stylesheet (`.day-pick::before`): an emoji needs a font that
    // not every machine has.
    set(&pick, "aria-label", t.day_calendar);
    let native = add(&wrap, "input", "day-native");
    set(&native, "type", "date");
    set(&native, "tabindex", "-1");
    set(&native, "aria-hidden", "true");
    {
        let (input, native) = (input.clone(), native.clone());
        on(
            &pick,
            "click",
            Box::new(move |_| {
                let day = typed_day(&input).map(format::iso).unwrap_or_default();
                let _ = js_sys::Reflect::set(&native, &"value".into(), &day.into());
                invoke(&native, "showPicker", &[]);
            }),
        );
    }
    {
        let (input, source) = (input.clone(), native.clone());
        on(
            &native,
            "change",
            Box::new(move |_| {
                let picked = prop(&source, "value").as_string().unwrap_or_default();
                let Some(day) = format::parse_iso(&picked) else {
                    return;
                };
                let _ = js_sys::Reflect::set(
                    &input,
                    &"value".into(),
                    &JsValue::from(format::typed(lang, day)),
                );
                if let Ok(event) = Event::new("change") {
                    let _ = input.dispatch_event(&event);
                }
                super::focus(&input);
            }),
        );
    }
    (wrap, input)
}

/// The day a date field's input holds, if it holds one.
pub fn typed_day(input: &Element) -> Option<chrono::NaiveDate> {
    prop(input, "value")
        .as_string()
        .and_then(|text| format::parse_typed(&text))
}

/// `value` (ISO) as the field shows it; anything else as it is.
fn shown(lang: Lang, value: &str) -> String {
    format::parse_iso(value).map_or_else(|| value.to_owned(), |day| format::typed(lang, day))
}

/// What a date field holds, as the API takes it: the ISO day when it holds one, else the text
/// as typed (which the form's checks refuse).
pub fn as_sent(text: String) -> String {
    format::parse_typed(&text).map_or(text, format::iso)
}
