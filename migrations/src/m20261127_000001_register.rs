//! The register's first schema: organisations, memberships, contracts and their parties,
//! services, coverages, people, key figures and the sources facts come from.
//!
//! Every table that people edit carries `created_at`, `updated_at` and a `version` counter
//! (optimistic concurrency). Foreign keys restrict deletion: history is never removed by a
//! cascade. Every column the API filters or joins on has an index.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sources {
    Table,
    Id,
    Title,
    Publisher,
    Url,
    PublishedOn,
    Note,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    ShortName,
    Kind,
    OfficialKey,
    ParentId,
    SourceId,
}

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
    Number,
    Title,
    Kind,
    SignedOn,
    EffectiveFrom,
    InitialTermMonths,
    InitialTermUntil,
    Renewal,
    RenewalMonths,
    NoticeMonths,
    NoticeTo,
    NoticeGivenOn,
    EndedOn,
    SourceId,
}

#[derive(DeriveIden)]
enum ContractParties {
    Table,
    Id,
    ContractId,
    OrganisationId,
    Role,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    OrganisationId,
    JoinedOn,
    LeftOn,
    Founding,
    ContractId,
    CapitalShareCents,
    Seats,
    CouncilDecisionOn,
    ContractSignedOn,
    LegalEffectOn,
    ItTakeoverOn,
    SourceId,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    Code,
    Name,
    Category,
    Vendor,
    Description,
    SourceId,
}

#[derive(DeriveIden)]
enum Coverages {
    Table,
    Id,
    ContractId,
    ServiceId,
    OrganisationId,
    StartsOn,
    EndsOn,
    Workstations,
    Users,
    SourceId,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    OrganisationId,
    Name,
    Role,
    Since,
    Until,
    SourceId,
}

#[derive(DeriveIden)]
enum KeyFigures {
    Table,
    Id,
    OrganisationId,
    Metric,
    Value,
    Qualifier,
    AsOf,
    SourceId,
}

#[derive(DeriveIden)]
enum Common {
    CreatedAt,
    UpdatedAt,
    Version,
}

/// A table with an integer key and the bookkeeping columns every record has.
pub(crate) fn register_table<T: IntoIden + 'static>(table: T, id: T) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(pk_auto(id))
        .col(timestamp_with_time_zone(Common::CreatedAt))
        .col(timestamp_with_time_zone(Common::UpdatedAt))
        .col(integer(Common::Version).default(1))
        .to_owned()
}

