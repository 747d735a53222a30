//! What the duplicate detector keeps of an article: the exact hash of its normalised words, a
//! one-byte-per-bin MinHash sketch of its word shingles, their count, and the LSH band keys
//! derived from the sketch. Pure functions over strings; no state.
//!
//! - Words: maximal runs of letters and digits of the folded text
//!   ([`crate::text::chars::normalize::for_each_folded`]); everything else separates words, so
//!   punctuation and quotation marks never matter.
//! - Exact hash: xxh3-128 over the words joined by one space.
//! - Shingles: runs of [`SHINGLE_WORDS`] consecutive words (a text with fewer words is one
//!   shingle), each hashed to 64 bits.
//! - Sketch: one-permutation MinHash (Li, Owen & Zhang 2012) into [`SKETCH_BINS`] bins, empty
//!   bins filled by optimal densification (Shrivastava 2017), each bin's minimum kept as its
//!   lowest byte (b-bit MinHash, Li & König 2010). One hash per shingle, so the cost is linear
//!   in the text and independent of the number of bins.
//! - Bands: [`BANDS`] groups of [`ROWS`] bins. Two articles with Jaccard similarity J share at
//!   least one band with probability 1 - (1 - J^ROWS)^BANDS (0.94 at J = 0.5, 0.99 at 0.6).
//! - Similarity: Jaccard estimated from the share of equal bins, corrected for the 1/256
//!   chance that two one-byte values agree; containment of the shorter text derived from it and
//!   the two shingle counts, so that a trimmed reprint scores near 1.

use xxhash_rust::xxh3::Xxh3;

use crate::text::chars::normalize::{fold_into, try_fold_into, AsciiWord, FoldSink, TwoByteWord};
use crate::text::chars::utf8::encode_two;
use crate::text::words::{FoldedWords, Keeper};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// Bins of the sketch, one byte each.
pub const SKETCH_BINS: usize = 64;
/// LSH bands, and bins per band: 21 × 3 = 63 of the 64 bins.
pub const BANDS: usize = 21;
pub const ROWS: usize = 3;
/// Below this estimated Jaccard similarity, containment is not trusted: with 64 one-byte bins
/// a small Jaccard estimate is mostly noise, and multiplied by a large size ratio it would
/// make an unrelated short text look contained in a long one.
pub const MIN_JACCARD_FOR_CONTAINMENT: f64 = 0.3;

/// The sketch: one byte per bin.
pub type Sketch = [u8; SKETCH_BINS];

/// What is compared and stored for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// xxh3-128 of the normalised words.
    pub exact: u128,
    /// Number of shingles (0 for a text without words).
    pub shingles: u32,
    pub sketch: Sketch,
}

/// Fingerprints one article's text.
pub fn fingerprint(text: &str) -> Fingerprint {
    fold_words(text, false).finish().0
}

/// Fingerprints one article's text and keeps the opening of its folded words for the story
/// stage, which would otherwise fold the text again.
pub fn fingerprint_keeping_words(text: &str) -> (Fingerprint, FoldedWords) {
    let (fp, kept) = fold_words(text, true).finish();
    (fp, kept.unwrap_or_default().finish())
}

/// The text folded into [`Words`], which keep the opening of the words too with `keep`.
fn fold_words(text: &str, keep: bool) -> Words {
    let keeper = || keep.then(|| Keeper::for_text(text.len()));
    let mut words = Words::new(keeper());
    if !try_fold_into(text, &mut words) {
        // A character NFKC could change: start again on the general path.
        words = Words::new(keeper());
        fold_into(text, &mut words);
    }
    words
}

/// The fingerprint being built, one folded character at a time: the exact hash of the words,
/// the hash of the word being read, the last [`SHINGLE_WORDS`] word hashes and the sketch's
/// bins.
struct Words {
    exact: Chunked,
    mins: [u64; SKETCH_BINS],
    /// The mixed hashes of the last [`SHINGLE_WORDS`] words, oldest first (the newest last).
    window: [u64; SHINGLE_WORDS],
    /// Words so far (the shingles are counted from them at the end).
    words: u64,
    word: u64,
    in_word: bool,
}

impl Words {
    fn new(keep: Option<Keeper>) -> Words {
        Words {
            exact: Chunked::new(keep),
            mins: [u64::MAX; SKETCH_BINS],
            window: [0; SHINGLE_WORDS],
            words: 0,
            word: WORD_SEED,
            in_word: false,
        }
    }

    /// The first character of a word: the words are joined by one space in the exact hash.
    /// The space is written before every word, the first too, and [`Chunked`] leaves out the
    /// first byte it is given: no test per word.
    #[inline]
    fn start_word(&mut self) {
        self.exact.push(u32::from(b' '));
        self.in_word = true;
    }

