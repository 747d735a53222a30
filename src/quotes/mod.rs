//! Quotation extraction with attribution. (Placeholder API until the quote work lands: it
//! reports no quotation.)

use crate::message::Quote;
use crate::settings::QuoteSettings;

/// Built once at start-up (cue-verb tables) and shared by all workers.
pub struct QuoteExtractor {
    max_quotes: usize,
}

impl QuoteExtractor {
    pub fn new(settings: &QuoteSettings) -> QuoteExtractor {
        QuoteExtractor {
            max_quotes: settings.max_quotes,
        }
    }

    /// The quotations of `text`; `lang` is the detected ISO 639-1 code (or `und`).
    pub fn extract(&self, text: &str, lang: &str) -> Vec<Quote> {
        let _ = (text, lang, self.max_quotes);
        Vec::new()
    }
}
