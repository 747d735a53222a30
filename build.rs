//! Lays out the n-gram table of `src/language/ngram.rs` at build time, so that the worker does
//! no work for it at start-up: the unigrams, bigrams and trigrams of lingua's models of the
//! languages that share a script with another one here, read from the same model crates (as
//! build dependencies, of the versions in Cargo.lock) into an open-addressing table
//! (`src/language/ngram_table.rs`), written to `OUT_DIR` as `ngram-slots.bin` and
//! `ngram-table.rs` (its columns and size), which `ngram.rs` includes.

use std::collections::BTreeMap;
use std::path::Path;

use fst::{Automaton, IntoStreamer, Streamer};

#[allow(dead_code)]
#[path = "src/language/ngram_table.rs"]
mod ngram_table;

use ngram_table::{key, LANGS, MODELS, TABLE_ORDER};

/// Accepts the keys of at most `.0` characters and prunes every longer branch, so that reading
/// the trigrams of a model does not walk its 4- and 5-grams.
struct MaxChars(usize);

impl Automaton for MaxChars {
    type State = usize;
    fn start(&self) -> usize {
        0
    }
    fn is_match(&self, chars: &usize) -> bool {
        *chars <= self.0
    }
    fn can_match(&self, chars: &usize) -> bool {
        *chars <= self.0
    }
    fn accept(&self, chars: &usize, byte: u8) -> usize {
        if byte & 0xC0 == 0x80 {
            *chars
        } else {
            chars + 1
        }
    }
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/language/ngram_table.rs");
    // Ordered, so that the table (and so the binary) is the same on every build.
    let mut table: BTreeMap<u64, [f32; LANGS]> = BTreeMap::new();
    for (column, (name, ngrams_fst)) in MODELS.iter().enumerate() {
        let bytes =
            ngrams_fst().unwrap_or_else(|| panic!("lingua's {name} model has no ngrams.fst"));
        let map = fst::Map::new(bytes).unwrap_or_else(|e| panic!("lingua's {name} model: {e}"));
        let mut stream = map.search(MaxChars(TABLE_ORDER)).into_stream();
        while let Some((k, v)) = stream.next() {
            let Ok(s) = std::str::from_utf8(k) else {
                continue;
            };
            let chars: Vec<char> = s.chars().collect();
            if chars.is_empty() || chars.len() > TABLE_ORDER {
                continue;
            }
            let row = table.entry(key(&chars) as u64).or_insert([f32::NAN; LANGS]);
            row[column] = f64::from_bits(v) as f32;
        }
    }
    let entries: Vec<(u64, [f32; LANGS])> = table.into_iter().collect();
    let laid = ngram_table::lay_out(&entries);
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    std::fs::write(out.join("ngram-slots.bin"), &laid.slots).expect("writing OUT_DIR");
    let languages: Vec<String> = MODELS
        .iter()
        .map(|(name, _)| format!("lingua::Language::{name}"))
        .collect();
    let rust = format!(
        "/// The languages of the n-gram table's columns, in order (written by build.rs).\n\
         const TABLE_LANGUAGES: [lingua::Language; {LANGS}] = [{}];\n\
         /// The n-gram table has 2^TABLE_BITS slots ({} n-grams).\n\
         const TABLE_BITS: u32 = {};\n",
        languages.join(", "),
        entries.len(),
        laid.bits,
    );
    std::fs::write(out.join("ngram-table.rs"), rust).expect("writing OUT_DIR");
}
