//! Where each contract stands, stored on its desk row so that lists filter on it in SQL: the
//! day it was worked out, the status, the next notice deadline and the end (of the contract,
//! else of its current term). It holds until the row's `rearm_on`, on which the scheduler
//! works it out again. Rows from before have none: the scheduler's next pass works them out,
//! and lists work a contract out themselves until then.
//!
//! Every contract has its desk row: a trigger adds an empty one (nothing worked out yet) to
//! each contract written, also behind the register's back, and the contracts from before get
//! theirs here, so a list finds a contract the desk has not seen by its row.
//!
//! The desk's counters read the undecided deadlines within 90 days in one pass: their index
//! gains the deadline's day, so the pass needs no table rows; the contracts ended in the last
//! 30 days are found by their end's kind and day.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_register::index;
use crate::steps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContractDesk {
    Table,
    StandingOn,
    Status,
    NoticeDeadline,
    EndsOn,
}

const INDEXES: [(&str, ContractDesk); 3] = [
    ("ix_contract_desk_standing_on", ContractDesk::StandingOn),
    (
        "ix_contract_desk_notice_deadline",
        ContractDesk::NoticeDeadline,
    ),
    ("ix_contract_desk_ends_on", ContractDesk::EndsOn),
];

#[derive(DeriveIden)]
enum Deadlines {
    Table,
}

/// The deadlines' index for the desk's list and counters, before and after.
const OLD_DESK_INDEX: (&str, &[&str]) = ("ix_deadlines_state_day_to_act", &["state", "day_to_act"]);
const DESK_INDEX: (&str, &[&str]) = (
    "ix_deadlines_state_day_to_act_day",
    &["state", "day_to_act", "day"],
);
const ENDS_INDEX: (&str, &[&str]) = ("ix_deadlines_kind_day", &["kind", "day"]);

const POSTGRES_UP: &str = "
INSERT INTO contract_desk (contract_id)
    SELECT id FROM contracts WHERE id NOT IN (SELECT contract_id FROM contract_desk);

CREATE FUNCTION contracts_take_a_desk_row() RETURNS trigger AS $$
BEGIN
    INSERT INTO contract_desk (contract_id) VALUES (NEW.id) ON CONFLICT (contract_id) DO NOTHING;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER contracts_desk_row AFTER INSERT ON contracts
    FOR EACH ROW EXECUTE FUNCTION contracts_take_a_desk_row();
";

const POSTGRES_DOWN: &str = "
DROP TRIGGER contracts_desk_row ON contracts;
DROP FUNCTION contracts_take_a_desk_row();
";

const SQLITE_UP: [&str; 2] = [
    "INSERT INTO contract_desk (contract_id)
         SELECT id FROM contracts WHERE id NOT IN (SELECT contract_id FROM contract_desk)",
    "CREATE TRIGGER contracts_desk_row AFTER INSERT ON contracts
     BEGIN
         INSERT OR IGNORE INTO contract_desk (contract_id) VALUES (NEW.id);
     END",
];

const SQLITE_DOWN: &str = "DROP TRIGGER contracts_desk_row";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = || ContractDesk::Table;
        steps::add_column(manager, table(), &mut date_null(ContractDesk::StandingOn)).await?;
        steps::add_column(
            manager,
            table(),
            &mut string_len_null(ContractDesk::Status, 20),
        )
        .await?;
        steps::add_column(
            manager,
            table(),
            &mut date_null(ContractDesk::NoticeDeadline),
        )
        .await?;
        steps::add_column(manager, table(), &mut date_null(ContractDesk::EndsOn)).await?;
        for (name, column) in INDEXES {
            steps::add_index(manager, name, table(), column, false).await?;
        }
        for (name, columns) in [DESK_INDEX, ENDS_INDEX] {
            manager
                .create_index(index(name, Deadlines::Table, columns))
                .await?;
        }
        steps::drop_index(manager, OLD_DESK_INDEX.0, Deadlines::Table).await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => db.execute_unprepared(POSTGRES_UP).await.map(drop),
            _ => {
                for statement in SQLITE_UP {
                    db.execute_unprepared(statement).await?;
                }
                Ok(())
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let down = match manager.get_database_backend() {
            DbBackend::Postgres => POSTGRES_DOWN,
            _ => SQLITE_DOWN,
        };
        manager.get_connection().execute_unprepared(down).await?;
        let (name, columns) = OLD_DESK_INDEX;
        manager
            .create_index(index(name, Deadlines::Table, columns))
            .await?;
        for (name, _) in [DESK_INDEX, ENDS_INDEX] {
            steps::drop_index(manager, name, Deadlines::Table).await?;
        }
        for (name, _) in INDEXES {
            steps::drop_index(manager, name, ContractDesk::Table).await?;
        }
        for column in [
            ContractDesk::EndsOn,
            ContractDesk::NoticeDeadline,
            ContractDesk::Status,
            ContractDesk::StandingOn,
        ] {
            steps::drop_column(manager, ContractDesk::Table, column).await?;
        }
        Ok(())
    }
}
