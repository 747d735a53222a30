//! Identifies the language of corpus articles (or of the lines of text files) in a loop: a small
//! program to profile the detector's hot path (`valgrind --tool=callgrind`) or time it.
//!
//! ```text
//! cargo run --release --example lang_profile -- [ARTICLES_PER_LANGUAGE] [ROUNDS] [LINES_FILE...]
//! valgrind --tool=callgrind --toggle-collect='article_worker::language::Detector::detect' \
//!     target/release/examples/lang_profile 5000 1
//! valgrind --tool=callgrind --toggle-collect='article_worker::language::Detector::detect' \
//!     target/release/examples/lang_profile 0 1 ~/.cargo/registry/src/*/lingua-*-language-model-1.3.0/testdata/sentences.txt
//! ```
//!
//! With `LINES_FILE`s, every non-empty line of them is one text (lingua's test sets are such
//! files); otherwise the first articles (by file name) of each language of `../shared/corpus`
//! (or `ARTICLE_WORKER_CORPUS`). The detector is built before the loop, outside `detect`.

use std::time::Instant;

use article_worker::language::Detector;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let per_language: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let texts: Vec<String> = if args.len() > 3 {
        args[3..]
            .iter()
            .flat_map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                let lines: Vec<String> = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned)
                    .collect();
                lines
            })
            .collect()
    } else {
        corpus::articles(per_language)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    };

    let t = Instant::now();
    let settings = article_worker::settings::Settings::load(None).expect("valid settings");
    let detector = Detector::new(&settings.language);
    eprintln!("detector built in {:?}", t.elapsed());
    // The first requests: whatever is built lazily shows up here.
    for text in [
        "وزیر اعظم نے خطاب کیا",
        texts[0].as_str(),
        "وزیر اعظم نے خطاب کیا",
    ] {
        let t = Instant::now();
        detector.detect(text, None);
        eprintln!("a request of {} bytes: {:?}", text.len(), t.elapsed());
    }

    let t = Instant::now();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            sink ^= detector.detect(text, None).segments.len();
        }
    }
    let n = texts.len() * rounds;
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{n} texts in {secs:.3} s: {:.0} texts/s ({sink:x})",
        n as f64 / secs
    );
}
