//! The caller's personal calendar feed: made, replaced and revoked by the caller alone.

use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};

/// The address users reach the app at (`--public-url`), as request data.
#[derive(Debug, Clone, Default)]
pub struct PublicUrl(pub Option<String>);

/// A calendar feed just made: its address, shown only now.
#[derive(Debug, SimpleObject)]
pub struct CreatedCalendarFeed {
    /// The feed's address (`/calendar/{secret}.ics`), absolute when the server knows its
    /// public address. Only a digest of the secret is kept: it cannot be shown again.
    pub url: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// The caller's calendar feed, without its address.
#[derive(Debug, SimpleObject)]
pub struct CalendarFeed {
    /// When it was made (or last given a new address).
    pub created_at: DateTime<Utc>,
}
