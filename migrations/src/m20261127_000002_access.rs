//! Who may do what, and what was done: staff accounts, their sessions, partner tokens, the
//! throttle on failed logins and the audit history of every change.
//!
//! Secrets are never stored: passwords as Argon2id hashes, session ids and tokens as SHA-256
//! digests (they are random, so a fast digest cannot be guessed backwards).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::{index, register_table, restrict};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Name,
    Role,
    PasswordHash,
    Disabled,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    Name,
    Prefix,
    TokenHash,
    Scopes,
    OrganisationId,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    WindowStartedAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    Id,
    At,
    ActorKind,
    ActorId,
    ActorName,
    Operation,
    RecordType,
    RecordId,
    Before,
    After,
    RequestId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                register_table(Users::Table, Users::Id)
                    .col(string_len(Users::Name, 100))
                    .col(string_len(Users::Role, 16))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(boolean(Users::Disabled).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_users_name", Users::Table, &["name"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(pk_auto(Sessions::Id))
                    .col(string_len(Sessions::TokenHash, 64))
                    .col(integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(&mut restrict(
                        "fk_sessions_user",
                        (Sessions::Table, Sessions::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_sessions_token_hash", Sessions::Table, &["token_hash"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_sessions_user", Sessions::Table, &["user_id"]))
            .await?;

        manager
            .create_table(
                register_table(ApiTokens::Table, ApiTokens::Id)
                    .col(string_len(ApiTokens::Name, 100))
                    .col(string_len(ApiTokens::Prefix, 16))
                    .col(string_len(ApiTokens::TokenHash, 64))
                    .col(string_len(ApiTokens::Scopes, 100))
                    .col(integer_null(ApiTokens::OrganisationId))
                    .col(timestamp_with_time_zone(ApiTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(integer_null(ApiTokens::CreatedBy))
                    .foreign_key(&mut restrict(
                        "fk_api_tokens_organisation",
                        (ApiTokens::Table, ApiTokens::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_api_tokens_created_by",
                        (ApiTokens::Table, ApiTokens::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_api_tokens_token_hash",
                    ApiTokens::Table,
                    &["token_hash"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string_len(LoginThrottle::Key, 200).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone(LoginThrottle::WindowStartedAt))
                    .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEntries::Table)
                    .col(big_pk_auto(AuditEntries::Id))
                    .col(timestamp_with_time_zone(AuditEntries::At))
                    .col(string_len(AuditEntries::ActorKind, 16))
                    .col(integer_null(AuditEntries::ActorId))
                    .col(string_len(AuditEntries::ActorName, 100))
                    .col(string_len(AuditEntries::Operation, 64))
                    .col(string_len(AuditEntries::RecordType, 32))
                    .col(integer(AuditEntries::RecordId))
                    .col(text_null(AuditEntries::Before))
                    .col(text_null(AuditEntries::After))
                    .col(string_len_null(AuditEntries::RequestId, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_audit_entries_record",
                AuditEntries::Table,
                &["record_type", "record_id", "id"],
            ))
            .await?;
        manager
            .create_index(index("ix_audit_entries_at", AuditEntries::Table, &["at"]))
            .await?;
        manager
            .create_index(index(
                "ix_audit_entries_actor",
                AuditEntries::Table,
                &["actor_name"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEntries::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
