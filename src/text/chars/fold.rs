//! Folding: which spellings count as the same. Each stage needs its own variant, and they
//! differ on purpose:
//!
//! - [`fold_for_matching`] (quotes: cue verbs, honorifics, names) merges the Arabic-script
//!   letter variants writers mix (أ إ آ ٱ to ا, ي ئ to ی, ك to ک, ة ۀ to ه), leaves out
//!   diacritics, tatweel and the joiners, and lower-cases; it folds and hashes a word in one
//!   pass so that the tokenizer and the lexicon agree by construction. It keeps ى and ؤ: with
//!   ى folded, the Arabic preposition على, which ends speaker names, would be the Persian name
//!   علی.
//! - [`fold_for_fingerprints`] (dedup; [`normalize`](super::normalize)) also applies NFKC and folds
//!   ى to ی, ؤ to و, every script's digits to ASCII and quotation marks, so that two copies of
//!   an article typed on different keyboards give the same shingles; a name is not matched
//!   there, so على may meet علی.
//! - [`fold_for_language_markers`] (language evidence) merges only the letters Persian writers
//!   type either way (ي ى to ی, ك to ک): the hamza forms and ة are themselves evidence that
//!   tells Arabic from Persian, so folding them would lose it.

pub use super::normalize::fold as fold_for_fingerprints;
use super::utf8::encode_two;

/// Folds one character for language evidence ([`fold_for_language_markers`] is its use):
/// Arabic yeh and alef maksura to Persian yeh, Arabic kaf to Persian kaf; anything else is
/// itself.
#[inline]
pub fn fold_for_language_markers(c: char) -> char {
    match c {
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        _ => c,
    }
}

/// Folds one word for matching: Arabic-script letter variants and diacritics, ZWNJ, case.
pub fn fold_for_matching(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let mut out = Vec::with_capacity(w.len());
    fold_word_for_matching(&chars, &mut out);
    String::from_utf8(out).expect("folding appends whole characters")
}

/// The hash of a word folded for matching, as [`fold_word_for_matching`] computes it
/// (FNV-1a over code points).
pub fn word_hash(folded: &str) -> u64 {
    folded
        .chars()
        .fold(WORD_HASH_START, |h, c| word_hash_step(h, u32::from(c)))
}

/// One step of [`word_hash`]: the hash of a word extended by one folded code point.
#[inline]
pub fn word_hash_step(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
}

/// The hash of the empty word, where [`fold_char_for_matching`] starts.
pub const WORD_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// How folding for matching treats each code point of the Arabic block (U+0600–U+06FF).
///
/// Mechanism: one `u32` per code point, indexed by its low byte. The low half holds the folded
/// code point (always in the block, so it fits in eleven bits), the high half its two bytes
/// of UTF-8, lead in the lower byte; an entry of 0 means folding leaves the letter out. A
/// letter is folded and its UTF-8 found in one load, with no branch per letter variant and no
/// encoding; [`matching_rule`] is the definition the table is built from and tested against.
pub struct ArabicFold([u32; 256]);

impl ArabicFold {
    /// The table of [`matching_rule`], with each folded letter's UTF-8.
    const fn build() -> ArabicFold {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let f = matching_rule(0x0600 + i as u32);
            if f != 0 {
                let utf8 = encode_two(f);
                t[i] = f | (u16::from_le_bytes(utf8) as u32) << 16;
            }
            i += 1;
        }
        ArabicFold(t)
    }

    /// The entry of the Arabic-block code point `u` (only its low byte is read): the folded
    /// code point in the low half, its UTF-8 in the high half, 0 when it is left out.
    #[inline(always)]
    pub fn get(&self, u: u32) -> u32 {
        self.0[(u & 0xFF) as usize]
    }
}

/// The Arabic block as [`fold_for_matching`] folds it.
pub const ARABIC_MATCHING: ArabicFold = ArabicFold::build();

/// The fold for matching of the Arabic-block code point `u`, 0 when it is left out: the
/// slow definition of [`ARABIC_MATCHING`].
const fn matching_rule(u: u32) -> u32 {
    match u {
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
        u => u,
    }
}

