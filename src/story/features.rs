//! The evidence an article brings to story linking: its distinct terms, each weighted by
//! where it stands (headline, opening paragraph, body) and how often it occurs. Rarity is not
//! known here; the index multiplies it in (`index.rs`).
//!
//! Terms are the words of the folded text ([`crate::text::chars::normalize`]: letter forms,
//! digits, case), so an Arabic and a Persian report of one meeting share the names and numbers
//! they both write. Arabic-script words lose the clitics that glue onto them (و, ف, ب, ل, ک and the
//! article ال), so «والکاظمی», «الکاظمی» and «کاظمی» are one term.

use super::function_words::{is_function_word_hash, word_hash};
use crate::text::words::FoldedWords;

/// A headline is the first line when it is at most this many words; a longer first line is
/// already the body (the Persian seeds and some wire copy start straight with a paragraph).
const HEADLINE_MAX_WORDS: usize = 30;
/// The words after the headline that make the opening paragraph: the who, what, where and
/// when of a news report are there.
const LEAD_WORDS: usize = 60;
/// Words read in all. Later paragraphs add background, which is shared by reports of
/// different events on one topic, and reading them costs time on long articles (300 links the
/// tuning pairs as 400 did; 250 and 200 lose some).
const MAX_WORDS: usize = 300;
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
/// English suffixes of inflection and derivation taken off a word (see
/// [`Stemming::EnglishSuffixes`]), longer ones first; the first that fits is taken.
const ENGLISH_SUFFIXES: &[&str] = &[
    "ations", "ation", "ances", "ance", "ences", "ence", "ments", "ment", "ings", "ing", "ions",
    "ion", "ies", "ers", "er", "ed", "es", "s", "y", "e",
];
/// Letters an English word keeps once its suffix is off: "king" and "seed" stay whole.
const ENGLISH_STEM_LETTERS: usize = 3;

/// How the inflected forms of a word are brought together, by the article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemming {
    /// Words are terms as folded (Arabic script loses its clitics, see [`CLITICS`]).
    None,
    /// English: a word of plain letters loses one suffix of [`ENGLISH_SUFFIXES`], so
    /// "accepts", "accepted" and "acceptance" are "accept", "debate", "debates" and
    /// "debating" are "debat". Two English reports of one event often tell it in other forms
    /// of the same words ("accepts the nomination", "his acceptance speech"), an analysis
    /// piece more than a news report. Only the ending goes, so names that begin alike
    /// ("Johnson", "Johnston") stay apart.
    EnglishSuffixes,
}

impl Stemming {
    /// The stemming for a result's `language.code`.
    pub fn of_language(code: &str) -> Stemming {
        match code {
            "en" => Stemming::EnglishSuffixes,
            _ => Stemming::None,
        }
    }
}

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

/// Where a term stands, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// The features of an article from its folded words: `title` is its headline when the message
/// has one, otherwise the text's first line is, when it is short enough to be one.
pub fn features(title: Option<&str>, words: &FoldedWords, stemming: Stemming) -> Features {
    let mut acc = Accumulator::new(stemming);
    let mut body = words.words();
    match title {
        Some(t) => acc.add_zone(FoldedWords::of(t).words(), Zone::Headline),
        None => {
            if let Some(n) = words
                .first_line_words()
                .filter(|&n| n as usize <= HEADLINE_MAX_WORDS)
            {
                acc.add_zone(body.by_ref().take(n as usize), Zone::Headline);
            }
        }
    }
    let mut terms = 0;
    for w in body {
        if terms >= MAX_WORDS {
            break;
        }
        let zone = if terms < LEAD_WORDS {
            Zone::Lead
        } else {
            Zone::Body
        };
        if acc.add_word(w, zone) {
            terms += 1;
        }
    }
    acc.finish()
}

/// [`features`] of a text folded here, without stemming (the tests' reference).
pub fn features_of_text(title: Option<&str>, text: &str) -> Features {
    features(title, &FoldedWords::of(text), Stemming::None)
}

