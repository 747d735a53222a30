//! Cleaning before detection: what carries no language is blanked out, so that a URL, an
//! e-mail address, markup, a number or a byline does not vote. Removed spans become spaces,
//! which keeps word boundaries; the cleaned text is used only for scoring, never for offsets.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::evidence::{EvidenceTables, Scorer, Scores};
use super::languages::LANGUAGES;
use crate::text::chars::utf8::decode_two;
use crate::text::chars::{is_arabic_presentation_form, TATWEEL};
use crate::text::script::{Script, ScriptCounts, Scripts};

/// Lines that open with one of these and are short are bylines or credits, in any language
/// here; they name people and agencies rather than speak the article's language.
const BYLINE_PREFIXES: &[&str] = &[
    "photo:",
    "credit:",
    "source:",
    "автор:",
    "بقلم",
    "كتب:",
    "كتبه:",
    "نویسنده:",
    "نوشته:",
    "تحریر:",
];

/// Latin-script bylines ("By Jane Doe", "Von Hans Müller"): the word, then only capitalised
/// names, so that "Por algo había que empezar" stays.
const NAME_BYLINE_WORDS: &[&str] = &["by", "von", "par", "por", "photo by", "text by"];

/// A byline has at most this many words.
const BYLINE_MAX_WORDS: usize = 8;

/// The text with URLs, e-mail addresses, @mentions, HTML tags and entities, Markdown link
/// targets, digits and byline lines replaced by spaces.
pub fn clean(text: &str) -> String {
    clean_lines(text, text.split('\n'), &EvidenceTables::new()).text
}

/// A cleaned text and, for each of its lines, the byte range of the line, its letters per
/// script and its letter and word evidence, gathered while cleaning.
pub struct Cleaned {
    pub text: String,
    pub lines: Vec<Line>,
}

/// One line of a [`Cleaned`] text.
pub struct Line {
    pub range: std::ops::Range<usize>,
    pub counts: ScriptCounts,
    /// `counts.dominant()`, asked for more than once per line.
    pub script: Option<Script>,
    pub evidence: Scores,
}

/// [`clean`], line by line (the lines of the cleaned text are those of `text`, which the
/// caller has split at `\n` already: `lines_of_text`, in order), in one pass that also counts
/// the letters of each line and scores its evidence.
pub fn clean_lines<'t>(
    text: &'t str,
    lines_of_text: impl Iterator<Item = &'t str>,
    tables: &EvidenceTables,
) -> Cleaned {
    let mut out = String::with_capacity(text.len());
    let mut lines = Vec::with_capacity(lines_of_text.size_hint().0);
    let scripts = Scripts::get();
    let mut markup = MarkupFinder::new(text.as_bytes());
    let mut line_start = 0;
    for (i, line) in lines_of_text.enumerate() {
        let line_end = line_start + line.len();
        if i > 0 {
            out.push('\n');
        }
        let start = out.len();
        // An empty line (between paragraphs, about a third of them) has no letters and no
        // evidence: told without the cleaning pass.
        if line.is_empty() {
            lines.push(Line {
                range: start..start,
                counts: ScriptCounts::default(),
                script: None,
                evidence: [0.0; LANGUAGES.len()],
            });
            line_start = line_end + 1;
            continue;
        }
        let mut counts = ScriptCounts::default();
        let mut evidence = Scorer::new(tables);
        if !is_byline(line) {
            let has_markup = markup.within(line_start, line_end);
            clean_line(
                line,
                has_markup,
                &mut out,
                &mut counts,
                &mut evidence,
                scripts,
            );
        }
        evidence.boundary();
        lines.push(Line {
            range: start..out.len(),
            script: counts.dominant(),
            counts,
            evidence: evidence.scores,
        });
        line_start = line_end + 1;
    }
    Cleaned { text: out, lines }
}

/// Where the next markup byte ([`MARKUP`]) is, found for the whole text a few bytes at a time
/// with `memchr3` rather than by testing every byte of every line: most lines have none.
struct MarkupFinder<'a> {
    bytes: &'a [u8],
    /// Per group of up to three markup bytes, the first of them at or after the last line
    /// asked about (`bytes.len()` when there is none).
    next: [usize; MARKUP_GROUPS],
}

const MARKUP_GROUPS: usize = MARKUP.len().div_ceil(3);

