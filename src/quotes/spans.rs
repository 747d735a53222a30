//! Candidate spans: where each quoted span found by [`super::marks`] really begins and ends.
//! A span with both marks is taken as it is; one with only a closing mark (an orphan) starts
//! after its attribution, one cut by a new opening mark ends before the cue that introduces
//! the next quotation, and an unclosed one ends where new speech begins. A transcript label
//! ("PENCE: …") opening the span is split off as its speaker.

use super::attribution::{cue_covering, Cue};
use super::colon;
use super::marks::Span;
use super::tokens::Doc;
use crate::text::chars::letters::is_alphabetic;

/// How far back (in words) from a new opening mark the cue introducing it is looked for,
/// when an unclosed quotation is cut there ("… وخاطب الكاظمي قائلا "…).
const CUT_WINDOW_WORDS: usize = 8;
/// How far (in tokens) after a cue the complementiser or colon that starts an orphan
/// quotation in the cue's own sentence may stand ("وأوضح فولر، رئيس المنظمة، أن …”").
const ORPHAN_COMPLEMENTISER_TOKENS: usize = 16;
/// A transcript label ("PENCE:", "SEN. KAINE:") has at most this many tokens before its colon.
const MAX_TRANSCRIPT_LABEL_TOKENS: usize = 4;

/// A quotation candidate: a top-level quoted span, bounded and trimmed.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Code points of the quoted words (inside the marks, trimmed).
    pub start: usize,
    pub end: usize,
    /// The span as the marks gave it.
    pub span: Span,
    /// Words between `start` and `end`.
    pub words: usize,
    /// The speaker written as a transcript label at the start of the span ("PENCE").
    pub label: Option<String>,
    /// For an orphan span, the token of the cue in the attribution before it.
    pub orphan_cue: Option<usize>,
}

impl Candidate {
    /// Both marks, neither cut: a quotation whose extent nobody had to guess.
    pub fn is_whole(&self) -> bool {
        self.span.opened && self.span.closed && !self.span.cut
    }

    /// A closing mark ends it (it was not cut by a new opening mark).
    pub fn closes(&self) -> bool {
        self.span.closed && !self.span.cut
    }
}

/// The candidate for the top-level `span` of paragraph `para`; `None` when no word is left.
pub fn bound(doc: &Doc, cues: &[Cue], para: usize, span: &Span) -> Option<Candidate> {
    let (mut start, mut end) = (span.start, span.end);
    let mut orphan_cue = None;
    if !span.opened {
        (start, orphan_cue) = orphan_start(doc, start, end);
    }
    if span.cut {
        end = cut_before_attribution(doc, start, end, cues);
    } else if !span.closed {
        let first = doc.tok_at(start);
        let para_end = doc.para_toks[para].1;
        if first < para_end {
            end = colon::speech_end(doc, first, para_end, cues).0.min(end);
        }
    }
    // A span that no closing mark ends may end on the punctuation before what cut it.
    let trim_punct = !span.closed || span.cut;
    let (mut start, end) = trim(&doc.chars, start, end, trim_punct)?;
    let label = transcript_label(doc, start, end);
    if let Some((_, after)) = label {
        start = trim(&doc.chars, after, end, false)?.0;
    }
    let words = count_words(doc, start, end);
    (words > 0).then(|| Candidate {
        start,
        end,
        span: *span,
        words,
        label: label.map(|(name, _)| name),
        orphan_cue,
    })
}

/// Words among the tokens of code points `start..end`.
pub fn count_words(doc: &Doc, start: usize, end: usize) -> usize {
    (doc.tok_at(start)..doc.tok_at(end))
        .filter(|&t| doc.toks[t].word)
        .count()
}

