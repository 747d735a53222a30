//! The whole pipeline (language, dedup with the in-memory store, quotes) over real articles
//! from ../shared/corpus: throughput in articles/s on one core.
//!
//! `cargo bench --bench pipeline` (set `ARTICLE_WORKER_CORPUS` to another corpus directory).

use std::path::PathBuf;

use article_worker::dedup::Dedup;
use article_worker::language::Detector;
use article_worker::message::Article;
use article_worker::pipeline::{DedupMode, Pipeline};
use article_worker::quotes::QuoteExtractor;
use article_worker::settings::Settings;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<Article> {
    let root = std::env::var_os("ARTICLE_WORKER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut articles = Vec::new();
    for lang in ["ar", "fa", "en", "de"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(lang))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for path in files.into_iter().take(250) {
            let text = std::fs::read_to_string(&path).unwrap();
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            articles.push(Article::new(id, text));
        }
    }
    assert!(!articles.is_empty(), "no corpus under {}", root.display());
    articles
}

fn pipeline(c: &mut Criterion) {
    let settings = Settings::load_with_env(None, std::iter::empty()).unwrap();
    let articles = corpus();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.sample_size(10);
    group.bench_function("corpus_1000_articles", |b| {
        b.iter_with_setup(
            || Pipeline {
                language: Detector::new(&settings.language),
                dedup: Dedup::in_memory(&settings.dedup),
                quotes: QuoteExtractor::new(&settings.quotes),
            },
            |p| {
                for (i, a) in articles.iter().enumerate() {
                    p.process(a, DedupMode::Record, i as u64).unwrap();
                }
            },
        )
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