    #[inline]
    fn end_word(&mut self) {
        self.window.rotate_left(1);
        self.window[SHINGLE_WORDS - 1] = mix64(self.word);
        self.words += 1;
        if self.words >= SHINGLE_WORDS as u64 {
            add_shingle(shingle_hash(&self.window), &mut self.mins);
        }
        self.word = WORD_SEED;
        self.in_word = false;
    }

    fn finish(mut self) -> (Fingerprint, Option<Keeper>) {
        if self.in_word {
            self.end_word();
        }
        let shingles = if self.words >= SHINGLE_WORDS as u64 {
            // One per word from the window's first fill on.
            (self.words - (SHINGLE_WORDS as u64 - 1)) as u32
        } else if self.words > 0 {
            // A short text is one shingle of all its words.
            let first = SHINGLE_WORDS - self.words as usize;
            add_shingle(shingle_hash(&self.window[first..]), &mut self.mins);
            1
        } else {
            0
        };
        let (exact, kept) = self.exact.finish();
        let fp = Fingerprint {
            exact,
            shingles,
            sketch: densify(&self.mins),
        };
        (fp, kept)
    }
}

impl FoldSink for Words {
    #[inline(always)]
    fn push(&mut self, c: u32, word_char: bool) {
        if word_char {
            if !self.in_word {
                self.start_word();
            }
            self.exact.push(c);
            self.word = word_step(self.word, c);
        } else {
            if self.in_word {
                self.end_word();
            }
            if c == u32::from(b'\n') {
                if let Some(k) = &mut self.exact.keep {
                    k.line_break(self.words);
                }
            }
        }
    }

    #[inline(always)]
    fn push_ascii_word(&mut self, run: &mut AsciiWord) {
        if !self.in_word {
            self.start_word();
        }
        let mut word = self.word;
        loop {
            // The run is folded straight into the buffer.
            let room = self.exact.room(1);
            let len = room.len();
            let written = run.fold_into(room, |c| word = word_step(word, u32::from(c)));
            self.exact.len += written;
            if written < len {
                break;
            }
        }
        self.word = word;
    }

    #[inline(always)]
    fn push_two_byte_word(&mut self, run: &mut TwoByteWord) {
        if !self.in_word {
            self.start_word();
        }
        let mut word = self.word;
        loop {
            // Room for one character at least; the run is folded straight into the buffer.
            let room = self.exact.room(2);
            let even = room.len() & !1;
            let written = run.fold_into(room, |c| word = word_step(word, c));
            self.exact.len += written;
            if written < even {
                break;
            }
        }
        self.word = word;
    }
}

/// The hash of a word so far, `h`, extended by its next character `c` (a code point).
#[inline(always)]
fn word_step(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ c as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Bytes of [`Chunked`]'s buffer.
const CHUNK: usize = 256;

/// The streaming xxh3-128 of the normalised words, fed [`CHUNK`] bytes at a time (no
/// allocation, few calls into the hasher). The first byte it is given is left out: the space
/// [`Words::start_word`] writes before the first word.
struct Chunked {
    hasher: Xxh3,
    buf: [u8; CHUNK],
    /// Where the bytes to hash start in `buf`: 1 until the first flush, then 0.
    start: usize,
    len: usize,
    /// Where the opening of the words is kept, if it is: each chunk is copied as it is hashed.
    keep: Option<Keeper>,
}

impl Chunked {
    fn new(keep: Option<Keeper>) -> Chunked {
        Chunked {
            hasher: Xxh3::new(),
            buf: [0; CHUNK],
            start: 1,
            len: 0,
            keep,
        }
    }

    /// Appends the UTF-8 encoding of the character `c` (a code point), flushing first if the
    /// buffer could not take four more bytes. One and two bytes (ASCII to Arabic) are encoded
    /// inline.
    #[inline(always)]
    fn push(&mut self, c: u32) {
        // `at` is at most CHUNK - 4 either way (which spares the bounds checks below).
        let at = if self.len > CHUNK - 4 {
            self.flush();
            0
        } else {
            self.len
        };
        if c < 0x80 {
            self.buf[at] = c as u8;
            self.len = at + 1;
        } else if c < 0x800 {
            let [lead, next] = encode_two(c);
            self.buf[at] = lead;
            self.buf[at + 1] = next;
            self.len = at + 2;
        } else {
            self.push_wide(c);
        }
    }

    /// The free end of the buffer to write into (then add to `len` what was written), flushed
    /// first if it has fewer than `min` bytes.
    #[inline(always)]
    fn room(&mut self, min: usize) -> &mut [u8] {
        if self.len > CHUNK - min {
            self.flush();
        }
        &mut self.buf[self.len..]
    }

    /// [`Chunked::push`] of a character of three or four bytes.
    #[inline(never)]
    fn push_wide(&mut self, c: u32) {
        let c = char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.len += c.encode_utf8(&mut self.buf[self.len..]).len();
    }

    #[inline(never)]
    fn flush(&mut self) {
        self.hasher
            .update(&self.buf[self.start.min(self.len)..self.len]);
        if let Some(k) = &mut self.keep {
            k.extend(&self.buf[..self.len]);
        }
        self.start = 0;
        self.len = 0;
    }

    fn finish(mut self) -> (u128, Option<Keeper>) {
        self.flush();
        (self.hasher.digest128(), self.keep)
    }
}

const WORD_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// The finaliser of MurmurHash3: a bijection that spreads every input bit.
#[inline]
fn mix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of a shingle: its words' mixed hashes, oldest first, chained through [`mix64`].
/// Called with the [`SHINGLE_WORDS`] words of the window, or fewer for a short text.
#[inline]
fn shingle_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0u64, |h, &w| mix64(h.rotate_left(23) ^ w))
}

