//! Function words that are never evidence of an event, per language, in folded form (see
//! [`crate::text::chars::normalize`]: ی for ي/ى, ک for ك, ه for ة, ا for أ/إ/آ). Rarity weighting
//! discounts them once the window holds enough articles; this list keeps them out while it
//! does not (a quiet hour, the first articles after a start, a language seldom seen).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::postings::MixBuild;

const ARABIC: &[&str] = &[
    "الذی",
    "التی",
    "الذین",
    "اللذان",
    "اللتان",
    "هذا",
    "هذه",
    "ذلک",
    "تلک",
    "هولا",
    "اولیک",
    "هناک",
    "هنا",
    "التی",
    "علی",
    "الی",
    "عن",
    "من",
    "فی",
    "مع",
    "بین",
    "حتی",
    "منذ",
    "خلال",
    "عند",
    "لدی",
    "نحو",
    "ضد",
    "حول",
    "دون",
    "بعد",
    "قبل",
    "تحت",
    "فوق",
    "امام",
    "ورا",
    "ان",
    "انه",
    "انها",
    "کان",
    "کانت",
    "یکون",
    "تکون",
    "لیس",
    "لیست",
    "قد",
    "لقد",
    "لم",
    "لن",
    "لا",
    "ما",
    "ماذا",
    "متی",
    "این",
    "کیف",
    "هل",
    "او",
    "ام",
    "ثم",
    "بل",
    "لکن",
    "الا",
    "اذا",
    "اذ",
    "کما",
    "کل",
    "بعض",
    "غیر",
    "ای",
    "هو",
    "هی",
    "هم",
    "هن",
    "نحن",
    "انت",
    "انا",
    "کذلک",
    "ایضا",
    "حیث",
    "عندما",
    "بینما",
    "وقال",
    "قال",
    "قالت",
    "وقالت",
    "اضاف",
    "واضاف",
    "اکد",
    "واکد",
    "یوم",
    "الیوم",
    "امس",
    "عام",
    "العام",
    "وفق",
    "وفقا",
    "اکثر",
    "اقل",
    "مثل",
    "جدا",
    "فقط",
    "تم",
    "یتم",
    "ضمن",
    "احد",
    "احدی",
    "اول",
    "الاول",
    "ثانی",
    "الثانی",
    "اخری",
    "اخر",
    "سنه",
    "السنه",
    "الذی",
    "منها",
    "منه",
    "فیها",
    "فیه",
    "علیه",
    "علیها",
    "الیه",
    "الیها",
    "لها",
    "له",
    "لهم",
    "بها",
    "به",
    "عنها",
    "عنه",
    "لدیه",
    "انه",
    "بان",
    "بانه",
];

const PERSIAN: &[&str] = &[
    "این",
    "ان",
    "اینکه",
    "انکه",
    "که",
    "را",
    "با",
    "از",
    "به",
    "در",
    "برای",
    "تا",
    "بر",
    "هم",
    "نیز",
    "یا",
    "اما",
    "ولی",
    "اگر",
    "چون",
    "چه",
    "چرا",
    "کجا",
    "کی",
    "هر",
    "همه",
    "هیچ",
    "است",
    "هست",
    "بود",
    "باشد",
    "شد",
    "شده",
    "شود",
    "می",
    "نمی",
    "کرد",
    "کرده",
    "کند",
    "کنند",
    "کردند",
    "کردن",
    "داد",
    "داده",
    "دهد",
    "دارد",
    "دارند",
    "داشت",
    "خواهد",
    "گفت",
    "گفته",
    "افزود",
    "گفتند",
    "وی",
    "او",
    "ایشان",
    "انها",
    "اینها",
    "ما",
    "شما",
    "من",
    "تو",
    "خود",
    "خویش",
    "روز",
    "امروز",
    "دیروز",
    "سال",
    "پس",
    "پیش",
    "بین",
    "میان",
    "درباره",
    "روی",
    "زیر",
    "بالا",
    "نزد",
    "بی",
    "همچنین",
    "چنین",
    "چنان",
    "یک",
    "دو",
    "بسیار",
    "خیلی",
    "بیش",
    "کم",
    "بیشتر",
    "کمتر",
    "باید",
    "نباید",
    "توان",
    "تواند",
    "خبرگزاری",
    "فارس",
    "گزارش",
];

