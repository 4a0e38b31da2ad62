//! Sample contracts for a demo (`verbund serve --demo`): service agreements (one that ends
//! unless expressly renewed), a data processing agreement, a licence and a cooperation
//! agreement with terms, so that the deadline desk has deadlines of every kind to show. They are invented, not from any public record: their source says so and
//! every title begins with "Beispiel:". The first data set must be loaded (their parties are
//! its organisations).
//!
//! Their dates follow the day the demo starts: a notice deadline within a week, one within a
//! month, a decision on renewing within six weeks and ends within ten weeks and three months
//! of that day. Loaded again on a later day, they are
//! dated afresh and their deadlines re-armed, unless someone has changed a sample since (then
//! it stays as it is and the report names it); on the same day nothing changes.

use chrono::{Days, Months, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use verbund_shared::contract::ContractKind;

use super::SeedReport;
use super::seeder::{Seeder, Terms, day};
use crate::entities::organisation;
use crate::register::desk::arm::{self, Mode};
use crate::timing::Timing;

pub use crate::register::sources::SAMPLE_SOURCE;

/// The name the samples' changes carry in the audit history.
const DEMO_ACTOR: &str = "verbund demo";

/// A day `days` after `today`.
fn after(today: NaiveDate, days: u64) -> Result<NaiveDate, DbErr> {
    today
        .checked_add_days(Days::new(days))
        .ok_or_else(|| DbErr::Custom(format!("no day {days} days after {today}")))
}

/// The day a term of `term` months must start for notice of `notice` months before its end
/// to be due on `notice_by` (BGB §§ 187(2), 188(2): the term ends the day before the day
/// `notice` months after the day after `notice_by`).
fn start_for(notice_by: NaiveDate, notice: u32, term: u32) -> Result<NaiveDate, DbErr> {
    after(notice_by, 1)?
        .checked_add_months(Months::new(notice))
        .and_then(|day_after_end| day_after_end.checked_sub_months(Months::new(term)))
        .ok_or_else(|| DbErr::Custom(format!("no term for a notice by {notice_by}")))
}

/// The days a sample was signed on and takes effect from.
fn dated(effective_from: NaiveDate) -> Result<(Option<NaiveDate>, NaiveDate), DbErr> {
    let signed_on = effective_from
        .checked_sub_days(Days::new(20))
        .ok_or_else(|| DbErr::Custom(format!("no signing day before {effective_from}")))?;
    Ok((Some(signed_on), effective_from))
}

/// Loads (or dates afresh) the sample contracts as of `timing`'s today and arms their
/// deadlines; see the module documentation.
pub async fn load(db: &DatabaseConnection, timing: &Timing) -> Result<SeedReport, DbErr> {
    let today = timing.clock.today();
    let tx = crate::db::begin_write(db).await?;
    let mut s = Seeder::with_actor(&tx, DEMO_ACTOR);
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
    let mut samples = Vec::new();
    // Notice is due within a week: 36 months, then renewed by 12 unless notice is given.
    let maintenance = s
        .contract_on_terms(
            "Beispiel: Wartung Fachverfahren Einwohnerwesen",
            ContractKind::ServiceAgreement,
            dated(start_for(after(today, 5)?, 3, 36)?)?,
            tacit(36, 3, "END_OF_TERM"),
            &[(ksm, "PROVIDER"), (ludwigslust, "CUSTOMER")],
            source,
        )
        .await?;
    samples.push(maintenance);
    // Notice is due within a month.
    let processing = s
        .contract_on_terms(
            "Beispiel: Auftragsverarbeitung E-Mail-Betrieb",
            ContractKind::DataProcessingAgreement,
            dated(start_for(after(today, 25)?, 3, 12)?)?,
            tacit(12, 3, "END_OF_TERM"),
            &[(ksm, "PROCESSOR"), (grabow, "CONTROLLER")],
            source,
        )
        .await?;
    samples.push(processing);
    // Ends by itself within three months.
    let licence_end = after(today, 80)?;
    let licence = s
        .contract_on_terms(
            "Beispiel: Lizenzen Ratsinformationssystem",
            ContractKind::ServiceAgreement,
            dated(start_for(licence_end, 0, 36)?)?,
            Terms {
                initial_term_until: Some(licence_end),
                ..Terms::default()
            },
            &[(ksm, "PROVIDER"), (amt, "CUSTOMER")],
            source,
        )
        .await?;
    samples.push(licence);
    // Ends with its term in ten weeks unless the parties renew it; they decide a month before.
    let hosting_end = after(today, 70)?;
    let hosting = s
        .contract_on_terms(
            "Beispiel: Rahmenvertrag Webhosting",
            ContractKind::ServiceAgreement,
            dated(start_for(hosting_end, 0, 24)?)?,
            Terms {
                initial_term_until: Some(hosting_end),
                renewal: "EXPRESS",
                decision_months: Some(1),
                ..Terms::default()
            },
            &[(ksm, "PROVIDER"), (ludwigslust, "CUSTOMER")],
            source,
        )
        .await?;
    samples.push(hosting);
    // Open-ended, notice by 30 June to the end of a year.
    let cooperation = s
        .contract_on_terms(
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
    samples.push(cooperation);
    // Deadlines move only when a sample was written or dated afresh.
    if s.report.inserted + s.report.corrected > 0 {
        for id in samples {
            arm::rearm(&tx, id, timing, Mode::Change)
                .await
                .map_err(|err| DbErr::Custom(format!("arming a sample's deadlines: {err:?}")))?;
        }
    }
    let report = s.report;
    tx.commit().await?;
    Ok(report)
}