/// Narrows `start..end` past white space (and, with `punct`, trailing commas, colons and
/// dashes); `None` when nothing is left.
pub fn trim(chars: &[char], start: usize, end: usize, punct: bool) -> Option<(usize, usize)> {
    let (mut start, mut end) = (start, end);
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start
        && (chars[end - 1].is_whitespace()
            || (punct
                && matches!(
                    chars[end - 1],
                    ',' | '،' | ':' | ';' | '؛' | '-' | '–' | '—'
                )))
    {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

/// The start of a quotation that has only a closing mark: after the last sentence of the
/// paragraph that holds a cue (the attribution), else the paragraph start; with that cue's
/// token.
fn orphan_start(doc: &Doc, start: usize, end: usize) -> (usize, Option<usize>) {
    let (first, last) = (doc.tok_at(start), doc.tok_at(end));
    let mut from = start;
    let mut cue = None;
    let mut sentence_cue = None;
    for t in first..last {
        let k = &doc.toks[t];
        if k.word && (k.info.cue.is_some() || k.info.head()) {
            sentence_cue = Some(t);
        }
        if doc.is_boundary(t) || doc.punct(t) == Some(':') {
            if let Some(c) = sentence_cue.take() {
                from = k.end;
                cue = Some(c);
            }
        }
    }
    // The attribution is in the quotation's own sentence ("وأوضح فولر … أن المنظمة …”"):
    // the quotation starts after the complementiser or colon that follows the cue.
    if let Some(c) = sentence_cue {
        for u in c + 1..last.min(c + ORPHAN_COMPLEMENTISER_TOKENS) {
            if doc.punct(u) == Some(':') || (doc.toks[u].word && doc.toks[u].info.complementizer())
            {
                return (doc.toks[u].end, Some(c));
            }
        }
    }
    (from, cue)
}

/// Where an unclosed quotation `start..` ends when a new quotation opens at `end`: before
/// the cue that introduces the new one ("… الأميركي وخاطب الكاظمي قائلا "…), else at `end`.
fn cut_before_attribution(doc: &Doc, start: usize, end: usize, cues: &[Cue]) -> usize {
    let first = doc.tok_at(start);
    let mut v = doc.tok_at(end);
    let mut words = 0;
    let mut cut = end;
    while v > first && words < CUT_WINDOW_WORDS {
        v -= 1;
        if doc.is_boundary(v) {
            break;
        }
        if !doc.toks[v].word {
            continue;
        }
        words += 1;
        if let Some(ci) = cue_covering(cues, v) {
            cut = doc.toks[cues[ci].first].start;
            v = cues[ci].first;
        }
    }
    cut
}

/// An upper-case label and colon opening a quoted transcript line ("PENCE: …"): the label
/// and where the speech starts.
fn transcript_label(doc: &Doc, start: usize, end: usize) -> Option<(String, usize)> {
    let first = doc.tok_at(start);
    let mut t = first;
    while t < doc.toks.len() && doc.toks[t].start < end && t - first < MAX_TRANSCRIPT_LABEL_TOKENS {
        let k = &doc.toks[t];
        if doc.punct(t) == Some(':') && t > first {
            return Some((doc.tokens_text(first, t), k.end));
        }
        let w = &doc.chars[k.start..k.end];
        if !(k.word
            && !doc.is_arabic_script(t)
            && w.iter().any(|&c| is_alphabetic(c))
            && w.iter().all(|c| !c.is_lowercase()))
        {
            return None;
        }
        t += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::attribution::scan;
    use super::super::lang::Lexicon;
    use super::super::marks;
    use super::*;

    /// The bounded text of each top-level span of the one-paragraph `text`.
    fn bounded(text: &str) -> Vec<(String, Option<String>)> {
        let lx = Lexicon::build();
        let d = Doc::new(text, &lx);
        let cues = scan(&d, &lx, &vec![false; d.toks.len()], &d.para_lang);
        let (ps, pe) = d.paras[0];
        marks::find_at(&d.chars, ps, pe, d.marks_in(ps, pe))
            .iter()
            .filter(|s| s.depth == 0)
            .filter_map(|s| bound(&d, &cues, 0, s))
            .map(|c| (d.text(c.start, c.end), c.label))
            .collect()
    }

    #[test]
    fn closed_span_is_trimmed_of_white_space_only() {
        assert_eq!(
            bounded("He said “ we will stay, ” and left.")[0].0,
            "we will stay,"
        );
    }

    #[test]
    fn orphan_span_starts_after_the_attribution_sentence() {
        let b = bounded("The mayor said so. Nothing will stop the rebuilding of the bridge”.");
        assert_eq!(b[0].0, "Nothing will stop the rebuilding of the bridge");
    }

    #[test]
    fn cut_span_ends_before_the_next_cue() {
        let b = bounded("وقال \"نحن باقون هنا مهما حدث وأضاف المتحدث قائلا \"لن نرحل أبدا\".");
        assert_eq!(b[0].0, "نحن باقون هنا مهما حدث");
    }

    #[test]
    fn transcript_label_is_split_off() {
        let b = bounded("“SMITH: We never agreed to that plan at all.”");
        assert_eq!(b[0].0, "We never agreed to that plan at all.");
        assert_eq!(b[0].1.as_deref(), Some("SMITH"));
    }

    #[test]
    fn trim_drops_trailing_punctuation_only_when_asked() {
        let c: Vec<char> = " word, ".chars().collect();
        assert_eq!(trim(&c, 0, c.len(), false), Some((1, 6)));
        assert_eq!(trim(&c, 0, c.len(), true), Some((1, 5)));
        assert_eq!(trim(&c, 0, 1, true), None);
    }
}
