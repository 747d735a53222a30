//! The layout of the n-gram table that `build.rs` lays out at build time and the n-gram
//! scorer reads, compiled into the binary, with no work at start-up. It is shared by both (the
//! build script includes this file), so the two cannot disagree: the key packing and the
//! layout. It depends on neither, so the scorer imports it and never the other way round.
//!
//! The table holds the uni- to trigrams of every lingua model of a script that more than one
//! language here writes (62 models), most of which only a few of those languages know. So a
//! row is sparse: open addressing with linear probing over `2^bits` slots, at most half full,
//! each slot a key (`u64`, 0 for an empty slot) and where its entries are in a second array;
//! an entry is a column (the model) and its `f32` log-probability. Bytes rather than typed
//! values because `include_bytes!` data has no alignment; reading a value from a `[u8; N]` is
//! one unaligned load.

/// N-grams up to this many characters are in the table.
pub const TABLE_ORDER: usize = 3;
/// Bits per character in a packed key (see [`key`]).
pub const CHAR_BITS: usize = 21;
/// At most this many columns (models): a set of them is a `u128` bit mask.
pub const MAX_COLUMNS: usize = 128;
/// Bytes of one key.
pub const KEY_BYTES: usize = 8;
/// Bytes of one slot: a key, the index of its first entry (`u32`) and how many (`u32`).
pub const SLOT_BYTES: usize = KEY_BYTES + 8;
/// Bytes of one entry: a column (`u8`) and a log-probability (`f32`).
pub const ENTRY_BYTES: usize = 5;

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

/// The slot where probing for `key` starts in a table of `2^bits` slots: a multiply mixes the
/// packed characters well, and its top bits are the best mixed.
fn home_slot(key: u64, bits: u32) -> usize {
    ((key ^ (key >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// A table laid out by [`lay_out`]: its size, its slots and their entries.
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub struct Laid {
    pub bits: u32,
    pub slots: Vec<u8>,
    pub entries: Vec<u8>,
}

/// Lays out `rows` (distinct, non-zero keys, each with its (column, log-probability) pairs) in
/// a table at most half full.
#[cfg_attr(not(test), allow(dead_code, reason = "used by build.rs"))]
pub fn lay_out(rows: &[(u64, Vec<(u8, f32)>)]) -> Laid {
    let mut bits = 1;
    while (1usize << bits) < 2 * rows.len() {
        bits += 1;
    }
    let mut slots = vec![[0u8; SLOT_BYTES]; 1 << bits];
    let mut entries = Vec::new();
    for (key, row) in rows {
        assert_ne!(*key, 0, "key 0 marks an empty slot");
        let mut i = home_slot(*key, bits);
        while slots[i][..KEY_BYTES] != [0; KEY_BYTES] {
            i = (i + 1) % slots.len();
        }
        let start = (entries.len() / ENTRY_BYTES) as u32;
        slots[i][..KEY_BYTES].copy_from_slice(&key.to_le_bytes());
        slots[i][KEY_BYTES..][..4].copy_from_slice(&start.to_le_bytes());
        slots[i][KEY_BYTES + 4..].copy_from_slice(&(row.len() as u32).to_le_bytes());
        for &(column, p) in row {
            entries.push(column);
            entries.extend_from_slice(&p.to_le_bytes());
        }
    }
    Laid {
        bits,
        slots: slots.concat(),
        entries,
    }
}

/// The entries of one n-gram: the columns that know it, with their log-probabilities.
#[derive(Clone, Copy)]
pub struct Row<'a>(&'a [[u8; ENTRY_BYTES]]);

impl<'a> Row<'a> {
    /// (column, log-probability) of every model that knows the n-gram.
    pub fn iter(self) -> impl Iterator<Item = (usize, f32)> + 'a {
        self.0.iter().map(|e| {
            (
                usize::from(e[0]),
                f32::from_le_bytes([e[1], e[2], e[3], e[4]]),
            )
        })
    }

    /// The log-probability of the n-gram in `column`'s model, if that model knows it.
    pub fn get(self, column: usize) -> Option<f32> {
        self.iter().find(|&(c, _)| c == column).map(|(_, p)| p)
    }
}

/// A table laid out by [`lay_out`], read in place.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    bits: u32,
    slots: &'a [[u8; SLOT_BYTES]],
    entries: &'a [[u8; ENTRY_BYTES]],
}

impl<'a> Table<'a> {
    /// The table of `2^bits` slots in `slots`, with their `entries`.
    ///
    /// # Panics
    /// When `slots` does not hold `2^bits` slots or `entries` whole entries.
    pub fn new(bits: u32, slots: &'a [u8], entries: &'a [u8]) -> Table<'a> {
        let (slots, rest) = slots.as_chunks::<SLOT_BYTES>();
        assert!(rest.is_empty() && slots.len() == 1 << bits);
        let (entries, rest) = entries.as_chunks::<ENTRY_BYTES>();
        assert!(rest.is_empty());
        Table {
            bits,
            slots,
            entries,
        }
    }

    /// The row of `key` (not 0), if the table has it. (The table is never full, so an empty
    /// slot ends the probing.)
    pub fn get(&self, key: u64) -> Option<Row<'a>> {
        let mask = self.slots.len() - 1;
        let mut i = home_slot(key, self.bits);
        loop {
            let slot = &self.slots[i & mask];
            let word = |at: usize| u32::from_le_bytes(slot[at..at + 4].try_into().expect("4"));
            match u64::from_le_bytes(slot[..KEY_BYTES].try_into().expect("KEY_BYTES")) {
                k if k == key => {
                    let start = word(KEY_BYTES) as usize;
                    let len = word(KEY_BYTES + 4) as usize;
                    return self.entries.get(start..start + len).map(Row);
                }
                0 => return None,
                _ => i += 1,
            }
        }
    }

    /// Every key in the table.
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.slots
            .iter()
            .map(|s| u64::from_le_bytes(s[..KEY_BYTES].try_into().expect("KEY_BYTES")))
            .filter(|&k| k != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_laid_out_table_finds_its_keys_and_only_them() {
        let rows: Vec<(u64, Vec<(u8, f32)>)> = (1..=1000u64)
            .map(|k| {
                let row = (0..(k % 7) as u8)
                    .map(|c| (c * 3, -(k as f32) - f32::from(c)))
                    .collect();
                (k * 0x1_0000_0001, row)
            })
            .collect();
        let laid = lay_out(&rows);
        let table = Table::new(laid.bits, &laid.slots, &laid.entries);
        for (key, row) in &rows {
            let found: Vec<(usize, f32)> = table.get(*key).unwrap().iter().collect();
            let expected: Vec<(usize, f32)> =
                row.iter().map(|&(c, p)| (usize::from(c), p)).collect();
            assert_eq!(found, expected);
        }
        assert!(table.get(7).is_none());
        assert!(table.get(1001 * 0x1_0000_0001).is_none());
        assert_eq!(table.keys().count(), rows.len());
    }
}
