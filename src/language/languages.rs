//! The languages the detector reports, one table row per language: code, name, script, the
//! lingua model behind it (if any) and the evidence this crate adds itself: letters only this
//! language uses among those written in the same script, letters its orthography does not use,
//! and frequent short words that mark it.
//!
//! Marker words are written in folded form (see [`fold_for_language_markers`]): Arabic yeh and kaf are
//! Persian yeh and kaf, so one list matches both spellings found in Persian news.

#[cfg(doc)]
use crate::text::chars::fold::fold_for_language_markers;
use crate::text::script::Script;

/// Index of a row of [`LANGUAGES`].
pub type LangId = usize;

/// One language the detector can report.
#[derive(Debug)]
pub struct Lang {
    /// ISO 639-1.
    pub code: &'static str,
    pub name: &'static str,
    pub script: Script,
    /// The lingua model of this language, if lingua has one.
    pub lingua: Option<lingua::Language>,
    /// Letters that, among the languages here written in the same script, only this one uses.
    pub own_letters: &'static str,
    /// Letters its orthography does not use: strong evidence against it.
    pub foreign_letters: &'static str,
    /// Letters it uses rarely or only in some spellings: weak evidence against it.
    pub rare_letters: &'static str,
    /// Frequent short words that mark this language among those of its script.
    pub marker_words: &'static [&'static str],
}

/// Letters of the Arabic script that mark Pashto, Urdu or Sorani among the five languages here;
/// shared by the rows below so they stay consistent.
const PASHTO_LETTERS: &str = "ټډړږښګڼځڅۍې";
const URDU_LETTERS: &str = "ٹڈڑںےہۃۂۓ";
const SORANI_LETTERS: &str = "ڕڵۆێەڤ";
/// Kurmanji writes these often; French, Turkish and the others here only in a few words.
const KURMANJI_LETTERS: &str = "êîûÊÎÛ";

