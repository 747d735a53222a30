//! Helpers for integration tests: a private nats-server on a free port with a temporary
//! store (so a test can kill and restart it), and the worker binary as a child process.
#![allow(dead_code)]

pub mod cluster;
pub mod jetstream;
pub mod proxy;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The nats-server binary: `NATS_SERVER_BIN`, else Debian's, else the first on PATH.
pub fn nats_server_bin() -> PathBuf {
    if let Ok(p) = std::env::var("NATS_SERVER_BIN") {
        return PathBuf::from(p);
    }
    let debian = PathBuf::from("/usr/sbin/nats-server");
    if debian.exists() {
        return debian;
    }
    PathBuf::from("nats-server")
}

/// A free TCP port on 127.0.0.1, never one this test process was given
/// before: the kernel may hand the same ephemeral port to two `bind(0)`
/// calls in a row once the first listener is closed, and a server given one
/// port for two listeners dies at start.
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// Waits until something accepts connections on `port`.
pub fn wait_for_port(port: u16, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A nats-server with JetStream, private to one test.
pub struct NatsServer {
    pub port: u16,
    pub store: tempfile::TempDir,
    extra_args: Vec<String>,
    child: Option<Child>,
}

impl NatsServer {
    pub fn start() -> NatsServer {
        NatsServer::start_with(&[])
    }

    /// Starts with extra command-line arguments (for example `--config FILE`).
    pub fn start_with(extra_args: &[&str]) -> NatsServer {
        let mut s = NatsServer {
            port: free_port(),
            store: tempfile::tempdir().unwrap(),
            extra_args: extra_args.iter().map(|s| s.to_string()).collect(),
            child: None,
        };
        s.spawn();
        s
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    fn spawn(&mut self) {
        let child = Command::new(nats_server_bin())
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-sd",
            ])
            .arg(self.store.path())
            .args(&self.extra_args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server starts (install the nats-server package)");
        self.child = Some(child);
        assert!(
            wait_for_port(self.port, Duration::from_secs(10)),
            "nats-server listens on {}",
            self.port
        );
    }

    /// Kills the server (SIGKILL) and keeps its store.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Stops the server without closing its connections (SIGSTOP): clients see a server that
    /// accepts nothing and answers nothing, as a stalled downstream does.
    pub fn pause(&self) {
        self.send("STOP");
    }

    /// Lets a paused server go on (SIGCONT).
    pub fn resume(&self) {
        self.send("CONT");
    }

    fn send(&self, signal: &str) {
        let pid = self.child.as_ref().expect("server running").id();
        let ok = Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "kill -{signal} {pid}");
    }

    /// Starts the server again on the same port with the same store.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The worker binary built by cargo for this test run.
pub fn worker_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_article-worker"))
}

/// The project's seed articles.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The public corpus: `ARTICLE_WORKER_CORPUS`, else ../shared/corpus beside the project, else
/// /work/shared/corpus (where scripts/golden.sh also looks, for a clone elsewhere).
fn corpus_dir() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    std::env::var_os("ARTICLE_WORKER_CORPUS")
        .map(PathBuf::from)
        .or_else(|| {
            [beside, PathBuf::from("/work/shared/corpus")]
                .into_iter()
                .find(|d| d.is_dir())
        })
        .unwrap_or_default()
}

