//! Coverage totals kept up to date instead of summed on every request: workstations, users
//! and running coverages per organisation, per service and for the whole register.
//!
//! `coverage_totals` holds each group's totals on one day (`on_day`); `coverage_total_steps`
//! holds by how much they change on each later day on which a coverage of the group starts or
//! the day after one ends. The totals on any day from `on_day` on are the row plus its steps up
//! to that day: a lookup, not a sum over coverages, and still right when a coverage starts or
//! ends by the calendar alone. A count beside each sum (`workstations_known`) tells a total of
//! zero from one that no coverage records.
//!
//! The migration fills both tables from the coverages as of the database's current date.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CoverageTotals {
    Table,
    OnDay,
}

#[derive(DeriveIden)]
enum CoverageTotalSteps {
    Table,
    Day,
}

#[derive(DeriveIden)]
enum Figures {
    Kind,
    GroupId,
    Workstations,
    WorkstationsKnown,
    Users,
    UsersKnown,
    Coverages,
}

/// The columns both tables share: which group, and the five figures.
fn group_columns(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(string_len(Figures::Kind, 12))
        .col(integer(Figures::GroupId))
        .col(big_integer(Figures::Workstations))
        .col(big_integer(Figures::WorkstationsKnown))
        .col(big_integer(Figures::Users))
        .col(big_integer(Figures::UsersKnown))
        .col(big_integer(Figures::Coverages))
}

/// The kinds of group, each with the expression that names a coverage's group.
const GROUPS: [(&str, &str); 3] = [
    ("organisation", "organisation_id"),
    ("service", "service_id"),
    ("register", "0"),
];

/// The statements that fill both tables as of the current date.
fn backfill(backend: DbBackend) -> Vec<String> {
    let (today, day_after_end) = match backend {
        DbBackend::Postgres => ("CURRENT_DATE", "ends_on + 1"),
        _ => ("date('now')", "date(ends_on, '+1 day')"),
    };
    let runs = format!("starts_on <= {today} AND (ends_on IS NULL OR ends_on >= {today})");
    let mut statements = Vec::new();
    for (kind, group) in GROUPS {
        let group_by = if group == "0" {
            String::new()
        } else {
            format!(" GROUP BY {group}")
        };
        statements.push(format!(
            "INSERT INTO coverage_totals (kind, group_id, on_day, workstations, \
             workstations_known, users, users_known, coverages) \
             SELECT '{kind}', {group}, {today}, \
             COALESCE(SUM(CASE WHEN {runs} THEN workstations END), 0), \
             COUNT(CASE WHEN {runs} THEN workstations END), \
             COALESCE(SUM(CASE WHEN {runs} THEN users END), 0), \
             COUNT(CASE WHEN {runs} THEN users END), \
             COUNT(CASE WHEN {runs} THEN 1 END) \
             FROM coverages{group_by}"
        ));
        statements.push(format!(
            "INSERT INTO coverage_total_steps (kind, group_id, day, workstations, \
             workstations_known, users, users_known, coverages) \
             SELECT '{kind}', g, day, SUM(w), SUM(wk), SUM(u), SUM(uk), SUM(c) FROM ( \
               SELECT {group} AS g, starts_on AS day, COALESCE(workstations, 0) AS w, \
               CASE WHEN workstations IS NULL THEN 0 ELSE 1 END AS wk, \
               COALESCE(users, 0) AS u, CASE WHEN users IS NULL THEN 0 ELSE 1 END AS uk, \
               1 AS c FROM coverages WHERE starts_on > {today} \
               UNION ALL \
               SELECT {group}, {day_after_end}, -COALESCE(workstations, 0), \
               CASE WHEN workstations IS NULL THEN 0 ELSE -1 END, \
               -COALESCE(users, 0), CASE WHEN users IS NULL THEN 0 ELSE -1 END, \
               -1 FROM coverages \
               WHERE ends_on IS NOT NULL AND ends_on >= {today} AND ends_on >= starts_on \
             ) changes GROUP BY g, day"
        ));
    }
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut totals = Table::create();
        totals.table(CoverageTotals::Table);
        group_columns(&mut totals)
            .col(date(CoverageTotals::OnDay))
            .primary_key(Index::create().col(Figures::Kind).col(Figures::GroupId));
        manager.create_table(totals.to_owned()).await?;
        let mut steps = Table::create();
        steps.table(CoverageTotalSteps::Table);
        group_columns(&mut steps)
            .col(date(CoverageTotalSteps::Day))
            .primary_key(
                Index::create()
                    .col(Figures::Kind)
                    .col(Figures::GroupId)
                    .col(CoverageTotalSteps::Day),
            );
        manager.create_table(steps.to_owned()).await?;
        let db = manager.get_connection();
        for statement in backfill(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CoverageTotalSteps::Table.into_iden(),
            CoverageTotals::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
