//! Counting a text's words and non-blank lines fast: the `stats` of every result.
//!
//! A word is a run of characters between whitespace (Unicode's White_Space, as
//! `char::is_whitespace`) with at least one letter or digit; a line counts when it holds
//! something other than whitespace. The count runs word by word rather than character by
//! character: at a word's start, characters are decoded only until a letter or digit is met
//! (usually the first); the rest of the word is skipped eight bytes at a time up to the next
//! byte that could start whitespace: one of at most 0x20, or the lead bytes of the multi-byte
//! spaces (C2, E1, E2, E3; a test checks that no other byte starts one). A token's first byte
//! is classed by one table look-up (`StartClasses`): a space, a line's end, an ASCII letter or
//! digit, or a two-byte character whose letter-or-digit answer is one more look-up
//! (`WordyTable`); only the rest is decoded.

use super::chars::utf8::{char_at, decode_two};
use super::script::Scripts;
use std::sync::LazyLock;

/// Words and non-blank lines of `text`, as `(words, lines)`.
pub fn words_and_lines(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let scripts = Scripts::get();
    let two_byte_wordy = &*TWO_BYTE_WORDY;
    let (mut words, mut lines) = (0, 0);
    // The current line holds something other than whitespace.
    let mut inked = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // The usual cases by one look-up: a space between words, a line's end, a word that
        // starts with an ASCII letter or digit or with a two-byte letter or digit. Then where
        // the word's first letter or digit ends.
        // (One flag bit per class: tested by frequency, not through a jump table.)
        let class = START.of(b);
        if class & SPACE != 0 {
            i += 1;
            continue;
        }
        let after_wordy = if class & ALNUM != 0 {
            i + 1
        } else if class & LEAD2 != 0
            // The text is valid UTF-8: the continuation byte is there.
            && two_byte_wordy.below_800(decode_two(b, bytes[i + 1]))
        {
            i + 2
        } else if class & NEWLINE != 0 {
            lines += usize::from(inked);
            inked = false;
            i += 1;
            continue;
        } else {
            match token_start(text, i, scripts) {
                Start::Space(len) => {
                    i += len;
                    continue;
                }
                Start::Word(after) => after,
                Start::NoWord(end) => {
                    inked = true;
                    i = end;
                    continue;
                }
            }
        };
        inked = true;
        words += 1;
        i = next_whitespace(text, after_wordy);
        // Most words end with one space: skipped here rather than by another turn.
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    lines += usize::from(inked);
    (words, lines)
}

/// What starts at a character the quick classes ([`StartClasses`]) leave to the general case.
enum Start {
    /// Whitespace of so many bytes.
    Space(usize),
    /// A word: where its first letter or digit ends.
    Word(usize),
    /// A token without letters or digits: where it ends.
    NoWord(usize),
}

/// The general case at byte `i` (a character boundary, not ASCII whitespace): whitespace, or
/// a token, decoded until a letter or digit or the token's end.
#[inline(never)]
fn token_start(text: &str, mut i: usize, scripts: Scripts) -> Start {
    let bytes = text.as_bytes();
    let b = bytes[i];
    debug_assert!(!(b < 0x80 && is_ascii_space(b)));
    if b >= 0x80 && may_start_space(b) {
        if let Some(len) = whitespace_at(text, i) {
            return Start::Space(len);
        }
    }
    loop {
        // Whether the character at `i`, of length `len`, is a letter or digit.
        let (wordy, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = char_at(text, i);
            (is_wordy(scripts, c), c.len_utf8())
        };
        i += len;
        if wordy {
            return Start::Word(i);
        }
        if i >= bytes.len() || whitespace_at(text, i).is_some() {
            return Start::NoWord(i);
        }
    }
}

/// Classes of a token's first byte ([`StartClasses`]), one bit each; anything else is
/// [`OTHER`].
const OTHER: u8 = 0;
/// ASCII whitespace other than the line feed.
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
/// An ASCII letter or digit.
const ALNUM: u8 = 4;
/// The lead byte of a two-byte character that cannot be whitespace (C3-DF: C2 leads U+0085
/// and U+00A0); whether the character is a letter or digit is [`WordyTable`]'s.
const LEAD2: u8 = 8;

