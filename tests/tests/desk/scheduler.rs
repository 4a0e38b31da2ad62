//! The scheduler: reminders due are claimed once in the database, by one server or several,
//! and their inbox entries are written in the claiming transaction; what fell due while no
//! server ran goes out on the next start, marked late.

use std::time::Duration;

use sea_orm::EntityTrait;
use serde_json::json;
use verbund::register::desk::due;
use verbund_tests::{both, renewing_contract_row};

use super::*;

/// Inserts `n` contracts that renew every year from 1 January 2025 with three months' notice.
async fn renewing_contracts(app: &TestApp, n: usize) {
    let rows = (0..n)
        .map(|i| renewing_contract_row(format!("Vertrag {i:03}"), "2024-12-01", "2025-01-01", 12));
    verbund::entities::contract::Entity::insert_many(rows)
        .exec_without_returning(app.db())
        .await
        .unwrap();
}

both!(two_servers_send_each_reminder_once, |app| async move {
    const CONTRACTS: usize = 200;
    renewing_contracts(&app, CONTRACTS).await;
    let (clock, timing) = clock_at("2025-06-02T08:00:00Z");
    pass(&app, &timing).await;
    // Each contract's notice deadline and end, four reminders each.
    assert_eq!(app.count_rows("deadlines").await, 2 * CONTRACTS as i64);
    assert_eq!(app.count_rows("reminders").await, 8 * CONTRACTS as i64);
    // 08:00 in Germany on 1 September: the 90-day and the 30-day reminder of each
    // contract's notice deadline (30 September) are due.
    clock.set(instant("2025-09-01T06:00:00Z"));
    let other = verbund::db::connect(app.database_url()).await.unwrap();
    let mut servers = tokio::task::JoinSet::new();
    for n in 0..6 {
        let db = if n % 2 == 0 {
            app.db().clone()
        } else {
            other.clone()
        };
        let timing = timing.clone();
        servers.spawn(async move { due::send_due(&db, &timing).await });
    }
    let passes: Vec<_> = servers
        .join_all()
        .await
        .into_iter()
        .map(|pass| pass.unwrap())
        .collect();
    let sent: usize = passes.iter().map(|pass| pass.sent).sum();
    assert_eq!(sent, 2 * CONTRACTS, "{passes:?}");
    assert_eq!(app.count_rows("inbox_entries").await, 2 * CONTRACTS as i64);
    let claimed = app.count_rows("reminders WHERE state = 'SENT'").await;
    assert_eq!(claimed, 2 * CONTRACTS as i64);
    // Every entry names another reminder.
    let distinct = app
        .count_rows("(SELECT DISTINCT reminder_id FROM inbox_entries) AS d")
        .await;
    assert_eq!(distinct, 2 * CONTRACTS as i64);
    let inbox = app.data("{ me { unreadCount } }", json!({})).await;
    assert_eq!(inbox["me"]["unreadCount"], 2 * CONTRACTS);
    other.close().await.unwrap();
});

both!(
    a_started_scheduler_sends_what_fell_due_while_it_was_down,
    |app| async move {
        renewing_contracts(&app, 3).await;
        let (clock, timing) = clock_at("2025-06-02T08:00:00Z");
        pass(&app, &timing).await;
        // Nothing ran from June to 1 October, 09:00 in Germany.
        clock.set(instant("2025-10-01T07:00:00Z"));
        let scheduler = verbund::scheduler::spawn(
            app.db().clone(),
            timing.clone(),
            Duration::from_secs(3600),
            None,
        );
        let mut waited = 0;
        while app.count_rows("inbox_entries").await < 12 && waited < 100 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            waited += 1;
        }
        scheduler.stop().await;
        assert_eq!(app.count_rows("inbox_entries").await, 12);
        assert_eq!(
            app.count_rows("reminders WHERE state = 'SENT' AND late")
                .await,
            12
        );
        let reminders = verbund::entities::reminder::Entity::find()
            .all(app.db())
            .await
            .unwrap();
        assert!(reminders.iter().all(|r| (r.state == "SENT") == r.late));
        // The next term's notice deadline is armed, and the overdue one waits for a decision.
        let overdue = timed(&app, &timing)
            .await
            .data("{ deadlines(state: OVERDUE) { totalCount } upcoming: deadlines(state: UPCOMING) { totalCount } }", json!({}))
            .await;
        assert_eq!(overdue["deadlines"]["totalCount"], 3);
        assert_eq!(overdue["upcoming"]["totalCount"], 6);
    }
);

both!(a_reminder_goes_out_at_seven_in_germany, |app| async move {
    renewing_contracts(&app, 1).await;
    let (clock, timing) = clock_at("2025-06-02T08:00:00Z");
    pass(&app, &timing).await;
    // 2 July 2025, the 90-day reminder's day: 06:59 in Germany is too early.
    clock.set(instant("2025-07-02T04:59:00Z"));
    assert_eq!(pass(&app, &timing).await.sent, 0);
    clock.set(instant("2025-07-02T05:00:00Z"));
    let done = pass(&app, &timing).await;
    assert_eq!((done.sent, done.late), (1, 0));
});

both!(
    a_contract_the_domain_rejects_does_not_hold_up_the_others,
    |app| async move {
        use sea_orm::{ActiveModelTrait, Set};
        // Renews tacitly without saying by how much: the domain refuses to read it.
        verbund::entities::contract::ActiveModel {
            renewal_months: Set(None),
            ..renewing_contract_row("Kaputt", "2024-12-01", "2025-01-01", 12)
        }
        .insert(app.db())
        .await
        .unwrap();
        renewing_contracts(&app, 1).await;
        let (_, timing) = clock_at("2025-06-02T08:00:00Z");
        pass(&app, &timing).await;
        assert_eq!(app.count_rows("deadlines").await, 2);
        // And it is not looked at again on every pass.
        assert_eq!(pass(&app, &timing).await.rearmed, 0);
    }
);
