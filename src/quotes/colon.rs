//! Colon speech without marks: "X گفت: …", "وقال: …", "PENCE: …" and headlines "فلان: …".
//! The speech runs to the end of its paragraph unless a new attribution begins.

use super::attribution::Cue;
use super::lang::CueKind;
use super::marks::is_mark_char;
use super::tokens::Doc;
use crate::text::chars::letters::{is_alphabetic, is_numeric};

/// Colon speech found in one paragraph, before its attribution is attached.
#[derive(Debug, Clone)]
pub struct ColonSpeech {
    pub start: usize,
    pub end: usize,
    /// Index into the cue list, for speech introduced by a cue verb.
    pub cue: Option<usize>,
    /// Token range of a label speaker ("PENCE", "علي خامنئي").
    pub label: Option<(usize, usize)>,
}

/// At most this many words between a cue and its colon ("قائلا حول سليماني:").
const CUE_TO_COLON_WORDS: usize = 4;
/// A headline label takes at most this many words.
const MAX_LABEL_WORDS: usize = 4;
/// Colon speech has at least [`MIN_SPEECH_WORDS`] words among the first
/// [`SPEECH_PROBE_TOKENS`] tokens after the colon: fewer is a label, a time or a list heading.
const SPEECH_PROBE_TOKENS: usize = 6;
const MIN_SPEECH_WORDS: usize = 3;
/// A paragraph of at most this many words can be a headline ("فلان: …").
const MAX_HEADLINE_WORDS: usize = 30;

/// Colon speech in paragraph `p`; `cues` is the article's cue list, `direct` the
/// paragraph's quoted spans (a colon inside one is not colon speech).
pub fn find(doc: &Doc, p: usize, cues: &[Cue], direct: &[(usize, usize)]) -> Vec<ColonSpeech> {
    let pe = doc.paras[p].1;
    let (t_start, t_end) = doc.para_toks[p];
    let mut out = Vec::new();
    // The first token not yet consumed by colon speech found before.
    let mut next = t_start;
    for &t in doc.colons_in(t_start, t_end) {
        let t = t as usize;
        if t < next || inside(direct, doc.toks[t].start) {
            continue;
        }
        // The speech: what follows, if it is words and not a quotation mark.
        let mut u = t + 1;
        if u >= t_end
            || doc.punct(u).is_some_and(|c| {
                (is_mark_char(c) && !opens_with_quoted_name(doc, u, t_end, direct))
                    || c == '\''
                    || c == '‘'
            })
        {
            continue;
        }
        let words_after = (u..t_end.min(u + SPEECH_PROBE_TOKENS))
            .filter(|&v| doc.toks[v].word)
            .count();
        if words_after < MIN_SPEECH_WORDS {
            continue;
        }
        let cue = cue_before_colon(doc, cues, t, t_start);
        let label = if cue.is_none() {
            label_before_colon(doc, p, cues, t)
        } else {
            None
        };
        if cue.is_none() && label.is_none() {
            continue;
        }
        while u < t_end && doc.toks[u].start < pe && doc.chars[doc.toks[u].start].is_whitespace() {
            u += 1;
        }
        let start = doc.toks[u].start;
        let end;
        (end, next) = speech_end(doc, u, t_end, cues);
        out.push(ColonSpeech {
            start,
            end,
            cue,
            label,
        });
    }
    out
}

/// (a) The cue just before the colon at token `t` ("گفت:", "قائلا حول سليماني:"): an
/// Arabic-script verb at most [`CUE_TO_COLON_WORDS`] words back in the same sentence.
fn cue_before_colon(doc: &Doc, cues: &[Cue], t: usize, t_start: usize) -> Option<usize> {
    let mut words = 0;
    let mut v = t;
    while v > t_start && words <= CUE_TO_COLON_WORDS {
        v -= 1;
        if !doc.toks[v].word {
            if doc.is_boundary(v) || doc.punct(v).is_some_and(is_mark_char) {
                return None;
            }
            continue;
        }
        words += 1;
        if let Some(ci) = cue_at(cues, v) {
            let speech_verb = cues[ci].kind != CueKind::According && doc.is_arabic_script(v);
            return speech_verb.then_some(ci);
        }
    }
    None
}

/// (b) A label opening paragraph `p` and closed by the colon at token `t`: a transcript's
/// "PENCE:" or a headline's "فلان:", as a token range.
fn label_before_colon(doc: &Doc, p: usize, cues: &[Cue], t: usize) -> Option<(usize, usize)> {
    let (t_start, t_end) = doc.para_toks[p];
    // Only a colon among the paragraph's first few tokens can close a label (this also
    // keeps a paragraph of thousands of colons linear).
    if t - t_start > 2 * MAX_LABEL_WORDS {
        return None;
    }
    let n_label = (t_start..t).filter(|&v| doc.toks[v].word).count();
    let all_words = (t_start..t)
        .all(|v| doc.toks[v].word || (doc.punct(v) == Some('.') && !doc.is_boundary(v)));
    let clean = all_words
        && (1..=MAX_LABEL_WORDS).contains(&n_label)
        && (t_start..t).all(|v| {
            !doc.toks[v].info.not_speaker()
                && !doc.toks[v].info.stop()
                && doc.toks[v].info.cue.is_none()
                && !doc.chars[doc.toks[v].start..doc.toks[v].end]
                    .iter()
                    .any(|&c| is_numeric(c))
        });
    if !clean {
        return None;
    }
    let caps = (t_start..t).filter(|&v| doc.toks[v].word).all(|v| {
        let w = &doc.chars[doc.toks[v].start..doc.toks[v].end];
        w.iter().any(|&c| is_alphabetic(c)) && w.iter().all(|c| !c.is_lowercase())
    }) && !doc.is_arabic_script(t_start);
    let has_marks = (t_start..t_end).any(|v| doc.punct(v).is_some_and(is_mark_char));
    let headline = !has_marks && headline_label(doc, p, cues).is_some();
    (caps || headline).then_some((t_start, t))
}

