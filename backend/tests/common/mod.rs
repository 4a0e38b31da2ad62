//! What the tests of the real binary share: the command with its database, the address a
//! starting server prints, waited for no longer than the test allows, and a served process
//! that is killed when dropped.

// (Not every test file uses every helper.)
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
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

/// A `verbund serve` process; killed when dropped.
pub struct Served {
    child: Child,
    /// Its base URL, e.g. `http://127.0.0.1:4711`.
    pub address: String,
}

impl Served {
    /// Starts `verbund serve` on the database at `url` on a free port, without the rate
    /// limiter, with `args` besides; waits (at most 30 s) for its address.
    pub fn start<I, S>(url: &str, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut child = verbund(url)
            .args(["serve", "--listen", "127.0.0.1:0", "--rate-limit", "0"])
            .args(args)
            .env(
                "VERBUND_WEB_DIR",
                std::env::temp_dir().join("verbund-no-app"),
            )
            .stdout(Stdio::piped())
            .spawn()
            .expect("starting verbund serve");
        let stdout = child.stdout.take().expect("its output");
        // Killed on drop, should the address not come.
        let mut served = Self {
            child,
            address: String::new(),
        };
        served.address = address(stdout, Duration::from_secs(30));
        served
    }

    /// Kills the process (SIGKILL: no chance to finish anything) and waits for it.
    pub fn kill(mut self) {
        self.child.kill().expect("killing the server");
        self.child.wait().expect("the killed server");
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
