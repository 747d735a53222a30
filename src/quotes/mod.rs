//! Quotation extraction with attribution: the quotations of one article, each with its
//! speaker and cue verb, offsets in code points.
//!
//! How an article is read:
//! - [`tokens`]: code points, words and punctuation, each word folded and looked up once in
//!   the [`lang`] tables (cue verbs, pronouns, titles per language, merged at start-up);
//! - [`attribution`]: one pass over the words finds every cue and its speaker, resolving
//!   pronouns and implicit subjects to the speaker named before;
//! - [`marks`]: per paragraph, the quoted spans in every mark convention;
//! - [`colon`]: per paragraph, colon speech without marks;
//! - here: unbalanced and orphan spans are bounded by their attribution, each quotation is
//!   joined to the cue before or after it, and quoted names and titles are dropped.
//!
//! The `lang` argument is only a hint: tables are chosen by each word's script and spelling,
//! so the result is the same whether the detected language is right or `und`. Every step
//! is linear in the article and the output is capped by `quotes.max_quotes`.

mod attribution;
mod colon;
mod lang;
mod marks;
mod tokens;

use crate::message::{Quote, QuoteKind};
use crate::settings::QuoteSettings;
use attribution::Cue;
use lang::{CueKind, Lexicon};
use marks::is_mark_char;
use tokens::Doc;

/// Built once at start-up (cue-verb tables) and shared by all workers.
pub struct QuoteExtractor {
    max_quotes: usize,
    min_words: usize,
    lex: Lexicon,
}

/// How many words before a quotation its cue may stand ("مشدداً على ضرورة … “فوراً”").
const PRE_WINDOW_WORDS: usize = 25;
/// How many words after a quotation its cue may stand ("…," said the minister).
const POST_WINDOW_WORDS: usize = 10;
/// How far back an unclosed quotation is cut where a new one opens.
const CUT_WINDOW_WORDS: usize = 8;

impl QuoteExtractor {
    pub fn new(settings: &QuoteSettings) -> QuoteExtractor {
        QuoteExtractor {
            max_quotes: settings.max_quotes,
            min_words: settings.short_quote_words,
            lex: Lexicon::build(),
        }
    }

