//! The article as code points, words and punctuation, with each word folded and looked up
//! once in the [`Lexicon`]. Every later step works on indices into these vectors, so offsets
//! are code points by construction.

use super::lang::{Lexicon, Order, WordInfo, ALL};
use super::marks::is_candidate;
use crate::text::chars::fold::{
    fold_char_for_matching, word_hash_step, ARABIC_MATCHING, WORD_HASH_START,
};
use crate::text::chars::letters::is_alphabetic;
use crate::text::chars::normalize::fold_ascii;
use crate::text::chars::utf8::decode_two;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Code-point range in the article.
    pub start: usize,
    pub end: usize,
    /// UTF-8 offset of the start in the article.
    pub byte: u32,
    /// A word (letters/digits), or one punctuation character.
    pub word: bool,
    /// A word starting with a capital letter outside ASCII's lower case and the Arabic
    /// block ([`Doc::is_capitalised`]).
    pub capitalised: bool,
    /// A word starting in the Arabic block ([`Doc::is_arabic_script`]).
    pub arabic: bool,
    /// Range of the folded form in [`Doc::folded`].
    pub fold_start: u32,
    pub fold_end: u32,
    pub info: WordInfo,
    /// Index of the paragraph holding the token.
    pub para: u32,
}

pub struct Doc<'a> {
    /// The article, for copying out texts ([`Doc::text`]); borrowed, not copied.
    source: &'a str,
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    /// The folded words, UTF-8, one after another.
    pub folded: Vec<u8>,
    /// Paragraphs as code-point ranges, trimmed, in order; blank lines hold none.
    pub paras: Vec<(usize, usize)>,
    /// Each paragraph's tokens as a range of indices into `toks`.
    pub para_toks: Vec<(usize, usize)>,
    /// Positions of the characters that may be quotation marks ([`is_candidate`]), in order.
    pub marks: Vec<u32>,
    /// Indices of the colon tokens, in order.
    pub colons: Vec<u32>,
    /// Each paragraph's language by its function words (index into `lang::ALL`), if known.
    pub para_lang: Vec<Option<usize>>,
}

/// Character classes of the tokenizer, one bit each.
const ALNUM: u8 = 1;
/// Letters, digits and the marks that live inside words (Arabic diacritics, ZWNJ, tatweel).
const WORD: u8 = 2;
/// Joins two word parts into one word: "it's", "al-Sadr", "U.S".
const JOINER: u8 = 4;
/// May be a quotation mark ([`is_candidate`]).
const MARK: u8 = 8;
/// Skipped between tokens: white space and invisible format characters.
const SPACE: u8 = 16;
/// White space ([`char::is_whitespace`]), which paragraphs are trimmed of.
const WHITE: u8 = 32;
/// Ends a paragraph: line feed and paragraph separator.
const BREAK: u8 = 64;
/// Makes a word starting with it capitalised ([`starts_capitalised`]): read with the other
/// classes, the word's first character needs no test of its own.
const UPPER: u8 = 128;

/// The classes of `c`.
fn class_of(c: char) -> u8 {
    // The ASCII and Arabic blocks by their letter and digit ranges, the rest by Unicode.
    let alnum = match c {
        '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => matches!(
            c,
            'a'..='z'
                | 'A'..='Z'
                | '0'..='9'
                | '\u{0620}'..='\u{064A}'
                | '\u{0660}'..='\u{0669}'
                | '\u{066E}'..='\u{06D3}'
                | '\u{06D5}'
                | '\u{06EE}'..='\u{06FF}'
        ),
        c => c.is_alphanumeric(),
    };
    let word = alnum
        || matches!(
            c,
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{0300}'..='\u{036F}'
        );
    let joiner = matches!(c, '\'' | '’' | '-' | '.' | '\u{2010}' | '\u{2011}');
    let space = c.is_whitespace()
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
        );
    [
        (alnum, ALNUM),
        (word, WORD),
        (joiner, JOINER),
        (is_candidate(c), MARK),
        (space, SPACE),
        (c.is_whitespace(), WHITE),
        (c == '\n' || c == '\u{2029}', BREAK),
        (starts_capitalised(c), UPPER),
    ]
    .into_iter()
    .filter(|&(on, _)| on)
    .fold(0, |k, (_, bit)| k | bit)
}

