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
///
/// Read with an ordered consumer, the fast way; where that consumer stalls (a cluster that
/// has just restarted a node can leave a fresh consumer waiting longer than a test should),
/// the stream is read again one sequence at a time from its leader, which needs no consumer.
pub async fn read_stream(js: &jetstream::Context, stream: &str) -> Vec<Vec<u8>> {
    let Ok(mut s) = js.get_stream(stream).await else {
        return Vec::new();
    };
    let state = s.info().await.unwrap().state.clone();
    if state.messages == 0 {
        return Vec::new();
    }
    match read_ordered(&s, state.messages).await {
        Ok(out) => out,
        Err(read) => {
            eprintln!(
                "{stream}: ordered read stalled after {read} of {} messages; reading by sequence",
                state.messages
            );
            read_by_sequence(&s, state.first_sequence, state.last_sequence).await
        }
    }
}

/// The first `total` messages through an ordered consumer, or how many came before it stalled.
async fn read_ordered(s: &jetstream::stream::Stream, total: u64) -> Result<Vec<Vec<u8>>, usize> {
    let config = jetstream::consumer::pull::OrderedConfig {
        deliver_policy: DeliverPolicy::All,
        ..Default::default()
    };
    let Ok(consumer) = s.create_consumer(config).await else {
        return Err(0);
    };
    let Ok(mut messages) = consumer.messages().await else {
        return Err(0);
    };
    let mut out = Vec::new();
    while (out.len() as u64) < total {
        match tokio::time::timeout(Duration::from_secs(10), messages.next()).await {
            Ok(Some(Ok(m))) => out.push(m.payload.to_vec()),
            _ => return Err(out.len()),
        }
    }
    Ok(out)
}

/// Messages `first..=last` fetched one by one from the stream leader, each retried for up to
/// half a minute while the cluster settles; sequences the stream no longer holds are skipped.
async fn read_by_sequence(s: &jetstream::stream::Stream, first: u64, last: u64) -> Vec<Vec<u8>> {
    use jetstream::stream::LastRawMessageErrorKind::NoMessageFound;
    let mut out = Vec::new();
    for seq in first..=last {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match s.get_raw_message(seq).await {
                Ok(m) => {
                    out.push(m.payload.to_vec());
                    break;
                }
                Err(e) if e.kind() == NoMessageFound => break,
                Err(e) if Instant::now() > deadline => panic!("message {seq} unreadable: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
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
