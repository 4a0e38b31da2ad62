//! `GET /report/member/{id}.html`, `GET /report/deadlines.html` and `GET /report/coverage.html`:
//! the printable reports (see `crate::report`) as HTML pages with a print stylesheet. They are
//! reached as the exports are (`export`): the same caller (a partner token, or the session
//! cookie from the server's own pages), the register's rules for what it may read, and the
//! caller's hourly budget, charged what the report's rows would cost read as pages before
//! the page is answered.

use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::Response,
};

use super::AppState;
use super::export::params::Params;
use super::export::{Asked, Caller, bad_request, charge, file_answer, not_found, refused};
use crate::error::ApiError;
use crate::graphql::ids::{self, NodeType};
use crate::report::{self, Meta, Which};

/// What each row of a report is charged as: a row of this many fields.
const COLUMNS: usize = 8;

/// The report handler: `path` is what follows `/report/`.
pub(super) async fn report(
    State(state): State<AppState>,
    Path(path): Path<String>,
    asked: Asked,
) -> Response {
    let Some(report) = Report::named(&path) else {
        return not_found(
            "No such report: the reports are member/{id}.html, deadlines.html and coverage.html.",
        );
    };
    match run(&state, report, asked).await {
        Ok(answer) | Err(answer) => answer,
    }
}

/// The report a path names.
enum Report {
    /// The member's global ID.
    Member(String),
    Deadlines,
    Coverage,
}

impl Report {
    /// The report `path` names, if any.
    fn named(path: &str) -> Option<Self> {
        match path {
            "deadlines.html" => Some(Self::Deadlines),
            "coverage.html" => Some(Self::Coverage),
            _ => {
                let id = path.strip_prefix("member/")?.strip_suffix(".html")?;
                (!id.contains('/')).then(|| Self::Member(id.to_owned()))
            }
        }
    }

    /// What the report is called in messages, and the query parameters it takes.
    fn parameters(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            Self::Member(_) => ("The member report", &["asOf"]),
            Self::Deadlines => ("The deadline report", &["from", "to"]),
            Self::Coverage => ("The coverage report", &["asOf"]),
        }
    }
}

async fn run(state: &AppState, report: Report, asked: Asked) -> Result<Response, Response> {
    let Caller {
        access,
        address,
        pairs,
    } = asked.caller(state).await?;
    let (what, taken) = report.parameters();
    let params = Params::taking(what, taken, pairs).map_err(bad_request)?;
    let lang = params.lang().map_err(bad_request)?;
    let today = access.timing.clock.today();
    let which = which(&report, &params, today).map_err(bad_request)?;
    let meta = Meta::of(lang, &access);
    let built = match report::build(&state.db, &access, which, &meta).await {
        Ok(built) => built,
        Err(ApiError::NotFound { message }) => return Err(not_found(&message)),
        Err(err) => return Err(refused(err)),
    };
    let budget = charge(
        state,
        &access,
        address.as_deref(),
        "report",
        built.rows as u64,
        COLUMNS,
    )
    .await?;
    let policy = built.html.policy();
    let mut answer = file_answer(
        built.html.text,
        "text/html; charset=utf-8",
        &format!("inline; filename=\"{}.html\"", which.file_name()),
        budget.as_ref(),
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        answer
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(answer)
}

/// The register's report the path and parameters ask for.
fn which(report: &Report, params: &Params, today: chrono::NaiveDate) -> Result<Which, ApiError> {
    Ok(match report {
        Report::Member(id) => Which::Member {
            id: ids::decode_as(&id.clone().into(), NodeType::Organisation, "id")?,
            as_of: params.as_of()?.unwrap_or(today),
        },
        Report::Deadlines => Which::deadlines(today, params.date("from")?, params.date("to")?),
        Report::Coverage => Which::Coverage {
            as_of: params.as_of()?.unwrap_or(today),
        },
    })
}
