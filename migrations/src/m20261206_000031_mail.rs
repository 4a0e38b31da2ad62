//! Reminders by e-mail: each staff account's address (`users.email`, optional) and one
//! delivery per reminder, channel and recipient (`deliveries`), written when the reminder is
//! claimed and sent afterwards, at least once: its state, attempts, the last error, when it
//! is tried next (or, while a server sends it, until when that server holds it) and when it
//! was sent.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::{index, restrict};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
}

#[derive(DeriveIden)]
enum Reminders {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Deliveries {
    Table,
    Id,
    ReminderId,
    Channel,
    UserId,
    Address,
    State,
    Attempts,
    LastError,
    NextAttemptAt,
    SentAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len_null(Users::Email, 254))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Deliveries::Table)
                    .col(pk_auto(Deliveries::Id))
                    .col(integer(Deliveries::ReminderId))
                    .col(string_len(Deliveries::Channel, 16))
                    .col(integer(Deliveries::UserId))
                    .col(string_len(Deliveries::Address, 254))
                    .col(string_len(Deliveries::State, 16))
                    .col(integer(Deliveries::Attempts).default(0))
                    .col(text_null(Deliveries::LastError))
                    .col(timestamp_with_time_zone_null(Deliveries::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Deliveries::SentAt))
                    .col(timestamp_with_time_zone(Deliveries::CreatedAt))
                    .foreign_key(&mut restrict(
                        "fk_deliveries_reminder",
                        (Deliveries::Table, Deliveries::ReminderId),
                        (Reminders::Table, Reminders::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_deliveries_user",
                        (Deliveries::Table, Deliveries::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_deliveries_reminder_channel_user",
                    Deliveries::Table,
                    &["reminder_id", "channel", "user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_deliveries_next_attempt_at",
                Deliveries::Table,
                &["next_attempt_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Deliveries::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::Email)
                    .to_owned(),
            )
            .await
    }
}
