//! The scheduler inside `verbund serve`: every so often (and at once on start, so reminders
//! that fell due while every server was down go out, marked late) it arms the deadlines that
//! need arming and sends the reminders that are due (see `register::desk::due`). Several
//! servers on one database may run it at once: each reminder is claimed once. With a mail
//! server it then mails the deliveries due (see `register::desk::deliver`), each claimed by
//! one server before it is sent.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::register::desk::deliver;
use crate::register::desk::due;
use crate::register::desk::mail::Mailer;
use crate::timing::Timing;

/// How often the scheduler looks, unless told otherwise.
pub const DEFAULT_EVERY: Duration = Duration::from_secs(60);

/// A running scheduler; it stops when [`Scheduler::stop`] is called or it is dropped.
#[derive(Debug)]
pub struct Scheduler {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts the scheduler on `db`, looking every `every`; with `mailer`, reminders are mailed.
pub fn spawn(
    db: DatabaseConnection,
    timing: Arc<Timing>,
    every: Duration,
    mailer: Option<Arc<Mailer>>,
) -> Scheduler {
    let (stop, mut stopping) = watch::channel(false);
    let task = tokio::spawn(async move {
        loop {
            match due::pass(&db, &timing).await {
                Ok(pass) if pass.sent > 0 || pass.rearmed > 0 => tracing::info!(
                    rearmed = pass.rearmed,
                    sent = pass.sent,
                    late = pass.late,
                    entries = pass.entries,
                    "deadline desk"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(?err, "the deadline desk's pass failed; trying again"),
            }
            if let Some(mailer) = &mailer {
                match deliver::send_pending(&db, &timing.clock, mailer).await {
                    Ok(done) if done.sent > 0 || done.failed > 0 => {
                        tracing::info!(sent = done.sent, failed = done.failed, "reminder mails");
                    }
                    Ok(_) => {}
                    Err(err) => tracing::warn!(?err, "sending reminder mails failed; trying again"),
                }
            }
            tokio::select! {
                () = tokio::time::sleep(every) => {}
                _ = stopping.changed() => return,
            }
        }
    });
    Scheduler { stop, task }
}

impl Scheduler {
    /// Stops the scheduler after the pass it may be in.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}
