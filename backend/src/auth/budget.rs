//! Rate limiting with cost points, after GitHub's GraphQL API: each caller (a partner token,
//! a staff account, or an address for anonymous callers) has a budget of points per hour; a
//! request costs its cost (see `http::cost::cost`: a field counts 1, what a list selects
//! counts once per record of its page) divided by 1,000, at least 1 point, and is refused
//! with `RATE_LIMITED` before it runs when the budget is spent. The answer tells the
//! caller where it stands: the `rateLimit` field and `x-ratelimit-*` headers.
//!
//! The counts live in the database (`register::budgets` charges them), so every server on it
//! counts together: behind N servers a caller still has one budget. This module holds the
//! rule: whose budget a request spends, what it costs, and how a count reads.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

use crate::auth::access::{Access, Principal};

/// How long a budget lasts.
pub const WINDOW: Duration = Duration::hours(1);
/// The budget per caller and hour when nothing else is configured.
pub const DEFAULT_POINTS: u32 = 5_000;
/// Complexity per point.
const COMPLEXITY_PER_POINT: u64 = 1_000;
/// How often a server removes the counts whose window is over.
const PURGE_EVERY: Duration = Duration::minutes(1);

/// What a request cost and what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Points per hour.
    pub limit: i32,
    /// What this request cost.
    pub cost: i32,
    /// Points left until `reset_at`.
    pub remaining: i32,
    /// When the budget is full again.
    pub reset_at: DateTime<Utc>,
}

impl Budget {
    /// Where a caller stands with `used` of `limit` points spent in a window that ends at
    /// `resets_at_ms` (milliseconds since 1970), asked for `cost`; clamped to 32 bits.
    pub fn of(limit: i64, cost: u64, used: i64, resets_at_ms: i64) -> Self {
        let clamp = |n: i64| i32::try_from(n.max(0)).unwrap_or(i32::MAX);
        Self {
            limit: clamp(limit),
            cost: i32::try_from(cost).unwrap_or(i32::MAX),
            remaining: clamp(limit.saturating_sub(used)),
            reset_at: DateTime::from_timestamp_millis(resets_at_ms)
                .unwrap_or_else(|| Utc::now() + WINDOW),
        }
    }

    /// Seconds until the budget is full again, at least one (`Retry-After`).
    pub fn wait_seconds(&self) -> i64 {
        (self.reset_at - Utc::now()).num_seconds().max(1)
    }

    /// What a caller is told when `what` ("request", "export") costs more than is left.
    pub fn refusal(&self, what: &str) -> String {
        format!(
            "Rate limit reached: this {what} costs {} points, {} of {} are left until {}.",
            self.cost,
            self.remaining,
            self.limit,
            self.reset_at.format("%H:%M UTC")
        )
    }
}

/// The budgets' settings on one server, and when it last removed old counts.
#[derive(Debug)]
pub struct Limiter {
    points: u32,
    next_purge_ms: AtomicI64,
}

impl Limiter {
    /// A limiter with `points` per caller and hour; `None` for 0 (no limit).
    pub fn new(points: u32) -> Option<Arc<Self>> {
        (points > 0).then(|| {
            Arc::new(Self {
                points,
                next_purge_ms: AtomicI64::new(0),
            })
        })
    }

    /// The points per caller and hour.
    pub fn points(&self) -> u32 {
        self.points
    }

    /// Whether this server should remove the counts whose window is over now: once a
    /// minute, by one request only.
    pub fn purge_due(&self, now_ms: i64) -> bool {
        let next = self.next_purge_ms.load(Ordering::Relaxed);
        next <= now_ms
            && self
                .next_purge_ms
                .compare_exchange(
                    next,
                    now_ms.saturating_add(PURGE_EVERY.num_milliseconds()),
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_ok()
    }
}

/// Whose budget a request spends.
pub fn key_of(access: &Access, address: Option<&str>) -> String {
    match &access.principal {
        Principal::Partner(partner) => format!("token:{}", partner.token_id),
        Principal::Staff(staff) => format!("user:{}", staff.user_id),
        Principal::Anonymous => format!("address:{}", address.unwrap_or("unknown")),
    }
}

/// The points a request that costs `complexity` (see `http::cost::cost`) is charged: one per
/// started thousand, at least one.
pub fn points_of(complexity: u64) -> u64 {
    complexity.div_ceil(COMPLEXITY_PER_POINT).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_reads_as_what_is_left_clamped() {
        let state = Budget::of(10, 4, 6, 1_000);
        assert_eq!((state.limit, state.cost, state.remaining), (10, 4, 4));
        assert_eq!(state.reset_at.timestamp_millis(), 1_000);
        let over = Budget::of(10, u64::MAX, 12, 1_000);
        assert_eq!((over.cost, over.remaining), (i32::MAX, 0));
        let huge = Budget::of(i64::MAX, 1, 0, 1_000);
        assert_eq!(huge.remaining, i32::MAX);
        assert!(Limiter::new(0).is_none());
    }

    #[test]
    fn old_counts_are_purged_once_a_minute() {
        let limiter = Limiter::new(10).unwrap_or_else(|| unreachable!());
        assert!(limiter.purge_due(1_000));
        assert!(
            !limiter.purge_due(1_000),
            "one request purges, not every one"
        );
        assert!(!limiter.purge_due(60_999));
        assert!(limiter.purge_due(61_000));
    }

    #[test]
    fn points_are_started_thousands_of_complexity() {
        assert_eq!(points_of(0), 1);
        assert_eq!(points_of(1_000), 1);
        assert_eq!(points_of(1_001), 2);
        assert_eq!(points_of(u64::MAX), u64::MAX.div_ceil(1_000));
    }
}