/// The term a folded word stands for, or `None` for a word too short to be evidence.
pub fn term_of(word: &str) -> Option<&str> {
    term_and_hash(word.as_bytes(), Stemming::None)?;
    match word.find(|c: char| c.is_ascii_digit()) {
        Some(i) if number_after_clitic(word.as_bytes()).is_some() => Some(&word[i..]),
        _ => Some(strip_clitics(word)),
    }
}

/// The [`hash_term`] of the term a folded word (its UTF-8) stands for, if any: [`term_of`]
/// over bytes, hashing each form once, then cut short as `stemming` says.
fn term_and_hash(word: &[u8], stemming: Stemming) -> Option<u32> {
    // Most words start with a letter: the digits are looked at only when the first is one.
    if word.first().is_some_and(u8::is_ascii_digit) && word.iter().all(u8::is_ascii_digit) {
        return (word.len() >= MIN_DIGITS).then(|| word_hash(word) as u32);
    }
    if matches!(word.first(), Some(0xD8..=0xDB)) && word.last().is_some_and(u8::is_ascii_digit) {
        if let Some(h) = number_after_clitic(word) {
            return Some(h);
        }
    }
    if !has_chars(word, MIN_LETTERS) {
        return None;
    }
    let h = word_hash(word);
    if is_function_word_hash(h) {
        return None;
    }
    if stemming == Stemming::EnglishSuffixes && word.iter().all(u8::is_ascii_lowercase) {
        return Some(word_hash(english_stem(word)) as u32);
    }
    let term = strip_clitic_bytes(word);
    if term.len() == word.len() {
        return Some(h as u32);
    }
    let h = word_hash(term);
    (!is_function_word_hash(h)).then_some(h as u32)
}

/// An English word (plain lower-case letters) without its suffix ([`ENGLISH_SUFFIXES`]).
/// A plural «s» stays after «s», «u» and «i» ("class", "caucus", "analysis").
fn english_stem(word: &[u8]) -> &[u8] {
    for suffix in ENGLISH_SUFFIXES {
        let Some(stem) = word.strip_suffix(suffix.as_bytes()) else {
            continue;
        };
        if stem.len() < ENGLISH_STEM_LETTERS
            || (*suffix == "s" && matches!(stem.last(), Some(b's' | b'u' | b'i')))
        {
            return word;
        }
        return stem;
    }
    word
}

/// The hash of a number of two digits or more written onto an Arabic-script clitic («و10»,
/// «بـ12», «الـ66» once the tatweel is folded away): the number's own term, so that a toll or
/// score meets the same number written alone. `None` for any other word.
fn number_after_clitic(word: &[u8]) -> Option<u32> {
    let digits = word.iter().position(u8::is_ascii_digit)?;
    let (prefix, number) = word.split_at(digits);
    if number.len() < MIN_DIGITS || !number.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // «و» may come before another clitic («والـ5»).
    let after_and = prefix.strip_prefix("و".as_bytes()).unwrap_or(prefix);
    let clitic = |p: &[u8]| CLITICS.iter().any(|(c, _)| c.as_bytes() == p);
    (clitic(prefix) || clitic(after_and)).then(|| word_hash(number) as u32)
}

/// Whether the UTF-8 `word` has at least `n` characters (counted up to `n`: the bytes that do
/// not continue a character).
fn has_chars(word: &[u8], n: usize) -> bool {
    // A character takes one to four bytes: only lengths in between need counting.
    if word.len() < n || word.len() >= 4 * n {
        return word.len() >= n;
    }
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
    let Some((rest, one_letter)) = strip_one(word, &CLITIC_PREFIXES) else {
        return word;
    };
    if one_letter {
        if let Some((again, _)) = strip_one(rest, &CLITIC_PREFIXES[..ARTICLE_CLITICS]) {
            return again;
        }
    }
    rest
}

