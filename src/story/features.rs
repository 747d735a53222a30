//! The evidence an article brings to story linking: its distinct terms, each weighted by
//! where it stands (headline, opening paragraph, body) and how often it occurs. Rarity is not
//! known here; the index multiplies it in ([`super::index`]).
//!
//! Terms are the words of the folded text ([`crate::text::chars::normalize`]: letter forms,
//! digits, case), so an Arabic and a Persian report of one meeting share the names and numbers
//! they both write. Arabic-script words lose the clitics that glue onto them (و, ف, ب, ل, ک and the
//! article ال), so «والکاظمی», «الکاظمی» and «کاظمی» are one term.

use super::function_words::is_function_word;
use crate::text::chars::normalize::{for_each_folded, is_word_char};

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
/// opening paragraph to tell which event a report is about.
const HEADLINE_WEIGHT: f32 = 3.0;
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

/// Calls `f` with each folded word of `text` until it returns false.
fn for_each_word(text: &str, mut f: impl FnMut(&str) -> bool) {
    let mut word = String::with_capacity(32);
    let mut go = true;
    for_each_folded(text, |c| {
        if !go {
            return;
        }
        if is_word_char(c) && c != '_' {
            word.push(c);
        } else if !word.is_empty() {
            go = f(&word);
            word.clear();
        }
    });
    if go && !word.is_empty() {
        f(&word);
    }
}

/// The term a folded word stands for, or `None` for a word too short to be evidence.
pub fn term_of(word: &str) -> Option<&str> {
    let chars = word.chars().count();
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return (chars >= MIN_DIGITS).then_some(word);
    }
    if chars < MIN_LETTERS || is_function_word(word) {
        return None;
    }
    let term = strip_clitics(word);
    (!is_function_word(term)).then_some(term)
}

/// Removes Arabic-script clitic prefixes (see [`CLITICS`]).
pub fn strip_clitics(word: &str) -> &str {
    if !word.starts_with(|c: char| ('\u{0600}'..='\u{06FF}').contains(&c)) {
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

fn strip_one<'a>(word: &'a str, prefixes: &[(&str, usize)]) -> Option<(&'a str, bool)> {
    prefixes.iter().find_map(|&(p, keep)| {
        let rest = word.strip_prefix(p)?;
        (rest.chars().count() >= keep).then_some((rest, p.chars().count() == 1))
    })
}

/// The hash a term is known by in the index.
pub fn hash_term(term: &str) -> u32 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes()) as u32
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
    fn add_word(&mut self, word: &str, zone: Zone) -> bool {
        let Some(term) = term_of(word) else {
            return false;
        };
        self.seen.push((hash_term(term), zone));
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
    fn a_title_field_is_the_headline() {
        let f = features(Some("Flood in Porto Alegre"), "Rain fell for three days.");
        assert_eq!(weight_of(&f, "alegre"), Some(HEADLINE_WEIGHT));
        assert_eq!(weight_of(&f, "rain"), Some(LEAD_WEIGHT));
    }
}