/// Code points below this (Latin, Greek, Cyrillic, Arabic and the General Punctuation block:
/// curly quotes, dashes, ZWNJ) are classed by [`ClassTable`]; nearly every character of an
/// article is one of them.
const CLASS_TABLE_LEN: usize = 0x2070;

/// [`class_of`] of every code point below [`CLASS_TABLE_LEN`], so that a character is one
/// table read instead of a search of the Unicode tables. A fixed-size array, so ASCII and
/// two-byte characters index it without a bounds check.
struct ClassTable([u8; CLASS_TABLE_LEN]);

impl ClassTable {
    fn build() -> ClassTable {
        ClassTable(std::array::from_fn(|u| {
            char::from_u32(u as u32).map_or(0, class_of)
        }))
    }

    /// The classes of the code point `u`, which is below U+0800 (ASCII or two bytes of
    /// UTF-8), or 0 for a surrogate.
    #[inline(always)]
    fn below_800(&self, u: usize) -> u8 {
        self.0[u]
    }

    /// [`class_of`], by table where the table reaches.
    #[inline(always)]
    fn of(&self, c: char) -> u8 {
        self.0
            .get(u32::from(c) as usize)
            .copied()
            .unwrap_or_else(|| other_class(c))
    }

    /// The code point starting at byte `i` of `text`, its classes and its length in bytes;
    /// `None` at the end. ASCII and two-byte characters (Arabic script) are decoded inline
    /// and classed by table, without the general decoder.
    #[inline(always)]
    fn classed_char(&self, text: &str, i: usize) -> Option<(char, u8, usize)> {
        let b = text.as_bytes();
        let x = *b.get(i)?;
        if x < 0x80 {
            Some((char::from(x), self.below_800(usize::from(x)), 1))
        } else if x < 0xE0 {
            // A two-byte lead (valid UTF-8 has its continuation byte): below U+0800.
            let u = decode_two(x, b[i + 1]) as usize;
            let c = char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
            Some((c, self.below_800(u), 2))
        } else {
            let c = text[i..].chars().next()?;
            Some((c, self.of(c), c.len_utf8()))
        }
    }
}

static CLASSES: LazyLock<ClassTable> = LazyLock::new(ClassTable::build);

#[inline(never)]
fn other_class(c: char) -> u8 {
    class_of(c)
}

/// For each code point of the Arabic block (U+0600–U+06FF), whether it is a word character
/// ([`WORD`]) and how folding for matching treats it, in one load, for the loop over an
/// Arabic word's letters.
///
/// Mechanism: one `u32` per code point, indexed by its low byte: [`ARABIC_MATCHING`]'s entry
/// (the folded code point in the low eleven bits, 0 when folding leaves the letter out, and
/// its UTF-8 in the high half) with [`ARABIC_WORD`] set for a word character.
struct ArabicTable([u32; 0x100]);

impl ArabicTable {
    fn build(classes: &ClassTable) -> ArabicTable {
        ArabicTable(std::array::from_fn(|k| {
            let u = 0x600 + k as u32;
            let word = classes.below_800(u as usize) & WORD != 0;
            ARABIC_MATCHING.get(u) | if word { ARABIC_WORD } else { 0 }
        }))
    }

    /// The entry of the Arabic-block code point `u` (only its low byte is read).
    #[inline(always)]
    fn get(&self, u: u32) -> ArabicLetter {
        ArabicLetter(self.0[(u & 0xFF) as usize])
    }
}

static ARABIC: LazyLock<ArabicTable> = LazyLock::new(|| ArabicTable::build(&CLASSES));

/// The bit of an [`ArabicTable`] entry for a word character (above the folded code point,
/// below its UTF-8).
const ARABIC_WORD: u32 = 1 << 15;
/// The bits of an [`ArabicTable`] entry that hold the folded code point.
const ARABIC_FOLDED: u32 = 0x7FF;

