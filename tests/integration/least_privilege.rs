//! Least privilege: the worker under a NATS user holding exactly the rights of
//! `deploy/nats/worker-permissions.json` (and of the core-mode file), in a server configuration
//! generated here from those files, beside an unrestricted user the test itself connects
//! with. Every path works and the server logs no violation; a user lacking the right to
//! publish results makes the worker name the subject within seconds and give up on the
//! article (a dead letter) instead of retrying in silence.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use futures::StreamExt;
use serde_json::Value;

use crate::support::jetstream::{assert_each_result_once, publish, stream_count, wait_count};
use crate::support::{self, articles, NatsServer, WorkerProcess};

const WORKER_USER: &str = "article-worker";
const WORKER_PASSWORD: &str = "worker-pass-never-logged";
const TEST_USER: &str = "test";
const TEST_PASSWORD: &str = "test-pass";
const READY: Duration = Duration::from_secs(20);

fn permissions_file(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy/nats")
        .join(name);
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

/// A nats-server whose `article-worker` user has `permissions`, and whose `test` user may do
/// anything; its log (with every permission violation) is kept.
struct RestrictedNats {
    server: NatsServer,
    dir: tempfile::TempDir,
}

impl RestrictedNats {
    fn start(permissions: &Value) -> RestrictedNats {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("nats.conf");
        let log = dir.path().join("nats.log");
        // The configuration format is a superset of JSON: the file goes in as it is.
        std::fs::write(
            &conf,
            format!(
                "log_file: {log:?}\nauthorization {{\n  users = [\n    \
                 {{ user: {WORKER_USER:?}, password: {WORKER_PASSWORD:?}, permissions: {permissions} }}\n    \
                 {{ user: {TEST_USER:?}, password: {TEST_PASSWORD:?} }}\n  ]\n}}\n"
            ),
        )
        .unwrap();
        let server = NatsServer::start_with(&["-c", conf.to_str().unwrap()]);
        RestrictedNats { server, dir }
    }

    /// A connection as the unrestricted test user.
    async fn test_client(&self) -> async_nats::Client {
        async_nats::ConnectOptions::with_user_and_password(TEST_USER.into(), TEST_PASSWORD.into())
            .connect(self.server.url())
            .await
            .expect("the test user connects")
    }

    /// A worker logged in as the restricted user; `extra` adds settings.
    fn worker(&self, extra: &[(&str, &str)]) -> WorkerProcess {
        let mut env = vec![
            ("NATS__USER", WORKER_USER),
            ("NATS__PASSWORD", WORKER_PASSWORD),
        ];
        env.extend_from_slice(extra);
        WorkerProcess::start(&self.server.url(), &env)
    }

    /// Every permission violation the server logged.
    fn violations(&self) -> Vec<String> {
        std::fs::read_to_string(self.log_path())
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("Violation"))
            .map(str::to_owned)
            .collect()
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("nats.log")
    }
}

fn assert_ready(worker: &WorkerProcess, nats: &RestrictedNats) {
    assert!(
        worker.wait_ready(READY),
        "worker not ready:\n{}\nviolations: {:#?}",
        worker.log_text(),
        nats.violations()
    );
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(support::seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read(p).unwrap())
        })
        .collect()
}

#[test]
fn the_permissions_files_are_what_the_deployed_settings_need() {
    use article_worker::settings::Settings;
    use article_worker::transport::permissions::{needed, Permissions};
    for (file, mode) in [
        ("worker-permissions.json", "jetstream"),
        ("worker-permissions-core.json", "core"),
    ] {
        // The deployments in deploy/ share the dedup store between replicas in JetStream.
        let env = [
            ("ARTICLE_WORKER__DEDUP__STORE", "jetstream"),
            ("ARTICLE_WORKER__INPUT__MODE", mode),
        ];
        let settings =
            Settings::load_with_env(None, env.map(|(k, v)| (k.to_owned(), v.to_owned()))).unwrap();
        let shipped: Permissions = serde_json::from_value(permissions_file(file)).unwrap();
        assert_eq!(
            shipped,
            needed(&settings),
            "{file}: regenerate with `article-worker nats-permissions`"
        );
    }
}

