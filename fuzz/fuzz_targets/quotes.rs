//! Quotation extraction on arbitrary text: never panics; every quotation's code-point offsets
//! give back its text; the output is bounded.
#![no_main]

use std::sync::LazyLock;

use article_worker::quotes::QuoteExtractor;
use article_worker::settings::Settings;
use libfuzzer_sys::fuzz_target;

static SETTINGS: LazyLock<Settings> =
    LazyLock::new(|| Settings::load_with_env(None, std::iter::empty()).unwrap());
static EXTRACTOR: LazyLock<QuoteExtractor> =
    LazyLock::new(|| QuoteExtractor::new(&SETTINGS.quotes));

fuzz_target!(|text: &str| {
    let quotes = EXTRACTOR.extract(text).quotes;
    assert!(quotes.len() <= SETTINGS.quotes.max_quotes);
    let chars: Vec<char> = text.chars().collect();
    for q in &quotes {
        assert!(q.start <= q.end && q.end <= chars.len());
        let span: String = chars[q.start..q.end].iter().collect();
        assert_eq!(span, q.text, "text[start:end] == quote.text");
    }
});
