//! lingua detectors over a few languages, built once per set of languages and kept.
//!
//! A close call on short text is asked of lingua among the handful of languages the n-gram
//! table ranks best. lingua's models live in its statics and are shared, but building a
//! detector still works out, for every build, which alphabets one language alone writes over
//! all 75 languages, whatever the set: costly next to a short text's look-ups. A feed asks
//! about the same few sets again and again (a language and its neighbours), so each set's
//! detector is built once and kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// At most this many detectors are kept (a few KB each); when full, the cache starts again.
/// lingua's 75 languages give far more sets than a feed asks about, so a bound is needed but
/// an eviction order is not worth its code.
const MAX_KEPT: usize = 4096;

/// The kept detectors, by set of languages.
#[derive(Default)]
pub struct LinguaDetectors {
    kept: Mutex<HashMap<u128, Arc<LanguageDetector>>>,
}

impl LinguaDetectors {
    /// The detector over `languages` (in any order), built on first use.
    pub fn over(&self, languages: &[Language]) -> Arc<LanguageDetector> {
        let key = set_key(languages);
        if let Some(detector) = self.lock().get(&key) {
            return Arc::clone(detector);
        }
        // Built outside the lock: another worker asking about another set need not wait.
        let detector = Arc::new(LanguageDetectorBuilder::from_languages(languages).build());
        let mut kept = self.lock();
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        Arc::clone(kept.entry(key).or_insert(detector))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u128, Arc<LanguageDetector>>> {
        // A panic while the map was held leaves it whole (inserts and clears only).
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One bit per language: lingua has 75, fewer than 128.
fn set_key(languages: &[Language]) -> u128 {
    languages
        .iter()
        .fold(0, |key, &language| key | 1u128 << (language as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_in_any_order_is_one_detector() {
        let detectors = LinguaDetectors::default();
        let a = detectors.over(&[Language::English, Language::German, Language::Dutch]);
        let b = detectors.over(&[Language::Dutch, Language::English, Language::German]);
        assert!(Arc::ptr_eq(&a, &b));
        let c = detectors.over(&[Language::English, Language::German]);
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn a_kept_detector_answers_as_a_new_one() {
        let detectors = LinguaDetectors::default();
        let languages = [Language::Spanish, Language::Portuguese, Language::Italian];
        let text = "buenos días";
        let fresh = LanguageDetectorBuilder::from_languages(&languages)
            .build()
            .compute_language_confidence_values(text);
        // lingua sums over its languages in a hash set's order, so two detectors may differ
        // in the last bits.
        for _ in 0..2 {
            let kept = detectors
                .over(&languages)
                .compute_language_confidence_values(text);
            assert_eq!(kept.len(), fresh.len());
            for ((a, p), (b, q)) in kept.iter().zip(&fresh) {
                assert_eq!(a, b);
                assert!((p - q).abs() < 1e-9, "{a:?}: {p} against {q}");
            }
        }
    }

    #[test]
    fn every_language_has_its_own_bit() {
        let keys: std::collections::HashSet<u128> =
            Language::all().iter().map(|&l| set_key(&[l])).collect();
        assert_eq!(keys.len(), Language::all().len());
        assert!(Language::all().iter().all(|&l| (l as u32) < 128));
    }
}
