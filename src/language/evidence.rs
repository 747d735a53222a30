//! The evidence this crate adds to lingua's n-gram scores: letters only one language of a
//! script uses (Pashto ټ ښ ځ, Urdu ٹ ں ے, Sorani ڕ ڵ ێ ە, Arabic ة ى), letters a language does
//! not write, and its frequent short words. It is one linear pass over the text with table
//! look-ups, cheap enough to run on every paragraph of a long article.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::languages::{fold_arabic, LangId, LANGUAGES};
use crate::text::script::{is_uppercase, push_lowercase, Script};

/// Log-score added per letter only this language uses among those of its script.
const OWN_LETTER: f64 = 3.0;
/// The same for Latin letters, which other languages here write too, only less often.
const OWN_LATIN_LETTER: f64 = 1.5;
/// Log-score taken away per letter the language does not write.
const FOREIGN_LETTER: f64 = 2.5;
/// Log-score taken away per letter the language writes rarely or only in some spellings.
const RARE_LETTER: f64 = 0.4;
/// Log-score added per marker word.
const MARKER_WORD: f64 = 1.5;

/// Letters below this code point (Latin, Latin-1, Latin Extended, Arabic) are looked up in a
/// flat table; every evidence letter of [`LANGUAGES`] is one of them (a test checks it).
const LETTER_TABLE: usize = 0x0800;

/// Marker words are looked up only up to this many bytes (lower-cased and folded); a longer
/// word cannot be one.
const MAX_WORD_BYTES: usize = 32;

/// The letter and word tables of every language, indexed for look-up; built once.
#[derive(Debug)]
pub struct EvidenceTables {
    /// For each code point below [`LETTER_TABLE`]: the range of `entries` that holds its
    /// (language, log-score) pairs (empty for a letter that is no evidence).
    letters: Vec<(u16, u16)>,
    entries: Vec<(LangId, f64)>,
    /// Folded, lower-case marker word -> languages it marks.
    words: HashMap<Box<[u8]>, Vec<LangId>, BuildHasherDefault<WordHasher>>,
    /// The longest marker word, in bytes: longer words are not looked up.
    longest_word: usize,
}

/// FNV-1a over a word's bytes: marker words are a few bytes long, where SipHash's set-up costs
/// more than the look-up itself.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Per-language log-scores, indexed by [`LangId`].
pub type Scores = [f64; LANGUAGES.len()];

impl EvidenceTables {
    pub fn new() -> EvidenceTables {
        let mut by_letter: Vec<Vec<(LangId, f64)>> = vec![Vec::new(); LETTER_TABLE];
        let mut words: HashMap<Box<[u8]>, Vec<LangId>, BuildHasherDefault<WordHasher>> =
            HashMap::default();
        for (id, lang) in LANGUAGES.iter().enumerate() {
            let tables = [
                (
                    lang.own_letters,
                    if lang.script == Script::Latin {
                        OWN_LATIN_LETTER
                    } else {
                        OWN_LETTER
                    },
                ),
                (lang.foreign_letters, -FOREIGN_LETTER),
                (lang.rare_letters, -RARE_LETTER),
            ];
            for (set, score) in tables {
                for c in set.chars() {
                    // A letter beyond the table would be silently ignored: the test
                    // `every_evidence_letter_is_in_the_table` keeps that from happening.
                    if let Some(slot) = by_letter.get_mut(c as usize) {
                        slot.push((id, score));
                    }
                }
            }
            for w in lang.marker_words {
                words.entry(w.as_bytes().into()).or_default().push(id);
            }
        }
        let mut letters = Vec::with_capacity(LETTER_TABLE);
        let mut entries = Vec::new();
        for list in by_letter {
            letters.push((entries.len() as u16, (entries.len() + list.len()) as u16));
            entries.extend(list);
        }
        let longest_word = words.keys().map(|w| w.len()).max().unwrap_or(0);
        EvidenceTables {
            letters,
            entries,
            words,
            longest_word: longest_word.min(MAX_WORD_BYTES),
        }
    }

    /// The evidence pairs of one letter.
    fn letter(&self, c: char) -> &[(LangId, f64)] {
        match self.letters.get(c as usize) {
            Some(&(start, end)) => &self.entries[usize::from(start)..usize::from(end)],
            None => &[],
        }
    }

    /// Adds the letter and word evidence found in `text` to `scores`; returns how many pieces
    /// of evidence were found.
    pub fn score(&self, text: &str, scores: &mut Scores) -> usize {
        let mut found = 0;
        // The current word, lower-cased and folded, while it is short enough to be a marker.
        let mut word = WordBuf::default();
        // A capitalised Latin word is often a name ("Ku Klux Klan", "Li Qiang"), not a marker.
        let mut capitalised = false;
        for c in text.chars().chain(std::iter::once(' ')) {
            // A zero-width non-joiner ends a Persian word part (می‌شود).
            let script = match Script::of(c) {
                Some(s) if c != '\u{200C}' => s,
                _ => {
                    if !word.is_empty() && !capitalised {
                        found += self.word(word.bytes(), scores);
                    }
                    word.clear();
                    continue;
                }
            };
            if !c.is_ascii() {
                let entries = self.letter(c);
                if !entries.is_empty() {
                    found += 1;
                    for &(id, s) in entries {
                        scores[id] += s;
                    }
                }
            }
            if word.is_empty() {
                capitalised = is_uppercase(c, script);
            }
            if word.fits(self.longest_word) {
                push_lowercase(fold_arabic(c), script, &mut word);
            }
        }
        found
    }

