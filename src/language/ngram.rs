//! A fast n-gram scorer over lingua's own models: the unigrams, bigrams and trigrams of the
//! languages that share a script with another one here (Arabic-script and Latin), read once from
//! the model crates' `ngrams.fst` into one hash table, so that a sentence costs one look-up per
//! distinct n-gram instead of one finite-state-transducer walk per n-gram and language.
//!
//! It scores the way lingua does (sum of the log-probabilities of the distinct n-grams, falling
//! back to the lower-order prefix an n-gram has in a language's model, divided by the number of
//! known unigrams when unigrams take part), but without lingua's 4- and 5-grams, which matter
//! only on very short text: that is left to lingua itself.

use std::collections::HashMap;

use fst::{Automaton, IntoStreamer, Streamer};

use crate::text::script::{push_lowercase, Scripts};

/// The n-gram table's hasher: keys are packed characters, so one multiply mixes them enough
/// (SipHash would cost more than the rest of a look-up).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = (k ^ (k >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k >> 32);
    }
}

type Table = HashMap<u64, [f32; MAX_LANGS], std::hash::BuildHasherDefault<KeyHasher>>;

/// N-grams up to this many characters are loaded.
const MAX_ORDER: usize = 3;

/// The models of these lingua languages are loaded; at most [`MAX_LANGS`].
const MAX_LANGS: usize = 8;

/// The lingua models this scorer loads, with the bytes of their `ngrams.fst`.
fn model_bytes(language: lingua::Language) -> Option<&'static [u8]> {
    use lingua::Language::*;
    let dir = match language {
        Arabic => &lingua_arabic_language_model::ARABIC_MODELS_DIRECTORY,
        Persian => &lingua_persian_language_model::PERSIAN_MODELS_DIRECTORY,
        Urdu => &lingua_urdu_language_model::URDU_MODELS_DIRECTORY,
        English => &lingua_english_language_model::ENGLISH_MODELS_DIRECTORY,
        French => &lingua_french_language_model::FRENCH_MODELS_DIRECTORY,
        German => &lingua_german_language_model::GERMAN_MODELS_DIRECTORY,
        Spanish => &lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY,
        Turkish => &lingua_turkish_language_model::TURKISH_MODELS_DIRECTORY,
        _ => return None,
    };
    dir.get_file("ngrams.fst").map(|f| f.contents())
}

/// Why the n-gram tables could not be read (a corrupt model crate).
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the lingua model of {0:?} is not a valid FST: {1}")]
    Fst(lingua::Language, fst::Error),
}

/// Log-probabilities of the loaded languages per n-gram (NaN: not in that language's model).
#[derive(Default)]
pub struct NgramModel {
    languages: Vec<lingua::Language>,
    table: Table,
}

/// Accepts the keys of at most `.0` characters and prunes every longer branch, so that reading
/// the trigrams of a model does not walk its 4- and 5-grams.
struct MaxChars(usize);

impl Automaton for MaxChars {
    type State = usize;
    fn start(&self) -> usize {
        0
    }
    fn is_match(&self, chars: &usize) -> bool {
        *chars <= self.0
    }
    fn can_match(&self, chars: &usize) -> bool {
        *chars <= self.0
    }
    fn accept(&self, chars: &usize, byte: u8) -> usize {
        if byte & 0xC0 == 0x80 {
            *chars
        } else {
            chars + 1
        }
    }
}

/// Up to three characters in one key; none of them is NUL, so keys of different lengths differ.
fn key(chars: &[char]) -> u64 {
    chars
        .iter()
        .enumerate()
        .fold(0, |k, (i, &c)| k | (c as u64) << (21 * i))
}

/// The key of the first `n` characters of the n-gram whose key is `key`.
fn prefix(key: u64, n: usize) -> u64 {
    key & ((1u64 << (21 * n)) - 1)
}

impl NgramModel {
    /// Loads the models of those of `languages` that this scorer knows (see [`model_bytes`]).
    pub fn load(languages: &[lingua::Language]) -> Result<NgramModel, ModelError> {
        let mut loaded = Vec::new();
        let mut table = Table::with_capacity_and_hasher(1 << 16, Default::default());
        for &language in languages {
            let Some(bytes) = model_bytes(language) else {
                continue;
            };
            if loaded.len() == MAX_LANGS {
                break;
            }
            let index = loaded.len();
            loaded.push(language);
            let map = fst::Map::new(bytes).map_err(|e| ModelError::Fst(language, e))?;
            let mut stream = map.search(MaxChars(MAX_ORDER)).into_stream();
            let mut chars = Vec::with_capacity(MAX_ORDER);
            while let Some((k, v)) = stream.next() {
                let Ok(s) = std::str::from_utf8(k) else {
                    continue;
                };
                chars.clear();
                chars.extend(s.chars());
                if chars.is_empty() || chars.len() > MAX_ORDER {
                    continue;
                }
                table.entry(key(&chars)).or_insert([f32::NAN; MAX_LANGS])[index] =
                    f64::from_bits(v) as f32;
            }
        }
        table.shrink_to_fit();
        Ok(NgramModel {
            languages: loaded,
            table,
        })
    }

