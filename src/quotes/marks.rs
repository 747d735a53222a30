//! Finding quoted spans in one paragraph, in every convention: " " (and the NYT's ''),
//! “ ” „ “ ‟, « » and » «, ‹ ›, 「 」 『 』, and single quotes where they are quotes rather than
//! apostrophes. Direction is read from each mark's surroundings, not its glyph, so marks in
//! the wrong orientation (” opening, “ closing, as right-to-left writers often type) pair up.
//! Unclosed quotes run to the paragraph end; a mark that can only open, met while a quote is
//! open, starts a new quote and leaves the old one to be cut where its attribution begins.
//! One pass, a stack of bounded depth: linear in the paragraph.

use crate::text::chars::letters::{is_alphabetic, is_alphanumeric};

/// Families of marks that pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fam {
    Ascii,
    Curly,
    Guil,
    SingleGuil,
    Corner,
    WhiteCorner,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Open,
    Close,
    Either,
}

/// What one mark is, and how many code points it takes ('' takes two).
fn mark(chars: &[char], i: usize, end: usize) -> Option<(Fam, Hint, usize)> {
    Some(match chars[i] {
        '"' | '＂' => (Fam::Ascii, Hint::Either, 1),
        '\'' if i + 1 < end && chars[i + 1] == '\'' => (Fam::Ascii, Hint::Either, 2),
        '`' if i + 1 < end && chars[i + 1] == '`' => (Fam::Ascii, Hint::Open, 2),
        '“' | '”' | '‟' | '″' => (Fam::Curly, Hint::Either, 1),
        '„' => (Fam::Curly, Hint::Open, 1),
        '«' | '»' => (Fam::Guil, Hint::Either, 1),
        '‹' | '›' => (Fam::SingleGuil, Hint::Either, 1),
        '「' => (Fam::Corner, Hint::Open, 1),
        '」' => (Fam::Corner, Hint::Close, 1),
        '『' => (Fam::WhiteCorner, Hint::Open, 1),
        '』' => (Fam::WhiteCorner, Hint::Close, 1),
        '\'' | '‘' | '’' | '‚' => (Fam::Single, Hint::Either, 1),
        _ => return None,
    })
}

pub fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '"' | '＂'
            | '“'
            | '”'
            | '‟'
            | '″'
            | '„'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// A quoted span: `start..end` is the inside of the marks, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// 0 for a top-level quote; nested quotes are reported only through their parent.
    pub depth: u8,
    /// Has an opening mark (false: only a closing mark was found; the start is the
    /// paragraph's and is refined from the attribution).
    pub opened: bool,
    /// Has a closing mark (false: runs to the paragraph end, or was cut by a new quote).
    pub closed: bool,
    /// Ended because a new quote opened before this one closed.
    pub cut: bool,
}

impl Span {
    /// A quote between two marks, at `depth`.
    fn closed(start: usize, end: usize, depth: usize) -> Span {
        Span {
            start,
            end,
            depth: depth as u8,
            opened: true,
            closed: true,
            cut: false,
        }
    }

    /// A quote at `depth` cut where a new one of its family opened before it closed.
    fn cut(start: usize, end: usize, depth: usize) -> Span {
        Span {
            closed: false,
            cut: true,
            ..Span::closed(start, end, depth)
        }
    }

    /// A top-level quote with only its closing mark, from `start`.
    fn orphan(start: usize, end: usize) -> Span {
        Span {
            opened: false,
            ..Span::closed(start, end, 0)
        }
    }

    /// A top-level quote that runs to the paragraph's end at `end`.
    fn unclosed(start: usize, end: usize) -> Span {
        Span {
            closed: false,
            ..Span::closed(start, end, 0)
        }
    }
}

const MAX_DEPTH: usize = 6;

struct Open {
    fam: Fam,
    content: usize,
}

fn opens_word(c: char) -> bool {
    is_alphanumeric(c)
        || matches!(c, '(' | '[' | '¿' | '¡' | '\u{064B}'..='\u{065F}')
        || is_mark_char(c)
}

/// Whether `c` may be a quotation mark: the characters [`find`] looks at. The tokenizer
/// records their positions, so the paragraph is not scanned a second time.
#[inline]
pub fn is_candidate(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '«' | '»' | '‹' | '›' | '″' | '＂' | '\u{2018}'..='\u{201F}' | '\u{300C}'..='\u{300F}')
}