impl<'a> MarkupFinder<'a> {
    fn new(bytes: &'a [u8]) -> MarkupFinder<'a> {
        let mut finder = MarkupFinder {
            bytes,
            next: [0; MARKUP_GROUPS],
        };
        for group in 0..MARKUP_GROUPS {
            finder.next[group] = finder.find(group, 0);
        }
        finder
    }

    /// The first byte of `group` at or after `from`.
    fn find(&self, group: usize, from: usize) -> usize {
        let set = &MARKUP[3 * group..MARKUP.len().min(3 * group + 3)];
        let last = set[set.len() - 1];
        let (a, b, c) = (set[0], *set.get(1).unwrap_or(&last), last);
        memchr::memchr3(a, b, c, &self.bytes[from..]).map_or(self.bytes.len(), |i| from + i)
    }

    /// Whether `bytes[start..end]` holds a markup byte; lines are asked about in order.
    fn within(&mut self, start: usize, end: usize) -> bool {
        let mut found = false;
        for group in 0..MARKUP_GROUPS {
            if self.next[group] < start {
                self.next[group] = self.find(group, start);
            }
            found |= self.next[group] < end;
        }
        found
    }
}

fn is_byline(line: &str) -> bool {
    let trimmed = line.trim_start();
    // Most lines start with a letter no byline starts with: answered without reading words.
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    // Unicode's case tables only for a script that has case (not for Arabic, say).
    let first = if first.is_ascii() {
        first.to_ascii_lowercase()
    } else if Scripts::get()
        .of(first)
        .is_some_and(|script| !script.is_cased())
    {
        first
    } else {
        first.to_lowercase().next().unwrap_or(first)
    };
    // Compared as characters: inline, where `starts_with`, comparing bytes, calls `memcmp`
    // per prefix.
    let starts = |p: &&str| p.chars().next().is_some_and(|c| c == first);
    if !BYLINE_PREFIXES.iter().any(starts) && !NAME_BYLINE_WORDS.iter().any(starts) {
        return false;
    }
    // ... and most others with a first word no byline starts with.
    let prefixed = BYLINE_PREFIXES
        .iter()
        .any(|p| starts_with_lowercased(trimmed, p));
    let first_word = trimmed.split_whitespace().next().unwrap_or_default();
    // (`first_word` holds no space: it is the first word of a byline word when `w` starts with
    // it and has a space or nothing after it.)
    let n = first_word.len();
    if !prefixed
        && !NAME_BYLINE_WORDS.iter().any(|w| {
            w.get(..n)
                .is_some_and(|a| a.eq_ignore_ascii_case(first_word))
                && w.as_bytes().get(n).is_none_or(|&b| b == b' ')
        })
    {
        return false;
    }
    let mut words = [""; BYLINE_MAX_WORDS];
    let mut n = 0;
    for w in trimmed.split_whitespace() {
        if n == BYLINE_MAX_WORDS {
            return false;
        }
        words[n] = w;
        n += 1;
    }
    let words = &words[..n];
    if prefixed {
        return true;
    }
    NAME_BYLINE_WORDS.iter().any(|w| {
        let n = w.split(' ').count();
        words.len() > n
            && w.split(' ')
                .zip(words)
                .all(|(a, b)| b.eq_ignore_ascii_case(a))
            && words[n..].iter().all(|name| {
                name.chars().next().is_some_and(char::is_uppercase)
                    || matches!(*name, "and" | "und" | "et" | "y" | "&")
            })
    })
}

/// Whether the first 16 characters of `text`, lower-cased, start with `prefix`.
fn starts_with_lowercased(text: &str, prefix: &str) -> bool {
    let mut lower = text.chars().take(16).flat_map(char::to_lowercase);
    prefix.chars().all(|p| lower.next() == Some(p))
}

/// Cleans one line into `out`, counting its letters and scoring its evidence. Most lines have
/// no markup and most words are no address, so the line is copied in runs and only the words
/// that hold `.`, `@` or `/` are looked at closely.
fn clean_line(
    line: &str,
    has_markup: bool,
    out: &mut String,
    counts: &mut ScriptCounts,
    evidence: &mut Scorer,
    scripts: Scripts,
) {
    let without_markup = if has_markup {
        Cow::Owned(strip_markup(line))
    } else {
        Cow::Borrowed(line)
    };
    let composed = composed(without_markup);
    let line = composed.as_ref();
    let bytes = line.as_bytes();
    let mut done = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'.', b'@', b'/', &bytes[at..]) {
        let pos = at + found;
        // A full stop that ends a word ("said.") ends no address: the word before it holds none
        // of `.@/` (it starts after `at`, where the search began), and trimming drops the stop.
        // Most of what is found is these.
        if bytes[pos] == b'.' && bytes.get(pos + 1).is_none_or(|&b| b == b' ') {
            at = pos + 1;
            continue;
        }
        let start = line[..pos].rfind(' ').map_or(0, |s| s + 1);
        let end = line[pos..].find(' ').map_or(line.len(), |e| pos + e);
        if is_address(&line[start..end], scripts) {
            push_clean(&line[done..start], out, counts, evidence, scripts);
            done = end;
        }
        at = end;
    }
    push_clean(&line[done..], out, counts, evidence, scripts);
}

