//! Normalisation for matching, in one place for every stage: NFKC, case folding, and the
//! Arabic-script letter, digit and mark forms that the same text is written with (ي/ی, ك/ک,
//! hamza forms, ZWNJ, diacritics, tatweel, ٠-٩ and ۰-۹), plus quotation marks and dashes.
//!
//! [`fold`] gives the folded string; [`for_each_folded`] streams the folded characters without
//! allocating when the text is already in NFKC (the duplicate detector's hot path). Both apply
//! the same tables, [`LETTER_FORMS`], [`IGNORED`] and [`ARABIC_MARKS`], so whatever matches one
//! matches the other.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters written in more than one form, each mapped to the one form matching uses.
/// Arabic-script letters fold to the Persian forms (ي and ى to ی, ك to ک) and hamza carriers to
/// their bare letter; Arabic-Indic and Extended Arabic-Indic digits to ASCII; the quotation
/// marks of every language to `"` and `'`; dashes to `-`; Arabic punctuation to its Latin
/// counterpart.
pub const LETTER_FORMS: &[(char, char)] = &[
    // Yeh and kaf: Arabic and Persian code points for one letter.
    ('ي', 'ی'),
    ('ى', 'ی'),
    ('ئ', 'ی'),
    ('ێ', 'ی'),
    ('ۍ', 'ی'),
    ('ك', 'ک'),
    ('ڪ', 'ک'),
    // Alef with hamza, madda or wasla; waw with hamza.
    ('أ', 'ا'),
    ('إ', 'ا'),
    ('آ', 'ا'),
    ('ٱ', 'ا'),
    ('ٲ', 'ا'),
    ('ٳ', 'ا'),
    ('ؤ', 'و'),
    // Teh marbuta and heh forms.
    ('ة', 'ه'),
    ('ۀ', 'ه'),
    ('ە', 'ه'),
    ('ھ', 'ه'),
    ('ہ', 'ه'),
    // Digits.
    ('٠', '0'),
    ('١', '1'),
    ('٢', '2'),
    ('٣', '3'),
    ('٤', '4'),
    ('٥', '5'),
    ('٦', '6'),
    ('٧', '7'),
    ('٨', '8'),
    ('٩', '9'),
    ('۰', '0'),
    ('۱', '1'),
    ('۲', '2'),
    ('۳', '3'),
    ('۴', '4'),
    ('۵', '5'),
    ('۶', '6'),
    ('۷', '7'),
    ('۸', '8'),
    ('۹', '9'),
    // Arabic punctuation.
    ('،', ','),
    ('؛', ';'),
    ('؟', '?'),
    ('٫', '.'),
    ('٬', ','),
    ('٪', '%'),
    ('۔', '.'),
    // Quotation marks.
    ('«', '"'),
    ('»', '"'),
    ('“', '"'),
    ('”', '"'),
    ('„', '"'),
    ('‟', '"'),
    ('″', '"'),
    ('‹', '\''),
    ('›', '\''),
    ('‘', '\''),
    ('’', '\''),
    ('‚', '\''),
    ('‛', '\''),
    ('′', '\''),
    ('´', '\''),
    // Dashes.
    ('‐', '-'),
    ('‑', '-'),
    ('‒', '-'),
    ('–', '-'),
    ('—', '-'),
    ('―', '-'),
    ('−', '-'),
    // Spaces that NFKC makes plain (matched here so that text using them keeps the fast path).
    ('\u{00A0}', ' '),
    ('\u{2002}', ' '),
    ('\u{2003}', ' '),
    ('\u{2004}', ' '),
    ('\u{2005}', ' '),
    ('\u{2006}', ' '),
    ('\u{2007}', ' '),
    ('\u{2008}', ' '),
    ('\u{2009}', ' '),
    ('\u{200A}', ' '),
    ('\u{202F}', ' '),
    // Case folding beyond lower case (ß folds to "ss", see [`fold_char`]).
    ('ς', 'σ'),
];

