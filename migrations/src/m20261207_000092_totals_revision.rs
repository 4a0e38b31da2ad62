//! A revision of the kept coverage totals: one row whose number every transaction that moves
//! the totals (a coverage made, changed or deleted, the totals written afresh) raises before it
//! commits. A server that holds totals it read at revision n may answer from them as long as
//! the database still says n, a lookup of one row instead of one per group.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The same on SQLite and PostgreSQL.
const UP: [&str; 2] = [
    "CREATE TABLE coverage_totals_revision (id INTEGER NOT NULL PRIMARY KEY, revision BIGINT NOT NULL)",
    "INSERT INTO coverage_totals_revision (id, revision) VALUES (1, 0)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for statement in UP {
            manager
                .get_connection()
                .execute_unprepared(statement)
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE coverage_totals_revision")
            .await?;
        Ok(())
    }
}
