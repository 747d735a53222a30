//! The article as code points, words and punctuation, with each word folded and looked up
//! once in the [`Lexicon`]. Every later step works on indices into these vectors, so offsets
//! are code points by construction.

use super::lang::{fold_word, Lexicon, WordInfo};
use super::marks::is_candidate;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Code-point range in the article.
    pub s: usize,
    pub e: usize,
    /// A word (letters/digits), or one punctuation character.
    pub word: bool,
    /// Range of the folded form in [`Doc::folded`].
    pub fs: u32,
    pub fe: u32,
    pub info: WordInfo,
    /// Index of the paragraph holding the token.
    pub para: u32,
}

pub struct Doc {
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    /// The folded words, UTF-8, one after another.
    pub folded: Vec<u8>,
    /// Paragraphs as code-point ranges, trimmed, in order; blank lines hold none.
    pub paras: Vec<(usize, usize)>,
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
    ]
    .into_iter()
    .filter(|&(on, _)| on)
    .fold(0, |k, (_, bit)| k | bit)
}

/// [`class_of`] of every code point below U+2070: Latin, Greek, Cyrillic, Arabic and the
/// general punctuation (curly quotes, dashes, ZWNJ), so nearly every character of an
/// article is one table read (the Unicode look-ups dominated the profile).
static CLASSES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..0x2070)
        .map(|u| char::from_u32(u).map_or(0, class_of))
        .collect()
});

#[inline(always)]
fn class(table: &[u8], c: char) -> u8 {
    match table.get(u32::from(c) as usize) {
        Some(&k) => k,
        None => other_class(c),
    }
}

#[inline(never)]
fn other_class(c: char) -> u8 {
    class_of(c)
}

/// The code points of `text`; two-byte characters (Arabic script) decoded inline, the
/// general decoder being the largest single cost of the stage.
fn decode(text: &str) -> Vec<char> {
    let b = text.as_bytes();
    let mut chars = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            chars.push(char::from(x));
            i += 1;
        } else if x < 0xE0 && i + 1 < b.len() {
            let u = (u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            chars.push(char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER));
            i += 2;
        } else {
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            chars.push(c);
            i += c.len_utf8();
        }
    }
    chars
}

/// The code-point positions of the line and paragraph separators, found with the byte
/// searches of `str` and counted in code points only between them.
fn line_breaks(text: &str) -> Vec<usize> {
    let mut at: Vec<usize> = text.match_indices('\n').map(|(b, _)| b).collect();
    if text.contains('\u{2029}') {
        at.extend(text.match_indices('\u{2029}').map(|(b, _)| b));
        at.sort_unstable();
    }
    let (mut byte, mut cp) = (0, 0);
    at.into_iter()
        .map(|b| {
            cp += text[byte..b].chars().count();
            byte = b;
            cp
        })
        .collect()
}

/// One word of [`Doc::folded`] as text.
fn folded_str(word: &[u8]) -> &str {
    std::str::from_utf8(word).expect("folded words are whole characters")
}

