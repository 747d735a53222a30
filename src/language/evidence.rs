//! The evidence this crate adds to lingua's n-gram scores: letters only one language of a
//! script uses (Pashto ټ ښ ځ, Urdu ٹ ں ے, Sorani ڕ ڵ ێ ە, Arabic ة ى), letters a language does
//! not write, and its frequent short words. It is one linear pass over the text with table
//! look-ups, cheap enough to run on every paragraph of a long article.

use super::languages::{marker_words_of, LangId, LANGUAGES};
use crate::text::chars::fold::fold_for_language_markers;
use crate::text::chars::utf8::decode_two;
use crate::text::chars::TATWEEL;
use crate::text::script::{is_uppercase, Script, ScriptCounts, Scripts};

/// Log-score added per letter only this language uses among those of its script.
const OWN_LETTER: f64 = 3.0;
/// The same for Latin letters, which other languages here write too, only less often.
const OWN_LATIN_LETTER: f64 = 1.5;
/// Log-score taken away per letter the language does not write.
const FOREIGN_LETTER: f64 = 2.5;
/// Log-score taken away per letter the language writes rarely or only in some spellings.
const RARE_LETTER: f64 = 0.4;
/// Log-score added per marker word.
pub const MARKER_WORD: f64 = 1.5;

/// Letters below this code point (Latin, Latin-1, Latin Extended, Arabic) are looked up in a
/// flat table; every evidence letter of [`LANGUAGES`] is one of them (a test checks it).
const LETTER_TABLE: usize = 0x0800;

/// Marker words are looked up only up to this many bytes (lower-cased and folded); a longer
/// word cannot be one. Two 8-byte chunks, so that hashing a word takes no loop: the longest
/// marker word has 14 (a test checks that every one fits).
const MAX_WORD_BYTES: usize = 16;
// `WordBuf::room` masks with it.
const _: () = assert!(MAX_WORD_BYTES.is_power_of_two());

/// The letter and word tables of every language, indexed for look-up; built once.
#[derive(Debug)]
pub struct EvidenceTables {
    /// For each code point below [`LETTER_TABLE`]: its evidence and what it adds to a word.
    letters: LetterTable,
    /// Per evidence letter, the range of `entries` that holds its (language, log-score) pairs;
    /// the first, empty, is that of every other letter.
    evidence: Vec<(u16, u16)>,
    entries: Vec<(LangId, f64)>,
    /// Folded, lower-case marker word -> languages it marks.
    words: WordTable,
    /// The longest marker word, in bytes: longer words are not looked up.
    longest_word: usize,
}

/// What [`Scorer`] needs of one character below [`LETTER_TABLE`], worked out once: its
/// evidence, whether it starts a capitalised word, and the bytes it adds to the word being read
/// (folded, lower-cased, UTF-8), so that a letter costs a look-up rather than Unicode's case
/// tables and an encoding. Eight bytes, so that the table is indexed with a shift.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LetterInfo {
    /// [`fold_for_language_markers`] then, in a cased script, lower-cased: the first `word_len` bytes;
    /// `word_len` is 0 when longer than 4 bytes (no letter of the table is) or not a letter.
    word: [u8; 4],
    word_len: u8,
    /// What kind of character it is, as bits of [`flag`].
    flags: u8,
    /// The script of a letter (neither [`flag::BOUNDARY`] nor [`flag::OTHER`]).
    script: Script,
    /// Its index in [`EvidenceTables::evidence`] (0 for a letter that is no evidence).
    evidence: u8,
}

impl Default for LetterInfo {
    fn default() -> LetterInfo {
        LetterInfo {
            word: [0; 4],
            word_len: 0,
            flags: flag::OTHER,
            script: Script::Other,
            evidence: 0,
        }
    }
}

/// What a character below [`LETTER_TABLE`] is, for [`Scorer::read_letters`], which takes it
/// as the cleaner would one by one (`clean::push_clean`), and whether it is upper case: one bit
/// each, so that the common case, a letter inside a word that is no evidence, is told by one
/// test of [`flag::SPECIAL`]. A character with neither [`flag::BOUNDARY`] nor [`flag::OTHER`]
/// is a letter, which the cleaner copies as it is.
mod flag {
    /// A character that only ends a word, copied as it is: spaces, punctuation, marks.
    pub const BOUNDARY: u8 = 1;
    /// Anything else, left to the cleaner: digits, which it replaces, and the kashida, which
    /// it drops (a letter with no case).
    pub const OTHER: u8 = 2;
    /// A letter that is evidence (its `evidence` is not 0).
    pub const EVIDENCE: u8 = 4;
    /// An upper-case letter ([`super::is_uppercase`]).
    pub const UPPER: u8 = 8;
    /// What a letter inside a word takes more than a count and its word bytes.
    pub const SPECIAL: u8 = BOUNDARY | OTHER | EVIDENCE;
}

impl LetterInfo {
    /// The entry of `c`, whose index among the evidence letters is `evidence` (0 for none):
    /// the definition [`LetterTable`] is built from, character by character.
    fn of(c: char, scripts: Scripts, evidence: u8) -> LetterInfo {
        let mut info = LetterInfo {
            evidence,
            ..LetterInfo::default()
        };
        let Some(script) = scripts.of(c) else {
            // As the cleaner tells them: a digit of any script is replaced.
            if !c.is_numeric() {
                info.flags = flag::BOUNDARY;
            }
            return info;
        };
        info.script = script;
        if let Some((word, len)) = LetterInfo::word_bytes(c, script) {
            (info.word, info.word_len) = (word, len);
            if c != TATWEEL {
                info.flags = 0;
                if is_uppercase(c, script) {
                    info.flags |= flag::UPPER;
                }
                if info.evidence != 0 {
                    info.flags |= flag::EVIDENCE;
                }
            }
        }
        info
    }