/// A foreign key that refuses to delete a referenced row.
pub(crate) fn restrict<F: IntoIden, T: IntoIden>(
    name: &str,
    from: (F, impl IntoIden),
    to: (T, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .to_owned()
}

pub(crate) fn index(
    name: &str,
    table: impl IntoIden,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut statement = Index::create().name(name).table(table).to_owned();
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                register_table(Sources::Table, Sources::Id)
                    .col(string_len(Sources::Title, 500))
                    .col(string_len_null(Sources::Publisher, 200))
                    .col(string_len_null(Sources::Url, 2000))
                    .col(date_null(Sources::PublishedOn))
                    .col(text_null(Sources::Note))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                register_table(Organisations::Table, Organisations::Id)
                    .col(string_len(Organisations::Name, 200))
                    .col(string_len_null(Organisations::ShortName, 50))
                    .col(string_len(Organisations::Kind, 32))
                    .col(string_len_null(Organisations::OfficialKey, 12))
                    .col(integer_null(Organisations::ParentId))
                    .col(integer_null(Organisations::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_organisations_parent",
                        (Organisations::Table, Organisations::ParentId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_organisations_source",
                        (Organisations::Table, Organisations::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_organisations_official_key",
                    Organisations::Table,
                    &["official_key"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_organisations_name",
                Organisations::Table,
                &["name"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_organisations_kind",
                Organisations::Table,
                &["kind"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_organisations_parent",
                Organisations::Table,
                &["parent_id"],
            ))
            .await?;

        manager
            .create_table(
                register_table(Contracts::Table, Contracts::Id)
                    .col(string_len_null(Contracts::Number, 100))
                    .col(string_len(Contracts::Title, 500))
                    .col(string_len(Contracts::Kind, 32))
                    .col(date_null(Contracts::SignedOn))
                    .col(date_null(Contracts::EffectiveFrom))
                    .col(integer_null(Contracts::InitialTermMonths))
                    .col(date_null(Contracts::InitialTermUntil))
                    .col(string_len(Contracts::Renewal, 16).default("NONE"))
                    .col(integer_null(Contracts::RenewalMonths))
                    .col(integer_null(Contracts::NoticeMonths))
                    .col(string_len_null(Contracts::NoticeTo, 16))
                    .col(date_null(Contracts::NoticeGivenOn))
                    .col(date_null(Contracts::EndedOn))
                    .col(integer_null(Contracts::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_contracts_source",
                        (Contracts::Table, Contracts::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_contracts_number", Contracts::Table, &["number"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_contracts_kind", Contracts::Table, &["kind"]))
            .await?;
        manager
            .create_index(index(
                "ix_contracts_effective",
                Contracts::Table,
                &["effective_from", "ended_on"],
            ))
            .await?;

        manager
            .create_table(
                register_table(ContractParties::Table, ContractParties::Id)
                    .col(integer(ContractParties::ContractId))
                    .col(integer(ContractParties::OrganisationId))
                    .col(string_len_null(ContractParties::Role, 32))
                    .foreign_key(&mut restrict(
                        "fk_contract_parties_contract",
                        (ContractParties::Table, ContractParties::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_contract_parties_organisation",
                        (ContractParties::Table, ContractParties::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_contract_parties_contract_organisation",
                    ContractParties::Table,
                    &["contract_id", "organisation_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_contract_parties_organisation",
                ContractParties::Table,
                &["organisation_id"],
            ))
            .await?;

        manager
            .create_table(
                register_table(Memberships::Table, Memberships::Id)
                    .col(integer(Memberships::OrganisationId))
                    .col(date(Memberships::JoinedOn))
                    .col(date_null(Memberships::LeftOn))
                    .col(boolean(Memberships::Founding).default(false))
                    .col(integer_null(Memberships::ContractId))
                    .col(big_integer_null(Memberships::CapitalShareCents))
                    .col(integer_null(Memberships::Seats))
                    .col(date_null(Memberships::CouncilDecisionOn))
                    .col(date_null(Memberships::ContractSignedOn))
                    .col(date_null(Memberships::LegalEffectOn))
                    .col(date_null(Memberships::ItTakeoverOn))
                    .col(integer_null(Memberships::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_memberships_organisation",
                        (Memberships::Table, Memberships::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_memberships_contract",
                        (Memberships::Table, Memberships::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_memberships_source",
                        (Memberships::Table, Memberships::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_memberships_organisation",
                Memberships::Table,
                &["organisation_id", "joined_on"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_memberships_period",
                Memberships::Table,
                &["joined_on", "left_on"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_memberships_contract",
                Memberships::Table,
                &["contract_id"],
            ))
            .await?;

        manager
            .create_table(
                register_table(Services::Table, Services::Id)
                    .col(string_len(Services::Code, 64))
                    .col(string_len(Services::Name, 200))
                    .col(string_len(Services::Category, 32))
                    .col(string_len_null(Services::Vendor, 200))
                    .col(text_null(Services::Description))
                    .col(integer_null(Services::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_services_source",
                        (Services::Table, Services::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_services_code", Services::Table, &["code"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_services_category",
                Services::Table,
                &["category"],
            ))
            .await?;

        manager
            .create_table(
                register_table(Coverages::Table, Coverages::Id)
                    .col(integer_null(Coverages::ContractId))
                    .col(integer(Coverages::ServiceId))
                    .col(integer(Coverages::OrganisationId))
                    .col(date(Coverages::StartsOn))
                    .col(date_null(Coverages::EndsOn))
                    .col(integer_null(Coverages::Workstations))
                    .col(integer_null(Coverages::Users))
                    .col(integer_null(Coverages::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_coverages_contract",
                        (Coverages::Table, Coverages::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_coverages_service",
                        (Coverages::Table, Coverages::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_coverages_organisation",
                        (Coverages::Table, Coverages::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_coverages_source",
                        (Coverages::Table, Coverages::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_coverages_contract",
                Coverages::Table,
                &["contract_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_coverages_service",
                Coverages::Table,
                &["service_id", "starts_on"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_coverages_organisation",
                Coverages::Table,
                &["organisation_id", "starts_on"],
            ))
            .await?;

        manager
            .create_table(
                register_table(People::Table, People::Id)
                    .col(integer(People::OrganisationId))
                    .col(string_len(People::Name, 200))
                    .col(string_len(People::Role, 200))
                    .col(date_null(People::Since))
                    .col(date_null(People::Until))
                    .col(integer_null(People::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_people_organisation",
                        (People::Table, People::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_people_source",
                        (People::Table, People::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_people_organisation",
                People::Table,
                &["organisation_id"],
            ))
            .await?;

        manager
            .create_table(
                register_table(KeyFigures::Table, KeyFigures::Id)
                    .col(integer(KeyFigures::OrganisationId))
                    .col(string_len(KeyFigures::Metric, 64))
                    .col(big_integer(KeyFigures::Value))
                    .col(string_len(KeyFigures::Qualifier, 16).default("EXACT"))
                    .col(date(KeyFigures::AsOf))
                    .col(integer_null(KeyFigures::SourceId))
                    .foreign_key(&mut restrict(
                        "fk_key_figures_organisation",
                        (KeyFigures::Table, KeyFigures::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_key_figures_source",
                        (KeyFigures::Table, KeyFigures::SourceId),
                        (Sources::Table, Sources::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_key_figures_organisation",
                KeyFigures::Table,
                &["organisation_id", "metric", "as_of"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Dependents first, so no foreign key is left dangling.
        for table in [
            KeyFigures::Table.into_iden(),
            People::Table.into_iden(),
            Coverages::Table.into_iden(),
            Services::Table.into_iden(),
            Memberships::Table.into_iden(),
            ContractParties::Table.into_iden(),
            Contracts::Table.into_iden(),
            Organisations::Table.into_iden(),
            Sources::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
