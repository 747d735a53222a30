//! Normalisation for matching, in one place for every stage: NFKC, case folding, and the
//! Arabic-script letter, digit and mark forms that the same text is written with (ي/ی, ك/ک,
//! hamza forms, ZWNJ, diacritics, tatweel, ٠-٩ and ۰-۹), plus quotation marks and dashes.
//!
//! [`fold`] gives the folded string; [`for_each_folded`] and [`fold_into`] stream the folded
//! characters; [`try_fold_into`] is the duplicate detector's hot path: one pass over the UTF-8
//! bytes, one table look-up per character, no allocation. All apply the same tables,
//! [`LETTER_FORMS`], [`IGNORED`] and [`ARABIC_MARKS`], and give the same characters as NFKC
//! over the whole text followed by [`fold_char`].

use super::utf8::{decode_four, decode_three, decode_two, encode_two};
use std::sync::{LazyLock, OnceLock};

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters written in more than one form, each mapped to the one form matching uses.
/// Arabic-script letters fold to the Persian forms (ي and ى to ی, ك to ک) and hamza carriers to
/// their bare letter; Arabic-Indic and Extended Arabic-Indic digits to ASCII; the quotation
/// marks of every language to `"` and `'`; dashes to `-`; Arabic punctuation to its Latin
/// counterpart.
pub const LETTER_FORMS: &[(char, char)] = &[
    // Yeh and kaf: Arabic and Persian code points for one letter.
    ('ي', 'ی'),
    ('ى', 'ی'),
    ('ئ', 'ی'),
    ('ێ', 'ی'),
    ('ۍ', 'ی'),
    ('ك', 'ک'),
    ('ڪ', 'ک'),
    // Alef with hamza, madda or wasla; waw with hamza.
    ('أ', 'ا'),
    ('إ', 'ا'),
    ('آ', 'ا'),
    ('ٱ', 'ا'),
    ('ٲ', 'ا'),
    ('ٳ', 'ا'),
    ('ؤ', 'و'),
    // Teh marbuta and heh forms.
    ('ة', 'ه'),
    ('ۀ', 'ه'),
    ('ە', 'ه'),
    ('ھ', 'ه'),
    ('ہ', 'ه'),
    // Digits.
    ('٠', '0'),
    ('١', '1'),
    ('٢', '2'),
    ('٣', '3'),
    ('٤', '4'),
    ('٥', '5'),
    ('٦', '6'),
    ('٧', '7'),
    ('٨', '8'),
    ('٩', '9'),
    ('۰', '0'),
    ('۱', '1'),
    ('۲', '2'),
    ('۳', '3'),
    ('۴', '4'),
    ('۵', '5'),
    ('۶', '6'),
    ('۷', '7'),
    ('۸', '8'),
    ('۹', '9'),
    // Arabic punctuation.
    ('،', ','),
    ('؛', ';'),
    ('؟', '?'),
    ('٫', '.'),
    ('٬', ','),
    ('٪', '%'),
    ('۔', '.'),
    // Quotation marks.
    ('«', '"'),
    ('»', '"'),
    ('“', '"'),
    ('”', '"'),
    ('„', '"'),
    ('‟', '"'),
    ('″', '"'),
    ('‹', '\''),
    ('›', '\''),
    ('‘', '\''),
    ('’', '\''),
    ('‚', '\''),
    ('‛', '\''),
    ('′', '\''),
    ('´', '\''),
    // Dashes.
    ('‐', '-'),
    ('‑', '-'),
    ('‒', '-'),
    ('–', '-'),
    ('—', '-'),
    ('―', '-'),
    ('−', '-'),
    // Spaces that NFKC makes plain (as NFKC would; listed so that the table says it too).
    ('\u{00A0}', ' '),
    ('\u{2002}', ' '),
    ('\u{2003}', ' '),
    ('\u{2004}', ' '),
    ('\u{2005}', ' '),
    ('\u{2006}', ' '),
    ('\u{2007}', ' '),
    ('\u{2008}', ' '),
    ('\u{2009}', ' '),
    ('\u{200A}', ' '),
    ('\u{202F}', ' '),
    // Case folding beyond lower case (ß folds to "ss", see [`fold_char`]).
    ('ς', 'σ'),
];

/// Characters that change nothing a reader sees and are left out: tatweel, the zero-width
/// (non-)joiners, directional marks and isolates, the byte-order mark, the soft hyphen and the
/// standalone hamza (written or left out in the same word).
pub const IGNORED: &[char] = &[
    '\u{0640}', // tatweel
    '\u{200B}', // zero-width space
    '\u{200C}', // ZWNJ
    '\u{200D}', // ZWJ
    '\u{200E}', // LRM
    '\u{200F}', // RLM
    '\u{061C}', // ALM
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', // embeddings, overrides
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // isolates
    '\u{FEFF}', // BOM
    '\u{00AD}', // soft hyphen
    'ء',        // standalone hamza
];

