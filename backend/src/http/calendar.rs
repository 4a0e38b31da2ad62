//! `GET /calendar/{secret}.ics`: a staff account's personal calendar feed of the open
//! deadlines (see `register::desk::calendar`). The secret is the only credential, so it is
//! never logged: request logs and spans show the path as [`redact`] writes it. An unknown,
//! replaced or revoked secret is answered 404 like any other, without saying which.

use std::borrow::Cow;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use verbund_shared::refusal::ErrorCode;

use super::AppState;
use super::ical;
use super::refusal::Refusal;
use crate::register::desk::calendar;

use crate::register::desk::calendar::PATH as PREFIX;

/// A path as logs may show it: a calendar feed's secret replaced.
pub fn redact(path: &str) -> Cow<'_, str> {
    if path.starts_with(PREFIX) {
        Cow::Owned(format!("{PREFIX}[redacted]"))
    } else {
        Cow::Borrowed(path)
    }
}

/// The feed.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(secret) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match calendar::events(&state.db, secret).await {
        Ok(Some(events)) => {
            let public_url = state.settings.public_url.as_deref();
            let host = public_url
                .and_then(|address| url::Url::parse(address).ok())
                .and_then(|address| address.host_str().map(str::to_owned))
                .unwrap_or_else(|| "verbund".to_owned());
            let now = state.settings.timing.clock.now();
            let body = ical::calendar(&events, public_url, &host, now);
            (
                [
                    (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                    (header::CACHE_CONTROL, "private, no-store"),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::warn!(?err, "a calendar feed could not be read");
            Refusal::new(
                ErrorCode::Unavailable,
                "The calendar cannot be read right now; try again later.",
            )
            .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_redacted() {
        assert_eq!(redact("/calendar/vcal_geheim.ics"), "/calendar/[redacted]");
        assert_eq!(redact("/graphql"), "/graphql");
    }

    /// Collects what the log writes.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            crate::sync::locked(&self.0).extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn the_secret_never_reaches_the_log() {
        use tower_service::Service;
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let mut router = crate::http::with_middleware(
            axum::Router::new().route("/calendar/{file}", axum::routing::get(|| async { "" })),
        );
        let request = axum::http::Request::get("/calendar/vcal_Geheimnis42.ics")
            .body(axum::body::Body::empty())
            .unwrap_or_default();
        std::future::poll_fn(|cx| {
            Service::<axum::http::Request<axum::body::Body>>::poll_ready(&mut router, cx)
        })
        .await
        .unwrap_or_else(|never| match never {});
        let response = router
            .call(request)
            .await
            .unwrap_or_else(|never| match never {});
        assert_eq!(response.status(), StatusCode::OK);
        let log = String::from_utf8_lossy(&crate::sync::locked(&captured.0)).into_owned();
        assert!(log.contains("/calendar/[redacted]"), "{log}");
        assert!(!log.contains("Geheimnis42"), "{log}");
    }
}