    /// The word bytes of `c`, worked out as [`Scorer::other_letter_slow`] does.
    fn word_bytes(c: char, script: Script) -> Option<([u8; 4], u8)> {
        let mut bytes = [0u8; 4];
        let mut len = 0;
        let folded = fold_for_language_markers(c);
        let lower: Vec<char> = if script.is_cased() {
            folded.to_lowercase().collect()
        } else {
            vec![folded]
        };
        for l in lower {
            let room = bytes.get_mut(len..len + l.len_utf8())?;
            len += l.encode_utf8(room).len();
        }
        Some((bytes, len as u8))
    }
}

/// The hash of a word of at most [`MAX_WORD_BYTES`] bytes held at the start of `buf` (what
/// follows it there is ignored), from its two 8-byte chunks: marker words are a few bytes long,
/// and most words are no marker, so the look-up must cost little more than reading the word.
/// One multiplication: its top bits, the best mixed, pick the filter bit and the home slot
/// ([`WordTable`]); every word that ends is hashed, and most of them only for the filter.
#[inline(always)]
fn word_hash(buf: &[u8; WORD_BUF_BYTES], len: usize) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let [low_mask, high_mask] = WORD_MASKS[len.min(MAX_WORD_BYTES)];
    let chunk = |at: usize| {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&buf[at..at + 8]);
        u64::from_le_bytes(chunk)
    };
    let low = chunk(0) & low_mask;
    let high = chunk(8) & high_mask;
    // Never 0, which marks an empty slot.
    ((len as u64 ^ low ^ high.rotate_left(29)).wrapping_mul(K)) | 1
}

/// Per word length up to [`MAX_WORD_BYTES`], the masks of its bytes in its first and second
/// 8-byte chunk (little-endian).
const WORD_MASKS: [[u64; 2]; MAX_WORD_BYTES + 1] = {
    let mut masks = [[0; 2]; MAX_WORD_BYTES + 1];
    let mut len = 0;
    while len <= MAX_WORD_BYTES {
        let mut byte = 0;
        while byte < len {
            masks[len][byte / 8] |= 0xFF << (8 * (byte % 8));
            byte += 1;
        }
        len += 1;
    }
    masks
};

/// The slot where probing for `hash` starts, before masking: high bits (those of a product
/// depend on more of the word), not the filter's ([`FILTER_BITS`]).
fn home_slot(hash: u64) -> usize {
    (hash >> 40) as usize
}

/// Marker words by their hash ([`word_hash`]): open addressing over a power-of-two number of
/// slots, at most a quarter full, so that a word that is no marker usually meets an empty slot
/// at once.
#[derive(Debug)]
struct WordTable {
    /// Bit `filter_bit(hash)` is set for every word's hash. Most words read are no marker,
    /// and the slots (16 bytes each, four per word) do not stay in the first-level cache
    /// beside the rest of the work: this filter of [`FILTER_BITS`] bits, a fixed size so that
    /// testing it takes no bounds check, turns most of those misses away before a slot is read.
    filter: [u64; FILTER_BITS / 64],
    /// (hash, index into `words`) per slot; hash 0 for an empty slot.
    slots: Vec<(u64, u32)>,
    words: Vec<(Box<[u8]>, Vec<LangId>)>,
}

/// Bits of the filter of a [`WordTable`]: about ten per marker word, so that fewer than one
/// non-marker in ten gets past it (a test checks), in 1 KiB.
const FILTER_BITS: usize = 8192;

impl WordTable {
    /// The table of `words` of at most [`MAX_WORD_BYTES`] bytes (a longer one could never be
    /// read).
    fn new(words: Vec<(Box<[u8]>, Vec<LangId>)>) -> WordTable {
        let words: Vec<_> = words
            .into_iter()
            .filter(|(w, _)| w.len() <= MAX_WORD_BYTES)
            .collect();
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut table = WordTable {
            filter: [0; FILTER_BITS / 64],
            slots: Vec::new(),
            words: Vec::new(),
        };
        let mut slots = vec![(0, 0); size];
        for (k, (w, _)) in words.iter().enumerate() {
            let mut buf = [0u8; WORD_BUF_BYTES];
            buf[..w.len()].copy_from_slice(w);
            let h = word_hash(&buf, w.len());
            let mut i = home_slot(h) & (size - 1);
            while slots[i].0 != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (h, k as u32);
            let bit = table.filter_bit(h);
            table.filter[bit / 64] |= 1 << (bit % 64);
        }
        table.slots = slots;
        table.words = words;
        table
    }

    /// The filter's bit for `hash`: its top bits.
    fn filter_bit(&self, hash: u64) -> usize {
        (hash >> (64 - FILTER_BITS.trailing_zeros())) as usize
    }