/// One [`ArabicTable`] entry.
#[derive(Clone, Copy)]
struct ArabicLetter(u32);

impl ArabicLetter {
    /// A word character ([`WORD`]).
    #[inline(always)]
    fn is_word(self) -> bool {
        self.0 & ARABIC_WORD != 0
    }

    /// The folded code point; `None` when folding leaves the letter out.
    #[inline(always)]
    fn folded(self) -> Option<u32> {
        let f = self.0 & ARABIC_FOLDED;
        (f != 0).then_some(f)
    }

    /// The UTF-8 of the folded code point (meaningful when [`ArabicLetter::folded`] is some).
    #[inline(always)]
    fn folded_utf8(self) -> [u8; 2] {
        ((self.0 >> 16) as u16).to_le_bytes()
    }
}

/// One word of [`Doc::folded`] as text.
fn folded_str(word: &[u8]) -> &str {
    std::str::from_utf8(word).expect("folded words are whole characters")
}

/// The vectors [`Doc::new`] fills, and the state of the line being read.
struct Builder {
    chars: Vec<char>,
    toks: Vec<Tok>,
    folded: Vec<u8>,
    paras: Vec<(usize, usize)>,
    para_toks: Vec<(usize, usize)>,
    marks: Vec<u32>,
    colons: Vec<u32>,
    para_lang: Vec<Option<usize>>,
    /// The current line's first and one-past-last code point that is not white space.
    line: Option<(usize, usize)>,
    /// The current line's first token.
    line_tok: usize,
    /// The current line's function words per language.
    counts: [usize; 8],
}

/// A paragraph's language is the one whose function words it uses most, if at least this
/// many: one could be a loan word or a name.
const MIN_FUNCTION_WORDS: usize = 2;

impl Builder {
    fn with_capacity(text: &str) -> Builder {
        Builder {
            chars: Vec::with_capacity(text.len()),
            toks: Vec::with_capacity(text.len() / 4 + 16),
            folded: Vec::with_capacity(text.len()),
            paras: Vec::with_capacity(32),
            para_toks: Vec::with_capacity(32),
            marks: Vec::with_capacity(64),
            colons: Vec::with_capacity(16),
            para_lang: Vec::with_capacity(32),
            line: None,
            line_tok: 0,
            counts: [0; 8],
        }
    }

    /// Extends the current line to code points `start..end`.
    #[inline(always)]
    fn extend_line(&mut self, start: usize, end: usize) {
        self.line = Some((self.line.map_or(start, |l| l.0), end));
    }

    /// Closes the current line: a paragraph if it holds anything but white space.
    #[inline(always)]
    fn end_line(&mut self) {
        if let Some(range) = self.line.take() {
            self.paras.push(range);
            self.para_toks.push((self.line_tok, self.toks.len()));
            let best = self.counts.iter().enumerate().max_by_key(|&(_, n)| *n);
            let lang = best.and_then(|(l, &k)| (k >= MIN_FUNCTION_WORDS).then_some(l));
            self.para_lang.push(lang);
        }
        self.counts = [0; 8];
        self.line_tok = self.toks.len();
    }

    /// A punctuation token: the character `c` of classes `k` at code point `p`, byte `byte`.
    #[inline(always)]
    fn push_punct(&mut self, c: char, k: u8, p: usize, byte: u32) {
        if k & MARK != 0 {
            self.marks.push(p as u32);
        } else if c == ':' || c == '：' {
            self.colons.push(self.toks.len() as u32);
        }
        let f = self.folded.len() as u32;
        self.toks.push(Tok {
            start: p,
            end: p + 1,
            byte,
            word: false,
            capitalised: false,
            arabic: false,
            fold_start: f,
            fold_end: f,
            info: WordInfo::default(),
            para: self.paras.len() as u32,
        });
        self.extend_line(p, p + 1);
    }

