//! `/import` (editors): a file in the format the exports write, checked by the server first —
//! what each row would create or change, every problem with its line and column — and written
//! only when the editor confirms what the check showed. The confirmation sends the check's
//! fingerprint: when a record the file names changed in between, the server writes nothing
//! and the page asks to check again.

use std::{cell::RefCell, rc::Rc, time::Duration};

use leptos::{prelude::*, task::spawn_local_scoped};
use serde_json::Value;
use verbund_shared::{
    Lang,
    access::Role,
    files::{UPLOAD_MAX_BYTES, megabytes},
};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::{
    api::{ApiError, Read, answer, heard, post, read::parse},
    auth::allowed,
    components::{title::set_title, url_query::with_query},
    dom::{add, button, cell, el, focus, mount, on, prop, say, set, status_element, table, text},
    format,
    i18n::{Texts, fill, use_i18n},
};

/// The server bounds an import to five minutes; the app waits a little longer.
const WAIT: Duration = Duration::from_secs(330);

/// A file read in the browser, sent to be checked and then applied.
struct Upload {
    name: String,
    content_type: &'static str,
    text: String,
}

/// The file last read, shared by the check and the button that applies it.
type Held = Rc<RefCell<Option<Rc<Upload>>>>;

/// The import page (`/import`).
pub fn import_page() -> AnyView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let it = t.import;
    set_title(it.title);
    let page = el("div", "");
    text(&page, "h1", it.title);
    if !allowed(Role::Editor) {
        text(&page, "p", it.editors_only).set_class_name("callout");
        return mount(page);
    }
    text(&page, "p", it.intro).set_class_name("lead");
    status_element(&page);
    let form = add(&page, "form", "form import-form");
    set(&form, "novalidate", "");
    let field = add(&form, "div", "field");
    set(&text(&field, "label", it.file), "for", "import-file");
    let input = add(&field, "input", "");
    for (name, value) in [
        ("type", "file"),
        ("id", "import-file"),
        ("name", "file"),
        ("accept", ".csv,.json,text/csv,application/json"),
        ("aria-describedby", "import-file-hint"),
    ] {
        set(&input, name, value);
    }
    set(&text(&field, "p", it.file_hint), "id", "import-file-hint");
    let submit = text(&form, "button", it.check);
    set(&submit, "type", "submit");
    submit.set_class_name("button");
    let result = add(&page, "div", "import-result");
    let upload: Held = Rc::new(RefCell::new(None));
    on(
        &form,
        "submit",
        Box::new(move |event| {
            event.prevent_default();
            result.set_text_content(None);
            let Some(file) = chosen(&input) else {
                say(t, it.no_file, "field-error", None);
                focus(&input);
                return;
            };
            // A file's size in bytes is a whole number well within what a float holds exactly.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let size = prop(&file, "size").as_f64().unwrap_or_default().max(0.0) as u64;
            if size > UPLOAD_MAX_BYTES {
                let message = fill(
                    it.too_large,
                    &[
                        ("size", &megabytes(size)),
                        ("limit", &megabytes(UPLOAD_MAX_BYTES)),
                    ],
                );
                say(t, &message, "field-error", None);
                return;
            }
            let (result, upload) = (result.clone(), upload.clone());
            say(t, it.checking, "callout", None);
            spawn_local_scoped(async move {
                let Some(read) = read_file(&file).await else {
                    say(t, it.unreadable, "field-error", None);
                    return;
                };
                *upload.borrow_mut() = Some(Rc::new(read));
                check(t, lang, result, upload).await;
            });
        }),
    );
    mount(page)
}

/// The file chosen in `input`, if any.
fn chosen(input: &Element) -> Option<wasm_bindgen::JsValue> {
    let files = prop(input, "files");
    let file = js_sys::Reflect::get(&files, &0.into()).ok()?;
    (!file.is_undefined() && !file.is_null()).then_some(file)
}