    /// Whether a word of hash `hash` may be a marker: false for most words that are none.
    #[inline(always)]
    fn may_hold(&self, hash: u64) -> bool {
        let bit = self.filter_bit(hash);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The languages `word`, of hash `hash`, marks; asked only of a word that passed the
    /// filter ([`WordTable::may_hold`]).
    #[inline]
    fn get(&self, word: &[u8], hash: u64) -> Option<&[LangId]> {
        let mask = self.slots.len() - 1;
        let mut i = home_slot(hash) & mask;
        loop {
            let (h, k) = self.slots[i];
            if h == 0 {
                return None;
            }
            if h == hash {
                let (w, ids) = &self.words[k as usize];
                if **w == *word {
                    return Some(ids);
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// The (language, log-score) pairs of each code point below [`LETTER_TABLE`]: its own,
/// foreign and rare letters of every language.
fn letter_evidence() -> Vec<Vec<(LangId, f64)>> {
    let mut by_letter: Vec<Vec<(LangId, f64)>> = vec![Vec::new(); LETTER_TABLE];
    for (id, lang) in LANGUAGES.iter().enumerate() {
        let own = if lang.script == Script::Latin {
            OWN_LATIN_LETTER
        } else {
            OWN_LETTER
        };
        let sets = [
            (lang.own_letters, own),
            (lang.foreign_letters, -FOREIGN_LETTER),
            (lang.rare_letters, -RARE_LETTER),
        ];
        for (set, score) in sets {
            for c in set.chars() {
                // A letter beyond the table would be silently ignored: the test
                // `every_evidence_letter_is_in_the_table` keeps that from happening.
                if let Some(slot) = by_letter.get_mut(c as usize) {
                    slot.push((id, score));
                }
            }
        }
    }
    by_letter
}

/// Whether `text` has a marker word of `lang` (folded and lower-cased as the tables read
/// them). Asked only of an answer resting on letters, which is rare: a plain scan does.
pub fn has_marker_word(text: &str, lang: LangId) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let folded: String = w
                .chars()
                .map(fold_for_language_markers)
                .flat_map(char::to_lowercase)
                .collect();
            marker_words_of(lang).any(|m| m == folded)
        })
}

/// Every marker word with the languages it marks.
fn marker_words() -> Vec<(Box<[u8]>, Vec<LangId>)> {
    let mut words: Vec<(Box<[u8]>, Vec<LangId>)> = Vec::new();
    for id in 0..LANGUAGES.len() {
        for w in marker_words_of(id) {
            match words.iter_mut().find(|(k, _)| **k == *w.as_bytes()) {
                Some((_, ids)) => ids.push(id),
                None => words.push((w.as_bytes().into(), vec![id])),
            }
        }
    }
    words
}

/// [`LetterInfo`] of every code point below [`LETTER_TABLE`], so that a letter of an article
/// costs one load rather than Unicode's script and case tables and an encoding. Indexed by
/// code point: ASCII and two-byte UTF-8 decode straight to an index.
#[derive(Debug)]
struct LetterTable(Box<[LetterInfo; LETTER_TABLE]>);

impl LetterTable {
    /// The table of [`LetterInfo::of`] for every code point, its evidence numbered by
    /// `number` from the pairs [`letter_evidence`] gives it.
    fn build(mut number: impl FnMut(&[(LangId, f64)]) -> u8) -> LetterTable {
        let scripts = Scripts::get();
        let mut letters = Box::new([LetterInfo::default(); LETTER_TABLE]);
        for ((u, list), info) in letter_evidence()
            .into_iter()
            .enumerate()
            .zip(letters.iter_mut())
        {
            let evidence = number(&list);
            if let Some(c) = char::from_u32(u as u32) {
                *info = LetterInfo::of(c, scripts, evidence);
            } else {
                info.evidence = evidence;
            }
        }
        LetterTable(letters)
    }

    /// The entry of the code point `u`; `None` beyond the table.
    #[inline(always)]
    fn get(&self, u: usize) -> Option<&LetterInfo> {
        self.0.get(u)
    }

    /// The whole table, for loops that index it with code points known to be below
    /// [`LETTER_TABLE`] (no bounds check).
    #[inline(always)]
    fn entries(&self) -> &[LetterInfo; LETTER_TABLE] {
        &self.0
    }
}

/// Per-language log-scores, indexed by [`LangId`].
pub type Scores = [f64; LANGUAGES.len()];

impl EvidenceTables {
    pub fn new() -> EvidenceTables {
        let mut evidence = vec![(0, 0)];
        let mut entries = Vec::new();
        let letters = LetterTable::build(|list| {
            if list.is_empty() {
                return 0;
            }
            // The test `evidence_letters_fit_the_table` keeps these from overflowing.
            let index = evidence.len() as u8;
            evidence.push((entries.len() as u16, (entries.len() + list.len()) as u16));
            entries.extend_from_slice(list);
            index
        });
        let words = marker_words();
        let longest_word = words.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        EvidenceTables {
            letters,
            evidence,
            entries,
            words: WordTable::new(words),
            longest_word: longest_word.min(MAX_WORD_BYTES),
        }
    }

    /// The evidence pairs of one letter.
    fn letter(&self, c: char) -> &[(LangId, f64)] {
        match self.letters.get(c as usize) {
            Some(info) => self.entries_of(info.evidence),
            None => &[],
        }
    }

    /// The evidence pairs of the letter whose index in `evidence` is `index`.
    fn entries_of(&self, index: u8) -> &[(LangId, f64)] {
        let (start, end) = self.evidence[usize::from(index)];
        &self.entries[usize::from(start)..usize::from(end)]
    }

    /// Adds the letter and word evidence found in `text` to `scores`; returns how many pieces
    /// of evidence were found.
    pub fn score(&self, text: &str, scores: &mut Scores) -> usize {
        let scripts = Scripts::get();
        let mut scorer = Scorer::new(self);
        // The characters of the table, nearly all, as the cleaner reads them (its letter counts
        // are not needed here); the others one by one.
        let mut counts = ScriptCounts::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            i = scorer.read_letters(bytes, i, &mut counts);
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            match scripts.of(c) {
                Some(script) => scorer.letter(c, script),
                None => scorer.boundary(),
            }
            i += c.len_utf8();
        }
        scorer.boundary();
        for (total, s) in scores.iter_mut().zip(scorer.scores) {
            *total += s;
        }
        scorer.found
    }
}

/// The evidence of one text gathered while it is read, letter by letter: by
/// [`EvidenceTables::score`], or by the cleaning pass for every line of an article at no second
/// walk.
pub struct Scorer<'a> {
    tables: &'a EvidenceTables,
    pub scores: Scores,
    /// Pieces of evidence found (letters and marker words).
    pub found: usize,
    /// The word being read, lower-cased and folded, and whether it is capitalised (a
    /// capitalised Latin word is often a name, "Ku Klux Klan", "Li Qiang", not a marker).
    word: WordBuf,
    in_word: bool,
    capitalised: bool,
}

impl<'a> Scorer<'a> {
    pub fn new(tables: &'a EvidenceTables) -> Scorer<'a> {
        Scorer {
            tables,
            scores: [0.0; LANGUAGES.len()],
            found: 0,
            word: WordBuf::default(),
            in_word: false,
            capitalised: false,
        }
    }

    /// The next character is the letter `c` of `script`.
    #[inline(always)]
    pub fn letter(&mut self, c: char, script: Script) {
        if c.is_ascii() {
            if !self.in_word {
                self.start_word(c.is_ascii_uppercase());
            }
            self.word.push_byte(c.to_ascii_lowercase() as u8);
            return;
        }
        self.other_letter(c, script);
    }

    /// Reads the characters from byte `at` of `bytes` (UTF-8) on, as [`Scorer::letter`] and
    /// [`Scorer::boundary`] would one by one, counting the letters in `counts`, while they are
    /// letters and word boundaries that the cleaner copies as they are ([`flag`]); returns
    /// where it stopped: the end, or a character the caller deals with (a digit, the kashida,
    /// one beyond the table). The table holds ASCII and two-byte UTF-8 (Latin, Greek,
    /// Cyrillic, Hebrew, Arabic), nearly every character of an article, so that a letter costs
    /// a decode, a look-up, one test and a store, with the word's state held in registers.
    #[inline(never)]
    pub fn read_letters(&mut self, bytes: &[u8], at: usize, counts: &mut ScriptCounts) -> usize {
        let letters = self.tables.letters.entries();
        let mut i = at;
        let mut len = self.word.len;
        let mut in_word = self.in_word;
        // Two loops, so that whether a word is being read is where the code is, not a test per
        // character.
        'text: loop {
            if in_word {
                // The letters of a word, up to the boundary that ends it.
                loop {
                    let Some((info, width)) = table_char(letters, bytes, i) else {
                        break 'text;
                    };
                    // Most letters: no evidence, no boundary, nothing left to the cleaner.
                    if info.flags & flag::SPECIAL == 0 {
                        i += width;
                        self.read_letter(info, &mut len, counts);
                        continue;
                    }
                    if info.flags & flag::OTHER != 0 {
                        break 'text;
                    }
                    i += width;
                    if info.flags & flag::BOUNDARY != 0 {
                        in_word = false;
                        // As `Scorer::boundary`.
                        if !self.capitalised {
                            self.word.len = len;
                            self.end_word();
                        }
                        break;
                    }
                    self.add_evidence(info.evidence);
                    self.read_letter(info, &mut len, counts);
                }
            }
            // Boundaries, up to the letter that starts a word.
            loop {
                let Some((info, width)) = table_char(letters, bytes, i) else {
                    break 'text;
                };
                if info.flags & flag::BOUNDARY == 0 {
                    if info.flags & flag::OTHER != 0 {
                        break 'text;
                    }
                    i += width;
                    in_word = true;
                    self.capitalised = info.flags & flag::UPPER != 0;
                    len = 0;
                    if info.flags & flag::EVIDENCE != 0 {
                        self.add_evidence(info.evidence);
                    }
                    self.read_letter(info, &mut len, counts);
                    if width == 1 {
                        // A word that starts with an ASCII letter: most often, ASCII letters
                        // follow, read at once; the word goes on letter by letter.
                        i += self.read_ascii_letters(bytes, i, &mut len, counts);
                    }
                    break;
                }
                i += width;
            }
        }
        self.in_word = in_word;
        self.word.len = len;
        i
    }

