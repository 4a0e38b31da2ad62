//! Login throttle rows whose window and lock are over are removed; an index on the window's
//! start finds them without reading the whole table.

use sea_orm_migration::prelude::*;

use crate::steps;

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
        let (table, column) = (LoginThrottle::Table, LoginThrottle::WindowStartedAt);
        steps::add_index(manager, INDEX, table, column, false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        steps::drop_index(manager, INDEX, LoginThrottle::Table).await
    }
}
