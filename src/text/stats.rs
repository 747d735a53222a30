//! Counting a text's words and non-blank lines fast: the `stats` of every result.
//!
//! A word is a run of characters between whitespace (Unicode's White_Space, as
//! `char::is_whitespace`) with at least one letter or digit; a line counts when it holds
//! something other than whitespace. The count runs word by word rather than character by
//! character: at a word's start, characters are decoded only until a letter or digit is met
//! (usually the first); the rest of the word is skipped eight bytes at a time up to the next
//! byte that could start whitespace: one of at most 0x20, or the lead bytes of the multi-byte
//! spaces (C2, E1, E2, E3; a test checks that no other byte starts one).

use super::script::Scripts;

/// Words and non-blank lines of `text`, as `(words, lines)`.
pub fn words_and_lines(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let scripts = Scripts::get();
    // Whether the character at `i`, of length `len`, is a letter or digit.
    let wordy = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            return (b.is_ascii_alphanumeric(), 1);
        }
        let c = char_at(text, i);
        (scripts.of(c).is_some() || c.is_alphanumeric(), c.len_utf8())
    };
    let (mut words, mut lines) = (0, 0);
    // The current line holds something other than whitespace.
    let mut inked = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Between words: mostly one ASCII space.
        if b < 0x80 && is_ascii_space(b) {
            if b == b'\n' {
                lines += usize::from(inked);
                inked = false;
            }
            i += 1;
            continue;
        }
        if b >= 0x80 && may_start_space(b) {
            if let Some(len) = whitespace_at(text, i) {
                i += len;
                continue;
            }
        }
        inked = true;
        // A word starts here: decode until a letter or digit or the word's end.
        loop {
            let (is_wordy, len) = wordy(i);
            i += len;
            if is_wordy {
                words += 1;
                i = next_whitespace(text, i);
                break;
            }
            if i >= bytes.len() || whitespace_at(text, i).is_some() {
                break;
            }
        }
    }
    lines += usize::from(inked);
    (words, lines)
}

/// The character starting at byte `i` of `text` (a character boundary before its end),
/// decoded from the bytes: the text is valid UTF-8.
#[inline(always)]
fn char_at(text: &str, i: usize) -> char {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let c = if b < 0x80 {
        u32::from(b)
    } else if b < 0xE0 {
        (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F)
    } else if b < 0xF0 {
        (u32::from(b & 0x0F) << 12)
            | (u32::from(bytes[i + 1] & 0x3F) << 6)
            | u32::from(bytes[i + 2] & 0x3F)
    } else {
        (u32::from(b & 0x07) << 18)
            | (u32::from(bytes[i + 1] & 0x3F) << 12)
            | (u32::from(bytes[i + 2] & 0x3F) << 6)
            | u32::from(bytes[i + 3] & 0x3F)
    };
    char::from_u32(c).unwrap_or_default()
}

/// Whether the ASCII byte `b` is whitespace (`char::is_whitespace`).
#[inline]
fn is_ascii_space(b: u8) -> bool {
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
fn next_whitespace(text: &str, mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    loop {
        // Eight bytes at a time while none of them can start whitespace.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
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
            i += (flagged.trailing_zeros() / 8) as usize;
            if matches!(bytes[i], b' ' | b'\n') {
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
