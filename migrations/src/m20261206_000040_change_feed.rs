//! The change feed's order: every audit entry gets a position in the order its transaction
//! committed (ids follow the order entries were started in, which on PostgreSQL is not the
//! order they became visible). Entries written before this migration take their id.

use sea_orm_migration::prelude::*;

use crate::steps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    Id,
    Position,
}

const INDEX: &str = "audit_entries_position";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut position = ColumnDef::new(AuditEntries::Position);
        position.big_integer().null();
        steps::add_column(manager, AuditEntries::Table, &mut position).await?;
        let backfill = Query::update()
            .table(AuditEntries::Table)
            .value(AuditEntries::Position, Expr::col(AuditEntries::Id))
            .to_owned();
        manager.exec_stmt(backfill).await?;
        steps::add_index(
            manager,
            INDEX,
            AuditEntries::Table,
            AuditEntries::Position,
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        steps::drop_index(manager, INDEX, AuditEntries::Table).await?;
        steps::drop_column(manager, AuditEntries::Table, AuditEntries::Position).await
    }
}
