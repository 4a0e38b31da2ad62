//! The organisations whose member-limited view an audit entry's change takes its record out
//! of (a contract whose last party of theirs is removed, an organisation moved from under them
//! or deleted), kept with the entry as `,1,2,` so that a later reader of the change feed judges
//! the view as it was at the change.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE audit_entries ADD COLUMN left_view_of TEXT")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE audit_entries DROP COLUMN left_view_of")
            .await?;
        Ok(())
    }
}