/// The class of each byte at a token's start, by one load: a flag bit per class, so the loop
/// tests the classes in order of frequency rather than through a jump table.
struct StartClasses([u8; 256]);

impl StartClasses {
    const fn build() -> StartClasses {
        StartClasses(super::chars::byte_table!(start_class))
    }

    /// The class of `b` at a token's start.
    #[inline(always)]
    fn of(&self, b: u8) -> u8 {
        self.0[usize::from(b)]
    }
}

/// The class of the byte `byte` at a token's start: the definition [`START`] is built from.
const fn start_class(byte: u8) -> u8 {
    if byte == b'\n' {
        NEWLINE
    } else if is_ascii_space(byte) {
        SPACE
    } else if byte.is_ascii_alphanumeric() {
        ALNUM
    } else if byte >= 0xC3 && byte < 0xE0 {
        LEAD2
    } else {
        OTHER
    }
}

static START: StartClasses = StartClasses::build();

/// Whether `c` is a letter or digit for the word count: a letter of some script, or what
/// `char::is_alphanumeric` says (asked only where the script table, which other stages build
/// anyway, finds no letter).
#[inline]
fn is_wordy(scripts: Scripts, c: char) -> bool {
    scripts.of(c).is_some() || c.is_alphanumeric()
}

/// [`is_wordy`] of each character of U+0000-U+07FF (all of one and two bytes: Latin to
/// Arabic), computed once: `char::is_alphanumeric` searches Unicode's tables.
struct WordyTable([bool; 0x800]);

impl WordyTable {
    fn build() -> WordyTable {
        let scripts = Scripts::get();
        WordyTable(std::array::from_fn(|i| {
            char::from_u32(i as u32).is_some_and(|c| is_wordy(scripts, c))
        }))
    }

    /// [`is_wordy`] of the code point `u`, below U+0800 (a surrogate is not wordy).
    #[inline(always)]
    fn below_800(&self, u: u32) -> bool {
        self.0[u as usize]
    }
}

static TWO_BYTE_WORDY: LazyLock<WordyTable> = LazyLock::new(WordyTable::build);

/// Whether the ASCII byte `b` is whitespace (`char::is_whitespace`).
#[inline]
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The length in bytes of the whitespace character at byte `i` of `text`, if there is one
/// (`i` is a character boundary or the end).
#[inline]
fn whitespace_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return is_ascii_space(b).then_some(1);
    }
    if !may_start_space(b) {
        return None;
    }
    let c = char_at(text, i);
    c.is_whitespace().then(|| c.len_utf8())
}

