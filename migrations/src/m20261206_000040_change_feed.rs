//! The change feed's order: every audit entry gets a position in the order its transaction
//! committed (ids follow the order entries were started in, which on PostgreSQL is not the
//! order they became visible). Entries written before this migration take their id.

use sea_orm_migration::prelude::*;

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
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEntries::Table)
                    .add_column(ColumnDef::new(AuditEntries::Position).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(AuditEntries::Table)
                    .value(AuditEntries::Position, Expr::col(AuditEntries::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(AuditEntries::Table)
                    .col(AuditEntries::Position)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(AuditEntries::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEntries::Table)
                    .drop_column(AuditEntries::Position)
                    .to_owned(),
            )
            .await
    }
}
