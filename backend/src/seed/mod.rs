//! The register's public record: the facts of the news article "Neue Träger für den KSM"
//! (8 October 2018) and the dates other public sources add, up to the 13 members of 2021
//! ([`article`] to 2019, [`later`] from 2020).
//!
//! Sample contracts with terms for a demo are apart from it, in [`samples`].
//!
//! Idempotent: every record is looked up by its natural key first and only inserted when
//! missing, all in one transaction, so running the seed twice changes nothing and a failed
//! run leaves nothing behind. A record an earlier seed wrote differently (the 2019 data set
//! recorded Grabow and Neustadt-Glewe as towns outside an Amt) is corrected, unless someone
//! has changed it since: then it is kept and the report lists it. Every record the seed
//! writes or corrects has its audit entry.

use sea_orm::{DatabaseConnection, DbErr};

use crate::register::totals::{kept, repair};

mod article;
pub mod clear;
mod later;
pub mod samples;
mod seeder;

use seeder::Seeder;

/// What a seed run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// Records inserted by this run (0 when the data set was already there).
    pub inserted: usize,
    /// Records written by an earlier seed that this run brought in line with the data set.
    pub corrected: usize,
    /// Records that differ from the data set but were left as they are because someone other
    /// than the seed has changed them since; one line each, naming the record and its fields.
    pub kept: Vec<String>,
}

impl SeedReport {
    /// Logs what a load of `what` (the public record, the sample contracts) did, and each
    /// record it kept as it is.
    pub fn log(&self, what: &str) {
        tracing::info!(
            inserted = self.inserted,
            corrected = self.corrected,
            kept = self.kept.len(),
            "{what} loaded"
        );
        for kept in &self.kept {
            tracing::warn!(record = %kept, "{what}: kept as it is");
        }
    }
}

/// Loads the public record; see the module documentation.
pub async fn run(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    let tx = crate::db::begin_write(db).await?;
    let mut s = Seeder::new(&tx);
    let founded = article::load(&mut s).await?;
    later::load(&mut s, &founded).await?;
    let report = s.report;
    if report.inserted + report.corrected > 0 {
        // The seed writes its coverages directly; their totals are written afresh once.
        repair::rebuild(&tx, kept::today())
            .await
            .map_err(|err| DbErr::Custom(format!("keeping the coverage totals: {err:?}")))?;
    }
    tx.commit().await?;
    Ok(report)
}
