//! What an audit entry's record belongs to in a member's view (the organisation or contract
//! whose id the record's visibility rule names), kept with the entry, so that the change feed
//! finds a member's changes by index instead of reading every entry's snapshot. Entries
//! written before take it from their snapshot (after the change, before it for a deletion), by
//! the rules of that time. The feed reads each type (of each owner) in its order by an index,
//! and the entries that left a member's view by one of their own.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::steps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    OwnerId,
}

const OWNER_INDEX: &str = "ix_audit_entries_owner";
const TYPE_INDEX: &str = "ix_audit_entries_type_position";
const LEFT_INDEX: &str = "ix_audit_entries_left_view";

/// The record types whose owner is the record itself.
const OWN: [&str; 2] = ["Organisation", "Contract"];
/// The record types whose owner is the organisation their snapshot names.
const OF_ORGANISATION: [&str; 4] = ["Membership", "Person", "KeyFigure", "Coverage"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut owner = ColumnDef::new(AuditEntries::OwnerId);
        owner.integer().null();
        steps::add_column(manager, AuditEntries::Table, &mut owner).await?;
        let db = manager.get_connection();
        let quoted = |kinds: &[&str]| {
            kinds
                .iter()
                .map(|kind| format!("'{kind}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        db.execute_unprepared(&format!(
            "UPDATE audit_entries SET owner_id = record_id WHERE record_type IN ({})",
            quoted(&OWN)
        ))
        .await?;
        let organisation = match db.get_database_backend() {
            DbBackend::Postgres => {
                "COALESCE(CAST(after AS jsonb)->>'organisation_id', \
                                    CAST(before AS jsonb)->>'organisation_id')"
            }
            _ => {
                "COALESCE(json_extract(after, '$.organisation_id'), \
                  json_extract(before, '$.organisation_id'))"
            }
        };
        db.execute_unprepared(&format!(
            "UPDATE audit_entries SET owner_id = CAST({organisation} AS INTEGER) \
             WHERE record_type IN ({})",
            quoted(&OF_ORGANISATION)
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE INDEX {OWNER_INDEX} ON audit_entries (record_type, owner_id, position)"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE INDEX {TYPE_INDEX} ON audit_entries (record_type, position)"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE INDEX {LEFT_INDEX} ON audit_entries (record_type, position) \
             WHERE left_view_of IS NOT NULL"
        ))
        .await?;
        // PostgreSQL plans with the statistics of the table before every entry was written
        // again, and would read the feed along its order instead of by these indexes until
        // the next automatic analysis.
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("ANALYZE audit_entries").await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        steps::drop_index(manager, LEFT_INDEX, AuditEntries::Table).await?;
        steps::drop_index(manager, TYPE_INDEX, AuditEntries::Table).await?;
        steps::drop_index(manager, OWNER_INDEX, AuditEntries::Table).await?;
        steps::drop_column(manager, AuditEntries::Table, AuditEntries::OwnerId).await
    }
}