/// Seeds, a dead letter, the shared dedup bucket, `articles.analyze`, `$SRV` discovery and
/// the max-deliveries advisory (a message a dead replica held on its last delivery, past its
/// ack wait when the worker is back), all under the file's rights, with not one violation in
/// the server's log.
#[tokio::test(flavor = "multi_thread")]
async fn the_worker_runs_under_exactly_the_rights_of_the_permissions_file() {
    let nats = RestrictedNats::start(&permissions_file("worker-permissions.json"));
    let settings = [
        ("DEDUP__STORE", "jetstream"),
        ("INPUT__MAX_DELIVER", "1"),
        // Long enough for the seeds on a loaded machine: each has one delivery.
        ("INPUT__ACK_WAIT", "5s"),
    ];
    let mut worker = nats.worker(&settings);
    assert_ready(&worker, &nats);
    let client = nats.test_client().await;
    let js = jetstream::new(client.clone());

    let seeds = seeds();
    publish(&js, &seeds).await;
    publish(&js, &[("not-text".into(), b"\xff\xfe not UTF-8".to_vec())]).await;
    let n = seeds.len() as u64;
    let results = wait_count(&js, "ARTICLE_RESULTS", n, Duration::from_secs(30)).await;
    assert_eq!(results, n, "{}", worker.log_text());
    assert_eq!(
        wait_count(&js, "ARTICLE_DLQ", 1, Duration::from_secs(30)).await,
        1
    );
    assert_analyze_and_discovery(&client, &seeds[0].1, "exact_duplicate").await;

    // A replica that dies holding a message on its last delivery: the test takes the message
    // from the shared consumer while the worker is down and never acknowledges it. The worker,
    // back, gets the advisory through its advisory stream and dead-letters the message from
    // the input stream.
    worker.kill();
    publish(&js, &[("abandoned".into(), b"an article".to_vec())]).await;
    take_without_acking(&js).await;
    // JetStream announces the message given up on only when a pull reaches it: the worker
    // back, a while after the last ack wait ended.
    tokio::time::sleep(Duration::from_secs(6)).await;
    worker.spawn();
    assert_ready(&worker, &nats);
    assert_eq!(
        wait_count(&js, "ARTICLE_DLQ", 2, Duration::from_secs(30)).await,
        2,
        "{}",
        worker.log_text()
    );
    // Handled, the advisory is acknowledged and leaves its work-queue stream.
    let mut left = u64::MAX;
    for _ in 0..100 {
        left = stream_count(&js, "ARTICLES_ABANDONED").await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "{}", worker.log_text());
    assert_eq!(nats.violations(), Vec::<String>::new());
    assert!(matches!(worker.http_get("/readyz"), Some((200, _))));
}

/// `articles.analyze` answers (`dedup` the status expected for `article`, which the worker has
/// seen), and `$SRV` discovery finds the service.
async fn assert_analyze_and_discovery(client: &async_nats::Client, article: &[u8], dedup: &str) {
    let reply = client
        .request("articles.analyze", article.to_vec().into())
        .await
        .unwrap();
    let v: Value = serde_json::from_slice(&reply.payload).unwrap();
    assert_eq!(v["schema"], "article-worker/v1", "{v}");
    assert_eq!(v["dedup"]["status"], dedup, "{v}");
    for subject in [
        "$SRV.PING",
        "$SRV.PING.article-worker",
        "$SRV.INFO.article-worker",
    ] {
        let reply = client.request(subject, "".into()).await.unwrap();
        let v: Value = serde_json::from_slice(&reply.payload).unwrap();
        assert_eq!(v["name"], "article-worker", "{subject}: {v}");
    }
}

