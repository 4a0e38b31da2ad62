//! The coverage matrix on a day: organisations (rows) × services (columns), with the
//! workstations each receives, as the app's coverage page shows it.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use super::{bounded_rows, names};
use crate::auth::access::Access;
use crate::error::ApiResult;
use crate::register::coverages::{self, Coverage, CoverageQuery};
use crate::register::read;
use crate::register::services::Service;

/// What one cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The organisation does not receive the service.
    None,
    /// It receives it; no coverage records workstations.
    Received,
    /// It receives it for this many workstations.
    Workstations(i64),
}

impl Mark {
    fn add(self, workstations: Option<i32>) -> Self {
        match (self, workstations.map(i64::from)) {
            (Self::Workstations(a), Some(b)) => Self::Workstations(a + b),
            (Self::Workstations(a), None) => Self::Workstations(a),
            (_, Some(b)) => Self::Workstations(b),
            (_, None) => Self::Received,
        }
    }

    /// The workstations, when counted.
    pub fn workstations(self) -> Option<i64> {
        match self {
            Self::Workstations(n) => Some(n),
            _ => None,
        }
    }
}

/// The matrix: services and organisations sorted by name.
#[derive(Debug, Clone)]
pub struct CoverageMatrix {
    pub as_of: NaiveDate,
    pub services: Vec<Service>,
    /// Each organisation's name and its cells, in the order of `services`.
    pub rows: Vec<(String, Vec<Mark>)>,
    /// How many coverages were read.
    pub coverages: usize,
}

impl CoverageMatrix {
    /// How many rows the matrix read (for its cost).
    pub fn rows(&self) -> usize {
        self.coverages + self.services.len() + self.rows.len()
    }

    /// The workstations in column `column`, when any are counted.
    pub fn column_total(&self, column: usize) -> Option<i64> {
        self.rows
            .iter()
            .filter_map(|(_, cells)| cells.get(column).and_then(|c| c.workstations()))
            .reduce(|a, b| a + b)
    }
}

/// The coverages that run on `as_of` that the caller may see (`coverage:read`; a
/// member-limited token: what its member and the member's units receive), as a matrix.
pub async fn coverage(
    db: &impl ConnectionTrait,
    access: &Access,
    as_of: NaiveDate,
) -> ApiResult<CoverageMatrix> {
    let query = CoverageQuery {
        active_on: Some(as_of),
        ..CoverageQuery::default()
    };
    let rows: Vec<Coverage> =
        bounded_rows(db, coverages::selection(access, &query)?, "asOf").await?;
    let wanted: Vec<i32> = rows
        .iter()
        .map(|row| row.service_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut services: Vec<Service> = read::by_ids(db, access, &wanted).await?;
    services.sort_by_key(|s| (s.name.to_lowercase(), s.id));
    let organisations = names(db, access, rows.iter().map(|r| r.organisation_id).collect()).await?;
    let mut cells: HashMap<i32, Vec<Mark>> = HashMap::new();
    for row in &rows {
        let Some(column) = services.iter().position(|s| s.id == row.service_id) else {
            continue;
        };
        let line = cells
            .entry(row.organisation_id)
            .or_insert_with(|| vec![Mark::None; services.len()]);
        line[column] = line[column].add(row.workstations);
    }
    let mut matrix: Vec<(String, Vec<Mark>)> = cells
        .into_iter()
        .filter_map(|(id, line)| organisations.get(&id).map(|name| (name.clone(), line)))
        .collect();
    matrix.sort_by_key(|(name, _)| name.to_lowercase());
    Ok(CoverageMatrix {
        as_of,
        coverages: rows.len(),
        services,
        rows: matrix,
    })
}