    /// Reads the rest of a word whose first character `c` was just pushed, from byte `*i`:
    /// letters and digits, and joiners between two of them. Returns the word's hash and
    /// whether it holds a dash.
    #[inline(always)]
    fn read_word(&mut self, text: &str, i: &mut usize, c: char) -> (u64, bool) {
        let classes: &ClassTable = &CLASSES;
        let arabic: &ArabicTable = &ARABIC;
        let bytes = text.as_bytes();
        let mut h = fold_char_for_matching(c, &mut self.folded, WORD_HASH_START);
        let mut dash = false;
        loop {
            // Runs of ASCII letters and digits, and of Arabic-block word characters, are the
            // bulk of every word: copied and folded without the general decoder.
            // (`fold_ascii` tests and folds an ASCII letter or digit in one load.)
            while let Some(&x) = bytes.get(*i) {
                let l = fold_ascii(x);
                if l == 0 {
                    break;
                }
                self.chars.push(char::from(x));
                self.folded.push(l);
                h = word_hash_step(h, u32::from(l));
                *i += 1;
            }
            // (A pattern on the rest of the text, `i` being never past its end: taking
            // `i..i + 2` checked the sum for overflow on every entry.)
            while let &[x @ 0xD8..=0xDB, y, ..] = &bytes[*i..] {
                // U+0600–U+06FF: a two-byte lead and its continuation byte.
                let u = decode_two(x, y);
                let letter = arabic.get(u);
                if !letter.is_word() {
                    break;
                }
                let d = char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER);
                self.chars.push(d);
                *i += 2;
                // As `fold_char_for_matching`: diacritics and tatweel are left out.
                if let Some(f) = letter.folded() {
                    self.folded.extend_from_slice(&letter.folded_utf8());
                    h = word_hash_step(h, f);
                }
            }
            // A space ends the word; it is taken by the caller, without the decoder.
            if bytes.get(*i) == Some(&b' ') {
                break;
            }
            let Some((d, kd, dl)) = classes.classed_char(text, *i) else {
                break;
            };
            if kd & WORD == 0 {
                // A joiner between two letters or digits: the one before it is the word's
                // last character so far, classed again here rather than remembered for
                // every character.
                let after_alnum = self
                    .chars
                    .last()
                    .is_some_and(|&c| classes.of(c) & ALNUM != 0);
                let joins = kd & JOINER != 0
                    && after_alnum
                    && classes
                        .classed_char(text, *i + dl)
                        .is_some_and(|(_, ke, _)| ke & ALNUM != 0);
                if !joins {
                    break;
                }
                // An apostrophe inside a word is still looked at as a mark.
                if kd & MARK != 0 {
                    self.marks.push(self.chars.len() as u32);
                }
                dash |= d == '-';
            }
            self.chars.push(d);
            *i += dl;
            h = fold_char_for_matching(d, &mut self.folded, h);
        }
        (h, dash)
    }

    /// The word token that starts with `c` (classes `k`) at code point `p`, byte `byte`, and
    /// whose folded form starts at `fold_start`; looked up in `lex` by its hash `h`.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn push_word(
        &mut self,
        lex: &Lexicon,
        c: char,
        k: u8,
        p: usize,
        byte: u32,
        fold_start: u32,
        h: u64,
        dash: bool,
    ) {
        let e = self.chars.len();
        let fold_end = self.folded.len() as u32;
        let word = &self.folded[fold_start as usize..];
        let mut info = lex.get_hashed(word, h);
        // "US-Präsident", "VW-Chef": a compound's last part says what it is.
        if dash && !info.title() {
            let word = folded_str(word);
            if let Some(k) = word.rfind('-') {
                info.set_title(lex.get(&word[k + 1..]).title());
            }
        }
        let f = info.function_word as usize;
        if f > 0 && f <= self.counts.len() {
            self.counts[f - 1] += 1;
        }
        self.toks.push(Tok {
            start: p,
            end: e,
            byte,
            word: true,
            capitalised: k & UPPER != 0,
            arabic: ('\u{0600}'..='\u{06FF}').contains(&c),
            fold_start,
            fold_end,
            info,
            para: self.paras.len() as u32,
        });
        self.extend_line(p, e);
    }

    fn finish(self, source: &str) -> Doc<'_> {
        Doc {
            source,
            chars: self.chars,
            toks: self.toks,
            folded: self.folded,
            paras: self.paras,
            para_toks: self.para_toks,
            marks: self.marks,
            colons: self.colons,
            para_lang: self.para_lang,
        }
    }
}