#[inline]
fn add_shingle(h: u64, mins: &mut [u64; SKETCH_BINS]) {
    let bin = (h >> 58) as usize; // 64 bins: the top 6 bits
    let value = h & ((1 << 58) - 1);
    if value < mins[bin] {
        mins[bin] = value;
    }
}

/// Fills each empty bin from a non-empty one chosen by a hash of (bin, attempt), the same
/// choice for every text, and keeps one byte of each minimum.
fn densify(mins: &[u64; SKETCH_BINS]) -> Sketch {
    let mut sketch = [0u8; SKETCH_BINS];
    if mins.iter().all(|&m| m == u64::MAX) {
        return sketch;
    }
    for (i, out) in sketch.iter_mut().enumerate() {
        let mut m = mins[i];
        let mut attempt = 0u64;
        while m == u64::MAX {
            attempt += 1;
            let j = (mix64(((i as u64) << 32) | attempt) % SKETCH_BINS as u64) as usize;
            m = mins[j];
        }
        *out = mix64(m ^ i as u64) as u8;
    }
    sketch
}

/// The key of each band: its three bytes (and the band number, so equal bytes in two bands
/// differ). The stores index by these.
pub fn band_keys(sketch: &Sketch) -> [u32; BANDS] {
    let mut keys = [0u32; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        *key = band_key(sketch, b);
    }
    keys
}

/// The 24 bits of band `b` (its three bytes), the band number in the top byte.
#[inline]
pub fn band_key(sketch: &Sketch, b: usize) -> u32 {
    let r = &sketch[b * ROWS..b * ROWS + ROWS];
    ((b as u32) << 24) | ((r[0] as u32) << 16) | ((r[1] as u32) << 8) | r[2] as u32
}

/// Estimated Jaccard similarity of two sketches.
pub fn jaccard(a: &Sketch, b: &Sketch) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / SKETCH_BINS as f64;
    let chance = 1.0 / 256.0;
    ((equal - chance) / (1.0 - chance)).clamp(0.0, 1.0)
}