/// Arabic-script diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks),
/// left out, as ranges of code points.
pub const ARABIC_MARKS: &[(char, char)] = &[
    ('\u{0610}', '\u{061A}'),
    ('\u{064B}', '\u{065F}'),
    ('\u{0670}', '\u{0670}'),
    ('\u{06D6}', '\u{06DC}'),
    ('\u{06DF}', '\u{06E4}'),
    ('\u{06E7}', '\u{06E8}'),
    ('\u{06EA}', '\u{06ED}'),
];

/// The letter `ß` folds to "ss": the one entry of [`LETTER_FORMS`] that stands for two letters.
const SHARP_S: char = 'ß';

/// The text folded for comparison: NFKC, lower case, one form per letter, digit and mark.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_folded(text, |c| out.push(c));
    out
}

/// Calls `f` with each character of the folded text, in order.
pub fn for_each_folded(text: &str, mut f: impl FnMut(char)) {
    for_each_folded_word_char(text, |c, _| f(c));
}

/// Receives the folded text one character at a time, as its code point (always that of a
/// `char`: the hot path reads it from the fold table and skips re-checking it), with whether
/// the character belongs to a word ([`is_word_char`]).
pub trait FoldSink {
    fn push(&mut self, c: u32, word_char: bool);

    /// A run of ASCII letters and digits (most of a Latin-script word), at least one: the
    /// characters [`AsciiWord::next_char`] or [`AsciiWord::fold_into`] give. The same as
    /// pushing each as a word character; [`try_fold_into`] hands such runs over at once.
    #[inline]
    fn push_ascii_word(&mut self, run: &mut AsciiWord) {
        while let Some(c) = run.next_char() {
            self.push(u32::from(c), true);
        }
    }

    /// A run of two-byte characters that each fold to one two-byte word character (most of
    /// an Arabic or Persian word), at least one: the characters [`TwoByteWord::next_char`] or
    /// [`TwoByteWord::fold_into`] give. The same as pushing each as a word character;
    /// [`try_fold_into`] hands such runs over at once so that a sink can keep its state in
    /// registers for the whole run.
    #[inline]
    fn push_two_byte_word(&mut self, run: &mut TwoByteWord) {
        while let Some(c) = run.next_char() {
            self.push(c, true);
        }
    }
}

/// A run of ASCII letters and digits ([`FoldSink::push_ascii_word`]), folded to lower case
/// ([`fold_ascii`]) as it is read.
pub struct AsciiWord<'a> {
    bytes: &'a [u8],
    /// Where the next character starts.
    at: usize,
}

impl AsciiWord<'_> {
    /// The next character of the run, folded, or `None` where the run ends.
    #[inline(always)]
    pub fn next_char(&mut self) -> Option<u8> {
        let c = fold_ascii(*self.bytes.get(self.at)?);
        if c == 0 {
            return None;
        }
        self.at += 1;
        Some(c)
    }

    /// Folds the run on into `out` as far as it has room, each folded character also given
    /// to `f`. Returns the bytes written: fewer than `out.len()` where the run ended.
    ///
    /// What [`AsciiWord::next_char`] gives, in one loop with a single bound that finds the
    /// run's end as it folds (rather than measuring the run first).
    #[inline(always)]
    pub fn fold_into(&mut self, out: &mut [u8], mut f: impl FnMut(u8)) -> usize {
        let mut written = 0;
        for (o, &b) in out.iter_mut().zip(&self.bytes[self.at..]) {
            let c = fold_ascii(b);
            if c == 0 {
                break;
            }
            *o = c;
            f(c);
            written += 1;
        }
        self.at += written;
        written
    }
}

/// A run of two-byte characters (U+0080-U+07FF) that fold to two-byte word characters
/// ([`FoldSink::push_two_byte_word`]): as many bytes of folded text come out as went in.
pub struct TwoByteWord<'a> {
    bytes: &'a [u8],
    /// Where the next character starts.
    at: usize,
    two: &'a [u32; TWO],
}

impl TwoByteWord<'_> {
    /// The next character of the run, folded (its code point), or `None` where the run ends
    /// (a character of another length, or one that folds otherwise).
    #[inline(always)]
    pub fn next_char(&mut self) -> Option<u32> {
        let &[b, b1, ..] = self.bytes.get(self.at..)? else {
            return None;
        };
        let t = self.entry(b, b1)?;
        self.at += 2;
        Some(t >> 16)
    }

    /// The [`FoldTable::two`] entry of the character starting with `b`, `b1` if it
    /// continues the run.
    #[inline(always)]
    fn entry(&self, b: u8, b1: u8) -> Option<u32> {
        // Out of the table unless `b` is a two-byte lead: no test of its own.
        let t = *self.two.get(two_byte_index(b, b1))?;
        (t != 0).then_some(t)
    }

    /// Folds the run on into `out` as far as it has room: the UTF-8 of each folded character
    /// (two bytes, as many as were read), whose code point is also given to `f`. Returns the
    /// bytes written: fewer than `out.len()` rounded down to even where the run ended.
    ///
    /// What [`TwoByteWord::next_char`] gives, in one loop that walks input and output pair by
    /// pair with a single bound, the bytes to write read from the table: most of an Arabic or
    /// Persian text's cost.
    #[inline(always)]
    pub fn fold_into(&mut self, out: &mut [u8], mut f: impl FnMut(u32)) -> usize {
        let mut written = 0;
        let (out, _) = out.as_chunks_mut::<2>();
        let (input, _) = self.bytes[self.at..].as_chunks::<2>();
        for (o, &[b, b1]) in out.iter_mut().zip(input) {
            let Some(t) = self.entry(b, b1) else {
                break;
            };
            *o = (t as u16).to_le_bytes();
            f(t >> 16);
            written += 2;
        }
        self.at += written;
        written
    }
}

