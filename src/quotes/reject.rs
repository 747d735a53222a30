//! Rejecting quoted names and titles: a quoted span that is a company's name, a book's title,
//! a scare-quoted term or an outlet ("«پل برمر»", “The Art of the Deal”, „Neues Deutschland“)
//! is not a quotation. Each rule below looks at where the span stands (the word before it,
//! the cue after it, a list of quoted items) rather than at what it says.

use super::attribution::{auxiliary_before, cue_covering, Cue};
use super::lang::{self, ar, CueKind, Lexicon};
use super::link::Link;
use super::marks::{is_mark_char, Span};
use super::spans::Candidate;
use super::tokens::Doc;
use crate::text::chars::letters::is_alphabetic;

/// A cue after a short span counts as its own only this close ("…"، حسب قوله / "…," he
/// said); one further on has its own subject, and the quoted words may be it.
const NEAR_CUE_AFTER_WORDS: usize = 2;
/// …or this far when a German relative clause about the span holds it ("den Ausdruck „…“,
/// mit dem er die Gegner bezeichnete"): the clause says who used the words.
const RELATIVE_CLAUSE_CUE_WORDS: usize = 8;
/// A cue before a short span counts as its own this far back (مشدداً على ضرورة … “فوراً”).
const NEAR_CUE_BEFORE_WORDS: usize = 8;
/// A quoted span of this many words or more is a clause someone said rather than a term, so
/// any cue before it in its sentence is its own ("X says Y's tweets were “unhinged, even for
/// him”").
const CLAUSE_WORDS: usize = 3;
/// A span with every word capitalised needs its cue at most this many words before it
/// (said “Make America Great Again”); otherwise it is a name.
const CUE_JUST_BEFORE_WORDS: usize = 3;
/// A span of at most this many words right after a preposition or beside an Arabic verb is
/// a name in that slot ("على «تويتر»", "ذكرت «رويترز»").
const NAME_SLOT_WORDS: usize = 2;
/// A Latin title has at most this many words ("The Art of the Deal").
const MAX_TITLE_WORDS: usize = 8;
/// Lower-case words of at most this many letters may stand in a title ("of", "the", "und").
const TITLE_FUNCTION_WORD_LETTERS: usize = 3;
/// A German lower-case span of at most this many words ending in a noun ("die Kunden",
/// "finanzielle Lage") is a noun phrase, scare-quoted as a term unless it is reported.
const TERM_WORDS: usize = 2;
/// How far on either side of a span its sentence is read for signs of reported speech.
const SENTENCE_TOKENS: usize = 30;

/// How a candidate is placed, beyond its own words.
pub struct Context {
    /// A quotation of at most this many words needs a cue close by.
    pub short_words: usize,
    /// The paragraph has a headline label ("فلان: … «…»"), which attributes short spans too.
    pub headline: bool,
    /// The paragraph's language capitalises nouns (German), so a lower-case short span is
    /// someone's words rather than a name.
    pub lowercase_fragments_quote: bool,
}

/// Whether the candidate is a quoted name, title or term rather than a quotation.
pub fn is_name_or_title(
    doc: &Doc,
    lex: &Lexicon,
    cues: &[Cue],
    cand: &Candidate,
    link: Option<Link>,
    ctx: &Context,
) -> bool {
    let (start, end, words) = (cand.start, cand.end, cand.words);
    let short = words <= ctx.short_words;
    let title = is_title_case(doc, start, end);
    // A list of quoted items («كنعان»، «به همين سادگي»، «حس پنهان») is titles.
    let listed =
        cand.is_whole() && doc.is_arabic_script(doc.tok_at(start)) && in_list(doc, &cand.span);
    let fragment = short
        && doc.chars[start].is_lowercase()
        && ctx.lowercase_fragments_quote
        && !(link.is_none() && scare_quoted_term(doc, lex, start, end));
    let needs_cue = (short || title) && !ctx.headline && !fragment;
    let naming = link.and_then(|l| naming_cue(doc, lex, &cues[l.cue], start));
    // Every word capitalised ("Iceland Nature Conservation Association"): a name unless the
    // cue stands right before it.
    let all_caps = title
        && words >= 2
        && all_capitalised(doc, start, end)
        && !cue_just_before(cues, link, doc.tok_at(start));
    let name_noun_words = if doc.is_arabic_script(doc.tok_at(start)) {
        2 * ctx.short_words
    } else {
        ctx.short_words
    };
    listed
        || (needs_cue && (!near_cue(doc, cues, link, (start, end), words) || naming == Some(true)))
        || (naming.is_some()
            && !ctx.lowercase_fragments_quote
            && is_title_case(doc, start, before_trailing_punctuation(doc, start, end)))
        || all_caps
        || (short && cand.closes() && latin_subject_slot(doc, cues, start, end))
        || (words <= name_noun_words
            && cand.span.opened
            && after_name_noun(doc, lex, cand.span.start))
        || (words <= NAME_SLOT_WORDS
            && cand.span.opened
            && is_name_slot(doc, cues, cand.span.start, cand.span.end, cand.closes()))
        || (words <= NAME_SLOT_WORDS && cand.span.opened && opens_with_name_noun(doc, start))
}

