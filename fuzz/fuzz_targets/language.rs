//! Language identification on arbitrary text: never panics; confidences are probabilities;
//! segments cover the whole text in code points, in order, without gaps.
#![no_main]

use std::sync::LazyLock;

use article_worker::language::Detector;
use article_worker::settings::Settings;
use libfuzzer_sys::fuzz_target;

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    let settings = Settings::load_with_env(None, std::iter::empty()).unwrap();
    Detector::new(&settings.language)
});

fuzz_target!(|text: &str| {
    let r = DETECTOR.detect(text, Some("en"));
    assert!((0.0..=1.0).contains(&r.confidence));
    let chars = text.chars().count();
    let mut at = 0;
    for s in &r.segments {
        assert_eq!(s.start, at, "segments are contiguous");
        assert!(s.end >= s.start);
        at = s.end;
    }
    assert_eq!(at, chars, "segments cover the text");
});