/// Quoted spans of the paragraph `chars[ps..pe]`, in order of their opening.
#[cfg(test)]
pub fn find(chars: &[char], ps: usize, pe: usize) -> Vec<Span> {
    let cands: Vec<u32> = (ps..pe)
        .filter(|&i| is_candidate(chars[i]))
        .map(|i| i as u32)
        .collect();
    find_at(chars, ps, pe, &cands)
}

/// [`find`] given the positions in `ps..pe` of every [`is_candidate`] character, in order.
pub fn find_at(chars: &[char], ps: usize, pe: usize, cands: &[u32]) -> Vec<Span> {
    let mut finder = Finder {
        chars,
        ps,
        pe,
        out: Vec::new(),
        stack: Vec::new(),
        last_end: ps,
    };
    // Curly marks still to come, for telling a nested “…” from a new quotation.
    let mut curly = CurlyAhead::new(chars, cands);
    // The first position not consumed by a mark ('' takes two).
    let mut free = ps;
    for &ci in cands {
        curly.pass(chars[ci as usize]);
        let i = ci as usize;
        if i < free {
            continue;
        }
        let Some((fam, hint, len)) = mark(chars, i, pe) else {
            continue;
        };
        let around = finder.around(i, len);
        if fam == Fam::Single {
            finder.single_mark(i, len, &around);
        } else {
            match finder.stack.iter().rposition(|o| o.fam == fam) {
                Some(k) if around.opening && finder.nests(k, i, &curly) => {
                    finder.open(fam, i + len);
                }
                Some(k) => finder.mark_of_open_family(k, i, len, hint, around.opening),
                None if finder.closes_twin(fam, hint, &around) => {
                    let k = finder.stack.len() - 1;
                    finder.mark_of_open_family(k, i, len, Hint::Close, false);
                }
                None => finder.mark_of_new_family(fam, i, len, hint, around.closing),
            }
            if finder.stack.is_empty() {
                finder.last_end = i + len;
            }
        }
        free = i + len;
    }
    finder.finish()
}

/// How many left (“) and right (”) curly marks follow the mark being read in the paragraph.
struct CurlyAhead {
    left: usize,
    right: usize,
}

impl CurlyAhead {
    fn new(chars: &[char], cands: &[u32]) -> CurlyAhead {
        let count = |m: char| cands.iter().filter(|&&c| chars[c as usize] == m).count();
        CurlyAhead {
            left: count('“'),
            right: count('”'),
        }
    }

    /// Moves past the mark `c`.
    fn pass(&mut self, c: char) {
        match c {
            '“' => self.left -= 1,
            '”' => self.right -= 1,
            _ => {}
        }
    }
}

/// The characters either side of a mark and what they make of it.
struct Around {
    prev: Option<char>,
    next: Option<char>,
    /// A word follows and none comes before: the mark opens.
    opening: bool,
    /// No word follows, and one comes before or the mark is not followed by a space.
    closing: bool,
}

/// The state of [`find_at`]'s one pass over a paragraph `chars[ps..pe]`.
struct Finder<'a> {
    chars: &'a [char],
    ps: usize,
    pe: usize,
    /// The spans found so far, in order of their closing.
    out: Vec<Span>,
    /// The quotes open now, the innermost last.
    stack: Vec<Open>,
    /// Where the last top-level quote ended: an orphan closing mark's quote starts after it.
    last_end: usize,
}

