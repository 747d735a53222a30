//! Fingerprints corpus articles in a loop: a small program to profile the duplicate
//! detector's hot path (`valgrind --tool=callgrind`) or time it.
//!
//! ```text
//! cargo run --release --example fingerprint_profile -- [ARTICLES_PER_LANGUAGE] [ROUNDS]
//! valgrind --tool=callgrind --toggle-collect='article_worker::dedup::fingerprint::fingerprint' \
//!     target/release/examples/fingerprint_profile 100 1
//! ```
//!
//! The first articles (by file name) of each language of `../shared/corpus` (or
//! `ARTICLE_WORKER_CORPUS`); the normaliser's table is built before the loop, outside
//! `fingerprint`.

use std::time::Instant;

use article_worker::dedup::fingerprint::fingerprint;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let per_language: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let texts: Vec<String> = corpus::articles(per_language)
        .into_iter()
        .map(|(_, t)| t)
        .collect();

    let t = Instant::now();
    let _ = article_worker::text::chars::fold::fold_for_fingerprints("x");
    eprintln!("normaliser table built in {:?}", t.elapsed());

    let t = Instant::now();
    let mut sink = 0u64;
    for _ in 0..rounds {
        for text in &texts {
            sink ^= fingerprint(text).exact as u64;
        }
    }
    let n = texts.len() * rounds;
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{n} fingerprints in {secs:.3} s: {:.0} articles/s ({sink:x})",
        n as f64 / secs
    );
}
