//! The article as code points, words and punctuation, with each word folded and looked up
//! once in the [`Lexicon`]. Every later step works on indices into these vectors, so offsets
//! are code points by construction.

use super::lang::{fold_into, Lexicon, WordInfo};
use super::marks::is_candidate;

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
    pub folded: String,
    /// Paragraphs as code-point ranges, trimmed, in order; blank lines hold none.
    pub paras: Vec<(usize, usize)>,
    /// Positions of the characters that may be quotation marks ([`is_candidate`]), in order.
    pub marks: Vec<u32>,
    /// Each paragraph's language by its function words (index into `lang::ALL`), if known.
    pub para_lang: Vec<Option<usize>>,
}

/// A letter or digit, with the ASCII and Arabic blocks answered without Unicode tables (the
/// general lookup dominated the profile on Arabic and Persian text).
#[inline]
pub fn is_alnum(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7F}' => false,
        '\u{0620}'..='\u{064A}'
        | '\u{0660}'..='\u{0669}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06FF}' => true,
        '\u{0600}'..='\u{061F}'
        | '\u{064B}'..='\u{065F}'
        | '\u{066A}'..='\u{066D}'
        | '\u{06D4}'
        | '\u{06D6}'..='\u{06ED}' => false,
        c => c.is_alphanumeric(),
    }
}

/// Letters, digits and the marks that live inside words (Arabic diacritics, ZWNJ, tatweel).
pub fn is_word_char(c: char) -> bool {
    is_alnum(c)
        || matches!(
            c,
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}' | '\u{200D}'
        )
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Characters joining two word parts into one word: "it's", "al-Sadr", "U.S".
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '\u{2010}' | '\u{2011}')
}

impl Doc {
    /// One pass decodes the text and finds the line breaks; one pass over each paragraph
    /// makes the tokens, folds and looks up each word, records the candidate quotation marks
    /// and counts function words.
    pub fn new(text: &str, lex: &Lexicon) -> Doc {
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        let mut breaks: Vec<usize> = Vec::new();
        for c in text.chars() {
            if c == '\n' || c == '\u{2029}' {
                breaks.push(chars.len());
            }
            chars.push(c);
        }
        let n = chars.len();
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
        let mut folded = String::with_capacity(text.len());
        let mut marks = Vec::new();
        let mut para_lang = Vec::with_capacity(paras.len());
        for (pi, &(ps, pe)) in paras.iter().enumerate() {
            let mut counts = [0usize; 8];
            let mut i = ps;
            while i < pe {
                let c = chars[i];
                if c.is_whitespace()
                    || matches!(
                        c,
                        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
                    )
                {
                    i += 1;
                    continue;
                }
                if is_alnum(c) {
                    let mut j = i + 1;
                    let mut dash = false;
                    while j < pe {
                        let d = chars[j];
                        if is_word_char(d) {
                            j += 1;
                        } else if is_joiner(d)
                            && j + 1 < pe
                            && is_alnum(chars[j + 1])
                            && is_alnum(chars[j - 1])
                        {
                            // An apostrophe inside a word is still looked at as a mark.
                            if is_candidate(d) {
                                marks.push(j as u32);
                            }
                            dash |= d == '-';
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    let fs = folded.len() as u32;
                    fold_into(chars[i..j].iter().copied(), &mut folded);
                    let fe = folded.len() as u32;
                    let word = &folded[fs as usize..fe as usize];
                    let mut info = lex.get(word);
                    // "US-Präsident", "VW-Chef": a compound's last part says what it is.
                    if dash && !info.title {
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
                    if is_candidate(c) {
                        marks.push(i as u32);
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
            para_lang,
        }
    }

    /// The candidate quotation marks of the code-point range `ps..pe`.
    pub fn marks_in(&self, ps: usize, pe: usize) -> &[u32] {
        let a = self.marks.partition_point(|&m| (m as usize) < ps);
        let b = self.marks.partition_point(|&m| (m as usize) < pe);
        &self.marks[a..b]
    }

    pub fn fold_of(&self, t: usize) -> &str {
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
    fn paragraphs_are_lines() {
        let lx = Lexicon::build();
        let d = Doc::new(" a \n\n b\n", &lx);
        assert_eq!(d.paras, vec![(1, 2), (6, 7)]);
    }
}
