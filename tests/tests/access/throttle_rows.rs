//! The login throttle's table stays small: rows whose window and lock are over are removed,
//! and names no account can have are refused before a row is made for them.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use verbund::entities::login_throttle;
use verbund_shared::access::Role;
use verbund_tests::{TestApp, assert_bad_input, both, codes};

use crate::logins::{PASSWORD, login, make_account, post};

/// Puts a row into the throttle: `failures`, a window that started `started` minutes ago
/// and a lock that ends `locked` minutes from now.
async fn row(app: &TestApp, key: &str, failures: i32, started: i64, locked: Option<i64>) {
    let now = Utc::now();
    login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        window_started_at: Set(now - Duration::minutes(started)),
        locked_until: Set(locked.map(|minutes| now + Duration::minutes(minutes))),
    }
    .insert(app.db())
    .await
    .unwrap();
}

async fn keys(app: &TestApp) -> Vec<String> {
    let mut keys: Vec<String> = login_throttle::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.key)
        .collect();
    keys.sort();
    keys
}

both!(throttle_rows_expire_and_are_bounded, |app| async move {
    make_account(&app, "petra", Role::Viewer).await;
    // Over: an hour-old window, its lock ended half an hour ago.
    row(&app, "account:stale", 5, 60, Some(-30)).await;
    row(&app, "address:192.0.2.1", 3, 60, None).await;
    // Still locked, though its window is old.
    row(&app, "account:kept", 5, 60, Some(5)).await;
    // Petra was locked, and the lock is over: she signs in.
    row(&app, "account:petra", 5, 20, Some(-1)).await;
    let (_, cookies, body) = post(&app, login("petra", PASSWORD), &[]).await;
    assert_eq!(body["data"]["login"]["me"]["name"], "petra", "{body}");
    assert!(!cookies.is_empty());
    assert_eq!(
        keys(&app).await,
        ["account:kept", "account:petra", "address:127.0.0.1"]
    );

    // A name or password longer than any account's is refused before anything is kept.
    let long_name = "n".repeat(101);
    let (_, _, body) = post(&app, login(&long_name, "geraten geraten"), &[]).await;
    assert_bad_input(&body, &["name"]);
    let long_password = "p".repeat(257);
    let (_, _, body) = post(&app, login("petra", &long_password), &[]).await;
    assert_bad_input(&body, &["password"]);
    let (_, _, body) = post(&app, login(&"n".repeat(100), "geraten geraten"), &[]).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    assert_eq!(
        login_throttle::Entity::find()
            .count(app.db())
            .await
            .unwrap(),
        4
    );
});
