//! How an organisation belongs to its parent: as a unit that acts through it (an
//! Eigenbetrieb, a municipal company, a school) or as part of its territory (a town in its
//! district or Amt). A member's units are reached through unit links only, so a district never
//! counts the towns in it as its own. Existing links are classified by the child's kind:
//! districts, towns, municipalities and Ämter are territory, everything else a unit.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    ParentLink,
}

/// The kinds that are territorial bodies (see `OrganisationKind::is_territorial`).
const TERRITORIAL: &str = "'LANDKREIS', 'KREISFREIE_STADT', 'AMTSFREIE_STADT', 'AMTSANGEHOERIGE_STADT', 'GEMEINDE', 'AMT'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(ColumnDef::new(Organisations::ParentLink).string().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "UPDATE organisations SET parent_link = CASE WHEN kind IN ({TERRITORIAL}) \
             THEN 'TERRITORY' ELSE 'UNIT' END WHERE parent_id IS NOT NULL"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::ParentLink)
                    .to_owned(),
            )
            .await
    }
}
