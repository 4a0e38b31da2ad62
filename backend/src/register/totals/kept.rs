//! Keeping the coverage totals up to date (see the migration `kept_totals`): every change to a
//! coverage moves its groups' totals in the change's own transaction, and the days on which a
//! coverage starts or stops later are kept as steps, so a day passing needs no work at all.
//!
//! A group's row holds its totals on `on_day`; its steps hold the changes on later days. A
//! change first rolls the groups it touches forward to today (their steps up to today folded
//! into the row), then adds what the coverage contributes: to the row when it runs on that
//! day, as steps on the day it starts (when later) and the day after it ends. `repair`
//! compares all of it with the coverages and writes it afresh.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use super::Totals;
use crate::error::ApiResult;
use crate::register::read::param;

pub use crate::entities::coverage::Model as Coverage;

/// Today in Germany by the system clock, the API's default `asOf`: the day the command line
/// and the seed roll the kept totals to (a change rolls them to its own clock's day).
pub fn today() -> NaiveDate {
    crate::timing::Clock::system().today()
}

/// The kinds of group the register keeps totals for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// What one organisation receives itself.
    Organisation,
    /// Who receives one service.
    Service,
    /// Everything (the group id is 0).
    Register,
}

impl Kind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Service => "service",
            Kind::Register => "register",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        [Kind::Organisation, Kind::Service, Kind::Register]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// A group: its kind and id.
pub type Group = (Kind, i32);

/// The groups a coverage counts in.
pub(super) fn groups_of(coverage: &Coverage) -> [Group; 3] {
    [
        (Kind::Organisation, coverage.organisation_id),
        (Kind::Service, coverage.service_id),
        (Kind::Register, 0),
    ]
}

/// The kept figures of a group, or a change to them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub workstations: i64,
    /// How many of the coverages record workstations.
    pub workstations_known: i64,
    pub users: i64,
    pub users_known: i64,
    pub coverages: i64,
}

impl Figures {
    /// What `coverage` adds (`sign` 1) or takes away (`sign` -1).
    fn of(coverage: &Coverage, sign: i64) -> Self {
        let known =
            |value: Option<i32>| (i64::from(value.unwrap_or(0)), i64::from(value.is_some()));
        let (workstations, workstations_known) = known(coverage.workstations);
        let (users, users_known) = known(coverage.users);
        Self {
            workstations: sign * workstations,
            workstations_known: sign * workstations_known,
            users: sign * users,
            users_known: sign * users_known,
            coverages: sign,
        }
    }

    fn add(&mut self, other: Figures) {
        self.workstations += other.workstations;
        self.workstations_known += other.workstations_known;
        self.users += other.users;
        self.users_known += other.users_known;
        self.coverages += other.coverages;
    }

    fn negated(self) -> Self {
        Self {
            workstations: -self.workstations,
            workstations_known: -self.workstations_known,
            users: -self.users,
            users_known: -self.users_known,
            coverages: -self.coverages,
        }
    }

    fn is_zero(self) -> bool {
        self == Self::default()
    }

    /// The totals these figures stand for (a sum no coverage records is unknown).
    pub fn totals(self) -> Totals {
        Totals {
            workstations: (self.workstations_known > 0).then_some(self.workstations),
            users: (self.users_known > 0).then_some(self.users),
            coverages: self.coverages,
        }
    }

    pub(super) fn values(self) -> [Value; 5] {
        [
            self.workstations.into(),
            self.workstations_known.into(),
            self.users.into(),
            self.users_known.into(),
            self.coverages.into(),
        ]
    }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} coverages, {} workstations ({} recording them), {} users ({} recording them)",
            self.coverages,
            self.workstations,
            self.workstations_known,
            self.users,
            self.users_known
        )
    }
}

/// A group's row and steps as of a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    pub on_day: Option<NaiveDate>,
    pub figures: Figures,
    pub steps: BTreeMap<NaiveDate, Figures>,
}

impl Kept {
    /// Adds what `coverage` contributes (times `sign`) as seen from `day`.
    pub(super) fn count(&mut self, coverage: &Coverage, day: NaiveDate, sign: i64) {
        let figures = Figures::of(coverage, sign);
        let stops = coverage
            .ends_on
            .and_then(|end| end.checked_add_days(Days::new(1)));
        if stops.is_some_and(|stop| stop <= coverage.starts_on) {
            return;
        }
        if coverage.starts_on <= day && stops.is_none_or(|stop| stop > day) {
            self.figures.add(figures);
        } else if coverage.starts_on > day {
            self.steps
                .entry(coverage.starts_on)
                .or_default()
                .add(figures);
        }
        if let Some(stop) = stops.filter(|stop| *stop > day) {
            self.steps.entry(stop).or_default().add(figures.negated());
        }
    }

    /// The steps that change something.
    pub(super) fn changing(&self) -> BTreeMap<NaiveDate, Figures> {
        self.steps
            .iter()
            .filter(|(_, figures)| !figures.is_zero())
            .map(|(day, figures)| (*day, *figures))
            .collect()
    }
}

/// The figures' columns, in both tables.
pub(super) const FIGURES: [&str; 5] = [
    "workstations",
    "workstations_known",
    "users",
    "users_known",
    "coverages",
];

pub(super) async fn run(
    db: &impl ConnectionTrait,
    sql: String,
    values: Vec<Value>,
) -> ApiResult<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