/// The index in [`FoldTable::two`] of the character of valid UTF-8 starting with `b`, `b1`:
/// the two bytes as one big-endian number less C0 80, so (b - C0) × 256 + (b1 - 80), below
/// [`TWO`] exactly when `b` is a two-byte lead. An ASCII `b` wraps below zero to a huge
/// index, and a longer character's lead (E0 and above) gives at least 0xE000 - 0xC080.
/// Reading the bytes as one number costs less than decoding the code point.
#[inline(always)]
fn two_byte_index(b: u8, b1: u8) -> usize {
    u32::from(u16::from_be_bytes([b, b1])).wrapping_sub(0xC080) as usize
}

/// Entries of [`FoldTable::two`]: one past the index of DF BF (U+07FF).
const TWO: usize = 0x1F40;

/// A closure as a [`FoldSink`].
struct FnSink<F>(F);

impl<F: FnMut(char, bool)> FoldSink for FnSink<F> {
    #[inline(always)]
    fn push(&mut self, c: u32, word_char: bool) {
        (self.0)(unpack(c), word_char)
    }
}

/// As [`for_each_folded`], also saying whether each folded character belongs to a word.
pub fn for_each_folded_word_char(text: &str, f: impl FnMut(char, bool)) {
    fold_into(text, &mut FnSink(f));
}

/// Folds `text` into `sink`. Characters NFKC leaves alone are folded one at a time through
/// [`FOLD_TABLE`]; only the short runs around a character that NFKC could change (from the
/// last starter before it to the next stable starter after it) go through NFKC, which gives
/// the same characters as NFKC over the whole text.
pub fn fold_into(text: &str, sink: &mut impl FoldSink) {
    let table = &*FOLD_TABLE;
    let mut rest = text;
    while !rest.is_empty() {
        let Some((slow, c)) = rest.char_indices().find(|&(_, c)| table.get(c) & SLOW != 0) else {
            fold_run(table, rest, sink);
            return;
        };
        // A mark after the slow character may compose with the starter before it, and marks
        // are reordered up to the next starter: that whole run goes through NFKC.
        let start = rest[..slow]
            .char_indices()
            .rev()
            .find(|&(_, c)| canonical_combining_class(c) == 0)
            .map_or(0, |(i, _)| i);
        let after = slow + c.len_utf8();
        let end = rest[after..]
            .char_indices()
            .find(|&(_, c)| table.get(c) & SLOW == 0 && canonical_combining_class(c) == 0)
            .map_or(rest.len(), |(i, _)| after + i);
        fold_run(table, &rest[..start], sink);
        for c in rest[start..end].nfkc() {
            fold_char(c, &mut |o| sink.push(o as u32, is_word_char(o)));
        }
        rest = &rest[end..];
    }
}

/// The duplicate detector's hot path: [`fold_into`] in one pass, for text in which NFKC
/// changes nothing (nearly all text). Returns `false` at the first character that NFKC could
/// change, having pushed the folded text before it: the caller starts again with
/// [`fold_into`].
#[inline]
pub fn try_fold_into(text: &str, sink: &mut impl FoldSink) -> bool {
    let table = &*FOLD_TABLE;
    let low = &*table.low;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // UTF-8 decoded by hand: the text is valid, so the continuation bytes are there.
        let (c, e) = if b < 0x80 {
            if fold_ascii(b) != 0 {
                let mut run = AsciiWord { bytes, at: i };
                sink.push_ascii_word(&mut run);
                i = run.at;
                continue;
            }
            // Other ASCII folds to itself, outside words (a test checks the table says so).
            i += 1;
            sink.push(u32::from(b), false);
            continue;
        } else if b < 0xE0 {
            let c = decode_two(b, bytes[i + 1]);
            let e = low[c as usize & (LOW - 1)];
            if e & TWO_BYTE_WORD != 0 {
                // The run starts with this character: the sink reads it again.
                let mut run = TwoByteWord {
                    bytes,
                    at: i,
                    two: &table.two,
                };
                sink.push_two_byte_word(&mut run);
                i = run.at;
                continue;
            }
            i += 2;
            (c, e)
        } else if b < 0xF0 {
            let c = decode_three(b, bytes[i + 1], bytes[i + 2]);
            i += 3;
            (c, table.bmp(c))
        } else {
            let c = decode_four(b, bytes[i + 1], bytes[i + 2], bytes[i + 3]);
            i += 4;
            (c, classify_code(c))
        };
        if e & SPECIAL == 0 {
            sink.push(e & CHAR_BITS, e & WORD != 0);
        } else if e & SLOW != 0 {
            return false;
        } else if let Some(c) = char::from_u32(c) {
            fold_special(e, c, sink);
        }
    }
    true
}