/// `n` real articles: the public corpus (see [`corpus_dir`]) when it is there, else the seeds
/// with a numbered update line (near copies of each other: a dedup test needs the corpus).
pub fn articles(n: usize) -> Vec<(String, Vec<u8>)> {
    let corpus = corpus_dir();
    let mut files: Vec<_> = ["en", "de", "ar", "fa"]
        .iter()
        .flat_map(|d| std::fs::read_dir(corpus.join(d)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    if files.is_empty() {
        files = std::fs::read_dir(seeds_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
    }
    (0..n)
        .map(|i| {
            let mut text = std::fs::read(&files[i % files.len()]).unwrap();
            if i >= files.len() {
                text.extend_from_slice(format!("\n\nUpdate {i}.").as_bytes());
            }
            (format!("article-{i:05}"), text)
        })
        .collect()
}

/// `article-worker run` as a child process, with settings given as environment variables.
pub struct WorkerProcess {
    pub http_port: u16,
    pub data_dir: tempfile::TempDir,
    env: Vec<(String, String)>,
    child: Option<Child>,
    pub log: PathBuf,
}

impl WorkerProcess {
    /// Starts a worker against `nats_url` with test-friendly settings (memory dedup store,
    /// short ack wait); `extra` overrides them (`("DEDUP__STORE", "embedded")`).
    pub fn start(nats_url: &str, extra: &[(&str, &str)]) -> WorkerProcess {
        let data_dir = tempfile::tempdir().unwrap();
        let http_port = free_port();
        let mut env: Vec<(String, String)> = vec![
            ("NATS__URL".into(), nats_url.into()),
            ("HTTP__LISTEN".into(), format!("127.0.0.1:{http_port}")),
            ("DEDUP__STORE".into(), "memory".into()),
            (
                "DEDUP__DATA_DIR".into(),
                data_dir.path().display().to_string(),
            ),
            ("INPUT__ACK_WAIT".into(), "3s".into()),
            ("INPUT__BACKOFF".into(), "".into()),
            ("WORKER__SHUTDOWN_GRACE".into(), "10s".into()),
        ];
        for (k, v) in extra {
            env.retain(|(key, _)| key != k);
            env.push((k.to_string(), v.to_string()));
        }
        let log = data_dir.path().join("worker.log");
        let mut w = WorkerProcess {
            http_port,
            data_dir,
            env,
            child: None,
            log,
        };
        w.spawn();
        w
    }

    /// [`WorkerProcess::start`], then waits until /readyz answers 200 (panics with the log if
    /// it does not within 20 s).
    pub fn start_ready(nats_url: &str, extra: &[(&str, &str)]) -> WorkerProcess {
        let w = WorkerProcess::start(nats_url, extra);
        assert!(
            w.wait_ready(Duration::from_secs(20)),
            "worker not ready:\n{}",
            w.log_text()
        );
        w
    }

    pub fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let mut cmd = Command::new(worker_bin());
        cmd.arg("run").stdout(Stdio::null()).stderr(log);
        for (k, v) in &self.env {
            cmd.env(format!("ARTICLE_WORKER__{k}"), v);
        }
        self.child = Some(cmd.spawn().expect("the worker binary starts"));
    }

    /// GET `path` on the worker's HTTP port: (status, body).
    pub fn http_get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.http_port, path)
    }

    /// Waits until /readyz answers 200.
    pub fn wait_ready(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if matches!(self.http_get("/readyz"), Some((200, _))) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// Sends a signal (`"KILL"`, `"TERM"`) to the worker.
    pub fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the worker to exit; its exit code, or None on timeout.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.as_mut()?.try_wait().unwrap() {
                self.child = None;
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// SIGKILL and wait.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `article-worker run` once against `nats_url`, expecting it to stop by itself (a
/// start-up failure), with at most two connection attempts; `extra` adds settings
/// (`("NATS__USER", "u")`).
pub fn run_worker_once(nats_url: &str, extra: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(worker_bin());
    cmd.arg("run")
        .env("ARTICLE_WORKER__NATS__URL", nats_url)
        .env(
            "ARTICLE_WORKER__HTTP__LISTEN",
            format!("127.0.0.1:{}", free_port()),
        )
        .env("ARTICLE_WORKER__NATS__INITIAL_CONNECT_ATTEMPTS", "2")
        .env("ARTICLE_WORKER__DEDUP__STORE", "memory");
    for (k, v) in extra {
        cmd.env(format!("ARTICLE_WORKER__{k}"), v);
    }
    cmd.output().expect("the worker binary runs")
}

/// A minimal HTTP/1.0 GET on 127.0.0.1: (status, body).
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    let status = buf.split_whitespace().nth(1)?.parse().ok()?;
    let body = buf
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// A value of a metric line on /metrics text (`name{labels} value`), summed over lines that
/// start with `prefix`.
pub fn metric_value(metrics_text: &str, prefix: &str) -> f64 {
    metrics_text
        .lines()
        .filter(|l| l.starts_with(prefix))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}
