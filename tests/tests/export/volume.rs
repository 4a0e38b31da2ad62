//! A long list streams whole: 10,000 contracts exported and read back.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, Set};
use verbund::entities::contract;
use verbund_tests::{both, contract_row, header};

use super::{column, read_csv};

const CONTRACTS: usize = 10_000;

/// The resident memory of this process (the test and the server it runs), in kB.
fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

both!(ten_thousand_contracts_export_whole, |app| async move {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let loading = Instant::now();
    for chunk in (0..CONTRACTS).collect::<Vec<_>>().chunks(500) {
        contract::Entity::insert_many(chunk.iter().map(|i| contract::ActiveModel {
            number: Set(Some(format!("M-{i:05}"))),
            effective_from: Set(start.checked_add_days(Days::new(*i as u64))),
            ..contract_row(format!("Massenvertrag {i:05}"))
        }))
        .exec(app.db())
        .await
        .unwrap();
    }
    let loaded = loading.elapsed();

    let before = resident_kb();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                peak.fetch_max(resident_kb(), std::sync::atomic::Ordering::Relaxed);
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        })
    };
    let exporting = Instant::now();
    let response = app
        .get_with_headers("/export/contracts.csv?lang=en&search=Massenvertrag", &[])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Streamed: the length is not known before the end.
    assert_eq!(header(&response, "content-length"), None);
    let body = response.text().await.unwrap();
    let exported = exporting.elapsed();
    sampler.abort();
    let peak = peak.load(std::sync::atomic::Ordering::Relaxed);

    let (headers, rows) = read_csv(&body);
    assert_eq!(rows.len(), CONTRACTS);
    let titles = column(&headers, &rows, "title");
    let numbers = column(&headers, &rows, "number");
    let from = column(&headers, &rows, "effectiveFrom");
    for i in [0, 1, 499, 500, 4_321, CONTRACTS - 1] {
        let row = titles
            .iter()
            .position(|title| *title == format!("Massenvertrag {i:05}"))
            .unwrap_or_else(|| panic!("contract {i} is missing"));
        assert_eq!(numbers[row], format!("M-{i:05}"));
        let day = start.checked_add_days(Days::new(i as u64)).unwrap();
        assert_eq!(from[row], day.format("%Y-%m-%d").to_string());
    }
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), CONTRACTS, "no row twice");

    let objects: Vec<serde_json::Value> = serde_json::from_str(
        &app.get_with_headers("/export/contracts.json?search=Massenvertrag", &[])
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(objects.len(), CONTRACTS);
    eprintln!(
        "{:?}: loaded {CONTRACTS} contracts in {loaded:?}; exported them as CSV ({} bytes) in {exported:?}; \
         resident memory of test and server {before} kB before, at most {peak} kB during",
        app.backend(),
        body.len()
    );
});
