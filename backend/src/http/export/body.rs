//! The body of an export: the register's batches written as they are read, so the server
//! holds one batch at a time whatever the list's length. The body is not bound by the
//! request timeout (which ends once the answer's head is sent) but by [`TIME_LIMIT`] of its
//! own; an export that passes it, or whose batch fails, is cut off: the connection ends
//! without the body's proper end, so a client never takes a partial file for a whole one.

use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use futures_util::stream;

use super::columns;
use super::params::{Format, Lang, List};
use super::write::Writer;
use crate::register::Db;
use crate::register::export::Export;

/// The longest an export may take to write.
pub const TIME_LIMIT: Duration = Duration::from_secs(10 * 60);

/// Where an export's body stands.
struct Streaming {
    db: Db,
    export: Export,
    writer: Writer,
    /// The headers, written with the first chunk.
    start: Option<String>,
    ends_at: Instant,
    finished: bool,
    list: &'static str,
}

/// The body that writes `export`.
pub fn body(db: Db, export: Export, list: List, format: Format, lang: Lang) -> Body {
    let writer = Writer::new(format, lang, list.keys());
    let state = Streaming {
        start: Some(writer.start(&list.headers(lang))),
        db,
        export,
        writer,
        ends_at: Instant::now() + TIME_LIMIT,
        finished: false,
        list: list.name(),
    };
    Body::from_stream(stream::unfold(state, |mut state| async move {
        if state.finished {
            return None;
        }
        let chunk = state.chunk().await;
        Some((chunk, state))
    }))
}

impl Streaming {
    /// The next chunk: the headers and a batch, or the end.
    async fn chunk(&mut self) -> Result<Bytes, std::io::Error> {
        let mut out = self.start.take().unwrap_or_default();
        if Instant::now() > self.ends_at {
            self.finished = true;
            tracing::warn!(
                list = self.list,
                rows = self.writer.rows(),
                "export stopped: it took too long"
            );
            return Err(std::io::Error::other("the export took too long"));
        }
        match self.export.next(&self.db).await {
            Ok(Some(batch)) => self.writer.write(&columns::rows(&batch), &mut out),
            Ok(None) => {
                out.push_str(self.writer.end());
                self.finished = true;
                tracing::info!(
                    list = self.list,
                    rows = self.writer.rows(),
                    "export written"
                );
            }
            Err(err) => {
                self.finished = true;
                tracing::warn!(list = self.list, rows = self.writer.rows(), error = ?err, "export stopped: a batch failed");
                return Err(std::io::Error::other("the export failed"));
            }
        }
        Ok(Bytes::from(out))
    }
}