/// The line in composed form (NFC) when it holds combining diacritical marks, as text typed or
/// converted in decomposed form does: a Vietnamese or Yoruba letter is then a base letter and
/// marks, which the models do not know as one letter and cleaning would read as a word break.
fn composed(line: Cow<'_, str>) -> Cow<'_, str> {
    // The marks U+0300–U+036F are encoded with these lead bytes, which most lines lack.
    let may_have_marks = memchr::memchr2(0xCC, 0xCD, line.as_bytes()).is_some();
    if may_have_marks && line.chars().any(|c| matches!(c, '\u{0300}'..='\u{036F}')) {
        Cow::Owned(line.nfc().collect())
    } else {
        line
    }
}

/// Bytes that may start markup, which [`strip_markup`] removes.
const MARKUP: &[u8] = b"<&][!*_#`|";

/// Appends `text` to `out` with digits as spaces, kashidas dropped and presentation forms
/// folded, and counts and scores its letters as they are written; runs of other characters are
/// copied as they are. Most characters are letters copied as they are: those are read a run at
/// a time ([`Scorer::read_letters`]), the others one by one.
fn push_clean(
    text: &str,
    out: &mut String,
    counts: &mut ScriptCounts,
    evidence: &mut Scorer,
    scripts: Scripts,
) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = evidence.read_letters(bytes, i, counts);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b.is_ascii() {
            if b.is_ascii_alphabetic() {
                counts.add_letter(Script::Latin);
                evidence.letter(char::from(b), Script::Latin);
            } else {
                evidence.boundary();
                if b.is_ascii_digit() {
                    out.push_str(&text[run..i]);
                    out.push(' ');
                    run = i + 1;
                }
            }
            i += 1;
            continue;
        }
        let (c, n) = decode(bytes, i, text);
        // The kashida is dropped so the word stays whole; presentation forms are folded to the
        // letters the models know.
        let replaced = if c == TATWEEL {
            Some(Replace::Drop)
        } else if n > 2 && is_arabic_presentation_form(c) {
            Some(Replace::Fold)
        } else {
            match scripts.of(c) {
                Some(script) => {
                    counts.add_letter(script);
                    evidence.letter(c, script);
                    None
                }
                None => {
                    evidence.boundary();
                    // A digit of any script (letters, ruled out first, are never digits). General
                    // Punctuation (dashes, quotes, the zero-width non-joiner), most of what
                    // comes here, holds none: told without Unicode's slower look-up.
                    let punctuation = matches!(c, '\u{2000}'..='\u{206F}');
                    (!punctuation && c.is_numeric()).then_some(Replace::Space)
                }
            }
        };
        if let Some(replace) = replaced {
            out.push_str(&text[run..i]);
            match replace {
                Replace::Drop => {}
                Replace::Space => out.push(' '),
                Replace::Fold => {
                    for folded in std::iter::once(c).nfkc() {
                        match scripts.of(folded) {
                            Some(script) => {
                                counts.add_letter(script);
                                evidence.letter(folded, script);
                            }
                            None => evidence.boundary(),
                        }
                        out.push(folded);
                    }
                }
            }
            run = i + n;
        }
        i += n;
    }
    out.push_str(&text[run..]);
}

/// The character that starts at byte `i` of `text` (not ASCII) and its length in bytes. Arabic,
/// Persian, Cyrillic, Greek, Hebrew and accented Latin letters take two bytes, decoded here
/// inline; longer ones through `str`.
#[inline(always)]
fn decode(bytes: &[u8], i: usize, text: &str) -> (char, usize) {
    if bytes[i] & 0xE0 == 0xC0 {
        if let Some(&next) = bytes.get(i + 1) {
            let u = decode_two(bytes[i], next);
            return (char::from_u32(u).unwrap_or_default(), 2);
        }
    }
    let c = text[i..].chars().next().unwrap_or_default();
    (c, c.len_utf8())
}

