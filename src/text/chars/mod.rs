//! Characters, owned in one place for every stage: named characters and predicates, the
//! folding variants each stage needs ([`fold`]: for matching words, for dedup fingerprints,
//! for language evidence), letter and digit tests by table ([`letters`]) and decoding of UTF-8
//! runs ([`utf8`]), so that each is written once and the stages need not import one another
//! for them.

pub mod fold;
pub mod letters;
pub mod normalize;
pub mod utf8;

/// A `[u8; 256]` holding `rule(b)` for every byte `b`, built at compile time: a byte table's
/// contents written once, as its definition (a `const fn` cannot call a function pointer,
/// hence a macro).
macro_rules! byte_table {
    ($rule:expr) => {{
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = $rule(b as u8);
            b += 1;
        }
        table
    }};
}
pub(crate) use byte_table;

/// The Arabic kashida (كيفـ), a stretch of the baseline that carries no letter: language
/// models know no word with it, and matching leaves it out.
pub const TATWEEL: char = '\u{0640}';

/// The Arabic presentation forms A and B (ﻣﺎ ﻫﺮﻭﻗﺖ): contextual glyphs of letters that old
/// Persian and Arabic pages still store as characters; compatibility folding (NFKC) turns them
/// back into the letters.
#[inline]
pub fn is_arabic_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_forms_are_told_from_the_letters_they_fold_to() {
        // ARABIC LETTER MEEM INITIAL FORM, LAM WITH ALEF LIGATURE ISOLATED FORM.
        assert!(is_arabic_presentation_form('\u{FEE3}'));
        assert!(is_arabic_presentation_form('\u{FEFB}'));
        assert!(!is_arabic_presentation_form('م'));
        assert!(!is_arabic_presentation_form(TATWEEL));
    }
}
