//! The provider's file reference (Aktenzeichen) of a contract: optional text, searched with
//! the contract's number and title.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts {
    Table,
    FileReference,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Contracts::Table)
                    .add_column(ColumnDef::new(Contracts::FileReference).string().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Contracts::Table)
                    .drop_column(Contracts::FileReference)
                    .to_owned(),
            )
            .await
    }
}
