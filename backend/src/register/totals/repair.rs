//! Checking the kept coverage totals against the coverages, and writing them afresh
//! (`verbund check totals [--fix]`, the seed, bulk loads): what the coverages say each group's
//! row and steps should be, computed here from all coverages at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait, Statement};

use super::kept::{
    Coverage, FIGURES, Figures, Group, Kept, Kind, bump, groups_of, insert_sql, row_values, run,
};
use crate::entities::coverage;
use crate::error::ApiResult;

/// What the coverages say every group's row and steps should be, each as of the day
/// `day_of` gives for it.
pub fn expected(
    coverages: &[Coverage],
    day_of: impl Fn(Group) -> NaiveDate,
) -> HashMap<Group, Kept> {
    let register = (Kind::Register, 0);
    // The register's row exists even without a coverage.
    let mut kept = HashMap::from([(
        register,
        Kept {
            on_day: Some(day_of(register)),
            ..Kept::default()
        },
    )]);
    for coverage in coverages {
        for group in groups_of(coverage) {
            let day = day_of(group);
            let entry = kept.entry(group).or_default();
            entry.on_day = Some(day);
            entry.count(coverage, day, 1);
        }
    }
    kept
}

/// Every group's row and steps as stored.
pub async fn stored(db: &impl ConnectionTrait) -> ApiResult<HashMap<Group, Kept>> {
    let backend = db.get_database_backend();
    let figures = |row: &sea_orm::QueryResult, at: usize| -> ApiResult<Figures> {
        Ok(Figures {
            workstations: row.try_get_by_index(at)?,
            workstations_known: row.try_get_by_index(at + 1)?,
            users: row.try_get_by_index(at + 2)?,
            users_known: row.try_get_by_index(at + 3)?,
            coverages: row.try_get_by_index(at + 4)?,
        })
    };
    let mut kept: HashMap<Group, Kept> = HashMap::new();
    let columns = FIGURES.join(", ");
    for (table, day) in [
        ("coverage_totals", "on_day"),
        ("coverage_total_steps", "day"),
    ] {
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT kind, group_id, {day}, {columns} FROM {table}"),
            ))
            .await?;
        for row in rows {
            let kind: String = row.try_get_by_index(0)?;
            let Some(kind) = Kind::parse(&kind) else {
                continue;
            };
            let entry = kept.entry((kind, row.try_get_by_index(1)?)).or_default();
            let when: NaiveDate = row.try_get_by_index(2)?;
            let values = figures(&row, 3)?;
            if table == "coverage_totals" {
                entry.on_day = Some(when);
                entry.figures = values;
            } else {
                entry.steps.insert(when, values);
            }
        }
    }
    Ok(kept)
}

/// One group whose kept totals differ from its coverages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub group: Group,
    pub stored: Kept,
    pub expected: Kept,
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, id) = self.group;
        let day = |kept: &Kept| kept.on_day.map_or("none".to_owned(), |d| d.to_string());
        write!(
            f,
            "{} {id}: kept {} on {} with {} later steps; the coverages say {} with {} later steps",
            kind.as_str(),
            self.stored.figures,
            day(&self.stored),
            self.stored.changing().len(),
            self.expected.figures,
            self.expected.changing().len(),
        )
    }
}

/// Every group whose kept totals differ from what its coverages say, as of the day its row
/// holds (or `today` for a group without a row).
pub async fn check(db: &impl ConnectionTrait, today: NaiveDate) -> ApiResult<Vec<Drift>> {
    let coverages = coverage::Entity::find().all(db).await?;
    let stored = stored(db).await?;
    let day_of = |group: Group| {
        stored
            .get(&group)
            .and_then(|kept| kept.on_day)
            .unwrap_or(today)
    };
    let expected = expected(&coverages, day_of);
    let mut drifts = Vec::new();
    let mut groups: Vec<Group> = stored.keys().chain(expected.keys()).copied().collect();
    groups.sort();
    groups.dedup();
    for group in groups {
        let have = stored.get(&group).cloned().unwrap_or_default();
        let want = expected.get(&group).cloned().unwrap_or_else(|| Kept {
            on_day: have.on_day,
            ..Kept::default()
        });
        let same = have.on_day.is_some()
            && have.figures == want.figures
            && have.changing() == want.changing();
        if !same {
            drifts.push(Drift {
                group,
                stored: have,
                expected: want,
            });
        }
    }
    Ok(drifts)
}

/// Writes every group's totals afresh from the coverages, as of `today`.
pub async fn rebuild(db: &impl ConnectionTrait, today: NaiveDate) -> ApiResult<()> {
    let backend = db.get_database_backend();
    for table in ["coverage_total_steps", "coverage_totals"] {
        db.execute_raw(Statement::from_string(
            backend,
            format!("DELETE FROM {table}"),
        ))
        .await?;
    }
    let coverages = coverage::Entity::find().all(db).await?;
    let row_sql = insert_sql(backend, "coverage_totals", "on_day");
    let step_sql = insert_sql(backend, "coverage_total_steps", "day");
    for (group, kept) in expected(&coverages, |_| today) {
        run(db, row_sql.clone(), row_values(group, today, kept.figures)).await?;
        for (day, figures) in kept.changing() {
            run(db, step_sql.clone(), row_values(group, day, figures)).await?;
        }
    }
    bump(db).await
}