/// What [`push_clean`] does with a character that is not copied as it is.
enum Replace {
    Drop,
    Space,
    /// Unicode compatibility folding (NFKC).
    Fold,
}

/// URLs, e-mail addresses, bare domains and @mentions.
fn is_address(token: &str, scripts: Scripts) -> bool {
    // A letter of a known script is alphanumeric: the script table answers for most of them
    // without Unicode's slower look-up.
    let t = token.trim_matches(|c: char| {
        scripts.of(c).is_none() && !c.is_alphanumeric() && c != '@' && c != '/'
    });
    // Every kind of address below holds one of these inside the trimmed token; a word that
    // ends a sentence ("said.") does not, and is answered without the copy below.
    if memchr::memchr3(b'.', b'@', b'/', t.as_bytes()).is_none() {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.starts_with('@') {
        return true;
    }
    if let Some(at) = t.find('@') {
        return t[at + 1..].contains('.');
    }
    // example.com, bbc.co.uk/news: ASCII words joined by dots ending in a short ASCII suffix.
    let host = lower.split('/').next().unwrap_or_default();
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && matches!(parts.last().map(|s| s.len()), Some(2..=4))
        && (lower.contains('/') || TOP_LEVEL.contains(parts.last().unwrap_or(&"")))
}

/// Suffixes that make a dotted word a domain name even without a path.
const TOP_LEVEL: &[&str] = &[
    "com", "org", "net", "ir", "iq", "af", "pk", "info", "gov", "edu",
];

/// Removes HTML tags, HTML entities and the target of Markdown links (`[text](target)` keeps
/// `text`). The text between markup characters is copied in runs.
fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let bytes = line.as_bytes();
    // The next byte to look at, and the first not yet copied.
    let (mut at, mut copied) = (0, 0);
    while let Some(found) = bytes[at..].iter().position(|&b| IS_MARKUP.contains(b)) {
        let i = at + found;
        let rest = &line[i..];
        // Where the text goes on after the markup at `i`, which becomes one space; `None` for a
        // character kept as it is.
        let after = match bytes[i] {
            b'<' if rest[1..]
                .starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') =>
            {
                Some(rest.find('>').map_or(i + 1, |end| i + end + 1))
            }
            b'&' => match rest[1..].find(';') {
                Some(end)
                    if end <= 8
                        && rest[1..1 + end]
                            .chars()
                            .all(|n| n.is_ascii_alphanumeric() || n == '#')
                        && end > 0 =>
                {
                    Some(i + end + 2)
                }
                _ => Some(i + 1),
            },
            b']' if rest[1..].starts_with('(') => {
                Some(rest.find(')').map_or(i + 1, |end| i + end + 1))
            }
            b'<' | b']' => None,
            _ => Some(i + 1),
        };
        match after {
            Some(after) => {
                out.push_str(&line[copied..i]);
                out.push(' ');
                (at, copied) = (after, after);
            }
            None => at = i + 1,
        }
    }
    out.push_str(&line[copied..]);
    out
}

/// [`MARKUP`] as a table, for [`strip_markup`]'s byte by byte search: one load a byte
/// instead of a search of the list.
struct MarkupBytes([bool; 256]);

impl MarkupBytes {
    const fn build() -> MarkupBytes {
        let mut table = [false; 256];
        let mut i = 0;
        while i < MARKUP.len() {
            table[MARKUP[i] as usize] = true;
            i += 1;
        }
        MarkupBytes(table)
    }

    /// Whether `b` is in [`MARKUP`].
    #[inline(always)]
    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b)]
    }
}

