//! Sample contracts for a demo (`verbund serve --demo`): service agreements, a data processing
//! agreement, a licence and a cooperation agreement with terms, so that the deadline desk has
//! deadlines to show. They are invented, not from any public record: their source says so and
//! every title begins with "Beispiel:". The first data set must be loaded (their parties are
//! its organisations); loading them twice changes nothing.

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, TransactionTrait};
use verbund_shared::contract::ContractKind;

use super::SeedReport;
use super::seeder::{Seeder, Terms, day};
use crate::entities::organisation;

/// The title of the source every sample names.
pub const SAMPLE_SOURCE: &str = "Beispieldaten für die Vorführung";

/// Loads the sample contracts; see the module documentation.
pub async fn load(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    let tx = db.begin().await?;
    let mut s = Seeder::new(&tx);
    let org = async |name: &str| -> Result<i32, DbErr> {
        organisation::Entity::find()
            .filter(organisation::Column::Name.eq(name))
            .one(&tx)
            .await?
            .map(|row| row.id)
            .ok_or_else(|| {
                DbErr::Custom(format!(
                    "sample contracts need the first data set (`--seed`): {name} is missing"
                ))
            })
    };
    let ksm = org("Kommunalservice Mecklenburg").await?;
    let sis = org("Schweriner IT- und Servicegesellschaft").await?;
    let ludwigslust = org("Stadt Ludwigslust").await?;
    let grabow = org("Stadt Grabow").await?;
    let amt = org("Amt Parchimer Umland").await?;
    let source = s
        .source(
            SAMPLE_SOURCE,
            None,
            "Erfundene Verträge mit Laufzeiten und Kündigungsfristen, damit die Vorführung \
             Fristen zeigt. Sie stammen aus keiner öffentlichen Quelle und beschreiben keine \
             tatsächlichen Vereinbarungen.",
        )
        .await?;
    let tacit = |initial: i32, notice: i32, to: &'static str| Terms {
        initial_term_months: Some(initial),
        renewal: "TACIT",
        renewal_months: Some(12),
        notice_months: Some(notice),
        notice_to: Some(to),
        ..Terms::default()
    };
    s.contract_on_terms(
        "Beispiel: Wartung Fachverfahren Einwohnerwesen",
        ContractKind::ServiceAgreement,
        (Some(day(2021, 11, 15)?), day(2022, 1, 1)?),
        tacit(36, 3, "END_OF_TERM"),
        &[(ksm, "PROVIDER"), (ludwigslust, "CUSTOMER")],
        source,
    )
    .await?;
    s.contract_on_terms(
        "Beispiel: Auftragsverarbeitung E-Mail-Betrieb",
        ContractKind::DataProcessingAgreement,
        (Some(day(2024, 1, 10)?), day(2024, 2, 1)?),
        tacit(12, 3, "END_OF_TERM"),
        &[(ksm, "PROCESSOR"), (grabow, "CONTROLLER")],
        source,
    )
    .await?;
    s.contract_on_terms(
        "Beispiel: Lizenzen Ratsinformationssystem",
        ContractKind::ServiceAgreement,
        (Some(day(2024, 3, 1)?), day(2024, 4, 1)?),
        Terms {
            initial_term_until: Some(day(2027, 3, 31)?),
            ..Terms::default()
        },
        &[(ksm, "PROVIDER"), (amt, "CUSTOMER")],
        source,
    )
    .await?;
    s.contract_on_terms(
        "Beispiel: Kooperation Rechenzentrumsbetrieb",
        ContractKind::CooperationAgreement,
        (Some(day(2019, 12, 2)?), day(2020, 1, 1)?),
        Terms {
            notice_months: Some(6),
            notice_to: Some("END_OF_YEAR"),
            ..Terms::default()
        },
        &[(ksm, "PARTNER"), (sis, "PARTNER")],
        source,
    )
    .await?;
    let report = s.report;
    tx.commit().await?;
    Ok(report)
}
