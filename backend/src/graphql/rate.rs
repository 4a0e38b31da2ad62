//! The `rateLimit` field: what the request cost and what is left of the caller's budget (see
//! `auth::budget`).

use async_graphql::{Context, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::auth::budget::Budget;

/// What a request cost and what is left.
#[derive(Debug, Clone, Copy, SimpleObject)]
pub struct RateLimit {
    /// Points per hour.
    pub limit: i32,
    /// What this request cost.
    pub cost: i32,
    /// Points left until `resetAt`.
    pub remaining: i32,
    /// When the budget is full again.
    pub reset_at: DateTime<Utc>,
}

impl From<Budget> for RateLimit {
    fn from(budget: Budget) -> Self {
        Self {
            limit: budget.limit,
            cost: budget.cost,
            remaining: budget.remaining,
            reset_at: budget.reset_at,
        }
    }
}

/// The `rateLimit` root.
#[derive(Debug, Default)]
pub struct RateLimitRoot;

#[Object]
impl RateLimitRoot {
    /// What this request cost and what is left of the caller's hourly budget; null when the
    /// server runs without a limit.
    async fn rate_limit(&self, ctx: &Context<'_>) -> Option<RateLimit> {
        ctx.data_opt::<Budget>().copied().map(Into::into)
    }
}
