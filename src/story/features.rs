//! The evidence an article brings to story linking: its distinct terms, each weighted by
//! where it stands (headline, opening paragraph, body) and how often it occurs. Rarity is not
//! known here; the index multiplies it in (`index.rs`).
//!
//! Terms are the words of the folded text ([`crate::text::chars::normalize`]: letter forms,
//! digits, case), so an Arabic and a Persian report of one meeting share the names and numbers
//! they both write. Arabic-script words lose the clitics that glue onto them (و, ف, ب, ل, ک and the
//! article ال), so «والکاظمی», «الکاظمی» and «کاظمی» are one term.

use super::function_words::{is_function_word_hash, word_hash};
use crate::text::chars::normalize::{fold_into, try_fold_into, AsciiWord, FoldSink, TwoByteWord};

/// A headline is the first line when it is at most this many words; a longer first line is
/// already the body (the Persian seeds and some wire copy start straight with a paragraph).
const HEADLINE_MAX_WORDS: usize = 30;
/// The words after the headline that make the opening paragraph: the who, what, where and
/// when of a news report are there.
const LEAD_WORDS: usize = 60;
/// Words read in all. Later paragraphs add background, which is shared by reports of
/// different events on one topic, and reading them costs time on long articles.
const MAX_WORDS: usize = 400;
/// How much a term counts by where it first stands: an editor reads the headline and the
/// opening paragraph to tell which event a report is about, and the headline names it in a
/// few words where the opening also sets the scene, so a headline term counts twice as much.
const HEADLINE_WEIGHT: f32 = 4.0;
const LEAD_WEIGHT: f32 = 2.0;
const BODY_WEIGHT: f32 = 1.0;
/// Repetition adds little: `weight × (1 + REPEAT × ln count)`. A term repeated ten times is
/// no more about the event than one in the headline.
const REPEAT: f32 = 0.5;
/// Letters a word needs to be a term; digits count from two (years, tolls, scores of one digit
/// are everywhere). Shorter words are particles and pronouns in every language read here.
const MIN_LETTERS: usize = 3;
const MIN_DIGITS: usize = 2;

/// Arabic-script clitic prefixes, longest first, with the letters that must remain after the
/// prefix is removed (so that «بنک» or «لبنان» keep their first letter while «والعراق» loses
/// «وال»).
const CLITICS: &[(&str, usize)] = &[
    ("وال", 3),
    ("فال", 3),
    ("بال", 3),
    ("کال", 3),
    ("لل", 3),
    ("ال", 3),
    ("و", 4),
    ("ف", 4),
    ("ب", 4),
    ("ل", 4),
];
/// After a one-letter conjunction or preposition the article may follow («والعراق» is «و» +
/// «ال» + «عراق»): the first entries of [`CLITICS`] are tried once more.
const ARTICLE_CLITICS: usize = 6;

/// One term: the hash of its folded form and its weight in this article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    pub hash: u32,
    pub weight: f32,
}

/// The terms of one article, each once, in no particular order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub terms: Vec<Term>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Zone {
    Headline,
    Lead,
    Body,
}

impl Zone {
    fn weight(self) -> f32 {
        match self {
            Zone::Headline => HEADLINE_WEIGHT,
            Zone::Lead => LEAD_WEIGHT,
            Zone::Body => BODY_WEIGHT,
        }
    }
}

/// The features of an article: `title` is its headline when the message has one, otherwise
/// the text's first line is, when it is short enough to be one.
pub fn features(title: Option<&str>, text: &str) -> Features {
    let mut acc = Accumulator::default();
    let body = match title {
        Some(t) => {
            acc.add_zone(t, Zone::Headline, usize::MAX);
            text
        }
        None => split_headline(text, &mut acc),
    };
    let mut words = 0;
    for_each_word(body, |w| {
        if words >= MAX_WORDS {
            return false;
        }
        let zone = if words < LEAD_WORDS {
            Zone::Lead
        } else {
            Zone::Body
        };
        if acc.add_word(w, zone) {
            words += 1;
        }
        true
    });
    acc.finish()
}

/// Takes the first non-empty line as the headline when it is short; returns the rest.
fn split_headline<'a>(text: &'a str, acc: &mut Accumulator) -> &'a str {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    let first = &rest[..end];
    if first.split_whitespace().count() > HEADLINE_MAX_WORDS {
        return rest;
    }
    acc.add_zone(first, Zone::Headline, usize::MAX);
    &rest[end..]
}

/// Bytes folded at a time: the text is folded in pieces cut at ASCII white space, so that
/// reading stops soon after [`MAX_WORDS`] instead of folding the whole of a long article.
const FOLD_PIECE_BYTES: usize = 2048;

/// Calls `f` with each folded word of `text` until it returns false.
fn for_each_word(text: &str, mut f: impl FnMut(&[u8]) -> bool) {
    let mut piece = PieceWords::default();
    let mut rest = text;
    while !rest.is_empty() {
        let (p, after) = split_piece(rest);
        rest = after;
        piece.clear();
        if !try_fold_into(p, &mut piece) {
            // A character NFKC could change: the piece again on the general path.
            piece.clear();
            fold_into(p, &mut piece);
        }
        piece.end_word();
        for w in piece.words() {
            if !f(w) {
                return;
            }
        }
    }
}

