//! Scripted fault runs: many faults during one run of real articles, each ending with the
//! figures RELIABILITY.md reports (sent, results, dead letters, lost, twice). The run size is
//! `FAULT_ARTICLES` (2,000 by default, so CI stays quick); `scripts/fault-runs.sh` runs them
//! at 20,000 against a release build.
//!
//! "Twice" is counted in the results stream, which is what downstream consumers read; a core
//! subscriber on the results subject also counts the raw publishes, where a redelivered
//! article's repeated result shows before the server's duplicate window drops it.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream;
use futures::StreamExt;

use crate::support::jetstream::{ids_of, js, publish, read_stream, stream_count, wait_count};
use crate::support::proxy::PullDropProxy;
use crate::support::{self, articles, NatsServer, WorkerProcess};

const READY: Duration = Duration::from_secs(30);
/// How long a whole run may take to deliver every result once the faults are over.
const SETTLE: Duration = Duration::from_secs(300);

/// Retries spread over 15 s, so that a downstream fault of a few seconds costs no article.
const RETRY: [(&str, &str); 2] = [
    ("INPUT__BACKOFF", "1s,2s,4s,8s"),
    ("INPUT__MAX_DELIVER", "6"),
];

fn run_size() -> usize {
    std::env::var("FAULT_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

/// Counts every message published on the results subject, repeats included.
async fn count_raw_results(url: &str) -> Arc<AtomicU64> {
    let client = async_nats::ConnectOptions::new()
        .retry_on_initial_connect()
        .connect(url)
        .await
        .unwrap();
    let mut sub = client.subscribe("articles.processed").await.unwrap();
    client.flush().await.unwrap();
    let count = Arc::new(AtomicU64::new(0));
    let c = count.clone();
    tokio::spawn(async move {
        let _client = client;
        while sub.next().await.is_some() {
            c.fetch_add(1, Ordering::Relaxed);
        }
    });
    count
}

/// Counts raw results from now on, then publishes `n` articles; the run's clock starts here.
async fn start_run(url: &str, n: usize) -> (jetstream::Context, Arc<AtomicU64>, Instant) {
    let js = js(url).await;
    let raw = count_raw_results(url).await;
    let began = Instant::now();
    publish(&js, &articles(n)).await;
    (js, raw, began)
}

/// Waits until results plus dead letters account for all `sent` articles (or `SETTLE`
/// passes), then prints and checks the figures: nothing lost, nothing twice, no dead letter.
async fn report(name: &str, js: &jetstream::Context, sent: usize, raw: &AtomicU64, began: Instant) {
    let deadline = Instant::now() + SETTLE;
    while Instant::now() < deadline {
        let done =
            stream_count(js, "ARTICLE_RESULTS").await + stream_count(js, "ARTICLE_DLQ").await;
        if done >= sent as u64 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let elapsed = began.elapsed();
    tokio::time::sleep(Duration::from_secs(4)).await; // room for a stray second result
    let ids = ids_of(&read_stream(js, "ARTICLE_RESULTS").await);
    let distinct: HashSet<&String> = ids.iter().collect();
    let dead = stream_count(js, "ARTICLE_DLQ").await as usize;
    let lost = sent.saturating_sub(distinct.len() + dead);
    let twice = ids.len() - distinct.len();
    println!(
        "FAULT-RUN {name}: sent {sent}, results {}, dead letters {dead}, lost {lost}, twice {twice}; \
         raw result publishes {} (repeats dropped by the duplicate window: {}); {:.1} s",
        distinct.len(),
        raw.load(Ordering::Relaxed),
        raw.load(Ordering::Relaxed).saturating_sub(ids.len() as u64),
        elapsed.as_secs_f64()
    );
    assert_eq!(lost, 0, "{name}: none lost");
    assert_eq!(twice, 0, "{name}: none twice");
    assert_eq!(dead, 0, "{name}: no article is the faults' victim");
    assert_eq!(distinct.len(), sent, "{name}: one result each");
}

/// Waits until the results stream holds `n` messages; panics with the worker's log if the run
/// stalls.
async fn wait_results(js: &jetstream::Context, n: usize, worker: &WorkerProcess) {
    let reached = wait_count(js, "ARTICLE_RESULTS", n as u64, Duration::from_secs(120)).await;
    assert!(
        reached >= n as u64,
        "stalled at {reached} results:\n{}",
        worker.log_text()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_sigkills_of_the_worker_lose_nothing_and_duplicate_nothing() {
    let n = run_size();
    let nats = NatsServer::start();
    let mut worker = WorkerProcess::start_ready(&nats.url(), &[("DEDUP__STORE", "embedded")]);
    let (js, raw, began) = start_run(&nats.url(), n).await;
    for kill in 1..=10 {
        wait_results(&js, kill * n / 11, &worker).await;
        worker.signal("KILL");
        worker.wait_exit(Duration::from_secs(10)).expect("killed");
        worker.spawn();
    }
    assert!(worker.wait_ready(READY), "{}", worker.log_text());
    report("ten worker SIGKILLs", &js, n, &raw, began).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn three_server_restarts_lose_nothing_and_duplicate_nothing() {
    let n = run_size();
    let mut nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(&nats.url(), &[("DEDUP__STORE", "embedded")]);
    let (js, raw, began) = start_run(&nats.url(), n).await;
    for restart in 1..=3 {
        wait_results(&js, restart * n / 4, &worker).await;
        nats.kill();
        tokio::time::sleep(Duration::from_secs(1)).await;
        nats.restart();
        assert!(worker.wait_ready(READY), "{}", worker.log_text());
    }
    let metrics = worker.http_get("/metrics").unwrap().1;
    assert!(support::metric_value(&metrics, "article_worker_nats_reconnects_total") >= 3.0);
    report("three nats-server restarts", &js, n, &raw, began).await;
}

/// The results stream reaches its limit mid-run (discard new: every publish is refused) and is
/// raised again 6 s later, as an operator would: the refused articles are retried with backoff
/// and all end as results.
#[tokio::test(flavor = "multi_thread")]
async fn a_full_output_stream_delays_results_but_loses_none() {
    let n = run_size();
    let nats = NatsServer::start();
    let admin = js(&nats.url()).await;
    let limited = jetstream::stream::Config {
        name: "ARTICLE_RESULTS".into(),
        subjects: vec!["articles.processed".into()],
        max_messages: (n / 3) as i64,
        discard: jetstream::stream::DiscardPolicy::New,
        duplicate_window: Duration::from_secs(3600),
        ..Default::default()
    };
    admin.create_stream(limited.clone()).await.unwrap();
    let worker = WorkerProcess::start_ready(&nats.url(), &RETRY);
    let (js, raw, began) = start_run(&nats.url(), n).await;
    wait_results(&js, n / 3, &worker).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut refused = 0.0;
    while refused == 0.0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let metrics = worker.http_get("/metrics").unwrap().1;
        refused = support::metric_value(&metrics, "article_worker_publish_errors_total");
    }
    assert!(
        refused > 0.0,
        "publishes are refused while the stream is full"
    );
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(stream_count(&js, "ARTICLE_RESULTS").await, (n / 3) as u64);
    js.update_stream(jetstream::stream::Config {
        max_messages: -1,
        ..limited
    })
    .await
    .unwrap();
    report("full output stream for 6 s", &js, n, &raw, began).await;
}

/// The server stalls for 5 s (SIGSTOP: connections stay open, nothing is answered), so every
/// publish in flight times out; then it goes on.
#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_server_times_publishes_out_and_loses_nothing() {
    let n = run_size();
    let nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[("OUTPUT__PUBLISH_TIMEOUT", "1s"), RETRY[0], RETRY[1]],
    );
    let (js, raw, began) = start_run(&nats.url(), n).await;
    wait_results(&js, n / 3, &worker).await;
    nats.pause();
    tokio::time::sleep(Duration::from_secs(5)).await;
    nats.resume();
    report("server stalled 5 s (publish timeouts)", &js, n, &raw, began).await;
    let metrics = worker.http_get("/metrics").unwrap().1;
    assert!(
        support::metric_value(&metrics, "article_worker_publish_errors_total") > 0.0,
        "the stall made publishes fail: {}",
        worker.log_text()
    );
}

/// NATS is not there when the worker starts; the worker keeps trying (as its
/// `nats.initial_connect_attempts` allows), becomes ready when the server appears, and then
/// processes everything.
#[tokio::test(flavor = "multi_thread")]
async fn nats_unreachable_at_start_then_up_is_waited_for() {
    let n = run_size() / 4;
    let mut nats = NatsServer::start();
    nats.kill();
    let worker = WorkerProcess::start(&nats.url(), &[("NATS__INITIAL_CONNECT_ATTEMPTS", "30")]);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        !matches!(worker.http_get("/readyz"), Some((200, _))),
        "not ready without NATS"
    );
    nats.restart();
    assert!(worker.wait_ready(READY), "{}", worker.log_text());
    let (js, raw, began) = start_run(&nats.url(), n).await;
    report("NATS unreachable for 3 s at start", &js, n, &raw, began).await;
}

/// The server loses the worker's pull request (a proxy swallows it) while the worker counts
/// on its messages. The worker notices the silence, neither messages nor idle heartbeats,
/// within two heartbeat intervals and pulls afresh, instead of sitting beside the backlog
/// until the request's expiry (35 s).
#[tokio::test(flavor = "multi_thread")]
async fn a_lost_pull_request_is_noticed_and_pulled_afresh() {
    let nats = NatsServer::start();
    let proxy = PullDropProxy::start(nats.url().trim_start_matches("nats://").to_owned()).await;
    proxy.drop_pulls(1);
    let worker = WorkerProcess::start(&proxy.url(), &[]);
    assert!(worker.wait_ready(READY), "{}", worker.log_text());
    let n = 20;
    let (js, raw, began) = start_run(&nats.url(), n).await;
    let reached = wait_count(&js, "ARTICLE_RESULTS", n as u64, Duration::from_secs(20)).await;
    assert_eq!(proxy.dropped(), 1, "the fault was injected");
    assert!(
        reached >= n as u64,
        "only {reached} of {n} results after {:.1} s:\n{}",
        began.elapsed().as_secs_f64(),
        worker.log_text()
    );
    assert!(worker.log_text().contains("pulling afresh"));
    report("pull request lost", &js, n, &raw, began).await;
}
