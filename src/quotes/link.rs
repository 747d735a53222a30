//! Joining a quotation to its cue: the nearest cue before the opening mark in the same
//! sentence, or one right after the closing mark ("…," he said). Which cue is found decides
//! the speaker; [`super::score`] turns how it was found into a confidence.

use super::attribution::{colon_follows, cue_covering, opens_sentence, subject_opening, Cue};
use super::lang::ar;
use super::marks::is_mark_char;
use super::tokens::Doc;

/// How many words before a quotation its cue may stand ("مشدداً على ضرورة … “فوراً”").
const PRE_WINDOW_WORDS: usize = 25;
/// How many words after a quotation its cue may stand ("…," said the minister).
const POST_WINDOW_WORDS: usize = 10;
/// …or, when a name and its apposition stand between ("…," Ann Lee, director of … and a
/// professor at …, said), this many: the name right after the quotation is its speaker's.
const APPOSITION_WORDS: usize = 30;
/// The start of a quotation's sentence is looked for at most this many tokens back.
const SENTENCE_TOKENS: usize = 60;
/// A quoted name on the way to the cue is stepped over when it has at most this many words
/// ("لإذاعة «غلوبال نيوز» الكندية «…»"); a longer quotation is speech of its own.
const STEP_OVER_QUOTED_WORDS: usize = 4;
/// Quotation marks (or apostrophes) met after a quotation before its cue is given up: the
/// closing mark of a nested quote, then at most one more.
const POST_MARKS: usize = 2;
/// A cue right after the quotation (at most this many words on)…
const CLOSE_POST_WORDS: usize = 8;
/// …wins over a cue before it that is further than this many words away: "…," he said is
/// the writer's attribution, a verb far back in the sentence is usually another clause's.
const DISTANT_PRE_WORDS: usize = 3;

/// A quotation's cue (index into the cue list) and the number of words between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub cue: usize,
    pub words: usize,
}

