//! The opening of a folded text as words: the first [`FoldedWords::MAX_BYTES`] bytes of its
//! folded words ([`crate::text::chars::normalize`]: letter forms, digits, case), each after one
//! space, and how many words stand on its first line. The duplicate detector folds every
//! article whole and keeps this as it goes ([`crate::dedup::fingerprint`]), so the story stage
//! reads the opening's words without folding the text a second time.
//!
//! [`FoldedWords::of`] folds a text itself: the reference the dedup stage's copy is tested
//! against, and what the story stage uses when it is handed no copy.

use super::chars::normalize::for_each_folded_word_char;

/// The opening's folded words (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldedWords {
    /// The folded words, each after one space; at most [`FoldedWords::MAX_BYTES`].
    bytes: Vec<u8>,
    /// Whether `bytes` holds all the text's words (else the last one may be cut off).
    whole: bool,
    /// Words before the first line break that follows a word; `None` for one line.
    first_line: Option<u32>,
}

impl FoldedWords {
    /// Bytes kept: more than the story stage reads (a few hundred words, two bytes a letter in
    /// Arabic script), and a copy of them costs little next to folding them.
    pub const MAX_BYTES: usize = 12 * 1024;

    /// The opening of `text`, folded here.
    pub fn of(text: &str) -> FoldedWords {
        let mut kept = Keeper::default();
        let (mut in_word, mut words) = (false, 0u64);
        for_each_folded_word_char(text, |c, word| {
            if word {
                if !in_word {
                    kept.bytes.push(b' ');
                    in_word = true;
                }
                let mut buf = [0; 4];
                kept.bytes
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            } else {
                if in_word {
                    words += 1;
                    in_word = false;
                }
                if c == '\n' {
                    kept.line_break(words);
                }
            }
        });
        kept.finish()
    }

    /// The words kept, in order; a last word that may have been cut off is left out.
    pub fn words(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let end = if self.whole {
            self.bytes.len()
        } else {
            self.bytes.iter().rposition(|&b| b == b' ').unwrap_or(0)
        };
        self.bytes[..end]
            .split(|&b| b == b' ')
            .filter(|w| !w.is_empty())
    }

    /// How many words the text's first line holds; `None` when the text is one line.
    pub fn first_line_words(&self) -> Option<u32> {
        self.first_line
    }
}

/// Builds a [`FoldedWords`] from the folded words' bytes as they come and the line breaks.
#[derive(Debug, Default)]
pub(crate) struct Keeper {
    bytes: Vec<u8>,
    /// Whether bytes beyond [`FoldedWords::MAX_BYTES`] were left out.
    over: bool,
    first_line: Option<u32>,
}

impl Keeper {
    /// A keeper for a text of `len` bytes, which fold to about as many: room is made once.
    pub fn for_text(len: usize) -> Keeper {
        Keeper {
            bytes: Vec::with_capacity(len.min(FoldedWords::MAX_BYTES) + 512),
            ..Keeper::default()
        }
    }

    /// A line break after `words` words: the first one after a word ends the first line.
    #[inline]
    pub fn line_break(&mut self, words: u64) {
        if self.first_line.is_none() && words > 0 {
            self.first_line = Some(u32::try_from(words).unwrap_or(u32::MAX));
        }
    }

    /// Appends folded bytes while fewer than [`FoldedWords::MAX_BYTES`] are kept.
    #[inline]
    pub fn extend(&mut self, bytes: &[u8]) {
        if self.bytes.len() < FoldedWords::MAX_BYTES {
            self.bytes.extend_from_slice(bytes);
        } else if !bytes.is_empty() {
            self.over = true;
        }
    }

    pub fn finish(mut self) -> FoldedWords {
        let whole = !self.over && self.bytes.len() <= FoldedWords::MAX_BYTES;
        self.bytes.truncate(FoldedWords::MAX_BYTES);
        FoldedWords {
            bytes: self.bytes,
            whole,
            first_line: self.first_line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(f: &FoldedWords) -> Vec<String> {
        f.words()
            .map(|w| String::from_utf8(w.to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn words_are_folded_and_split_at_anything_but_letters_and_digits() {
        let f = FoldedWords::of("Harbour STRIKE, «الكاظمي» ٢٠١٩!");
        assert_eq!(words(&f), ["harbour", "strike", "الکاظمی", "2019"]);
    }

    #[test]
    fn the_first_line_is_counted_from_its_first_word() {
        let f = FoldedWords::of("\n\n  Dock strike ends\nWorkers voted on Monday.");
        assert_eq!(f.first_line_words(), Some(3));
        assert_eq!(FoldedWords::of("One line only.").first_line_words(), None);
    }

    #[test]
    fn a_long_text_keeps_whole_words_only() {
        // Eight bytes a word kept (" abcdefg"): the last word fills the bytes exactly, and is
        // left out, as nothing tells it from a word cut off.
        let text = "abcdefg ".repeat(FoldedWords::MAX_BYTES / 4);
        let f = FoldedWords::of(&text);
        assert!(f.words().all(|w| w == b"abcdefg"));
        assert_eq!(f.words().count(), FoldedWords::MAX_BYTES / 8 - 1);
    }
}