const IS_MARKUP: MarkupBytes = MarkupBytes::build();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_table_holds_the_markup_bytes_and_only_them() {
        for b in 0..=255u8 {
            assert_eq!(IS_MARKUP.contains(b), MARKUP.contains(&b), "{b}");
        }
    }

    fn words(s: &str) -> Vec<String> {
        clean(s).split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn urls_and_emails_are_removed() {
        assert_eq!(
            words("See https://example.com/a?b=1 or www.bbc.co.uk and mail me@x.org now"),
            ["See", "or", "and", "mail", "now"]
        );
        assert_eq!(
            words("بخوانید: irna.ir/news/123 امروز"),
            ["بخوانید:", "امروز"]
        );
    }

    #[test]
    fn numbers_in_any_digits_are_removed() {
        assert_eq!(words("في 2024 و٢٠٢٤ و۱۴۰۳"), ["في", "و", "و"]);
    }

    #[test]
    fn markup_and_markdown_links_keep_only_their_text() {
        assert_eq!(
            words("<p class=\"x\">Hello&nbsp;<b>world</b></p> [the text](http://a.b/c)"),
            ["Hello", "world", "the", "text"]
        );
    }

    /// [`strip_markup`] as it was written before it copied runs: character by character.
    fn strip_markup_by_char(line: &str) -> String {
        fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices>, end: usize) {
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
        }
        let mut out = String::new();
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let rest = &line[i..];
            match c {
                '<' if rest[1..]
                    .starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') =>
                {
                    if let Some(end) = rest.find('>') {
                        skip_to(&mut chars, i + end + 1);
                    }
                    out.push(' ');
                }
                '&' => {
                    match rest[1..].find(';') {
                        Some(end)
                            if end <= 8
                                && rest[1..1 + end]
                                    .chars()
                                    .all(|n| n.is_ascii_alphanumeric() || n == '#')
                                && end > 0 =>
                        {
                            skip_to(&mut chars, i + end + 2)
                        }
                        _ => {}
                    }
                    out.push(' ');
                }
                ']' if rest[1..].starts_with('(') => {
                    if let Some(end) = rest.find(')') {
                        skip_to(&mut chars, i + end + 1);
                    }
                    out.push(' ');
                }
                '[' | '!' | '*' | '_' | '#' | '`' | '|' => out.push(' '),
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn markup_is_stripped_as_character_by_character() {
        for line in [
            "<p class=\"x\">Hello&nbsp;<b>world</b></p> [the text](http://a.b/c)",
            "a < b > c, x]y, [x](y, ](, R&D; &amp &#1234; &toolongentity; &;",
            "<b unclosed, <3 and <!-- c --> ! * _ # ` | done",
            "قال <b>الرئيس</b> إن «الحكومة» ستواصل العمل! [رابط](https://x.y) ـ",
            "<",
            "&",
            "]",
            "](",
            "<a",
            "&;",
            "[](",
            "&#x1F600;",
            "",
        ] {
            assert_eq!(strip_markup(line), strip_markup_by_char(line), "{line:?}");
        }
    }

    #[test]
    fn decomposed_letters_are_composed() {
        // "Tiếng Việt" typed as base letters and combining marks.
        let decomposed = "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t";
        assert_eq!(words(decomposed), vec!["Tiếng", "Việt"]);
    }

    #[test]
    fn tatweel_is_dropped() {
        assert_eq!(words("كيفـ جائتـ الـعالم"), ["كيف", "جائت", "العالم"]);
    }

    #[test]
    fn arabic_presentation_forms_become_letters() {
        assert_eq!(words("ﻣﺎ ﻫﺮﻭﻗﺖ"), ["ما", "هروقت"]);
    }

    #[test]
    fn bylines_are_removed() {
        assert_eq!(
            words("By John Smith\nThe vote was close."),
            ["The", "vote", "was", "close."]
        );
        assert_eq!(words("بقلم محمد علي\nقال الرئيس"), ["قال", "الرئيس"]);
    }

    #[test]
    fn capitalised_bylines_are_removed() {
        assert_eq!(words("АВТОР: Иван Петров\nтекст"), ["текст"]);
        assert_eq!(words("  PHOTO BY Jane Doe\ntext"), ["text"]);
    }

    #[test]
    fn markup_is_found_in_the_lines_that_hold_it() {
        let text = "plain\n<b>x</b>\n\nno markup here\na | b\n_\nend [x](y)\n!\nlast`";
        let mut finder = MarkupFinder::new(text.as_bytes());
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            let expected = line.bytes().any(|b| MARKUP.contains(&b));
            assert_eq!(finder.within(start, end), expected, "{line:?}");
            start = end + 1;
        }
    }

    #[test]
    fn a_short_sentence_that_starts_like_a_byline_is_kept() {
        assert_eq!(
            words("Por algo había que empezar."),
            ["Por", "algo", "había", "que", "empezar."]
        );
        assert_eq!(words("Von Hans Müller und Eva Braun"), Vec::<String>::new());
    }

    #[test]
    fn a_long_line_that_starts_like_a_byline_is_kept() {
        let line = "By the end of the year the company had doubled its sales in Europe";
        assert_eq!(words(line).len(), 14);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "<",
            "&",
            "]",
            "](",
            "<a",
            "&;",
            "@",
            "a@",
            ".",
            "x.y",
            "\u{0}",
            "[](",
            "&#x1F600;",
        ] {
            let _ = clean(s);
        }
    }
}
