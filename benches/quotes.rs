//! Quote extraction throughput on one core: the development articles (Arabic, Persian) and a
//! sample of the English and German corpora, each extracted whole, as the pipeline does.

use article_worker::quotes::QuoteExtractor;
use article_worker::settings::QuoteSettings;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn articles() -> Vec<String> {
    // The shared data sits beside the worktrees (`../shared`) or two levels up from one.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("SHARED")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            [root.join("../shared"), root.join("../../shared")]
                .into_iter()
                .find(|p| p.is_dir())
        })
        .unwrap_or_else(|| root.join("../shared"));
    let mut out = Vec::new();
    for (dir, take) in [
        ("seeds", 50),
        ("corpus/ar", 100),
        ("corpus/fa", 100),
        ("corpus/en", 100),
        ("corpus/de", 100),
    ] {
        let Ok(rd) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        out.extend(
            paths
                .into_iter()
                .take(take)
                .filter_map(|p| std::fs::read_to_string(p).ok()),
        );
    }
    if out.is_empty() {
        out.push(
            "وقال الرئيس إن “العراق يتمتع بعلاقات ثابتة مع إيران”.\n\"We will win,\" said Trump."
                .repeat(20),
        );
    }
    out
}

fn bench(c: &mut Criterion) {
    let x = QuoteExtractor::new(&QuoteSettings {
        max_quotes: 500,
        short_quote_words: 4,
    });
    let docs = articles();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function(
        format!("extract {} articles, {} KiB", docs.len(), bytes / 1024),
        |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| x.extract(d).quotes.len())
                    .sum::<usize>()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