/// Reads the text of `file`, and the type to send it as (by its name's ending).
async fn read_file(file: &wasm_bindgen::JsValue) -> Option<Upload> {
    let name = prop(file, "name").as_string().unwrap_or_default();
    let promise = crate::dom::invoke(file, "text", &[]);
    let promise: js_sys::Promise = wasm_bindgen::JsCast::dyn_into(promise).ok()?;
    let text = JsFuture::from(promise).await.ok()?.as_string()?;
    let content_type = if name.to_ascii_lowercase().ends_with(".json") {
        "application/json"
    } else {
        "text/csv"
    };
    Some(Upload {
        name,
        content_type,
        text,
    })
}

/// Sends the file for the import, as a check (`expect` none) or applying what a check found.
async fn send(lang: Lang, upload: &Upload, expect: Option<&str>) -> Result<Value, ApiError> {
    let mut pairs = vec![
        ("name".to_owned(), upload.name.clone()),
        ("lang".to_owned(), lang.as_str().to_owned()),
    ];
    match expect {
        Some(fingerprint) => pairs.push(("expect".to_owned(), fingerprint.to_owned())),
        None => pairs.push(("dryRun".to_owned(), "true".to_owned())),
    }
    let url = with_query("/import", &pairs);
    let (status, body) = post(&url, upload.content_type, &upload.text, WAIT).await?;
    if status == 200 {
        return parse(&body).ok_or(ApiError::InvalidResponse);
    }
    heard(Err(answer(status, &body)
        .err()
        .unwrap_or(ApiError::InvalidResponse)))
}

/// Checks the file held in `upload` and shows in `result` what the import would do.
async fn check(t: &'static Texts, lang: Lang, result: Element, upload: Held) {
    let Some(file) = upload.borrow().clone() else {
        return;
    };
    match send(lang, &file, None).await {
        Ok(outcome) => show(t, lang, &result, &outcome, upload),
        Err(error) => say(t, refusal(t, &error), "field-error", None),
    }
}

/// What the page says about a refusal of the server.
fn refusal<'a>(t: &'a Texts, error: &'a ApiError) -> &'a str {
    match error {
        ApiError::BadInput(message) => message,
        error => t.error(error),
    }
}

/// How many rows of an import's answer did `key` (`created`, `changed`, `unchanged`).
fn count(outcome: &Value, key: &str) -> u64 {
    outcome.get(key).and_then(Value::as_u64).unwrap_or_default()
}

/// `template` with the answer's counts as `{new}`, `{changed}` and `{same}`.
fn counted(template: &str, outcome: &Value) -> String {
    let [new, changed, same] =
        ["created", "changed", "unchanged"].map(|key| count(outcome, key).to_string());
    fill(
        template,
        &[("new", &new), ("changed", &changed), ("same", &same)],
    )
}

/// Shows in `result` what a check found, with the button that applies it.
fn show(t: &'static Texts, lang: Lang, result: &Element, outcome: &Value, upload: Held) {
    let it = t.import;
    result.set_text_content(None);
    let (new, changed) = (count(outcome, "created"), count(outcome, "changed"));
    let problems = outcome.list("problems");
    let summary = counted(it.found, outcome);
    if !problems.is_empty() {
        say(t, it.problems_none_written, "field-error", None);
        let rows = problems
            .iter()
            .map(|p| {
                let line = p.get("line").and_then(Value::as_u64);
                vec![
                    cell(&line.map(|n| n.to_string()).unwrap_or_default()),
                    cell(p.str("column")),
                    cell(p.str("message")),
                ]
            })
            .collect();
        text(result, "h2", it.problems);
        let _ = result.append_child(&table(it.problems, &[it.line, it.column, it.problem], rows));
        return;
    }
    say(t, &summary, "callout", None);
    if new + changed == 0 {
        text(result, "p", it.nothing_to_do);
        return;
    }
    text(result, "h2", it.rows);
    let _ = result.append_child(&rows(t, lang, outcome));
    let fingerprint = outcome.text("fingerprint");
    let actions = add(result, "p", "");
    let place = result.clone();
    let apply = Rc::new(RefCell::new(None::<Element>));
    let pressed = apply.clone();
    let made = button(
        &actions,
        it.apply,
        Box::new(move || {
            // Sent once: a second press would find the records the first one made.
            if let Some(button) = pressed.borrow().as_ref() {
                set(button, "disabled", "");
            }
            let Some(file) = upload.borrow().clone() else {
                return;
            };
            let (place, upload, fingerprint) = (place.clone(), upload.clone(), fingerprint.clone());
            say(t, it.applying, "callout", None);
            spawn_local_scoped(async move {
                let answer = send(lang, &file, Some(&fingerprint)).await;
                applied(t, lang, &place, answer, upload);
            });
        }),
    );
    made.set_class_name("button");
    *apply.borrow_mut() = Some(made);
}

