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
use tokens::{is_alphabetic, Doc};

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
        tokens::init_classes();
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
        let all_spans: Vec<Vec<marks::Span>> = doc
            .paras
            .iter()
            .map(|&(ps, pe)| marks::find_at(&doc.chars, ps, pe, doc.marks_in(ps, pe)))
            .collect();
        // Every quotation is a top-level quoted span or colon speech: an article with neither
        // has none, and its cues need not be looked for.
        let has_speech = |p: usize| {
            all_spans[p].iter().any(|s| s.depth == 0) || {
                let (t0, t1) = doc.para_toks[p];
                !doc.colons_in(t0, t1).is_empty()
            }
        };
        let speech: Vec<bool> = (0..all_spans.len()).map(has_speech).collect();
        if !speech.contains(&true) {
            return Vec::new();
        }
        // Cue verbs inside closed quotations belong to the quoted speech, not to the article.
        let mut quoted = vec![false; doc.toks.len()];
        for s in all_spans
            .iter()
            .flatten()
            .filter(|s| s.depth == 0 && s.opened && s.closed)
        {
            for q in &mut quoted[doc.tok_at(s.start)..doc.tok_at(s.end)] {
                *q = true;
            }
        }
        let para_lang = &doc.para_lang;
        let cues = attribution::scan(&doc, &self.lex, &quoted, para_lang);
        let mut out: Vec<Quote> = Vec::new();
        let mut carry: Option<(Option<String>, Option<String>)> = None;
        for (p, spans) in all_spans.iter().enumerate() {
            // A paragraph with neither quoted spans nor colons yields nothing and carries
            // nothing over.
            if !speech[p] {
                carry = None;
                continue;
            }
            let (ps, pe) = doc.paras[p];
            let mut direct: Vec<Quote> = Vec::new();
            let fragments_quote =
                para_lang[p].is_some_and(|l| lang::ALL[l].lowercase_fragments_quote);
            // A headline "فلان: … «…»": its quotations are the labelled person's.
            let headline =
                colon::headline_label(&doc, p, &cues).map(|(t0, t1)| doc.tokens_text(t0, t1));
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
                    let te = doc.para_toks[p].1;
                    if ta < te {
                        b = colon::speech_end(&doc, ta, te, &cues).0.min(b);
                    }
                }
                let trim_punct = !s.closed || s.cut;
                let Some((mut a, b)) = trim(&doc.chars, a, b, trim_punct) else {
                    continue;
                };
                // A transcript quoted line: "PENCE: Well, …".
                let label = transcript_label(&doc, a, b);
                if let Some((_, after)) = label {
                    match trim(&doc.chars, after, b, false) {
                        Some((x, _)) => a = x,
                        None => continue,
                    }
                }
                let words = count_words(&doc, a, b);
                if words == 0 {
                    continue;
                }
                let att = attribute(&doc, &cues, a, b, s.opened, s.closed && !s.cut);
                let att = match (att, orphan_cue.and_then(|t| cue_covering(&cues, t))) {
                    (None, Some(ci)) => Some((ci, 0usize)),
                    (x, _) => x,
                };
                // A cue after the quotation must stand right by it ("…"، حسب قوله / "…," he
                // said); one further on has its own subject, and the quoted words may be it.
                let near_cue = att.is_some_and(|(ci, dist)| {
                    cues[ci].kind != CueKind::According
                        && if cues[ci].t0 >= doc.tok_at(b) {
                            dist <= 2
                        } else {
                            dist <= 8
                        }
                });
                // A short span is a quotation only with a cue close by ("…" he said;
                // مشدداً على … “فوراً”); otherwise it is a name, a title or a term, as is a
                // Latin span in Title Case with no cue beside it.
                // A list of quoted items («كنعان»، «به همين سادگي»، «حس پنهان») is titles.
                if s.opened
                    && s.closed
                    && !s.cut
                    && doc.is_arabic_script(doc.tok_at(a))
                    && in_list(&doc, s.start, s.end)
                {
                    continue;
                }
                let title = is_title_case(&doc, a, b);
                let cue_just_before =
                    att.is_some_and(|(ci, dist)| cues[ci].t0 < doc.tok_at(a) && dist <= 3);
                let fragment =
                    words <= self.min_words && doc.chars[a].is_lowercase() && fragments_quote;
                if (words <= self.min_words || title)
                    && !near_cue
                    && headline.is_none()
                    && !fragment
                {
                    continue;
                }
                // Every word capitalised ("Iceland Nature Conservation Association"): a name
                // unless the cue stands right before it.
                if title && words >= 2 && all_capitalised(&doc, a, b) && !cue_just_before {
                    continue;
                }
                if words <= self.min_words
                    && s.closed
                    && !s.cut
                    && latin_subject_slot(&doc, &cues, a, b)
                {
                    continue;
                }
                if (words <= self.min_words
                    || (words <= 2 * self.min_words && doc.is_arabic_script(doc.tok_at(a))))
                    && s.opened
                    && after_name_noun(&doc, &self.lex, s.start)
                {
                    continue;
                }
                if words <= 2
                    && s.opened
                    && is_name_slot(&doc, &cues, s.start, s.end, s.closed && !s.cut)
                {
                    continue;
                }
                let (speaker, cue, confidence) = match att {
                    Some((ci, _)) => {
                        let c = &cues[ci];
                        let conf = if c.named {
                            0.9
                        } else if c.speaker.is_some() {
                            0.8
                        } else {
                            0.6
                        };
                        (speaker_text(&doc, c), Some(cue_text(&doc, c)), conf)
                    }
                    None if headline.is_some() => (headline.clone(), None, 0.7),
                    None => {
                        let opens_paragraph = a <= ps + 2;
                        match (&carry, opens_paragraph) {
                            (Some((sp, cu)), true) => (sp.clone(), cu.clone(), 0.7),
                            _ => (last_speaker_before(&doc, &cues, a), None, 0.5),
                        }
                    }
                };
                let (speaker, cue) = match label {
                    Some((name, _)) => (Some(name), None),
                    None => (speaker, cue),
                };
                let confidence = if s.opened {
                    confidence
                } else {
                    confidence * 0.8
                };
                if !s.closed && !s.cut && b + 2 >= pe {
                    next_carry = Some((speaker.clone(), cue.clone()));
                }
                direct.push(Quote {
                    text: doc.text(a, b),
                    start: a,
                    end: b,
                    kind: QuoteKind::Direct,
                    speaker,
                    cue,
                    confidence,
                });
            }
            let mut colon_ranges: Vec<(usize, usize)> = Vec::new();
            for c in colon::find(&doc, p, &cues, &ranges) {
                let Some((a, b)) = trim(&doc.chars, c.start, c.end, true) else {
                    continue;
                };
                if count_words(&doc, a, b) < 2 {
                    continue;
                }
                let (speaker, cue, confidence) = match (c.cue, c.label) {
                    (Some(ci), _) => (
                        speaker_text(&doc, &cues[ci]),
                        Some(cue_text(&doc, &cues[ci])),
                        0.85,
                    ),
                    (None, Some((t0, t1))) => (Some(doc.tokens_text(t0, t1)), None, 0.75),
                    (None, None) => continue,
                };
                colon_ranges.push((a, b));
                direct.push(Quote {
                    text: doc.text(a, b),
                    start: a,
                    end: b,
                    kind: QuoteKind::Colon,
                    speaker,
                    cue,
                    confidence,
                });
            }
            // Quoted names inside colon speech are part of it.
            direct.retain(|q| q.kind == QuoteKind::Colon || !colon::inside(&colon_ranges, q.start));
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
    doc.tokens_text(c.t0, c.t1)
}

