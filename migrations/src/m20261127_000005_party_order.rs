//! A member's contracts in order straight from the index. A member's contracts are listed
//! oldest first (by the day they take effect, contracts without one last, then by id); to
//! read the first of them without reading all, each party row carries the day its contract
//! takes effect, and the parties' index by organisation is ordered by it.
//!
//! The database keeps that copy itself, with triggers on both backends: a party row takes
//! the day from its contract when it is written, and a contract's new day is copied to its
//! parties. No application code writes the column, so no writer can forget it.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::date_null};

use crate::m20261127_000001_register::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContractParties {
    Table,
    ContractEffectiveFrom,
}

const NEW_INDEX: &str = "ix_contract_parties_organisation_effective";
const OLD_INDEX: &str = "ix_contract_parties_organisation_contract";

const POSTGRES_UP: &str = "
CREATE FUNCTION contract_parties_take_effective_from() RETURNS trigger AS $$
BEGIN
    NEW.contract_effective_from :=
        (SELECT effective_from FROM contracts WHERE id = NEW.contract_id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER contract_parties_effective_from
    BEFORE INSERT OR UPDATE OF contract_id ON contract_parties
    FOR EACH ROW EXECUTE FUNCTION contract_parties_take_effective_from();

CREATE FUNCTION contracts_pass_effective_from() RETURNS trigger AS $$
BEGIN
    UPDATE contract_parties SET contract_effective_from = NEW.effective_from
        WHERE contract_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER contracts_effective_from
    AFTER UPDATE OF effective_from ON contracts
    FOR EACH ROW WHEN (OLD.effective_from IS DISTINCT FROM NEW.effective_from)
    EXECUTE FUNCTION contracts_pass_effective_from();
";

const POSTGRES_DOWN: &str = "
DROP TRIGGER contracts_effective_from ON contracts;
DROP FUNCTION contracts_pass_effective_from();
DROP TRIGGER contract_parties_effective_from ON contract_parties;
DROP FUNCTION contract_parties_take_effective_from();
";

// SQLite's BEFORE triggers cannot change the row being written, so its triggers update it
// right after. Recursive triggers are off by default, so the update does not fire them again.
const SQLITE_UP: [&str; 3] = [
    "CREATE TRIGGER contract_parties_effective_from_insert AFTER INSERT ON contract_parties
     BEGIN
         UPDATE contract_parties SET contract_effective_from =
             (SELECT effective_from FROM contracts WHERE id = NEW.contract_id)
             WHERE id = NEW.id;
     END",
    "CREATE TRIGGER contract_parties_effective_from_update AFTER UPDATE OF contract_id
     ON contract_parties
     BEGIN
         UPDATE contract_parties SET contract_effective_from =
             (SELECT effective_from FROM contracts WHERE id = NEW.contract_id)
             WHERE id = NEW.id;
     END",
    "CREATE TRIGGER contracts_effective_from AFTER UPDATE OF effective_from ON contracts
     WHEN OLD.effective_from IS NOT NEW.effective_from
     BEGIN
         UPDATE contract_parties SET contract_effective_from = NEW.effective_from
             WHERE contract_id = NEW.id;
     END",
];

const SQLITE_DOWN: [&str; 3] = [
    "DROP TRIGGER contracts_effective_from",
    "DROP TRIGGER contract_parties_effective_from_update",
    "DROP TRIGGER contract_parties_effective_from_insert",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ContractParties::Table)
                    .add_column(date_null(ContractParties::ContractEffectiveFrom))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE contract_parties SET contract_effective_from = \
             (SELECT c.effective_from FROM contracts c WHERE c.id = contract_parties.contract_id)",
        )
        .await?;
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_UP).await?;
            }
            _ => {
                for statement in SQLITE_UP {
                    db.execute_unprepared(statement).await?;
                }
            }
        }
        manager
            .create_index(index(
                NEW_INDEX,
                ContractParties::Table,
                &["organisation_id", "contract_effective_from", "contract_id"],
            ))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table(ContractParties::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                OLD_INDEX,
                ContractParties::Table,
                &["organisation_id", "contract_id"],
            ))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(NEW_INDEX)
                    .table(ContractParties::Table)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_DOWN).await?;
            }
            _ => {
                for statement in SQLITE_DOWN {
                    db.execute_unprepared(statement).await?;
                }
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ContractParties::Table)
                    .drop_column(ContractParties::ContractEffectiveFrom)
                    .to_owned(),
            )
            .await
    }
}
