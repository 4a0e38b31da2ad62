//! The day a source was read (accessed on), as a citation of a web page names it: a page can
//! change after it was published, so the day it was read tells which text the facts are from.

use sea_orm_migration::prelude::*;

use crate::steps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sources {
    Table,
    AccessedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut accessed = ColumnDef::new(Sources::AccessedOn);
        steps::add_column(manager, Sources::Table, accessed.date().null()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        steps::drop_column(manager, Sources::Table, Sources::AccessedOn).await
    }
}