/// The folded words of one piece of text: their bytes one after the other, and where each
/// ends. Filled by the folding's fast path, which hands over whole runs of a word at once.
#[derive(Default)]
struct PieceWords {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    in_word: bool,
}

/// Bytes of room made at a time for a run of a word.
const RUN_ROOM: usize = 32;

impl PieceWords {
    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.in_word = false;
    }

    fn end_word(&mut self) {
        if self.in_word {
            self.ends.push(self.bytes.len());
            self.in_word = false;
        }
    }

    /// The words' UTF-8.
    fn words(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.bytes[start..end])
    }

    /// Folds a run into the buffer, [`RUN_ROOM`] bytes at a time (an even number, so runs of
    /// two-byte characters fill it whole) until it writes less: the run has ended.
    #[inline(always)]
    fn push_run(&mut self, mut fold: impl FnMut(&mut [u8]) -> usize) {
        self.in_word = true;
        loop {
            let len = self.bytes.len();
            self.bytes.resize(len + RUN_ROOM, 0);
            let written = fold(&mut self.bytes[len..]);
            self.bytes.truncate(len + written);
            if written < RUN_ROOM {
                return;
            }
        }
    }
}

impl FoldSink for PieceWords {
    #[inline(always)]
    fn push(&mut self, c: u32, word_char: bool) {
        match char::from_u32(c) {
            Some(ch) if word_char && ch != '_' => {
                let mut buf = [0; 4];
                self.bytes
                    .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                self.in_word = true;
            }
            _ => self.end_word(),
        }
    }

    #[inline(always)]
    fn push_ascii_word(&mut self, run: &mut AsciiWord) {
        self.push_run(|out| run.fold_into(out, |_| ()));
    }

    #[inline(always)]
    fn push_two_byte_word(&mut self, run: &mut TwoByteWord) {
        self.push_run(|out| run.fold_into(out, |_| ()));
    }
}

/// The first piece of `text` of about [`FOLD_PIECE_BYTES`], ending after an ASCII white space
/// (which ends any word and is left alone by normalisation, so folding the pieces one by one
/// gives the characters folding the whole would), and the rest.
fn split_piece(text: &str) -> (&str, &str) {
    if text.len() <= FOLD_PIECE_BYTES {
        return (text, "");
    }
    let b = text.as_bytes();
    match b[FOLD_PIECE_BYTES..]
        .iter()
        .position(u8::is_ascii_whitespace)
    {
        Some(i) => text.split_at(FOLD_PIECE_BYTES + i + 1),
        None => (text, ""),
    }
}

/// The term a folded word stands for, or `None` for a word too short to be evidence.
pub fn term_of(word: &str) -> Option<&str> {
    term_and_hash(word.as_bytes())?;
    Some(strip_clitics(word))
}

/// The [`hash_term`] of the term a folded word (its UTF-8) stands for, if any: [`term_of`]
/// over bytes, hashing each form once.
fn term_and_hash(word: &[u8]) -> Option<u32> {
    if word.iter().all(u8::is_ascii_digit) {
        return (word.len() >= MIN_DIGITS).then(|| word_hash(word) as u32);
    }
    if !has_chars(word, MIN_LETTERS) {
        return None;
    }
    let h = word_hash(word);
    if is_function_word_hash(h) {
        return None;
    }
    let term = strip_clitic_bytes(word);
    if term.len() == word.len() {
        return Some(h as u32);
    }
    let h = word_hash(term);
    (!is_function_word_hash(h)).then_some(h as u32)
}

/// Whether the UTF-8 `word` has at least `n` characters (counted up to `n`: the bytes that do
/// not continue a character).
fn has_chars(word: &[u8], n: usize) -> bool {
    word.iter().filter(|&&b| b & 0xC0 != 0x80).take(n).count() == n
}

/// Removes Arabic-script clitic prefixes (see [`CLITICS`]).
pub fn strip_clitics(word: &str) -> &str {
    let rest = strip_clitic_bytes(word.as_bytes());
    // The prefixes are whole characters, so what is left starts on one.
    &word[word.len() - rest.len()..]
}

fn strip_clitic_bytes(word: &[u8]) -> &[u8] {
    // U+0600 to U+06FF: UTF-8 lead bytes D8 to DB.
    if !matches!(word.first(), Some(0xD8..=0xDB)) {
        return word;
    }
    let Some((rest, one_letter)) = strip_one(word, CLITICS) else {
        return word;
    };
    if one_letter {
        if let Some((again, _)) = strip_one(rest, &CLITICS[..ARTICLE_CLITICS]) {
            return again;
        }
    }
    rest
}

fn strip_one<'a>(word: &'a [u8], prefixes: &[(&str, usize)]) -> Option<(&'a [u8], bool)> {
    prefixes.iter().find_map(|&(p, keep)| {
        let rest = word.strip_prefix(p.as_bytes())?;
        has_chars(rest, keep).then_some((rest, p.chars().count() == 1))
    })
}

