//! The whole path of one message: decoding, then every stage and the result message, as the
//! worker runs it. Never panics; the result is JSON with the article's id.
#![no_main]

use std::sync::LazyLock;

use article_worker::dedup::{Dedup, DedupMode};
use article_worker::language::Detector;
use article_worker::message::{decode, Limits, WorkerInfo};
use article_worker::pipeline::Pipeline;
use article_worker::quotes::QuoteExtractor;
use article_worker::settings::Settings;
use libfuzzer_sys::fuzz_target;

/// The worker's defaults but a 64 KiB payload, so each run stays fast.
const LIMITS: Limits = Limits {
    max_bytes: 64 * 1024,
    max_id_bytes: 1024,
};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| {
    let s = Settings::load_with_env(None, std::iter::empty()).unwrap();
    Pipeline {
        language: Detector::new(&s.language),
        dedup: Dedup::in_memory(&s.dedup),
        // Off, as by default: its store is exercised by the story unit and integration tests.
        story: None,
        quotes: QuoteExtractor::new(&s.quotes),
    }
});

fuzz_target!(|data: &[u8]| {
    let Ok(article) = decode(data, None, LIMITS) else {
        return;
    };
    let analysis = PIPELINE.process(&article, DedupMode::Record, 1).unwrap();
    let info = WorkerInfo {
        version: "fuzz".into(),
        instance: "fuzz".into(),
    };
    let json: serde_json::Value =
        serde_json::from_slice(&analysis.to_result_json(&article, &info)).unwrap();
    assert_eq!(json["id"].as_str(), Some(article.id.as_str()));
});