/// Says what applying the file did: written, or refused because a record changed meanwhile
/// (with a button that checks the file again).
fn applied(
    t: &'static Texts,
    lang: Lang,
    result: &Element,
    answer: Result<Value, ApiError>,
    upload: Held,
) {
    let it = t.import;
    match answer {
        Ok(outcome) if outcome.get("written") == Some(&Value::Bool(true)) => {
            let message = counted(it.written, &outcome);
            result.set_text_content(None);
            say(t, &message, "callout success", None);
        }
        // A check's answer: the file has problems now that it had not before.
        Ok(outcome) => show(t, lang, result, &outcome, upload),
        Err(ApiError::Conflict(_)) => {
            result.set_text_content(None);
            say(t, it.stale, "field-error", None);
            let place = result.clone();
            let again = button(
                &add(result, "p", ""),
                it.check_again,
                Box::new(move || {
                    let (place, upload) = (place.clone(), upload.clone());
                    say(t, it.checking, "callout", None);
                    spawn_local_scoped(check(t, lang, place, upload));
                }),
            );
            again.set_class_name("button");
            focus(&again);
        }
        Err(error) => say(t, refusal(t, &error), "field-error", None),
    }
}

/// The table of what each row would do: its line, the record's type and label, new or
/// changed, and each field with its value before and after.
fn rows(t: &'static Texts, lang: Lang, outcome: &Value) -> Element {
    let it = t.import;
    // A value as the page shows values: a referenced record by its name, a day, a yes or no
    // and an amount of euros in the page's language.
    let value = |change: &Value, side: &str| {
        if let Some(name) = change.get(format!("{side}Name")).and_then(Value::as_str) {
            return name.to_owned();
        }
        let text = change.get(side).and_then(Value::as_str).unwrap_or("–");
        match (text, format::parse_iso(text)) {
            (_, Some(day)) => format::date(lang, day),
            ("true", _) => it.yes.to_owned(),
            ("false", _) => it.no.to_owned(),
            (text, _) if change.str("field") == "capitalShare" => format::euros(lang, text),
            (text, _) => text.to_owned(),
        }
    };
    let rows = outcome
        .list("rows")
        .iter()
        .map(|row| {
            let kind = row.str("type");
            let kind = kind
                .parse::<verbund_shared::record::RecordType>()
                .map_or(kind, |kind| kind.label(lang));
            let action = if row.str("action") == "CREATE" {
                it.create
            } else {
                it.change
            };
            let changes = cell("");
            let list = add(&changes, "ul", "import-changes");
            for change in row.list("changes") {
                let line = add(&list, "li", "");
                text(&line, "span", &format!("{}: ", change.str("name")));
                if row.str("action") != "CREATE" {
                    text(&line, "del", &value(change, "before"));
                    let _ = line.append_with_str_1(" → ");
                }
                text(&line, "ins", &value(change, "after"));
            }
            let line = row.get("line").and_then(Value::as_u64).unwrap_or_default();
            vec![
                cell(&line.to_string()),
                cell(kind),
                cell(action),
                cell(row.str("label")),
                changes,
            ]
        })
        .collect();
    table(
        it.rows,
        &[it.line, it.record_type, it.action, it.record, it.changes],
        rows,
    )
}
