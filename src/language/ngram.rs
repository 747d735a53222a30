//! A fast n-gram scorer over lingua's own models: the unigrams, bigrams and trigrams of the
//! languages that share a script with another one here (Arabic-script and Latin), read once from
//! the model crates' `ngrams.fst` into one hash table, so that a sentence costs one look-up per
//! distinct n-gram instead of one finite-state-transducer walk per n-gram and language.
//!
//! It scores the way lingua does (sum of the log-probabilities of the distinct n-grams, falling
//! back to the lower-order prefix an n-gram has in a language's model, divided by the number of
//! known unigrams when unigrams take part). lingua's 4- and 5-grams, far too many for the table,
//! are looked up in the same FSTs, only when asked for ([`Orders::UpToFivegrams`]): they change
//! the answer only on short text that the lower orders leave close.

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

/// N-grams up to this many characters are loaded into the table.
const TABLE_ORDER: usize = 3;
/// The longest n-grams scored (lingua's longest), looked up in the FSTs beyond [`TABLE_ORDER`].
const MAX_ORDER: usize = 5;
/// Bits per character in a packed key (see [`key`]).
const CHAR_BITS: usize = 21;
const CHAR_MASK: u128 = (1 << CHAR_BITS) - 1;

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

/// Log-probabilities of the loaded languages per n-gram up to [`TABLE_ORDER`] characters (NaN:
/// not in that language's model), and the models themselves for longer n-grams.
#[derive(Default)]
pub struct NgramModel {
    languages: Vec<lingua::Language>,
    table: Table,
    /// Per loaded language, its `ngrams.fst` (compiled in, so not copied).
    fsts: Vec<fst::Map<&'static [u8]>>,
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

/// Up to [`MAX_ORDER`] characters in one key; none of them is NUL, so keys of different lengths
/// differ.
fn key(chars: &[char]) -> u128 {
    chars
        .iter()
        .enumerate()
        .fold(0, |k, (i, &c)| k | u128::from(c) << (CHAR_BITS * i))
}

/// The table key of the first `n` (at most [`TABLE_ORDER`]) characters of the n-gram whose key
/// is `key`.
fn prefix(key: u128, n: usize) -> u64 {
    (key & ((1u128 << (CHAR_BITS * n)) - 1)) as u64
}

impl NgramModel {
    /// Loads the models of those of `languages` that this scorer knows (see [`model_bytes`]).
    pub fn load(languages: &[lingua::Language]) -> Result<NgramModel, ModelError> {
        let mut loaded = Vec::new();
        let mut fsts = Vec::new();
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
            let mut stream = map.search(MaxChars(TABLE_ORDER)).into_stream();
            let mut chars = Vec::with_capacity(TABLE_ORDER);
            while let Some((k, v)) = stream.next() {
                let Ok(s) = std::str::from_utf8(k) else {
                    continue;
                };
                chars.clear();
                chars.extend(s.chars());
                if chars.is_empty() || chars.len() > TABLE_ORDER {
                    continue;
                }
                table
                    .entry(prefix(key(&chars), chars.len()))
                    .or_insert([f32::NAN; MAX_LANGS])[index] = f64::from_bits(v) as f32;
            }
            fsts.push(map);
        }
        table.shrink_to_fit();
        Ok(NgramModel {
            languages: loaded,
            table,
            fsts,
        })
    }

    /// Whether this scorer has a model for `language`.
    pub fn knows(&self, language: lingua::Language) -> bool {
        self.languages.contains(&language)
    }