    /// One letter of [`Scorer::read_letters`]'s word, whose length so far is `len`, but for
    /// its evidence.
    #[inline(always)]
    fn read_letter(&mut self, info: &LetterInfo, len: &mut usize, counts: &mut ScriptCounts) {
        counts.add_letter(info.script);
        // As `WordBuf::push_utf8`.
        let room = WordBuf::room(*len);
        self.word.bytes[room..room + 4].copy_from_slice(&info.word);
        *len += usize::from(info.word_len);
    }

    /// Reads the ASCII letters from byte `at` of `bytes` on, eight at a time, as
    /// [`Scorer::read_letter`] would one by one, into the word whose length so far is `len`;
    /// returns how many. Every ASCII letter is a Latin letter that is no evidence, whose word
    /// byte is its lower case (a test checks the table), so that a run of them is counted,
    /// lower-cased and stored at once: Latin-script words are mostly ASCII.
    #[inline(always)]
    fn read_ascii_letters(
        &mut self,
        bytes: &[u8],
        at: usize,
        len: &mut usize,
        counts: &mut ScriptCounts,
    ) -> usize {
        let mut i = at;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            let chunk = u64::from_le_bytes(eight);
            let n = ascii_letters(chunk);
            // All 8 bytes lower-cased (as letters) and written: those after the letters go
            // beyond the word's end, where nothing is read (as in `WordBuf::push_utf8`).
            let room = WordBuf::room(*len);
            self.word.bytes[room..room + 8].copy_from_slice(&(chunk | LOWER_CASE).to_le_bytes());
            *len += n;
            i += n;
            if n < 8 {
                break;
            }
        }
        counts.add_letters(Script::Latin, i - at);
        i - at
    }