/// An ASCII letter or digit folded (its lower case), 0 for any other byte: what folding does
/// to the word characters of ASCII, as one table look-up.
#[inline(always)]
pub fn fold_ascii(b: u8) -> u8 {
    ASCII_WORD.get(b)
}

/// [`fold_ascii`] for every byte: a word character's test and its fold in one load, for the
/// loops that copy runs of ASCII words.
struct AsciiWordFold([u8; 256]);

impl AsciiWordFold {
    const fn build() -> AsciiWordFold {
        AsciiWordFold(super::byte_table!(ascii_word_rule))
    }

    #[inline(always)]
    fn get(&self, b: u8) -> u8 {
        self.0[usize::from(b)]
    }
}

/// The definition [`ASCII_WORD`] is built from: an ASCII letter or digit lower-cased, else 0.
const fn ascii_word_rule(b: u8) -> u8 {
    if b.is_ascii_alphanumeric() {
        b.to_ascii_lowercase()
    } else {
        0
    }
}

static ASCII_WORD: AsciiWordFold = AsciiWordFold::build();

/// Folds a run of text that holds no [`SLOW`] character.
#[inline]
fn fold_run(table: &FoldTable, run: &str, sink: &mut impl FoldSink) {
    for c in run.chars() {
        let e = table.get(c);
        if e & SPECIAL == 0 {
            sink.push(e & CHAR_BITS, e & WORD != 0);
        } else {
            debug_assert!(e & SLOW == 0);
            fold_special(e, c, sink);
        }
    }
}

/// A character that folds to nothing or to several characters.
#[cold]
fn fold_special(e: u32, c: char, sink: &mut impl FoldSink) {
    let mut push = |o: char| sink.push(o as u32, is_word_char(o));
    if e & DROP != 0 {
    } else if e & COMPATIBILITY != 0 {
        for d in std::iter::once(c).nfkc() {
            fold_char(d, &mut push);
        }
    } else {
        fold_char(c, &mut push);
    }
}

