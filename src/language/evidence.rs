//! The evidence this crate adds to lingua's n-gram scores: letters only one language of a
//! script uses (Pashto ټ ښ ځ, Urdu ٹ ں ے, Sorani ڕ ڵ ێ ە, Arabic ة ى), letters a language does
//! not write, and its frequent short words. It is one linear pass over the text with table
//! look-ups, cheap enough to run on every paragraph of a long article.

use std::collections::HashMap;

use super::languages::{fold_arabic, LangId, LANGUAGES};
use crate::text::script::{is_letter, Script};

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

/// The letter and word tables of every language, indexed for look-up; built once.
#[derive(Debug)]
pub struct EvidenceTables {
    /// For each letter that is evidence for or against some language: (language, log-score).
    letters: HashMap<char, Vec<(LangId, f64)>>,
    /// Folded, lower-case marker word -> languages it marks.
    words: HashMap<String, Vec<LangId>>,
}

/// Per-language log-scores, indexed by [`LangId`].
pub type Scores = [f64; LANGUAGES.len()];

impl EvidenceTables {
    pub fn new() -> EvidenceTables {
        let mut letters: HashMap<char, Vec<(LangId, f64)>> = HashMap::new();
        let mut words: HashMap<String, Vec<LangId>> = HashMap::new();
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
                    letters.entry(c).or_default().push((id, score));
                }
            }
            for w in lang.marker_words {
                words.entry((*w).to_owned()).or_default().push(id);
            }
        }
        EvidenceTables { letters, words }
    }

    /// Adds the letter and word evidence found in `text` to `scores`; returns how many pieces
    /// of evidence were found.
    pub fn score(&self, text: &str, scores: &mut Scores) -> usize {
        let mut found = 0;
        let mut word = String::new();
        // A capitalised Latin word is often a name ("Ku Klux Klan", "Li Qiang"), not a marker.
        let mut capitalised = false;
        for c in text.chars().chain(std::iter::once(' ')) {
            // A zero-width non-joiner ends a Persian word part (می‌شود).
            if c == '\u{200C}' || !is_letter(c) {
                if !word.is_empty() && !capitalised {
                    found += self.word(&word, scores);
                }
                word.clear();
                continue;
            }
            if !c.is_ascii() {
                if let Some(entries) = self.letters.get(&c) {
                    found += 1;
                    for &(id, s) in entries {
                        scores[id] += s;
                    }
                }
            }
            if word.is_empty() {
                capitalised = c.is_uppercase();
            }
            if word.len() < 32 {
                word.extend(c.to_lowercase().map(fold_arabic));
            }
        }
        found
    }

    fn word(&self, word: &str, scores: &mut Scores) -> usize {
        match self.words.get(word) {
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