    /// Adds the evidence of one letter, whose index in [`EvidenceTables::evidence`] is `index`:
    /// its few (language, score) pairs, one addition each, in line. The most frequent evidence
    /// letters (ه ی ک ي) name one or two languages: far less work than adding a score for every
    /// language, with the same sums (adding 0 would change no score).
    #[inline(always)]
    fn add_evidence(&mut self, index: u8) {
        self.found += 1;
        for &(id, s) in self.tables.entries_of(index) {
            self.scores[id] += s;
        }
    }

    /// [`Scorer::letter`] beyond ASCII: letter evidence, and the word folded and lower-cased;
    /// from the table for the letters below [`LETTER_TABLE`] (Latin, Greek, Cyrillic, Hebrew,
    /// Arabic).
    #[inline(always)]
    fn other_letter(&mut self, c: char, script: Script) {
        let tables = self.tables;
        let Some(&LetterInfo {
            evidence,
            flags,
            word: bytes,
            word_len: len @ 1..,
            ..
        }) = tables.letters.get(c as usize)
        else {
            return self.other_letter_slow(c, script);
        };
        if !self.in_word {
            self.start_word(flags & flag::UPPER != 0);
        }
        // Most letters are no evidence: told before the entries are looked up.
        if evidence != 0 {
            self.add_evidence(evidence);
        }
        self.word.push_utf8(bytes, usize::from(len));
    }

    /// [`Scorer::other_letter`] worked out letter by letter: beyond the table, and the zero-width
    /// non-joiner.
    #[cold]
    #[inline(never)]
    fn other_letter_slow(&mut self, c: char, script: Script) {
        if c == ZWNJ {
            // A zero-width non-joiner ends a Persian word part (می‌شود).
            return self.boundary();
        }
        if !self.in_word {
            self.start_word(is_uppercase(c, script));
        }
        let entries = self.tables.letter(c);
        if !entries.is_empty() {
            self.found += 1;
            for &(id, s) in entries {
                self.scores[id] += s;
            }
        }
        if self.word.too_long() {
            return;
        }
        let c = fold_for_language_markers(c);
        if script.is_cased() {
            c.to_lowercase().for_each(|l| self.word.push(l));
        } else {
            self.word.push(c);
        }
    }

    fn start_word(&mut self, capitalised: bool) {
        self.in_word = true;
        self.capitalised = capitalised;
        self.word.clear();
    }

    /// The next character is no letter: a word, if one was being read, ends.
    #[inline(always)]
    pub fn boundary(&mut self) {
        if !std::mem::take(&mut self.in_word) || self.capitalised {
            return;
        }
        self.end_word();
    }

    /// The word just read, not capitalised, has ended: a marker word is evidence. Most words
    /// are none, told here by their length or the filter of [`WordTable`]; the look-up itself
    /// is out of line.
    #[inline(always)]
    fn end_word(&mut self) {
        let len = self.word.len;
        if len > self.tables.longest_word {
            return;
        }
        let hash = word_hash(&self.word.bytes, len);
        if self.tables.words.may_hold(hash) {
            self.marker_word(hash);
        }
    }

    /// [`Scorer::end_word`] for a word of hash `hash` that passed the filter.
    #[inline(never)]
    fn marker_word(&mut self, hash: u64) {
        let Some(word) = self.word.bytes() else {
            return;
        };
        if let Some(ids) = self.tables.words.get(word, hash) {
            for &id in ids {
                self.scores[id] += MARKER_WORD;
            }
            self.found += 1;
        }
    }
}

/// The entry of the character at byte `i` of `bytes` (UTF-8) and its width in bytes, if it is
/// in the table.
#[inline(always)]
fn table_char<'a>(
    letters: &'a [LetterInfo; LETTER_TABLE],
    bytes: &[u8],
    i: usize,
) -> Option<(&'a LetterInfo, usize)> {
    let lead = *bytes.get(i)?;
    let (u, width) = if lead < 0x80 {
        (usize::from(lead), 1)
    } else if lead < 0xE0 {
        // At a character boundary of UTF-8 a lead byte is not below 0xC0: one test tells a
        // two-byte character.
        let next = *bytes.get(i + 1)?;
        (decode_two(lead, next) as usize, 2)
    } else {
        return None;
    };
    Some((&letters[u], width))
}

/// The bit that makes an ASCII letter lower case, in each byte of a `u64`.
const LOWER_CASE: u64 = 0x2020_2020_2020_2020;

/// How many of the 8 bytes of `chunk` (little-endian: the first in the lowest bits) are ASCII
/// letters before the first that is not, tested all at once: each byte, its top bit cleared so
/// that no sum below carries into the next byte, and lower-cased, is a letter when it is from
/// `a` (it reaches 0x80 when 0x1F is added) to `z` (it does not when 0x05 is), and its top bit
/// was clear (ASCII).
#[inline(always)]
fn ascii_letters(chunk: u64) -> usize {
    const TOP: u64 = 0x8080_8080_8080_8080;
    let lower = (chunk & !TOP) | LOWER_CASE;
    let from_a = lower + 0x1F1F_1F1F_1F1F_1F1F;
    let after_z = lower + 0x0505_0505_0505_0505;
    let letters = from_a & !after_z & !chunk & TOP;
    ((!letters & TOP).trailing_zeros() / 8) as usize
}

/// The zero-width non-joiner.
const ZWNJ: char = '\u{200C}';

/// [`MAX_WORD_BYTES`] and room for the 4 bytes [`WordBuf::push_utf8`] writes at once, and the 8
/// of [`Scorer::read_ascii_letters`].
const WORD_BUF_BYTES: usize = MAX_WORD_BYTES + 8;

