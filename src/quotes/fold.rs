//! Folding of words for look-up: the one place the quotes stage says which spellings count as
//! the same word. Arabic-script letter variants (أ إ آ ٱ to ا, ي ئ to ی, ك to ک, ة ۀ to ه),
//! diacritics, tatweel and ZWNJ are removed or merged, Latin is lower-cased. The tokenizer
//! folds and hashes a word in the same pass ([`fold_char`]), and the lexicon is built from
//! [`fold`], so both sides agree by construction.
//!
//! This folding differs on purpose from `text::normalize` (which also folds ى to ی, ؤ to و and
//! digits, for fingerprints): with normalize's rules the Arabic preposition على, which ends
//! speaker names, would fold to the Persian name علی. When character folding moves under
//! `text/`, [`fold_char`] is the function to replace, as one named variant.

/// Folds one word for lookup: Arabic-script letter variants and diacritics, ZWNJ, case.
pub fn fold(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let mut out = Vec::with_capacity(w.len());
    fold_word(&chars, &mut out);
    String::from_utf8(out).expect("folding appends whole characters")
}

/// The hash of a folded word, as [`fold_word`] computes it (FNV-1a over code points).
pub fn hash_str(folded: &str) -> u64 {
    folded.chars().fold(HASH_START, |h, c| mix(h, u32::from(c)))
}

/// One step of [`hash_str`]: the hash of a word extended by one folded code point.
#[inline]
pub fn mix(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
}

/// How each code point of the Arabic block U+0600–U+06FF folds (always into the block);
/// 0: left out.
const ARABIC_FOLD: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let c = 0x0600 + i as u16;
        t[i] = match c {
            // Diacritics, superscript alef, tatweel.
            0x064B..=0x065F | 0x0670 | 0x0640 => 0,
            // أ إ آ ٱ -> ا
            0x0623 | 0x0625 | 0x0622 | 0x0671 => 0x0627,
            // ي ئ -> ی
            0x064A | 0x0626 => 0x06CC,
            // ك -> ک
            0x0643 => 0x06A9,
            // ة ۀ -> ه
            0x0629 | 0x06C0 => 0x0647,
            c => c,
        };
        i += 1;
    }
    t
};

/// [`ARABIC_FOLD`] with each folded letter's UTF-8 beside it, read in one load rather than
/// encoded for each letter: the code point in the low half, its two bytes in the high half
/// (the first lower); 0: left out.
const ARABIC_FOLDED: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let f = ARABIC_FOLD[i] as u32;
        if f != 0 {
            let utf8 = (0xC0 | (f >> 6)) | (0x80 | (f & 0x3F)) << 8;
            t[i] = f | utf8 << 16;
        }
        i += 1;
    }
    t
};

/// How [`fold_char`] folds a code point of the Arabic block (U+0600–U+06FF), as
/// [`ARABIC_FOLDED`] holds it: the folded code point in the low half, its two bytes of UTF-8
/// (the first lower) in the high half; 0 when folding leaves it out.
#[inline(always)]
pub fn fold_arabic(u: u32) -> u32 {
    ARABIC_FOLDED[(u & 0xFF) as usize]
}

/// Appends the folded form of the word `chars` to `out` (UTF-8) and returns its
/// [`hash_str`]: ASCII and the Arabic block by table, without Unicode look-ups.
pub fn fold_word(chars: &[char], out: &mut Vec<u8>) -> u64 {
    chars.iter().fold(HASH_START, |h, &c| fold_char(c, out, h))
}

/// The hash of the empty word, where [`fold_char`] starts.
pub const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Appends the folded form of one character of a word to `out` and returns the hash `h`
/// of the word so far extended by it, so a tokenizer folds a word as it reads it.
#[inline(always)]
pub fn fold_char(c: char, out: &mut Vec<u8>, h: u64) -> u64 {
    let u = u32::from(c);
    if u < 0x80 {
        let b = (u as u8).to_ascii_lowercase();
        out.push(b);
        mix(h, u32::from(b))
    } else if u >> 8 == 0x06 {
        // Arabic script has no case; every folded letter takes two bytes.
        let t = ARABIC_FOLDED[(u & 0xFF) as usize];
        if t == 0 {
            return h;
        }
        out.extend_from_slice(&((t >> 16) as u16).to_le_bytes());
        mix(h, t & 0xFFFF)
    } else {
        fold_other(c, out, h)
    }
}

/// [`fold_char`] for a character outside ASCII and the Arabic block.
#[inline(never)]
fn fold_other(c: char, out: &mut Vec<u8>, h: u64) -> u64 {
    let f = match c {
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' => return h,
        '’' | 'ʼ' => '\'',
        c => {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(a), None) => a,
                _ => c,
            }
        }
    };
    out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
    mix(h, u32::from(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::lang::{CueKind, Lexicon, WordInfo};

    #[test]
    fn folding_hashes_what_it_appends() {
        let chars: Vec<char> = "Ḥamza-خامنه‌ای’s وقال".chars().collect();
        let mut out = Vec::new();
        let h = fold_word(&chars, &mut out);
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "ḥamza-خامنهای's وقال");
        assert_eq!(h, hash_str(&s));
        let lx = Lexicon::build();
        let w = fold("وقال");
        assert_eq!(
            lx.get_hashed(w.as_bytes(), hash_str(&w)).cue,
            Some(CueKind::Verb)
        );
        assert_eq!(lx.get("no-such-word"), WordInfo::default());
    }

    #[test]
    fn fold_removes_zwnj_and_diacritics() {
        assert_eq!(fold("خامنه‌ای"), fold("خامنهای"));
        assert_eq!(fold("فوراً"), "فورا");
        assert_eq!(fold("Said"), "said");
    }
}