/// Every language the detector reports. Arabic-script rows first: their order is the order of
/// the letter evidence in `letters.rs`.
pub static LANGUAGES: [Lang; 15] = [
    Lang {
        code: "ar",
        name: "Arabic",
        script: Script::Arabic,
        lingua: Some(lingua::Language::Arabic),
        own_letters: "ةإ",
        foreign_letters: "پچژگ\u{06C0}ٹڈڑںےہۃۂۓټډړږښګڼځڅۍېڕڵۆێە",
        rare_letters: "ڤکی",
        marker_words: &[
            "فی",
            "الی",
            "إلی",
            "التی",
            "الذی",
            "الذین",
            "هذا",
            "هذه",
            "ذلک",
            "کانت",
            "قال",
            "لم",
            "لن",
            "أن",
            "إن",
            "عن",
            "ثم",
            "منذ",
            "وقال",
            "کما",
            "أو",
            "علیه",
            "وفی",
            "فیها",
        ],
    },
    Lang {
        code: "fa",
        name: "Persian",
        script: Script::Arabic,
        lingua: Some(lingua::Language::Persian),
        own_letters: "\u{06C0}",
        foreign_letters: "ٹڈڑںےہۃۂۓټډړږښګڼځڅۍېڕڵۆێە",
        rare_letters: "ةىإڤ",
        marker_words: &[
            "است", "را", "این", "آن", "می", "که", "از", "با", "برای", "شد", "شده", "بود", "های",
            "نیز", "گفت", "اند", "کند", "باید", "یک", "دارد", "وی", "شود", "بر",
        ],
    },
    Lang {
        code: "ur",
        name: "Urdu",
        script: Script::Arabic,
        lingua: Some(lingua::Language::Urdu),
        own_letters: URDU_LETTERS,
        foreign_letters: "ةىيكإټډړږښګڼځڅۍېڕڵۆێە",
        rare_letters: "ه\u{06C0}ڤ",
        marker_words: &[
            "کے", "ہے", "ہیں", "میں", "سے", "نے", "اور", "یہ", "وہ", "تھا", "گیا", "کہ", "بھی",
        ],
    },
    Lang {
        code: "ps",
        name: "Pashto",
        script: Script::Arabic,
        lingua: None,
        own_letters: PASHTO_LETTERS,
        foreign_letters: "ةىكٹڈڑںےۃۂۓڕڵۆێەڤ",
        rare_letters: "ہإ\u{06C0}",
        marker_words: &[
            "د",
            "په",
            "چې",
            "ته",
            "دې",
            "دا",
            "کې",
            "سره",
            "لپاره",
            "وایی",
            "شوی",
            "کړی",
            "دی",
            "وو",
            "څخه",
            "یې",
        ],
    },
    Lang {
        code: "ku",
        name: "Kurdish (Sorani)",
        script: Script::Arabic,
        lingua: None,
        own_letters: SORANI_LETTERS,
        foreign_letters: "ةىكٹڈڑںےہۃۂۓټډړږښګڼځڅۍې\u{06C0}",
        rare_letters: "ثذضظيإ",
        marker_words: &[
            "لە",
            "بە",
            "کە",
            "ئەو",
            "بۆ",
            "ئەم",
            "لەگەڵ",
            "دەکات",
            "بوو",
            "هەیە",
            "ئەوە",
            "وەک",
            "هەروەها",
            "دەبێت",
        ],
    },
    Lang {
        code: "en",
        name: "English",
        script: Script::Latin,
        lingua: Some(lingua::Language::English),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "fr",
        name: "French",
        script: Script::Latin,
        lingua: Some(lingua::Language::French),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "de",
        name: "German",
        script: Script::Latin,
        lingua: Some(lingua::Language::German),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "es",
        name: "Spanish",
        script: Script::Latin,
        lingua: Some(lingua::Language::Spanish),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "tr",
        name: "Turkish",
        script: Script::Latin,
        lingua: Some(lingua::Language::Turkish),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "ku",
        name: "Kurdish (Kurmanji)",
        script: Script::Latin,
        lingua: None,
        own_letters: KURMANJI_LETTERS,
        foreign_letters: "ıİğĞöÖüÜéÉèÈàÀâÂôÔñÑäÄßœæ",
        rare_letters: "",
        marker_words: &[
            "û", "ji", "jî", "di", "bi", "ku", "li", "yê", "yên", "ên", "xwe", "wê", "wî", "ev",
            "ew", "hemû", "dibe", "dike", "heye", "hene", "bû", "têne", "nav", "wek", "tê", "kir",
        ],
    },
    Lang {
        code: "ru",
        name: "Russian",
        script: Script::Cyrillic,
        lingua: Some(lingua::Language::Russian),
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
    Lang {
        code: "zh",
        name: "Chinese",
        script: Script::Han,
        lingua: Some(lingua::Language::Chinese),
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
    Lang {
        code: "he",
        name: "Hebrew",
        script: Script::Hebrew,
        lingua: Some(lingua::Language::Hebrew),
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
    Lang {
        code: "hi",
        name: "Hindi",
        script: Script::Devanagari,
        lingua: Some(lingua::Language::Hindi),
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
];

/// The lingua languages the detector loads: every row that has one.
pub fn lingua_languages() -> Vec<lingua::Language> {
    LANGUAGES.iter().filter_map(|l| l.lingua).collect()
}

/// The rows written in `script`.
pub fn of_script(script: Script) -> impl Iterator<Item = LangId> {
    (0..LANGUAGES.len()).filter(move |&i| LANGUAGES[i].script == script)
}

/// The row of an ISO 639-1 code in a script, or the first row with that code.
pub fn by_code(code: &str, script: Option<Script>) -> Option<LangId> {
    let code = code.trim().to_ascii_lowercase();
    let code = code.split(['-', '_']).next().unwrap_or_default();
    let mut rows = (0..LANGUAGES.len()).filter(|&i| LANGUAGES[i].code == code);
    let first = rows.next()?;
    Some(
        std::iter::once(first)
            .chain(rows)
            .find(|&i| Some(LANGUAGES[i].script) == script)
            .unwrap_or(first),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::fold::fold_for_language_markers;

    #[test]
    fn codes_are_iso_639_1() {
        for l in &LANGUAGES {
            assert_eq!(l.code.len(), 2, "{}", l.name);
        }
    }

    #[test]
    fn own_letters_belong_to_no_other_language_of_the_script() {
        for (i, a) in LANGUAGES.iter().enumerate() {
            for c in a.own_letters.chars() {
                for (j, b) in LANGUAGES.iter().enumerate() {
                    if i != j && a.script == b.script {
                        assert!(
                            b.foreign_letters.contains(c) || b.rare_letters.contains(c),
                            "{c} is {}'s own but not foreign to {}",
                            a.name,
                            b.name
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn marker_words_are_folded() {
        for l in &LANGUAGES {
            for w in l.marker_words {
                let folded: String = w.chars().map(fold_for_language_markers).collect();
                assert_eq!(&folded, w, "{}", l.name);
            }
        }
    }

    #[test]
    fn a_hint_finds_its_row() {
        assert_eq!(LANGUAGES[by_code("AR", None).unwrap()].code, "ar");
        assert_eq!(LANGUAGES[by_code("fa-IR", None).unwrap()].code, "fa");
        let kmr = by_code("ku", Some(Script::Latin)).unwrap();
        assert_eq!(LANGUAGES[kmr].name, "Kurdish (Kurmanji)");
        assert!(by_code("xx", None).is_none());
    }
}