/// Characters that change nothing a reader sees and are left out: tatweel, the zero-width
/// (non-)joiners, directional marks and isolates, the byte-order mark, the soft hyphen and the
/// standalone hamza (written or left out in the same word).
pub const IGNORED: &[char] = &[
    '\u{0640}', // tatweel
    '\u{200B}', // zero-width space
    '\u{200C}', // ZWNJ
    '\u{200D}', // ZWJ
    '\u{200E}', // LRM
    '\u{200F}', // RLM
    '\u{061C}', // ALM
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', // embeddings, overrides
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // isolates
    '\u{FEFF}', // BOM
    '\u{00AD}', // soft hyphen
    'ء',        // standalone hamza
];

/// Arabic-script diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks),
/// left out, as ranges of code points.
pub const ARABIC_MARKS: &[(char, char)] = &[
    ('\u{0610}', '\u{061A}'),
    ('\u{064B}', '\u{065F}'),
    ('\u{0670}', '\u{0670}'),
    ('\u{06D6}', '\u{06DC}'),
    ('\u{06DF}', '\u{06E4}'),
    ('\u{06E7}', '\u{06E8}'),
    ('\u{06EA}', '\u{06ED}'),
];

/// The letter `ß` folds to "ss": the one entry of [`LETTER_FORMS`] that stands for two letters.
const SHARP_S: char = 'ß';

/// The text folded for comparison: NFKC, lower case, one form per letter, digit and mark.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_folded(text, |c| out.push(c));
    out
}

/// Calls `f` with each character of the folded text, in order. Allocates only when the text
/// is not already in NFKC.
pub fn for_each_folded(text: &str, mut f: impl FnMut(char)) {
    if is_nfkc_fast(text) {
        text.chars().for_each(|c| fold_char(c, &mut f));
    } else {
        text.nfkc().for_each(|c| fold_char(c, &mut f));
    }
}

/// Whether `text` is certainly in NFKC already: ASCII and the Arabic block (but for its
/// composing marks and compatibility letters) are checked by range, anything else with the
/// Unicode quick-check tables.
fn is_nfkc_fast(text: &str) -> bool {
    text.chars().all(|c| {
        let i = c as u32;
        // ASCII and controls, and NBSP and the spaces below, which the tables fold as NFKC would.
        i <= 0xA0
            || (0x2002..=0x200A).contains(&i)
            || i == 0x202F
            || ((0x0600..=0x06FF).contains(&i)
                && !(0x0653..=0x0655).contains(&i)
                && !(0x0675..=0x0678).contains(&i))
            || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
    })
}

/// Whether `c` belongs to a word (a letter, mark or digit): by range for ASCII and the Arabic
/// block, by the Unicode tables elsewhere.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let i = c as u32;
    if i < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if (0x0600..=0x06FF).contains(&i) {
        // Letters 0621-064A, 066E-06D3, 06D5, 06EE-06FF; digits 0660-0669 and 06F0-06F9
        // (folded away before this is asked, but words all the same).
        return (0x0621..=0x064A).contains(&i)
            || (0x0660..=0x0669).contains(&i)
            || (0x066E..=0x06D3).contains(&i)
            || i == 0x06D5
            || (0x06EE..=0x06FF).contains(&i);
    }
    c.is_alphanumeric()
}

/// One character of NFKC text, folded: none, one or (for case folding) more characters.
#[inline]
pub fn fold_char(c: char, f: &mut impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
        return;
    }
    if is_caseless_script(c) || c.is_lowercase() || !c.is_uppercase() {
        fold_lower(c, f);
    } else {
        for l in c.to_lowercase() {
            fold_lower(l, f);
        }
    }
}

/// The first and last code points the tables cover, in two blocks (Latin-1 to Arabic;
/// General Punctuation and the minus sign) plus the byte-order mark.
const BLOCK_A: (u32, u32) = (0x00A0, 0x06FF);
const BLOCK_B: (u32, u32) = (0x2000, 0x2212);
const KEEP: u32 = 0;
const DROP: u32 = u32::MAX;

