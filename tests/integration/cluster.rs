//! A three-node JetStream cluster (three nats-server processes joined by routes, each with its
//! own store), every stream and the dedup bucket at 3 replicas (`nats.replicas`), two workers
//! sharing the JetStream dedup store, and a node lost in the middle of a run: killed, restarted
//! one after the other, or the input stream's leader killed. Every article must end as exactly
//! one result, and every group of copies must get one `unique` and the right duplicate answer.
//!
//! Each run prints one `CLUSTER-RUN` line with the figures RELIABILITY.md reports. The run
//! size is `CLUSTER_ARTICLES` (5,000 by default).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use async_nats::jetstream;

use crate::support::cluster::{self, NatsCluster};
use crate::support::jetstream::{publish, read_stream, stream_count};
use crate::support::{run_worker_once, NatsServer, WorkerProcess};

/// How long the whole run may take once the faults are over.
const SETTLE: Duration = Duration::from_secs(240);
/// Results that must be added after a fault before the run counts as recovered: more than
/// the two workers can hold in flight and in their pull buffers (2 × 64), so they cannot all
/// be messages fetched before the fault.
const RECOVERED_AFTER: u64 = 500;
/// How often the results are counted while the cluster recovers.
const SAMPLE: Duration = Duration::from_millis(100);
/// How long a stopped or killed node stays down before it is restarted.
const DOWN_FOR: Duration = Duration::from_secs(3);

/// Retries spread over about a minute: a leader election in the cluster takes seconds, and an
/// article must not become a dead letter while it happens.
const WORKER_SETTINGS: [(&str, &str); 6] = [
    ("NATS__REPLICAS", "3"),
    ("DEDUP__STORE", "jetstream"),
    ("INPUT__BACKOFF", "1s,2s,4s,8s"),
    ("INPUT__MAX_DELIVER", "10"),
    ("OUTPUT__PUBLISH_TIMEOUT", "5s"),
    ("NATS__REQUEST_TIMEOUT", "5s"),
];

fn run_size() -> usize {
    std::env::var("CLUSTER_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// A made-up article: 120 words drawn from syllables by a generator seeded with `seed`, so
/// two groups share almost no shingles while a copy within a group shares them all.
fn made_up_text(seed: u64) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ten", "ras", "vu", "do", "pel", "si", "nor", "ga", "bre", "tu", "lin",
        "ho", "mar", "el", "qui", "sta", "ve", "zo", "dan", "fi", "rum",
    ];
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let words: Vec<String> = (0..120)
        .map(|_| (0..2 + next(2)).map(|_| SYLLABLES[next(24)]).collect())
        .collect();
    format!("{}.", words.join(" "))
}

/// `n` articles in `n / 2` groups of two: the first half are originals, the second half their
/// copies in the same order, so copies arrive while their originals are in the window. Even
/// groups are exact copies, odd ones lose their first five words (a near duplicate).
fn grouped_articles(n: usize) -> Vec<(String, Vec<u8>)> {
    let groups = n / 2;
    let originals = (0..groups).map(|g| (format!("g{g:05}-a"), made_up_text(g as u64)));
    let copies = (0..groups).map(|g| {
        let text = made_up_text(g as u64);
        let copy = if g.is_multiple_of(2) {
            text
        } else {
            text.splitn(6, ' ').last().unwrap().to_owned()
        };
        (format!("g{g:05}-b"), copy)
    });
    originals
        .chain(copies)
        .map(|(id, text)| (id, text.into_bytes()))
        .collect()
}

/// The cluster, two workers on it, the articles published, the run's clock started.
struct Run {
    cluster: NatsCluster,
    workers: [WorkerProcess; 2],
    js: jetstream::Context,
    sent: usize,
    began: Instant,
}

impl Run {
    async fn start() -> Run {
        let cluster = NatsCluster::start();
        let urls = cluster.urls();
        let a = WorkerProcess::start_ready(&urls, &WORKER_SETTINGS);
        let b = WorkerProcess::start_ready(&urls, &WORKER_SETTINGS);
        let js = jetstream::new(cluster::client(&cluster).await);
        assert_replicated(&js).await;
        let items = grouped_articles(run_size());
        let began = Instant::now();
        publish(&js, &items).await;
        Run {
            cluster,
            workers: [a, b],
            js,
            sent: items.len(),
            began,
        }
    }