/// Whether the quotation `start..end` (code points) of `words` words has a cue close enough
/// to make a short span speech.
fn near_cue(
    doc: &Doc,
    cues: &[Cue],
    link: Option<Link>,
    (start, end): (usize, usize),
    words: usize,
) -> bool {
    link.is_some_and(|l| {
        let limit = if cues[l.cue].first >= doc.tok_at(end) {
            if relative_clause_after(doc, end) {
                RELATIVE_CLAUSE_CUE_WORDS
            } else {
                NEAR_CUE_AFTER_WORDS
            }
        } else if words >= CLAUSE_WORDS
            && !doc.is_arabic_script(cues[l.cue].first)
            && !(doc.tok_at(start)..doc.tok_at(end)).any(|t| doc.is_arabic_script(t))
        {
            usize::MAX
        } else {
            NEAR_CUE_BEFORE_WORDS
        };
        cues[l.cue].kind != CueKind::According && l.words <= limit
    })
}

/// Whether a German relative clause opens right after the quotation ending at code point
/// `end`: its closing mark, a comma, and a relative pronoun, after a preposition or not
/// ("„…“, mit der er", "„…“, den sie").
fn relative_clause_after(doc: &Doc, end: usize) -> bool {
    let close = doc.tok_at(end);
    let para = doc.toks.get(close).map(|k| k.para);
    let german = para.is_some() && doc.is_verb_second(close);
    let lower = |u: usize| {
        u < doc.toks.len()
            && Some(doc.toks[u].para) == para
            && doc.toks[u].word
            && !doc.is_capitalised(u)
    };
    let relative = |u: usize| lower(u) && doc.toks[u].info.det();
    german
        && doc.punct(close + 1) == Some(',')
        && (relative(close + 2) || (lower(close + 2) && relative(close + 3)))
}

/// For a naming verb before the quotation opening at code point `start` ("a group called
/// “Friends of the Park”", "calls the plan “reckless”"), whether it is passive ("was
/// called “…” by many"); `None` for any other cue. A capitalised span after a naming verb is
/// what something is called, a name; after a passive one no span is anyone's words.
fn naming_cue(doc: &Doc, lex: &Lexicon, cue: &Cue, start: usize) -> Option<bool> {
    let first = cue.first;
    if first >= doc.tok_at(start) || !lex.role(doc.fold_of(first)).naming {
        return None;
    }
    let passive = first > 0
        && doc.toks[first - 1].word
        && doc.toks[first - 1].para == doc.toks[first].para
        && lex.role(doc.fold_of(first - 1)).passive;
    Some(passive)
}

/// The end of `start..end` without the punctuation a quotation closes with ("Clean
/// Streets,", "Aunt Tom.").
fn before_trailing_punctuation(doc: &Doc, start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && matches!(doc.chars[e - 1], ',' | '.' | ';' | ':' | '!' | '?') {
        e -= 1;
    }
    e
}