fn speaker_text(doc: &Doc, c: &Cue) -> Option<String> {
    c.speaker.map(|(a, b)| doc.tokens_text(a, b))
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
    while b > a
        && (chars[b - 1].is_whitespace()
            || (punct && matches!(chars[b - 1], ',' | '،' | ':' | ';' | '؛' | '-' | '–' | '—')))
    {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Whether the quoted span opening at `content` follows a noun that introduces names
/// (صحيفة «…», the newspaper "…", das Magazin „…“).
fn after_name_noun(doc: &Doc, lex: &Lexicon, content: usize) -> bool {
    let t = doc.tok_at(content);
    // The opening mark is token t-1; the word before it, t-2.
    t >= 2
        && doc.toks[t - 2].word
        && doc.toks[t - 2].para == doc.toks[t - 1].para
        && (doc.toks[t - 2].info.name_noun() || lex.has_name_suffix(doc.fold_of(t - 2)))
}

/// Whether a one- or two-word quoted span stands where a name goes: after a preposition
/// ("على «تويتر»"), or as the subject right beside an Arabic verb ("حسب ما ذكرت «رويترز»",
/// "لكن «سكاي نيوز» أكدت").
fn is_name_slot(doc: &Doc, cues: &[Cue], content: usize, end: usize, closed: bool) -> bool {
    let t = doc.tok_at(content);
    if t < 2 || doc.toks[t - 2].para != doc.toks[t - 1].para {
        return false;
    }
    let before = t - 2;
    if doc.toks[before].word && doc.toks[before].info.preposition() {
        return true;
    }
    let verb_first = |ci: usize| {
        let c = &cues[ci];
        c.kind == CueKind::Verb
            && lang::ALL[doc.toks[c.t0].info.lang as usize].order == lang::Order::VerbFirst
            && doc.is_arabic_script(c.t0)
    };
    if doc.toks[before].word {
        if let Some(ci) = cue_covering(cues, before) {
            if verb_first(ci) {
                return true;
            }
        }
    }
    if closed {
        let after = doc.tok_at(end) + 1;
        if after < doc.toks.len() && doc.toks[after].word {
            if let Some(ci) = cue_covering(cues, after) {
                return verb_first(ci);
            }
        }
    }
    false
}

/// Whether the quoted span `content..end` (inside its marks) is one item of a list of quoted
/// items: a neighbouring quoted span separated only by a comma or a conjunction. (Used for
/// Arabic script only: English lists quoted fragments of speech the same way.)
fn in_list(doc: &Doc, content: usize, end: usize) -> bool {
    let open = doc.tok_at(content).saturating_sub(1);
    let close = doc.tok_at(end);
    let sep = |t: usize| {
        matches!(doc.punct(t), Some(',' | '،'))
            || (doc.toks[t].word && doc.toks[t].info.conj())
            || matches!(doc.fold_of(t), "و" | "va")
    };
    let mark = |t: usize| doc.punct(t).is_some_and(is_mark_char);
    let n = doc.toks.len();
    let same = |t: usize| doc.toks[t].para == doc.toks[open].para;
    let before = open >= 2 && same(open - 2) && sep(open - 1) && mark(open - 2);
    let after = close + 2 < n && same(close + 2) && sep(close + 1) && mark(close + 2);
    before || after
}

fn all_capitalised(doc: &Doc, a: usize, b: usize) -> bool {
    (doc.tok_at(a)..doc.tok_at(b))
        .filter(|&t| doc.toks[t].word)
        .all(|t| !doc.chars[doc.toks[t].s].is_lowercase())
}

/// Whether a short Latin-script quotation stands as the subject of the cue right after it,
/// with no comma between („Channel 10“ berichtete; "Sosoliso" befand): a name.
fn latin_subject_slot(doc: &Doc, cues: &[Cue], a: usize, b: usize) -> bool {
    let (ta, tb) = (doc.tok_at(a), doc.tok_at(b));
    if ta >= tb || doc.is_arabic_script(ta) || !doc.toks[tb - 1].word {
        return false;
    }
    let after = tb + 1;
    after < doc.toks.len()
        && doc.toks[after].word
        && doc.toks[after].para == doc.toks[tb].para
        && cue_covering(cues, after).is_some()
}

/// An upper-case label and colon opening a quoted transcript line ("PENCE: …"): the label
/// and where the speech starts.
fn transcript_label(doc: &Doc, a: usize, b: usize) -> Option<(String, usize)> {
    let t0 = doc.tok_at(a);
    let mut t = t0;
    while t < doc.toks.len() && doc.toks[t].s < b && t - t0 < 4 {
        let k = &doc.toks[t];
        if doc.punct(t) == Some(':') && t > t0 {
            return Some((doc.tokens_text(t0, t), k.e));
        }
        let w = &doc.chars[k.s..k.e];
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

/// The cue whose tokens include `t`.
fn cue_covering(cues: &[Cue], t: usize) -> Option<usize> {
    let i = cues.partition_point(|c| c.t0 <= t);
    (i > 0 && t < cues[i - 1].t1).then(|| i - 1)
}

/// The cue of the quotation `a..b`: the nearest one before the opening mark in the same
/// sentence, or one right after the closing mark ("…," he said); with the number of words
/// between. A cue just after the quotation wins over a distant one before it.
fn attribute(
    doc: &Doc,
    cues: &[Cue],
    a: usize,
    b: usize,
    opened: bool,
    closed: bool,
) -> Option<(usize, usize)> {
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
                if doc.is_boundary(v) {
                    break;
                }
                if is_mark_char(c) && !first {
                    // Step over a quoted name on the way ("لإذاعة «غلوبال نيوز» الكندية «…»").
                    let mut u = v;
                    let mut inner = 0;
                    while u > 0
                        && inner <= 4
                        && doc.toks[u - 1].para == para
                        && !doc.punct(u - 1).is_some_and(is_mark_char)
                    {
                        u -= 1;
                        inner += usize::from(doc.toks[u].word);
                    }
                    if u == 0 || inner > 4 || !doc.punct(u - 1).is_some_and(is_mark_char) {
                        break;
                    }
                    v = u - 1;
                    words += inner;
                    continue;
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
                if let Some(ci) = cue_covering(cues, v) {
                    post = Some((ci, words));
                    break;
                }
                if is_mark_char(c) || c == '\'' || c == '’' {
                    marks_seen += 1;
                    if marks_seen > 2 {
                        break;
                    }
                } else if doc.is_boundary(v) && v > doc.tok_at(b) {
                    break;
                }
                v += 1;
                continue;
            }
            if let Some(ci) = cue_covering(cues, v) {
                // A cue that opens colon speech ("«توانا» افزود: …") is not this quote's,
                // nor a capitalised one opening the next sentence ("“…” Laut der Agentur").
                let opens_sentence =
                    doc.is_capitalised(cues[ci].t0) && !doc.is_arabic_script(cues[ci].t0);
                if !opens_sentence && !attribution::colon_follows(doc, cues[ci].t1) {
                    post = Some((ci, words));
                }
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
    cues[..i]
        .iter()
        .rev()
        .find_map(|c| c.speaker)
        .map(|(a, b)| doc.tokens_text(a, b))
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
        if k.word && (k.info.cue.is_some() || k.info.head()) {
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
    // The attribution is in the quotation's own sentence ("وأوضح فولر … أن المنظمة …”"):
    // the quotation starts after the complementiser or colon that follows the cue.
    if let Some(ct) = sentence_cue {
        let mut u = ct + 1;
        while u < tb && u < ct + 16 {
            if doc.punct(u) == Some(':') || (doc.toks[u].word && doc.toks[u].info.complementizer())
            {
                return (doc.toks[u].e, Some(ct));
            }
            u += 1;
        }
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
        if !is_alphabetic(c) {
            continue;
        }
        if doc.is_arabic_script(t) || !is_alphabetic(c) {
            return false;
        }
        words += 1;
        if c.is_uppercase() {
            caps += 1;
        } else if k.e - k.s > 3 {
            return false;
        }
    }
    words > 0 && words <= 8 && caps > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Instant;

    fn extractor() -> QuoteExtractor {
        QuoteExtractor::new(&QuoteSettings {
            max_quotes: 500,
            short_quote_words: 4,
        })
    }

    fn quotes(text: &str) -> Vec<Quote> {
        let qs = extractor().extract(text, "und");
        for q in &qs {
            let slice: String = text.chars().skip(q.start).take(q.end - q.start).collect();
            assert_eq!(slice, q.text, "offsets of {q:?}");
        }
        qs
    }

    fn one(text: &str) -> Quote {
        let qs = quotes(text);
        assert_eq!(qs.len(), 1, "{qs:?}");
        qs.into_iter().next().unwrap()
    }

    #[test]
    fn english_ascii_quote_after_said_x() {
        let q = one(r#""We are going to win this election," said Donald Trump on Tuesday."#);
        assert_eq!(q.text, "We are going to win this election,");
        assert_eq!(q.speaker.as_deref(), Some("Donald Trump"));
        assert_eq!(q.cue.as_deref(), Some("said"));
    }

    #[test]
    fn english_pronoun_resolves_to_person_named_before() {
        let qs = quotes("Hillary Clinton said on Monday that she would win.\n“We will build bridges for everyone here,” she said.\n“And we will keep going every day,” he added.");
        assert_eq!(qs[0].speaker.as_deref(), Some("Hillary Clinton"));
        assert_eq!(qs[1].speaker.as_deref(), Some("Hillary Clinton"));
    }

    #[test]
    fn english_according_to() {
        let q =
            one("“The plan will cost billions of dollars,” according to the Treasury Department.");
        assert_eq!(q.speaker.as_deref(), Some("the Treasury Department"));
    }

    #[test]
    fn german_low_high_quotes_and_inverted_speaker() {
        let q = one("„Wir werden das gemeinsam schaffen“, sagte Angela Merkel am Montag.");
        assert_eq!(q.text, "Wir werden das gemeinsam schaffen");
        assert_eq!(q.speaker.as_deref(), Some("Angela Merkel"));
    }

    #[test]
    fn capitalised_cue_after_a_quotation_opens_the_next_sentence() {
        let qs = quotes("Die Agentur zitiert dazu Néstor Kirchner mit folgenden Worten: „Diese Banken haben ihre Zweckbestimmung verloren.“ Laut der gleichen Nachrichtenagentur hält es der Präsident für möglich.");
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].speaker.as_deref(), Some("Néstor Kirchner"));
    }

    #[test]
    fn german_reversed_guillemets() {
        let q = one("Merkel sagte: »Wir werden das gemeinsam schaffen.«");
        assert_eq!(q.text, "Wir werden das gemeinsam schaffen.");
        assert_eq!(q.speaker.as_deref(), Some("Merkel"));
    }

    #[test]
    fn french_guillemets() {
        let q = one("« Nous allons gagner cette élection », a déclaré Emmanuel Macron.");
        assert_eq!(q.text, "Nous allons gagner cette élection");
        assert_eq!(q.speaker.as_deref(), Some("Emmanuel Macron"));
    }

    #[test]
    fn single_guillemets_and_corner_brackets() {
        assert_eq!(
            one("Er sagte: ‹Wir kommen morgen alle zurück›.").text,
            "Wir kommen morgen alle zurück"
        );
        assert_eq!(
            one("Tanaka said: 「we will come back tomorrow」").text,
            "we will come back tomorrow"
        );
    }

    #[test]
    fn single_quotes_are_quotes_not_apostrophes() {
        let q = one("Mr. Smith said 'it's over for all of us now' and left the students' union.");
        assert_eq!(q.text, "it's over for all of us now");
        assert_eq!(q.speaker.as_deref(), Some("Mr. Smith"));
    }

    #[test]
    fn arabic_verb_first_with_wrong_orientation_marks() {
        let q = one("وقال الرئيس العراقي عبد اللطيف رشيد إن ”العراق يتمتع بعلاقات ثابتة مع إيران“.");
        assert_eq!(q.text, "العراق يتمتع بعلاقات ثابتة مع إيران");
        assert_eq!(q.speaker.as_deref(), Some("الرئيس العراقي عبد اللطيف رشيد"));
        assert_eq!(q.cue.as_deref(), Some("وقال"));
    }

    #[test]
    fn arabic_implicit_subject_resolves() {
        let qs = quotes("وقال خامنئي إن “الولايات المتحدة ليست صديقة لأحد في المنطقة”.\nوأضاف أن “العراق قوي ومستقل ويستحق الدعم”.");
        assert_eq!(qs[1].speaker.as_deref(), Some("خامنئي"));
        assert_eq!(qs[1].cue.as_deref(), Some("وأضاف"));
    }

    #[test]
    fn unbalanced_quote_stops_where_a_new_attribution_begins() {
        let qs = quotes("وقال \"إن الجريمة الأميركية مثال على الوجود الأميركي وخاطب الكاظمي قائلا \"لقد قتلوا ضيفك في منزلك\".");
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].text, "إن الجريمة الأميركية مثال على الوجود الأميركي");
        assert_eq!(qs[1].text, "لقد قتلوا ضيفك في منزلك");
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        let qs = quotes(
            "وقال خامنئي \"إن إيران لن تنسى هذه القضية أبدا وسترد بالتأكيد.\nفقرة أخرى هنا.",
        );
        assert_eq!(
            qs[0].text,
            "إن إيران لن تنسى هذه القضية أبدا وسترد بالتأكيد."
        );
    }

    #[test]
    fn unclosed_quote_stops_at_a_sentence_opening_with_a_cue() {
        let qs = quotes("واشار الى انه \"بالطبع ان العلاقات تواجه معارضين كثيرين. وقال إن الأميركيين يخلقون المتاعب.");
        assert_eq!(qs[0].text, "بالطبع ان العلاقات تواجه معارضين كثيرين.");
    }

    #[test]
    fn quote_continues_over_paragraphs() {
        let qs = quotes("Senator Jane Smith said: “We will fight for every single vote in this state.\n“And we will win in November, because people want change.”");
        assert_eq!(qs.len(), 2);
        assert_eq!(
            qs[1].text,
            "And we will win in November, because people want change."
        );
        assert_eq!(qs[1].speaker.as_deref(), Some("Senator Jane Smith"));
    }

    #[test]
    fn orphan_closing_mark_starts_after_the_attribution() {
        let q = one("وأكد أن الأمريكيين ليسوا أصدقاء للعراق. الولايات المتحدة ليست صديقة لأي شخص في المنطقة “.");
        assert_eq!(q.text, "الولايات المتحدة ليست صديقة لأي شخص في المنطقة");
    }

    #[test]
    fn orphan_closing_mark_in_the_attribution_sentence() {
        let q = one("وأوضح جيمي فولر، رئيس المنظمة، أن المنظمة ستبذل أقصى جهودها لإنهاء الفساد”.");
        assert_eq!(q.text, "المنظمة ستبذل أقصى جهودها لإنهاء الفساد");
        assert_eq!(q.speaker.as_deref(), Some("جيمي فولر"));
    }

    #[test]
    fn nested_quotes_are_part_of_the_outer_quote() {
        let qs =
            quotes("He said, “They told me ‘no way, not now’ and then they all left the room.”");
        assert_eq!(qs.len(), 1);
        assert!(qs[0].text.contains("‘no way, not now’"));
    }

    #[test]
    fn persian_colon_speech_with_compound_verb_and_pronoun() {
        let qs = quotes("رهبر انقلاب اسلامی تأکید کردند: ایران هرگز این موضوع را فراموش نخواهد کرد.\nایشان خاطرنشان کردند: حشدالشعبی یک نعمت بزرگ دیگر در عراق است.");
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].kind, QuoteKind::Colon);
        assert_eq!(qs[0].speaker.as_deref(), Some("رهبر انقلاب اسلامی"));
        assert_eq!(qs[0].cue.as_deref(), Some("تأکید کردند"));
        assert_eq!(qs[1].speaker.as_deref(), Some("رهبر انقلاب اسلامی"));
    }

    #[test]
    fn persian_vey_afzud_resolves() {
        let qs = quotes("آقای کاظمی گفت: مردم عراق حمایت ایران را فراموش نمی‌کنند.\nوی افزود: روابط دو کشور عمیق و تاریخی است.");
        assert_eq!(qs[1].speaker.as_deref(), Some("آقای کاظمی"));
    }

    #[test]
    fn persian_colon_speech_opening_with_a_quoted_name() {
        let q = one("يك منبع در مجلس عراق گفت: «محمود المشهداني» رئيس مجلس تصميم گرفت تا جلسه را به تعويق بيندازد.");
        assert_eq!(q.kind, QuoteKind::Colon);
        assert!(q.text.starts_with("«محمود المشهداني»"));
        assert_eq!(q.speaker.as_deref(), Some("يك منبع"));
    }

    #[test]
    fn arabic_cue_spelling_is_a_word_in_persian() {
        // نفت is "she denied" in Arabic and "oil" in Persian.
        assert!(quotes(
            "این کشور نفت «با کمک شرکای خارجی» را صادر کرده است و این کار را ادامه می‌دهد."
        )
        .is_empty());
    }

    #[test]
    fn arabic_colon_speech_after_wa_qala() {
        let qs = quotes(
            "واستقبل الكاظمي الوفد في بغداد. وقال: هناك تحديات كبيرة نواجهها معا في المنطقة.",
        );
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].kind, QuoteKind::Colon);
        assert_eq!(qs[0].text, "هناك تحديات كبيرة نواجهها معا في المنطقة.");
    }

    #[test]
    fn transcript_label_and_arabic_headline() {
        let q = one("PENCE: Well, I think the American people want to hear the truth tonight.");
        assert_eq!(q.speaker.as_deref(), Some("PENCE"));
        let qs = quotes("علي خامنئي: وجود جندي أمريكي واحد في العراق أكثر من اللازم\nوقال المرشد علي خامنئي إن بلاده تريد علاقات جيدة.");
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].speaker.as_deref(), Some("علي خامنئي"));
        // A topic label is not a speaker: nobody of that name speaks in the article.
        assert!(quotes("مونديال روسيا: منتخب تونس يتغلب على بنما ويحقق فوزه الأول").is_empty());
    }

    #[test]
    fn dateline_is_not_colon_speech() {
        assert!(quotes("لندن: اعتبر خامنئي خلال اجتماعه مع الكاظمي في طهران اليوم الوجود الاميركي مصدرا للفساد، وشدد على موقف بلاده الثابت من القضية منذ سنوات طويلة جدا في المنطقة والعالم.").is_empty());
    }

    #[test]
    fn quoted_names_titles_and_outlets_are_not_quotations() {
        assert!(quotes("كما نقلته عنه وسائل اعلام ايرانية تابعتها \"إيلاف\" اليوم.").is_empty());
        assert!(quotes("آنها به دنبال حکومتی همچون حکومت «پل برمر» هستند.").is_empty());
        assert!(quotes("She reviewed “The Art of the Deal” for the New York Times.").is_empty());
        assert!(quotes("Das Projekt „Neues Deutschland“ wurde vorgestellt.").is_empty());
    }

    #[test]
    fn short_quote_with_cue_is_kept() {
        let q = one("وقال خامنئي إن هناك “أعداء شرسون” لعلاقات أقوى.");
        assert_eq!(q.text, "أعداء شرسون");
        assert_eq!(q.speaker.as_deref(), Some("خامنئي"));
    }

    #[test]
    fn lang_hint_does_not_change_the_result() {
        let t = "وقال الرئيس إن “العراق يتمتع بعلاقات ثابتة مع إيران”.";
        let x = extractor();
        assert_eq!(x.extract(t, "und"), x.extract(t, "ar"));
        assert_eq!(x.extract(t, "en"), x.extract(t, "ar"));
    }

    #[test]
    fn hostile_thousands_of_marks() {
        let t = "\"«„“”»'‘’「」".repeat(5_000);
        let qs = quotes(&t);
        assert!(qs.len() <= 500);
    }

    #[test]
    fn hostile_no_spaces_and_one_enormous_paragraph() {
        let t = "ا".repeat(300_000);
        assert!(quotes(&t).is_empty());
        let t = "He said \"word ".repeat(20_000);
        let qs = quotes(&t);
        assert!(qs.len() <= 500);
    }

    #[test]
    fn hostile_output_is_bounded_by_settings() {
        let x = QuoteExtractor::new(&QuoteSettings {
            max_quotes: 3,
            short_quote_words: 4,
        });
        let t = "“We will win this fight together,” he said.\n".repeat(100);
        assert_eq!(x.extract(&t, "en").len(), 3);
    }

    #[test]
    fn hostile_time_is_linear() {
        let x = extractor();
        let unit = "وقال \"إن الجريمة الأميركية وخاطب الكاظمي قائلا \"لقد قتلوا: ضيفك «في» منزلك “. ";
        let small = unit.repeat(2_000);
        let big = unit.repeat(16_000);
        let t0 = Instant::now();
        x.extract(&small, "und");
        let d_small = t0.elapsed();
        let t1 = Instant::now();
        x.extract(&big, "und");
        let d_big = t1.elapsed();
        // 8x the input: far below the 64x of a quadratic algorithm.
        assert!(
            d_big < d_small * 24 + std::time::Duration::from_millis(50),
            "{d_small:?} -> {d_big:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

        /// `text[start:end] == quote.text` in code points, for any mix of marks, scripts,
        /// colons, cue verbs and line breaks.
        #[test]
        fn offsets_are_code_points_and_match_the_text(parts in proptest::collection::vec(prop_oneof![
            Just("\""), Just("“"), Just("”"), Just("„"), Just("«"), Just("»"), Just("‹"), Just("›"),
            Just("「"), Just("」"), Just("'"), Just("’"), Just(":"), Just("\n"), Just(" "), Just(". "),
            Just("said"), Just("Trump"), Just("he said"), Just("وقال"), Just("خامنئي"), Just("گفت"),
            Just("تأکید کردند"), Just("ایشان"), Just("sagte"), Just("😀"), Just("é"), Just("\u{200c}"),
            Just("word"), Just("كلمة"), Just("واژه"), Just(","), Just("،"), Just("PENCE"),
        ], 0..80)) {
            let text: String = parts.concat();
            let chars: Vec<char> = text.chars().collect();
            for q in extractor().extract(&text, "und") {
                prop_assert!(q.start < q.end && q.end <= chars.len());
                let slice: String = chars[q.start..q.end].iter().collect();
                prop_assert_eq!(slice, q.text);
            }
        }
    }
}
