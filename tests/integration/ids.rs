//! Article ids at their limit: an id longer than `limits.max_id_bytes` is dead-lettered as
//! `invalid_field`, and nothing a long id does to the embedded dedup store costs the articles
//! recorded after it when the worker restarts.

use std::time::Duration;

use crate::support::jetstream::{js, read_stream, wait_count};
use crate::support::{NatsServer, WorkerProcess};

const READY: Duration = Duration::from_secs(20);
const RESULTS: Duration = Duration::from_secs(60);

/// A made-up article body of its own words, so that copies of it are exact duplicates and
/// nothing else is.
fn body(topic: &str) -> String {
    format!(
        "The committee on {topic} met on Tuesday. Members discussed the {topic} budget, the \
         {topic} staff and the {topic} report, and agreed to meet again about {topic} soon."
    )
}

fn article(id: &str, text: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "id": id, "text": text })).unwrap()
}

async fn publish_all(js: &async_nats::jetstream::Context, items: &[Vec<u8>]) {
    for payload in items {
        js.publish("articles.ingest", payload.clone().into())
            .await
            .unwrap()
            .await
            .unwrap();
    }
}

fn field(message: &[u8], pointer: &str) -> String {
    let v: serde_json::Value = serde_json::from_slice(message).unwrap();
    v.pointer(pointer)
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The reproduction with a real client: an id of 65,534 × "x" + "é", then two
/// articles, SIGTERM, restart, copies of the two. The long id is refused at the door
/// (`invalid_field`, over the default 1,024 bytes); the two are remembered across the restart.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_id_is_dead_lettered_and_the_articles_after_it_survive_a_restart() {
    let nats = NatsServer::start();
    let settings = [("DEDUP__STORE", "embedded")];
    let mut worker = WorkerProcess::start_ready(&nats.url(), &settings);
    let js = js(&nats.url()).await;
    let long_id = format!("{}é", "x".repeat(65_534));
    publish_all(
        &js,
        &[
            article(&long_id, &body("harbours")),
            article("second", &body("railways")),
            article("third", &body("orchards")),
        ],
    )
    .await;
    assert_eq!(wait_count(&js, "ARTICLE_RESULTS", 2, RESULTS).await, 2);
    assert_eq!(wait_count(&js, "ARTICLE_DLQ", 1, RESULTS).await, 1);
    let letter = &read_stream(&js, "ARTICLE_DLQ").await[0];
    assert_eq!(field(letter, "/error/kind"), "invalid_field");
    assert!(field(letter, "/error/message").contains("limits.max_id_bytes"));

    worker.signal("TERM");
    assert!(worker.wait_exit(Duration::from_secs(20)).is_some());
    worker.spawn();
    assert!(worker.wait_ready(READY), "{}", worker.log_text());
    publish_all(
        &js,
        &[
            article("copy-of-second", &body("railways")),
            article("copy-of-third", &body("orchards")),
        ],
    )
    .await;
    assert_eq!(wait_count(&js, "ARTICLE_RESULTS", 4, RESULTS).await, 4);
    let results = read_stream(&js, "ARTICLE_RESULTS").await;
    for (copy, original) in [("copy-of-second", "second"), ("copy-of-third", "third")] {
        let r = results
            .iter()
            .find(|r| field(r, "/id") == copy)
            .expect("a result for the copy");
        assert_eq!(field(r, "/dedup/status"), "exact_duplicate", "{copy}");
        assert_eq!(field(r, "/dedup/duplicate_of"), original, "{copy}");
    }
    assert!(
        !worker.log_text().contains("truncating"),
        "{}",
        worker.log_text()
    );
}

/// `limits.max_id_bytes` is the bound: an id at it is accepted, one byte more is not.
#[tokio::test(flavor = "multi_thread")]
async fn the_id_limit_is_a_setting() {
    let nats = NatsServer::start();
    let _worker = WorkerProcess::start_ready(&nats.url(), &[("LIMITS__MAX_ID_BYTES", "16")]);
    let js = js(&nats.url()).await;
    publish_all(
        &js,
        &[
            article(&"a".repeat(16), &body("bridges")),
            article(&"b".repeat(17), &body("tunnels")),
        ],
    )
    .await;
    assert_eq!(wait_count(&js, "ARTICLE_RESULTS", 1, RESULTS).await, 1);
    assert_eq!(wait_count(&js, "ARTICLE_DLQ", 1, RESULTS).await, 1);
    let letter = &read_stream(&js, "ARTICLE_DLQ").await[0];
    assert_eq!(field(letter, "/error/kind"), "invalid_field");
}
