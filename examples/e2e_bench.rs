//! End-to-end benchmark through JetStream: publishes real articles from ../shared/corpus to
//! `articles.ingest` (at saturation or at a fixed rate) and measures, from the results that
//! come back on `articles.processed`, throughput and latency (publish to result) percentiles.
//!
//! Needs a nats-server and running workers; `scripts/bench-e2e.sh` starts both.
//!
//! usage: e2e_bench NATS_URL COUNT [RATE_PER_S]   (RATE omitted or 0: as fast as possible)

use std::collections::HashMap;
use std::time::{Duration, Instant};

use async_nats::jetstream;
use futures::StreamExt;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "nats://127.0.0.1:4222".into());
    let count: usize = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(10_000);
    let rate: f64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(0.0);
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    // The four languages interleaved, so that any number of articles is a mix of all four.
    let mut by_lang = Vec::new();
    for lang in ["ar", "fa", "en", "de"] {
        let mut files: Vec<_> = std::fs::read_dir(corpus.join(lang))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        by_lang.push(files);
    }
    let mut texts = Vec::new();
    for i in 0..by_lang.iter().map(Vec::len).max().unwrap_or(0) {
        for files in &by_lang {
            if let Some(f) = files.get(i) {
                texts.push(std::fs::read(f)?);
            }
        }
    }
    anyhow::ensure!(!texts.is_empty(), "no articles under {}", corpus.display());
    let run = format!("{:x}", std::process::id());
    let client = async_nats::connect(&url).await?;
    let js = jetstream::new(client.clone());
    let mut results = client.subscribe("articles.processed").await?;
    let sent_at: std::sync::Arc<std::sync::Mutex<HashMap<String, Instant>>> = Default::default();

    let collector = {
        let sent_at = sent_at.clone();
        tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(count);
            let mut last = Instant::now();
            while latencies.len() < count {
                let Ok(Some(m)) =
                    tokio::time::timeout(Duration::from_secs(60), results.next()).await
                else {
                    break;
                };
                let now = Instant::now();
                #[derive(serde::Deserialize)]
                struct Id {
                    id: String,
                }
                let Ok(r) = serde_json::from_slice::<Id>(&m.payload) else {
                    continue;
                };
                if let Some(t) = sent_at.lock().unwrap().remove(&r.id) {
                    latencies.push(now - t);
                    last = now;
                }
            }
            (latencies, last)
        })
    };

    let start = Instant::now();
    let mut pending = Vec::new();
    for i in 0..count {
        if rate > 0.0 {
            let due = start + Duration::from_secs_f64(i as f64 / rate);
            tokio::time::sleep_until(due.into()).await;
        }
        let id = format!("bench-{run}-{i}");
        let text = texts[i % texts.len()].clone();
        let publish = jetstream::message::PublishMessage::build()
            .payload(text.into())
            .message_id(&id);
        sent_at.lock().unwrap().insert(id, Instant::now());
        pending.push(js.send_publish("articles.ingest", publish).await?);
        if pending.len() >= 512 {
            for p in pending.drain(..) {
                p.await?;
            }
        }
    }
    for p in pending {
        p.await?;
    }
    let published = start.elapsed();
    let (mut latencies, last) = collector.await?;
    latencies.sort();
    let got = latencies.len();
    let pct = |p: f64| {
        latencies
            .get(((got as f64 * p) as usize).min(got.saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let elapsed = last - start;
    println!(
        "offered {}  published {count} in {:.2}s  results {got}/{count}  throughput {:.0} articles/s  latency p50 {:.1} ms  p90 {:.1} ms  p99 {:.1} ms  max {:.1} ms",
        if rate > 0.0 { format!("{rate:.0}/s") } else { "max".into() },
        published.as_secs_f64(),
        got as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.90).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    anyhow::ensure!(got == count, "only {got} of {count} results came back");
    Ok(())
}