/// Whether `b` can be the first byte of a whitespace character.
#[inline]
fn may_start_space(b: u8) -> bool {
    b <= 0x20 || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The byte index of the first whitespace character at or after `i` (a character boundary),
/// or the text's length.
#[inline(always)]
fn next_whitespace(text: &str, mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    loop {
        // Eight bytes at a time while none of them can start whitespace.
        while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            let w = u64::from_le_bytes(*chunk);
            // Bytes below 0x21, bytes E0-E3, bytes C2. Each test's lowest flagged byte is
            // exact (a borrow only runs upwards), so the lowest of them is the first candidate.
            let low = w.wrapping_sub(ONES * 0x21) & !w & HIGHS;
            let e = (w & (ONES * 0xFC)) ^ (ONES * 0xE0);
            let e_lead = e.wrapping_sub(ONES) & !e & HIGHS;
            let c = w ^ (ONES * 0xC2);
            let c2 = c.wrapping_sub(ONES) & !c & HIGHS;
            let flagged = low | e_lead | c2;
            if flagged == 0 {
                i += 8;
                continue;
            }
            let at = flagged.trailing_zeros() / 8;
            i += at as usize;
            // The candidate byte, read from `w` rather than from the text again.
            if matches!((w >> (8 * at)) as u8, b' ' | b'\n') {
                return i;
            }
            break;
        }
        // `i` is at a candidate, or within the last seven bytes.
        while i < bytes.len() && !may_start_space(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            return bytes.len();
        }
        // A candidate byte that is no continuation byte starts a character: check it.
        if whitespace_at(text, i).is_some() {
            return i;
        }
        i += 1;
        // Continue from the next character boundary.
        while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whitespace_beyond_ascii_starts_with_a_byte_that_may_start_space() {
        let mut utf8 = [0u8; 4];
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
                assert!(may_start_space(lead), "{c:?}");
            }
        }
    }

    #[test]
    fn the_quick_classes_agree_with_the_general_case() {
        let scripts = Scripts::get();
        for c in (0..0x800).filter_map(char::from_u32) {
            let wordy = is_wordy(scripts, c);
            assert_eq!(TWO_BYTE_WORDY.below_800(c as u32), wordy, "{c:?}");
            assert_eq!(wordy, c.is_alphanumeric(), "{c:?}");
            let mut utf8 = [0u8; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            let class = START.of(lead);
            if class & LEAD2 != 0 {
                assert!(c.len_utf8() == 2 && !c.is_whitespace(), "{c:?}");
            }
            if c.is_ascii() {
                assert_eq!(class & (SPACE | NEWLINE) != 0, c.is_whitespace(), "{c:?}");
                assert_eq!(class & NEWLINE != 0, c == '\n', "{c:?}");
                assert_eq!(class & ALNUM != 0, c.is_alphanumeric(), "{c:?}");
            }
        }
        assert!((0xC3..0xE0).all(|lead| START.of(lead) == LEAD2));
        assert!((0..=255).all(|b| START.of(b) == start_class(b)));
    }

    /// Longer text than the property test's, made of real words, spaces and punctuation.
    #[test]
    fn counts_match_their_definition_on_article_like_text() {
        let alphabet = [
            "The",
            "Straße",
            "über",
            "قال",
            "الرئيس",
            "خبرگزاری",
            "می\u{200c}رود",
            "٢٠٢٣",
            "۱۴۰۲",
            "2023",
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            " \n ",
            "\u{a0}",
            "\u{2003}",
            "«",
            "»",
            "—",
            "“",
            "”",
            ".",
            ",",
            "،",
            "(",
            ")",
            "-",
            "\t",
            "\r\n",
            "é",
            "ß",
            "\u{64e}",
            "\u{85}",
            "\u{3000}",
            "क",
            "\u{10348}",
            "ª",
            "\u{600}",
        ];
        let mut x: u64 = 0xDEAD_BEEF_1234_5678;
        for _ in 0..3_000 {
            let len = (x % 300) as usize;
            let text = crate::text::random_text(&alphabet, len, &mut x);
            let words = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let lines = text.split('\n').filter(|p| !p.trim().is_empty()).count();
            assert_eq!(words_and_lines(&text), (words, lines), "{text:?}");
        }
    }

    #[test]
    fn next_whitespace_finds_each_kind_after_long_runs() {
        for space in [
            " ", "\t", "\n", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{3000}",
        ] {
            for run in 0..20 {
                let word = "ب".repeat(run) + "\u{200c}x\u{1}\u{e000}क";
                let text = format!("{word}{space}tail");
                assert_eq!(
                    next_whitespace(&text, 0),
                    word.len(),
                    "{space:?} after {run}"
                );
            }
        }
        assert_eq!(next_whitespace("abcdefghijklmnop", 3), 16);
    }

    proptest::proptest! {
        /// The count equals the definition, on text with every kind of whitespace and with
        /// bytes that only look like the start of one (ZWNJ E2 80 8C, controls, U+E000).
        #[test]
        fn counts_match_their_definition(text in "[a-zA-Z09é٣ی—.«\n\r\t\x0b\x0c\x01 \u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{202f}\u{3000}\u{64b}\u{200c}\u{e000}\u{915}\u{10348}]{0,60}") {
            let words = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let lines = text.split('\n').filter(|p| !p.trim().is_empty()).count();
            proptest::prop_assert_eq!(words_and_lines(&text), (words, lines));
        }
    }
}
