//! A real mail server for the tests: Python's aiosmtpd (installed by `scripts/setup`, see
//! `verbund_setup_clients`) on a port of its own, writing each message it receives, decoded
//! by Python's email package, into a folder (`tests/smtp/sink.py`).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// The Python of the virtual environment `scripts/setup` makes for the client tests.
pub fn venv_python() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_default();
    cache.join("verbund/clients-venv/bin/python")
}

/// A free port on 127.0.0.1 (free when asked; nothing listens there until a sink starts).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// A certificate authority and a certificate for 127.0.0.1 signed by it, made with openssl
/// into `folder`: the authority's certificate, the server's certificate and its key.
pub fn certificates(folder: &std::path::Path) -> (PathBuf, PathBuf, PathBuf) {
    std::fs::create_dir_all(folder).expect("a folder for certificates");
    let ca = folder.join("ca.pem");
    let ca_key = folder.join("ca.key");
    let cert = folder.join("cert.pem");
    let key = folder.join("key.pem");
    let request = folder.join("cert.csr");
    let extensions = folder.join("ext.cnf");
    std::fs::write(
        &extensions,
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .expect("the certificate's extensions");
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let steps: [Vec<&std::ffi::OsStr>; 3] = [
        ["req", "-x509", "-days", "1", "-subj", "/CN=Verbund Test CA"]
            .iter()
            .chain(&ec)
            .map(std::ffi::OsStr::new)
            .chain([
                "-keyout".as_ref(),
                ca_key.as_os_str(),
                "-out".as_ref(),
                ca.as_os_str(),
            ])
            .collect(),
        ["req", "-subj", "/CN=127.0.0.1"]
            .iter()
            .chain(&ec)
            .map(std::ffi::OsStr::new)
            .chain([
                "-keyout".as_ref(),
                key.as_os_str(),
                "-out".as_ref(),
                request.as_os_str(),
            ])
            .collect(),
        vec![
            "x509".as_ref(),
            "-req".as_ref(),
            "-days".as_ref(),
            "1".as_ref(),
            "-in".as_ref(),
            request.as_os_str(),
            "-CA".as_ref(),
            ca.as_os_str(),
            "-CAkey".as_ref(),
            ca_key.as_os_str(),
            "-CAcreateserial".as_ref(),
            "-extfile".as_ref(),
            extensions.as_os_str(),
            "-out".as_ref(),
            cert.as_os_str(),
        ],
    ];
    for args in steps {
        let output = Command::new("openssl")
            .args(&args)
            .output()
            .expect("openssl: run `source scripts/setup && verbund_setup_proxy`");
        assert!(
            output.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    (ca, cert, key)
}

/// A running mail server; it stops when dropped.
#[derive(Debug)]
pub struct MailSink {
    child: Child,
    pub port: u16,
    folder: PathBuf,
}

impl MailSink {
    /// Starts a mail server on `port` (plain, or with STARTTLS required when given a
    /// certificate and its key); panics when aiosmtpd is not installed.
    pub fn start(port: u16, tls: Option<(&std::path::Path, &std::path::Path)>) -> Self {
        let args: Vec<std::ffi::OsString> = match tls {
            Some((cert, key)) => vec![cert.into(), key.into()],
            None => Vec::new(),
        };
        Self::start_with(port, &args)
    }

    /// Starts a mail server on `port` that offers AUTH without TLS, accepts every login and
    /// notes it ([`MailSink::logins`]).
    pub fn start_offering_auth(port: u16) -> Self {
        Self::start_with(port, &["--auth".into()])
    }

    /// Starts a plain mail server on `port` that keeps each message `delay` before it
    /// answers that it accepted it (having written it first).
    pub fn start_slow(port: u16, delay: Duration) -> Self {
        Self::start_with(
            port,
            &["--delay-ms".into(), delay.as_millis().to_string().into()],
        )
    }

    /// The logins tried so far (their mechanisms).
    pub fn logins(&self) -> Vec<String> {
        std::fs::read_to_string(self.folder.join("logins"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn start_with(port: u16, args: &[std::ffi::OsString]) -> Self {
        let folder = std::env::temp_dir().join(format!(
            "verbund-mail-{}-{port}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos()
        ));
        std::fs::create_dir_all(&folder).expect("a folder for mails");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("smtp/sink.py");
        let mut command = Command::new(venv_python());
        command
            .arg(script)
            .arg("127.0.0.1")
            .arg(port.to_string())
            .arg(&folder)
            .args(args);
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("Python's aiosmtpd: run `source scripts/setup && verbund_setup_clients`");
        let stdout = child.stdout.take().expect("its output");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the mail server says it is ready");
        assert_eq!(
            line.trim(),
            "ready",
            "the mail server did not start (is aiosmtpd installed? `source scripts/setup && verbund_setup_clients`)"
        );
        Self {
            child,
            port,
            folder,
        }
    }

    /// The messages received so far, in no particular order.
    pub fn mails(&self) -> Vec<Value> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .map(|text| serde_json::from_str(&text).expect("a message as JSON"))
            .collect()
    }

    /// Waits (up to `seconds`) until at least `n` messages have arrived; then the messages.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            let mails = self.mails();
            if mails.len() >= n || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}