/// [`LETTER_FORMS`], [`IGNORED`] and [`ARABIC_MARKS`] as one dense look-up over the two blocks,
/// built once from the tables.
static LOOKUP: std::sync::LazyLock<Vec<u32>> = std::sync::LazyLock::new(|| {
    let a_len = (BLOCK_A.1 - BLOCK_A.0 + 1) as usize;
    let b_len = (BLOCK_B.1 - BLOCK_B.0 + 1) as usize;
    let mut t = vec![KEEP; a_len + b_len];
    let index = |c: char| lookup_index(c as u32).expect("table entries lie in the blocks");
    for &(from, to) in LETTER_FORMS {
        t[index(from)] = to as u32;
    }
    for &(a, b) in ARABIC_MARKS {
        for c in a..=b {
            t[index(c)] = DROP;
        }
    }
    for &c in IGNORED {
        if c != '\u{FEFF}' {
            t[index(c)] = DROP;
        }
    }
    t
});

#[inline]
fn lookup_index(i: u32) -> Option<usize> {
    if (BLOCK_A.0..=BLOCK_A.1).contains(&i) {
        Some((i - BLOCK_A.0) as usize)
    } else if (BLOCK_B.0..=BLOCK_B.1).contains(&i) {
        Some((BLOCK_A.1 - BLOCK_A.0 + 1 + i - BLOCK_B.0) as usize)
    } else {
        None
    }
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms have no case: no
/// need to ask the case tables.
#[inline]
fn is_caseless_script(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[inline]
fn fold_lower(c: char, f: &mut impl FnMut(char)) {
    if c.is_ascii() {
        f(c);
        return;
    }
    if c == SHARP_S {
        f('s');
        f('s');
        return;
    }
    if c == '\u{FEFF}' {
        return;
    }
    match lookup_index(c as u32).map(|i| LOOKUP[i]) {
        None | Some(KEEP) => f(c),
        Some(DROP) => {}
        Some(to) => f(char::from_u32(to).unwrap_or(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_persian_yeh_and_kaf_fold_together() {
        assert_eq!(fold("علي كتاب"), fold("علی کتاب"));
    }

    #[test]
    fn hamza_forms_fold_to_the_bare_letter() {
        assert_eq!(fold("أحمد إيران آمن مؤتمر"), fold("احمد ایران امن موتمر"));
    }

    #[test]
    fn diacritics_tatweel_and_zwnj_are_left_out() {
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("الـــعراق"), "العراق");
        assert_eq!(fold("می‌رود"), fold("میرود"));
    }

    #[test]
    fn digits_of_every_script_fold_to_ascii() {
        assert_eq!(fold("٢٠٢٣ ۱۴۰۲ 2023"), "2023 1402 2023");
    }

    #[test]
    fn quotation_marks_fold_to_ascii() {
        assert_eq!(fold("«a» “b” „c“ ‘d’"), "\"a\" \"b\" \"c\" 'd'");
    }

    #[test]
    fn nfkc_and_case_are_folded() {
        assert_eq!(fold("ＡＢＣ ﬁ Straße"), "abc fi strasse");
        // Arabic presentation forms are compatibility characters.
        assert_eq!(fold("\u{FEDF}\u{FEE0}\u{FEEA}"), fold("لله"));
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc() {
        for t in [
            "a\u{00A0}b\u{2002}c\u{2008}d\u{202F}e",
            "قال\u{00A0}الرئيس",
            "x\u{2007}1",
        ] {
            let slow: String = t.nfkc().collect::<String>();
            assert_eq!(fold(t), fold(&slow), "{t:?}");
        }
    }

    #[test]
    fn folding_is_idempotent() {
        let t = "«خبرگزاری فارس»: رئيس‌جمهور ١٤٠٢ — Die Straße";
        assert_eq!(fold(&fold(t)), fold(t));
    }
}
