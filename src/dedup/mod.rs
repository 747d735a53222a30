//! Duplicate detection: is this article a copy of one seen in the window, and of which?
//!
//! The stage is pure: [`fingerprint::fingerprint`] turns the text into an exact hash, a
//! 64-byte MinHash sketch and a shingle count; a [`store::Store`] (memory, embedded files or
//! JetStream key-value) keeps the window and answers with the earliest article whose
//! similarity reaches `dedup.threshold`. Time comes in as `now_ms`; nothing here reads the
//! clock.
//!
//! - Same normalised words (letter and digit forms, quotation marks, punctuation, case):
//!   `exact_duplicate`, similarity 1.
//! - Estimated Jaccard similarity, or containment of the shorter in the longer, at or above
//!   the threshold: `near_duplicate`.
//! - The same id again (a redelivery) gets the answer it got the first time, and is never its
//!   own duplicate.

pub mod fingerprint;
pub mod store;

use std::sync::Arc;

pub use store::DedupMode;
pub use store::StoreError;
use store::{Query, Store};

use crate::message::DedupResult;
use crate::settings::DedupSettings;
use crate::text::words::FoldedWords;

/// The dedup stage: fingerprints articles and asks its store. `Send + Sync`; called from many
/// threads at once.
#[derive(Clone)]
pub struct Dedup {
    store: Arc<dyn Store>,
    threshold: f64,
}

impl Dedup {
    /// A window in memory (for `analyze` and tests).
    pub fn in_memory(settings: &DedupSettings) -> Dedup {
        let store = store::memory::MemoryStore::new(settings.window_articles, window_ms(settings));
        Dedup::with_store(Arc::new(store), settings)
    }

    /// The embedded store in `settings.data_dir`: what was seen survives a restart.
    pub fn open(settings: &DedupSettings) -> Result<Dedup, StoreError> {
        let store = store::embedded::EmbeddedStore::open(
            &settings.data_dir,
            settings.window_articles,
            window_ms(settings),
            settings.flush_interval,
        )?;
        Ok(Dedup::with_store(Arc::new(store), settings))
    }

    /// The JetStream key-value store in bucket `settings.kv_bucket`, shared by replicas, kept
    /// in `replicas` copies (`nats.replicas`).
    ///
    /// Its synchronous [`Store`] methods block on the current Tokio runtime
    /// (`Handle::block_on`): call [`Dedup::check`] from `spawn_blocking` threads or other
    /// threads outside the runtime, never from an async task.
    pub async fn jetstream(
        js: async_nats::jetstream::Context,
        settings: &DedupSettings,
        replicas: usize,
    ) -> Result<Dedup, StoreError> {
        let store = store::jetstream::JetStreamStore::open(js, settings, replicas).await?;
        Ok(Dedup::with_store(Arc::new(store), settings))
    }

    /// Any store (for tests and benchmarks).
    pub fn with_store(store: Arc<dyn Store>, settings: &DedupSettings) -> Dedup {
        Dedup {
            store,
            threshold: settings.threshold,
        }
    }

    /// Records the article and says whether it copies an earlier one; the same id always gets
    /// the same answer.
    pub fn check(&self, id: &str, text: &str, now_ms: u64) -> Result<DedupResult, StoreError> {
        self.run(id, text, now_ms, DedupMode::Record)
    }

    /// As [`Dedup::check`], without recording the article.
    pub fn lookup(&self, id: &str, text: &str, now_ms: u64) -> Result<DedupResult, StoreError> {
        self.run(id, text, now_ms, DedupMode::Lookup)
    }

    /// Makes what was recorded durable (the embedded store also does so every
    /// `dedup.flush_interval`).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush()
    }

    /// Whether checks wait on the network (the JetStream store): then they must run outside
    /// the async runtime.
    pub fn waits_on_network(&self) -> bool {
        self.store.waits_on_network()
    }

    /// As [`Dedup::check`] or [`Dedup::lookup`] by `mode`, also handing back the opening of the
    /// folded words, which the story stage reads instead of folding the text again.
    pub fn run_keeping_words(
        &self,
        id: &str,
        text: &str,
        now_ms: u64,
        mode: DedupMode,
    ) -> Result<(DedupResult, FoldedWords), StoreError> {
        let (fp, words) = fingerprint::fingerprint_keeping_words(text);
        Ok((self.ask(id, &fp, now_ms, mode)?, words))
    }

    fn run(
        &self,
        id: &str,
        text: &str,
        now_ms: u64,
        mode: DedupMode,
    ) -> Result<DedupResult, StoreError> {
        self.ask(id, &fingerprint::fingerprint(text), now_ms, mode)
    }

    fn ask(
        &self,
        id: &str,
        fp: &fingerprint::Fingerprint,
        now_ms: u64,
        mode: DedupMode,
    ) -> Result<DedupResult, StoreError> {
        let q = Query {
            id,
            fingerprint: fp,
            now_ms,
        };
        self.store.check(&q, self.threshold, mode)
    }
}

