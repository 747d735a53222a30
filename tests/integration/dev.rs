//! `article-worker run --dev`: one command for a first run. Where nothing listens at
//! `nats.url` the worker starts a private nats-server with its store under the data directory
//! and stops it on exit; where no nats-server can be found it says how to get one; where a
//! server already listens it starts nothing.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::jetstream::{js, wait_count};
use crate::support::{free_port, http_get, worker_bin, NatsServer};

const READY: Duration = Duration::from_secs(30);
/// The one line `--dev` logs when it starts a server.
const STARTED: &str = "started a private nats-server";

/// `run --dev` against `nats_port`, data under `dir`, its log in `dir/worker.log`.
fn run_dev(dir: &std::path::Path, nats_port: u16, http_port: u16) -> Child {
    let log = std::fs::File::create(dir.join("worker.log")).unwrap();
    Command::new(worker_bin())
        .args(["run", "--dev"])
        .current_dir(dir)
        .env(
            "ARTICLE_WORKER__NATS__URL",
            format!("nats://127.0.0.1:{nats_port}"),
        )
        .env(
            "ARTICLE_WORKER__HTTP__LISTEN",
            format!("127.0.0.1:{http_port}"),
        )
        .env("ARTICLE_WORKER__DEDUP__DATA_DIR", dir.join("data"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the worker starts")
}

fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "waited in vain for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn listens(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn run_dev_starts_a_private_server_where_none_listens_and_stops_it_on_exit() {
    let dir = tempfile::tempdir().unwrap();
    let (nats_port, http_port) = (free_port(), free_port());
    assert!(!listens(nats_port));
    let mut worker = run_dev(dir.path(), nats_port, http_port);
    let log = || std::fs::read_to_string(dir.path().join("worker.log")).unwrap_or_default();
    wait_until("the worker to be ready", READY, || {
        matches!(http_get(http_port, "/readyz"), Some((200, _)))
    });
    assert_eq!(log().matches(STARTED).count(), 1, "{}", log());
    assert!(
        dir.path().join("data/nats/jetstream").is_dir(),
        "store under the data directory"
    );

    // A real JetStream server: an article published to it comes back as a result.
    let js = js(&format!("nats://127.0.0.1:{nats_port}")).await;
    js.publish(
        "articles.ingest",
        "The mayor said: \"We open the bridge.\"".into(),
    )
    .await
    .unwrap()
    .await
    .unwrap();
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", 1, Duration::from_secs(30)).await,
        1
    );

    let _ = Command::new("kill")
        .args(["-TERM", &worker.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = worker.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the worker exits on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{}", log());
    wait_until(
        "the private server to stop",
        Duration::from_secs(10),
        || !listens(nats_port),
    );
}

#[test]
fn run_dev_without_a_nats_server_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(worker_bin())
        .args(["run", "--dev"])
        .current_dir(dir.path())
        .env("NATS_SERVER_BIN", dir.path().join("no-nats-server-here"))
        .env(
            "ARTICLE_WORKER__NATS__URL",
            format!("nats://127.0.0.1:{}", free_port()),
        )
        .env(
            "ARTICLE_WORKER__HTTP__LISTEN",
            format!("127.0.0.1:{}", free_port()),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(stderr.lines().count(), 1, "one message:\n{stderr}");
    for way in [
        "apt install nats-server",
        "brew install nats-server",
        "nats-server-bin",
        "docker run",
    ] {
        assert!(stderr.contains(way), "{way}: {stderr}");
    }
}

#[test]
fn run_dev_uses_a_server_that_already_listens() {
    let nats = NatsServer::start();
    let dir = tempfile::tempdir().unwrap();
    let http_port = free_port();
    let mut worker = run_dev(dir.path(), nats.port, http_port);
    wait_until("the worker to be ready", READY, || {
        matches!(http_get(http_port, "/readyz"), Some((200, _)))
    });
    let log = std::fs::read_to_string(dir.path().join("worker.log")).unwrap();
    assert!(!log.contains(STARTED), "{log}");
    assert!(!dir.path().join("data/nats").exists());
    let _ = worker.kill();
    let _ = worker.wait();
}