/// A headline's speaker label, "فلان: …" opening a short paragraph (Arabic script only, whose
/// headlines lack capitals): 1-4 words that are not a dateline or a rubric, and that name a
/// speaker found elsewhere in the article (so "مونديال روسيا: …" is not taken for speech).
pub fn headline_label(doc: &Doc, p: usize, cues: &[Cue]) -> Option<(usize, usize)> {
    let (t_start, t_end) = doc.para_toks[p];
    // The label's colon follows its one to four words.
    let colon_near = !doc
        .colons_in(t_start + 1, t_start + MAX_LABEL_WORDS + 1)
        .is_empty();
    if !colon_near || t_start >= t_end || !doc.is_arabic_script(t_start) {
        return None;
    }
    let para_words = (t_start..t_end)
        .filter(|&v| doc.toks[v].word)
        .take(MAX_HEADLINE_WORDS + 1)
        .count();
    if para_words > MAX_HEADLINE_WORDS {
        return None;
    }
    let mut t = t_start;
    while t < t_end && doc.toks[t].word {
        let i = doc.toks[t].info;
        if i.not_speaker()
            || i.stop()
            || i.cue.is_some()
            || doc.chars[doc.toks[t].start..doc.toks[t].end]
                .iter()
                .any(|&c| is_numeric(c))
        {
            return None;
        }
        t += 1;
    }
    if t == t_start
        || t - t_start > MAX_LABEL_WORDS
        || t >= t_end
        || !matches!(doc.punct(t), Some(':' | '：'))
    {
        return None;
    }
    let last = doc.fold_of(t - 1);
    let named_elsewhere = cues.iter().filter(|c| c.named).any(|c| {
        let (a, b) = (c.name.0, c.name.1);
        (a..b).any(|u| doc.fold_of(u) == last)
    });
    named_elsewhere.then_some((t_start, t))
}

/// Whether the quotation mark at token `u` opens a short quoted name that the speech goes on
/// after ("گفت: «محمود المشهداني» رئيس مجلس تصميم گرفت …"), rather than a quotation.
fn opens_with_quoted_name(doc: &Doc, u: usize, t_end: usize, direct: &[(usize, usize)]) -> bool {
    let pos = doc.toks[u].start;
    let i = direct.partition_point(|r| r.0 <= pos);
    if i == 0 || pos >= direct[i - 1].1 {
        return false;
    }
    let close = doc.tok_at(direct[i - 1].1);
    let inner = (u..close).filter(|&v| doc.toks[v].word).count();
    let after = (close..t_end.min(close + 8))
        .take_while(|&v| !doc.is_boundary(v))
        .filter(|&v| doc.toks[v].word)
        .count();
    inner <= MAX_LABEL_WORDS && after >= 3
}

/// Whether `pos` lies in one of `ranges` (sorted, not overlapping).
pub fn inside(ranges: &[(usize, usize)], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.0 <= pos);
    i > 0 && pos < ranges[i - 1].1
}

/// The cue starting at token `t`, if any.
pub fn cue_at(cues: &[Cue], t: usize) -> Option<usize> {
    let i = cues.partition_point(|c| c.first < t);
    (i < cues.len() && cues[i].first == t).then_some(i)
}

/// Where speech starting at token `u` ends: the paragraph end, or the start of a sentence
/// that opens a new attribution (an Arabic sentence starting with a cue verb, or another
/// colon after a cue). Returns the end in code points and the token to continue from.
pub fn speech_end(doc: &Doc, u: usize, t_end: usize, cues: &[Cue]) -> (usize, usize) {
    let mut sentence_start = u;
    let mut v = u;
    // The first cue starting at or after `v`, advanced with it (cues are in text order).
    let mut ci = cues.partition_point(|c| c.first < u);
    while v < t_end {
        while ci < cues.len() && cues[ci].first < v {
            ci += 1;
        }
        if doc.is_boundary(v) {
            sentence_start = v + 1;
        } else if ci < cues.len() && cues[ci].first == v {
            let c = &cues[ci];
            let first = v == sentence_start && sentence_start > u;
            let arabic_first = first
                && doc.is_arabic_script(v)
                && c.kind == CueKind::Verb
                && super::lang::ALL[doc.toks[v].info.lang as usize].order
                    == super::lang::Order::VerbFirst;
            // A cue followed shortly by a colon is a new speech.
            let colon_next = sentence_start > u
                && (c.end..t_end.min(c.end + 2)).any(|w| matches!(doc.punct(w), Some(':' | '：')));
            if arabic_first || colon_next {
                let mut e = sentence_start;
                while e > u
                    && !doc.toks[e - 1].word
                    && !matches!(doc.punct(e - 1), Some('.' | '!' | '?' | '؟'))
                {
                    e -= 1;
                }
                return (doc.toks[e - 1].end, sentence_start);
            }
            v = c.end;
            continue;
        }
        v += 1;
    }
    (doc.toks[t_end - 1].end, t_end)
}