/// A word lower-cased and folded on the stack, kept while it is at most [`MAX_WORD_BYTES`]
/// long. Its length is counted on beyond that, so that a word too long to be a marker is told
/// by its length alone: a letter costs no test of whether the word still fits.
struct WordBuf {
    bytes: [u8; WORD_BUF_BYTES],
    /// The word's length in bytes, also beyond [`MAX_WORD_BYTES`] (where `bytes` holds no
    /// more of it).
    len: usize,
}

impl Default for WordBuf {
    fn default() -> WordBuf {
        WordBuf {
            bytes: [0; WORD_BUF_BYTES],
            len: 0,
        }
    }
}

impl WordBuf {
    fn clear(&mut self) {
        self.len = 0;
    }

    /// Where the bytes of a letter are written when the word has `len` bytes so far: at `len`
    /// while it fits, anywhere in the buffer once it is too long (those bytes are never read:
    /// a word written beyond [`MAX_WORD_BYTES`] ends longer than that). A mask rather than
    /// `len.min(MAX_WORD_BYTES)`: one instruction a letter, and no bounds check, as the buffer
    /// has 8 bytes of room beyond it (the most written at once).
    #[inline(always)]
    fn room(len: usize) -> usize {
        len & (MAX_WORD_BYTES - 1)
    }

    fn too_long(&self) -> bool {
        self.len > MAX_WORD_BYTES
    }

    fn push_byte(&mut self, b: u8) {
        if let Some(room) = self.bytes[..MAX_WORD_BYTES].get_mut(self.len) {
            *room = b;
        }
        self.len += 1;
    }

    /// Appends the first `len` of `bytes` (one letter's UTF-8): the same as pushing its
    /// characters one by one, in one store.
    #[inline(always)]
    fn push_utf8(&mut self, bytes: [u8; 4], len: usize) {
        let at = WordBuf::room(self.len);
        self.bytes[at..at + 4].copy_from_slice(&bytes);
        self.len += len;
    }

    fn push(&mut self, c: char) {
        let n = c.len_utf8();
        if let Some(room) = self.bytes[..MAX_WORD_BYTES].get_mut(self.len..self.len + n) {
            c.encode_utf8(room);
        }
        self.len += n;
    }

    fn bytes(&self) -> Option<&[u8]> {
        (!self.too_long()).then(|| &self.bytes[..self.len])
    }
}

impl Default for EvidenceTables {
    fn default() -> Self {
        EvidenceTables::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::languages::by_code;

    #[test]
    fn the_marker_filter_passes_every_marker_and_few_others() {
        let t = &EvidenceTables::new().words;
        let hash = |w: &[u8]| {
            let mut buf = [0u8; WORD_BUF_BYTES];
            buf[..w.len()].copy_from_slice(w);
            word_hash(&buf, w.len())
        };
        for (w, ids) in &t.words {
            assert_eq!(t.get(w, hash(w)), Some(&ids[..]));
        }
        let passed = (0..10_000)
            .filter(|i| {
                let w = format!("zq{i}");
                let bit = t.filter_bit(hash(w.as_bytes()));
                t.filter[bit / 64] & (1 << (bit % 64)) != 0
            })
            .count();
        assert!(
            passed < 1_000,
            "{passed} of 10,000 non-markers passed the filter"
        );
    }

    fn best(text: &str, among: &[(&str, Script)]) -> &'static str {
        let tables = EvidenceTables::new();
        let mut scores = [0.0; LANGUAGES.len()];
        tables.score(text, &mut scores);
        let ids: Vec<LangId> = among
            .iter()
            .map(|&(c, s)| by_code(c, Some(s)).unwrap())
            .collect();
        let top = ids
            .iter()
            .copied()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
            .unwrap();
        LANGUAGES[top].code
    }

    const ARABIC_SCRIPT: [(&str, Script); 5] = [
        ("ar", Script::Arabic),
        ("fa", Script::Arabic),
        ("ur", Script::Arabic),
        ("ps", Script::Arabic),
        ("ku", Script::Arabic),
    ];

    #[test]
    fn every_evidence_letter_is_in_the_table() {
        for lang in &LANGUAGES {
            for c in [lang.own_letters, lang.foreign_letters, lang.rare_letters]
                .concat()
                .chars()
            {
                assert!((c as usize) < LETTER_TABLE, "{c:?} of {}", lang.code);
            }
        }
    }

    #[test]
    fn letters_from_the_table_score_as_worked_out_one_by_one() {
        let tables = EvidenceTables::new();
        let scripts = Scripts::get();
        for u in 0x80..LETTER_TABLE as u32 {
            let Some((c, script)) = char::from_u32(u).and_then(|c| Some((c, scripts.of(c)?)))
            else {
                continue;
            };
            let (mut fast, mut slow) = (Scorer::new(&tables), Scorer::new(&tables));
            // Until the word is too long to be a marker.
            for _ in 0..=MAX_WORD_BYTES {
                fast.other_letter(c, script);
                slow.other_letter_slow(c, script);
                assert_eq!(fast.word.bytes(), slow.word.bytes(), "{c:?}");
            }
            assert_eq!(fast.scores, slow.scores, "{c:?}");
            assert_eq!(fast.found, slow.found, "{c:?}");
            assert_eq!(fast.capitalised, slow.capitalised, "{c:?}");
            assert!(fast.word.bytes().is_none());
        }
    }

    /// [`Scorer::read_letters`] against the cleaner's character by character reading: the same
    /// scores, words and counts, and it stops only at the end or at a character it leaves to
    /// the cleaner.
    #[test]
    fn read_letters_reads_as_letter_and_boundary_one_by_one() {
        let tables = EvidenceTables::new();
        for text in letter_test_texts() {
            for in_word_at_start in [false, true] {
                read_both_ways(&tables, &text, in_word_at_start);
            }
        }
    }

