//! Letter and digit tests for the characters news is written in: the standard library's
//! answers, read from a table. The quotes stage asks them of nearly every character (marks,
//! titles, labels), and beyond ASCII (Arabic letters above all) the standard library searches
//! its Unicode tables for each answer.

use std::sync::LazyLock;

/// Code points below this (Latin, Greek, Cyrillic, Hebrew, Arabic and the scripts up to the
/// General Punctuation block) are answered by the table; the rest by the standard library.
const LEN: usize = 0x2070;
/// The bit of a [`LetterTable`] entry for [`char::is_alphabetic`].
const ALPHABETIC: u8 = 1;
/// The bit of a [`LetterTable`] entry for [`char::is_numeric`].
const NUMERIC: u8 = 2;

/// [`char::is_alphabetic`] and [`char::is_numeric`] of every code point below [`LEN`], a bit
/// each: one load instead of a search of Unicode's tables.
pub struct LetterTable([u8; LEN]);

static TABLE: LazyLock<LetterTable> = LazyLock::new(LetterTable::build);

impl LetterTable {
    fn build() -> LetterTable {
        LetterTable(std::array::from_fn(|u| {
            char::from_u32(u as u32).map_or(0, reference_bits)
        }))
    }

    /// The table, built on first use.
    #[inline]
    pub fn get() -> &'static LetterTable {
        &TABLE
    }

    /// The bits of `c`; `None` beyond the table.
    #[inline]
    fn bits(&self, c: char) -> Option<u8> {
        self.0.get(u32::from(c) as usize).copied()
    }

    /// [`char::is_alphabetic`].
    #[inline]
    pub fn is_alphabetic(&self, c: char) -> bool {
        self.bits(c)
            .map_or_else(|| c.is_alphabetic(), |k| k & ALPHABETIC != 0)
    }

    /// [`char::is_numeric`].
    #[inline]
    pub fn is_numeric(&self, c: char) -> bool {
        self.bits(c)
            .map_or_else(|| c.is_numeric(), |k| k & NUMERIC != 0)
    }

    /// [`char::is_alphanumeric`].
    #[inline]
    pub fn is_alphanumeric(&self, c: char) -> bool {
        self.bits(c).map_or_else(|| c.is_alphanumeric(), |k| k != 0)
    }
}

/// The entry of `c` as its definition gives it: the table's reference version.
fn reference_bits(c: char) -> u8 {
    (if c.is_alphabetic() { ALPHABETIC } else { 0 }) | (if c.is_numeric() { NUMERIC } else { 0 })
}

/// [`char::is_alphabetic`], by table for the common scripts.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    LetterTable::get().is_alphabetic(c)
}

/// [`char::is_numeric`], by table for the common scripts.
#[inline]
pub fn is_numeric(c: char) -> bool {
    LetterTable::get().is_numeric(c)
}

/// [`char::is_alphanumeric`], by table for the common scripts.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    LetterTable::get().is_alphanumeric(c)
}

/// Builds the table now, so the first article does not pay for it.
pub fn init() {
    LazyLock::force(&TABLE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_table_agrees_with_unicode() {
        for c in (0..0x2100).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        assert!(is_alphabetic('世') && is_numeric('𝟙') && !is_alphanumeric('😀'));
    }
}