/// The cue of the quotation `start..end` (code points, inside its marks); `opened`/`closed`
/// say which marks it has, since only a mark bounds the sentence on that side.
pub fn attribute(
    doc: &Doc,
    cues: &[Cue],
    start: usize,
    end: usize,
    opened: bool,
    closed: bool,
) -> Option<Link> {
    let first = doc.tok_at(start);
    let para = doc.toks.get(first).map(|t| t.para)?;
    let before = if opened {
        cue_before(doc, cues, first, para)
    } else {
        None
    };
    let after = if closed {
        cue_after(doc, cues, doc.tok_at(end), para)
    } else {
        None
    };
    match (before, after) {
        (Some(b), Some(a)) if a.words <= CLOSE_POST_WORDS && b.words > DISTANT_PRE_WORDS => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

/// The nearest cue before token `first` (the quotation's first), in the same sentence.
fn cue_before(doc: &Doc, cues: &[Cue], first: usize, para: u32) -> Option<Link> {
    let mut v = first;
    let mut words = 0;
    // The opening mark itself is the first non-word met; only later marks are stepped over.
    let mut at_mark = true;
    while v > 0 && words <= PRE_WINDOW_WORDS {
        v -= 1;
        let k = &doc.toks[v];
        if k.para != para {
            break;
        }
        if !k.word {
            if doc.is_boundary(v) {
                break;
            }
            if is_mark_char(doc.chars[k.start]) && !at_mark {
                // A short quoted name is read as words of the sentence; an earlier quotation
                // of the same sentence ("أن «…» لكن «…»") is stepped over in Arabic script, so both take
                // its cue.
                if let Some((open, inner)) = quoted_name_before(doc, v, para) {
                    v = open;
                    words += inner;
                } else if doc.is_arabic_script(first) {
                    v = earlier_quotation_before(doc, v, para)?;
                } else {
                    return None;
                }
                continue;
            }
            at_mark = false;
            continue;
        }
        at_mark = false;
        if let Some(cue) = cue_covering(cues, v) {
            return Some(Link { cue, words });
        }
        words += 1;
    }
    None
}

/// A short quoted name ending with the closing mark at token `close`: its opening mark's
/// token and its words; `None` when it is no short quotation (the search for a cue stops).
fn quoted_name_before(doc: &Doc, close: usize, para: u32) -> Option<(usize, usize)> {
    let mut u = close;
    let mut inner = 0;
    while u > 0
        && inner <= STEP_OVER_QUOTED_WORDS
        && doc.toks[u - 1].para == para
        && !doc.punct(u - 1).is_some_and(is_mark_char)
    {
        u -= 1;
        inner += usize::from(doc.toks[u].word);
    }
    if u == 0 || inner > STEP_OVER_QUOTED_WORDS || !doc.punct(u - 1).is_some_and(is_mark_char) {
        return None;
    }
    Some((u - 1, inner))
}

/// The opening mark's token of a quotation ending with the closing mark at token `close`,
/// at most [`EARLIER_QUOTATION_TOKENS`] back in paragraph `para`; `None` when there is none.
/// Sentence ends inside it are its own.
fn earlier_quotation_before(doc: &Doc, close: usize, para: u32) -> Option<usize> {
    let mut u = close;
    while u > 0 && close - u < EARLIER_QUOTATION_TOKENS && doc.toks[u - 1].para == para {
        u -= 1;
        if doc.punct(u).is_some_and(is_mark_char) {
            return Some(u);
        }
    }
    None
}

/// An earlier quotation of the sentence is stepped over when it has at most this many
/// tokens (a long paragraph-sized one has its own attribution).
const EARLIER_QUOTATION_TOKENS: usize = 120;

/// The cue right after the token `close` (the quotation's closing mark), before the sentence
/// ends; a cue that opens colon speech or a new sentence is not this quotation's.
fn cue_after(doc: &Doc, cues: &[Cue], close: usize, para: u32) -> Option<Link> {
    let mut v = close;
    let mut words = 0;
    let mut marks_seen = 0;
    let mut name = NameAfter::default();
    // "“… in the region.” Kenya insisted that …": a quotation that ends its sentence with a
    // full stop is followed by a new sentence, whose cue is its own.
    let full_stop = close > 0 && doc.punct(close - 1) == Some('.') && doc.is_boundary(close - 1);
    while v < doc.toks.len() && words < name.window() && doc.toks[v].para == para {
        let k = &doc.toks[v];
        if !k.word {
            if let Some(cue) = cue_covering(cues, v) {
                return name.link(cues, cue, words);
            }
            let c = doc.chars[k.start];
            if is_mark_char(c) || c == '\'' || c == '’' {
                marks_seen += 1;
                if marks_seen > POST_MARKS {
                    return None;
                }
            } else if doc.is_boundary(v) && v > close {
                return None;
            }
            name.punct(c, doc.is_boundary(v));
            v += 1;
            continue;
        }
        // "«…»، في حين قال X إن «…»": a particle opens the next clause, whose cue is its own.
        if doc.is_arabic_script(v) && ar::opens_contrast_clause(doc.fold_of(v)) {
            return None;
        }
        if let Some(cue) = cue_covering(cues, v) {
            // A cue that opens colon speech ("«توانا» افزود: …") is not this quote's,
            // nor a capitalised one opening the next sentence ("“…” Laut der Agentur").
            let c = &cues[cue];
            let opens_sentence = doc.is_capitalised(c.first) && !doc.is_arabic_script(c.first);
            if opens_sentence || colon_follows(doc, c.end) {
                return None;
            }
            return name.link(cues, cue, words);
        }
        if full_stop && words == 0 && doc.is_capitalised(v) && !doc.is_arabic_script(v) {
            return None;
        }
        name.word(v, doc.is_capitalised(v) && !k.info.stop());
        words += 1;
        v += 1;
    }
    None
}

/// The name right after a quotation's closing mark, when an apposition follows it: "“…,”
/// Ann Lee, director of the port authority and a professor at the state college, said".
/// The apposition's words do not count against the window, and the cue found must be the
/// one whose subject is that name.
#[derive(Default)]
struct NameAfter {
    /// First token and number of capitalised words read so far.
    first: Option<usize>,
    words: usize,
    /// Something other than a name word was met: the name is complete.
    ended: bool,
    /// The name is followed by a comma or a parenthesis.
    apposition: bool,
}

impl NameAfter {
    fn window(&self) -> usize {
        if self.apposition {
            APPOSITION_WORDS
        } else {
            POST_WINDOW_WORDS
        }
    }

    fn word(&mut self, t: usize, capitalised: bool) {
        if self.ended {
            return;
        }
        if capitalised {
            self.first.get_or_insert(t);
            self.words += 1;
        } else {
            self.ended = true;
        }
    }

    /// Punctuation `c` after the closing mark; `boundary` when it ends a sentence.
    fn punct(&mut self, c: char, boundary: bool) {
        if self.ended || self.words == 0 || (c == '.' && !boundary) {
            return;
        }
        self.ended = true;
        self.apposition = matches!(c, ',' | '(');
    }

    /// The link to `cue`, `words` on; past the plain window only a cue whose written
    /// subject is the name read here.
    fn link(&self, cues: &[Cue], cue: usize, words: usize) -> Option<Link> {
        if !self.apposition {
            return Some(Link { cue, words });
        }
        let own = cues[cue].named && Some(cues[cue].name.0) == self.first;
        (own || words < POST_WINDOW_WORDS).then_some(Link {
            cue,
            words: if own { self.words } else { words },
        })
    }
}

/// The subject named at the start of the sentence holding code point `pos` (a quotation's
/// opening), before it: "Lee called the plan “a gift to the banks”" gives Lee a quotation
/// that has no cue of its own.
pub fn sentence_subject_before(doc: &Doc, pos: usize) -> Option<(usize, usize)> {
    let t = doc.tok_at(pos);
    let para = doc.toks.get(t)?.para;
    let mut s = t;
    while s > 0 && t - s < SENTENCE_TOKENS && !opens_sentence(doc, s) {
        s -= 1;
    }
    if s == t || doc.toks[s].para != para || !opens_sentence(doc, s) {
        return None;
    }
    subject_opening(doc, s).filter(|&(_, b)| b < t)
}

/// The speaker named last before code point `pos`: who a quotation without a cue is given
/// to, unless a heading stands between them: a new section is a new topic, and its
/// quotations are not the last section's speaker's.
pub fn last_speaker_before(doc: &Doc, cues: &[Cue], pos: usize) -> Option<(usize, usize)> {
    let t = doc.tok_at(pos);
    let i = cues.partition_point(|c| c.end <= t);
    let c = cues[..i].iter().rev().find(|c| c.speaker.is_some())?;
    let (from, to) = (
        doc.toks[c.first].para as usize,
        doc.toks.get(t)?.para as usize,
    );
    let heading = (from + 1..to)
        .rev()
        .take(HEADING_PARAGRAPHS)
        .any(|p| is_heading(doc, p));
    (!heading).then_some(c.speaker?)
}

/// At most this many paragraphs before a quotation are looked at for a heading.
const HEADING_PARAGRAPHS: usize = 12;
/// A heading has at most this many words.
const HEADING_WORDS: usize = 8;

/// Whether paragraph `p` is a heading: a short line of Arabic-script words that ends
/// without a sentence's punctuation ("معدل نمو يصل إلى 6,5 بالمئة"). Latin-script lines of
/// that shape are as often a dateline, a byline or a caption.
fn is_heading(doc: &Doc, p: usize) -> bool {
    let (a, b) = doc.para_toks[p];
    // A heading is short in tokens too: a long paragraph is not counted through.
    if a >= b || b - a > 2 * HEADING_WORDS || !doc.is_arabic_script(a) {
        return false;
    }
    let words = (a..b).filter(|&u| doc.toks[u].word).count();
    (1..=HEADING_WORDS).contains(&words) && doc.toks[b - 1].word
}

#[cfg(test)]
mod tests {
    use super::super::attribution::scan;
    use super::super::lang::Lexicon;
    use super::*;

    /// The cue text and words between for the first quotation (marked with “ ”) of `text`.
    fn link_of(text: &str) -> Option<(String, usize)> {
        let lx = Lexicon::build();
        let d = Doc::new(text, &lx);
        let cues = scan(&d, &lx, &vec![false; d.toks.len()], &d.para_lang);
        let chars: Vec<char> = text.chars().collect();
        let open = chars.iter().position(|&c| c == '“').unwrap() + 1;
        let close = chars.iter().position(|&c| c == '”').unwrap();
        attribute(&d, &cues, open, close, true, true).map(|l| {
            let c = &cues[l.cue];
            (d.tokens_text(c.first, c.end), l.words)
        })
    }

    #[test]
    fn cue_before_in_the_same_sentence() {
        assert_eq!(
            link_of("The mayor said on Friday “we will rebuild the bridge”."),
            Some(("said".into(), 2))
        );
    }

    #[test]
    fn close_cue_after_wins_over_a_distant_one_before() {
        let l = link_of("She said that the council, in a long meeting last week, had voted “we will wait for spring,” the mayor added.");
        assert_eq!(l.map(|x| x.0).as_deref(), Some("added"));
    }

    #[test]
    fn a_party_and_state_parenthesis_does_not_end_the_sentence() {
        let l = link_of("“We will fix the roads,” Rep. Anna Berg (D-Ore.) said Friday.");
        assert_eq!(l, Some(("said".into(), 3)));
    }

    #[test]
    fn a_long_apposition_after_the_quotation_is_stepped_over() {
        let l = link_of("“The plan is paid for,” Tom Reyes, the county treasurer and a former banker at a large firm in the capital, said on Monday.");
        assert_eq!(l, Some(("said".into(), 2)));
    }

    #[test]
    fn past_the_window_only_the_name_s_own_cue() {
        let l = link_of("“The plan is paid for,” Tom Reyes, who was in the hall with the mayor and the treasurer when the governor said it, nodded.");
        assert_eq!(l, None);
    }

    #[test]
    fn a_sentence_after_a_full_stop_has_its_own_cue() {
        let l = link_of(
            "Kenya found the plan “a danger to the region.” Uganda insisted that talks go on.",
        );
        assert_eq!(l, None);
    }

    #[test]
    fn cue_in_another_sentence_is_not_taken() {
        assert_eq!(
            link_of("The mayor said so. Then the crowd held up signs “no more delays now”."),
            None
        );
    }

    #[test]
    fn no_speaker_is_carried_past_a_heading() {
        let lx = Lexicon::build();
        let text = "قال الوزير كمال عيسى إن المفاوضات مستمرة.\nأسعار الخبز في الأسواق\nويشكو الباعة من الغلاء «الناس لا تشتري».";
        let d = Doc::new(text, &lx);
        let cues = scan(&d, &lx, &vec![false; d.toks.len()], &d.para_lang);
        let pos = text.chars().position(|c| c == '«').unwrap() + 1;
        assert_eq!(last_speaker_before(&d, &cues, pos), None);
        // Without the heading the minister is still the one named last.
        let text =
            "قال الوزير كمال عيسى إن المفاوضات مستمرة.\nويشكو الباعة من الغلاء «الناس لا تشتري».";
        let d = Doc::new(text, &lx);
        let cues = scan(&d, &lx, &vec![false; d.toks.len()], &d.para_lang);
        let pos = text.chars().position(|c| c == '«').unwrap() + 1;
        assert!(last_speaker_before(&d, &cues, pos).is_some());
    }

    #[test]
    fn a_short_quoted_name_is_stepped_over() {
        let l = link_of("وقال المتحدث لقناة «الأفق» الإخبارية “سنعود إلى المفاوضات قريبا”.");
        assert_eq!(l.map(|x| x.0).as_deref(), Some("وقال"));
    }
}