impl Finder<'_> {
    /// The surroundings of the mark of `len` code points at `i`.
    fn around(&self, i: usize, len: usize) -> Around {
        let prev = (i > self.ps).then(|| self.chars[i - 1]);
        let next = (i + len < self.pe).then(|| self.chars[i + len]);
        let prev_word =
            prev.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '—' | '–' | '/'));
        let next_word = next.is_some_and(|c| !c.is_whitespace() && opens_word(c));
        Around {
            prev,
            next,
            opening: next_word && !prev_word,
            closing: !next_word && (prev_word || next.is_none_or(|c| !c.is_whitespace())),
        }
    }

    /// A single mark (' ‘ ’ ‚) at `i`: a quote only at the top level, opening before a letter
    /// after a space and closing where no letter or digit follows. Inside another quote
    /// single marks are nested quotes or apostrophes: never reported on their own, so they
    /// are not tracked.
    fn single_mark(&mut self, i: usize, len: usize, around: &Around) {
        let top_single = self.stack.last().is_some_and(|o| o.fam == Fam::Single);
        if self.stack.is_empty()
            && around.opening
            && around.next.is_some_and(is_alphabetic)
            && around
                .prev
                .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '['))
        {
            self.open(Fam::Single, i + len);
        } else if top_single && around.closing && around.next.is_none_or(|c| !is_alphanumeric(c)) {
            let o = self.stack.pop().expect("top");
            let depth = self.stack.len();
            self.out.push(Span::closed(o.content, i, depth));
        }
    }

    /// Whether a left curly mark at `i`, opening while the quote `stack[k]` opened by
    /// another left curly mark is open, nests inside it (“… what he calls “hell” than …”)
    /// rather than cutting it: enough right marks follow to close both. Without them the
    /// outer quote was left unclosed and a new one begins.
    fn nests(&self, k: usize, i: usize, curly: &CurlyAhead) -> bool {
        let content = self.stack[k].content;
        self.chars[i] == '“'
            && content > 0
            && self.chars[content - 1] == '“'
            && self.stack.len() < MAX_DEPTH
            && curly.right >= curly.left + 2 + k
    }

    /// A mark at `i` of the family of the open quote `stack[k]`: it closes that quote (and
    /// any opened inside it), or cuts it and opens a new one, or (「 inside 「) nests.
    fn mark_of_open_family(&mut self, k: usize, i: usize, len: usize, hint: Hint, opening: bool) {
        let fam = self.stack[k].fam;
        let content = self.stack[k].content;
        let reopen = opening && hint != Hint::Close && i > content + 1;
        self.stack.truncate(k);
        if reopen || hint == Hint::Open && fam != Fam::Corner && fam != Fam::WhiteCorner {
            self.out.push(Span::cut(content, i, k));
            self.open(fam, i + len);
        } else if hint == Hint::Open {
            // 「 inside 「: a nested quote of the same family.
            self.open(fam, content);
            if self.stack.len() < MAX_DEPTH {
                self.open(fam, i + len);
            }
        } else {
            self.out.push(Span::closed(content, i, k));
        }
    }

    /// Whether a mark of `fam`, none of whose family is open, closes the innermost quote
    /// because that quote was opened by the other double mark: writers mix straight and
    /// curly marks (`"…”`, `“…"`), and the open quote would otherwise run on to the end of
    /// its paragraph.
    fn closes_twin(&self, fam: Fam, hint: Hint, around: &Around) -> bool {
        let twin = match fam {
            Fam::Ascii => Fam::Curly,
            Fam::Curly => Fam::Ascii,
            _ => return false,
        };
        hint != Hint::Open
            && around.closing
            && !around.opening
            && self.stack.last().is_some_and(|o| o.fam == twin)
    }

    /// A mark at `i` of a family with no quote open: closes an orphan quote that began after
    /// the last one, or opens a quote.
    fn mark_of_new_family(&mut self, fam: Fam, i: usize, len: usize, hint: Hint, closing: bool) {
        if closing && hint != Hint::Open && self.stack.is_empty() {
            let from = self.last_end.min(i);
            self.out.push(Span::orphan(from, i));
        } else if hint != Hint::Close
            && self.stack.len() < MAX_DEPTH
            && (!closing || self.stack.is_empty())
        {
            self.open(fam, i + len);
        }
    }

    /// Opens a quote of `fam` whose inside starts at `content`.
    fn open(&mut self, fam: Fam, content: usize) {
        self.stack.push(Open { fam, content });
    }

    /// The spans in order of their opening, after the paragraph's end: unclosed quotes run to
    /// it, and only the outermost one is kept.
    fn finish(mut self) -> Vec<Span> {
        if let Some(o) = self.stack.first() {
            if o.fam != Fam::Single {
                let content = o.content;
                self.out.push(Span::unclosed(content, self.pe));
            }
        }
        self.out.sort_by_key(|s| (s.start, s.depth));
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<String> {
        let c: Vec<char> = t.chars().collect();
        find(&c, 0, c.len())
            .iter()
            .filter(|s| s.depth == 0)
            .map(|s| c[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn ascii_double_quotes() {
        assert_eq!(spans(r#"He said "we will win" today."#), ["we will win"]);
    }

    #[test]
    fn curly_english() {
        assert_eq!(spans("“We will,” he said. “Soon.”"), ["We will,", "Soon."]);
    }

    #[test]
    fn german_low_high() {
        assert_eq!(
            spans("Er sagte: „Wir schaffen das“, und ging."),
            ["Wir schaffen das"]
        );
    }

    #[test]
    fn french_guillemets_with_spaces() {
        assert_eq!(
            spans("Il a dit : « Nous gagnerons » hier."),
            [" Nous gagnerons "]
        );
    }

    #[test]
    fn german_reversed_guillemets() {
        assert_eq!(spans("Er sagte »Wir kommen« und ging."), ["Wir kommen"]);
    }

    #[test]
    fn single_guillemets() {
        assert_eq!(spans("Er sagte ‹Wir kommen› und ging."), ["Wir kommen"]);
    }

    #[test]
    fn corner_brackets() {
        assert_eq!(spans("彼は「行きます」と言った。"), ["行きます"]);
    }

    #[test]
    fn right_to_left_wrong_orientation() {
        assert_eq!(spans("وقال ”نحن هنا“ أمس"), ["نحن هنا"]);
        assert_eq!(spans("“المعنى هنا استمرار “."), ["المعنى هنا استمرار "]);
    }

    #[test]
    fn straight_and_curly_marks_mixed_pair_up() {
        assert_eq!(
            spans("\"The port will reopen soon,” the harbour master said."),
            ["The port will reopen soon,"]
        );
        assert_eq!(
            spans("“Nobody told us,\" a farmer said, \"and nobody asked.\""),
            ["Nobody told us,", "and nobody asked."]
        );
        assert_eq!(
            spans("She called the plan \"risky” and the rest “unfinished.” It passed."),
            ["risky", "unfinished."]
        );
        // A straight quote nested in a curly one still closes itself first.
        assert_eq!(
            spans("“He told me \"never\" twice,” she said."),
            ["He told me \"never\" twice,"]
        );
    }

    #[test]
    fn curly_quote_inside_a_curly_quote_nests() {
        assert_eq!(
            spans("“I would rather live in what he calls “chaos” than in his order,” she wrote."),
            ["I would rather live in what he calls “chaos” than in his order,"]
        );
        // With one closing mark for two openings, the first quote was left open.
        let c: Vec<char> = "“We stay here. “We will not leave,” he said."
            .chars()
            .collect();
        let s = find(&c, 0, c.len());
        assert!(s[0].cut, "{s:?}");
    }

    #[test]
    fn single_quotes_not_apostrophes() {
        assert_eq!(
            spans("He said 'it's over now' and the students' union agreed."),
            ["it's over now"]
        );
        assert!(spans("It's the students' union, isn't it?").is_empty());
    }

    #[test]
    fn unclosed_runs_to_paragraph_end() {
        let c: Vec<char> = "He said \"we will win".chars().collect();
        let s = find(&c, 0, c.len());
        assert_eq!(s.len(), 1);
        assert!(!s[0].closed);
        assert_eq!(s[0].end, c.len());
    }

    #[test]
    fn new_opening_mark_cuts_an_open_quote() {
        let c: Vec<char> = "وقال \"إن الجريمة كبيرة وخاطبه قائلا \"لقد قتلوا ضيفك\"."
            .chars()
            .collect();
        let s = find(&c, 0, c.len());
        assert_eq!(s.len(), 2);
        assert!(s[0].cut);
        assert_eq!(
            c[s[1].start..s[1].end].iter().collect::<String>(),
            "لقد قتلوا ضيفك"
        );
    }

    #[test]
    fn orphan_closing_mark() {
        let c: Vec<char> = "وأكد ذلك. الولايات المتحدة ليست صديقة “.".chars().collect();
        let s = find(&c, 0, c.len());
        assert_eq!(s.len(), 1);
        assert!(!s[0].opened);
    }

    #[test]
    fn nested_quotes_have_depth() {
        let c: Vec<char> = "He said, “They told me ‘no way’ and left.”"
            .chars()
            .collect();
        let s = find(&c, 0, c.len());
        assert_eq!(s.iter().filter(|s| s.depth == 0).count(), 1);
    }
}