/// Brings a group's row to `today` (made when missing, its steps up to today folded in) and
/// returns the day it holds: `today`, or a later day when the row was rolled further by a
/// server whose clock was ahead.
async fn roll(
    db: &impl ConnectionTrait,
    (kind, id): Group,
    today: NaiveDate,
) -> ApiResult<NaiveDate> {
    let backend = db.get_database_backend();
    let [p1, p2, p3] = [1, 2, 3].map(|n| param(backend, n));
    let key = || -> Vec<Value> { vec![kind.as_str().into(), id.into(), today.into()] };
    run(
        db,
        format!(
            "INSERT INTO coverage_totals (kind, group_id, on_day, {}) VALUES ({p1}, {p2}, {p3}, 0, 0, 0, 0, 0) \
             ON CONFLICT (kind, group_id) DO NOTHING",
            FIGURES.join(", ")
        ),
        key(),
    )
    .await?;
    let sums = FIGURES
        .map(|f| format!("CAST(COALESCE(SUM({f}), 0) AS BIGINT) AS {f}"))
        .join(", ");
    let sets = FIGURES
        .map(|f| format!("{f} = coverage_totals.{f} + folded.{f}"))
        .join(", ");
    run(
        db,
        format!(
            "UPDATE coverage_totals SET {sets}, on_day = {p3} FROM (SELECT {sums} \
             FROM coverage_total_steps WHERE kind = {p1} AND group_id = {p2} AND day <= {p3}) folded \
             WHERE coverage_totals.kind = {p1} AND coverage_totals.group_id = {p2} \
             AND coverage_totals.on_day < {p3}"
        ),
        key(),
    )
    .await?;
    run(
        db,
        format!(
            "DELETE FROM coverage_total_steps WHERE kind = {p1} AND group_id = {p2} AND day <= {p3}"
        ),
        key(),
    )
    .await?;
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!("SELECT on_day FROM coverage_totals WHERE kind = {p1} AND group_id = {p2}"),
            [kind.as_str().into(), id.into()],
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index::<NaiveDate>(0)?,
        None => today,
    })
}

/// An insert of one row of `table` (either table: a group, its day in `day_column`, its
/// figures), all eight values as parameters.
pub(super) fn insert_sql(backend: DbBackend, table: &str, day_column: &str) -> String {
    let placeholders = (1..=8).map(|n| param(backend, n)).collect::<Vec<_>>();
    format!(
        "INSERT INTO {table} (kind, group_id, {day_column}, {}) VALUES ({})",
        FIGURES.join(", "),
        placeholders.join(", ")
    )
}

/// The values of [`insert_sql`]: the group, the day and the figures.
pub(super) fn row_values((kind, id): Group, day: NaiveDate, figures: Figures) -> Vec<Value> {
    let mut values: Vec<Value> = vec![kind.as_str().into(), id.into(), day.into()];
    values.extend(figures.values());
    values
}

/// Writes what changed for one group: its row's figures moved by `kept.figures`, its steps
/// by `kept.steps`.
async fn write(db: &impl ConnectionTrait, (kind, id): Group, kept: &Kept) -> ApiResult<()> {
    let backend = db.get_database_backend();
    if !kept.figures.is_zero() {
        let sets = FIGURES
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{f} = {f} + {}", param(backend, i + 3)))
            .collect::<Vec<_>>()
            .join(", ");
        let mut values: Vec<Value> = vec![kind.as_str().into(), id.into()];
        values.extend(kept.figures.values());
        run(
            db,
            format!(
                "UPDATE coverage_totals SET {sets} WHERE kind = {} AND group_id = {}",
                param(backend, 1),
                param(backend, 2)
            ),
            values,
        )
        .await?;
    }
    let sets = FIGURES
        .map(|f| format!("{f} = coverage_total_steps.{f} + excluded.{f}"))
        .join(", ");
    let sql = format!(
        "{} ON CONFLICT (kind, group_id, day) DO UPDATE SET {sets}",
        insert_sql(backend, "coverage_total_steps", "day")
    );
    for (day, figures) in kept.changing() {
        let values = row_values((kind, id), day, figures);
        run(db, sql.clone(), values).await?;
    }
    Ok(())
}

/// Moves the totals for a change of one coverage from `before` to `after` (either absent for
/// a new or a deleted coverage), within the change's transaction.
pub async fn follow(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    before: Option<&Coverage>,
    after: Option<&Coverage>,
) -> ApiResult<()> {
    let mut changes: BTreeMap<Group, Vec<(&Coverage, i64)>> = BTreeMap::new();
    for (coverage, sign) in [(before, -1), (after, 1)] {
        let Some(coverage) = coverage else { continue };
        for group in groups_of(coverage) {
            changes.entry(group).or_default().push((coverage, sign));
        }
    }
    for (group, counted) in changes {
        let day = roll(db, group, today).await?;
        let mut kept = Kept::default();
        for (coverage, sign) in counted {
            kept.count(coverage, day, sign);
        }
        write(db, group, &kept).await?;
    }
    bump(db).await
}

/// Raises the totals' revision (see the migration `totals_revision`), in the transaction that
/// moved them: what a server holds of the totals read before is stale from its commit on.
pub(super) async fn bump(db: &impl ConnectionTrait) -> ApiResult<()> {
    let sql = "UPDATE coverage_totals_revision SET revision = revision + 1 WHERE id = 1";
    run(db, sql.to_owned(), Vec::new()).await
}