/// Whether the cue stands right before the quotation starting at token `first`.
fn cue_just_before(cues: &[Cue], link: Option<Link>, first: usize) -> bool {
    link.is_some_and(|l| cues[l.cue].first < first && l.words <= CUE_JUST_BEFORE_WORDS)
}

/// Whether the quoted span opening at `content` follows a noun that introduces names
/// (صحيفة «…», the newspaper "…", das Magazin „…“).
fn after_name_noun(doc: &Doc, lex: &Lexicon, content: usize) -> bool {
    let t = doc.tok_at(content);
    // The opening mark is token t-1; the word before it, t-2.
    t >= 2
        && doc.toks[t - 2].word
        && doc.toks[t - 2].para == doc.toks[t - 1].para
        && (doc.toks[t - 2].info.name_noun()
            || lex.has_name_suffix(doc.fold_of(t - 2))
            || clitic_name_noun(doc, lex, t - 2))
}

/// Whether Arabic word `u` is a name-introducing noun behind the clitic li- or bi-
/// ("لمنظمة «…»", "بحركة «…»"): the clitic does not change what the noun introduces.
fn clitic_name_noun(doc: &Doc, lex: &Lexicon, u: usize) -> bool {
    doc.is_arabic_script(u)
        && doc
            .fold_of(u)
            .strip_prefix(['ل', 'ب'])
            .is_some_and(|rest| lex.get(rest).name_noun())
}

/// Whether the Arabic quoted span opening at `content` opens with a name-introducing noun
/// («تحالف …», «حركة …»): a short span led by one is the name of what that noun names.
fn opens_with_name_noun(doc: &Doc, content: usize) -> bool {
    let t = doc.tok_at(content);
    t < doc.toks.len()
        && doc.toks[t].word
        && doc.is_arabic_script(t)
        && doc.toks[t].info.name_noun()
        && !ar::introduces_by_preposition(doc.fold_of(t))
}

/// Whether a one- or two-word quoted span stands where a name goes: after a preposition
/// ("على «تويتر»", "لـ«الصباح»"), or as the subject right beside an Arabic verb ("حسب ما ذكرت «رويترز»",
/// "لكن «سكاي نيوز» أكدت").
fn is_name_slot(doc: &Doc, cues: &[Cue], content: usize, end: usize, closed: bool) -> bool {
    let t = doc.tok_at(content);
    if t < 2 || doc.toks[t - 2].para != doc.toks[t - 1].para {
        return false;
    }
    let before = t - 2;
    // "لـ«الصباح»": li- written apart with a tatweel before an outlet's name in marks.
    let li = doc.is_arabic_script(before) && doc.fold_of(before) == "ل";
    if doc.toks[before].word && (doc.toks[before].info.preposition() || li) {
        return true;
    }
    let verb_first = |ci: usize| {
        let c = &cues[ci];
        c.kind == CueKind::Verb
            && lang::ALL[doc.toks[c.first].info.lang as usize].order == lang::Order::VerbFirst
            && doc.is_arabic_script(c.first)
    };
    // "نقلته «…» عن": an Arabic speech verb not taken as a cue here still has the name as
    // its subject.
    let speech_verb = doc.is_arabic_script(before)
        && ((doc.toks[before].info.cue.is_some()
            && lang::ALL[doc.toks[before].info.lang as usize].order == lang::Order::VerbFirst)
            || ar::is_transmitting_verb(doc.fold_of(before)));
    if doc.toks[before].word && speech_verb && cue_covering(cues, before).is_none() {
        return true;
    }
    if doc.toks[before].word {
        if let Some(ci) = cue_covering(cues, before) {
            if verb_first(ci) {
                return true;
            }
        }
    }
    if closed {
        let mut after = doc.tok_at(end) + 1;
        // "«…» قد كشف": an auxiliary stands between the name and its verb.
        if after + 1 < doc.toks.len()
            && doc.toks[after].word
            && doc.is_arabic_script(after)
            && ar::is_auxiliary(doc.fold_of(after))
        {
            after += 1;
        }
        if after < doc.toks.len() && doc.toks[after].word {
            if let Some(ci) = cue_covering(cues, after) {
                return verb_first(ci);
            }
        }
    }
    false
}

