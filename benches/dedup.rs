//! Duplicate detection throughput, one thread: fingerprinting alone, and `Dedup::check`
//! (fingerprint, compare, record) against a window already holding 100k and 1M articles, in
//! memory and in the embedded store.
//!
//! `cargo bench --bench dedup`. Articles come from `../shared/corpus` (or
//! `ARTICLE_WORKER_CORPUS`); the windows are filled with distinct synthetic fingerprints.

use std::sync::Arc;
use std::time::Duration;

use article_worker::dedup::fingerprint::{fingerprint, Fingerprint};
use article_worker::dedup::store::embedded::EmbeddedStore;
use article_worker::dedup::store::memory::MemoryStore;
use article_worker::dedup::store::{DedupMode, Query, Store};
use article_worker::dedup::Dedup;
use article_worker::settings::Settings;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/corpus.rs"]
mod corpus;

/// The first 500 articles of each language, text only.
fn corpus() -> Vec<String> {
    corpus::articles(500).into_iter().map(|(_, t)| t).collect()
}

fn fill(store: &dyn Store, n: usize, sample: &Fingerprint) {
    let mut x: u64 = 0x1234_5678;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let mut fp = sample.clone();
        fp.exact = ((next() as u128) << 64) | next() as u128;
        for b in fp.sketch.iter_mut() {
            *b = next() as u8;
        }
        let id = format!("bbc-middleeast-{i:07}");
        store
            .check(
                &Query {
                    id: &id,
                    fingerprint: &fp,
                    now_ms: 0,
                },
                0.7,
                DedupMode::Record,
            )
            .unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let settings = Settings::load_with_env(None, Vec::new()).unwrap().dedup;

    let mut g = c.benchmark_group("dedup");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function(
        format!("fingerprint/{} articles, {} bytes", texts.len(), bytes),
        |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| fingerprint(t).shingles as u64)
                    .sum::<u64>()
            })
        },
    );

    let sample = fingerprint(&texts[0]);
    for n in [100_000usize, 1_000_000] {
        let mut s = settings.clone();
        s.window_articles = n;
        let memory = Arc::new(MemoryStore::new(n, u64::MAX));
        fill(memory.as_ref(), n, &sample);
        let dedup = Dedup::with_store(memory, &s);
        let mut round = 0u64;
        g.bench_function(format!("check/memory, window {n}"), |b| {
            b.iter(|| {
                round += 1;
                for (i, t) in texts.iter().enumerate() {
                    dedup.check(&format!("r{round}-{i}"), t, 1).unwrap();
                }
            })
        });
        drop(dedup);

        let dir = tempfile::tempdir().unwrap();
        let embedded =
            Arc::new(EmbeddedStore::open(dir.path(), n, u64::MAX, Duration::from_secs(1)).unwrap());
        fill(embedded.as_ref(), n, &sample);
        embedded.flush().unwrap();
        let (len, heap, disk) = embedded.usage();
        eprintln!(
            "embedded store, window {n}: {len} articles, {:.0} bytes/article on disk, {:.0} in memory",
            disk as f64 / len as f64,
            heap as f64 / len as f64
        );
        let dedup = Dedup::with_store(embedded, &s);
        g.bench_function(format!("check/embedded, window {n}"), |b| {
            b.iter(|| {
                round += 1;
                for (i, t) in texts.iter().enumerate() {
                    dedup.check(&format!("r{round}-{i}"), t, 1).unwrap();
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