/// A clitic of [`CLITICS`] as the bytes it starts a word with: the word's first eight bytes,
/// read as one number and masked to the prefix's length, equal `bits` when it starts with
/// the prefix. One comparison a prefix instead of a comparison of bytes.
#[derive(Clone, Copy)]
struct Prefix {
    bits: u64,
    mask: u64,
    len: usize,
    /// Characters that must remain after it.
    keep: usize,
}

const fn prefix(p: &str, keep: usize) -> Prefix {
    let b = p.as_bytes();
    assert!(b.len() <= 8);
    let (mut bits, mut mask, mut i) = (0u64, 0u64, 0);
    while i < b.len() {
        bits |= (b[i] as u64) << (8 * i);
        mask |= 0xFF << (8 * i);
        i += 1;
    }
    Prefix {
        bits,
        mask,
        len: b.len(),
        keep,
    }
}

const CLITIC_PREFIXES: [Prefix; CLITICS.len()] = {
    let mut out = [prefix("", 0); CLITICS.len()];
    let mut i = 0;
    while i < CLITICS.len() {
        out[i] = prefix(CLITICS[i].0, CLITICS[i].1);
        i += 1;
    }
    out
};

/// The word's first eight bytes (fewer for a shorter word, the rest zero) as a number.
fn first_bytes(word: &[u8]) -> u64 {
    match word.first_chunk::<8>() {
        Some(b) => u64::from_le_bytes(*b),
        None => word.iter().rev().fold(0, |acc, &b| acc << 8 | u64::from(b)),
    }
}

/// The rest of the word after the first of `prefixes` it starts with (keeping enough letters),
/// and whether that prefix is one letter.
fn strip_one<'a>(word: &'a [u8], prefixes: &[Prefix]) -> Option<(&'a [u8], bool)> {
    let first = first_bytes(word);
    prefixes.iter().find_map(|p| {
        if first & p.mask != p.bits || word.len() < p.len {
            return None;
        }
        let rest = &word[p.len..];
        // Arabic-script letters are two bytes: a one-letter prefix is two.
        has_chars(rest, p.keep).then_some((rest, p.len == 2))
    })
}

/// The hash a term is known by in the index.
pub fn hash_term(term: &str) -> u32 {
    word_hash(term.as_bytes()) as u32
}

/// Collects term occurrences, each term once with its best zone and count, in the order the
/// terms first occur.
///
/// Mechanism: a small open-addressing table. `slots` holds, at a place chosen by the top bits
/// of a mix of the term's hash and then probed linearly, one more than the index of the term's
/// entry in `counts` (0: empty). It is kept at most half full, so a probe seldom goes past
/// the first slot; a word costs a look-up instead of its share of a sort, whose comparisons
/// the processor mispredicts. The reference in the tests sorts and merges.
struct Accumulator {
    slots: Vec<u32>,
    counts: Vec<Count>,
    stemming: Stemming,
}

/// One term's occurrences so far.
struct Count {
    hash: u32,
    zone: Zone,
    n: u32,
}

/// Slots at first (a power of two): twice the words read and a headline, so that the table
/// seldom grows.
const INITIAL_SLOTS: usize = 1024;

impl Accumulator {
    fn new(stemming: Stemming) -> Self {
        Accumulator {
            slots: vec![0; INITIAL_SLOTS],
            counts: Vec::with_capacity(INITIAL_SLOTS / 2),
            stemming,
        }
    }

