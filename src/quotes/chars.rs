//! Letter and digit tests for every character the quotes stage looks at: the standard
//! library's answers, read from a table for the scripts news is written in. Owned here, below
//! both the tokenizer and the mark finder, so neither imports the other for them.

use std::sync::LazyLock;

/// [`char::is_alphabetic`] and [`char::is_numeric`] of every code point below U+2070, a bit
/// each: beyond ASCII (Arabic letters above all) the standard library searches its tables,
/// and the mark, title and label checks ask about thousands of characters per corpus.
static LETTERS: LazyLock<[u8; 0x2070]> = LazyLock::new(|| {
    std::array::from_fn(|u| {
        char::from_u32(u as u32).map_or(0, |c| {
            u8::from(c.is_alphabetic()) | (u8::from(c.is_numeric()) << 1)
        })
    })
});

/// The [`LETTERS`] bits of `c`; `None` beyond the table.
fn letter_bits(c: char) -> Option<u8> {
    LETTERS.get(u32::from(c) as usize).copied()
}

/// [`char::is_alphabetic`], by table for the common scripts.
pub fn is_alphabetic(c: char) -> bool {
    letter_bits(c).map_or_else(|| c.is_alphabetic(), |k| k & 1 != 0)
}

/// [`char::is_numeric`], by table for the common scripts.
pub fn is_numeric(c: char) -> bool {
    letter_bits(c).map_or_else(|| c.is_numeric(), |k| k & 2 != 0)
}

/// [`char::is_alphanumeric`], by table for the common scripts.
pub fn is_alphanumeric(c: char) -> bool {
    letter_bits(c).map_or_else(|| c.is_alphanumeric(), |k| k != 0)
}

/// Builds the table now, so the first article does not pay for it.
pub fn init() {
    LazyLock::force(&LETTERS);
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
