//! The pipeline bench's 1,000 corpus articles (250 each of ar, fa, en, de) through language,
//! dedup in memory and quotes, timed per CPU second of the thread as well as per wall-clock
//! second: on shared cores the CPU figure is the one that says what a free core does.
//!
//! `cargo run --release --example pipeline_cpu -- [rounds]` (set `ARTICLE_WORKER_CORPUS` to
//! another corpus directory).
use std::time::Instant;

use article_worker::dedup::Dedup;
use article_worker::dedup::DedupMode;
use article_worker::language::Detector;
use article_worker::message::Article;
use article_worker::pipeline::Pipeline;
use article_worker::quotes::QuoteExtractor;
use article_worker::settings::Settings;

#[path = "../benches/support/corpus.rs"]
mod corpus;

/// CPU seconds used by this thread so far.
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(5, |a| a.parse().unwrap());
    let articles: Vec<Article> = corpus::articles(250)
        .into_iter()
        .map(|(id, text)| Article::new(id, text))
        .collect();
    // ARTICLE_WORKER__… variables apply (ARTICLE_WORKER__STORY__ENABLED=false times the
    // pipeline without the story stage).
    let settings = Settings::load_with_env(None, std::env::vars()).unwrap();
    for _ in 0..rounds {
        let p = Pipeline {
            language: Detector::new(&settings.language),
            dedup: Dedup::in_memory(&settings.dedup),
            story: settings
                .story
                .enabled
                .then(|| article_worker::story::Story::in_memory(&settings.story)),
            quotes: QuoteExtractor::new(&settings.quotes),
        };
        let (t, c) = (Instant::now(), cpu());
        for (i, a) in articles.iter().enumerate() {
            p.process(a, DedupMode::Record, i as u64).unwrap();
        }
        let (w, c) = (t.elapsed().as_secs_f64(), (cpu() - c).max(0.01));
        println!(
            "pipeline {} articles: {:.0}/s wall, {:.0}/s per CPU s",
            articles.len(),
            articles.len() as f64 / w,
            articles.len() as f64 / c
        );
    }
}
