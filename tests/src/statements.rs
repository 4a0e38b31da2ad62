//! The SQL statements an app runs on its connection, counted and kept, so a test can tell
//! whether a query's cost grows with its page (N+1).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use sea_orm::DatabaseConnection;
use verbund::sync::locked;

use crate::TestApp;

/// The count and the SQL of the statements run on one connection since the last reset.
#[derive(Debug, Clone, Default)]
pub(crate) struct Statements {
    count: Arc<AtomicUsize>,
    /// The SQL of those statements, for failure messages.
    log: Arc<Mutex<Vec<String>>>,
}

impl Statements {
    /// Counts what `db` runs from now on. Only clones made afterwards count too, so this comes
    /// before the router gets its clone.
    pub(crate) fn install(db: &mut DatabaseConnection) -> Self {
        let statements = Self::default();
        let (count, log) = (Arc::clone(&statements.count), Arc::clone(&statements.log));
        db.set_metric_callback(move |info| {
            count.fetch_add(1, Ordering::SeqCst);
            locked(&log).push(info.statement.sql.clone());
        });
        statements
    }
}

impl TestApp {
    /// How many SQL statements ran on the app's connection since the last reset.
    pub fn statements(&self) -> usize {
        self.statements.count.load(Ordering::SeqCst)
    }

    /// The SQL of the statements that ran since the last reset, oldest first.
    pub fn statement_log(&self) -> Vec<String> {
        locked(&self.statements.log).clone()
    }

    pub fn reset_statements(&self) {
        let mut log = locked(&self.statements.log);
        log.clear();
        self.statements.count.store(0, Ordering::SeqCst);
    }
}
