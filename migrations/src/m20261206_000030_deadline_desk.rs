//! The deadline desk: each deadline of a contract as a task (`deadlines`: its day, the day to
//! act, its owner and the decision taken), the reminders of each deadline (`reminders`: one
//! row per day someone is reminded, armed until it is sent or a change supersedes it), what
//! each staff account was told (`inbox_entries`, one per reminder and account) and each
//! contract's own reminder days and the day its deadlines are looked at again
//! (`contract_desk`).
//!
//! The unique keys are what makes the desk exact: one task per contract, kind and day, one
//! reminder per task and day, one inbox entry per reminder and account.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::{index, register_table, restrict};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Deadlines {
    Table,
    Id,
    ContractId,
    Kind,
    Day,
    DayToAct,
    State,
    OwnerId,
    Outcome,
    Note,
    DecidedAt,
    DecidedBy,
}

#[derive(DeriveIden)]
enum Reminders {
    Table,
    Id,
    DeadlineId,
    ContractId,
    DueOn,
    State,
    Snoozed,
    SentAt,
    Late,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InboxEntries {
    Table,
    Id,
    UserId,
    ReminderId,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum ContractDesk {
    Table,
    ContractId,
    Offsets,
    RearmOn,
}

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                register_table(Deadlines::Table, Deadlines::Id)
                    .col(integer(Deadlines::ContractId))
                    .col(string_len(Deadlines::Kind, 16))
                    .col(date(Deadlines::Day))
                    .col(date(Deadlines::DayToAct))
                    .col(string_len(Deadlines::State, 16))
                    .col(integer_null(Deadlines::OwnerId))
                    .col(string_len_null(Deadlines::Outcome, 16))
                    .col(text_null(Deadlines::Note))
                    .col(timestamp_with_time_zone_null(Deadlines::DecidedAt))
                    .col(integer_null(Deadlines::DecidedBy))
                    .foreign_key(&mut restrict(
                        "fk_deadlines_contract",
                        (Deadlines::Table, Deadlines::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_deadlines_owner",
                        (Deadlines::Table, Deadlines::OwnerId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_deadlines_decided_by",
                        (Deadlines::Table, Deadlines::DecidedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_deadlines_contract_kind_day",
                    Deadlines::Table,
                    &["contract_id", "kind", "day"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_deadlines_state_day_to_act",
                Deadlines::Table,
                &["state", "day_to_act"],
            ))
            .await?;
        manager
            .create_index(index("ix_deadlines_owner", Deadlines::Table, &["owner_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reminders::Table)
                    .col(pk_auto(Reminders::Id))
                    .col(integer(Reminders::DeadlineId))
                    .col(integer(Reminders::ContractId))
                    .col(date(Reminders::DueOn))
                    .col(string_len(Reminders::State, 16))
                    .col(boolean(Reminders::Snoozed).default(false))
                    .col(timestamp_with_time_zone_null(Reminders::SentAt))
                    .col(boolean(Reminders::Late).default(false))
                    .col(timestamp_with_time_zone(Reminders::CreatedAt))
                    .foreign_key(&mut restrict(
                        "fk_reminders_deadline",
                        (Reminders::Table, Reminders::DeadlineId),
                        (Deadlines::Table, Deadlines::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_reminders_contract",
                        (Reminders::Table, Reminders::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_reminders_deadline_due_on",
                    Reminders::Table,
                    &["deadline_id", "due_on"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_reminders_state_due_on",
                Reminders::Table,
                &["state", "due_on"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_reminders_contract",
                Reminders::Table,
                &["contract_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(InboxEntries::Table)
                    .col(pk_auto(InboxEntries::Id))
                    .col(integer(InboxEntries::UserId))
                    .col(integer(InboxEntries::ReminderId))
                    .col(timestamp_with_time_zone(InboxEntries::CreatedAt))
                    .col(timestamp_with_time_zone_null(InboxEntries::ReadAt))
                    .foreign_key(&mut restrict(
                        "fk_inbox_entries_user",
                        (InboxEntries::Table, InboxEntries::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_inbox_entries_reminder",
                        (InboxEntries::Table, InboxEntries::ReminderId),
                        (Reminders::Table, Reminders::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_inbox_entries_reminder_user",
                    InboxEntries::Table,
                    &["reminder_id", "user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_inbox_entries_user",
                InboxEntries::Table,
                &["user_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContractDesk::Table)
                    .col(integer(ContractDesk::ContractId).primary_key())
                    .col(string_len_null(ContractDesk::Offsets, 100))
                    .col(date_null(ContractDesk::RearmOn))
                    .foreign_key(&mut restrict(
                        "fk_contract_desk_contract",
                        (ContractDesk::Table, ContractDesk::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_contract_desk_rearm_on",
                ContractDesk::Table,
                &["rearm_on"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContractDesk::Table.into_iden(),
            InboxEntries::Table.into_iden(),
            Reminders::Table.into_iden(),
            Deadlines::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
