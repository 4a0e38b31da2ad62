//! How a reminder reached each recipient by mail (`Reminder.deliveries`).

use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};

use crate::graphql::ids::{self, NodeType};
use crate::register::desk::deliver;

/// Where a reminder's mail to one recipient stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Waiting to be sent.
    Pending,
    /// Being sent by a server right now.
    Sending,
    /// Accepted by the mail server.
    Sent,
    /// The last attempt failed; tried again at `nextAttemptAt` unless that is null.
    Failed,
}

/// How a reminder goes out.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryChannel {
    /// By e-mail.
    Email,
}

/// A reminder sent to one staff account over one channel, at least once.
#[derive(Debug, Clone)]
pub struct Delivery(pub deliver::Delivery);

#[Object]
/// A reminder sent to one staff account over one channel, at least once.
impl Delivery {
    /// The channel.
    async fn channel(&self) -> DeliveryChannel {
        DeliveryChannel::Email
    }

    /// The address it goes to (staff only; null for partner tokens).
    async fn recipient(&self) -> Option<&str> {
        self.0.recipient.as_deref()
    }

    /// The staff account it goes to (staff only).
    async fn recipient_id(&self) -> Option<ID> {
        self.0.user_id.map(|id| ids::encode(NodeType::User, id))
    }

    /// Where it stands.
    async fn state(&self) -> DeliveryState {
        match self.0.state.as_str() {
            deliver::SENT => DeliveryState::Sent,
            deliver::SENDING => DeliveryState::Sending,
            deliver::FAILED => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        }
    }

    /// How often it was tried.
    async fn attempts(&self) -> i32 {
        self.0.attempts
    }

    /// Why the last attempt failed (staff only).
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }

    /// When it is tried (again); null once sent or given up.
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        self.0.next_attempt_at
    }

    /// When the mail server accepted it.
    async fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.0.sent_at
    }
}
