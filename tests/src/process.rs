//! Programs outside the harness that a test hands a text to, such as a parser or a linter.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `command` with `input` on its standard input, closed after it, and waits for it to
/// end; what it wrote and how it ended. `expect` says what to do when it does not start.
pub fn with_input(command: &mut Command, input: &str, expect: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect(expect);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
