//! The worker against a real nats-server: the seeds end as results that validate against the
//! contract's schema, each bad input as one dead letter, and nothing is lost or published
//! twice when the worker is killed, the server restarts, or the worker is asked to stop.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use base64::Engine as _;

use crate::support::jetstream::{
    assert_each_result_once, ids_of, js, publish, read_stream, stream_count, wait_count,
};
use crate::support::{self, articles, NatsServer, WorkerProcess};

const READY: Duration = Duration::from_secs(20);

/// Publishes `n` articles and waits for the first `first` results, so that a fault injected
/// next lands mid-run.
async fn publish_and_wait_for(js: &jetstream::Context, n: usize, first: usize) {
    publish(js, &articles(n)).await;
    let reached = wait_count(
        js,
        "ARTICLE_RESULTS",
        first as u64,
        Duration::from_secs(120),
    )
    .await;
    assert!(
        reached >= first as u64 && reached < n as u64,
        "the fault must land mid-run (reached {reached})"
    );
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schema")
        .join(name);
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[tokio::test(flavor = "multi_thread")]
async fn seeds_become_results_that_validate_against_the_schema() {
    let nats = NatsServer::start();
    let _worker = WorkerProcess::start_ready(&nats.url(), &[]);
    let js = js(&nats.url()).await;
    let mut seeds: Vec<_> = std::fs::read_dir(support::seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let items: Vec<_> = seeds
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    publish(&js, &items).await;
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", 5, Duration::from_secs(60)).await,
        5
    );
    let results = read_stream(&js, "ARTICLE_RESULTS").await;
    let validator = schema("result-v1.json");
    for r in &results {
        let v: serde_json::Value = serde_json::from_slice(r).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?} in {v}");
        let text = &items
            .iter()
            .find(|(id, _)| id == v["id"].as_str().unwrap())
            .unwrap()
            .1;
        let text: Vec<char> = std::str::from_utf8(text).unwrap().chars().collect();
        for q in v["quotes"].as_array().unwrap() {
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                q["text"].as_str().unwrap()
            );
        }
    }
    let mut ids = ids_of(&results);
    ids.sort();
    let expected: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids, expected);
    assert_eq!(stream_count(&js, "ARTICLE_DLQ").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn each_bad_input_becomes_one_dead_letter_and_the_worker_goes_on() {
    let nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(&nats.url(), &[("LIMITS__MAX_ARTICLE_BYTES", "4096")]);
    let js = js(&nats.url()).await;
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("invalid_utf8", b"\xff\xfe\x00 not text \xc3\x28".to_vec()),
        ("invalid_json", b"{\"text\": \"unterminated".to_vec()),
        ("invalid_json", b"{\"text\": \"a\"} trailing".to_vec()),
        (
            "empty_text",
            b"{\"title\": \"a title and no text\"}".to_vec(),
        ),
        ("empty_text", b"{\"text\": \"  \\n \"}".to_vec()),
        ("empty_text", b" \n\t ".to_vec()),
        ("invalid_field", b"{\"text\": 42}".to_vec()),
        ("too_large", vec![b'a'; 5000]),
        (
            "no_letters",
            "2024-01-01 12:00 — ۱۲۳ ٤٥٦ !!! ...".as_bytes().to_vec(),
        ),
    ];
    let mut items: Vec<(String, Vec<u8>)> = bad
        .iter()
        .enumerate()
        .map(|(i, (kind, p))| (format!("bad-{i}-{kind}"), p.clone()))
        .collect();
    items.push((
        "good-after-bad".into(),
        "The minister said: \"We will go on.\"".as_bytes().to_vec(),
    ));
    publish(&js, &items).await;
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", 1, Duration::from_secs(30)).await,
        1
    );
    assert_eq!(
        wait_count(
            &js,
            "ARTICLE_DLQ",
            bad.len() as u64,
            Duration::from_secs(30)
        )
        .await,
        bad.len() as u64
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let letters = read_stream(&js, "ARTICLE_DLQ").await;
    assert_eq!(
        letters.len(),
        bad.len(),
        "exactly one dead letter per bad input"
    );
    let validator = schema("dead-letter-v1.json");
    let mut by_id = HashMap::new();
    for l in &letters {
        let v: serde_json::Value = serde_json::from_slice(l).unwrap();
        assert!(validator.is_valid(&v), "{v}");
        by_id.insert(v["headers"]["Nats-Msg-Id"].as_str().unwrap().to_owned(), v);
    }
    for (i, (kind, payload)) in bad.iter().enumerate() {
        let v = &by_id[&format!("bad-{i}-{kind}")];
        assert_eq!(v["error"]["kind"], *kind, "{v}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
        let original = base64::engine::general_purpose::STANDARD
            .decode(v["payload_base64"].as_str().unwrap())
            .unwrap();
        assert_eq!(&original, payload, "the original bytes are kept");
        assert_eq!(v["subject"], "articles.ingest");
    }
    assert_eq!(
        ids_of(&read_stream(&js, "ARTICLE_RESULTS").await),
        vec!["good-after-bad"]
    );
    let metrics = worker.http_get("/metrics").unwrap().1;
    assert_eq!(
        support::metric_value(&metrics, "article_worker_dead_letters_total"),
        bad.len() as f64
    );
    assert!(
        worker.log_text().contains("dead-lettered"),
        "a log line per dead letter"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_worker_mid_run_loses_nothing_and_duplicates_nothing() {
    const N: usize = 2000;
    let nats = NatsServer::start();
    let mut worker = WorkerProcess::start_ready(&nats.url(), &[("DEDUP__STORE", "embedded")]);
    let js = js(&nats.url()).await;
    publish_and_wait_for(&js, N, N / 4).await;
    worker.signal("KILL");
    worker.wait_exit(Duration::from_secs(10)).expect("killed");
    worker.spawn();
    assert!(
        worker.wait_ready(READY),
        "worker ready again: {}",
        worker.log_text()
    );
    assert_each_result_once(&js, N, Duration::from_secs(240)).await;
    assert_eq!(stream_count(&js, "ARTICLE_DLQ").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nats_restart_mid_run_loses_nothing_and_readyz_shows_the_outage() {
    const N: usize = 1000;
    let mut nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(&nats.url(), &[("WORKER__CONCURRENCY", "2")]);
    let js = js(&nats.url()).await;
    publish_and_wait_for(&js, N, N / 5).await;
    nats.kill();
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut saw_outage = false;
    while Instant::now() < deadline {
        if let Some((503, _)) = worker.http_get("/readyz") {
            saw_outage = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(saw_outage, "/readyz answers 503 while NATS is down");
    assert!(
        matches!(worker.http_get("/healthz"), Some((200, _))),
        "/healthz stays 200"
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    nats.restart();
    assert!(
        worker.wait_ready(Duration::from_secs(30)),
        "ready after the restart: {}",
        worker.log_text()
    );
    let js = self::js(&nats.url()).await;
    assert_each_result_once(&js, N, Duration::from_secs(240)).await;
    let metrics = worker.http_get("/metrics").unwrap().1;
    assert!(support::metric_value(&metrics, "article_worker_nats_reconnects_total") >= 1.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_finishes_and_acks_what_is_in_flight_then_exits_zero() {
    const N: usize = 2000;
    let nats = NatsServer::start();
    let mut worker = WorkerProcess::start_ready(&nats.url(), &[("INPUT__ACK_WAIT", "2s")]);
    let js = js(&nats.url()).await;
    publish(&js, &articles(N)).await;
    wait_count(&js, "ARTICLE_RESULTS", 50, Duration::from_secs(60)).await;
    worker.signal("TERM");
    let status = worker
        .wait_exit(Duration::from_secs(20))
        .expect("exits within the grace period");
    assert!(
        status.success(),
        "exit 0: {status:?}\n{}",
        worker.log_text()
    );
    let first = stream_count(&js, "ARTICLE_RESULTS").await;
    assert!(first < N as u64, "SIGTERM must land mid-run");
    // A second worker gets exactly the articles the first did not finish: everything the first
    // published a result for was acknowledged before it exited.
    let second = WorkerProcess::start(&nats.url(), &[("INPUT__ACK_WAIT", "2s")]);
    assert!(second.wait_ready(READY));
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", N as u64, Duration::from_secs(240)).await,
        N as u64
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let metrics = second.http_get("/metrics").unwrap().1;
    let processed = support::metric_value(
        &metrics,
        "article_worker_messages_processed_total{outcome=\"result\"}",
    );
    assert_eq!(
        processed as u64,
        N as u64 - first,
        "no finished article was delivered again"
    );
    let ids = ids_of(&read_stream(&js, "ARTICLE_RESULTS").await);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), N);
}

#[test]
fn an_unreachable_nats_is_a_clear_error_and_a_non_zero_exit() {
    let port = support::free_port();
    let out = support::run_worker_once(&format!("nats://127.0.0.1:{port}"), &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "cannot connect to NATS at nats://127.0.0.1:{port}"
        )),
        "{err}"
    );
}

#[test]
fn a_malformed_settings_file_is_a_clear_error_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[nats]\nurll = \"nats://x\"\n").unwrap();
    let out = std::process::Command::new(support::worker_bin())
        .arg("run")
        .arg("--config")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("urll"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn analyze_replies_without_recording_and_standard_tooling_discovers_the_service() {
    let nats = NatsServer::start();
    let _worker = WorkerProcess::start_ready(&nats.url(), &[]);
    let client = async_nats::connect(nats.url()).await.unwrap();
    let text = std::fs::read(support::seeds_dir().join("002_308a22d0ddb0e3dd.txt")).unwrap();
    let validator = schema("result-v1.json");
    for _ in 0..2 {
        let reply = client
            .request("articles.analyze", text.clone().into())
            .await
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&reply.payload).unwrap();
        assert!(validator.is_valid(&v), "{v}");
        assert_eq!(
            v["dedup"]["status"], "unique",
            "a request is not recorded: {v}"
        );
    }
    let js = jetstream::new(client.clone());
    publish(&js, &[("seed-002".into(), text.clone())]).await;
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", 1, Duration::from_secs(30)).await,
        1
    );
    let reply = client
        .request("articles.analyze", text.clone().into())
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&reply.payload).unwrap();
    assert_eq!(v["dedup"]["status"], "exact_duplicate", "{v}");
    assert_eq!(v["dedup"]["duplicate_of"], "seed-002");
    let bad = client
        .request("articles.analyze", "{\"text\": 1".into())
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&bad.payload).unwrap();
    assert_eq!(v["error"]["kind"], "invalid_json");

    let ping = client
        .request("$SRV.PING.article-worker", "".into())
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&ping.payload).unwrap();
    assert_eq!(v["name"], "article-worker");
    let info = client
        .request("$SRV.INFO.article-worker", "".into())
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&info.payload).unwrap();
    assert_eq!(v["endpoints"][0]["subject"], "articles.analyze", "{v}");
    let stats = client
        .request("$SRV.STATS.article-worker", "".into())
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&stats.payload).unwrap();
    assert!(
        v["endpoints"][0]["num_requests"].as_u64().unwrap() >= 4,
        "{v}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn core_mode_processes_articles_from_a_queue_group() {
    let nats = NatsServer::start();
    let _worker = WorkerProcess::start_ready(&nats.url(), &[("INPUT__MODE", "core")]);
    let client = async_nats::connect(nats.url()).await.unwrap();
    let mut headers = async_nats::HeaderMap::new();
    headers.insert("Nats-Msg-Id", "core-1");
    client
        .publish_with_headers(
            "articles.ingest.news",
            headers,
            "The mayor said: \"Roads open on Monday.\"".into(),
        )
        .await
        .unwrap();
    client.flush().await.unwrap();
    let js = jetstream::new(client);
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", 1, Duration::from_secs(30)).await,
        1
    );
    assert_eq!(
        ids_of(&read_stream(&js, "ARTICLE_RESULTS").await),
        vec!["core-1"]
    );
    assert!(
        js.get_stream("ARTICLES").await.is_err(),
        "core mode creates no input stream"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_workers_sharing_the_jetstream_store_report_one_unique_per_group_of_copies() {
    const GROUPS: usize = 1000;
    let nats = NatsServer::start();
    let shared = [("DEDUP__STORE", "jetstream"), ("WORKER__CONCURRENCY", "8")];
    let a = WorkerProcess::start(&nats.url(), &shared);
    let b = WorkerProcess::start(&nats.url(), &shared);
    assert!(
        a.wait_ready(READY) && b.wait_ready(READY),
        "{}{}",
        a.log_text(),
        b.log_text()
    );
    let js = js(&nats.url()).await;
    // Each group: an article and a copy with other letter and digit forms, published back to
    // back so the two workers receive them at the same moment.
    let mut items = Vec::new();
    for (g, (_, text)) in articles(GROUPS).into_iter().enumerate() {
        let text = String::from_utf8(text).unwrap();
        let copy = text
            .replace('ي', "ی")
            .replace('ك', "ک")
            .replace('1', "۱")
            .replace('"', "”");
        items.push((format!("g{g:04}-a"), text.into_bytes()));
        items.push((format!("g{g:04}-b"), copy.into_bytes()));
    }
    publish(&js, &items).await;
    let n = items.len() as u64;
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", n, Duration::from_secs(300)).await,
        n
    );
    let mut unique_per_group: HashMap<String, usize> = HashMap::new();
    let mut instances = HashSet::new();
    for r in read_stream(&js, "ARTICLE_RESULTS").await {
        let v: serde_json::Value = serde_json::from_slice(&r).unwrap();
        let group = v["id"].as_str().unwrap()[..5].to_owned();
        instances.insert(v["worker"]["instance"].as_str().unwrap().to_owned());
        *unique_per_group.entry(group).or_default() +=
            usize::from(v["dedup"]["status"] == "unique");
    }
    assert_eq!(instances.len(), 2, "both workers took part");
    // Some corpus articles copy each other, so a whole group may be a duplicate of an earlier
    // group: never more than one unique per group.
    let over: Vec<_> = unique_per_group.iter().filter(|(_, &u)| u > 1).collect();
    assert!(over.is_empty(), "groups with two uniques: {over:?}");
    let none = unique_per_group.values().filter(|&&u| u == 0).count();
    assert!(none < GROUPS / 50, "{none} groups without a unique");
}