/// The similarity reported between two articles: the larger of their estimated Jaccard
/// similarity and the estimated share of the shorter one's shingles found in the longer
/// (containment), which finds a reprint trimmed to its first part.
pub fn similarity(a: &Fingerprint, b: &Fingerprint) -> f64 {
    if a.exact == b.exact {
        return 1.0;
    }
    if a.shingles == 0 || b.shingles == 0 {
        return 0.0;
    }
    let j = jaccard(&a.sketch, &b.sketch);
    if j < MIN_JACCARD_FOR_CONTAINMENT {
        return j;
    }
    let (na, nb) = (a.shingles as f64, b.shingles as f64);
    let intersection = j * (na + nb) / (1.0 + j);
    let containment = (intersection / na.min(nb)).min(1.0);
    j.max(containment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, seed: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("w{}x{}", (i * 7919 + seed * 104_729) % 100_003, seed))
            .collect()
    }

    #[test]
    fn same_words_with_other_punctuation_have_one_exact_hash() {
        let a = fingerprint("He said: “Yes, 2023.”");
        let b = fingerprint("he said «yes 2023»");
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.sketch, b.sketch);
    }

    #[test]
    fn arabic_letter_and_digit_forms_have_one_exact_hash() {
        let a = fingerprint("قال رئيس الوزراء إن الاجتماع عقد في ٢٠٢٣ بحضور كبار المسئولين");
        let b = fingerprint("قال رئیس الـوزراء ان الاجتماع عُقد فی ۲۰۲۳ بحضور کبار المسئولین");
        assert_eq!(a.exact, b.exact);
    }

    #[test]
    fn different_texts_have_different_hashes() {
        assert_ne!(
            fingerprint("one two three").exact,
            fingerprint("one two four").exact
        );
    }

    #[test]
    fn shingles_are_counted() {
        assert_eq!(fingerprint("a b c d e").shingles, 2);
        assert_eq!(fingerprint("a b").shingles, 1);
        assert_eq!(fingerprint(" … ").shingles, 0);
    }

    #[test]
    fn a_few_changed_words_keep_high_similarity() {
        let base = words(400, 1);
        let mut edited = base.clone();
        for i in [50, 150, 250, 350] {
            edited[i] = "changed".into();
        }
        let a = fingerprint(&base.join(" "));
        let b = fingerprint(&edited.join(" "));
        assert!(similarity(&a, &b) > 0.8, "{}", similarity(&a, &b));
    }

    #[test]
    fn a_trimmed_reprint_is_contained() {
        let base = words(500, 2);
        let a = fingerprint(&base.join(" "));
        let b = fingerprint(&base[..300].join(" "));
        let j = jaccard(&a.sketch, &b.sketch);
        let s = similarity(&a, &b);
        assert!(j < 0.8, "jaccard {j}");
        assert!(s > 0.85, "similarity {s}");
    }

    #[test]
    fn unrelated_texts_are_dissimilar() {
        let a = fingerprint(&words(300, 3).join(" "));
        let b = fingerprint(&words(300, 4).join(" "));
        assert!(similarity(&a, &b) < 0.1);
        let short = fingerprint(&words(20, 5).join(" "));
        assert!(similarity(&a, &short) < 0.2);
    }

    /// The fingerprint by its definition: fold the whole text ([`fold`] streams it one
    /// character at a time, never by runs), split it into words, then hash each word, each
    /// shingle and the words joined by spaces.
    fn fingerprint_by_definition(text: &str) -> Fingerprint {
        use crate::text::chars::normalize::{fold, is_word_char};
        let folded = fold(text);
        let words: Vec<&str> = folded
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        let hashes: Vec<u64> = words
            .iter()
            .map(|w| mix64(w.chars().fold(WORD_SEED, |h, c| word_step(h, c as u32))))
            .collect();
        let mut mins = [u64::MAX; SKETCH_BINS];
        let shingles = if hashes.is_empty() {
            0
        } else if hashes.len() < SHINGLE_WORDS {
            add_shingle(shingle_hash(&hashes), &mut mins);
            1
        } else {
            for w in hashes.windows(SHINGLE_WORDS) {
                add_shingle(shingle_hash(w), &mut mins);
            }
            hashes.len() - SHINGLE_WORDS + 1
        };
        Fingerprint {
            exact: xxhash_rust::xxh3::xxh3_128(words.join(" ").as_bytes()),
            shingles: shingles as u32,
            sketch: densify(&mins),
        }
    }

    #[test]
    fn fingerprints_agree_with_their_definition() {
        // Two-byte letters that fold to themselves, to other letters or to ASCII digits and
        // punctuation, dropped marks and joiners inside words, three-byte punctuation, long
        // words that cross the hash buffer's end, and text NFKC would change.
        let alphabet: Vec<&str> = vec![
            "ب",
            "ی",
            "ي",
            "ك",
            "أ",
            "ة",
            "ء",
            "٣",
            "۴",
            "،",
            "\u{64E}",
            "\u{651}",
            "\u{640}",
            "\u{200C}",
            "«",
            "»",
            "—",
            "…",
            "é",
            "ß",
            "Ω",
            "ж",
            "Ⱥ",
            "a",
            "Z",
            "7",
            " ",
            " ",
            "\n",
            ".",
            "-",
            "\u{A0}",
            "\u{2003}",
            "\u{301}",
            "\u{653}",
            "ﻟ",
            "ﬁ",
            "بببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببببب",
            "خبرگزاری",
            "word",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..3_000 {
            let len = (x % 200) as usize + round % 3;
            let text = crate::text::random_text(&alphabet, len, &mut x);
            assert_eq!(
                fingerprint(&text),
                fingerprint_by_definition(&text),
                "{text:?}"
            );
            // Long enough, now and then, for the kept words to be cut off.
            let text = text.repeat(1 + round % 7 * 12);
            assert_eq!(
                fingerprint_keeping_words(&text),
                (fingerprint_by_definition(&text), FoldedWords::of(&text)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn identical_sketches_share_every_band() {
        let a = fingerprint(&words(100, 6).join(" "));
        assert_eq!(band_keys(&a.sketch), band_keys(&a.sketch.clone()));
        let b = fingerprint(&words(100, 7).join(" "));
        let shared = band_keys(&a.sketch)
            .iter()
            .zip(band_keys(&b.sketch))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared <= 1);
    }
}