    /// Whether this scorer has a model for `language`.
    pub fn knows(&self, language: lingua::Language) -> bool {
        self.languages.contains(&language)
    }

    /// lingua-style probabilities of `candidates` for `text` (words lower-cased, letters only);
    /// `None` when no n-gram of the text is known to any of them. With `with_lower_orders`,
    /// unigrams and bigrams are scored too, as lingua does below 120 characters.
    pub fn probabilities(
        &self,
        text: &str,
        candidates: &[lingua::Language],
        with_lower_orders: bool,
    ) -> Option<Vec<(lingua::Language, f64)>> {
        let idx: Vec<usize> = candidates
            .iter()
            .filter_map(|c| self.languages.iter().position(|l| l == c))
            .collect();
        if idx.is_empty() {
            return None;
        }
        let orders: &[usize] = if with_lower_orders { &[1, 2, 3] } else { &[3] };
        // Every n-gram as its packed key (see [`key`]): sorting and removing repeats of
        // integers is much cheaper than of character arrays.
        let mut grams: Vec<u64> = Vec::new();
        let mut sums = [0.0f64; MAX_LANGS];
        let mut unigrams_known = [0usize; MAX_LANGS];
        let mut word: Vec<char> = Vec::with_capacity(32);
        let scripts = Scripts::get();
        for &order in orders {
            grams.clear();
            for c in text.chars().chain(std::iter::once(' ')) {
                if let Some(script) = scripts.of(c) {
                    push_lowercase(c, script, &mut word);
                    continue;
                }
                if word.len() >= order {
                    grams.extend(word.windows(order).map(key));
                }
                word.clear();
            }
            grams.sort_unstable();
            grams.dedup();
            for &g in &grams {
                // The n-gram itself, else its lower-order prefixes (looked up only when needed),
                // as lingua does.
                let mut entries: [Option<Option<&[f32; MAX_LANGS]>>; MAX_ORDER] = [None; MAX_ORDER];
                for &i in &idx {
                    let found = (0..order).rev().find_map(|n| {
                        let e =
                            *entries[n].get_or_insert_with(|| self.table.get(&prefix(g, n + 1)));
                        e.map(|e| e[i]).filter(|p| !p.is_nan())
                    });
                    if let Some(p) = found {
                        sums[i] += f64::from(p);
                        if order == 1 {
                            unigrams_known[i] += 1;
                        }
                    }
                }
            }
        }
        let mut scores: Vec<(lingua::Language, f64)> = Vec::with_capacity(idx.len());
        for &i in &idx {
            let mut s = sums[i];
            if with_lower_orders && unigrams_known[i] > 0 {
                s /= unigrams_known[i] as f64;
            }
            if s != 0.0 {
                scores.push((self.languages[i], s));
            }
        }
        if scores.is_empty() {
            return None;
        }
        let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = scores.iter().map(|s| (s.1 - best).exp()).sum();
        Some(
            scores
                .into_iter()
                .map(|(l, s)| (l, (s - best).exp() / total))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lingua::Language::*;

    fn model() -> &'static NgramModel {
        static M: std::sync::OnceLock<NgramModel> = std::sync::OnceLock::new();
        M.get_or_init(|| {
            NgramModel::load(&[Arabic, Persian, Urdu, English, French, German]).unwrap()
        })
    }

    fn best(text: &str, among: &[lingua::Language]) -> lingua::Language {
        let p = model().probabilities(text, among, true).unwrap();
        p.into_iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap().0
    }

    #[test]
    fn keys_of_different_lengths_differ() {
        assert_ne!(key(&['a']), key(&['a', 'a']));
        assert_ne!(key(&['a', 'b']), key(&['b', 'a']));
    }

    #[test]
    fn a_prefix_is_the_key_of_the_first_characters() {
        let g = key(&['ب', 'ی', 'ن']);
        assert_eq!(prefix(g, 1), key(&['ب']));
        assert_eq!(prefix(g, 2), key(&['ب', 'ی']));
        assert_eq!(prefix(g, 3), g);
    }

    #[test]
    fn trigram_model_tells_sentences_apart() {
        assert_eq!(
            best(
                "the government said on monday that it would act",
                &[English, French, German]
            ),
            English
        );
        assert_eq!(
            best(
                "le gouvernement a annoncé lundi qu'il allait agir",
                &[English, French, German]
            ),
            French
        );
        assert_eq!(
            best(
                "die regierung teilte am montag mit dass sie handeln werde",
                &[English, French, German]
            ),
            German
        );
        assert_eq!(
            best(
                "قالت الحكومة يوم الاثنين إنها ستتحرك",
                &[Arabic, Persian, Urdu]
            ),
            Arabic
        );
        assert_eq!(
            best(
                "دولت روز دوشنبه اعلام کرد که اقدام خواهد کرد",
                &[Arabic, Persian, Urdu]
            ),
            Persian
        );
    }

    #[test]
    fn unknown_text_has_no_probabilities() {
        assert!(model()
            .probabilities("12 34 !!", &[English], true)
            .is_none());
        assert!(model().probabilities("hello", &[Hindi], true).is_none());
    }
}