    fn word(&self, word: Option<&[u8]>, scores: &mut Scores) -> usize {
        match word.and_then(|w| self.words.get(w)) {
            Some(ids) => {
                for &id in ids {
                    scores[id] += MARKER_WORD;
                }
                1
            }
            None => 0,
        }
    }
}

/// A word being read, kept on the stack; once longer than a marker word can be, it only
/// remembers that it is too long.
#[derive(Default)]
struct WordBuf {
    bytes: [u8; MAX_WORD_BYTES],
    len: usize,
    /// Letters were read (the word may be too long to keep).
    started: bool,
    too_long: bool,
}

impl WordBuf {
    fn is_empty(&self) -> bool {
        !self.started
    }
    fn clear(&mut self) {
        self.len = 0;
        self.started = false;
        self.too_long = false;
    }
    /// Whether the word is still short enough to be one of `longest` bytes.
    fn fits(&mut self, longest: usize) -> bool {
        self.started = true;
        if self.len > longest {
            self.too_long = true;
        }
        !self.too_long
    }
    /// The word, `None` once it is longer than any marker word.
    fn bytes(&self) -> Option<&[u8]> {
        (!self.too_long).then(|| &self.bytes[..self.len])
    }
}

impl Extend<char> for WordBuf {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        for c in chars {
            let n = c.len_utf8();
            if self.len + n > MAX_WORD_BYTES {
                self.too_long = true;
                return;
            }
            c.encode_utf8(&mut self.bytes[self.len..]);
            self.len += n;
        }
    }
}

impl Default for EvidenceTables {
    fn default() -> Self {
        EvidenceTables::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::languages::by_code;

    fn best(text: &str, among: &[(&str, Script)]) -> &'static str {
        let tables = EvidenceTables::new();
        let mut scores = [0.0; LANGUAGES.len()];
        tables.score(text, &mut scores);
        let ids: Vec<LangId> = among
            .iter()
            .map(|&(c, s)| by_code(c, Some(s)).unwrap())
            .collect();
        let top = ids
            .iter()
            .copied()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
            .unwrap();
        LANGUAGES[top].code
    }

    const ARABIC_SCRIPT: [(&str, Script); 5] = [
        ("ar", Script::Arabic),
        ("fa", Script::Arabic),
        ("ur", Script::Arabic),
        ("ps", Script::Arabic),
        ("ku", Script::Arabic),
    ];

    #[test]
    fn every_evidence_letter_is_in_the_table() {
        for lang in &LANGUAGES {
            for c in [lang.own_letters, lang.foreign_letters, lang.rare_letters]
                .concat()
                .chars()
            {
                assert!((c as usize) < LETTER_TABLE, "{c:?} of {}", lang.code);
            }
        }
    }

    #[test]
    fn long_words_are_not_markers_and_do_not_panic() {
        let tables = EvidenceTables::new();
        let mut s = [0.0; LANGUAGES.len()];
        let long = "ة".repeat(40);
        assert_eq!(
            tables.score(&format!("{long} İİİİİİİİİİİİİİİİİİİİİİİİ"), &mut s),
            40 + 24 // İ, which lower-cases to two characters, is evidence against Kurmanji
        );
    }

    #[test]
    fn own_letters_point_to_their_language() {
        assert_eq!(best("ښځې د ټولنې", &ARABIC_SCRIPT), "ps");
        assert_eq!(best("پاکستان میں بارش ہوئی", &ARABIC_SCRIPT), "ur");
        assert_eq!(best("ئەو ڕۆژە", &ARABIC_SCRIPT), "ku");
        assert_eq!(best("مدينة القاهرة", &ARABIC_SCRIPT), "ar");
    }

    #[test]
    fn marker_words_match_either_spelling_of_yeh_and_kaf() {
        let tables = EvidenceTables::new();
        let fa = by_code("fa", None).unwrap();
        let mut a = [0.0; LANGUAGES.len()];
        let mut b = [0.0; LANGUAGES.len()];
        tables.score("اين كه مي", &mut a);
        tables.score("این که می", &mut b);
        assert!(a[fa] >= 3.0 * MARKER_WORD - 1.0);
        assert_eq!(a[fa] > 0.0, b[fa] > 0.0);
    }

    #[test]
    fn capitalised_latin_words_are_names_not_markers() {
        let tables = EvidenceTables::new();
        let kmr = by_code("ku", Some(Script::Latin)).unwrap();
        let mut s = [0.0; LANGUAGES.len()];
        tables.score("the Ku Klux Klan and Li", &mut s);
        assert_eq!(s[kmr], 0.0);
        tables.score("ew ji min re got ku", &mut s);
        assert!(s[kmr] >= 3.0 * MARKER_WORD);
    }

    #[test]
    fn zero_width_non_joiner_splits_persian_words() {
        let tables = EvidenceTables::new();
        let fa = by_code("fa", None).unwrap();
        let mut s = [0.0; LANGUAGES.len()];
        tables.score("می\u{200C}شود", &mut s);
        assert!(s[fa] >= MARKER_WORD);
    }
}