impl Doc {
    /// One pass decodes the text and finds the line breaks; one pass over each paragraph
    /// makes the tokens, folds and looks up each word, records the candidate quotation marks
    /// and counts function words.
    pub fn new(text: &str, lex: &Lexicon) -> Doc {
        let chars = decode(text);
        let n = chars.len();
        let mut breaks = line_breaks(text);
        breaks.push(n);
        let mut paras = Vec::new();
        let mut i = 0;
        for &j in &breaks {
            let (mut s, mut e) = (i, j);
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                paras.push((s, e));
            }
            i = j + 1;
        }
        let mut toks = Vec::with_capacity(n / 4 + 1);
        let mut folded = Vec::with_capacity(text.len());
        let mut marks = Vec::new();
        let mut colons = Vec::new();
        let mut para_lang = Vec::with_capacity(paras.len());
        let classes: &[u8] = &CLASSES;
        for (pi, &(ps, pe)) in paras.iter().enumerate() {
            let mut counts = [0usize; 8];
            let mut i = ps;
            while i < pe {
                let c = chars[i];
                let k = class(classes, c);
                if k & SPACE != 0 {
                    i += 1;
                    continue;
                }
                if k & ALNUM != 0 {
                    let mut j = i + 1;
                    let mut dash = false;
                    while j < pe {
                        let d = chars[j];
                        let kd = class(classes, d);
                        if kd & WORD != 0 {
                            j += 1;
                        } else if kd & JOINER != 0
                            && j + 1 < pe
                            && class(classes, chars[j + 1]) & ALNUM != 0
                            && class(classes, chars[j - 1]) & ALNUM != 0
                        {
                            // An apostrophe inside a word is still looked at as a mark.
                            if kd & MARK != 0 {
                                marks.push(j as u32);
                            }
                            dash |= d == '-';
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    let fs = folded.len() as u32;
                    let h = fold_word(&chars[i..j], &mut folded);
                    let fe = folded.len() as u32;
                    let mut info = lex.get_hashed(&folded[fs as usize..fe as usize], h);
                    // "US-Präsident", "VW-Chef": a compound's last part says what it is.
                    if dash && !info.title {
                        let word = folded_str(&folded[fs as usize..fe as usize]);
                        if let Some(k) = word.rfind('-') {
                            info.title = lex.get(&word[k + 1..]).title;
                        }
                    }
                    let f = info.function_word as usize;
                    if f > 0 && f <= counts.len() {
                        counts[f - 1] += 1;
                    }
                    toks.push(Tok {
                        s: i,
                        e: j,
                        word: true,
                        fs,
                        fe,
                        info,
                        para: pi as u32,
                    });
                    i = j;
                } else {
                    if k & MARK != 0 {
                        marks.push(i as u32);
                    } else if c == ':' || c == '：' {
                        colons.push(toks.len() as u32);
                    }
                    let f = folded.len() as u32;
                    toks.push(Tok {
                        s: i,
                        e: i + 1,
                        word: false,
                        fs: f,
                        fe: f,
                        info: WordInfo::default(),
                        para: pi as u32,
                    });
                    i += 1;
                }
            }
            // The language whose function words the paragraph uses most (at least two).
            let best = counts.iter().enumerate().max_by_key(|&(_, n)| *n);
            para_lang.push(best.and_then(|(l, &k)| (k >= 2).then_some(l)));
        }
        Doc {
            chars,
            toks,
            folded,
            paras,
            marks,
            colons,
            para_lang,
        }
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
        &self.folded[k.fs as usize..k.fe as usize]
    }

    /// Index of the first token starting at or after code point `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.s < pos)
    }

    pub fn text(&self, s: usize, e: usize) -> String {
        self.chars[s..e].iter().collect()
    }

    /// The punctuation character of token `t`, if it is punctuation.
    pub fn punct(&self, t: usize) -> Option<char> {
        let k = &self.toks[t];
        (!k.word).then(|| self.chars[k.s])
    }

    /// Whether token `t` ends a sentence (a full stop that is not an abbreviation's).
    pub fn is_boundary(&self, t: usize) -> bool {
        match self.punct(t) {
            Some('!' | '?' | '؟' | '…' | ';' | '؛') => true,
            Some('.') => {
                if t == 0 || !self.toks[t - 1].word || self.toks[t - 1].e != self.toks[t].s {
                    return true;
                }
                // Every abbreviation, and every single character, takes at most four bytes.
                if self.fold_bytes(t - 1).len() > 4 {
                    return true;
                }
                let w = self.fold_of(t - 1);
                let short = w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic());
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
        let k = &self.toks[t];
        let c = self.chars[k.s];
        k.word
            && match c {
                'A'..='Z' => true,
                '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => false,
                c => c.is_uppercase(),
            }
    }

    pub fn is_arabic_script(&self, t: usize) -> bool {
        let k = &self.toks[t];
        k.word && ('\u{0600}'..='\u{06FF}').contains(&self.chars[k.s])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_and_zwnj() {
        let lx = Lexicon::build();
        let d = Doc::new("It's خامنه‌ای, Mr. Obama.", &lx);
        let words: Vec<String> = (0..d.toks.len())
            .filter(|&t| d.toks[t].word)
            .map(|t| d.text(d.toks[t].s, d.toks[t].e))
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
        let t = "a é خا “x” 😀 \u{2029}世界\u{200C}";
        assert_eq!(decode(t), t.chars().collect::<Vec<_>>());
    }

    #[test]
    fn line_breaks_are_code_points() {
        assert_eq!(line_breaks("é\nخا\u{2029}b\n\n"), vec![1, 4, 6, 7]);
        assert!(line_breaks("no breaks").is_empty());
    }

    #[test]
    fn paragraphs_are_lines() {
        let lx = Lexicon::build();
        let d = Doc::new(" a \n\n b\n", &lx);
        assert_eq!(d.paras, vec![(1, 2), (6, 7)]);
    }
}