    /// Texts for [`read_letters_reads_as_letter_and_boundary_one_by_one`]: real-looking ones
    /// in several scripts, with digits, the kashida and presentation forms, and random runs of
    /// the words and characters where the fast path changes course.
    fn letter_test_texts() -> Vec<String> {
        let long = "ب".repeat(20);
        let words = [
            "the ",
            "and ",
            "ku ",
            "Ji ",
            "ew ",
            "der ",
            "Qualität ",
            "x",
            "1",
            ". ",
            ", ",
            "@",
            "İ",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Außenminister",
            "zZ",
            "[",
            "`",
            "{",
            " ",
            "\n",
            "قال ",
            "ة",
            "ـ",
            "ž",
            "Montag",
            "lundi ",
            "ve ",
            "bir ",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15;
        let random: Vec<String> = (0..200)
            .map(|k| crate::text::random_text(&words, 1 + k % 40, &mut state))
            .collect();
        let texts = [
            "قال الرئيس إن «الحكومة» ستواصل، في هذه المدينة التي كانت",
            "The vote was close, said the Ku Klux Klan and Li; ew ji min re got ku.",
            "Der Präsident traf am Montag den Außenminister İSTANBUL'da ÉTÉ",
            "رئيس جمهور در سفر به استان گفت كه اين مي ښځې ټولنې ڕۆژە",
            "كيفـ جائتـ 2024 و٢٠٢٤ و۱۴۰۳ ﻣﺎ ﻫﺮﻭﻗﺖ می\u{200C}شود 日本 ж ש",
            &format!("{long} {long}x aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa the"),
            "ab\u{64E}c\u{A0}d ², x",
            "",
        ];
        texts.iter().map(|t| t.to_string()).chain(random).collect()
    }

    /// The character `c` taken as the cleaner takes it, one by one: a letter of its script,
    /// counted, or a boundary.
    fn take_one(scorer: &mut Scorer, counts: &mut ScriptCounts, scripts: Scripts, c: char) {
        match scripts.of(c) {
            Some(script) => {
                counts.add_letter(script);
                scorer.letter(c, script);
            }
            None => scorer.boundary(),
        }
    }

    /// Reads `text` with [`Scorer::read_letters`] and character by character, from inside a
    /// word or not, and checks that the two agree on the word, scores, evidence and counts.
    fn read_both_ways(tables: &EvidenceTables, text: &str, in_word_at_start: bool) {
        let scripts = Scripts::get();
        let (mut fast, mut slow) = (Scorer::new(tables), Scorer::new(tables));
        let (mut fast_counts, mut slow_counts) = (ScriptCounts::default(), ScriptCounts::default());
        if in_word_at_start {
            fast.letter('a', Script::Latin);
            slow.letter('a', Script::Latin);
        }
        let mut at = 0;
        while at < text.len() {
            let end = fast.read_letters(text.as_bytes(), at, &mut fast_counts);
            for c in text[at..end].chars() {
                take_one(&mut slow, &mut slow_counts, scripts, c);
            }
            let Some(c) = text[end..].chars().next() else {
                break;
            };
            assert!(
                c as usize >= LETTER_TABLE || c == TATWEEL || c.is_numeric(),
                "{text:?}: stopped at {c:?}"
            );
            // The next character the way the cleaner takes it (one not a letter, here).
            take_one(&mut fast, &mut fast_counts, scripts, c);
            take_one(&mut slow, &mut slow_counts, scripts, c);
            at = end + c.len_utf8();
        }
        assert_eq!(fast.word.bytes(), slow.word.bytes(), "{text:?}");
        fast.boundary();
        slow.boundary();
        assert_eq!(fast.scores, slow.scores, "{text:?}");
        assert_eq!(fast.found, slow.found, "{text:?}");
        assert_eq!(fast_counts, slow_counts, "{text:?}");
    }

    #[test]
    fn every_marker_word_is_looked_up() {
        for (id, lang) in LANGUAGES.iter().enumerate() {
            for w in marker_words_of(id) {
                assert!(w.len() <= MAX_WORD_BYTES, "{w:?} of {}", lang.code);
            }
        }
    }

    /// What [`Scorer::read_ascii_letters`] takes for granted of every ASCII letter.
    #[test]
    fn ascii_letters_are_latin_no_evidence_and_their_lower_case() {
        let tables = EvidenceTables::new();
        for b in 0..0x80u8 {
            let info = &tables.letters.entries()[usize::from(b)];
            if b.is_ascii_alphabetic() {
                assert_eq!(info.flags & flag::SPECIAL, 0, "{b:?}");
                assert_eq!(info.script, Script::Latin);
                assert_eq!(info.word_len, 1);
                assert_eq!(info.word[0], b.to_ascii_lowercase());
                assert_eq!(info.word[0], b | 0x20);
            }
        }
        // The run of letters `ascii_letters` finds, against testing byte by byte.
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Mostly letters, some of every other byte.
            let mut chunk = state;
            for k in 0..8 {
                if (state >> (56 + k)) & 1 == 0 {
                    let case = ((state >> (40 + k)) as u8) & 0x20;
                    let letter = (b'A' + ((state >> (8 * k)) as u8 % 26)) | case;
                    chunk = (chunk & !(0xFF << (8 * k))) | (u64::from(letter) << (8 * k));
                }
            }
            let bytes = chunk.to_le_bytes();
            let expected = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            assert_eq!(ascii_letters(chunk), expected, "{bytes:?}");
        }
        for b in 0..=255u8 {
            let expected = usize::from(b.is_ascii_alphabetic());
            assert_eq!(ascii_letters(u64::from(b)), expected, "{b}");
            assert_eq!(
                ascii_letters(u64::from(b) * 0x0101_0101_0101_0101),
                expected * 8,
                "{b}"
            );
        }
    }

