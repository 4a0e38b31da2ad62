//! Persisted operations: GraphQL documents registered by admins under a name and their
//! SHA-256, which callers send by hash; partner tokens can be limited to them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::{index, register_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PersistedOperations {
    Table,
    Id,
    Name,
    Sha256,
    Document,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    PersistedOnly,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                register_table(PersistedOperations::Table, PersistedOperations::Id)
                    .col(string_len(PersistedOperations::Name, 100))
                    .col(string_len(PersistedOperations::Sha256, 64))
                    .col(text(PersistedOperations::Document))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ux_persisted_operations_name", "name"),
            ("ux_persisted_operations_sha256", "sha256"),
        ] {
            manager
                .create_index(
                    index(name, PersistedOperations::Table, &[column])
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ApiTokens::Table)
                    .add_column(boolean(ApiTokens::PersistedOnly).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ApiTokens::Table)
                    .drop_column(ApiTokens::PersistedOnly)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PersistedOperations::Table).to_owned())
            .await
    }
}