    /// The quotations of `text`; `lang` is the detected ISO 639-1 code (or `und`), a hint only.
    pub fn extract(&self, text: &str, lang: &str) -> Vec<Quote> {
        let _ = lang;
        if text.is_empty() || self.max_quotes == 0 {
            return Vec::new();
        }
        let doc = Doc::new(text, &self.lex);
        let all_spans: Vec<Vec<marks::Span>> = doc.paras.iter().map(|&(ps, pe)| marks::find(&doc.chars, ps, pe)).collect();
        // Cue verbs inside closed quotations belong to the quoted speech, not to the article.
        let mut quoted = vec![false; doc.toks.len()];
        for s in all_spans.iter().flatten().filter(|s| s.depth == 0 && s.opened && s.closed) {
            for q in &mut quoted[doc.tok_at(s.start)..doc.tok_at(s.end)] {
                *q = true;
            }
        }
        let cues = attribution::scan(&doc, &self.lex, &quoted);
        let mut out: Vec<Quote> = Vec::new();
        let mut carry: Option<(Option<String>, Option<String>)> = None;
        for (p, spans) in all_spans.iter().enumerate() {
            let (ps, pe) = doc.paras[p];
            let mut direct: Vec<Quote> = Vec::new();
            let mut ranges: Vec<(usize, usize)> = Vec::new();
            let mut next_carry = None;
            for s in spans.iter().filter(|s| s.depth == 0) {
                ranges.push((s.start.saturating_sub(1), s.end + 1));
                let (mut a, mut b) = (s.start, s.end);
                let mut orphan_cue = None;
                if !s.opened {
                    (a, orphan_cue) = orphan_start(&doc, a, b);
                }
                if s.cut {
                    b = cut_before_attribution(&doc, a, b, &cues);
                } else if !s.closed {
                    let ta = doc.tok_at(a);
                    let te = doc.tok_at(pe);
                    if ta < te {
                        b = colon::speech_end(&doc, ta, te, &cues).0.min(b);
                    }
                }
                let trim_punct = !s.closed || s.cut;
                let Some((a, b)) = trim(&doc.chars, a, b, trim_punct) else { continue };
                let words = count_words(&doc, a, b);
                if words == 0 {
                    continue;
                }
                let att = attribute(&doc, &cues, a, b, s.opened, s.closed && !s.cut);
                let att = match (att, orphan_cue.and_then(|t| cue_covering(&cues, t))) {
                    (None, Some(ci)) => Some((ci, 0usize)),
                    (x, _) => x,
                };
                let near_cue = att.is_some_and(|(ci, dist)| cues[ci].kind != CueKind::According && dist <= 8);
                // A short span is a quotation only with a cue close by ("…" he said;
                // مشدداً على … “فوراً”); otherwise it is a name, a title or a term, as is a
                // Latin span in Title Case with no cue beside it.
                if (words <= self.min_words || is_title_case(&doc, a, b)) && !near_cue {
                    continue;
                }
                let (speaker, cue, confidence) = match att {
                    Some((ci, _)) => {
                        let c = &cues[ci];
                        let conf = if c.named { 0.9 } else if c.speaker.is_some() { 0.8 } else { 0.6 };
                        (c.speaker.clone(), Some(cue_text(&doc, c)), conf)
                    }
                    None => {
                        let opens_paragraph = a <= ps + 2;
                        match (&carry, opens_paragraph) {
                            (Some((sp, cu)), true) => (sp.clone(), cu.clone(), 0.7),
                            _ => (last_speaker_before(&doc, &cues, a), None, 0.5),
                        }
                    }
                };
                let confidence = if s.opened { confidence } else { confidence * 0.8 };
                if !s.closed && !s.cut && b + 2 >= pe {
                    next_carry = Some((speaker.clone(), cue.clone()));
                }
                direct.push(Quote { text: doc.text(a, b), start: a, end: b, kind: QuoteKind::Direct, speaker, cue, confidence });
            }
            for c in colon::find(&doc, p, &cues, &ranges) {
                let Some((a, b)) = trim(&doc.chars, c.start, c.end, true) else { continue };
                if count_words(&doc, a, b) < 2 {
                    continue;
                }
                let (speaker, cue, confidence) = match (c.cue, c.label) {
                    (Some(ci), _) => (cues[ci].speaker.clone(), Some(cue_text(&doc, &cues[ci])), 0.85),
                    (None, Some((t0, t1))) => (Some(doc.text(doc.toks[t0].s, doc.toks[t1 - 1].e)), None, 0.75),
                    (None, None) => continue,
                };
                // Quoted names inside colon speech are part of it.
                direct.retain(|q| !(q.start >= a && q.end <= b));
                direct.push(Quote { text: doc.text(a, b), start: a, end: b, kind: QuoteKind::Colon, speaker, cue, confidence });
            }
            carry = next_carry;
            direct.sort_by_key(|q| q.start);
            out.extend(direct);
            if out.len() >= self.max_quotes {
                out.truncate(self.max_quotes);
                break;
            }
        }
        out
    }
}

fn cue_text(doc: &Doc, c: &Cue) -> String {
    doc.text(doc.toks[c.t0].s, doc.toks[c.t1 - 1].e)
}

fn count_words(doc: &Doc, a: usize, b: usize) -> usize {
    let (ta, tb) = (doc.tok_at(a), doc.tok_at(b));
    (ta..tb).filter(|&t| doc.toks[t].word).count()
}