/// Appends the word `chars` folded for matching to `out` (UTF-8) and returns its
/// [`word_hash`]: ASCII and the Arabic block by table, without Unicode look-ups.
pub fn fold_word_for_matching(chars: &[char], out: &mut Vec<u8>) -> u64 {
    chars
        .iter()
        .fold(WORD_HASH_START, |h, &c| fold_char_for_matching(c, out, h))
}

/// Appends one character of a word folded for matching to `out` and returns the hash `h` of
/// the word so far extended by it, so a tokenizer folds a word as it reads it.
#[inline(always)]
pub fn fold_char_for_matching(c: char, out: &mut Vec<u8>, h: u64) -> u64 {
    let u = u32::from(c);
    if u < 0x80 {
        let b = (u as u8).to_ascii_lowercase();
        out.push(b);
        word_hash_step(h, u32::from(b))
    } else if u >> 8 == 0x06 {
        // Arabic script has no case; every folded letter takes two bytes.
        let t = ARABIC_MATCHING.get(u);
        if t == 0 {
            return h;
        }
        out.extend_from_slice(&((t >> 16) as u16).to_le_bytes());
        word_hash_step(h, t & 0xFFFF)
    } else {
        fold_other_for_matching(c, out, h)
    }
}

/// [`fold_char_for_matching`] for a character outside ASCII and the Arabic block.
#[inline(never)]
fn fold_other_for_matching(c: char, out: &mut Vec<u8>, h: u64) -> u64 {
    let f = match c {
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' => return h,
        c => matching_lower(c),
    };
    out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
    word_hash_step(h, u32::from(f))
}

/// The apostrophes folded to ASCII, else the lower case of `c` where it is one character.
fn matching_lower(c: char) -> char {
    match c {
        '’' | 'ʼ' => '\'',
        c => {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(a), None) => a,
                _ => c,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold_char_for_matching`] by its definition, one character at a time: none or one.
    fn fold_char_reference(c: char) -> Option<char> {
        match u32::from(c) {
            0..=0x7F => Some(c.to_ascii_lowercase()),
            u @ 0x600..=0x6FF => char::from_u32(matching_rule(u)).filter(|&f| f != '\0'),
            0x200C..=0x200F => None,
            _ => Some(matching_lower(c)),
        }
    }

    #[test]
    fn the_table_agrees_with_the_rule_for_every_character() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let mut out = Vec::new();
            let h = fold_char_for_matching(c, &mut out, WORD_HASH_START);
            let want: String = fold_char_reference(c).into_iter().collect();
            assert_eq!(out, want.as_bytes(), "{c:?}");
            assert_eq!(h, word_hash(&want), "{c:?}");
        }
    }

    #[test]
    fn folding_hashes_what_it_appends() {
        let chars: Vec<char> = "Ḥamza-خامنه‌ای’s وقال".chars().collect();
        let mut out = Vec::new();
        let h = fold_word_for_matching(&chars, &mut out);
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "ḥamza-خامنهای's وقال");
        assert_eq!(h, word_hash(&s));
    }

    #[test]
    fn matching_removes_zwnj_and_diacritics() {
        assert_eq!(fold_for_matching("خامنه‌ای"), fold_for_matching("خامنهای"));
        assert_eq!(fold_for_matching("فوراً"), "فورا");
        assert_eq!(fold_for_matching("Said"), "said");
    }

    #[test]
    fn matching_keeps_the_preposition_ala_apart_from_the_name_ali() {
        assert_ne!(fold_for_matching("على"), fold_for_matching("علی"));
        assert_eq!(fold_for_fingerprints("على"), fold_for_fingerprints("علی"));
    }

    #[test]
    fn language_markers_keep_the_letters_that_tell_arabic_from_persian() {
        assert_eq!(fold_for_language_markers('ي'), 'ی');
        assert_eq!(fold_for_language_markers('ك'), 'ک');
        assert_eq!(fold_for_language_markers('ة'), 'ة');
        assert_eq!(fold_for_language_markers('أ'), 'أ');
    }
}
