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
//! `/work/shared/corpus`); the normaliser's table is built before the loop, outside
//! `fingerprint`.

use std::path::PathBuf;
use std::time::Instant;

use article_worker::dedup::fingerprint::fingerprint;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let per_language: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = [
        manifest.join("../shared/corpus"),
        PathBuf::from("/work/shared/corpus"),
    ]
    .into_iter()
    .find(|p| p.exists())
    .expect("the shared corpus");
    let mut texts = Vec::new();
    for lang in ["ar", "fa", "en", "de"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(lang))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .take(per_language)
                .map(|p| std::fs::read_to_string(p).unwrap()),
        );
    }

    let t = Instant::now();
    let _ = article_worker::text::normalize::fold("x");
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
