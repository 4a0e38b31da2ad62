//! `POST /import?name=FILE[&dryRun=true][&expect=FINGERPRINT][&lang=de|en]`: the import for
//! editors, one file (CSV or JSON as the exports write it) as the body. A dry run answers what
//! each row would do (each changed field by its key and, as `name`, by its column's header in
//! `lang`), its problems and the check's fingerprint; applying the file with `expect`
//! insists that its rows still find what that check found, so nothing changed in between
//! goes unseen (`409 CONFLICT` otherwise, nothing written).
//!
//! Only `text/csv` and `application/json` bodies are taken: a page elsewhere can make a
//! browser send neither with a staff member's cookie without asking this server first.

use std::collections::HashMap;
use std::time::Duration;

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use futures_util::StreamExt;
use serde_json::{Value, json};
use verbund_shared::Lang;
use verbund_shared::access::Role;
use verbund_shared::refusal::ErrorCode;

use super::AppState;
use super::export::{Asked, refused};
use super::refusal::Refusal;
use crate::register::audit::Actor;
use crate::register::import::{self, Action, File, Outcome, Run};
use verbund_shared::files::megabytes;
use verbund_shared::said::speaking;

/// Where the import is served: a route outside the request timeout, bounded by
/// [`IMPORT_TIMEOUT`] instead.
pub const PATH: &str = "/import";

/// The largest file the app may upload, as a body limit.
const IMPORT_MAX_BYTES: usize = verbund_shared::files::UPLOAD_MAX_BYTES as usize;

/// How much of a file over [`IMPORT_MAX_BYTES`] is read and dropped before the refusal is
/// answered: a client still sending its file gets the answer, not a connection closed under
/// it. A file announced as larger is refused at once.
const DRAIN_MAX_BYTES: usize = 8 * IMPORT_MAX_BYTES;

/// Why a request's file was not taken.
enum Unread {
    /// It is larger than [`IMPORT_MAX_BYTES`].
    TooLarge,
    /// The connection failed while it was sent.
    Broken,
}

/// The request's file, at most [`IMPORT_MAX_BYTES`] of it held; the rest of a larger one is
/// read and dropped (up to [`DRAIN_MAX_BYTES`]).
async fn read_file(body: Body, announced: Option<u64>) -> Result<Vec<u8>, Unread> {
    if announced.is_some_and(|bytes| bytes > DRAIN_MAX_BYTES as u64) {
        return Err(Unread::TooLarge);
    }
    let mut chunks = body.into_data_stream();
    let (mut file, mut read) = (Vec::new(), 0usize);
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|_| Unread::Broken)?;
        read += chunk.len();
        if read > DRAIN_MAX_BYTES {
            break;
        }
        if read <= IMPORT_MAX_BYTES {
            file.extend_from_slice(&chunk);
        }
    }
    if read > IMPORT_MAX_BYTES {
        return Err(Unread::TooLarge);
    }
    Ok(file)
}

/// The longest an import may take; its own bound instead of the request timeout (10,000
/// rows take up to about 30 s on a small machine).
pub const IMPORT_TIMEOUT: Duration = Duration::from_secs(300);

/// The import handler.
pub(super) async fn import(
    State(state): State<AppState>,
    headers: HeaderMap,
    asked: Asked,
    body: Body,
) -> Response {
    match run(&state, &headers, asked, body).await {
        Ok(answer) | Err(answer) => answer,
    }
}

