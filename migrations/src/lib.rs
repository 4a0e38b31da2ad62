//! Database migrations of the Verbund register. The same migrations run on SQLite and
//! PostgreSQL; a landed migration is never edited, a change is a new migration.

pub use sea_orm_migration::prelude::*;

mod steps;

mod m20261127_000001_register;
mod m20261127_000002_access;
mod m20261127_000003_persisted;
mod m20261127_000004_reading;
mod m20261127_000005_party_order;
mod m20261127_000006_coverage_totals;
mod m20261206_000007_parent_link;
mod m20261206_000008_file_reference;
mod m20261206_000010_throttle_expiry;
mod m20261206_000030_deadline_desk;
mod m20261206_000031_mail;
mod m20261206_000032_calendar_feeds;
mod m20261206_000033_express_renewals;
mod m20261206_000040_change_feed;
mod m20261206_000041_rate_budgets;
mod m20261206_000042_contract_standing;
mod m20261206_000090_kept_totals;
mod m20261207_000091_source_accessed;
mod m20261207_000092_totals_revision;
mod m20261207_000093_audit_left_view;
mod m20261208_000094_audit_owner;

/// Applies the register's migrations in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_register::Migration),
            Box::new(m20261127_000002_access::Migration),
            Box::new(m20261127_000003_persisted::Migration),
            Box::new(m20261127_000004_reading::Migration),
            Box::new(m20261127_000005_party_order::Migration),
            Box::new(m20261127_000006_coverage_totals::Migration),
            Box::new(m20261206_000007_parent_link::Migration),
            Box::new(m20261206_000008_file_reference::Migration),
            Box::new(m20261206_000010_throttle_expiry::Migration),
            Box::new(m20261206_000030_deadline_desk::Migration),
            Box::new(m20261206_000031_mail::Migration),
            Box::new(m20261206_000032_calendar_feeds::Migration),
            Box::new(m20261206_000033_express_renewals::Migration),
            Box::new(m20261206_000040_change_feed::Migration),
            Box::new(m20261206_000041_rate_budgets::Migration),
            Box::new(m20261206_000042_contract_standing::Migration),
            Box::new(m20261206_000090_kept_totals::Migration),
            Box::new(m20261207_000091_source_accessed::Migration),
            Box::new(m20261207_000092_totals_revision::Migration),
            Box::new(m20261207_000093_audit_left_view::Migration),
            Box::new(m20261208_000094_audit_owner::Migration),
        ]
    }
}