fn window_ms(settings: &DedupSettings) -> u64 {
    u64::try_from(settings.window.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::DedupStatus;
    use crate::settings::Settings;

    fn settings() -> DedupSettings {
        Settings::load_with_env(None, Vec::new()).unwrap().dedup
    }

    fn seed(prefix: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let entry = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(entry).unwrap()
    }

    fn article(words: usize, seed: u64) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..words)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let w = format!("word{}", x % 5_000);
                if i % 17 == 16 {
                    format!("{w}.\n")
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn dedup_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Dedup>();
    }

    #[test]
    fn first_article_is_unique() {
        let d = Dedup::in_memory(&settings());
        let r = d.check("a", &article(300, 1), 0).unwrap();
        assert_eq!(r.status, DedupStatus::Unique);
        assert_eq!(r.duplicate_of, None);
        assert_eq!(r.similarity, 0.0);
    }

    #[test]
    fn letter_digit_and_mark_forms_make_an_exact_duplicate() {
        let d = Dedup::in_memory(&settings());
        let a = "قال الرئيس إن الاجتماع الذي عُقد يوم ٢٣ أكتوبر كان «مثمرا» وأكد أن بلاده ستواصل دعم الشركاء";
        let b = "قال الرئیس ان الاجتماع الذی عقد یوم ۲۳ اکتوبر کان \"مثمـرا\" واکد ان بلاده ستواصل دعم الشرکاء";
        d.check("a", a, 0).unwrap();
        let r = d.check("b", b, 1).unwrap();
        assert_eq!(r.status, DedupStatus::ExactDuplicate);
        assert_eq!(r.duplicate_of.as_deref(), Some("a"));
        assert_eq!(r.similarity, 1.0);
    }

    #[test]
    fn persian_zwnj_and_arabic_yeh_make_an_exact_duplicate() {
        let d = Dedup::in_memory(&settings());
        d.check("a", "وزیر امور خارجه می‌گوید که مذاکرات ادامه خواهد یافت", 0)
            .unwrap();
        let r = d
            .check("b", "وزير امور خارجه ميگويد كه مذاكرات ادامه خواهد يافت", 1)
            .unwrap();
        assert_eq!(r.status, DedupStatus::ExactDuplicate);
    }

    #[test]
    fn new_headline_byline_and_changed_words_make_a_near_duplicate() {
        let d = Dedup::in_memory(&settings());
        let body = article(400, 2);
        d.check("wire", &format!("Original headline\n\n{body}"), 0)
            .unwrap();
        let mut words: Vec<&str> = body.split(' ').collect();
        for i in [40, 120, 200, 280, 360] {
            words[i] = "different";
        }
        let copy = format!(
            "A new headline here\n\nBy Staff Writer\n\n{}",
            words.join(" ")
        );
        let r = d.check("copy", &copy, 1).unwrap();
        assert_eq!(r.status, DedupStatus::NearDuplicate);
        assert_eq!(r.duplicate_of.as_deref(), Some("wire"));
        assert!(
            r.similarity >= 0.7 && r.similarity < 1.0,
            "{}",
            r.similarity
        );
    }

    #[test]
    fn a_reprint_trimmed_to_its_first_60_percent_is_found() {
        let d = Dedup::in_memory(&settings());
        let body = article(500, 3);
        d.check("full", &body, 0).unwrap();
        let cut = body
            .char_indices()
            .nth(body.chars().count() * 6 / 10)
            .unwrap()
            .0;
        let r = d.check("trimmed", &body[..cut], 1).unwrap();
        assert_eq!(r.status, DedupStatus::NearDuplicate);
        assert_eq!(r.duplicate_of.as_deref(), Some("full"));
        assert!(r.similarity >= 0.85, "{}", r.similarity);
    }

    #[test]
    fn two_reports_of_one_meeting_are_not_duplicates() {
        let d = Dedup::in_memory(&settings());
        d.check("000", &seed("000_"), 0).unwrap();
        let r = d.check("003", &seed("003_"), 1).unwrap();
        assert_eq!(r.status, DedupStatus::Unique, "{r:?}");
    }

    #[test]
    fn one_report_in_two_languages_is_not_a_duplicate() {
        let d = Dedup::in_memory(&settings());
        d.check("002", &seed("002_"), 0).unwrap();
        let r = d.check("004", &seed("004_"), 1).unwrap();
        assert_eq!(r.status, DedupStatus::Unique, "{r:?}");
    }

    #[test]
    fn no_two_seeds_are_duplicates() {
        let d = Dedup::in_memory(&settings());
        for (i, p) in ["000_", "001_", "002_", "003_", "004_"].iter().enumerate() {
            let r = d.check(p, &seed(p), i as u64).unwrap();
            assert_eq!(r.status, DedupStatus::Unique, "{p}: {r:?}");
        }
    }

    #[test]
    fn a_redelivery_gets_its_first_answer_and_is_never_its_own_duplicate() {
        let d = Dedup::in_memory(&settings());
        let text = article(200, 4);
        let first = d.check("a", &text, 0).unwrap();
        assert_eq!(d.check("a", &text, 5).unwrap(), first);
        d.check("b", &text, 6).unwrap();
        let b_first = d.check("b", &text, 7).unwrap();
        assert_eq!(b_first.duplicate_of.as_deref(), Some("a"));
        assert_eq!(d.check("b", &text, 8).unwrap(), b_first);
    }

    #[test]
    fn lookup_does_not_record() {
        let d = Dedup::in_memory(&settings());
        let text = article(200, 5);
        assert_eq!(d.lookup("a", &text, 0).unwrap().status, DedupStatus::Unique);
        assert_eq!(d.check("b", &text, 1).unwrap().status, DedupStatus::Unique);
        let r = d.lookup("c", &text, 2).unwrap();
        assert_eq!(r.duplicate_of.as_deref(), Some("b"));
    }

    #[test]
    fn articles_out_of_the_time_window_are_forgotten() {
        let mut s = settings();
        s.window = std::time::Duration::from_secs(60);
        let d = Dedup::in_memory(&s);
        let text = article(200, 6);
        d.check("a", &text, 0).unwrap();
        assert_eq!(
            d.check("b", &text, 59_000).unwrap().status,
            DedupStatus::ExactDuplicate
        );
        // b (at 59 s) is still in the window at 100 s, a (at 0 s) is not.
        let r = d.check("c", &text, 100_000).unwrap();
        assert_eq!(r.duplicate_of.as_deref(), Some("b"));
        assert_eq!(
            d.check("d", &text, 200_000).unwrap().status,
            DedupStatus::Unique
        );
    }

    #[test]
    fn articles_beyond_the_count_window_are_forgotten() {
        let mut s = settings();
        s.window_articles = 10;
        let d = Dedup::in_memory(&s);
        let first = article(200, 7);
        d.check("first", &first, 0).unwrap();
        for i in 0..10 {
            d.check(&format!("other{i}"), &article(200, 100 + i), 1)
                .unwrap();
        }
        assert_eq!(
            d.check("again", &first, 2).unwrap().status,
            DedupStatus::Unique
        );
    }

    #[test]
    fn the_threshold_comes_from_the_settings() {
        let body = article(400, 8);
        let mut words: Vec<&str> = body.split(' ').collect();
        for i in (0..400).step_by(10) {
            words[i] = "x";
        }
        let edited = words.join(" ");
        let mut strict = settings();
        strict.threshold = 0.99;
        let d = Dedup::in_memory(&strict);
        d.check("a", &body, 0).unwrap();
        assert_eq!(
            d.check("b", &edited, 1).unwrap().status,
            DedupStatus::Unique
        );
        let mut lax = settings();
        lax.threshold = 0.3;
        let d = Dedup::in_memory(&lax);
        d.check("a", &body, 0).unwrap();
        assert_eq!(
            d.check("b", &edited, 1).unwrap().status,
            DedupStatus::NearDuplicate
        );
    }
}