/// Whether the quoted span (inside its marks) is one item of a list of quoted
/// items: a neighbouring quoted span separated only by a comma or a conjunction. (Used for
/// Arabic script only: English lists quoted fragments of speech the same way.)
fn in_list(doc: &Doc, span: &Span) -> bool {
    let open = doc.tok_at(span.start).saturating_sub(1);
    let close = doc.tok_at(span.end);
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

/// German capitalises nouns, so a lower-case fragment is usually someone's words; but a
/// bare noun phrase ("an „die Kunden“", "ihre „finanzielle Lage“") with no cue is a term
/// the writer holds at a distance, unless its sentence reports speech: a "dass" clause
/// before it ("Hinweise, dass … mit „dubiosen Partnern“") or a verb in the mood of
/// reported speech ("der Streik sei eine „reine Machtprobe“").
fn scare_quoted_term(doc: &Doc, lex: &Lexicon, start: usize, end: usize) -> bool {
    let (a, b) = (doc.tok_at(start), doc.tok_at(end));
    let words: Vec<usize> = (a..b).filter(|&t| doc.toks[t].word).collect();
    let noun_ends = words.last().is_some_and(|&t| doc.is_capitalised(t));
    (2..=TERM_WORDS).contains(&words.len()) && noun_ends && !reported_sentence(doc, lex, a, b)
}

/// Whether the sentence around tokens `a..b` reports speech: a complementiser before them,
/// or a subjunctive on either side.
fn reported_sentence(doc: &Doc, lex: &Lexicon, a: usize, b: usize) -> bool {
    let para = doc.toks[a].para;
    let inside = |u: &usize| doc.toks[*u].para == para && !doc.is_boundary(*u);
    let reported = |u: usize| doc.toks[u].word && lex.role(doc.fold_of(u)).reported;
    let before = (a.saturating_sub(SENTENCE_TOKENS)..a)
        .rev()
        .take_while(inside);
    let after = (b..(b + SENTENCE_TOKENS).min(doc.toks.len())).take_while(inside);
    before
        .clone()
        .any(|u| doc.toks[u].word && doc.toks[u].info.complementizer())
        || before.chain(after).any(reported)
}

/// Whether no word of code points `a..b` starts with a lower-case letter.
fn all_capitalised(doc: &Doc, a: usize, b: usize) -> bool {
    (doc.tok_at(a)..doc.tok_at(b))
        .filter(|&t| doc.toks[t].word)
        .all(|t| !doc.chars[doc.toks[t].start].is_lowercase())
}

/// Whether a short Latin-script quotation stands as the subject of the cue right after it,
/// with no comma between („Channel 10“ berichtete; "Sosoliso" befand): a name. Not when the
/// cue is a German clause-final participle whose auxiliary stands before the span ("hatte
/// … „ohne jede Eile“ bekanntgegeben"): the span is inside that clause.
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
        && auxiliary_before(doc, after).is_none_or(|x| x >= ta)
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
            if matches!(doc.chars[k.start], ',' | '!' | '?' | ';' | ':') || doc.is_boundary(t) {
                return false;
            }
            continue;
        }
        let c = doc.chars[k.start];
        if !is_alphabetic(c) {
            continue;
        }
        if doc.is_arabic_script(t) || !is_alphabetic(c) {
            return false;
        }
        words += 1;
        if c.is_uppercase() {
            caps += 1;
        } else if k.end - k.start > TITLE_FUNCTION_WORD_LETTERS {
            return false;
        }
    }
    words > 0 && words <= MAX_TITLE_WORDS && caps > 0
}

#[cfg(test)]
mod tests {
    use super::super::attribution::scan;
    use super::super::link::attribute;
    use super::super::marks;
    use super::super::spans::bound;
    use super::*;

    /// Whether the first top-level quoted span of the one-paragraph `text` is rejected.
    fn rejected(text: &str) -> bool {
        rejected_in(text, false)
    }