impl<'a> Doc<'a> {
    /// One pass over the UTF-8 text decodes each code point, splits paragraphs at line
    /// breaks, makes the tokens, folds and looks up each word as it is read, records the
    /// candidate quotation marks and colons, and counts function words per paragraph.
    /// Not inlined: inside the extractor the loop's vectors and state were kept on the
    /// stack, a load and a store around every push.
    #[inline(never)]
    pub fn new(text: &'a str, lex: &Lexicon) -> Doc<'a> {
        let classes: &ClassTable = &CLASSES;
        let bytes = text.as_bytes();
        let mut b = Builder::with_capacity(text);
        let mut i = 0;
        loop {
            let next = classes.classed_char(text, i);
            if next.is_none_or(|(_, k, _)| k & BREAK != 0) {
                b.end_line();
            }
            let Some((c, k, len)) = next else { break };
            let byte = i as u32;
            i += len;
            let p = b.chars.len();
            b.chars.push(c);
            if k & SPACE != 0 {
                // Invisible format characters (ZWNJ, marks of direction) belong to the line.
                if k & WHITE == 0 {
                    b.extend_line(p, p + 1);
                }
                continue;
            }
            if k & ALNUM == 0 {
                b.push_punct(c, k, p, byte);
                continue;
            }
            let fold_start = b.folded.len() as u32;
            let (h, dash) = b.read_word(text, &mut i, c);
            b.push_word(lex, c, k, p, byte, fold_start, h, dash);
            // The space after a word, the commonest character: white space, so it neither
            // ends the paragraph nor extends the line nor makes a token.
            if bytes.get(i) == Some(&b' ') {
                b.chars.push(' ');
                i += 1;
            }
        }
        b.finish(text)
    }

    /// The colon tokens (`:` and `：`) among tokens `t0..t1`.
    pub fn colons_in(&self, t0: usize, t1: usize) -> &[u32] {
        let a = self.colons.partition_point(|&t| (t as usize) < t0);
        let b = self.colons.partition_point(|&t| (t as usize) < t1);
        &self.colons[a..b]
    }

    /// The candidate quotation marks of the code-point range `ps..pe`.
    pub fn marks_in(&self, ps: usize, pe: usize) -> &[u32] {
        let a = self.marks.partition_point(|&m| (m as usize) < ps);
        let b = self.marks.partition_point(|&m| (m as usize) < pe);
        &self.marks[a..b]
    }

    pub fn fold_of(&self, t: usize) -> &str {
        folded_str(self.fold_bytes(t))
    }

    /// [`Doc::fold_of`] as UTF-8 bytes, for comparisons.
    pub fn fold_bytes(&self, t: usize) -> &[u8] {
        let k = &self.toks[t];
        &self.folded[k.fold_start as usize..k.fold_end as usize]
    }

    /// Index of the first token starting at or after code point `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// The text of code points `s..e`: a copy of the article's bytes when both ends lie near
    /// a token's start (names, cues, quotations), else built from the code points.
    pub fn text(&self, s: usize, e: usize) -> String {
        match (self.byte_offset(s), self.byte_offset(e)) {
            (Some(a), Some(b)) => self.source[a..b].to_owned(),
            _ => self.chars[s..e].iter().collect(),
        }
    }

    /// The UTF-8 offset of code point `pos`, counted from the start of the last token
    /// starting at or before it; `None` when there is none within a few code points (so a
    /// call costs the same however long the word or the white space).
    fn byte_offset(&self, pos: usize) -> Option<usize> {
        let t = self
            .toks
            .partition_point(|k| k.start <= pos)
            .checked_sub(1)?;
        let k = &self.toks[t];
        let between = self.chars.get(k.start..pos).filter(|run| run.len() <= 64)?;
        Some(k.byte as usize + between.iter().map(|c| c.len_utf8()).sum::<usize>())
    }

    /// The text of tokens `a..b` (a name, a cue), from the first one's start to the last one's end.
    /// Both ends are a token's, so their UTF-8 offsets are known without a search (unless the
    /// last token is long, when [`Doc::text`] bounds the work).
    pub fn tokens_text(&self, a: usize, b: usize) -> String {
        let (first, last) = (&self.toks[a], &self.toks[b - 1]);
        match self
            .chars
            .get(last.start..last.end)
            .filter(|run| run.len() <= 64)
        {
            Some(run) => {
                let end = last.byte as usize + run.iter().map(|c| c.len_utf8()).sum::<usize>();
                self.source[first.byte as usize..end].to_owned()
            }
            None => self.text(first.start, last.end),
        }
    }

    /// The punctuation character of token `t`, if it is punctuation.
    pub fn punct(&self, t: usize) -> Option<char> {
        let k = &self.toks[t];
        (!k.word).then(|| self.chars[k.start])
    }

    /// Whether token `t` ends a sentence (a full stop that is not an abbreviation's).
    pub fn is_boundary(&self, t: usize) -> bool {
        match self.punct(t) {
            Some('!' | '?' | '؟' | '…' | ';' | '؛') => true,
            Some('.') => {
                if t == 0 || !self.toks[t - 1].word || self.toks[t - 1].end != self.toks[t].start {
                    return true;
                }
                // "(D-Ore.)": a stop that closes a parenthesis ends an abbreviation.
                if self
                    .toks
                    .get(t + 1)
                    .is_some_and(|k| k.start == self.toks[t].end)
                    && self.punct(t + 1) == Some(')')
                {
                    return false;
                }
                // Every abbreviation, and every single character, takes at most four bytes.
                if self.fold_bytes(t - 1).len() > 4 {
                    return true;
                }
                let w = self.fold_of(t - 1);
                let short = w.chars().count() == 1 && w.chars().all(is_alphabetic);
                !(short
                    || matches!(
                        w,
                        "mr" | "mrs"
                            | "ms"
                            | "dr"
                            | "sen"
                            | "rep"
                            | "gov"
                            | "gen"
                            | "st"
                            | "jr"
                            | "sr"
                            | "lt"
                            | "col"
                            | "sgt"
                            | "vs"
                            | "no"
                            | "u.s"
                            | "prof"
                            | "rev"
                            | "capt"
                            | "maj"
                            | "cmdr"
                            | "adm"
                            | "corp"
                            | "inc"
                            | "co"
                            | "ltd"
                    ))
            }
            _ => false,
        }
    }

    /// Whether the token is a capitalised Latin word ("Trump", "PENCE").
    pub fn is_capitalised(&self, t: usize) -> bool {
        self.toks[t].capitalised
    }

    pub fn is_arabic_script(&self, t: usize) -> bool {
        self.toks[t].arabic
    }

    /// Whether token `t`'s paragraph reads as a verb-second language (German) by its
    /// function words.
    pub fn is_verb_second(&self, t: usize) -> bool {
        let para = self.toks[t].para as usize;
        self.para_lang[para].is_some_and(|l| ALL[l].order == Order::VerbSecond)
    }
}

/// Whether a word starting with `c` is capitalised: an upper-case letter, ASCII or beyond
/// the Arabic block.
fn starts_capitalised(c: char) -> bool {
    match c {
        'A'..='Z' => true,
        '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => false,
        c => c.is_uppercase(),
    }
}

/// Builds the character-class table now, so the first article does not pay for it.
pub fn init_classes() {
    LazyLock::force(&CLASSES);
    crate::text::chars::letters::init();
    LazyLock::force(&ARABIC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::fold::fold_for_matching;

    #[test]
    fn words_keep_apostrophes_and_zwnj() {
        let lx = Lexicon::build();
        let d = Doc::new("It's خامنه‌ای, Mr. Obama.", &lx);
        let words: Vec<String> = (0..d.toks.len())
            .filter(|&t| d.toks[t].word)
            .map(|t| d.text(d.toks[t].start, d.toks[t].end))
            .collect();
        assert_eq!(words, ["It's", "خامنه‌ای", "Mr", "Obama"]);
    }

    #[test]
    fn abbreviation_is_not_a_boundary() {
        let lx = Lexicon::build();
        let d = Doc::new("Mr. Obama said.", &lx);
        assert!(!d.is_boundary(1));
        assert!(d.is_boundary(d.toks.len() - 1));
    }

    #[test]
    fn candidate_marks_include_apostrophes_inside_words() {
        let lx = Lexicon::build();
        let d = Doc::new("It's “so”.\nNo marks here", &lx);
        assert_eq!(d.marks, vec![2, 5, 8]);
        assert_eq!(d.marks_in(0, 5), &[2]);
    }

    #[test]
    fn paragraph_language_by_function_words() {
        let lx = Lexicon::build();
        let d = Doc::new(
            "Das ist nicht gut und auch nicht neu.\nThis is the end of it.",
            &lx,
        );
        assert_eq!(d.para_lang[0], Some(3));
    }

    #[test]
    fn decoding_agrees_with_chars() {
        let lx = Lexicon::build();
        let t = "a é خا “x” 😀 \u{2029}世界\u{200C}";
        assert_eq!(Doc::new(t, &lx).chars, t.chars().collect::<Vec<_>>());
    }

    #[test]
    fn line_breaks_are_code_points() {
        let lx = Lexicon::build();
        let d = Doc::new("é\nخا\u{2029}b\n\n", &lx);
        assert_eq!(d.paras, vec![(0, 1), (2, 4), (5, 6)]);
        let d = Doc::new("\u{200C}\n x", &lx);
        assert_eq!(d.paras, vec![(0, 1), (3, 4)]);
        assert_eq!(d.toks[0].para, 1);
    }

    #[test]
    fn texts_are_the_code_points_between() {
        let lx = Lexicon::build();
        let t = "  “é خامنه‌ای”, 😀 said Mr. X  \n\n y";
        let d = Doc::new(t, &lx);
        let n = d.chars.len();
        for s in 0..=n {
            for e in s..=n {
                let want: String = d.chars[s..e].iter().collect();
                assert_eq!(d.text(s, e), want, "{s}..{e}");
            }
        }
    }

    #[test]
    fn ascii_fold_agrees_with_the_classes() {
        for x in 0..0x80u8 {
            let alnum = class_of(char::from(x)) & ALNUM != 0;
            let want = if alnum { x.to_ascii_lowercase() } else { 0 };
            assert_eq!(fold_ascii(x), want, "{x}");
        }
    }

    #[test]
    fn arabic_table_agrees_with_the_classes_and_the_fold() {
        for u in 0x600..0x700u32 {
            let c = char::from_u32(u).unwrap();
            let letter = ARABIC.get(u);
            assert_eq!(letter.is_word(), class_of(c) & WORD != 0, "{c:?}");
            let mut want = Vec::new();
            let h = fold_char_for_matching(c, &mut want, WORD_HASH_START);
            let got = letter
                .folded()
                .map_or(Vec::new(), |_| letter.folded_utf8().to_vec());
            assert_eq!(got, want, "{c:?}");
            let hash = letter
                .folded()
                .map_or(WORD_HASH_START, |f| word_hash_step(WORD_HASH_START, f));
            assert_eq!(hash, h, "{c:?}");
        }
    }

    #[test]
    fn class_table_agrees_with_its_definition_on_every_char() {
        let classes: &ClassTable = &CLASSES;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(classes.of(c), class_of(c), "{c:?}");
            if u32::from(c) < 0x800 {
                assert_eq!(classes.below_800(c as usize), class_of(c), "{c:?}");
            }
        }
    }

    #[test]
    fn tokens_text_spans_first_to_last_token() {
        let lx = Lexicon::build();
        let long = "ب".repeat(100);
        let t = format!("“é خامنه‌ای”, 😀 said Mr. X {long} y");
        let d = Doc::new(&t, &lx);
        let n = d.toks.len();
        for a in 0..n {
            for b in a + 1..=n {
                let want: String = d.chars[d.toks[a].start..d.toks[b - 1].end].iter().collect();
                assert_eq!(d.tokens_text(a, b), want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn words_fold_and_hash_as_lookups_do() {
        let lx = Lexicon::build();
        let t = "Said وقال ووصفه، مشدداً US-Präsident it's خامنه‌ای Ḥamza 2024";
        let d = Doc::new(t, &lx);
        for k in d.toks.iter().filter(|k| k.word) {
            let word: String = d.chars[k.start..k.end].iter().collect();
            let want = fold_for_matching(&word);
            assert_eq!(d.fold_of(d.tok_at(k.start)), want);
            if !word.contains('-') {
                assert_eq!(k.info, lx.get(&want), "{word}");
            }
        }
    }

    /// The tokenizer's fast paths (ASCII and Arabic runs decoded and folded inline, classes
    /// and capitals by table) against the definitions: `str::chars`, [`fold`], [`Lexicon::get`]
    /// and [`starts_capitalised`], on article-like text and on random text mixing scripts.
    ///
    /// [`fold`]: fold_for_matching
    #[test]
    fn tokens_agree_with_their_definitions() {
        let lx = Lexicon::build();
        let alphabet: Vec<char> = "aZz09 .'’-:：\n\u{2029}\u{200C}\u{200F}“”«»\"ÄéİⱥȺʼḤ世😀ابةأإآىيئكٱًٌّـ،؟۰٠۱ۀ\u{0670}\u{064B}"
            .chars()
            .collect();
        let mut state = 0x9E37_79B9_7F4A_7C15;
        let mut texts: Vec<String> = (0..400)
            .map(|n| crate::text::random_text(&alphabet, n % 97, &mut state))
            .collect();
        texts.push(
            "Said Trump: “It's US-Präsident Ḥamza's ÉTÉ.”\nقال الرئيس «خامنه‌ای» مشدداً، وأضاف فوراً\n\nDas ist İstanbul."
                .into(),
        );
        texts.push(
            "قررت محكمة جنح مستأنف المقطم بمصر تحديد جلسة 8 مايو للنطق بالحكم في الاستئناف، \
             وقالت المطربة «شيرين» إنها لم تقصد الإساءة.\n\
             رهبر انقلاب اسلامی در دیدار مسئولان گفتند: «ما تسلیم نمی‌شویم».\n\
             a an the said Clinton's campaign chairman, according to officials in Washington."
                .into(),
        );
        for t in &texts {
            let d = Doc::new(t, &lx);
            assert_eq!(d.chars, t.chars().collect::<Vec<_>>(), "{t:?}");
            for (i, k) in d.toks.iter().enumerate() {
                let text: String = d.chars[k.start..k.end].iter().collect();
                let b: usize = d.chars[..k.start].iter().map(|c| c.len_utf8()).sum();
                assert_eq!(k.byte as usize, b, "{t:?}");
                if !k.word {
                    assert_eq!(
                        (k.end - k.start, k.fold_start, k.fold_end),
                        (1, k.fold_start, k.fold_start),
                        "{t:?}"
                    );
                    continue;
                }
                let want = fold_for_matching(&text);
                assert_eq!(d.fold_of(i), want, "{text:?} in {t:?}");
                if !text.contains('-') {
                    assert_eq!(k.info, lx.get(&want), "{text:?}");
                }
                let first = d.chars[k.start];
                assert_eq!(k.capitalised, starts_capitalised(first), "{text:?}");
                assert_eq!(k.arabic, ('\u{0600}'..='\u{06FF}').contains(&first));
            }
        }
    }

    #[test]
    fn paragraphs_are_lines() {
        let lx = Lexicon::build();
        let d = Doc::new(" a \n\n b\n", &lx);
        assert_eq!(d.paras, vec![(1, 2), (6, 7)]);
    }
}
