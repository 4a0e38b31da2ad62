//! Rate limiting with cost points, after GitHub's GraphQL API: each caller (a partner token,
//! a staff account, or an address for anonymous callers) has a budget of points per hour; a
//! request costs its cost (see `http::cost::cost`: a field counts 1, what a list selects
//! counts once per record of its page) divided by 1,000, at least 1 point, and is refused
//! with `RATE_LIMITED` before it runs when the budget is spent. The answer tells the
//! caller where it stands: the `rateLimit` field and `x-ratelimit-*` headers.
//!
//! The counts live in the server's memory: each instance counts for itself, so behind N
//! instances a caller may spend up to N budgets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};

use crate::auth::access::{Access, Principal};

/// How long a budget lasts.
pub const WINDOW: Duration = Duration::hours(1);
/// The budget per caller and hour when nothing else is configured.
pub const DEFAULT_POINTS: u32 = 5_000;
/// Complexity per point.
const COMPLEXITY_PER_POINT: u64 = 1_000;

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

#[derive(Debug, Clone, Copy)]
struct Bucket {
    used: u64,
    resets: DateTime<Utc>,
}

/// The budgets of all callers; one per server.
#[derive(Debug)]
pub struct Limiter {
    points: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Limiter {
    /// A limiter with `points` per caller and hour; `None` for 0 (no limit).
    pub fn new(points: u32) -> Option<Arc<Self>> {
        (points > 0).then(|| {
            Arc::new(Self {
                points,
                buckets: Mutex::new(HashMap::new()),
            })
        })
    }

    /// The points per caller and hour.
    pub fn points(&self) -> u32 {
        self.points
    }

    /// Charges `cost` to `key`: the state after the charge, or, when the budget does not
    /// cover it, the state unchanged as the error. Counted in 64 bits, checked.
    fn charge(&self, key: &str, cost: u64) -> Result<Budget, Budget> {
        let now = Utc::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() > 100_000 {
            buckets.retain(|_, bucket| bucket.resets > now);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            used: 0,
            resets: now + WINDOW,
        });
        if bucket.resets <= now {
            *bucket = Bucket {
                used: 0,
                resets: now + WINDOW,
            };
        }
        let points = u64::from(self.points);
        let state = |used: u64| Budget {
            limit: i32::try_from(points).unwrap_or(i32::MAX),
            cost: i32::try_from(cost).unwrap_or(i32::MAX),
            remaining: i32::try_from(points.saturating_sub(used)).unwrap_or(i32::MAX),
            reset_at: bucket.resets,
        };
        match bucket.used.checked_add(cost) {
            Some(used) if used <= points => {
                bucket.used = used;
                Ok(state(used))
            }
            _ => Err(state(bucket.used)),
        }
    }
}

/// Whose budget a request spends.
fn key_of(access: &Access, address: Option<&str>) -> String {
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

/// Charges a request that costs `complexity` to its caller before it runs: where the caller
/// stands afterwards, or, when the budget does not cover it, where it stands unchanged as the
/// error. (A request that costs more than a whole budget is refused before; see `http::api`.)
pub fn charge(
    limiter: &Limiter,
    access: &Access,
    address: Option<&str>,
    complexity: u64,
) -> Result<Budget, Budget> {
    limiter.charge(&key_of(access, address), points_of(complexity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_are_spent_and_refused_per_key() {
        let limiter = Limiter::new(10).unwrap_or_else(|| unreachable!());
        let first = limiter.charge("a", 4).unwrap_or_else(|s| s);
        assert_eq!((first.cost, first.remaining), (4, 6));
        assert!(limiter.charge("a", 6).is_ok());
        let refused = limiter.charge("a", 1).err();
        assert_eq!(refused.map(|s| s.remaining), Some(0));
        assert!(
            limiter.charge("b", 10).is_ok(),
            "each key has its own budget"
        );
        assert!(Limiter::new(0).is_none());
    }

    #[test]
    fn a_cost_beyond_any_budget_is_refused_without_wrapping() {
        let limiter = Limiter::new(10).unwrap_or_else(|| unreachable!());
        assert!(limiter.charge("a", 3).is_ok());
        let refused = limiter.charge("a", u64::MAX).err();
        assert_eq!(refused.map(|s| s.remaining), Some(7));
        let refused = limiter.charge("a", u64::from(u32::MAX) + 1).err();
        assert_eq!(refused.map(|s| (s.remaining, s.cost)), Some((7, i32::MAX)));
        assert_eq!(limiter.charge("a", 7).map(|s| s.remaining), Ok(0));
    }
}