/// The folded character of an entry or of a code point a [`FoldSink`] received (both come
/// from characters: never the replacement).
#[inline]
fn unpack(e: u32) -> char {
    char::from_u32(e & CHAR_BITS).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// What folding does to each character, as a `u32`: the character it folds to (bits 0-20)
/// and the flags below.
const CHAR_BITS: u32 = 0x1F_FFFF;
/// The folded character belongs to a word.
const WORD: u32 = 1 << 24;
/// Folds to nothing (marks, tatweel, ZWNJ, …).
const DROP: u32 = 1 << 25;
/// NFKC could change the character, or reorder it with its neighbours: its run goes through
/// NFKC.
const SLOW: u32 = 1 << 26;
/// Folds to more than one character (ß, İ, …): [`fold_char`] is asked.
const SEVERAL: u32 = 1 << 27;
/// With [`SEVERAL`]: NFKC is applied to the character alone first (…, ﬁ).
const COMPATIBILITY: u32 = 1 << 28;
/// Folds to one word character of two UTF-8 bytes (U+0080-U+07FF), with none of the flags
/// above: such characters are folded by runs ([`TwoByteWord`]).
const TWO_BYTE_WORD: u32 = 1 << 29;
const SPECIAL: u32 = DROP | SLOW | SEVERAL;

/// Code points per page of [`FoldTable`].
const PAGE_BITS: u32 = 7;
const PAGE: usize = 1 << PAGE_BITS;
const PAGE_MASK: u32 = PAGE as u32 - 1;
const BMP_PAGES: usize = 0x10000 >> PAGE_BITS;

/// [`fold_char`] and [`is_word_char`] for the characters of the Basic Multilingual Plane, each
/// computed once: U+0000-U+07FF (one- and two-byte UTF-8: Latin, Greek, Cyrillic, Hebrew,
/// Arabic) on first use, the rest by pages of 128 code points, each page when one of its
/// characters is first met. A text meets few pages (punctuation, the odd symbol): building all
/// 512 at start-up would cost more than folding thousands of articles. Characters beyond the
/// BMP are computed when met.
struct FoldTable {
    low: Box<[u32; LOW]>,
    /// For the [`TWO_BYTE_WORD`] entries of `low`, what [`TwoByteWord`] needs, so that it
    /// need not compute it per character: the folded character's UTF-8 (bits 0-15, first
    /// byte lowest, stored as it is) and the character (bits 16-31); 0 for the other
    /// characters. Indexed by the UTF-8
    /// bytes ([`two_byte_index`]), so only a quarter of the entries stand for a character
    /// (a second byte of 80-BF of each 256): 32 KB, of which Arabic and Persian text touches
    /// 1 KB.
    two: Box<[u32; TWO]>,
    /// The pages of the BMP (those below [`LOW`] are never asked for).
    pages: Box<[OnceLock<Box<[u32; PAGE]>>]>,
}

/// Code points in [`FoldTable::low`].
const LOW: usize = 0x800;

/// Built from [`LETTER_FORMS`], [`IGNORED`] and [`ARABIC_MARKS`] (through [`fold_char`]) on
/// first use.
static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(FoldTable::build);

impl FoldTable {
    fn build() -> FoldTable {
        let mut low = Box::new([0u32; LOW]);
        for (i, e) in low.iter_mut().enumerate() {
            *e = classify_code(i as u32);
        }
        let mut two = Box::new([0u32; TWO]);
        for (code, &e) in low.iter().enumerate().skip(0x80) {
            if e & TWO_BYTE_WORD != 0 {
                let [lead, next] = encode_two(code as u32);
                let index = two_byte_index(lead, next);
                let c = e & CHAR_BITS;
                let utf8 = u16::from_le_bytes(encode_two(c));
                two[index] = u32::from(utf8) | c << 16;
            }
        }
        FoldTable {
            low,
            two,
            pages: (0..BMP_PAGES).map(|_| OnceLock::new()).collect(),
        }
    }

    #[inline]
    fn get(&self, c: char) -> u32 {
        let i = c as u32;
        if i < 0x10000 {
            self.bmp(i)
        } else {
            classify(c)
        }
    }

    /// The entry of a code point below U+10000.
    #[inline]
    fn bmp(&self, i: u32) -> u32 {
        if (i as usize) < LOW {
            return self.low[i as usize];
        }
        let p = (i >> PAGE_BITS) as usize & (BMP_PAGES - 1);
        self.pages[p].get_or_init(|| build_page(p))[(i & PAGE_MASK) as usize]
    }
}

/// The entries of BMP page `p`.
#[cold]
fn build_page(p: usize) -> Box<[u32; PAGE]> {
    let first = (p as u32) << PAGE_BITS;
    Box::new(std::array::from_fn(|k| classify_code(first + k as u32)))
}

/// [`classify`] of a code point; a surrogate (no character) is [`SLOW`], never met in a `str`.
fn classify_code(i: u32) -> u32 {
    char::from_u32(i).map_or(SLOW, classify)
}

/// The [`FoldTable`] entry of one character.
fn classify(c: char) -> u32 {
    let is_stable = |d: char| is_nfkc_quick(std::iter::once(d)) == IsNormalized::Yes;
    let stable = is_stable(c);
    let starter = canonical_combining_class(c) == 0;
    // A compatibility character (ellipsis, ligature, presentation form, odd space, …) that
    // NFKC turns into stable starters: nothing composes with them or is reordered past them,
    // so the character folds the same on its own as within the text.
    let alone = !stable
        && starter
        && is_nfkc_quick(std::iter::once(c)) == IsNormalized::No
        && std::iter::once(c)
            .nfkc()
            .all(|d| is_stable(d) && canonical_combining_class(d) == 0);
    if !stable && !alone {
        return SLOW;
    }
    // The folded characters: how many, and the first.
    let (mut count, mut first) = (0, '\0');
    let mut fold = |o| {
        if count == 0 {
            first = o;
        }
        count += 1;
    };
    if stable {
        // NFKC leaves the character as it is.
        fold_char(c, &mut fold);
    } else {
        for d in std::iter::once(c).nfkc() {
            fold_char(d, &mut fold);
        }
    }
    match count {
        // A mark that is kept: NFKC puts marks in canonical order, so its run is sent there.
        1.. if !starter => SLOW,
        0 => DROP,
        1 if is_word_char(first) && first.len_utf8() == 2 => first as u32 | WORD | TWO_BYTE_WORD,
        1 => first as u32 | if is_word_char(first) { WORD } else { 0 },
        _ if alone => SEVERAL | COMPATIBILITY,
        _ => SEVERAL,
    }
}

/// Whether `c` belongs to a word (a letter, mark or digit): by range for ASCII and the Arabic
/// block, by the Unicode tables elsewhere.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let i = c as u32;
    if i < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if (0x0600..=0x06FF).contains(&i) {
        // Letters 0621-064A, 066E-06D3, 06D5, 06EE-06FF; digits 0660-0669 and 06F0-06F9
        // (folded away before this is asked, but words all the same).
        return (0x0621..=0x064A).contains(&i)
            || (0x0660..=0x0669).contains(&i)
            || (0x066E..=0x06D3).contains(&i)
            || i == 0x06D5
            || (0x06EE..=0x06FF).contains(&i);
    }
    c.is_alphanumeric()
}

