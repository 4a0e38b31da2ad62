//! The real server, serving a router on a free port of `127.0.0.1` in the test's own process.

use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running server. It shuts down when stopped or dropped.
#[derive(Debug)]
pub struct Server {
    address: String,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Serves `router` (with the server's own request handling) on a free port.
    pub async fn start(router: axum::Router) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a free port");
        let address = format!("http://{}", listener.local_addr().expect("local address"));
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(verbund::http::serve(listener, router, async {
            // A dropped sender ends the wait too.
            let _ = stopped.await;
        }));
        Self {
            address,
            shutdown,
            task,
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:4711`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Shuts the server down, and aborts it when open connections hold it up for long.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let mut task = self.task;
        if tokio::time::timeout(Duration::from_secs(5), &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}