async fn run(
    state: &AppState,
    headers: &HeaderMap,
    asked: Asked,
    body: Body,
) -> Result<Response, Response> {
    let caller = asked.caller(state).await?;
    let staff = caller.access.require(Role::Editor).map_err(refused)?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !(kind.starts_with("text/csv") || kind.starts_with("application/json")) {
        return Err(Refusal::new(
            ErrorCode::UnsupportedMediaType,
            "Send the file as `Content-Type: text/csv` or `application/json`.",
        )
        .into_response());
    }
    // The size as the request announced it, when it did (a streamed body does not).
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body = read_file(body, announced)
        .await
        .map_err(|unread| match unread {
            Unread::TooLarge => {
                let size = announced.map_or_else(
                    || "larger than".to_owned(),
                    |bytes| format!("{}, more than", megabytes(bytes)),
                );
                let limit = megabytes(verbund_shared::files::UPLOAD_MAX_BYTES);
                Refusal::new(
                    ErrorCode::PayloadTooLarge,
                    format!("The file is {size} the import's {limit}: import it in parts."),
                )
                .into_response()
            }
            Unread::Broken => bad_request("The file could not be read.", None),
        })?;
    let text =
        String::from_utf8(body).map_err(|_| bad_request("The file is not UTF-8 text.", None))?;
    let (mut name, mut dry_run, mut expect) = ("import".to_owned(), false, None);
    // Field names and problems in English unless asked otherwise: the API's language.
    let mut lang = Lang::En;
    for (key, value) in caller.pairs {
        match key.as_str() {
            "name" => name = value,
            "dryRun" => match value.as_str() {
                "true" => dry_run = true,
                "false" => dry_run = false,
                _ => return Err(bad_request("`dryRun` is true or false.", Some("dryRun"))),
            },
            "expect" => expect = Some(value),
            "lang" => {
                lang = value
                    .parse()
                    .map_err(|_| bad_request("`lang` is de or en.", Some("lang")))?;
            }
            _ => {
                return Err(bad_request(
                    "The import takes `name`, `dryRun`, `expect` and `lang`.",
                    Some(&key),
                ));
            }
        }
    }
    let run = Run {
        actor: Actor::staff(staff),
        name: format!("import {name}"),
        dry_run,
        timing: caller.access.timing.clone(),
        expect,
    };
    let files = [File { name, text }];
    // The problems, the checks' included, are written in the language asked for.
    let mut progress = |_, _| {};
    let importing = import::run(&state.db, &files, &run, &mut progress);
    let outcome = tokio::time::timeout(IMPORT_TIMEOUT, speaking(lang, importing))
        .await
        .map_err(|_| {
            Refusal::new(
                ErrorCode::Timeout,
                "The import took too long and was undone: import the file in parts.",
            )
            .into_response()
        })?
        .map_err(refused)?;
    if outcome.stale {
        let mut answer = Refusal::new(
            ErrorCode::Conflict,
            "Records the file names changed since it was checked: nothing was written. Check the file again.",
        )
        .into_response();
        *answer.status_mut() = StatusCode::CONFLICT;
        return Err(answer);
    }
    let labels = outcome.labels(&state.db).await.map_err(refused)?;
    let mut answer = axum::Json(answer(&outcome, &labels, dry_run, lang)).into_response();
    answer.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(answer)
}

fn bad_request(message: &str, field: Option<&str>) -> Response {
    let mut refusal = Refusal::new(ErrorCode::BadRequest, message);
    if let Some(field) = field {
        refusal = refusal.on_field(field.to_owned());
    }
    refusal.into_response()
}

/// The outcome as JSON: what each row did (or would do), the problems, the counts, and the
/// fingerprint to apply a dry run's result with; fields named by their German headers when
/// `lang` is German, and a reference's value by the name of the record it names (`labels`) as
/// `beforeName` and `afterName`.
fn answer(outcome: &Outcome, labels: &HashMap<String, String>, dry_run: bool, lang: Lang) -> Value {
    let name_of = |value: &Option<String>| value.as_ref().and_then(|id| labels.get(id));

    let (created, changed, unchanged) = outcome.counts();
    let rows: Vec<Value> = outcome
        .planned
        .iter()
        .filter(|row| row.action != Action::Same)
        .map(|row| {
            json!({
                "line": row.line,
                "type": row.kind.record_type().as_str(),
                "action": match row.action {
                    Action::Create => "CREATE",
                    Action::Change => "CHANGE",
                    Action::Same => "SAME",
                },
                "id": row.id,
                "label": row.label_named(labels),
                "changes": row.changes.iter().map(|change| json!({
                    "field": change.field,
                    "name": crate::sheet::header(&change.field, lang),
                    "before": change.before,
                    "after": change.after,
                    "beforeName": name_of(&change.before),
                    "afterName": name_of(&change.after),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let problems: Vec<Value> = outcome
        .problems
        .iter()
        .map(|problem| {
            json!({
                "line": problem.line,
                "column": problem.column,
                "message": problem.message,
            })
        })
        .collect();
    json!({
        "dryRun": dry_run,
        "written": outcome.written,
        "created": created,
        "changed": changed,
        "unchanged": unchanged,
        "fingerprint": outcome.fingerprint(),
        "rows": rows,
        "problems": problems,
    })
}