/// Fetches one message from the worker's durable consumer and drops it unacknowledged. The
/// killed worker's last pull request can outlive it on the server and take the message first:
/// then the dead worker holds it unacknowledged, which is the same case.
async fn take_without_acking(js: &jetstream::Context) {
    let mut consumer: jetstream::consumer::PullConsumer = js
        .get_consumer_from_stream("article-worker", "ARTICLES")
        .await
        .unwrap();
    let mut batch = consumer
        .fetch()
        .max_messages(1)
        .expires(Duration::from_secs(5))
        .messages()
        .await
        .unwrap();
    match tokio::time::timeout(Duration::from_secs(10), batch.next()).await {
        Ok(Some(taken)) => assert_eq!(taken.unwrap().payload.as_ref(), b"an article"),
        _ => {
            // Delivered and never acknowledged (by now perhaps past its last ack wait).
            let info = consumer.info().await.unwrap();
            assert!(
                info.delivered.stream_sequence > info.ack_floor.stream_sequence,
                "the message was neither taken nor held: {info:?}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sigkill_under_the_restricted_user_loses_nothing() {
    const N: usize = 1000;
    let nats = RestrictedNats::start(&permissions_file("worker-permissions.json"));
    let mut worker = nats.worker(&[("DEDUP__STORE", "embedded")]);
    assert_ready(&worker, &nats);
    let js = jetstream::new(nats.test_client().await);
    publish(&js, &articles(N)).await;
    let reached = wait_count(
        &js,
        "ARTICLE_RESULTS",
        N as u64 / 4,
        Duration::from_secs(120),
    )
    .await;
    assert!(reached < N as u64, "the kill must land mid-run ({reached})");
    worker.signal("KILL");
    worker.wait_exit(Duration::from_secs(10)).expect("killed");
    worker.spawn();
    assert_ready(&worker, &nats);
    assert_each_result_once(&js, N, Duration::from_secs(240)).await;
    assert_eq!(stream_count(&js, "ARTICLE_DLQ").await, 0);
    assert_eq!(nats.violations(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn core_mode_runs_under_exactly_the_rights_of_the_core_file() {
    let nats = RestrictedNats::start(&permissions_file("worker-permissions-core.json"));
    let worker = nats.worker(&[("INPUT__MODE", "core"), ("DEDUP__STORE", "jetstream")]);
    assert_ready(&worker, &nats);
    let client = nats.test_client().await;
    let seeds = seeds();
    for (_, text) in &seeds {
        client
            .publish("articles.ingest", text.clone().into())
            .await
            .unwrap();
    }
    client
        .publish("articles.ingest.late", b"\xff not UTF-8".to_vec().into())
        .await
        .unwrap();
    let js = jetstream::new(client.clone());
    let n = seeds.len() as u64;
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", n, Duration::from_secs(30)).await,
        n
    );
    assert_eq!(
        wait_count(&js, "ARTICLE_DLQ", 1, Duration::from_secs(30)).await,
        1
    );
    // Published without an id, the seed's id is its content hash: the request is that
    // article again, not a duplicate of it.
    assert_analyze_and_discovery(&client, &seeds[0].1, "unique").await;
    assert_eq!(nats.violations(), Vec::<String>::new());
}

/// The file's rights without `articles.processed`: within seconds the log has an ERROR line
/// naming the subject, `/readyz` answers 503 saying so, the metric counts it; the article
/// is dead-lettered once its deliveries are spent instead of being retried for ever.
#[tokio::test(flavor = "multi_thread")]
async fn a_user_that_may_not_publish_results_is_named_within_seconds() {
    let mut permissions = permissions_file("worker-permissions.json");
    permissions["publish"]["allow"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s != "articles.processed");
    let nats = RestrictedNats::start(&permissions);
    let worker = nats.worker(&[
        ("INPUT__MAX_DELIVER", "2"),
        ("OUTPUT__PUBLISH_TIMEOUT", "2s"),
    ]);
    assert_ready(&worker, &nats);
    let js = jetstream::new(nats.test_client().await);
    let started = Instant::now();
    publish(&js, &seeds()[..1]).await;

    let named = wait_for(Duration::from_secs(5), || {
        worker.log_text().lines().any(|l| {
            l.contains("ERROR") && l.contains("articles.processed") && l.contains("publish")
        })
    });
    assert!(
        named,
        "no ERROR line names the subject:\n{}",
        worker.log_text()
    );
    let (code, body) = worker.http_get("/readyz").unwrap();
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("publish to \"articles.processed\""), "{body}");
    let metrics = worker.http_get("/metrics").unwrap().1;
    let denied = support::metric_value(
        &metrics,
        "article_worker_nats_permission_denied_total{operation=\"publish\"}",
    );
    assert!(denied >= 1.0, "{metrics}");
    assert!(started.elapsed() < Duration::from_secs(10));

    // Two deliveries, then JetStream gives up and the advisory dead-letters the article.
    assert_eq!(
        wait_count(&js, "ARTICLE_DLQ", 1, Duration::from_secs(40)).await,
        1,
        "{}",
        worker.log_text()
    );
    assert_eq!(stream_count(&js, "ARTICLE_RESULTS").await, 0);
}

fn wait_for(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}
