//! Reading a member's contracts from the index alone: the parties' index by organisation also
//! holds the contract, so the contracts of a page of members are found without visiting the
//! parties' rows.

use sea_orm_migration::prelude::*;

use crate::m20261127_000001_register::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContractParties {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                "ix_contract_parties_organisation_contract",
                ContractParties::Table,
                &["organisation_id", "contract_id"],
            ))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_contract_parties_organisation")
                    .table(ContractParties::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                "ix_contract_parties_organisation",
                ContractParties::Table,
                &["organisation_id"],
            ))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_contract_parties_organisation_contract")
                    .table(ContractParties::Table)
                    .to_owned(),
            )
            .await
    }
}