/// Narrows `a..b` past white space (and, for spans without a closing mark, trailing commas
/// and colons); `None` when nothing is left.
fn trim(chars: &[char], mut a: usize, mut b: usize, punct: bool) -> Option<(usize, usize)> {
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && (chars[b - 1].is_whitespace() || (punct && matches!(chars[b - 1], ',' | '،' | ':' | ';' | '؛' | '-' | '–' | '—'))) {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// The cue whose tokens include `t`.
fn cue_covering(cues: &[Cue], t: usize) -> Option<usize> {
    let i = cues.partition_point(|c| c.t0 <= t);
    (i > 0 && t < cues[i - 1].t1).then(|| i - 1)
}

/// The cue of the quotation `a..b`: the nearest one before the opening mark in the same
/// sentence, or one right after the closing mark ("…," he said); with the number of words
/// between. A cue just after the quotation wins over a distant one before it.
fn attribute(doc: &Doc, cues: &[Cue], a: usize, b: usize, opened: bool, closed: bool) -> Option<(usize, usize)> {
    let ta = doc.tok_at(a);
    let para = doc.toks.get(ta).map(|t| t.para)?;
    let mut pre = None;
    if opened {
        let mut v = ta;
        let mut words = 0;
        let mut first = true;
        while v > 0 && words <= PRE_WINDOW_WORDS {
            v -= 1;
            let k = &doc.toks[v];
            if k.para != para {
                break;
            }
            if !k.word {
                let c = doc.chars[k.s];
                if doc.is_boundary(v) || (is_mark_char(c) && !first) {
                    break;
                }
                first = false;
                continue;
            }
            first = false;
            if let Some(ci) = cue_covering(cues, v) {
                pre = Some((ci, words));
                break;
            }
            words += 1;
        }
    }
    let mut post = None;
    if closed {
        let mut v = doc.tok_at(b);
        let mut words = 0;
        let mut marks_seen = 0;
        while v < doc.toks.len() && words < POST_WINDOW_WORDS && doc.toks[v].para == para {
            let k = &doc.toks[v];
            if !k.word {
                let c = doc.chars[k.s];
                if is_mark_char(c) || c == '\'' || c == '’' {
                    marks_seen += 1;
                    if marks_seen > 2 {
                        break;
                    }
                } else if doc.is_boundary(v) && marks_seen > 0 && v > doc.tok_at(b) + 1 {
                    break;
                } else if doc.is_boundary(v) && v > doc.tok_at(b) {
                    break;
                }
                v += 1;
                continue;
            }
            if let Some(ci) = cue_covering(cues, v) {
                post = Some((ci, words));
                break;
            }
            words += 1;
            v += 1;
        }
    }
    match (pre, post) {
        (Some(p), Some(q)) if q.1 <= 8 && p.1 > 3 => Some(q),
        (Some(p), _) => Some(p),
        (None, q) => q,
    }
}

/// The speaker named last before code point `a`.
fn last_speaker_before(doc: &Doc, cues: &[Cue], a: usize) -> Option<String> {
    let ta = doc.tok_at(a);
    let i = cues.partition_point(|c| c.t1 <= ta);
    cues[..i].iter().rev().find_map(|c| c.speaker.clone())
}

/// The start of a quotation that has only a closing mark: after the last sentence of the
/// paragraph that holds a cue (the attribution), else the paragraph start.
fn orphan_start(doc: &Doc, a: usize, b: usize) -> (usize, Option<usize>) {
    let (ta, tb) = (doc.tok_at(a), doc.tok_at(b));
    let mut start = a;
    let mut cue = None;
    let mut sentence_cue = None;
    let mut t = ta;
    while t < tb {
        let k = &doc.toks[t];
        if k.word && (k.info.cue.is_some() || k.info.head) {
            sentence_cue = Some(t);
        }
        if doc.is_boundary(t) || doc.punct(t) == Some(':') {
            if let Some(ct) = sentence_cue.take() {
                start = k.e;
                cue = Some(ct);
            }
        }
        t += 1;
    }
    (start, cue)
}

/// Where an unclosed quotation ends when a new quotation opens at `b`: before the cue that
/// introduces the new one ("… الأميركي وخاطب الكاظمي قائلا "…), else at `b`.
fn cut_before_attribution(doc: &Doc, a: usize, b: usize, cues: &[Cue]) -> usize {
    let tb = doc.tok_at(b);
    let ta = doc.tok_at(a);
    let mut v = tb;
    let mut words = 0;
    let mut cut = b;
    while v > ta && words < CUT_WINDOW_WORDS {
        v -= 1;
        if doc.is_boundary(v) {
            break;
        }
        if !doc.toks[v].word {
            continue;
        }
        words += 1;
        if let Some(ci) = cue_covering(cues, v) {
            cut = doc.toks[cues[ci].t0].s;
            v = cues[ci].t0;
        }
    }
    cut
}

/// A Latin-script span of a few words all capitalised ("The Art of the Deal", „Neues
/// Deutschland“) is a title or a name.
fn is_title_case(doc: &Doc, a: usize, b: usize) -> bool {
    let (ta, tb) = (doc.tok_at(a), doc.tok_at(b));
    let mut words = 0;
    let mut caps = 0;
    for t in ta..tb {
        let k = &doc.toks[t];
        if !k.word {
            if matches!(doc.chars[k.s], ',' | '!' | '?' | ';' | ':') || doc.is_boundary(t) {
                return false;
            }
            continue;
        }
        let c = doc.chars[k.s];
        if !c.is_alphabetic() {
            continue;
        }
        if doc.is_arabic_script(t) || !c.is_alphabetic() {
            return false;
        }
        words += 1;
        if c.is_uppercase() {
            caps += 1;
        } else if k.e - k.s > 3 {
            return false;
        }
    }
    words > 0 && words <= 6 && caps > 0
}