/// The worker pulls the max-deliveries advisories again when their consumer goes away (deleted
/// by an operator, lost with a stream's data): it binds it anew, creating it, and the next
/// advisory still ends as a dead letter of the message it names.
#[tokio::test(flavor = "multi_thread")]
async fn the_advisory_watcher_binds_its_consumer_again_when_it_goes_away() {
    let nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(&nats.url(), &[]);
    let js = js(&nats.url()).await;
    publish(&js, &articles(1)).await;
    assert_eq!(
        wait_count(&js, "ARTICLE_RESULTS", 1, Duration::from_secs(30)).await,
        1
    );

    let advisories = js.get_stream("ARTICLES_ABANDONED").await.unwrap();
    advisories
        .delete_consumer("article-worker-abandoned")
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while advisories
        .consumer_info("article-worker-abandoned")
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "{}", worker.log_text());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The advisory JetStream would send had it given up on the article (stream sequence 1,
    // still in the input stream, which keeps what was handled).
    let client = async_nats::connect(nats.url()).await.unwrap();
    client
        .publish(
            "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ARTICLES.article-worker",
            r#"{"stream_seq":1,"deliveries":5}"#.into(),
        )
        .await
        .unwrap();
    client.flush().await.unwrap();
    assert_eq!(
        wait_count(&js, "ARTICLE_DLQ", 1, Duration::from_secs(30)).await,
        1,
        "{}",
        worker.log_text()
    );
    let letter = &read_stream(&js, "ARTICLE_DLQ").await[0];
    let letter: serde_json::Value = serde_json::from_slice(letter).unwrap();
    assert!(
        letter.to_string().contains("max_deliver"),
        "{letter}\n{}",
        worker.log_text()
    );
}