    /// Every entry of the letter table against its definition, worked out for the code point
    /// alone, and its evidence pairs against the languages' letter sets.
    #[test]
    fn letter_table_agrees_with_its_definition() {
        let tables = EvidenceTables::new();
        let scripts = Scripts::get();
        let by_letter = letter_evidence();
        for (u, info) in tables.letters.entries().iter().enumerate() {
            let c = char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
            assert_eq!(tables.letter(c), &by_letter[u][..], "{c:?}");
            if char::from_u32(u as u32).is_some() {
                assert_eq!(*info, LetterInfo::of(c, scripts, info.evidence), "{c:?}");
            }
        }
    }

    #[test]
    fn evidence_letters_fit_the_table() {
        let tables = EvidenceTables::new();
        assert!(tables.evidence.len() <= usize::from(u8::MAX) + 1);
        assert!(tables.entries.len() <= usize::from(u16::MAX));
        // ASCII letters are never looked up as evidence (`Scorer::letter`).
        assert!((0..0x80).all(|u| tables.letters.entries()[u].evidence == 0));
    }

    /// [`EvidenceTables::score`], which reads runs of letters with [`Scorer::read_letters`],
    /// against reading every character with [`Scorer::letter`] and [`Scorer::boundary`]: the
    /// same scores to the last bit, on real-looking and random text.
    #[test]
    fn score_is_reading_letter_by_letter() {
        let tables = EvidenceTables::new();
        let scripts = Scripts::get();
        let mut texts: Vec<String> = [
            "قال الرئيس إن «الحكومة» ستواصل، في هذه المدينة التي كانت",
            "The vote was close, said the Ku Klux Klan and Li; ew ji min re got ku.",
            "Der Präsident traf am Montag den Außenminister İSTANBUL'da ÉTÉ",
            "رئيس جمهور در سفر به استان گفت كه اين مي ښځې ټولنې ڕۆژە",
            "كيفـ جائتـ 2024 و٢٠٢٤ و۱۴۰۳ ﻣﺎ ﻫﺮﻭﻗﺖ می\u{200C}شود 日本 ж ש",
        ]
        .map(str::to_owned)
        .into();
        let words = [
            "the ",
            "and ",
            "ku ",
            "Ji ",
            "der ",
            "Qualität ",
            "1",
            ". ",
            "İ",
            "قال ",
            "ة",
            "ـ",
            "٣",
            "می",
            "\u{200C}",
            "که ",
            "كه ",
            "ښ",
            "日",
            "😀",
            "\n",
            "ž",
            "ve ",
            "bir ",
            "ی ",
        ];
        let mut state = 0x2545_F491_4F6C_DD1D;
        for k in 0..300 {
            texts.push(crate::text::random_text(&words, k % 60, &mut state));
        }
        for text in &texts {
            let mut fast = [0.0; LANGUAGES.len()];
            let found = tables.score(text, &mut fast);
            let mut slow = Scorer::new(&tables);
            for c in text.chars() {
                match scripts.of(c) {
                    Some(script) => slow.letter(c, script),
                    None => slow.boundary(),
                }
            }
            slow.boundary();
            assert_eq!(
                fast.map(f64::to_bits),
                slow.scores.map(f64::to_bits),
                "{text:?}"
            );
            assert_eq!(found, slow.found, "{text:?}");
        }
    }

    #[test]
    fn long_words_are_not_markers_and_do_not_panic() {
        let tables = EvidenceTables::new();
        let mut s = [0.0; LANGUAGES.len()];
        let long = "ة".repeat(40);
        assert_eq!(
            tables.score(&format!("{long} İİİİİİİİİİİİİİİİİİİİİİİİ"), &mut s),
            40 + 24 // İ, which lower-cases to two characters, is evidence against Kurmanji
        );
    }

    #[test]
    fn own_letters_point_to_their_language() {
        assert_eq!(best("ښځې د ټولنې", &ARABIC_SCRIPT), "ps");
        assert_eq!(best("پاکستان میں بارش ہوئی", &ARABIC_SCRIPT), "ur");
        assert_eq!(best("ئەو ڕۆژە", &ARABIC_SCRIPT), "ku");
        assert_eq!(best("مدينة القاهرة", &ARABIC_SCRIPT), "ar");
    }

    #[test]
    fn marker_words_match_either_spelling_of_yeh_and_kaf() {
        let tables = EvidenceTables::new();
        let fa = by_code("fa", None).unwrap();
        let mut a = [0.0; LANGUAGES.len()];
        let mut b = [0.0; LANGUAGES.len()];
        tables.score("اين كه مي", &mut a);
        tables.score("این که می", &mut b);
        assert!(a[fa] >= 3.0 * MARKER_WORD - 1.0);
        assert_eq!(a[fa] > 0.0, b[fa] > 0.0);
    }

    #[test]
    fn capitalised_latin_words_are_names_not_markers() {
        let tables = EvidenceTables::new();
        let kmr = by_code("ku", Some(Script::Latin)).unwrap();
        let mut s = [0.0; LANGUAGES.len()];
        // "Dike" and "Nav" are names here, "dike" and "nav" Kurmanji marker words.
        tables.score("the striker Dike passed to Nav", &mut s);
        assert_eq!(s[kmr], 0.0);
        tables.score("ew ji xwe re got", &mut s);
        assert!(s[kmr] >= 3.0 * MARKER_WORD);
    }

    #[test]
    fn zero_width_non_joiner_splits_persian_words() {
        let tables = EvidenceTables::new();
        let fa = by_code("fa", None).unwrap();
        let mut s = [0.0; LANGUAGES.len()];
        tables.score("می\u{200C}شود", &mut s);
        assert!(s[fa] >= MARKER_WORD);
    }
}