    /// As [`rejected`], in a language that capitalises nouns (German) when `nouns_capital`.
    fn rejected_in(text: &str, nouns_capital: bool) -> bool {
        let lx = Lexicon::build();
        let d = Doc::new(text, &lx);
        let cues = scan(&d, &lx, &vec![false; d.toks.len()], &d.para_lang);
        let (ps, pe) = d.paras[0];
        let span = marks::find_at(&d.chars, ps, pe, d.marks_in(ps, pe))[0];
        let cand = bound(&d, &cues, 0, &span).unwrap();
        let link = attribute(&d, &cues, cand.start, cand.end, true, cand.closes());
        let ctx = Context {
            short_words: 4,
            headline: false,
            lowercase_fragments_quote: nouns_capital,
        };
        is_name_or_title(&d, &lx, &cues, &cand, link, &ctx)
    }

    #[test]
    fn an_outlet_after_a_detached_li_is_a_name() {
        // "told «Al-Nahar»": the outlet addressed, not words said.
        assert!(rejected("وقال لـ«النهار» مدير المستشفى إن الوضع صعب."));
        assert!(!rejected("وقال مدير المستشفى «الوضع صعب جدا هذا الأسبوع»."));
    }

    #[test]
    fn short_span_without_a_cue_is_a_term() {
        assert!(rejected("The plan was called “a fresh start” by many."));
        assert!(!rejected("The mayor said “a fresh start” was needed."));
    }

    #[test]
    fn a_clause_takes_any_cue_of_its_sentence_a_term_only_a_near_one() {
        assert!(!rejected("The governor says the letters her rivals sent to the county clerk last spring were “plainly against the law.”"));
        assert!(rejected("The governor says the letters her rivals sent to the county clerk last spring were a “fresh start” for them."));
    }

    #[test]
    fn title_case_span_is_a_title() {
        assert!(rejected("She bought “The Long Road Home” in a shop."));
    }

    #[test]
    fn span_after_a_name_noun_is_a_name() {
        assert!(rejected("وكتبت صحيفة «الصباح الجديد» عن الموضوع."));
        // A work's title after the noun of its kind.
        assert!(rejected(
            "وعرض المتحف لوحة «الفلاحون عند النهر في المساء» للمرة الأولى."
        ));
        assert!(rejected("وقال الضيف في فقرة «ضيف الصباح» إنه سعيد."));
    }

    #[test]
    fn one_word_after_a_preposition_is_a_name() {
        assert!(rejected("ونشر المتحدث على «فيسبوك» بيانا طويلا."));
    }

    #[test]
    fn quoted_items_of_a_list_are_titles() {
        assert!(rejected(
            "عرض المهرجان «ليلة الحصاد الطويلة» و«بيت على النهر» أمس."
        ));
    }

    #[test]
    fn a_short_quotation_right_by_its_cue_is_kept() {
        assert!(!rejected("“Absolutely not,” the director said."));
    }

    #[test]
    fn a_long_sentence_is_kept() {
        assert!(!rejected(
            "“We will rebuild every school that was damaged this winter,” the mayor said."
        ));
    }

    #[test]
    fn german_scare_quoted_noun_phrase_is_a_term_unless_reported() {
        assert!(rejected_in(
            "Die Firma schickte eine Einladung an „die Kunden“ im Ausland.",
            true
        ));
        assert!(rejected_in(
            "Sie wurde geladen, um ihre „finanzielle Lage“ zu besprechen.",
            true
        ));
        assert!(!rejected_in(
            "Es gab Hinweise, dass die Firma mit „dubiosen Partnern“ handelte.",
            true
        ));
        assert!(!rejected_in(
            "Der Minister sprach am Montag von „großen Fortschritten“ bei den Gesprächen.",
            true
        ));
        assert!(!rejected_in(
            "Der Trainer verteidigte den Ausdruck „Faulpelze“, mit dem er seine Spieler bezeichnet hatte.",
            true
        ));
        assert!(rejected_in(
            "Der Trainer mochte den Ausdruck „Faulpelze“ im Verein sehr und sagte dann nichts.",
            true
        ));
        assert!(!rejected_in(
            "Der Streik sei eine „reine Machtprobe“ gewesen.",
            true
        ));
        assert!(!rejected_in(
            "Die Bauern klagen über „viel zu niedrige Preise“ im Handel.",
            true
        ));
    }
}
