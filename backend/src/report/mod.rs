//! The printable reports: a member's dossier, the desk's deadlines in a window, the coverage
//! matrix on a day. The register reads what the caller may see (`register::reports`); this
//! module writes it as one HTML document with a print stylesheet, which the server answers
//! at `/report/…` and the command line prints to PDF (`pdf`), so both print the same.

mod coverage;
mod deadlines;
mod member;
mod page;
pub mod pdf;

use chrono::{Days, NaiveDate};
use sea_orm::ConnectionTrait;

pub use self::page::{Html, Meta};
use crate::auth::access::Access;
use crate::error::ApiResult;
use crate::register::reports;

/// How many days a deadline report covers when no end is given.
pub const DEFAULT_WINDOW_DAYS: u64 = 90;

/// Which report, for which record and days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The dossier of an organisation, seen on a day.
    Member { id: i32, as_of: NaiveDate },
    /// The deadlines whose day to act is in a window.
    Deadlines { from: NaiveDate, to: NaiveDate },
    /// The coverage matrix on a day.
    Coverage { as_of: NaiveDate },
}

impl Which {
    /// The deadline report from `from` (default: today) to `to` (default: [`DEFAULT_WINDOW_DAYS`]
    /// later).
    pub fn deadlines(today: NaiveDate, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Self {
        let from = from.unwrap_or(today);
        let to = to.unwrap_or_else(|| {
            from.checked_add_days(Days::new(DEFAULT_WINDOW_DAYS))
                .unwrap_or(NaiveDate::MAX)
        });
        Self::Deadlines { from, to }
    }

    /// The report's name in file names.
    pub fn file_name(self) -> String {
        match self {
            Self::Member { id, as_of } => format!("member-{id}-{as_of}"),
            Self::Deadlines { from, to } => format!("deadlines-{from}-{to}"),
            Self::Coverage { as_of } => format!("coverage-{as_of}"),
        }
    }
}

/// A report as a document, with how many rows it read.
#[derive(Debug, Clone)]
pub struct Built {
    pub html: Html,
    pub rows: usize,
}

/// Reads report `which` as `access` may see it and writes it as a document.
pub async fn build(
    db: &impl ConnectionTrait,
    access: &Access,
    which: Which,
    meta: &Meta,
) -> ApiResult<Built> {
    Ok(match which {
        Which::Member { id, as_of } => {
            let dossier = reports::member(db, access, id, as_of).await?;
            Built {
                rows: dossier.rows(),
                html: member::render(&dossier, meta),
            }
        }
        Which::Deadlines { from, to } => {
            let report = reports::deadlines(db, access, from, to).await?;
            let today = access.timing.clock.today();
            Built {
                rows: report.rows(),
                html: deadlines::render(&report, meta, today),
            }
        }
        Which::Coverage { as_of } => {
            let matrix = reports::coverage(db, access, as_of).await?;
            Built {
                rows: matrix.rows(),
                html: coverage::render(&matrix, meta),
            }
        }
    })
}
