//! Express renewal: a contract's decision period in months (`contracts.decision_months`, only
//! for contracts that end unless expressly renewed), and each express renewal the parties
//! decided (`express_renewals`: the day decided and the new term in months or until a day).
//! A renewal goes with its contract when the contract is deleted.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::{index, restrict};
use crate::steps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
    DecisionMonths,
}

#[derive(DeriveIden)]
enum ExpressRenewals {
    Table,
    Id,
    ContractId,
    RenewedOn,
    Months,
    Until,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        steps::add_column(
            manager,
            Contracts::Table,
            ColumnDef::new(Contracts::DecisionMonths).integer().null(),
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(ExpressRenewals::Table)
                    .col(pk_auto(ExpressRenewals::Id))
                    .col(integer(ExpressRenewals::ContractId))
                    .col(date(ExpressRenewals::RenewedOn))
                    .col(integer_null(ExpressRenewals::Months))
                    .col(date_null(ExpressRenewals::Until))
                    .col(timestamp_with_time_zone(ExpressRenewals::CreatedAt))
                    .col(integer_null(ExpressRenewals::CreatedBy))
                    .foreign_key(&mut restrict(
                        "fk_express_renewals_contract",
                        (ExpressRenewals::Table, ExpressRenewals::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_express_renewals_created_by",
                        (ExpressRenewals::Table, ExpressRenewals::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_express_renewals_contract",
                ExpressRenewals::Table,
                &["contract_id", "renewed_on"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ExpressRenewals::Table).to_owned())
            .await?;
        steps::drop_column(manager, Contracts::Table, Contracts::DecisionMonths).await
    }
}
