//! A test written once for both databases: [`both!`] and [`both_empty!`], and the runners
//! that give each run its database and remove it afterwards, whether the test passed or not.

use std::future::Future;

use crate::{Backend, TestApp, TestDatabase};

/// Writes an API test once and runs it on both backends, as `<name>::sqlite` and
/// `<name>::postgres`:
///
/// ```text
/// both!(members_today, |app| async move {
///     let data = app.data("{ members { totalCount } }", json!({})).await;
///     assert_eq!(data["members"]["totalCount"], 6);
/// });
/// ```
#[macro_export]
macro_rules! both {
    ($name:ident, $test:expr) => {
        $crate::both!(@backends $name, run_app, $test);
    };
    (@backends $name:ident, $runner:ident, $test:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::$runner($crate::Backend::Sqlite, $test).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::$runner($crate::Backend::Postgres, $test).await;
            }
        }
    };
}

/// Like [`both!`], but the test gets an empty database (no tables) instead of a running app:
/// for the migrations themselves.
#[macro_export]
macro_rules! both_empty {
    ($name:ident, $test:expr) => {
        $crate::both!(@backends $name, run_on_empty, $test);
    };
}

/// Runs `test` against a fresh app on `backend`, then stops its servers and drops the
/// database.
pub async fn run_app<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if let Some(database) = TestDatabase::seeded(backend).await {
        let app = TestApp::start(&database).await;
        let servers = app.servers.clone();
        guarded(database, test(app), servers.stop_all()).await;
    }
}

/// Runs `test` with a fresh, empty database on `backend`, then drops it.
pub async fn run_on_empty<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestDatabase) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if let Some(database) = TestDatabase::empty(backend).await {
        guarded(database.clone(), test(database), async {}).await;
    }
}

/// Runs `test` in its own task, so that a panic still lets `after` run and the database be
/// removed; the panic is then raised again with its original payload.
async fn guarded(
    database: TestDatabase,
    test: impl Future<Output = ()> + Send + 'static,
    after: impl Future<Output = ()>,
) {
    let outcome = tokio::spawn(test).await;
    after.await;
    database.remove().await;
    if let Err(err) = outcome {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
        panic!("the test task did not finish: {err}");
    }
}