/// One character of NFKC text, folded: none, one or (for case folding) more characters.
#[inline]
pub fn fold_char(c: char, f: &mut impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
        return;
    }
    if is_caseless_script(c) || c.is_lowercase() || !c.is_uppercase() {
        fold_lower(c, f);
    } else {
        for l in c.to_lowercase() {
            fold_lower(l, f);
        }
    }
}

/// The first and last code points the tables cover, in two blocks (Latin-1 to Arabic;
/// General Punctuation and the minus sign) plus the byte-order mark.
const BLOCK_A: (u32, u32) = (0x00A0, 0x06FF);
const BLOCK_B: (u32, u32) = (0x2000, 0x2212);
const FORM_KEEP: u32 = 0;
const FORM_DROP: u32 = u32::MAX;

/// What folding does to a character beyond ASCII by [`LETTER_FORMS`], [`IGNORED`] and
/// [`ARABIC_MARKS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// None of the lists names it.
    Keep,
    /// Left out: an ignored character or an Arabic mark.
    Drop,
    /// Written as this letter.
    To(char),
}

/// [`LETTER_FORMS`], [`IGNORED`] and [`ARABIC_MARKS`] as one dense look-up over the two
/// blocks, built once from the lists, so that a character is one load instead of three
/// searches. Mechanism: one `u32` per code point of the blocks: [`FORM_KEEP`], [`FORM_DROP`]
/// or the code point it is written as. [`form_by_search`] is the definition it is tested
/// against.
struct FormTable(Vec<u32>);

impl FormTable {
    fn build() -> FormTable {
        let a_len = (BLOCK_A.1 - BLOCK_A.0 + 1) as usize;
        let b_len = (BLOCK_B.1 - BLOCK_B.0 + 1) as usize;
        let mut t = vec![FORM_KEEP; a_len + b_len];
        let index = |c: char| lookup_index(c as u32).expect("table entries lie in the blocks");
        for &(from, to) in LETTER_FORMS {
            t[index(from)] = to as u32;
        }
        for &(a, b) in ARABIC_MARKS {
            for c in a..=b {
                t[index(c)] = FORM_DROP;
            }
        }
        for &c in IGNORED {
            if c != '\u{FEFF}' {
                t[index(c)] = FORM_DROP;
            }
        }
        FormTable(t)
    }

    /// The form of `c` (not ASCII, not the byte-order mark).
    #[inline]
    fn get(&self, c: char) -> Form {
        match lookup_index(c as u32).map(|i| self.0[i]) {
            None | Some(FORM_KEEP) => Form::Keep,
            Some(FORM_DROP) => Form::Drop,
            Some(to) => Form::To(char::from_u32(to).unwrap_or(c)),
        }
    }
}

static FORMS: LazyLock<FormTable> = LazyLock::new(FormTable::build);

/// [`FormTable::get`] by searching the lists: the slow definition the table is tested
/// against (ignored characters and marks before letter forms, the last letter form first).
#[cfg(test)]
fn form_by_search(c: char) -> Form {
    if (c != '\u{FEFF}' && IGNORED.contains(&c))
        || ARABIC_MARKS.iter().any(|&(a, b)| (a..=b).contains(&c))
    {
        return Form::Drop;
    }
    LETTER_FORMS
        .iter()
        .rev()
        .find(|&&(from, _)| from == c)
        .map_or(Form::Keep, |&(_, to)| Form::To(to))
}

