//! The whole pipeline (language, dedup with the in-memory store, quotes) over real articles
//! from ../shared/corpus: throughput in articles/s on one core.
//!
//! `cargo bench --bench pipeline` (set `ARTICLE_WORKER_CORPUS` to another corpus directory).

use article_worker::dedup::Dedup;
use article_worker::dedup::DedupMode;
use article_worker::language::Detector;
use article_worker::message::Article;
use article_worker::pipeline::Pipeline;
use article_worker::quotes::QuoteExtractor;
use article_worker::settings::Settings;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/corpus.rs"]
mod corpus;

fn corpus() -> Vec<Article> {
    corpus::articles(250)
        .into_iter()
        .map(|(id, text)| Article::new(id, text))
        .collect()
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
                story: Some(article_worker::story::Story::in_memory(&settings.story)),
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