const ENGLISH: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "have", "his", "him", "she", "they", "them", "their", "there",
    "these", "those", "this", "that", "with", "from", "into", "onto", "upon", "about", "after",
    "before", "over", "under", "again", "then", "than", "when", "where", "which", "while", "who",
    "whom", "whose", "why", "how", "what", "will", "would", "could", "should", "shall", "may",
    "might", "must", "been", "being", "were", "does", "did", "done", "said", "says", "also",
    "just", "more", "most", "some", "such", "only", "other", "very", "its", "it's", "because",
    "between", "during", "through", "against", "without", "within", "here", "each", "both", "few",
    "many", "much", "own", "same", "too", "yet", "new", "now", "told", "year", "years", "last",
    "first", "two", "three", "mr", "mrs", "ms",
    // What is left of a negative contraction once the words are split at the apostrophe
    // ("hasn't" is "hasn" and "t"): as rare as a name in a short window, and no evidence.
    "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn", "doesn", "didn", "couldn", "wouldn",
    "shouldn", "mustn", "needn",
];

const GERMAN: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "aber", "nicht", "mit", "von", "vom", "zum", "zur", "auf", "aus", "bei", "nach",
    "seit", "über", "unter", "vor", "für", "gegen", "ohne", "durch", "bis", "als", "wie", "auch",
    "noch", "nur", "schon", "sich", "sie", "wir", "ihr", "ihre", "sein", "seine", "ist", "sind",
    "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "kann",
    "können", "soll", "sollen", "dass", "wenn", "weil", "diese", "dieser", "dieses", "diesem",
    "jahr", "jahren", "heute", "sagte",
];

/// The lists by the 64-bit hash of each word ([`word_hash`]): one hash of the word, which the
/// term's own hash is taken from, instead of hashing it again for a set of strings.
static ALL: LazyLock<HashSet64> = LazyLock::new(|| {
    HashSet64::new(
        [ARABIC, PERSIAN, ENGLISH, GERMAN]
            .into_iter()
            .flatten()
            .map(|w| word_hash(w.as_bytes())),
    )
});

/// A set of 64-bit hashes that most words are not in.
///
/// Mechanism: a filter of [`FILTER_BITS`] bits, one set for the low bits of each member's
/// hash, answers "not a member" for most other hashes with one load; the hash set answers
/// the rest.
struct HashSet64 {
    filter: Box<[u64]>,
    set: HashSet<u64, MixBuild>,
}

/// Bits of the filter: with a few hundred members, nine hashes in ten that are not members
/// find their bit clear.
const FILTER_BITS: usize = 4096;

impl HashSet64 {
    fn new(members: impl Iterator<Item = u64>) -> HashSet64 {
        let set: HashSet<u64, MixBuild> = members.collect();
        let mut filter = vec![0u64; FILTER_BITS / 64].into_boxed_slice();
        for &h in &set {
            let bit = h as usize % FILTER_BITS;
            filter[bit / 64] |= 1 << (bit % 64);
        }
        HashSet64 { filter, set }
    }

    #[inline]
    fn contains(&self, h: u64) -> bool {
        let bit = h as usize % FILTER_BITS;
        self.filter[bit / 64] & (1 << (bit % 64)) != 0 && self.set.contains(&h)
    }
}

/// The 64-bit hash a folded word is known by.
#[inline]
pub fn word_hash(word: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word)
}

/// Whether the folded `word` is a function word of one of the languages listed.
pub fn is_function_word(word: &str) -> bool {
    is_function_word_hash(word_hash(word.as_bytes()))
}

/// Whether the word of this [`word_hash`] is a function word.
#[inline]
pub fn is_function_word_hash(h: u64) -> bool {
    ALL.contains(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::normalize::fold;

    #[test]
    fn the_lists_are_written_in_folded_form() {
        for w in [ARABIC, PERSIAN, ENGLISH, GERMAN].into_iter().flatten() {
            assert_eq!(&fold(w), w, "{w} is not folded");
        }
    }

    #[test]
    fn the_filtered_set_answers_as_a_plain_set() {
        let members: Vec<u64> = (0..300u64).map(|i| word_hash(&i.to_le_bytes())).collect();
        let fast = HashSet64::new(members.iter().copied());
        let slow: HashSet<u64> = members.iter().copied().collect();
        for i in 0..20_000u64 {
            let h = word_hash(&i.to_le_bytes());
            assert_eq!(fast.contains(h), slow.contains(&h), "{i}");
        }
    }

    #[test]
    fn arabic_letter_forms_meet_the_folded_list() {
        assert!(is_function_word(&fold("الذي")));
        assert!(is_function_word(&fold("إلى")));
        assert!(is_function_word(&fold("The")));
        assert!(!is_function_word(&fold("Valparaiso")));
    }
}
