//! What the tests of the real binary share: the command with its database, and the address a
//! starting server prints, waited for no longer than the test allows.

use std::io::{BufRead, BufReader};
use std::process::{ChildStdout, Command};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_verbund");

/// `verbund` on the database at `db`, logging only warnings.
pub fn verbund(db: &str) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .env_remove("RUST_BACKTRACE");
    command
}

/// The address (`http://127.0.0.1:PORT`) a starting `verbund serve` prints on `stdout`;
/// panics when the server has not printed it `within` (or ended without it). The rest of
/// its output is read and dropped, so the server never blocks on a full pipe.
pub fn address(stdout: ChildStdout, within: Duration) -> String {
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            // Once the address is read nobody listens any more; keep draining.
            let _ = lines.send(line);
        }
    });
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match received.recv_timeout(left) {
            Ok(line) => {
                if let Some(rest) = line.split("running at ").nth(1) {
                    return rest.split('/').take(3).collect::<Vec<_>>().join("/");
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("the server printed no address within {within:?}")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("the server ended without printing its address")
            }
        }
    }
}