    /// The results stream's count; 0 while no leader answers.
    async fn results(&self) -> u64 {
        stream_count(&self.js, "ARTICLE_RESULTS").await
    }

    /// Waits until `n` results are in (panics with the logs after two minutes).
    async fn wait_results(&self, n: u64) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while self.results().await < n {
            assert!(
                Instant::now() < deadline,
                "stalled before {n}:\n{}",
                self.logs()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The time to recover from a fault: the longest pause in the results, counted from the
    /// fault, before [`RECOVERED_AFTER`] more than `before` are in (or every article is done).
    async fn time_to_recover(&self, fault: Instant, before: u64) -> Duration {
        let target = (before + RECOVERED_AFTER).min(self.sent as u64);
        let deadline = fault + Duration::from_secs(120);
        let (mut last, mut since, mut longest) = (before, fault, Duration::ZERO);
        while last < target {
            assert!(Instant::now() < deadline, "no recovery:\n{}", self.logs());
            tokio::time::sleep(SAMPLE).await;
            let now = self.results().await;
            longest = longest.max(since.elapsed());
            if now > last {
                (last, since) = (now, Instant::now());
            }
        }
        longest
    }

    /// The index of the node that leads `stream`, once one does (panics after 30 s).
    async fn leader_of(&self, stream: &str) -> usize {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(mut s) = self.js.get_stream(stream).await {
                let leader = s.info().await.ok().and_then(|i| i.cluster.clone()?.leader);
                if let Some(i) = leader.and_then(|name| self.cluster.index_of(&name)) {
                    return i;
                }
            }
            assert!(Instant::now() < deadline, "{stream} has no leader");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    fn logs(&self) -> String {
        let workers: Vec<String> = self.workers.iter().map(|w| w.log_text()).collect();
        let nodes: Vec<String> = (0..3).map(|i| self.cluster.log_tail(i)).collect();
        format!(
            "workers:\n{}\nnodes:\n{}",
            workers.join("\n---\n"),
            nodes.join("\n---\n")
        )
    }

    /// Waits for every article, then checks and prints the figures: none lost, none twice, no
    /// dead letter, and one `unique` per group with the other pointing at it.
    async fn report(&self, name: &str, recovery: &[Duration]) {
        let deadline = Instant::now() + SETTLE;
        while Instant::now() < deadline {
            let done = self.results().await + stream_count(&self.js, "ARTICLE_DLQ").await;
            if done >= self.sent as u64 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let elapsed = self.began.elapsed();
        tokio::time::sleep(Duration::from_secs(3)).await; // room for a stray second result
        let results = read_stream(&self.js, "ARTICLE_RESULTS").await;
        let answers = dedup_answers(&results);
        let distinct: HashSet<&String> = answers.iter().map(|a| &a.id).collect();
        let dead = stream_count(&self.js, "ARTICLE_DLQ").await as usize;
        let lost = self.sent.saturating_sub(distinct.len() + dead);
        let twice = answers.len() - distinct.len();
        let wrong = wrong_groups(&answers);
        let slowest = recovery.iter().max().copied().unwrap_or_default();
        println!(
            "CLUSTER-RUN {name}: sent {}, results {}, dead letters {dead}, lost {lost}, twice {twice}, \
             groups with a wrong dedup answer {}; longest pause in results after a fault \
             {:.1} s ({}); {:.1} s",
            self.sent,
            distinct.len(),
            wrong.len(),
            slowest.as_secs_f64(),
            recovery
                .iter()
                .map(|d| format!("{:.1} s", d.as_secs_f64()))
                .collect::<Vec<_>>()
                .join(", "),
            elapsed.as_secs_f64()
        );
        assert_eq!(lost, 0, "{name}: none lost\n{}", self.logs());
        assert_eq!(twice, 0, "{name}: none twice");
        assert_eq!(dead, 0, "{name}: no dead letter\n{}", self.logs());
        assert!(wrong.is_empty(), "{name}: wrong dedup answers: {wrong:?}");
    }
}

/// The streams the worker creates, the dedup bucket's among them.
const STREAMS: [&str; 4] = [
    "ARTICLES",
    "ARTICLE_RESULTS",
    "ARTICLE_DLQ",
    "KV_article_dedup",
];

/// Every stream the worker made is configured with three replicas and, within a few seconds
/// (a stream raised from one replica moves its leader while the copies catch up), has a
/// leader and two followers.
async fn assert_replicated(js: &jetstream::Context) {
    for name in STREAMS {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let mut stream = js.get_stream(name).await.expect("the worker made it");
            let info = stream.info().await.expect("stream info");
            assert_eq!(info.config.num_replicas, 3, "{name}");
            let cluster = info.cluster.as_ref();
            let leader = cluster.is_some_and(|c| c.leader.is_some());
            let followers = cluster.map_or(0, |c| c.replicas.len());
            if leader && followers == 2 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{name}: leader {leader}, {followers} followers"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// One result's id and dedup answer.
struct DedupAnswer {
    id: String,
    status: String,
    duplicate_of: Option<String>,
}

fn dedup_answers(results: &[Vec<u8>]) -> Vec<DedupAnswer> {
    results
        .iter()
        .map(|r| {
            let v: serde_json::Value = serde_json::from_slice(r).expect("a result is JSON");
            DedupAnswer {
                id: v["id"].as_str().expect("an id").to_owned(),
                status: v["dedup"]["status"].as_str().expect("a status").to_owned(),
                duplicate_of: v["dedup"]["duplicate_of"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

/// The groups whose answers are not one `unique` and one duplicate of the right kind pointing
/// at it (whichever of the two was processed first).
fn wrong_groups(answers: &[DedupAnswer]) -> Vec<String> {
    let mut groups: HashMap<&str, Vec<&DedupAnswer>> = HashMap::new();
    for a in answers {
        groups.entry(&a.id[..6]).or_default().push(a);
    }
    let mut wrong: Vec<String> = groups
        .into_iter()
        .filter(|(group, members)| !group_is_right(group, members))
        .map(|(group, _)| group.to_owned())
        .collect();
    wrong.sort();
    wrong
}

fn group_is_right(group: &str, members: &[&DedupAnswer]) -> bool {
    let g: usize = group[1..].parse().expect("a group number");
    let kind = if g.is_multiple_of(2) {
        "exact_duplicate"
    } else {
        "near_duplicate"
    };
    let [x, y] = members else { return false };
    let right = |first: &DedupAnswer, copy: &DedupAnswer| {
        first.status == "unique"
            && copy.status == kind
            && copy.duplicate_of.as_deref() == Some(first.id.as_str())
    };
    right(x, y) || right(y, x)
}

#[test]
fn made_up_groups_are_copies_within_and_strangers_across() {
    use article_worker::dedup::fingerprint::{fingerprint, similarity};
    let items = grouped_articles(8);
    let text = |i: usize| String::from_utf8(items[i].1.clone()).unwrap();
    let fp: Vec<_> = (0..8).map(|i| fingerprint(&text(i))).collect();
    assert_eq!(fp[0].exact, fp[4].exact, "an even group is an exact copy");
    assert_ne!(fp[1].exact, fp[5].exact);
    assert!(
        similarity(&fp[1], &fp[5]) > 0.8,
        "an odd group is a near copy"
    );
    assert!(
        similarity(&fp[0], &fp[1]) < 0.1,
        "groups do not resemble each other"
    );
}

/// A stream made by hand with one replica before the worker first ran (or by a worker with
/// `nats.replicas = 1`) is raised to three when the worker starts with three.
#[tokio::test(flavor = "multi_thread")]
async fn a_stream_with_fewer_replicas_is_raised_at_start() {
    let cluster = NatsCluster::start();
    let js = jetstream::new(cluster::client(&cluster).await);
    js.create_stream(jetstream::stream::Config {
        name: "ARTICLES".into(),
        subjects: vec!["articles.ingest".into(), "articles.ingest.>".into()],
        num_replicas: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    let worker = WorkerProcess::start_ready(&cluster.urls(), &WORKER_SETTINGS);
    assert_replicated(&js).await;
    assert!(
        worker.log_text().contains("raised the stream's replicas"),
        "{}",
        worker.log_text()
    );
}

/// (a) A node SIGKILLed a third into the run, restarted with its store at two thirds.
#[tokio::test(flavor = "multi_thread")]
async fn a_node_killed_mid_run_and_restarted_loses_nothing() {
    let mut run = Run::start().await;
    let third = run.sent as u64 / 3;
    run.wait_results(third).await;
    let before = run.results().await;
    let fault = Instant::now();
    run.cluster.kill(2);
    let recovered = run.time_to_recover(fault, before).await;
    run.wait_results(2 * third).await;
    run.cluster.restart(2);
    let rejoin = Instant::now();
    assert!(
        run.cluster.wait_healthy(Duration::from_secs(60)),
        "{}",
        run.logs()
    );
    println!(
        "CLUSTER-RUN node SIGKILL: the node healthy again {:.1} s after its restart",
        rejoin.elapsed().as_secs_f64()
    );
    run.report("one node SIGKILLed and restarted", &[recovered])
        .await;
}

/// (b) Every node stopped (SIGTERM) and started again in turn, each back to healthy before
/// the next goes, as an operator rolls an upgrade.
#[tokio::test(flavor = "multi_thread")]
async fn a_rolling_restart_of_every_node_loses_nothing() {
    let mut run = Run::start().await;
    let mut recovery = Vec::new();
    for node in 0..3 {
        run.wait_results((node as u64 + 1) * run.sent as u64 / 5)
            .await;
        let before = run.results().await;
        let fault = Instant::now();
        run.cluster.stop(node);
        recovery.push(run.time_to_recover(fault, before).await);
        tokio::time::sleep(DOWN_FOR.saturating_sub(fault.elapsed())).await;
        run.cluster.restart(node);
        assert!(
            run.cluster.wait_healthy(Duration::from_secs(60)),
            "{}",
            run.logs()
        );
    }
    run.report("rolling restart of the three nodes", &recovery)
        .await;
}

/// (c) The node that leads the input stream SIGKILLed, restarted later.
#[tokio::test(flavor = "multi_thread")]
async fn the_stream_leader_killed_loses_nothing() {
    let mut run = Run::start().await;
    let third = run.sent as u64 / 3;
    run.wait_results(third).await;
    let leader = run.leader_of("ARTICLES").await;
    let before = run.results().await;
    let fault = Instant::now();
    run.cluster.kill(leader);
    let recovered = run.time_to_recover(fault, before).await;
    let new_leader = run.leader_of("ARTICLES").await;
    assert_ne!(new_leader, leader, "another node leads the stream");
    run.wait_results(2 * third).await;
    run.cluster.restart(leader);
    assert!(
        run.cluster.wait_healthy(Duration::from_secs(60)),
        "{}",
        run.logs()
    );
    run.report("the input stream's leader SIGKILLed", &[recovered])
        .await;
}

/// On a single server `nats.replicas = 3` cannot be met: the worker stops at start-up and says
/// what to change.
#[test]
fn replicas_beyond_a_single_server_stop_the_worker_with_the_remedy() {
    let nats = NatsServer::start();
    let out = run_worker_once(&nats.url(), &[("NATS__REPLICAS", "3")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("set nats.replicas = 1"), "{stderr}");
}

/// Streams that exist with one replica on a single server cannot be raised: the worker says
/// why for each and runs with them as they are.
#[tokio::test(flavor = "multi_thread")]
async fn a_refused_raise_is_explained_and_the_worker_runs() {
    use jetstream::stream::RetentionPolicy::{Limits, WorkQueue};
    let nats = NatsServer::start();
    let js = crate::support::jetstream::js(&nats.url()).await;
    for (name, subject, retention) in [
        ("ARTICLES", "articles.ingest", Limits),
        (
            "ARTICLES_ABANDONED",
            "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ARTICLES.article-worker",
            WorkQueue,
        ),
        ("ARTICLE_RESULTS", "articles.processed", Limits),
        ("ARTICLE_DLQ", "articles.dlq", Limits),
    ] {
        js.create_stream(jetstream::stream::Config {
            name: name.into(),
            subjects: vec![subject.into()],
            retention,
            ..Default::default()
        })
        .await
        .unwrap();
    }
    let worker = WorkerProcess::start_ready(&nats.url(), &[("NATS__REPLICAS", "3")]);
    let log = worker.log_text();
    assert_eq!(log.matches("refused to raise them").count(), 4, "{log}");
}
