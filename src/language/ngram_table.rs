//! The layout of the n-gram table that `build.rs` lays out at build time and
//! [`super::ngram`] reads, compiled into the binary, with no work at start-up. It is shared by
//! both (the build script includes this file), so the two cannot disagree: the columns and their
//! model crates ([`MODELS`]), the key packing and the layout.
//!
//! The table is open addressing with linear probing over `2^bits` slots, at most half full, in
//! one array of little-endian bytes. A slot is a key (`u64`, 0 for an empty slot) followed by
//! its row of [`LANGS`] `f32` log-probabilities (NaN: not in that language's model), so that a
//! look-up usually reads one cache line. Bytes rather than typed values because
//! `include_bytes!` data has no alignment; reading a value from a `[u8; N]` is one unaligned
//! load.

/// The `ngrams.fst` of one lingua model crate (compiled into that crate), `None` if it has none.
macro_rules! ngrams_fst {
    ($dir:path) => {
        $dir.get_file("ngrams.fst").map(|f| f.contents())
    };
}

/// Reads one model crate's `ngrams.fst` (see [`MODELS`]).
pub type NgramsFst = fn() -> Option<&'static [u8]>;

/// The table's columns, in order: lingua's name of each language and its model's
/// `ngrams.fst`. build.rs reads the uni- to trigrams out of them; the scorer reads the 4- and
/// 5-grams at run time.
pub const MODELS: [(&str, NgramsFst); LANGS] = [
    ("Arabic", || {
        ngrams_fst!(lingua_arabic_language_model::ARABIC_MODELS_DIRECTORY)
    }),
    ("Persian", || {
        ngrams_fst!(lingua_persian_language_model::PERSIAN_MODELS_DIRECTORY)
    }),
    ("Urdu", || {
        ngrams_fst!(lingua_urdu_language_model::URDU_MODELS_DIRECTORY)
    }),
    ("English", || {
        ngrams_fst!(lingua_english_language_model::ENGLISH_MODELS_DIRECTORY)
    }),
    ("French", || {
        ngrams_fst!(lingua_french_language_model::FRENCH_MODELS_DIRECTORY)
    }),
    ("German", || {
        ngrams_fst!(lingua_german_language_model::GERMAN_MODELS_DIRECTORY)
    }),
    ("Spanish", || {
        ngrams_fst!(lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY)
    }),
    ("Turkish", || {
        ngrams_fst!(lingua_turkish_language_model::TURKISH_MODELS_DIRECTORY)
    }),
];

/// N-grams up to this many characters are in the table.
pub const TABLE_ORDER: usize = 3;
/// Bits per character in a packed key (see [`key`]).
pub const CHAR_BITS: usize = 21;
/// Languages (columns) per row.
pub const LANGS: usize = 8;
/// Bytes of one key.
pub const KEY_BYTES: usize = 8;
/// Bytes of one row.
pub const ROW_BYTES: usize = 4 * LANGS;
/// Bytes of one slot: a key and its row.
pub const SLOT_BYTES: usize = KEY_BYTES + ROW_BYTES;

/// The packed key of up to 6 characters, the first in the lowest bits; none of them is NUL, so
/// keys of different lengths differ. Those of up to 3 characters, the table's, fit in a `u64`.
/// (The scorer builds its keys letter by letter, the same way; a test checks it.)
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub fn key(chars: &[char]) -> u128 {
    chars
        .iter()
        .enumerate()
        .fold(0, |k, (i, &c)| k | u128::from(c) << (CHAR_BITS * i))
}

/// One row of the table: the log-probabilities of one n-gram, see [`probability`].
pub type Row = [u8; ROW_BYTES];

/// The slot where probing for `key` starts in a table of `2^bits` slots: a multiply mixes the
/// packed characters well, and its top bits are the best mixed.
fn home_slot(key: u64, bits: u32) -> usize {
    ((key ^ (key >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// The log-probability in column `language` of `row` (NaN: not in that language's model).
pub fn probability(row: &Row, language: usize) -> f32 {
    let at = 4 * language;
    f32::from_le_bytes([row[at], row[at + 1], row[at + 2], row[at + 3]])
}

/// A table laid out by [`lay_out`]: its size and its slots.
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub struct Laid {
    pub bits: u32,
    pub slots: Vec<u8>,
}

/// Lays out `entries` (distinct, non-zero keys) in a table at most half full.
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub fn lay_out(entries: &[(u64, [f32; LANGS])]) -> Laid {
    let mut bits = 1;
    while (1usize << bits) < 2 * entries.len() {
        bits += 1;
    }
    let mut slots = vec![[0u8; SLOT_BYTES]; 1 << bits];
    for &(key, row) in entries {
        assert_ne!(key, 0, "key 0 marks an empty slot");
        let mut i = home_slot(key, bits);
        while slots[i][..KEY_BYTES] != [0; KEY_BYTES] {
            i = (i + 1) % slots.len();
        }
        slots[i][..KEY_BYTES].copy_from_slice(&key.to_le_bytes());
        for (column, p) in row.iter().enumerate() {
            slots[i][KEY_BYTES + 4 * column..][..4].copy_from_slice(&p.to_le_bytes());
        }
    }
    Laid {
        bits,
        slots: slots.concat(),
    }
}

/// A table laid out by [`lay_out`], read in place.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    bits: u32,
    slots: &'a [[u8; SLOT_BYTES]],
}

impl<'a> Table<'a> {
    /// The table of `2^bits` slots in `slots`.
    ///
    /// # Panics
    /// When `slots` does not hold `2^bits` slots.
    pub fn new(bits: u32, slots: &'a [u8]) -> Table<'a> {
        let (slots, rest) = slots.as_chunks::<SLOT_BYTES>();
        assert!(rest.is_empty() && slots.len() == 1 << bits);
        Table { bits, slots }
    }

    /// The row of `key` (not 0), if the table has it. (The table is never full, so an empty
    /// slot ends the probing.)
    pub fn get(&self, key: u64) -> Option<&'a Row> {
        let mask = self.slots.len() - 1;
        let mut i = home_slot(key, self.bits);
        loop {
            let slot = &self.slots[i & mask];
            let (k, row) = slot.split_at(KEY_BYTES);
            match u64::from_le_bytes(k.try_into().expect("KEY_BYTES")) {
                k if k == key => return Some(row.try_into().expect("ROW_BYTES")),
                0 => return None,
                _ => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_laid_out_table_finds_its_keys_and_only_them() {
        let entries: Vec<(u64, [f32; LANGS])> = (1..=1000u64)
            .map(|k| {
                (
                    k * 0x1_0000_0001,
                    [k as f32, f32::NAN, -1.5, 0.0, 1.0, 2.0, 3.0, -(k as f32)],
                )
            })
            .collect();
        let laid = lay_out(&entries);
        let table = Table::new(laid.bits, &laid.slots);
        for (key, row) in &entries {
            let found = table.get(*key).unwrap();
            for (i, p) in row.iter().enumerate() {
                assert_eq!(probability(found, i).to_bits(), p.to_bits());
            }
        }
        assert!(table.get(7).is_none());
        assert!(table.get(1001 * 0x1_0000_0001).is_none());
    }
}