#[inline]
fn lookup_index(i: u32) -> Option<usize> {
    if (BLOCK_A.0..=BLOCK_A.1).contains(&i) {
        Some((i - BLOCK_A.0) as usize)
    } else if (BLOCK_B.0..=BLOCK_B.1).contains(&i) {
        Some((BLOCK_A.1 - BLOCK_A.0 + 1 + i - BLOCK_B.0) as usize)
    } else {
        None
    }
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms have no case: no
/// need to ask the case tables.
#[inline]
fn is_caseless_script(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[inline]
fn fold_lower(c: char, f: &mut impl FnMut(char)) {
    if c.is_ascii() {
        f(c);
        return;
    }
    if c == SHARP_S {
        f('s');
        f('s');
        return;
    }
    if c == '\u{FEFF}' {
        return;
    }
    match FORMS.get(c) {
        Form::Keep => f(c),
        Form::Drop => {}
        Form::To(to) => f(to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_table_agrees_with_the_lists_on_every_char() {
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            if c != '\u{FEFF}' {
                assert_eq!(FORMS.get(c), form_by_search(c), "{c:?}");
            }
        }
    }

    #[test]
    fn ascii_word_table_agrees_with_its_rule_on_every_byte() {
        for b in 0..=255u8 {
            assert_eq!(fold_ascii(b), ascii_word_rule(b), "{b}");
        }
    }

    #[test]
    fn arabic_and_persian_yeh_and_kaf_fold_together() {
        assert_eq!(fold("علي كتاب"), fold("علی کتاب"));
    }

    #[test]
    fn hamza_forms_fold_to_the_bare_letter() {
        assert_eq!(fold("أحمد إيران آمن مؤتمر"), fold("احمد ایران امن موتمر"));
    }

    #[test]
    fn diacritics_tatweel_and_zwnj_are_left_out() {
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("الـــعراق"), "العراق");
        assert_eq!(fold("می‌رود"), fold("میرود"));
    }

    #[test]
    fn digits_of_every_script_fold_to_ascii() {
        assert_eq!(fold("٢٠٢٣ ۱۴۰۲ 2023"), "2023 1402 2023");
    }

    #[test]
    fn quotation_marks_fold_to_ascii() {
        assert_eq!(fold("«a» “b” „c“ ‘d’"), "\"a\" \"b\" \"c\" 'd'");
    }

    #[test]
    fn nfkc_and_case_are_folded() {
        assert_eq!(fold("ＡＢＣ ﬁ Straße"), "abc fi strasse");
        // Arabic presentation forms are compatibility characters.
        assert_eq!(fold("\u{FEDF}\u{FEE0}\u{FEEA}"), fold("لله"));
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc() {
        for t in [
            "a\u{00A0}b\u{2002}c\u{2008}d\u{202F}e",
            "قال\u{00A0}الرئيس",
            "x\u{2007}1",
        ] {
            let slow: String = t.nfkc().collect::<String>();
            assert_eq!(fold(t), fold(&slow), "{t:?}");
        }
    }

    /// NFKC over the whole text, then [`fold_char`]: what [`fold`] must equal.
    fn fold_by_whole_text_nfkc(t: &str) -> String {
        let mut out = String::new();
        for c in t.nfkc() {
            fold_char(c, &mut |o| out.push(o));
        }
        out
    }

    #[test]
    fn folding_by_runs_agrees_with_nfkc_of_the_whole_text() {
        // Starters that compose with the marks after them, marks out of canonical order,
        // compatibility characters, dropped marks, letters that fold to two.
        let alphabet: Vec<char> =
            "aeoA ا و ی ي ك ه ة\u{0653}\u{0654}\u{0655}\u{064E}\u{0651}\u{0650}\
             \u{0301}\u{0300}\u{0316}\u{0327}\u{05B0}\u{05B8}\u{0591}\u{0675}\u{FEDF}\u{FEFC}\
             \u{2026}\u{00A0}\u{2000}\u{3000}\u{00B4}\u{2033}ßİΣς\u{1100}\u{1161}\u{11A8}가\
             \u{FB01}Ａ\u{0640}\u{200C}\u{00AD}«»—٣۴\u{1D400}é\u{212B}\u{0344}\u{0F73}\
             \u{00BD}\u{2474}\u{FDFA}\u{FE8E}\u{FB50}\u{1E9B}\u{0385}\u{2126}\u{0F77}\u{3300}\
             \u{FE70}\u{FC5E}\u{0132}\u{01C4}\u{1F80}\u{2460}\u{00B8}\u{02DC}"
                .chars()
                .collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let len = (x % 12) as usize + 1;
            let t = crate::text::random_text(&alphabet, len, &mut x);
            assert_eq!(fold(&t), fold_by_whole_text_nfkc(&t), "{t:?}");
            let mut words = String::new();
            for_each_folded_word_char(&t, |c, w| {
                assert_eq!(w, is_word_char(c));
                words.push(c);
            });
            assert_eq!(words, fold(&t));
        }
    }

    #[test]
    fn the_one_pass_path_gives_up_only_where_nfkc_could_change_the_text() {
        struct Collect(String);
        impl FoldSink for Collect {
            fn push(&mut self, c: u32, _: bool) {
                self.0.push(unpack(c));
            }
        }
        let mut out = Collect(String::new());
        assert!(try_fold_into(
            "«خبرگزاری فارس»: رئيس‌جمهور ١٤٠٢ — Die Straße",
            &mut out
        ));
        assert_eq!(out.0, fold("«خبرگزاری فارس»: رئيس‌جمهور ١٤٠٢ — Die Straße"));
        // Compatibility characters that fold alone stay on it: the ellipsis, a presentation
        // form, a ligature, NBSP.
        let mut out = Collect(String::new());
        assert!(try_fold_into(
            "wait\u{2026} \u{FEDF}\u{FB01}\u{00A0}x",
            &mut out
        ));
        assert_eq!(out.0, "wait... لfi x");
        // A mark that composes with the letter before it does not.
        assert!(!try_fold_into("cafe\u{0301}", &mut Collect(String::new())));
        assert!(!try_fold_into(
            "\u{0627}\u{0653}",
            &mut Collect(String::new())
        ));
    }

    #[test]
    fn ascii_other_than_letters_and_digits_folds_to_itself_outside_words() {
        for b in (0..0x80u8).filter(|b| fold_ascii(*b) == 0) {
            assert_eq!(FOLD_TABLE.low[b as usize], u32::from(b), "{b:#x}");
        }
    }

    #[test]
    fn the_two_byte_table_agrees_with_the_fold_table() {
        let table = &*FOLD_TABLE;
        let mut utf8 = [0u8; 4];
        let mut entries = 0;
        for (i, &e) in table.low.iter().enumerate().skip(0x80) {
            let bytes = char::from_u32(i as u32)
                .unwrap()
                .encode_utf8(&mut utf8)
                .as_bytes();
            let t = table.two[two_byte_index(bytes[0], bytes[1])];
            if e & TWO_BYTE_WORD == 0 {
                assert_eq!(t, 0, "U+{i:04X}");
                continue;
            }
            entries += 1;
            assert_eq!(unpack(e).encode_utf8(&mut utf8).len(), 2, "U+{i:04X}");
            assert_eq!(t >> 16, e & CHAR_BITS, "U+{i:04X}");
            assert_eq!(
                t & 0xFFFF,
                u32::from(u16::from_le_bytes([utf8[0], utf8[1]]))
            );
        }
        // No entry where no character is.
        assert_eq!(table.two.iter().filter(|&&t| t != 0).count(), entries);
    }

    #[test]
    fn two_byte_index_is_in_the_table_only_for_two_byte_characters() {
        let mut utf8 = [0u8; 4];
        let mut indices = std::collections::HashSet::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut utf8).as_bytes();
            if let [b] = *s {
                // After an ASCII character, any byte may follow.
                for b1 in 0..=255 {
                    assert!(two_byte_index(b, b1) >= TWO, "{c:?} {b1:#x}");
                }
            } else {
                let index = two_byte_index(s[0], s[1]);
                assert_eq!(index < TWO, s.len() == 2, "{c:?}");
                assert!(s.len() != 2 || indices.insert(index), "{c:?}");
            }
        }
    }

    /// Pieces of text for [`folding_runs_by_loops_agrees_with_folding_them_by_characters`]:
    /// letters that fold, marks left out, runs of one and two bytes and their edges.
    const RUN_ALPHABET: &[&str] = &[
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
        "\u{640}",
        "\u{200C}",
        "«",
        "—",
        "é",
        "ß",
        "Ω",
        "ж",
        "a",
        "Z",
        "7",
        " ",
        "\n",
        ".",
        "\u{A0}",
        "ﻟ",
        "word",
        "بببببببببب",
        "Straße",
        "ÄÖÜ",
        "\u{7FF}",
        "\u{80}",
    ];

    /// A sink that takes the runs of [`try_fold_into`] through their `fold_into` loops, into
    /// a buffer of `room` bytes (as the fingerprint's), against [`fold`].
    #[test]
    fn folding_runs_by_loops_agrees_with_folding_them_by_characters() {
        struct ByRuns {
            out: String,
            room: usize,
        }
        impl ByRuns {
            /// Takes a run of characters of `unit` bytes, a buffer at a time.
            fn take(
                &mut self,
                unit: usize,
                mut fold: impl FnMut(&mut [u8], &mut Vec<u32>) -> usize,
            ) {
                let room = self.room.max(unit);
                let mut first = true;
                loop {
                    let mut buf = vec![0u8; room];
                    let mut chars = Vec::new();
                    let written = fold(&mut buf, &mut chars);
                    assert!(written > 0 || !first, "a run has a character");
                    first = false;
                    let text = std::str::from_utf8(&buf[..written]).expect("whole characters");
                    let given: Vec<u32> = text.chars().map(|c| c as u32).collect();
                    assert_eq!(given, chars);
                    self.out.push_str(text);
                    if written < room / unit * unit {
                        return;
                    }
                }
            }
        }
        impl FoldSink for ByRuns {
            fn push(&mut self, c: u32, _: bool) {
                self.out.push(unpack(c));
            }
            fn push_ascii_word(&mut self, run: &mut AsciiWord) {
                self.take(1, |buf, chars| {
                    run.fold_into(buf, |c| chars.push(u32::from(c)))
                });
            }
            fn push_two_byte_word(&mut self, run: &mut TwoByteWord) {
                self.take(2, |buf, chars| run.fold_into(buf, |c| chars.push(c)));
            }
        }
        let mut x: u64 = 0x1234_5678_9ABC_DEF1;
        for round in 0..5_000 {
            let t = crate::text::random_text(RUN_ALPHABET, (x % 60) as usize, &mut x);
            let mut sink = ByRuns {
                out: String::new(),
                room: 1 + round % 9,
            };
            assert!(try_fold_into(&t, &mut sink), "{t:?}");
            assert_eq!(sink.out, fold(&t), "{t:?}");
        }
    }

    #[test]
    fn the_table_built_by_pages_agrees_with_classify() {
        let table = &*FOLD_TABLE;
        for i in (0..0x10000).rev() {
            assert_eq!(table.bmp(i), classify_code(i), "U+{i:04X}");
        }
    }

    #[test]
    fn folding_is_idempotent() {
        let t = "«خبرگزاری فارس»: رئيس‌جمهور ١٤٠٢ — Die Straße";
        assert_eq!(fold(&fold(t)), fold(t));
    }
}
