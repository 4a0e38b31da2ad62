//! The callers' hourly cost budgets, shared by every server on the database: one row per
//! caller with what it has spent in its current window and when that window ends (in
//! milliseconds since 1970, so both databases compare plain integers). Rows whose window is
//! over are removed by an index on its end.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateBudgets {
    Table,
    Caller,
    Used,
    ResetsAtMs,
}

const INDEX: &str = "idx_rate_budgets_resets_at_ms";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateBudgets::Table)
                    .col(string_len(RateBudgets::Caller, 200).primary_key())
                    .col(big_integer(RateBudgets::Used))
                    .col(big_integer(RateBudgets::ResetsAtMs))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(INDEX, RateBudgets::Table, &["resets_at_ms"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateBudgets::Table).to_owned())
            .await
    }
}
