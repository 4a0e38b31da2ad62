//! Prometheus metrics at `/metrics`: requests by route and status, their latency, GraphQL
//! errors by code, and the database pool. Kept in the process (atomics and a few small maps),
//! in the text exposition format.
//!
//! The numbers tell an attacker about load and failures, so `/metrics` answers only requests
//! from the machine itself (a scraper on the same host or a sidecar) or with the bearer token
//! set by `--metrics-token`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::{DatabaseConnection, DbBackend};

use crate::auth::password::Evaluations;
use crate::sync::locked;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    /// (route, status) → requests.
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    /// route → latency histogram.
    latency: Mutex<BTreeMap<&'static str, Histogram>>,
    /// GraphQL error code → errors.
    errors: Mutex<BTreeMap<String, u64>>,
    in_flight: AtomicU64,
    /// Passwords checked by logins.
    pub passwords: std::sync::Arc<Evaluations>,
}

/// The routes metrics are kept for; everything else is the web app.
pub fn route_of(path: &str) -> &'static str {
    match path {
        "/graphql" => "/graphql",
        exports if exports.starts_with("/export/") => "/export",
        reports if reports.starts_with("/report/") => "/report",
        "/graphiql" => "/graphiql",
        files if files.starts_with("/graphiql/") => "/graphiql",
        "/schema.graphql" => "/schema.graphql",
        "/healthz" => "/healthz",
        "/readyz" => "/readyz",
        "/metrics" => "/metrics",
        _ => "app",
    }
}

/// A request being answered. When its client goes away first, the server drops the request
/// unanswered, and with it this guard: the request is then no longer in flight either.
#[derive(Debug)]
pub struct InFlight {
    metrics: Option<std::sync::Arc<Metrics>>,
    route: &'static str,
    started: std::time::Instant,
}

impl InFlight {
    /// A request to `route` has started.
    pub fn start(metrics: std::sync::Arc<Metrics>, route: &'static str) -> Self {
        metrics.in_flight.fetch_add(1, Ordering::Relaxed);
        Self {
            metrics: Some(metrics),
            route,
            started: std::time::Instant::now(),
        }
    }

    /// The request has been answered with `status`.
    pub fn finish(mut self, status: u16) {
        if let Some(metrics) = self.metrics.take() {
            metrics.finished(self.route, status, self.started.elapsed());
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(metrics) = self.metrics.take() {
            metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

impl Metrics {
    /// A request has been answered.
    fn finished(&self, route: &'static str, status: u16, elapsed: Duration) {
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
        *locked(&self.requests).entry((route, status)).or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        let mut latency = locked(&self.latency);
        let histogram = latency.entry(route).or_default();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                histogram.counts[i] += 1;
            }
        }
        histogram.count += 1;
        histogram.sum += seconds;
    }

    /// A GraphQL answer carried an error with this code.
    pub fn graphql_error(&self, code: &str) {
        *locked(&self.errors).entry(code.to_owned()).or_default() += 1;
    }

    /// The text exposition of every metric.
    pub fn render(&self, db: &DatabaseConnection) -> String {
        let mut out = String::new();
        family(
            &mut out,
            "verbund_http_requests_total",
            "Requests answered, by route and status.",
            "counter",
        );
        for ((route, status), n) in locked(&self.requests).iter() {
            let _ = writeln!(
                out,
                "verbund_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        family(
            &mut out,
            "verbund_http_request_duration_seconds",
            "Time to answer, by route.",
            "histogram",
        );
        for (route, h) in locked(&self.latency).iter() {
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "verbund_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "verbund_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "verbund_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "verbund_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        family(
            &mut out,
            "verbund_http_requests_in_flight",
            "Requests being answered now.",
            "gauge",
        );
        let _ = writeln!(
            out,
            "verbund_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        family(
            &mut out,
            "verbund_graphql_errors_total",
            "GraphQL errors answered, by code.",
            "counter",
        );
        for (code, n) in locked(&self.errors).iter() {
            let _ = writeln!(out, "verbund_graphql_errors_total{{code=\"{code}\"}} {n}");
        }
        family(
            &mut out,
            "verbund_password_checks_total",
            "Passwords checked by logins.",
            "counter",
        );
        let _ = writeln!(
            out,
            "verbund_password_checks_total {}",
            self.passwords.count()
        );
        let (size, idle) = match db.get_database_backend() {
            DbBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DbBackend::Sqlite => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        };
        family(
            &mut out,
            "verbund_db_pool_connections",
            "Open database connections.",
            "gauge",
        );
        let _ = writeln!(out, "verbund_db_pool_connections {size}");
        family(
            &mut out,
            "verbund_db_pool_idle_connections",
            "Open database connections not in use.",
            "gauge",
        );
        let _ = writeln!(out, "verbund_db_pool_idle_connections {idle}");
        out
    }
}

/// Writes the `# HELP` and `# TYPE` lines that open the metric `name`'s samples.
fn family(out: &mut String, name: &str, help: &str, kind: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn requests(metrics: &Metrics) -> u64 {
        locked(&metrics.requests).values().sum()
    }

    #[test]
    fn an_answered_request_is_counted_and_no_longer_in_flight() {
        let metrics = Arc::new(Metrics::default());
        let request = InFlight::start(metrics.clone(), "/graphql");
        assert_eq!(metrics.in_flight.load(Ordering::Relaxed), 1);
        request.finish(200);
        assert_eq!(metrics.in_flight.load(Ordering::Relaxed), 0);
        assert_eq!(requests(&metrics), 1);
    }

    #[test]
    fn a_request_dropped_unanswered_is_no_longer_in_flight() {
        let metrics = Arc::new(Metrics::default());
        let request = InFlight::start(metrics.clone(), "/graphql");
        drop(request);
        assert_eq!(metrics.in_flight.load(Ordering::Relaxed), 0);
        assert_eq!(requests(&metrics), 0);
    }
}