    fn add_zone<'a>(&mut self, words: impl Iterator<Item = &'a [u8]>, zone: Zone) {
        for w in words {
            self.add_word(w, zone);
        }
    }

    /// Adds a word; false if it is not a term.
    fn add_word(&mut self, word: &[u8], zone: Zone) -> bool {
        let Some(hash) = term_and_hash(word, self.stemming) else {
            return false;
        };
        self.add(hash, zone);
        true
    }

    fn add(&mut self, hash: u32, zone: Zone) {
        if 2 * (self.counts.len() + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(hash, self.slots.len());
        loop {
            match self.slots[i] {
                0 => {
                    self.counts.push(Count { hash, zone, n: 1 });
                    self.slots[i] = self.counts.len() as u32;
                    return;
                }
                s => {
                    let c = &mut self.counts[s as usize - 1];
                    if c.hash == hash {
                        c.zone = c.zone.min(zone);
                        c.n += 1;
                        return;
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table (a headline field of hundreds of words) and places the terms again.
    fn grow(&mut self) {
        let len = 2 * self.slots.len();
        self.slots = vec![0; len];
        for (k, c) in self.counts.iter().enumerate() {
            let mut i = slot_of(c.hash, len);
            while self.slots[i] != 0 {
                i = (i + 1) & (len - 1);
            }
            self.slots[i] = k as u32 + 1;
        }
    }

    /// One [`Term`] per hash: its best zone's weight, raised a little by repetition.
    fn finish(self) -> Features {
        let terms = self
            .counts
            .iter()
            .map(|c| Term {
                hash: c.hash,
                weight: c.zone.weight() * repetition(c.n),
            })
            .collect();
        Features { terms }
    }
}

/// The slot a term's probe starts at in a table of `len` slots (a power of two): the top bits
/// of a multiplicative mix, which spreads hashes that differ in any bit.
fn slot_of(hash: u32, len: usize) -> usize {
    let mixed = u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - len.trailing_zeros())) as usize
}

/// `1 + REPEAT × ln n`: most terms occur once, and ln 1 is 0, so the logarithm is taken only
/// for the others.
fn repetition(n: u32) -> f32 {
    match n {
        1 => 1.0,
        n => 1.0 + REPEAT * (n as f32).ln(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// [`strip_clitics`] as [`CLITICS`] defines it, with string prefixes and counted letters.
    fn strip_by_definition(word: &str) -> &str {
        let one = |w: &str, table: &[(&str, usize)]| -> Option<(usize, bool)> {
            table.iter().find_map(|&(p, keep)| {
                let rest = w.strip_prefix(p)?;
                (rest.chars().count() >= keep).then_some((p.len(), p.chars().count() == 1))
            })
        };
        let Some((cut, one_letter)) = one(word, CLITICS) else {
            return word;
        };
        let rest = &word[cut..];
        match one(rest, &CLITICS[..ARTICLE_CLITICS]) {
            Some((again, _)) if one_letter => &rest[again..],
            _ => rest,
        }
    }

    #[test]
    fn clitics_come_off_as_the_table_says() {
        let letters = ["و", "ا", "ل", "ب", "ف", "ک", "م", "ن", "ی", "a"];
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let len = (x % 9) as usize;
            let word = crate::text::random_text(&letters, len, &mut x);
            assert_eq!(strip_clitics(&word), strip_by_definition(&word), "{word}");
        }
    }

    /// The [`Accumulator`] by definition: every occurrence sorted, each term's run merged.
    fn terms_by_sorting(occurrences: &[(u32, Zone)]) -> Vec<(u32, f32)> {
        let mut seen = occurrences.to_vec();
        seen.sort_unstable_by_key(|&(h, z)| (h, z));
        seen.chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0, run[0].1.weight() * repetition(run.len() as u32)))
            .collect()
    }

    #[test]
    fn the_table_merges_occurrences_as_sorting_does() {
        let zones = [Zone::Headline, Zone::Lead, Zone::Body];
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..200 {
            // Up to 3,000 occurrences of up to 1,500 terms: the table grows now and then.
            let n = (round * 15) % 3_000;
            let occurrences: Vec<(u32, Zone)> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (
                        ((x % 1_500) as u32).wrapping_mul(2_654_435_761),
                        zones[(x >> 20) as usize % 3],
                    )
                })
                .collect();
            let mut acc = Accumulator::new(Stemming::None);
            for &(h, z) in &occurrences {
                acc.add(h, z);
            }
            let mut got: Vec<(u32, f32)> = acc
                .finish()
                .terms
                .iter()
                .map(|t| (t.hash, t.weight))
                .collect();
            got.sort_unstable_by_key(|t| t.0);
            assert_eq!(got, terms_by_sorting(&occurrences), "round {round}");
        }
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
    fn a_number_written_onto_a_clitic_is_the_number() {
        assert_eq!(term_of("و14"), Some("14"));
        assert_eq!(term_of("ال66"), Some("66"));
        assert_eq!(term_of("وال2026"), Some("2026"));
        assert_eq!(term_of("ب3"), None);
        let f = features_of_text(None, "غرق زورق یحمل 41 مهاجرا\n\nقضی ال41 مهاجرا و12 طفلا");
        let g = features_of_text(None, "وفاه 41 مهاجرا بینهم 12 طفلا");
        assert!(weight_of(&f, "12").is_some() && weight_of(&g, "12").is_some());
        // A code whose letters are no clitic keeps its own term.
        assert_eq!(term_of("مک37"), Some("مک37"));
    }

    #[test]
    fn what_is_left_of_a_negative_contraction_is_no_term() {
        let f = features_of_text(
            None,
            "The mayor hasn't resigned and didn't say why it wasn't done",
        );
        for part in ["hasn", "didn", "wasn"] {
            assert_eq!(weight_of(&f, part), None, "{part}");
        }
        assert!(weight_of(&f, "mayor").is_some());
    }

    #[test]
    fn the_headline_weighs_more_than_the_body() {
        let f = features_of_text(
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
        let f = features_of_text(None, &line);
        assert_eq!(weight_of(&f, "valparaiso"), Some(LEAD_WEIGHT));
    }

    #[test]
    fn arabic_and_persian_spellings_of_a_name_give_one_term() {
        let ar = features_of_text(None, "التقى الرئيس مصطفى الكاظمي في طهران");
        let fa = features_of_text(None, "دیدار با مصطفی کاظمی در تهران");
        for name in ["کاظمی", "مصطفی", "طهران"] {
            assert!(weight_of(&ar, name).is_some(), "{name} in ar");
        }
        assert!(weight_of(&fa, "کاظمی").is_some());
        assert!(weight_of(&fa, "مصطفی").is_some());
    }

    #[test]
    fn english_forms_of_one_word_give_one_term() {
        let english =
            |text: &str| features(None, &FoldedWords::of(text), Stemming::EnglishSuffixes);
        let a = english("The governor accepted the award\n\nHer acceptance speech was short.");
        let b = english("Governors accept awards");
        for term in ["accept", "governor", "award"] {
            assert!(
                weight_of(&a, term).is_some() && weight_of(&b, term).is_some(),
                "{term}"
            );
        }
        // Without stemming every form is its own term.
        let c = features_of_text(None, "Governors accept awards");
        assert!(weight_of(&c, "awards").is_some() && weight_of(&c, "award").is_none());
    }

    #[test]
    fn an_english_stem_keeps_names_that_begin_alike_apart() {
        let stem = |w: &str| String::from_utf8(english_stem(w.as_bytes()).to_vec()).unwrap();
        assert_eq!(stem("debating"), "debat");
        assert_eq!(stem("debates"), "debat");
        assert_eq!(stem("debate"), "debat");
        assert_ne!(stem("johnson"), stem("johnston"));
        // Too little would be left, or the «s» is no plural.
        assert_eq!(stem("king"), "king");
        assert_eq!(stem("caucus"), "caucus");
        assert_eq!(stem("caucuses"), "caucus");
        assert_eq!(stem("analysis"), "analysis");
    }

    #[test]
    fn a_title_field_is_the_headline() {
        let f = features_of_text(Some("Flood in Porto Alegre"), "Rain fell for three days.");
        assert_eq!(weight_of(&f, "alegre"), Some(HEADLINE_WEIGHT));
        assert_eq!(weight_of(&f, "rain"), Some(LEAD_WEIGHT));
    }
}