    /// lingua-style probabilities of `candidates` for `text` (words lower-cased, letters only)
    /// from the n-grams of `orders`; `None` when no n-gram of the text is known to any of them.
    pub fn probabilities(
        &self,
        text: &str,
        candidates: &[lingua::Language],
        orders: Orders,
    ) -> Option<Vec<(lingua::Language, f64)>> {
        let idx: Vec<usize> = candidates
            .iter()
            .filter_map(|c| self.languages.iter().position(|l| l == c))
            .collect();
        if idx.is_empty() {
            return None;
        }
        let mut sums = [0.0f64; MAX_LANGS];
        let mut unigrams_known = [0usize; MAX_LANGS];
        // Every n-gram as its packed key (see [`key`]): sorting and removing repeats of
        // integers is much cheaper than of character arrays.
        let mut grams: Vec<u128> = Vec::new();
        let mut word: Vec<char> = Vec::with_capacity(32);
        let scripts = Scripts::get();
        for &order in orders.lengths() {
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
                let mut lookup = Lookup::new(self, g, order);
                for &i in &idx {
                    if let Some(p) = lookup.probability(i) {
                        sums[i] += p;
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
            if orders != Orders::Trigrams && unigrams_known[i] > 0 {
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

/// The n-gram orders scored, as lingua chooses them by the length of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orders {
    /// Trigrams only: lingua's choice from 120 characters on.
    Trigrams,
    /// Unigrams to trigrams, all from the table: lingua's high-accuracy choice below 120
    /// characters without its 4- and 5-grams, which change the answer only when it is close.
    UpToTrigrams,
    /// Unigrams to 5-grams, lingua's high-accuracy choice below 120 characters; the 4- and
    /// 5-grams are walked down the models' FSTs, which costs far more than the table (on
    /// lingua's sentences, rescoring only the close calls this way adds ~28 % instructions).
    UpToFivegrams,
}

impl Orders {
    fn lengths(self) -> &'static [usize] {
        match self {
            Orders::Trigrams => &[3],
            Orders::UpToTrigrams => &[1, 2, 3],
            Orders::UpToFivegrams => &[1, 2, 3, 4, 5],
        }
    }
}

/// The log-probability of one n-gram in each loaded language: the n-gram itself, else its
/// longest lower-order prefix the language knows, as lingua does. A prefix of up to three
/// characters is looked up in the table once for all languages, and only when needed.
struct Lookup<'a> {
    model: &'a NgramModel,
    gram: u128,
    order: usize,
    /// The n-gram in UTF-8 (for the FSTs) and where each of its characters ends.
    utf8: [u8; 4 * MAX_ORDER],
    ends: [usize; MAX_ORDER],
    table: [Option<Option<&'a [f32; MAX_LANGS]>>; TABLE_ORDER],
}

impl<'a> Lookup<'a> {
    fn new(model: &'a NgramModel, gram: u128, order: usize) -> Lookup<'a> {
        let mut lookup = Lookup {
            model,
            gram,
            order,
            utf8: [0; 4 * MAX_ORDER],
            ends: [0; MAX_ORDER],
            table: [None; TABLE_ORDER],
        };
        if order > TABLE_ORDER {
            let mut len = 0;
            for n in 0..order {
                let c = char::from_u32(((gram >> (CHAR_BITS * n)) & CHAR_MASK) as u32)
                    .unwrap_or_default();
                len += c.encode_utf8(&mut lookup.utf8[len..]).len();
                lookup.ends[n] = len;
            }
        }
        lookup
    }

    fn probability(&mut self, language: usize) -> Option<f64> {
        if self.order > TABLE_ORDER {
            let fst = self.model.fsts[language].as_fst();
            let bytes = &self.utf8[..self.ends[self.order - 1]];
            if let Some(v) = longest_known(fst, bytes, &self.ends[TABLE_ORDER..self.order]) {
                return Some(f64::from_bits(v));
            }
        }
        (1..=self.order.min(TABLE_ORDER)).rev().find_map(|n| {
            let (table, gram) = (&self.model.table, self.gram);
            let entry = *self.table[n - 1].get_or_insert_with(|| table.get(&prefix(gram, n)));
            entry
                .map(|e| e[language])
                .filter(|p| !p.is_nan())
                .map(f64::from)
        })
    }
}

/// The value of the longest prefix of `bytes` that `fst` holds among those ending at one of
/// `ends` (ascending byte offsets), in one walk down the FST.
fn longest_known(fst: &fst::raw::Fst<&[u8]>, bytes: &[u8], ends: &[usize]) -> Option<u64> {
    let mut node = fst.root();
    let mut output = fst::raw::Output::zero();
    let mut found = None;
    let mut ends = ends.iter().peekable();
    for (i, &byte) in bytes.iter().enumerate() {
        let Some(t) = node.find_input(byte).map(|k| node.transition(k)) else {
            break;
        };
        output = output.cat(t.out);
        node = fst.node(t.addr);
        if ends.next_if_eq(&&(i + 1)).is_some() && node.is_final() {
            found = Some(output.cat(node.final_output()).value());
        }
    }
    found
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
        let p = model()
            .probabilities(text, among, Orders::UpToTrigrams)
            .unwrap();
        p.into_iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap().0
    }

    #[test]
    fn keys_of_different_lengths_differ() {
        assert_ne!(key(&['a']), key(&['a', 'a']));
        assert_ne!(key(&['a', 'b']), key(&['b', 'a']));
    }

    #[test]
    fn a_prefix_is_the_key_of_the_first_characters() {
        let g = key(&['ب', 'ی', 'ن', 'ا', 'م']);
        assert_eq!(u128::from(prefix(g, 1)), key(&['ب']));
        assert_eq!(u128::from(prefix(g, 2)), key(&['ب', 'ی']));
        assert_eq!(u128::from(prefix(g, 3)), key(&['ب', 'ی', 'ن']));
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
    fn up_to_fivegrams_scores_as_lingua_high_accuracy() {
        let among = [English, French, German];
        let lingua = lingua::LanguageDetectorBuilder::from_languages(&among).build();
        for text in [
            "the government said on monday",
            "le gouvernement a annoncé lundi",
            "die regierung teilte am montag mit",
        ] {
            let ours = model()
                .probabilities(text, &among, Orders::UpToFivegrams)
                .unwrap();
            for (language, p) in lingua.compute_language_confidence_values(text) {
                let q = ours.iter().find(|o| o.0 == language).map_or(0.0, |o| o.1);
                assert!((p - q).abs() < 0.01, "{text}: {language:?} {p} vs {q}");
            }
        }
    }

    #[test]
    fn unknown_text_has_no_probabilities() {
        assert!(model()
            .probabilities("12 34 !!", &[English], Orders::UpToFivegrams)
            .is_none());
        assert!(model()
            .probabilities("hello", &[Hindi], Orders::UpToTrigrams)
            .is_none());
    }
}
