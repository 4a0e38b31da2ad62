//! Login throttle rows whose window and lock are over are removed; an index on the window's
//! start finds them without reading the whole table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    WindowStartedAt,
}

const INDEX: &str = "idx_login_throttle_window_started_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(LoginThrottle::Table)
                    .col(LoginThrottle::WindowStartedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(LoginThrottle::Table)
                    .to_owned(),
            )
            .await
    }
}