/// The hash a term is known by in the index.
pub fn hash_term(term: &str) -> u32 {
    word_hash(term.as_bytes()) as u32
}

/// Collects term occurrences; sorted and merged once at the end (cheaper than a hash map for
/// the few hundred words read).
#[derive(Default)]
struct Accumulator {
    seen: Vec<(u32, Zone)>,
}

impl Accumulator {
    fn add_zone(&mut self, text: &str, zone: Zone, limit: usize) {
        let mut n = 0;
        for_each_word(text, |w| {
            if self.add_word(w, zone) {
                n += 1;
            }
            n < limit
        });
    }

    /// Adds a word; false if it is not a term.
    fn add_word(&mut self, word: &[u8], zone: Zone) -> bool {
        let Some(hash) = term_and_hash(word) else {
            return false;
        };
        self.seen.push((hash, zone));
        true
    }

    /// One [`Term`] per hash: its best zone's weight, raised a little by repetition.
    fn finish(mut self) -> Features {
        self.seen.sort_unstable_by_key(|&(h, z)| (h, z));
        let mut terms: Vec<Term> = Vec::with_capacity(self.seen.len());
        let mut i = 0;
        while i < self.seen.len() {
            let (hash, zone) = self.seen[i];
            let run = self.seen[i..]
                .iter()
                .take_while(|(h, _)| *h == hash)
                .count();
            terms.push(Term {
                hash,
                weight: zone.weight() * (1.0 + REPEAT * (run as f32).ln()),
            });
            i += run;
        }
        Features { terms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::normalize::{for_each_folded, is_word_char};

    fn weight_of(f: &Features, term: &str) -> Option<f32> {
        let h = hash_term(term);
        f.terms.iter().find(|t| t.hash == h).map(|t| t.weight)
    }

    #[test]
    fn clitics_and_the_article_come_off_arabic_script_words() {
        assert_eq!(strip_clitics("والکاظمی"), "کاظمی");
        assert_eq!(strip_clitics("الکاظمی"), "کاظمی");
        assert_eq!(strip_clitics("وکاظمی"), "کاظمی");
        assert_eq!(strip_clitics("بالعراق"), "عراق");
    }

    #[test]
    fn short_words_keep_their_first_letter() {
        assert_eq!(strip_clitics("بنک"), "بنک");
        assert_eq!(strip_clitics("الف"), "الف");
        assert_eq!(strip_clitics("London"), "London");
    }

    #[test]
    fn particles_and_single_digits_are_not_terms() {
        assert_eq!(term_of("في"), None);
        assert_eq!(term_of("of"), None);
        assert_eq!(term_of("the"), None);
        assert_eq!(term_of("والتی"), None);
        assert_eq!(term_of("7"), None);
        assert_eq!(term_of("17"), Some("17"));
    }

    #[test]
    fn the_headline_weighs_more_than_the_body() {
        let f = features(
            None,
            "Harbour strike ends in Valparaiso\n\nDock workers voted on Monday. \
             The union said the talks with the port authority had taken weeks.",
        );
        let head = weight_of(&f, "valparaiso").unwrap();
        let lead = weight_of(&f, "union").unwrap();
        assert!(head > lead, "{head} {lead}");
    }

    #[test]
    fn a_long_first_line_is_body_not_headline() {
        let line = "word ".repeat(HEADLINE_MAX_WORDS + 5) + "Valparaiso";
        let f = features(None, &line);
        assert_eq!(weight_of(&f, "valparaiso"), Some(LEAD_WEIGHT));
    }

    #[test]
    fn arabic_and_persian_spellings_of_a_name_give_one_term() {
        let ar = features(None, "التقى الرئيس مصطفى الكاظمي في طهران");
        let fa = features(None, "دیدار با مصطفی کاظمی در تهران");
        for name in ["کاظمی", "مصطفی", "طهران"] {
            assert!(weight_of(&ar, name).is_some(), "{name} in ar");
        }
        assert!(weight_of(&fa, "کاظمی").is_some());
        assert!(weight_of(&fa, "مصطفی").is_some());
    }

    #[test]
    fn folding_in_pieces_gives_the_words_folding_the_whole_does() {
        let text = "Ｆｕｌｌ width and e\u{301}clair, «والکاظمی» 12 ".repeat(300);
        let mut pieces = Vec::new();
        for_each_word(&text, |w| {
            pieces.push(String::from_utf8(w.to_vec()).unwrap());
            true
        });
        let mut whole = Vec::new();
        let mut word = String::new();
        for_each_folded(&text, |c| {
            if is_word_char(c) && c != '_' {
                word.push(c);
            } else if !word.is_empty() {
                whole.push(std::mem::take(&mut word));
            }
        });
        assert!(text.len() > 4 * FOLD_PIECE_BYTES);
        assert_eq!(pieces, whole);
    }

    #[test]
    fn a_title_field_is_the_headline() {
        let f = features(Some("Flood in Porto Alegre"), "Rain fell for three days.");
        assert_eq!(weight_of(&f, "alegre"), Some(HEADLINE_WEIGHT));
        assert_eq!(weight_of(&f, "rain"), Some(LEAD_WEIGHT));
    }
}
