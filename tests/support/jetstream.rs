//! JetStream helpers for integration tests: publish confirmed, count and read whole streams.

use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer::DeliverPolicy};
use futures::StreamExt;

pub async fn js(url: &str) -> jetstream::Context {
    let client = async_nats::ConnectOptions::new()
        .retry_on_initial_connect()
        .connect(url)
        .await
        .expect("test client connects");
    jetstream::new(client)
}

/// Publishes `(id, payload)` pairs to `articles.ingest`, confirmed by JetStream.
pub async fn publish(js: &jetstream::Context, items: &[(String, Vec<u8>)]) {
    let mut acks = Vec::new();
    for (id, payload) in items {
        let publish = jetstream::message::PublishMessage::build()
            .payload(payload.clone().into())
            .message_id(id);
        acks.push(
            js.send_publish("articles.ingest", publish)
                .await
                .expect("publish sent"),
        );
        if acks.len() >= 256 {
            for ack in acks.drain(..) {
                ack.await.expect("publish confirmed");
            }
        }
    }
    for ack in acks {
        ack.await.expect("publish confirmed");
    }
}

/// Every message currently in `stream`, in order.
pub async fn read_stream(js: &jetstream::Context, stream: &str) -> Vec<Vec<u8>> {
    let Ok(mut s) = js.get_stream(stream).await else {
        return Vec::new();
    };
    let total = s.info().await.unwrap().state.messages;
    if total == 0 {
        return Vec::new();
    }
    let consumer = s
        .create_consumer(jetstream::consumer::pull::OrderedConfig {
            deliver_policy: DeliverPolicy::All,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut messages = consumer.messages().await.unwrap();
    let mut out = Vec::new();
    while (out.len() as u64) < total {
        let m = tokio::time::timeout(Duration::from_secs(10), messages.next())
            .await
            .expect("stream read in time")
            .unwrap()
            .unwrap();
        out.push(m.payload.to_vec());
    }
    out
}

pub async fn stream_count(js: &jetstream::Context, stream: &str) -> u64 {
    match js.get_stream(stream).await {
        Ok(mut s) => s.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

/// Waits until `stream` holds at least `n` messages; the count reached.
pub async fn wait_count(js: &jetstream::Context, stream: &str, n: u64, timeout: Duration) -> u64 {
    let deadline = Instant::now() + timeout;
    loop {
        let c = stream_count(js, stream).await;
        if c >= n || Instant::now() > deadline {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The ids of result messages.
pub fn ids_of(results: &[Vec<u8>]) -> Vec<String> {
    results
        .iter()
        .map(|r| {
            let v: serde_json::Value = serde_json::from_slice(r).expect("a result is JSON");
            v["id"].as_str().expect("a result has an id").to_owned()
        })
        .collect()
}

/// Waits for all `n` results, then checks each article has exactly one: none missing, none
/// published twice.
pub async fn assert_each_result_once(js: &jetstream::Context, n: usize, timeout: Duration) {
    assert_eq!(
        wait_count(js, "ARTICLE_RESULTS", n as u64, timeout).await,
        n as u64
    );
    tokio::time::sleep(Duration::from_secs(4)).await; // room for a stray second result
    let ids = ids_of(&read_stream(js, "ARTICLE_RESULTS").await);
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), n, "none twice");
    assert_eq!(distinct.len(), n, "none missing");
}
