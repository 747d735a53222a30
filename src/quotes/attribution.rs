//! Cue verbs and speakers. One pass over the article's words finds every cue (finite verbs,
//! adverbial participles, "according to" phrases, Persian compound verbs), reads its subject
//! in the order its language puts it (Arabic after the verb, Persian at the start of the
//! sentence, English/German on either side), and resolves pronouns and implicit subjects to
//! the last speaker named before. Every search is bounded, so the pass is linear.

use super::lang::ar::{self, Gender};
use super::lang::{de, CueKind, Lexicon, Order, ALL, AR, FA};
use super::marks::is_mark_char;
use super::resolve::{self, Phrase};
use super::tokens::Doc;
use crate::text::chars::fold::fold_for_matching;

/// A cue in the text and who it attributes to.
#[derive(Debug, Clone)]
pub struct Cue {
    /// First and one-past-last token of the cue ("تأکید کردند" is two tokens).
    pub first: usize,
    pub end: usize,
    pub kind: CueKind,
    /// The speaker, resolved, as the token range of its name (its text is built only for
    /// the quotations that use it); `None` when nobody was named before a pronoun.
    pub speaker: Option<(usize, usize)>,
    /// The speaker was written at the cue (not resolved from earlier in the article).
    pub named: bool,
    /// Token range of the written name (empty when resolved).
    pub name: (usize, usize),
    /// For a speaker written as a role ("the mayor"), the person named before whom it
    /// describes: the speaker's identity in the article's `speakers` list.
    pub person: Option<(usize, usize)>,
}

/// Words a speaker may take at most.
const MAX_NAME_WORDS: usize = 7;
/// …and when an Arabic title leads it, which may take a body's name before the person's
/// ("مدير المرصد السوري لحقوق الإنسان رامي عبد الرحمن").
const MAX_TITLED_NAME_WORDS: usize = 10;
/// An apposition between a name and its cue ("Brian Fallon, the campaign's press
/// secretary, said") takes at most this many tokens.
const APPOSITION_TOKENS: usize = 12;
/// German appositions are longer and may hold a quoted name ("Arni Finnsson, ein Vertreter
/// der Organisation „Iceland Nature Conservation Association“ (Inca), …").
const GERMAN_APPOSITION_TOKENS: usize = 24;
/// An apposition that is itself a name ("Der Vorsitzende des Verbands, Michael Knipper,
/// kritisierte") has two to four capitalised words; one is a title, more a phrase.
const NAME_APPOSITION_WORDS: std::ops::RangeInclusive<usize> = 2..=4;
/// German: the auxiliary of a clause-final participle stands at most this many tokens
/// before it ("Freiberg wird in einer Presseerklärung mit den Worten zitiert").
const AUXILIARY_TOKENS: usize = 14;
/// German: the field before the finite verb is read back at most this far.
const CLAUSE_OPENING_TOKENS: usize = 20;
/// Arabic script has no capitals: a subject of at most this many words is taken for a name
/// (longer ones are usually an object or a clause), unless it holds a title.
const ARABIC_NAME_WORDS: usize = 3;
/// "the spokesman", "a senior administration official": an article-led speaker phrase has
/// two to five words; longer is a clause.
const ARTICLE_LED_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=5;
/// Reflexives and object pronouns right after a cue ("äußerte sich der Präsident",
/// "charakterisierte ihn der Funktionär") are stepped over, at most this many.
const SKIPPED_AFTER_CUE: usize = 2;
/// Adverbs and auxiliaries right before a cue ("Trump also said", "he has said"), at most
/// this many.
const SKIPPED_BEFORE_CUE: usize = 3;
/// A parenthesis after a name ("Rep. Gwen Moore (D-Wis.)") takes at most this many tokens.
const PARENTHESIS_TOKENS: usize = 8;
/// A name and its appositions after a quotation or opening a sentence ("Ann Lee, director of
/// … and a professor at …, said") take at most this many tokens.
const LONG_APPOSITION_TOKENS: usize = 40;
/// An adverbial opening a sentence before its subject ("On Tuesday,", "In a statement on
/// Monday,") takes at most this many tokens.
const OPENING_ADVERBIAL_TOKENS: usize = 12;
/// A name before an apposition's comma ("Rep. Jim Jordan, …") has at most this many words.
const NAME_BEFORE_COMMA_WORDS: usize = 5;
/// How far back the Persian sentence start is looked for.
const MAX_SENTENCE_TOKENS: usize = 60;

/// A Latin pronoun is resolved to the last run of capitalised words only when that run ends
/// at most this many tokens before it; further back the run is seldom still the topic.
const PRONOUN_RUN_WINDOW_TOKENS: usize = 120;
/// A run of capitalised words counts as a name a pronoun may point back to from two words on
/// ("David Pepper"); one capitalised word is usually a sentence's first word.
const MIN_RUN_WORDS: usize = 2;

/// Every cue in the article, in text order, with resolved speakers.
/// Words flagged in `quoted` (inside closed quotations) are not searched for cues;
/// `para_lang` is each paragraph's language by its function words, if known.
pub fn scan(doc: &Doc, lex: &Lexicon, quoted: &[bool], para_lang: &[Option<usize>]) -> Vec<Cue> {
    let mut s = Scan::default();
    let n = doc.toks.len();
    let mut t = 0;
    while t < n {
        s.runs.step(doc, quoted, t);
        // A sentence's subject opens with a capital (checked first: one load per token).
        if doc.toks[t].word && doc.is_capitalised(t) && !quoted[t] && opens_sentence(doc, t) {
            if let Some(subject) = subject_opening(doc, t) {
                s.subject = Some(subject);
            }
        }
        if quoted[t] {
            t += 1;
            continue;
        }
        if !doc.toks[t].word {
            if let Some(cue) = signature_cue(doc, t) {
                s.last = cue.speaker;
                s.last_person = None;
                s.out.push(cue);
            }
            t += 1;
            continue;
        }
        match find_cue(doc, lex, t).filter(|m| accepted(doc, lex, t, m, para_lang)) {
            Some(m) => {
                s.push(doc, lex, t, m);
                t = m.end;
            }
            None => t += 1,
        }
    }
    s.out
}

/// The state of the pass: the cues so far and what a pronoun may point back to.
#[derive(Default)]
struct Scan {
    out: Vec<Cue>,
    /// The last speaker named at a cue.
    last: Option<(usize, usize)>,
    /// Where that name ended (Latin script: a pronoun takes the nearer of it and the last
    /// run of capitalised words).
    last_pos: usize,
    /// The last speaker written as a name (not a descriptor) at a cue.
    last_proper: Option<(usize, usize)>,
    /// Every speaker written as a name at a cue so far: who a title phrase may stand for.
    named: Vec<(usize, usize)>,
    /// The person the last speaker stands for in `speakers`, when it is a role or a title.
    last_person: Option<(usize, usize)>,
    /// The paragraph whose colon speech is running, if any.
    colon_para: Option<u32>,
    runs: CapitalRuns,
    /// Latin script: the name that is the subject of the last sentence that opens with one.
    subject: Option<(usize, usize)>,
    /// Arabic: the gender of the verb at which the last speaker was named, when it tells.
    last_gender: Option<Gender>,
    /// Arabic: the last speaker named at a masculine and at a feminine verb, and where each
    /// ended: whom an implicit subject of that gender means when the last speaker is of the
    /// other ("قال الوزير … وقالت المديرة … وأضاف").
    gendered: [Option<(usize, usize)>; 2],
}

impl Scan {
    /// Records the cue `m` starting at token `t`, with its speaker.
    fn push(&mut self, doc: &Doc, lex: &Lexicon, t: usize, m: CueMatch) {
        let para = doc.toks[t].para;
        let order = ALL[m.lang as usize].order;
        // Inside colon speech ("X گفت: … افزوده است") a cue is the speaker's own word unless
        // it opens a new attribution (another colon, or an Arabic sentence led by the verb).
        let opens = colon_follows(doc, m.end)
            || (order == Order::VerbFirst
                && (t == 0 || doc.is_boundary(t - 1) || doc.toks[t - 1].para != para));
        if self.colon_para == Some(para) && !opens {
            self.out.push(self.resolved_to_last(t, m, self.last));
            return;
        }
        // Latin-script colon speech in marks ("sagte: „…“") ends with its closing mark.
        let marked = !doc.is_arabic_script(t) && colon_opens_marks(doc, m.end);
        self.colon_para = (colon_follows(doc, m.end) && !marked).then_some(para);
        if m.kind == CueKind::According && !is_stated_in(doc, t) && source_follows(doc, lex, m.end)
        {
            let who = self.source_speaker(doc, t, m.end);
            self.out.push(Cue::resolved(t, m, who));
            return;
        }
        if let Some(cue) = self.clause_cue(doc, lex, t, m) {
            self.out.push(cue);
            return;
        }
        if is_stated_in(doc, t) {
            let who = self.statement_speaker(doc, m.end, m.end + 1);
            self.out.push(Cue::resolved(t, m, who));
            return;
        }
        let gender = (order == Order::VerbFirst && doc.is_arabic_script(t))
            .then(|| cue_gender(doc, lex, t, m.kind))
            .flatten();
        // "قبل أن يقوم الوزير بنشر البيان … قائلا": a participle describes the subject of
        // the clause it follows.
        if m.kind == CueKind::Participle && gender.is_some() {
            // No cue inside the clause: the participle is the clause's first.
            let since_last_cue =
                |w: &(usize, usize)| self.out.last().is_none_or(|c| c.end + 2 <= w.0);
            if let Some(who) = clause_subject_before(doc, t, gender).filter(since_last_cue) {
                self.remember(who, who.1, None);
                self.set_gender(who, gender.unwrap_or(Gender::Masculine));
                self.out.push(Cue::resolved(t, m, Some(who)));
                return;
            }
        }
        let after = resolve::past_addressee(doc, lex, m.end);
        if order == Order::VerbFirst {
            if let Some(cue) = self.subject_of_its_own_kind(doc, lex, t, m, after, gender) {
                self.out.push(cue);
                return;
            }
        }
        let cue = match written_subject(doc, lex, t, m, order, after) {
            Some(Subject::Name(a, b)) => self.written(doc, lex, t, m, (a, b)),
            Some(Subject::Pronoun) | None => {
                let who = self.antecedent(doc, lex, t, order, gender);
                self.resolved_to_last(t, m, who)
            }
        };
        if let (true, Some(who), Some(g)) = (cue.named, cue.speaker, gender) {
            self.set_gender(who, g);
        }
        self.out.push(cue);
    }

    /// The cue `m` at token `t`, a verb-first (Arabic) cue, when its subject is of a kind of
    /// its own: a statement, the one reported from, or a demonstrative pointing back. `after`
    /// is the first token past the cue and its addressee. `None` for any other subject.
    fn subject_of_its_own_kind(
        &mut self,
        doc: &Doc,
        lex: &Lexicon,
        t: usize,
        m: CueMatch,
        after: usize,
        gender: Option<Gender>,
    ) -> Option<Cue> {
        // "وقال بيان أصدره الصندوق إن …": an indefinite statement as the subject speaks for
        // its issuer, as "وأضاف البيان" does.
        if m.kind == CueKind::Verb
            && after < doc.toks.len()
            && doc.toks[after].para == doc.toks[t].para
            && resolve::is_statement(doc, after, after + 1)
            && !ar::is_publishing_verb(doc.fold_of(t))
        {
            let who = self.statement_speaker(doc, after, after + 1);
            return Some(Cue::resolved(t, m, who));
        }
        // "ونقلت الوكالة عن الوزير قوله …": the speaker is the one after "عن".
        if ar::is_transmitting_verb(doc.fold_of(t)) {
            if let Some(source) = reported_source(doc, m.end) {
                let cue = self.written(doc, lex, t, m, source);
                if let Some(g) = gender {
                    self.set_gender(source, g);
                }
                return Some(cue);
            }
        }
        // "وأكدت هذه الرابطة", "وقال هذا المسؤول": a demonstrative and a definite noun point
        // back, to the person named before (a person noun) or to the body the article named
        // with the same noun ("رابطة الدوري الفرنسي").
        if m.kind != CueKind::Verb {
            return None;
        }
        let noun = resolve::demonstrative_noun(doc, lex, after)?;
        if lex.role(doc.fold_of(noun)).person_noun {
            return Some(self.written(doc, lex, t, m, (after, noun + 1)));
        }
        let who = resolve::same_noun_before(doc, noun).unwrap_or((after, noun + 1));
        self.remember(who, who.1, None);
        Some(Cue::resolved(t, m, Some(who)))
    }

    /// Records that the speaker `who`, now the last, was named at a verb of gender `g`.
    fn set_gender(&mut self, who: (usize, usize), g: Gender) {
        self.last_gender = Some(g);
        self.gendered[g as usize] = Some(who);
    }

    /// The cue `m` at token `t` whose subject is written as the phrase `name`: a name, a
    /// descriptor linked to the person named before it, or a source that is no speaker.
    fn written(
        &mut self,
        doc: &Doc,
        lex: &Lexicon,
        t: usize,
        m: CueMatch,
        name: (usize, usize),
    ) -> Cue {
        let (a, b) = name;
        match resolve::classify(doc, lex, a, b) {
            // "وأضاف البيان": a statement is the subject of the verb, so it speaks for whoever
            // issued it, or as itself when the article does not say.
            Phrase::Source if m.kind == CueKind::Verb && resolve::is_statement(doc, a, b) => {
                Cue::resolved(t, m, self.statement_speaker(doc, a, b))
            }
            Phrase::Source => Cue::resolved(t, m, None),
            Phrase::Descriptor { anaphoric } => {
                let who = resolve::title_holder(doc, lex, name, &self.named)
                    .or_else(|| self.person_before(doc, a));
                match who {
                    Some(who) if anaphoric => {
                        self.remember(who, b, None);
                        Cue::resolved(t, m, Some(who))
                    }
                    person => {
                        self.remember(name, b, person);
                        Cue {
                            person,
                            ..Cue::written(t, m, name)
                        }
                    }
                }
            }
            Phrase::Name => {
                self.last_proper = Some(name);
                let person = resolve::title_holder(doc, lex, name, &self.named);
                self.named.push(name);
                self.remember(name, b, person);
                Cue {
                    person,
                    ..Cue::written(t, m, name)
                }
            }
        }
    }

    /// Records `who`, ending at token `end`, as the last speaker, known in `speakers` as
    /// `person` when it is a role or title standing for a named person.
    fn remember(&mut self, who: (usize, usize), end: usize, person: Option<(usize, usize)>) {
        self.last = Some(who);
        self.last_pos = end;
        self.last_person = person;
        self.last_gender = None;
    }

    /// A cue whose speaker is the last one (a pronoun, an implicit subject, a cue inside
    /// colon speech): it keeps that speaker's identity too.
    fn resolved_to_last(&self, t: usize, m: CueMatch, who: Option<(usize, usize)>) -> Cue {
        let person = self
            .last_person
            .filter(|_| who.is_some() && who == self.last);
        Cue {
            person,
            ..Cue::resolved(t, m, who)
        }
    }

    /// The person named last before token `a`, within [`resolve::ANTECEDENT_TOKENS`]: a
    /// speaker named at a cue, a run of capitalised words (Latin script) or a titled
    /// mention (Arabic script).
    fn person_before(&self, doc: &Doc, a: usize) -> Option<(usize, usize)> {
        let mention = if doc.is_arabic_script(a) {
            resolve::titled_mention_before(doc, a)
        } else {
            self.runs.last
        };
        [self.last_proper, mention]
            .into_iter()
            .flatten()
            .filter(|r| r.1 <= a && a - r.1 <= resolve::ANTECEDENT_TOKENS)
            .max_by_key(|r| r.1)
    }

    /// Who issued the statement named at token `a`: the last speaker named at a cue, within
    /// [`resolve::ANTECEDENT_TOKENS`], when a statement is introduced after that speaker
    /// ("قالت الوزارة في بيان … وأضاف البيان").
    fn issuer(&self, doc: &Doc, a: usize) -> Option<(usize, usize)> {
        let who = self
            .last_proper
            .filter(|r| r.1 <= a && a - r.1 <= resolve::ANTECEDENT_TOKENS)?;
        // A statement introduced after the speaker ("في بيان", "بياناً", "في بيانه"), not one
        // referred back to ("وجاء في البيان"), which may be another body's.
        (who.1..a)
            .any(|u| resolve::is_statement(doc, u, u + 1) && !doc.fold_of(u).starts_with("ال"))
            .then_some(who)
    }

    /// Who speaks through the statement named in tokens `a..b` ("وأضاف البيان", "جاء في
    /// بيان الوزارة"): the issuer it names after it, else the one who issued a statement
    /// mentioned before it, else nobody: a statement is no person, and the last person
    /// named is not its issuer.
    fn statement_speaker(&mut self, doc: &Doc, a: usize, b: usize) -> Option<(usize, usize)> {
        let noun = (a..b).find(|&u| resolve::is_statement_or_speech(doc, u));
        // Of the speaker who introduced a statement and the issuer of an earlier one, the
        // nearer: "بحسب وكالة … وقال بيان أصدره الصندوق … وأشار البيان" is the fund's.
        let earlier = [self.issuer(doc, a), issuer_before(doc, a)]
            .into_iter()
            .flatten()
            .max_by_key(|r| r.1);
        let who = noun
            .and_then(|u| resolve::issuer_after(doc, u))
            .or(earlier)
            .or_else(|| self.last_body(doc, a));
        if let Some(w) = who {
            self.remember(w, b, None);
        }
        who
    }

    /// The last speaker named at a cue before token `a`, within
    /// [`resolve::ANTECEDENT_TOKENS`], when it is a body, which issues statements ("أعلنت
    /// الرئاسة … وجاء في الإعلان"); a person named last is as often someone quoted beside.
    fn last_body(&self, doc: &Doc, a: usize) -> Option<(usize, usize)> {
        self.last_proper
            .filter(|r| r.1 <= a && a - r.1 <= resolve::ANTECEDENT_TOKENS)
            .filter(|r| resolve::is_body(doc, r.0, r.1))
    }

    /// Who speaks in a quotation attributed "according to" the source after token `t1` (the
    /// phrase opening at `t`): inside a sentence whose cue named its speaker ("وأشار ماكرون
    /// بحسب بيان رئاسي إلى أن …"), that speaker; a statement ("بحسب بيان الجيش"), its issuer;
    /// a report or sources ("بنابر این گزارش"), nobody.
    fn source_speaker(&mut self, doc: &Doc, t: usize, t1: usize) -> Option<(usize, usize)> {
        let para = doc.toks[t].para;
        let in_sentence = self.out.last().filter(|c| {
            c.end <= t && doc.toks[c.first].para == para && !(c.end..t).any(|u| doc.is_boundary(u))
        });
        if let Some(c) = in_sentence {
            return c.speaker;
        }
        let end = (t1..doc.toks.len().min(t1 + 3))
            .take_while(|&u| doc.toks[u].word && doc.toks[u].para == para)
            .last()
            .map_or(t1, |u| u + 1);
        if resolve::is_statement(doc, t1, end) {
            return self.statement_speaker(doc, t1, end);
        }
        None
    }

    /// German clauses whose grammatical subject is not the speaker: "es heißt" in a relative
    /// clause speaks for the clause's antecedent; a passive cue for its agent, or nobody.
    fn clause_cue(&mut self, doc: &Doc, lex: &Lexicon, t: usize, m: CueMatch) -> Option<Cue> {
        if let Some(r) = relative_antecedent(doc, t) {
            return Some(self.written(doc, lex, t, m, r));
        }
        let verb = m.kind == CueKind::Verb && m.end == t + 1;
        if ALL[m.lang as usize].order != Order::VerbSecond || !verb {
            return None;
        }
        Some(match passive_agent(doc, lex, t)? {
            Some(r) => self.written(doc, lex, t, m, r),
            // No agent: the medium or document the clause opens with ("In den Medien war …
            // bezeichnet worden") is where it was said. It is no person a pronoun may mean,
            // so it is not remembered.
            None => match auxiliary_before(doc, t).and_then(|x| medium_opening(doc, x)) {
                Some(r) => Cue::written(t, m, r),
                None => Cue::resolved(t, m, None),
            },
        })
    }

    /// Who a pronoun or implicit subject at token `t` refers to.
    fn antecedent(
        &mut self,
        doc: &Doc,
        lex: &Lexicon,
        t: usize,
        order: Order,
        gender: Option<Gender>,
    ) -> Option<(usize, usize)> {
        // A sentence's subject named after the last speaker ("Lee vetoed the bill on
        // Friday. “…,” she said") is who the pronoun means, not an object or place after it.
        let recent = |r: (usize, usize)| r.1 <= t && t - r.1 < PRONOUN_RUN_WINDOW_TOKENS;
        match self.subject {
            Some((a, b)) if order == Order::Either && b >= self.last_pos && recent((a, b)) => {
                return Some((a, b));
            }
            _ => {}
        }
        if order == Order::VerbFirst {
            let found = self
                .introduced_in_sentence(doc, lex, t, gender)
                .or_else(|| self.of_the_same_gender(t, gender));
            if found.is_some() {
                return found;
            }
        }
        match self.runs.last {
            Some((a, b))
                if matches!(order, Order::Either | Order::VerbSecond)
                    && b > self.last_pos
                    && t.saturating_sub(b) < PRONOUN_RUN_WINDOW_TOKENS =>
            {
                Some((a, b))
            }
            // Nobody named yet: an Arabic participle's subject is the one after its
            // sentence's opening verb ("ولم تجد أحلام ردا … قائلة").
            _ if self.last.is_none() && order == Order::VerbFirst => {
                let found = opening_verb_subject(doc, t, false)
                    .or_else(|| resolve::titled_mention_before(doc, t))?;
                self.remember(found, found.1, None);
                Some(found)
            }
            // Nobody named at a cue yet: the person the article introduced before
            // ("… علی رضایی وزیر نیرو … ایشان گفت").
            _ if self.last.is_none() && order == Order::VerbLast => {
                let found = resolve::titled_mention_before(doc, t)?;
                self.remember(found, found.1, None);
                Some(found)
            }
            _ => self.last,
        }
    }

    /// Arabic, a cue inside its sentence ("وزار الرئيس X المصنع، لكنه أكد أن …"): the
    /// subject of the sentence's opening verb, when named after the last speaker, is the
    /// nearer person the pronoun means. So too a cue inside a sentence that another verb
    /// opened ("ورحب الرئيس … إذ كتب", "ونشر الإعلام الرسمي … وقال إنه"), or whose topic "أما"
    /// set ("أما الوزيرة فتوقعت …، وقالت"): the person that sentence introduces, not the one
    /// quoted before it, when the opening verb agrees with the cue in `gender`.
    fn introduced_in_sentence(
        &mut self,
        doc: &Doc,
        lex: &Lexicon,
        t: usize,
        gender: Option<Gender>,
    ) -> Option<(usize, usize)> {
        if self.last.is_none() || !(after_pronoun_clause(doc, t) || inside_sentence(doc, t)) {
            return None;
        }
        let agrees = |v: usize, participle: bool| {
            let g = ar::verb_gender(doc.fold_of(v), participle);
            g.is_none() || gender.is_none() || g == gender
        };
        // The topic's fa- word is its verb ("فتوقعت"), or a particle ("فقد").
        let topic =
            topic_subject(doc, t).filter(|s| doc.toks[s.1].info.stop() || agrees(s.1, false));
        // The opening word may be a pronoun or a noun as well as a verb ("فهو يستأجر
        // شقة"): its subject counts when it reads as a person, titled or named again.
        let opened = || {
            opening_verb_subject(doc, t, false).filter(|s| {
                opens_with_verb(doc, s.0)
                    && agrees(s.0 - 1, false)
                    && (has_title(doc, s.0, s.1) || resolve::named_elsewhere(doc, s.0, s.1))
            })
        };
        let found = topic
            .or_else(opened)
            .filter(|s| s.1 > self.last_pos)
            .filter(|s| resolve::classify(doc, lex, s.0, s.1) != Phrase::Source)?;
        self.remember(found, found.1, None);
        if let Some(g) = gender {
            self.set_gender(found, g);
        }
        Some(found)
    }

    /// An implicit subject agrees in `gender` with whom it means: after a speaker named at a
    /// verb of the other gender, the last one named at a verb of its own.
    fn of_the_same_gender(&mut self, t: usize, gender: Option<Gender>) -> Option<(usize, usize)> {
        let g = gender?;
        if self.last_gender? == g {
            return None;
        }
        let found = self.gendered[g as usize]
            .filter(|r| r.1 <= t && t - r.1 <= GENDERED_ANTECEDENT_TOKENS)?;
        self.remember(found, found.1, None);
        self.set_gender(found, g);
        Some(found)
    }
}

impl Cue {
    /// A cue whose speaker is written at it as `name`.
    fn written(first: usize, m: CueMatch, name: (usize, usize)) -> Cue {
        Cue {
            first,
            end: m.end,
            kind: m.kind,
            speaker: Some(name),
            named: true,
            name,
            person: None,
        }
    }

    /// A cue whose speaker was not written at it but resolved (or not found).
    fn resolved(first: usize, m: CueMatch, speaker: Option<(usize, usize)>) -> Cue {
        Cue {
            first,
            end: m.end,
            kind: m.kind,
            speaker,
            named: false,
            name: (0, 0),
            person: None,
        }
    }
}

/// Latin script: runs of capitalised words outside quotations ("David Pepper"), the
/// antecedent CoreNLP-style coreference would give a pronoun.
#[derive(Default)]
struct CapitalRuns {
    /// First token of the run being read.
    start: Option<usize>,
    /// The last complete run of at least [`MIN_RUN_WORDS`] words not governed by a
    /// preposition or article.
    last: Option<(usize, usize)>,
}

impl CapitalRuns {
    /// Reads token `t`.
    fn step(&mut self, doc: &Doc, quoted: &[bool], t: usize) {
        let k = &doc.toks[t];
        let cap = k.word
            && !quoted[t]
            && doc.is_capitalised(t)
            && !doc.is_arabic_script(t)
            && k.info.cue.is_none()
            && !k.info.pronoun()
            && !k.info.stop();
        // "Mr. Ann B. Lee" is one run: an abbreviation's stop does not end it.
        let joined_at = |s: usize, t: usize| {
            t >= s + 2
                && t <= doc.toks.len()
                && doc.toks[t - 1].para == doc.toks[s].para
                && doc.punct(t - 1) == Some('.')
                && !doc.is_boundary(t - 1)
                && doc.toks[t - 2].word
        };
        let joined = |s: usize| joined_at(s, t);
        match (cap, self.start) {
            (true, None) => self.start = Some(t),
            (true, Some(s))
                if doc.toks[t - 1].para != k.para
                    || t - 1 < s
                    || !(doc.toks[t - 1].word || joined(s)) =>
            {
                self.start = Some(t)
            }
            // "What Mr. Lee wants": the word opening the sentence is not part of the name an
            // abbreviated title opens (an initial, "Ann B. Lee", is one letter).
            (true, Some(s))
                if t == s + 1
                    && doc.fold_bytes(t).len() > 1
                    && joined_at(s, t + 2)
                    && (s == 0 || doc.toks[s - 1].para != k.para || doc.is_boundary(s - 1)) =>
            {
                self.start = Some(t)
            }
            (false, Some(s)) if joined_at(s, t + 1) => {}
            (false, Some(s)) => {
                let possessive = doc.fold_bytes(t - 1).ends_with(b"'s");
                if t - s >= MIN_RUN_WORDS && !governed(doc, s) && !possessive && !thing(doc, s, t) {
                    self.last = Some((s, t));
                }
                self.start = None;
            }
            _ => {}
        }
    }
}

/// A German run led by a capitalised article ("Das Wetter des Tages" opening a
/// sentence) is a noun phrase; it is someone a pronoun may mean only with a title in it
/// ("Ein Sprecher", "Das Gericht").
fn thing(doc: &Doc, s: usize, t: usize) -> bool {
    // Only in German paragraphs: English writes capitalised words spelt like German
    // articles ("Dem Rep. …", "Des Moines").
    doc.is_verb_second(s) && doc.toks[s].info.det() && !(s + 1..t).any(|u| doc.toks[u].info.title())
}

/// A name after a preposition or an article ("in New York", "the Republican Party") is
/// seldom the person a pronoun points back to.
fn governed(doc: &Doc, s: usize) -> bool {
    s > 0 && doc.toks[s - 1].word && doc.toks[s - 1].para == doc.toks[s].para && {
        let p = doc.toks[s - 1].info;
        p.stop()
            || p.name_noun()
            || p.preposition()
            || matches!(doc.fold_bytes(s - 1), b"the" | b"a" | b"an")
            || object_of_verb(doc, s - 1)
    }
}

/// Whether Latin word `v`, right before a capitalised name, is a lower-case word that
/// takes the name as its object ("he urged North Korea", "she thanked Ann Lee"): not a
/// conjunction, an adverb or an auxiliary, after which the name is a subject, nor a cue
/// inverted after a quotation ("“…,” said Ann Lee"). Only in languages that put the
/// subject first.
fn object_of_verb(doc: &Doc, v: usize) -> bool {
    let k = doc.toks[v].info;
    let inverted = k.cue.is_some() && v > 0 && closes_quotation(doc, v - 1);
    // German capitalises every noun, so a lower-case word before a capital says nothing.
    let subject_first =
        doc.para_lang[doc.toks[v].para as usize].is_some_and(|l| ALL[l].order == Order::Either);
    subject_first
        && !doc.is_arabic_script(v)
        && !doc.is_capitalised(v)
        && !inverted
        && !k.conj()
        && !k.skip()
        && !k.aux()
        && !k.complementizer()
        && !latin_adverb(doc, v)
}

/// "“…” ― Name": a quotation signed with a dash at token `t`.
fn signature_cue(doc: &Doc, t: usize) -> Option<Cue> {
    let signed = doc.chars[doc.toks[t].start] == '―'
        && t > 0
        && doc.punct(t - 1).is_some_and(is_closing_like);
    if !signed {
        return None;
    }
    let Some(Subject::Name(a, b)) = forward(doc, t + 1, true) else {
        return None;
    };
    Some(Cue {
        first: t,
        end: t + 1,
        kind: CueKind::According,
        speaker: Some((a, b)),
        named: true,
        name: (a, b),
        person: None,
    })
}

/// A cue found at a word: its end token, kind and language.
#[derive(Debug, Clone, Copy)]
struct CueMatch {
    end: usize,
    kind: CueKind,
    lang: u8,
}

/// The longest cue starting at word `t`: a cue word, a multi-word cue ("according to",
/// "به گفته"), or a Persian compound verb (head + light verb: "تأکید کردند").
fn find_cue(doc: &Doc, lex: &Lexicon, t: usize) -> Option<CueMatch> {
    let k = &doc.toks[t];
    let mut hit = k.info.cue.map(|kind| CueMatch {
        end: t + 1,
        kind,
        lang: k.info.lang,
    });
    if k.info.multi() {
        for (rest, kind, lang) in lex.multi.get(doc.fold_of(t)).into_iter().flatten() {
            let end = t + 1 + rest.len();
            let all = rest.iter().enumerate().all(|(i, w)| {
                let u = t + 1 + i;
                u < doc.toks.len()
                    && doc.toks[u].word
                    && doc.toks[u].para == k.para
                    && doc.fold_of(u) == w
            });
            if all && hit.is_none_or(|h| end > h.end) {
                hit = Some(CueMatch {
                    end,
                    kind: *kind,
                    lang: *lang,
                });
            }
        }
    }
    let n = doc.toks.len();
    if k.info.head() && t + 1 < n && doc.toks[t + 1].info.light() && doc.toks[t + 1].para == k.para
    {
        hit = Some(CueMatch {
            end: t + 2,
            kind: CueKind::Verb,
            lang: FA as u8,
        });
    }
    hit
}

/// Whether the Arabic word at token `t` is written with a final ta marbuta (ة), which no
/// verb form has.
fn ends_with_ta_marbuta(doc: &Doc, t: usize) -> bool {
    let k = &doc.toks[t];
    k.end > k.start && doc.chars[k.end - 1] == 'ة'
}

/// Whether the cue `m` at word `t` is a cue where it stands.
fn accepted(doc: &Doc, lex: &Lexicon, t: usize, m: &CueMatch, para_lang: &[Option<usize>]) -> bool {
    let k = &doc.toks[t];
    // "so" and the like attribute only right after a quotation and a comma („…“, so X).
    if k.info.after_quote_only()
        && !(t > 1
            && matches!(doc.punct(t - 1), Some(',' | '،'))
            && doc.punct(t - 2).is_some_and(is_closing_like))
    {
        return false;
    }
    if m.kind == CueKind::According && lone_demonstrative_after(doc, lex, m.end) {
        return false;
    }
    // Persian "بنابر" ("based on") is as often followed by a law, a verse or an estimate as
    // by a person: a cue only before a source, whose quotation then has no speaker.
    if matches!(doc.fold_of(t), "بنابر" | "بنا") && !source_follows(doc, lex, m.end) {
        return false;
    }
    // German "laut" before a form of "werden" or "sein" is the adjective "loud" ("die Kritik
    // war laut geworden", "laut wurde"), not "according to".
    if doc.fold_of(t) == "laut" && t + 1 < doc.toks.len() && doc.toks[t + 1].word {
        let next = doc.fold_of(t + 1);
        let copula = [
            "geworden", "werden", "wurde", "wurden", "wird", "war", "ist", "sind",
        ];
        if copula.contains(&next) {
            return false;
        }
    }
    // "نقل" is "moved" as often as "reported": a cue only before "عن … قوله" ("نقل السفارة
    // إلى القدس" is no speech).
    if doc.is_arabic_script(t)
        && ar::is_transmitting_verb(doc.fold_of(t))
        && reported_source(doc, m.end).is_none()
    {
        return false;
    }
    // A word written with ta marbuta is a noun ("في إشارة إلى الغرب"), never the verb with
    // the object suffix -ه that folding makes it look like ("أشاره").
    // (Feminine participles, "قائلة", "مشيرة", end so and are cues.)
    if m.kind == CueKind::Verb
        && doc.is_arabic_script(t)
        && m.end == t + 1
        && ends_with_ta_marbuta(doc, t)
    {
        return false;
    }
    // "جاء في المرتبة الثانية" is no speech: "جاء في" needs a statement or speech after it.
    if is_stated_in(doc, t) && !resolve::is_statement_or_speech(doc, m.end) {
        return false;
    }
    // A Latin cue word capitalised inside a sentence is a name ("United States").
    if doc.is_capitalised(t)
        && !doc.is_arabic_script(t)
        && t > 0
        && doc.toks[t - 1].para == k.para
        && (doc.toks[t - 1].word || matches!(doc.punct(t - 1), Some(',' | '(' | '-')))
    {
        return false;
    }
    // Arabic and Persian share a script and some spellings (نفت "denied" / "oil"): a cue
    // of the other language in a paragraph whose function words are one's is a word.
    let lang = m.lang as usize;
    let arabic_script = |l: usize| l == AR || l == FA;
    !(arabic_script(lang)
        && para_lang[k.para as usize].is_some_and(|pl| arabic_script(pl) && pl != lang))
}

/// The cue whose tokens include token `t`.
pub fn cue_covering(cues: &[Cue], t: usize) -> Option<usize> {
    let i = cues.partition_point(|c| c.first <= t);
    (i > 0 && t < cues[i - 1].end).then(|| i - 1)
}

/// Whether a colon follows within a few words of token `t1` ("گفت:", "قائلا حول سليماني:").
pub fn colon_follows(doc: &Doc, t1: usize) -> bool {
    let n = doc.toks.len();
    let mut words = 0;
    let mut u = t1;
    while u < n && words <= 3 && doc.toks[u].para == doc.toks[t1.saturating_sub(1)].para {
        match doc.punct(u) {
            Some(':' | '：') => return true,
            Some(c) if doc.is_boundary(u) || is_mark_char(c) => return false,
            Some(_) => {}
            None => words += 1,
        }
        u += 1;
    }
    false
}

/// Whether the colon after the cue ending at `t1` is followed by an opening quotation mark.
fn colon_opens_marks(doc: &Doc, t1: usize) -> bool {
    let n = doc.toks.len();
    let mut u = t1;
    while u < n && u < t1 + 8 && doc.toks[u].para == doc.toks[t1 - 1].para {
        if matches!(doc.punct(u), Some(':' | '：')) {
            return u + 1 < n && doc.punct(u + 1).is_some_and(is_mark_char);
        }
        u += 1;
    }
    false
}

/// Whether the Arabic cue at token `t` follows a particle carrying the subject's pronoun
/// ("لكنه أكد", "إلا أنها قالت"): a clause whose subject is the sentence's.
fn after_pronoun_clause(doc: &Doc, t: usize) -> bool {
    t > 0
        && doc.toks[t - 1].word
        && doc.toks[t - 1].para == doc.toks[t].para
        && PRONOUN_CLAUSE_PARTICLES
            .iter()
            .any(|p| fold_for_matching(p) == doc.fold_of(t - 1))
}

/// Whether the name at token `a` follows right after its sentence's first word, and that
/// word may be a verb: not a preposition or another function word ("وعلى صعيد آخر").
fn opens_with_verb(doc: &Doc, a: usize) -> bool {
    a > 0
        && (a == 1
            || doc.is_boundary(a - 2)
            || doc.toks[a - 2].para != doc.toks[a].para
            || past_opening_adverbial(doc, sentence_start(doc, a - 1), a) == a - 1)
        && {
            let k = doc.toks[a - 1].info;
            doc.toks[a - 1].word
                && !k.preposition()
                && !k.stop()
                && !k.name_noun()
                && k.cue.is_none()
        }
}

/// The subject written at the cue `m` at token `t`: after a verb-first cue (from `after`, past
/// its addressee), a possessive ("his words"), or a name opening the clause before an Arabic
/// verb; `Pronoun` or `None` where the speaker is someone named before.
fn written_subject(
    doc: &Doc,
    lex: &Lexicon,
    t: usize,
    m: CueMatch,
    order: Order,
    after: usize,
) -> Option<Subject> {
    let verb_first = order == Order::VerbFirst;
    let written = if doc.toks[t].info.addressee() && verb_first {
        Some(Subject::Pronoun)
    } else if verb_first && m.kind == CueKind::Verb {
        subject(doc, t, after, m.kind, order)
    } else {
        subject(doc, t, m.end, m.kind, order)
    };
    let written = match written {
        Some(Subject::Name(a, b)) => Some(Subject::Name(a, b)),
        other => possessive_subject(doc, lex, t).or(other),
    };
    match written {
        // "السيسي يقول إن …", "لكن الوزيرة قالت إن …": no subject after the verb, a name
        // opening the clause before it.
        Some(Subject::Pronoun) | None if verb_first && m.kind == CueKind::Verb => {
            subject_before_verb(doc, lex, t)
                .map(|(a, b)| Subject::Name(a, b))
                .or(written)
        }
        other => other,
    }
}

/// The gender of the Arabic cue at token `t` ([`ar::verb_gender`]); a present with ta- is
/// feminine when the lexicon lists its masculine with ya- ("تقول" / "يقول"), and not a
/// past of the fifth form ("تابع").
fn cue_gender(doc: &Doc, lex: &Lexicon, t: usize, kind: CueKind) -> Option<Gender> {
    let w = doc.fold_of(t);
    ar::verb_gender(w, kind == CueKind::Participle).or_else(|| {
        let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        let rest = bare.strip_prefix('ت')?;
        let masculine = format!("ی{rest}");
        lex.get(&masculine)
            .cue
            .is_some()
            .then_some(Gender::Feminine)
    })
}

/// The subject written before an Arabic cue verb at token `t` in a nominal clause
/// ("السيسي يقول إن …", "لكن الوزيرة قالت إن …"): the one to [`ARABIC_NAME_WORDS`] words
/// right before it (more with a title), opening their sentence or following a particle
/// that opens a clause, and reading as a person: titled, or named again in the article.
fn subject_before_verb(doc: &Doc, lex: &Lexicon, t: usize) -> Option<(usize, usize)> {
    let para = doc.toks[t].para;
    let particle = |u: usize| {
        CLAUSE_PARTICLES
            .iter()
            .any(|p| fold_for_matching(p) == doc.fold_of(u))
    };
    // A stop word or cue with و/ف before it ("وقبل", "وأصدر") is no name's either.
    let conjoined_closed = |u: usize| {
        let w = doc.fold_of(u);
        w.strip_prefix(['و', 'ف']).is_some_and(|rest| {
            let i = lex.get(rest);
            i.stop() || i.cue.is_some()
        })
    };
    let name_word = |u: usize| {
        let k = &doc.toks[u];
        k.word
            && k.arabic
            && k.para == para
            && !k.info.stop()
            && !k.info.complementizer()
            && k.info.cue.is_none()
            && !k.info.pronoun()
            && !resolve::is_accusative(doc, u)
            && !particle(u)
            && !conjoined_closed(u)
    };
    let mut a = t;
    while a > 0 && t - a < MAX_NAME_WORDS && name_word(a - 1) {
        a -= 1;
    }
    // "وكان ترامب قال": the auxiliary opens the clause and is no part of the name.
    let auxiliary = a < t && ar::is_auxiliary(doc.fold_of(a));
    if auxiliary {
        a += 1;
    }
    if a == t {
        return None;
    }
    let opens = auxiliary
        || a == 0
        || doc.toks[a - 1].para != para
        || doc.is_boundary(a - 1)
        || (doc.toks[a - 1].word && particle(a - 1));
    let titled = has_title(doc, a, t);
    let fits = t - a <= ARABIC_NAME_WORDS || titled;
    (opens && fits && (titled || resolve::named_elsewhere(doc, a, t))).then_some((a, t))
}

/// The one an Arabic verb of reporting at `t1` reports from: the words after "عن" within
/// [`REPORTED_SOURCE_TOKENS`] of the verb, up to the noun of saying that follows them ("عن
/// رئيس الوزراء خالد منصور قوله"); `None` when the sentence has no such phrase (the verb
/// then takes its own subject).
fn reported_source(doc: &Doc, t1: usize) -> Option<(usize, usize)> {
    let n = doc.toks.len();
    let para = doc.toks[t1.saturating_sub(1)].para;
    let an = (t1..n.min(t1 + REPORTED_SOURCE_TOKENS))
        .find(|&u| doc.toks[u].para == para && doc.toks[u].word && doc.fold_of(u) == "عن")?;
    if (t1..an).any(|u| doc.toks[u].para != para || doc.is_boundary(u)) {
        return None;
    }
    let a = an + 1;
    let mut e = a;
    while e < n
        && e - a < MAX_TITLED_NAME_WORDS
        && doc.toks[e].para == para
        && doc.toks[e].word
        && !ar::is_saying_noun(doc.fold_of(e))
        && !doc.toks[e].info.complementizer()
    {
        e += 1;
    }
    let said = e < n && doc.toks[e].word && ar::is_saying_noun(doc.fold_of(e));
    (said && e > a).then_some((a, e))
}

/// Arabic, the participle at token `t` of `gender`: the subject of a clause of time
/// "قبل/بعد أن + verb" before it in its sentence ("بعد أن كتبت الوزيرة …، قائلة"), when the verb has the shape of
/// an imperfect or past agreeing with the participle, and the subject's words are written
/// again in the article.
fn clause_subject_before(doc: &Doc, t: usize, gender: Option<Gender>) -> Option<(usize, usize)> {
    let s = sentence_start(doc, t);
    let an = (s..t)
        .rev()
        .find(|&u| doc.toks[u].word && doc.is_arabic_script(u) && doc.fold_of(u) == "ان")?;
    // Only a clause of time ("قبل أن", "بعد أن"): after a cue "أن" opens what is said.
    if an == 0 || !ar::is_time_conjunction(doc.fold_of(an - 1)) {
        return None;
    }
    // "إن" folds to "ان" too, and a nominal clause follows it: only a verb after it opens
    // a clause whose subject follows.
    let verb = an + 1;
    if verb >= t || !doc.toks[verb].word || doc.toks[verb].info.stop() {
        return None;
    }
    let w = doc.fold_of(verb);
    if !(w.starts_with('ی') || w.ends_with('ت')) || w.starts_with("ال") {
        return None;
    }
    let g = ar::verb_gender(w, false)?;
    if gender.is_some_and(|p| p != g) {
        return None;
    }
    // The subject's words are those the article writes again (a name), up to
    // [`ARABIC_NAME_WORDS`]: the verb's complement after them ("بإعادة …") is not.
    let a = verb + 1;
    let mut b = a;
    while b < t
        && b - a < ARABIC_NAME_WORDS
        && doc.toks[b].para == doc.toks[t].para
        && is_name_word(doc, b)
        && doc.toks[b].arabic
        && !resolve::is_accusative(doc, b)
        && (resolve::named_elsewhere(doc, b, b + 1)
            || (doc.fold_of(b).chars().count() < 3
                && b + 1 < t
                && resolve::named_elsewhere(doc, b + 1, b + 2)))
    {
        b += 1;
    }
    (b > a).then_some((a, b))
}

/// "نقلت وكالة الأنباء الرسمية في بيان عن …": "عن" stands at most this many tokens after the
/// verb.
const REPORTED_SOURCE_TOKENS: usize = 10;

/// Particles after which an Arabic clause may open with its subject ("لكن الوزيرة قالت").
const CLAUSE_PARTICLES: [&str; 6] = ["لكن", "ولكن", "بينما", "فيما", "كما", "وكما"];

/// Whether the Arabic cue at token `t` stands inside its sentence, after other words of it:
/// its implicit subject may be the sentence's own.
fn inside_sentence(doc: &Doc, t: usize) -> bool {
    t > 0 && doc.toks[t - 1].para == doc.toks[t].para && !doc.is_boundary(t - 1) && {
        // Past a comma or "و" the cue may still open the sentence's next clause; a word of
        // the sentence must come before it.
        let s = sentence_start(doc, t);
        (s..t).filter(|&u| doc.toks[u].word).count() >= MIN_WORDS_BEFORE_INNER_CUE
    }
}

/// An inner cue has at least this many words of its sentence before it (a verb and its
/// subject).
const MIN_WORDS_BEFORE_INNER_CUE: usize = 2;

/// The first token of the sentence holding token `t`, at most [`MAX_SENTENCE_TOKENS`] back.
fn sentence_start(doc: &Doc, t: usize) -> usize {
    let para = doc.toks[t].para;
    let mut s = t;
    while s > 0
        && t - s < MAX_SENTENCE_TOKENS
        && doc.toks[s - 1].para == para
        && !doc.is_boundary(s - 1)
    {
        s -= 1;
    }
    s
}

/// Where the clause of an Arabic sentence starting at token `s` starts, past an opening
/// adverbial set off by a comma ("في المقابل، انتقد …", "ومن جهته، رفض …"): a preposition
/// and at most [`OPENING_ADVERBIAL_WORDS`] words, no mark or complementiser among them,
/// then the comma, before token `t`. `s` when the sentence opens otherwise.
fn past_opening_adverbial(doc: &Doc, s: usize, t: usize) -> usize {
    if s >= t
        || !doc.toks[s].word
        || !doc.is_arabic_script(s)
        || !ar::opens_adverbial(doc.fold_of(s))
    {
        return s;
    }
    let para = doc.toks[s].para;
    let mut u = s + 1;
    while u < t && u - s <= OPENING_ADVERBIAL_WORDS && doc.toks[u].para == para {
        let k = &doc.toks[u];
        if !k.word {
            return if matches!(doc.punct(u), Some(',' | '،')) && u > s + 1 {
                u + 1
            } else {
                s
            };
        }
        if k.info.complementizer() || k.info.cue.is_some() {
            return s;
        }
        u += 1;
    }
    s
}

/// An opening adverbial has at most this many words after its preposition ("في سياق
/// متصل بالأزمة").
const OPENING_ADVERBIAL_WORDS: usize = 4;

/// The topic an Arabic sentence holding token `t` opens with "أما" ("أما الوزيرة سعاد
/// فتوقعت …"): the words after the particle up to the one carrying the answering fa-, as a
/// token range ending at that word.
fn topic_subject(doc: &Doc, t: usize) -> Option<(usize, usize)> {
    // "أما" opens the clause, after the sentence's start or a comma ("…؟»، أما الناشط …").
    let s = sentence_start(doc, t).max(t.saturating_sub(TOPIC_TOKENS));
    let p = (s..t)
        .rev()
        .find(|&u| doc.toks[u].word && matches!(doc.fold_of(u), "اما" | "واما"))?;
    // The topic runs to the word with the answering fa-, the last before the cue or the cue
    // itself ("أما آرون ستين المحلل في مركز «…» فقد قال", "أما المدرب إرنستو فالفير فقال"):
    // its name, to the first stop word or mark.
    let fa = (p + 2..=t)
        .rev()
        .find(|&u| doc.toks[u].word && doc.fold_of(u).starts_with('ف'))?;
    let e = (p + 1..fa)
        .find(|&u| !doc.toks[u].word || doc.toks[u].info.stop())
        .unwrap_or(fa);
    let words = e.saturating_sub(p + 1);
    // "أما زعيم المعارضة، جيرمي كوربن، فقال": the name set off after the title.
    let e = apposed_name_after(doc, p + 1, e).unwrap_or(e);
    (words > 0 && (words <= ARABIC_NAME_WORDS || has_title(doc, p + 1, e))).then_some((p + 1, e))
}

/// A topic after "أما" runs at most this many tokens to its fa-.
const TOPIC_TOKENS: usize = 16;

/// Whether tokens `a..b` hold a title.
fn has_title(doc: &Doc, a: usize, b: usize) -> bool {
    (a..b).any(|u| doc.toks[u].word && doc.toks[u].info.title())
}

/// An Arabic implicit subject looks this far back for a speaker of its own gender: a few
/// paragraphs, as far as a reader keeps two voices apart.
const GENDERED_ANTECEDENT_TOKENS: usize = 400;

/// Particles with a third-person pronoun suffix that open a clause ("لكنه", "أنها"); folded
/// when compared, which is rare (only at a cue with an implicit subject).
const PRONOUN_CLAUSE_PARTICLES: [&str; 11] = [
    "لكنه",
    "لكنها",
    "ولكنه",
    "ولكنها",
    "انه",
    "انها",
    "لانه",
    "لانها",
    "فانه",
    "فانها",
    "وانه",
];

/// At most this many statements before a statement are looked at for its issuer.
const EARLIER_STATEMENTS: usize = 4;

/// The issuer of the nearest statement mentioned before token `a` (within
/// [`resolve::ANTECEDENT_TOKENS`]) that names one: after it ("بيان صادر عن النقابة"), or as
/// the subject of the verb of its sentence ("أصدرت وزارة الصحة بياناً", "قالت الوزارة في
/// بيان").
fn issuer_before(doc: &Doc, a: usize) -> Option<(usize, usize)> {
    (a.saturating_sub(resolve::ANTECEDENT_TOKENS)..a)
        .rev()
        .filter(|&v| resolve::is_statement(doc, v, v + 1))
        .take(EARLIER_STATEMENTS)
        .find_map(|v| resolve::issuer_after(doc, v).or_else(|| issuing_subject(doc, v)))
}

/// The subject of the verb opening the sentence of the statement introduced at `v`, when it
/// runs up to it: "أصدرت وزارة الصحة بياناً". It holds a title or a definite word and has
/// at most [`ARABIC_NAME_WORDS`] words or a title, and the statement is indefinite, newly
/// introduced (else it is no issuer: "ولم يحدد البيان").
fn issuing_subject(doc: &Doc, v: usize) -> Option<(usize, usize)> {
    if doc.fold_of(v).starts_with("ال") {
        return None;
    }
    let (x, y) = opening_verb_subject(doc, v, true)?;
    let opens = (x..y).any(|w| doc.toks[w].info.title() || doc.fold_of(w).starts_with("ال"));
    let fits = looks_named(doc, x, y) && !resolve::is_statement(doc, x, y);
    (opens && fits && y == v).then_some((x, y))
}

/// Whether the one to three words from token `u` are a source phrase ("این گزارش", "the
/// report").
fn source_follows(doc: &Doc, lex: &Lexicon, u: usize) -> bool {
    let para = doc.toks[u.saturating_sub(1)].para;
    let mut e = u;
    while e < doc.toks.len() && e - u < 3 && doc.toks[e].word && doc.toks[e].para == para {
        e += 1;
        if resolve::classify(doc, lex, u, e) == Phrase::Source {
            return true;
        }
    }
    false
}

/// Whether the according phrase ending at `t1` is followed by a lone demonstrative: "بنابر
/// این،" ("therefore"), no source.
fn lone_demonstrative_after(doc: &Doc, lex: &Lexicon, t1: usize) -> bool {
    let word = |u: usize| doc.toks.get(u).is_some_and(|k| k.word);
    word(t1) && lex.role(doc.fold_of(t1)).demonstrative && !word(t1 + 1)
}

/// German "es heißt" in a relative clause is read back this far for its opening comma.
const RELATIVE_CLAUSE_TOKENS: usize = 16;

/// The antecedent of a German relative clause in which the impersonal "es heißt" at token
/// `t` stands ("… den Tenor der Zeitungen auf, in denen es am Montag heißt, …"): the
/// capitalised noun before the clause's comma, past a separable particle, with the
/// adjectives before it ("staatlichen Zeitungen"). That is whose words follow, not the
/// person named last.
fn relative_antecedent(doc: &Doc, t: usize) -> Option<(usize, usize)> {
    if !matches!(doc.fold_of(t), "heißt" | "hieß") || doc.is_arabic_script(t) {
        return None;
    }
    let para = doc.toks[t].para;
    let low = t.saturating_sub(RELATIVE_CLAUSE_TOKENS);
    let c = (low..t)
        .rev()
        .find(|&u| doc.toks[u].para != para || doc.punct(u).is_some())?;
    let word = |u: usize| doc.toks.get(u).is_some_and(|k| k.word && k.para == para);
    let fold = |u: usize| if word(u) { doc.fold_of(u) } else { "" };
    let relative = |u: usize| matches!(fold(u), "denen" | "dem" | "der" | "welchen" | "welcher");
    let opens = doc.punct(c) == Some(',')
        && (relative(c + 1) || (relative(c + 2) && !doc.is_capitalised(c + 1)));
    if !opens || !(c + 2..t).any(|u| fold(u) == "es") || c < 2 {
        return None;
    }
    // "… auf, in denen": a separable particle before the comma.
    let mut e = c;
    if word(e - 1) && !doc.is_capitalised(e - 1) && doc.fold_bytes(e - 1).len() <= 4 {
        e -= 1;
    }
    if !word(e - 1) || !doc.is_capitalised(e - 1) {
        return None;
    }
    let mut a = e - 1;
    while a > 0
        && word(a - 1)
        && !doc.is_capitalised(a - 1)
        && !doc.toks[a - 1].info.det()
        && fold(a - 1).ends_with(['r', 'n', 'e', 's', 'm'])
        && e - a < 4
    {
        a -= 1;
    }
    Some((a, e))
}

/// Whether the cue at token `t` is "جاء في"/"ورد في" ("it is stated in"), whose source is
/// the statement or speech after it.
fn is_stated_in(doc: &Doc, t: usize) -> bool {
    doc.is_arabic_script(t) && matches!(doc.fold_of(t), "جاء" | "وجاء" | "ورد" | "وورد")
}

/// The name after the first or second word of the sentence holding token `t` (the verb,
/// possibly after a particle such as ولم/وقد), if it reads as a name; with `up_to_t`, a name
/// running on over `t` (the verb's object) ends there.
fn opening_verb_subject(doc: &Doc, t: usize, up_to_t: bool) -> Option<(usize, usize)> {
    let s = past_opening_adverbial(doc, sentence_start(doc, t), t);
    for skip in 1..=2 {
        // The word after a circumstantial accusative is no subject when the accusative did
        // not lead to one ("وقال ضاحكا بارتباك").
        if s + skip >= t || (skip == 2 && resolve::is_circumstantial(doc, s + 1)) {
            break;
        }
        if let Some(Subject::Name(a, b)) = forward(doc, s + skip, false) {
            if b <= t {
                return Some((a, b));
            }
            // "ونشرت وكالة الأنباء بيانا مشتركا": the subject ends at the object it ran into.
            if up_to_t && a < t {
                return Some((a, t));
            }
        }
    }
    None
}

enum Subject {
    /// Token range of a written name.
    Name(usize, usize),
    Pronoun,
}

fn subject(doc: &Doc, t0: usize, t1: usize, kind: CueKind, order: Order) -> Option<Subject> {
    match kind {
        CueKind::According if order == Order::VerbSecond => match forward(doc, t1, true) {
            // "laut geworden": an adjective, not "according to".
            Some(Subject::Name(a, b)) => noun_phrase_end(doc, a, b).map(|e| Subject::Name(a, e)),
            other => other,
        },
        CueKind::According => forward(doc, t1, true),
        CueKind::AccordingAfter => backward(doc, t0, order),
        CueKind::Participle if matches!(order, Order::Either | Order::VerbSecond) => {
            backward(doc, t0, order)
                .or_else(|| {
                    sentence_subject(doc, t0)
                        .filter(|s| matches!(s, Subject::Name(a, b) if looks_named(doc, *a, *b)))
                })
                .or(Some(Subject::Pronoun))
        }
        CueKind::Participle => Some(Subject::Pronoun),
        CueKind::Verb => match order {
            Order::VerbFirst => forward(doc, t1, false).or(Some(Subject::Pronoun)),
            Order::VerbLast => sentence_subject(doc, t0),
            // A clause-final participle or infinitive ("Metz hat … erklärt", "hatte VW-Chef
            // Winterkorn … erklärt"): the subject stands by the auxiliary.
            Order::VerbSecond => match auxiliary_before(doc, t0) {
                Some(x) => subject_by_verb(doc, x, x + 1, order),
                None => subject_by_verb(doc, t0, t1, order),
            },
            Order::Either => subject_by_verb(doc, t0, t1, order),
        },
    }
}

/// The subject of a finite verb at `t0..t1` in English or German: after it when it follows
/// a quotation, else before it, or after it in German verb-second order.
fn subject_by_verb(doc: &Doc, t0: usize, t1: usize, order: Order) -> Option<Subject> {
    if follows_quotation(doc, t0) {
        if let Some(s) = subject_after_quote(doc, t0, t1, order) {
            return Some(s);
        }
    }
    // "… und sagte": the subject is the sentence's; in German after its first verb when an
    // adverbial opens it ("Am Abend zogen Studenten vor das Rathaus und riefen …").
    if t0 > 0 && doc.toks[t0 - 1].word && doc.toks[t0 - 1].info.conj() {
        if let Some((a, b)) = (order == Order::VerbSecond)
            .then(|| subject_after_adverbial(doc, t0))
            .flatten()
        {
            return Some(Subject::Name(a, b));
        }
        return sentence_subject(doc, t0)
            .filter(|s| matches!(s, Subject::Name(a, b) if looks_named(doc, *a, *b)));
    }
    match backward(doc, t0, order) {
        Some(Subject::Name(a, b)) if order == Order::VerbSecond => {
            Some(verb_second_subject(doc, a, b, t1))
        }
        Some(Subject::Name(a, b)) => Some(Subject::Name(a, b)),
        other => other.or_else(|| forward(doc, t1, false)),
    }
}

/// German: the subject of the sentence holding token `t0` when an adverbial fills the field
/// before its finite verb ("Bereits am Sonntag zogen Demonstranten …"): the noun phrase
/// right after that verb. The verb is the first lower-case word that is no function word
/// and follows a capitalised word (the adverbial's noun), so an adjective inside the
/// adverbial ("Am späten Abend") is not taken for it. `None` when a noun or name opens the
/// sentence (it is the subject) or the phrase after the verb has no noun (a pronoun).
fn subject_after_adverbial(doc: &Doc, t0: usize) -> Option<(usize, usize)> {
    let s = (t0.saturating_sub(MAX_SENTENCE_TOKENS)..t0)
        .rev()
        .find(|&u| opens_sentence(doc, u) || doc.punct(u.saturating_sub(1)) == Some(':'))?;
    let info = doc.toks[s].info;
    let function = |u: usize| german_function_word(doc, u);
    let verb = if doc.toks[s].word && de::is_subordinator(doc.fold_of(s)) {
        verb_after_subordinate_clause(doc, s, t0)?
    } else {
        // A preposition or adverb opens an adverbial; an article or pronoun the subject.
        if !doc.toks[s].word || !(info.stop() || info.skip()) || info.det() || info.pronoun() {
            return None;
        }
        finite_verb_after_adverbial(doc, s, t0)?
    };
    let mut u = verb + 1;
    while u < t0
        && doc.toks[u].word
        && !doc.is_capitalised(u)
        && (doc.toks[u].info.det() || !doc.toks[u].info.pronoun())
    {
        // An article or adjectives before the noun ("die jungen Leute"); any other
        // function word ("vor", "sich") means the subject is not here.
        if function(u) && !doc.toks[u].info.det() {
            return None;
        }
        u += 1;
    }
    let a = verb + 1;
    let end = (u..t0)
        .take_while(|&w| doc.toks[w].word && doc.is_capitalised(w) && !function(w))
        .last()?
        + 1;
    Some((a, end))
}

/// The finite verb of the German sentence opening at token `s` with an adverbial, before
/// token `t0` ([`subject_after_adverbial`]): the first lower-case word outside quotations that
/// is no function word, after a capitalised word or a closing mark ("Unter dem Motto „…“
/// zogen"). A comma or colon first means the field is no plain adverbial.
fn finite_verb_after_adverbial(doc: &Doc, s: usize, t0: usize) -> Option<usize> {
    let function = |u: usize| german_function_word(doc, u);
    let mut quoted = false;
    let mut after_noun = false;
    for u in s + 1..t0 {
        if doc.punct(u).is_some_and(is_mark_char) {
            quoted = !quoted;
            after_noun = !quoted;
            continue;
        }
        if quoted {
            continue;
        }
        if !doc.toks[u].word {
            match doc.punct(u) {
                Some('-' | '.') if !doc.is_boundary(u) => continue,
                _ => return None,
            }
        }
        if !doc.is_capitalised(u) && !function(u) && after_noun {
            return Some(u);
        }
        after_noun = doc.is_capitalised(u);
    }
    None
}

/// The finite verb of a German sentence whose field before it is a subordinate clause
/// opening at token `s` ("Als ein Gast half, biss der Mann …"): the word after the clause's
/// comma, when it is a lower-case word before token `t0`.
fn verb_after_subordinate_clause(doc: &Doc, s: usize, t0: usize) -> Option<usize> {
    let comma = (s + 1..t0)
        .take_while(|&u| doc.toks[u].word || doc.punct(u) == Some(','))
        .find(|&u| doc.punct(u) == Some(','))?;
    let verb = comma + 1;
    (verb < t0
        && doc.toks[verb].word
        && !doc.is_capitalised(verb)
        && !german_function_word(doc, verb))
    .then_some(verb)
}

/// Whether the word at token `u` is a function word of the verb-second field: a stop word,
/// an adverb skipped before cues, an article or a pronoun.
fn german_function_word(doc: &Doc, u: usize) -> bool {
    let i = doc.toks[u].info;
    i.stop() || i.skip() || i.det() || i.pronoun()
}

/// Whether the cue at `t0` follows a closing quotation mark, past commas and skipped words
/// ("…," said Trump / „…“, so Merkel).
fn follows_quotation(doc: &Doc, t0: usize) -> bool {
    if t0 == 0 {
        return false;
    }
    let mut u = t0 - 1;
    while u > 0
        && (matches!(doc.punct(u), Some(',' | '،'))
            || (doc.toks[u].word && doc.toks[u].info.skip()))
    {
        u -= 1;
    }
    doc.punct(u).is_some_and(is_closing_like)
}

/// The subject after a cue that follows a quotation ("…," said Trump).
fn subject_after_quote(doc: &Doc, t0: usize, t1: usize, order: Order) -> Option<Subject> {
    if let Some(s) = forward(doc, t1, false) {
        return Some(s);
    }
    // „…“, so charakterisierte ihn der Funktionär: a lower-case word after "so" is the verb,
    // and the subject follows it.
    let verb_follows = order == Order::VerbSecond
        && t1 < doc.toks.len()
        && doc.toks[t1].word
        && doc.toks[t1].para == doc.toks[t0].para
        && !doc.is_capitalised(t1);
    if !verb_follows {
        return None;
    }
    match forward(doc, t1 + 1, false) {
        Some(s @ Subject::Name(..)) => Some(s),
        _ => None,
    }
}

/// German verb-second order, where `a..b` is the name read before the verb ending at `t1`:
/// after an adverbial ("In seiner Radioansprache begründete der Präsident") or an
/// article-led object ("Der Zeitung sagte Filep Karma") the subject follows the verb.
fn verb_second_subject(doc: &Doc, a: usize, b: usize, t1: usize) -> Subject {
    let opening = clause_opening(doc, a);
    let adverbial = match opening {
        // The whole field before the verb is one phrase: an adverbial when it opens with a
        // preposition or adverb, else the subject, whose head is its first words ("Sascha
        // Kempf vom Institut in Heidelberg erläutert").
        Some(s) if s < a => {
            let k = doc.toks[s].info;
            if k.stop() || k.skip() {
                true
            } else {
                let mut e = s;
                while e < a && e - s < MAX_NAME_WORDS && is_name_word(doc, e) {
                    e += 1;
                }
                if e > s && looks_named(doc, s, e) {
                    return Subject::Name(s, e);
                }
                false
            }
        }
        _ => {
            a > 0
                && doc.toks[a - 1].word
                && doc.toks[a - 1].para == doc.toks[a].para
                && doc.toks[a - 1].info.stop()
        }
    };
    let after = match forward(doc, t1, false) {
        Some(Subject::Name(fa, fb)) => Some((fa, fb)),
        _ => None,
    };
    // "Ähnlich äußerte sich der US-Präsident George W. Bush": a one-word field is an adverb
    // when a titled subject follows the verb.
    if let Some((fa, fb)) = after {
        let titled = is_article(doc.fold_of(fa))
            && (fa + 1..fb).any(|w| doc.toks[w].info.title())
            && !doc.toks[a].info.title();
        if b == a + 1 && opening == Some(a) && titled {
            return Subject::Name(fa, fb);
        }
        let proper = doc.is_capitalised(fa) && !is_article(doc.fold_of(fa));
        if adverbial || (is_article(doc.fold_of(a)) && proper) {
            return Subject::Name(fa, fb);
        }
    }
    Subject::Name(a, b)
}

/// German passive of the clause-final participle at token `t`: after a form of "werden"
/// ("wurde … als „…“ bezeichnet") or before "worden" ("war … bezeichnet worden"), its
/// subject is what was said or named. `Some(agent)`: the speaker is the agent after "von" in
/// the clause, or nobody (`Some(None)`); a wrong speaker is worse than none. `None` when the
/// cue is not passive, or its passive subject is the one quoted ("wird … zitiert").
fn passive_agent(doc: &Doc, lex: &Lexicon, t: usize) -> Option<Option<(usize, usize)>> {
    let role = |u: usize| lex.role(doc.fold_of(u));
    let para = doc.toks[t].para;
    let same = |u: usize| u < doc.toks.len() && doc.toks[u].word && doc.toks[u].para == para;
    if doc.is_arabic_script(t) || !participle_shape(doc.fold_of(t)) || role(t).quoting {
        return None;
    }
    let aux = auxiliary_before(doc, t);
    // "bezeichnet worden": the participle of "werden" after the cue; a finite form there
    // ("könne so bezeichnet werden") may end a clause a cue before governs.
    let worden = same(t + 1) && doc.fold_of(t + 1) == "worden";
    if !worden && !aux.is_some_and(|x| role(x).passive) {
        return None;
    }
    Some(agent_before(doc, lex, t, aux))
}

/// German: the medium or document that the clause holding token `v` opens with, "In
/// <noun phrase>" ("In einem Schreiben an die Behörde wird …", "Im Bericht heißt …"): the
/// phrase after the preposition, when a noun of it is a written source.
fn medium_opening(doc: &Doc, v: usize) -> Option<(usize, usize)> {
    medium_phrase(doc, clause_opening(doc, v)?, v)
}

/// The phrase after "in"/"im" at token `s` (up to token `b` at most), when a noun of it is a
/// written source.
fn medium_phrase(doc: &Doc, s: usize, b: usize) -> Option<(usize, usize)> {
    if s + 1 >= b || !matches!(doc.fold_of(s), "in" | "im") {
        return None;
    }
    let end = noun_phrase_end(doc, s + 1, b)?;
    // A comma or a mark ends the phrase ("In einem Bericht, der …").
    let end = (s + 1..end)
        .find(|&u| !doc.toks[u].word && doc.punct(u) != Some('-'))
        .unwrap_or(end);
    (s + 1..end)
        .any(|u| doc.toks[u].word && doc.is_capitalised(u) && de::is_written_source(doc.fold_of(u)))
        .then_some((s + 1, end))
}

/// German, a quotation with no cue at token `t` (its first word): what its sentence names
/// as the source of its words. A noun of saying whose clause holds it ("Berichte …
/// zurückgewiesen, er sei „…“", "in eine Warnung, dass … „…“"), else a medium or
/// document the sentence opens with ("In einem Bericht wird …, es gebe „…“").
pub fn source_in_sentence(doc: &Doc, t: usize) -> Option<(usize, usize)> {
    if t >= doc.toks.len() || !doc.is_verb_second(t) {
        return None;
    }
    speech_noun_before(doc, t).or_else(|| {
        let s = (t.saturating_sub(SOURCE_SENTENCE_TOKENS)..t)
            .rev()
            .find(|&u| opens_sentence(doc, u))?;
        // Only an impersonal or passive clause ("In dem Brief wird …", "war … die Rede"):
        // in "In seiner Rede sagte der Minister" the subject after the verb speaks.
        medium_phrase(doc, s, t)
            .filter(|&(_, e)| verb_after_phrase(doc, e, t).is_some_and(|v| doc.toks[v].info.aux()))
    })
}

/// The first word from token `e` to `t` that can be a verb: a lower-case word that is no
/// function word or number, past a phrase's attributes ("vom vergangenen Jahr wird").
fn verb_after_phrase(doc: &Doc, e: usize, t: usize) -> Option<usize> {
    (e..t)
        .take_while(|&u| doc.toks[u].word || doc.punct(u) == Some('-'))
        .find(|&u| {
            let k = &doc.toks[u];
            k.word
                && (k.info.aux()
                    || !(doc.is_capitalised(u)
                        || german_function_word(doc, u)
                        || doc.chars[k.start].is_numeric()))
        })
}

/// The start of a quotation's sentence is looked for at most this many tokens back.
const SOURCE_SENTENCE_TOKENS: usize = 60;
/// A noun of saying stands at most this many words before the comma opening its clause
/// ("Meldungen der kleinen Lokalzeitung „…“ dementiert, …": eight).
const SPEECH_NOUN_WORDS: usize = 10;

/// The noun of saying whose reported clause holds token `t` ([`source_in_sentence`]): the
/// clause opens after a comma with "dass"/"ob"/"wonach" or holds a Konjunktiv I form before
/// `t`; the noun is the nearest before that comma, in the same clause, with its article
/// and genitive ("Berichte der Zeitung", "eine Andeutung").
fn speech_noun_before(doc: &Doc, t: usize) -> Option<(usize, usize)> {
    let comma = reported_clause_start(doc, t)?;
    let mut words = 0;
    let mut quoted = false;
    let mut u = comma;
    while u > 0 && words < SPEECH_NOUN_WORDS {
        u -= 1;
        if doc.toks[u].para != doc.toks[t].para {
            return None;
        }
        if doc.punct(u).is_some_and(is_mark_char) {
            quoted = !quoted;
            continue;
        }
        if !doc.toks[u].word {
            return None;
        }
        words += 1;
        if !quoted && doc.is_capitalised(u) && de::is_speech_noun(doc.fold_of(u)) {
            return Some((determiner_before(doc, u), genitive_end(doc, u + 1)));
        }
    }
    None
}

/// The comma opening the reported clause that holds token `t` (see [`speech_noun_before`]),
/// if the clause reads as reported speech.
fn reported_clause_start(doc: &Doc, t: usize) -> Option<usize> {
    let para = doc.toks[t].para;
    let mut reported = false;
    let mut u = t;
    while u > 0 && t - u < SOURCE_SENTENCE_TOKENS {
        u -= 1;
        // A colon makes what follows the speech of its own sentence's subject.
        if doc.toks[u].para != para || doc.is_boundary(u) || doc.punct(u) == Some(':') {
            return None;
        }
        if doc.toks[u].word {
            reported |= doc.toks[u].info.complementizer()
                || matches!(doc.fold_of(u), "ob" | "wonach")
                || de::DATA.subjunctives.contains(&doc.fold_of(u));
        } else if doc.punct(u) == Some(',') {
            return reported.then_some(u);
        }
    }
    None
}

/// The first token of the noun phrase whose noun is token `u`: its article, and an
/// adjective between ("die neuen Berichte").
fn determiner_before(doc: &Doc, u: usize) -> usize {
    let det = |v: usize| doc.toks[v].word && doc.toks[v].info.det();
    let lower = |v: usize| doc.toks[v].word && !doc.is_capitalised(v);
    match u {
        _ if u >= 1 && det(u - 1) => u - 1,
        _ if u >= 2 && lower(u - 1) && det(u - 2) => u - 2,
        _ => u,
    }
}

/// Where the genitives after a noun end ("Meldungen | der kleinen Lokalzeitung |"):
/// an article, adjectives and a capitalised noun, again and again; a quotation mark or any
/// other word ends them.
fn genitive_end(doc: &Doc, a: usize) -> usize {
    let mut end = a;
    let mut u = a;
    while u < doc.toks.len() && doc.toks[u].word && doc.toks[u].para == doc.toks[a - 1].para {
        if doc.is_capitalised(u) {
            end = u + 1;
        } else if !(doc.toks[u].info.det() || u > a && !doc.toks[u].info.stop()) {
            break;
        }
        u += 1;
    }
    end
}

/// The agent of the passive cue at token `t`: the name after "von" between the cue and its
/// auxiliary `aux` (or the clause's start), outside quotations.
fn agent_before(doc: &Doc, lex: &Lexicon, t: usize, aux: Option<usize>) -> Option<(usize, usize)> {
    let para = doc.toks[t].para;
    let mut quoted = false;
    let mut u = t;
    while u > 0 && t - u < AUXILIARY_TOKENS && Some(u) != aux {
        u -= 1;
        if doc.toks[u].para != para {
            return None;
        }
        if doc.punct(u).is_some_and(is_mark_char) {
            quoted = !quoted;
            continue;
        }
        if quoted
            || (!doc.toks[u].word && matches!(doc.punct(u), Some('-' | '.')) && !doc.is_boundary(u))
        {
            continue;
        }
        if !doc.toks[u].word {
            return None;
        }
        if lex.role(doc.fold_of(u)).agent {
            return match forward(doc, u + 1, false) {
                Some(Subject::Name(a, b)) if b <= t && looks_named(doc, a, b) => Some((a, b)),
                _ => None,
            };
        }
    }
    None
}

/// Whether a folded German cue word has a past participle's shape: "-t" ("bezeichnet",
/// "zitiert") or "ge…en" ("geschrieben", "bekanntgegeben"), not an infinitive ("sagen").
fn participle_shape(w: &str) -> bool {
    w.ends_with('t') || (w.ends_with("en") && w.contains("ge"))
}

/// The auxiliary earlier in the clause of a clause-final cue ("Freiberg wird in einer
/// Presseerklärung mit den Worten zitiert"), if any. A quotation inside the clause ("hatte
/// … „ohne jede Eile“ bekanntgegeben") is stepped over: its words are not the clause's.
pub fn auxiliary_before(doc: &Doc, t0: usize) -> Option<usize> {
    let para = doc.toks[t0].para;
    let mut u = t0;
    let mut quoted = false;
    let mut read = 0;
    while u > 0 && read < AUXILIARY_TOKENS {
        u -= 1;
        let k = &doc.toks[u];
        if k.para != para {
            return None;
        }
        if doc.punct(u).is_some_and(is_mark_char) {
            quoted = !quoted;
            continue;
        }
        read += 1;
        if quoted {
            continue;
        }
        if !k.word {
            match doc.punct(u) {
                Some('-' | '.' | '(' | ')') if !doc.is_boundary(u) => continue,
                _ => return None,
            }
        }
        if k.info.cue.is_some() {
            return None;
        }
        if k.info.aux() && !doc.is_arabic_script(u) {
            return Some(u);
        }
    }
    None
}

/// The first word of the clause holding token `a`, when the clause opens a sentence (no comma
/// between): the start of German verb-second's field before the verb.
fn clause_opening(doc: &Doc, a: usize) -> Option<usize> {
    let para = doc.toks[a].para;
    let mut u = a;
    while u > 0 && a - u < CLAUSE_OPENING_TOKENS {
        let v = u - 1;
        let k = &doc.toks[v];
        if k.para != para || doc.is_boundary(v) || doc.punct(v) == Some(':') {
            break;
        }
        if !k.word {
            match doc.punct(v) {
                Some('-' | '.') => {}
                _ => return None,
            }
        }
        u = v;
    }
    if a - u >= CLAUSE_OPENING_TOKENS {
        return None;
    }
    (u < doc.toks.len() && doc.toks[u].word).then_some(u)
}

/// Where a German noun phrase after "laut"/"nach Angaben" ends: determiners and adjectives
/// lead to a capitalised noun, and after a noun only a determiner (a genitive) or another
/// capitalised word goes on ("laut der gleichen Nachrichtenagentur | hält es …").
fn noun_phrase_end(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    let mut need_noun = true;
    let mut nouns = 0;
    for u in a..b {
        if !doc.toks[u].word {
            continue;
        }
        if doc.is_capitalised(u) {
            need_noun = false;
            nouns += 1;
        } else if doc.toks[u].info.det() {
            need_noun = true;
        } else if !need_noun && !doc.toks[u].info.title() {
            return Some(u);
        }
    }
    (nouns > 0).then_some(b)
}

/// German, French and Spanish definite articles (a phrase led by one is not a proper name).
fn is_article(folded: &str) -> bool {
    matches!(
        folded,
        "der" | "die" | "das" | "dem" | "den" | "des" | "le" | "la" | "el"
    )
}

fn is_closing_like(c: char) -> bool {
    is_mark_char(c) || c == '\'' || c == '’'
}

fn is_name_word(doc: &Doc, u: usize) -> bool {
    let k = &doc.toks[u];
    k.word
        && !k.info.stop()
        && (k.info.cue.is_none() || capitalised_inside(doc, u))
        && !k.info.head()
        && !k.info.light()
        && !k.info.multi()
}

/// A capitalised Latin word after another word: a noun or a name, even when spelt like a
/// cue ("in dem Schreiben", "the Post Says").
fn capitalised_inside(doc: &Doc, u: usize) -> bool {
    u > 0
        && doc.toks[u - 1].word
        && doc.toks[u - 1].para == doc.toks[u].para
        && doc.is_capitalised(u)
        && !doc.is_arabic_script(u)
}

/// Does the token range read as a name? Latin: a capitalised word; Arabic script: short, or
/// holding a title.
fn looks_named(doc: &Doc, a: usize, b: usize) -> bool {
    let words = (a..b).filter(|&u| doc.toks[u].word).count();
    if words == 0 {
        return false;
    }
    if doc.is_arabic_script(a) {
        return words <= ARABIC_NAME_WORDS || (a..b).any(|u| doc.toks[u].info.title());
    }
    (a..b).any(|u| doc.is_capitalised(u))
        || doc.toks[a].info.title()
        || (matches!(doc.fold_of(a), "the" | "a" | "an") && ARTICLE_LED_NAME_WORDS.contains(&words))
}

/// The name after a cue: "said Trump", "وقال الرئيس", "according to officials".
fn forward(doc: &Doc, t1: usize, according: bool) -> Option<Subject> {
    let n = doc.toks.len();
    if t1 >= n {
        return None;
    }
    let para = doc.toks[t1 - 1].para;
    let (start, mut u) = subject_start(doc, t1, para, according)?;
    if u < n && doc.toks[u].para == para && doc.toks[u].info.pronoun() {
        return Some(Subject::Pronoun);
    }
    if !according && u == t1 {
        if let Some((a, b)) = quoted_subject(doc, u, para) {
            if right_after_speech_verb(doc, t1) {
                return Some(Subject::Name(a, b));
            }
        }
    }
    let mut words = 0;
    let mut end = u;
    // An Arabic title leads a long name ("مدير المرصد السوري لحقوق الإنسان رامي عبد
    // الرحمن").
    let max_words = if u < n && doc.is_arabic_script(u) && doc.toks[u].info.title() {
        MAX_TITLED_NAME_WORDS
    } else {
        MAX_NAME_WORDS
    };
    // Where a prepositional phrase after the name begins ("بوتين بالتصريح المقروء"), and
    // where an accusative after it does ("أصدر الاتحاد بياناً").
    let mut cut = None;
    let mut object = None;
    let mut addressee = None;
    let mut titled = false;
    while u < n && doc.toks[u].para == para && words < max_words {
        let k = &doc.toks[u];
        if k.word {
            if !is_name_word(doc, u) || (words == 0 && resolve::is_accusative(doc, u)) {
                break;
            }
            // "وصرح الوزير لسامي", "قال المحامي أمام المحكمة": the addressee or the place
            // ends the name, titled or not, once the phrase is judged whole.
            if words > 0 && addressee.is_none() && resolve::ends_name_after_it(doc, u, titled) {
                addressee = Some(end);
            }
            if words > 0 && cut.is_none() && resolve::opens_prepositional_phrase(doc, u) {
                cut = Some(end);
            }
            if words > 0 && object.is_none() && resolve::is_accusative(doc, u) {
                object = Some(end);
            }
            // In Latin text a name is capitalised words; a lower-case word ends it once one
            // was read ("said Trump in" / "said Trump campaign manager Conway").
            if !doc.is_arabic_script(u)
                && !doc.is_capitalised(u)
                && words > 0
                && !k.info.title()
                && !according
            {
                break;
            }
            titled |= doc.toks[u].info.title();
            words += 1;
            u += 1;
            end = u;
        } else if doc.punct(u) == Some('.') && !doc.is_boundary(u) {
            u += 1;
        } else {
            break;
        }
    }
    if words == 0 {
        return None;
    }
    if (!according || doc.is_arabic_script(start.min(end - 1)))
        && !looks_named(doc, start.min(end - 1), end)
    {
        return None;
    }
    // The phrase is judged whole (a cut one is short enough to pass for a name whatever it
    // is), then the prepositional phrase is left out, unless the name opens with a title:
    // a role's name may follow its phrase ("مدير الابتكار بالشركة أرثر أوردونا"); an
    // accusative, the verb's object, is left out always.
    let cut = cut.filter(|_| !doc.toks[start].info.title());
    let end = [cut, object, addressee]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(end);
    let end = resolve::name_written_alone(doc, start, end).unwrap_or(end);
    let end = apposed_name_after(doc, start, end).unwrap_or(end);
    Some(Subject::Name(start, end))
}

/// A name in marks right after an Arabic verb ("وأوضحت «الشركة» على موقعها"): the words
/// inside, when they are at most [`QUOTED_SUBJECT_WORDS`], are the verb's subject
/// (step 3 rejects such a span as a quotation).
fn quoted_subject(doc: &Doc, u: usize, para: u32) -> Option<(usize, usize)> {
    let n = doc.toks.len();
    let mark =
        |v: usize| v < n && doc.toks[v].para == para && doc.punct(v).is_some_and(is_mark_char);
    if !mark(u) {
        return None;
    }
    let a = u + 1;
    let mut e = a;
    while e < n && e - a < QUOTED_SUBJECT_WORDS && doc.toks[e].para == para && doc.toks[e].word {
        e += 1;
    }
    let name = |v: usize| is_name_word(doc, v) && doc.toks[v].info.function_word == 0;
    (e > a && doc.is_arabic_script(a) && name(a) && mark(e)).then_some((a, e))
}

/// Whether the word before token `t1` is an Arabic speech verb that takes its subject
/// next: not one of publishing, whose quoted neighbour is the outlet that carried a
/// statement ("في بيان نشرته «الوكالة»"), nor one with an object pronoun, whose quoted
/// neighbour is what it calls the object ("بما اعتبرته «…»"), nor a preposition's addressee
/// ("لمجلة «…»").
fn right_after_speech_verb(doc: &Doc, t1: usize) -> bool {
    t1 > 0
        && doc.toks[t1 - 1].word
        && doc.is_arabic_script(t1 - 1)
        && doc.toks[t1 - 1].info.cue.is_some()
        && !ar::is_publishing_stem(doc.fold_of(t1 - 1))
        && !ar::has_object_pronoun(doc.fold_of(t1 - 1))
}

/// A quoted subject has at most this many words, as a quoted name in a verb's slot
/// (`reject::NAME_SLOT_WORDS`).
const QUOTED_SUBJECT_WORDS: usize = 2;

/// An Arabic title or descriptor phrase with the name set off after it by commas ("وصرح
/// وزير الخارجية، سامي النعيمي، إن …", "وقال الحارس الدولي السابق، كريم سالم:"): where the
/// name ends, so that the speaker holds it. The phrase holds a title, or is a definite
/// descriptor ([`definite_descriptor`]): news writes who a person is, then the name in
/// apposition. The name is one to [`APPOSED_NAME_WORDS`] bare words (not definite:
/// "الرئيس، المنتهية ولايته،" is an adjective; days and other stop words end it; not a
/// clause with و and a pronoun, "المرصد، ومقره لندن،"), followed by a comma, a colon, a
/// complementiser or a quotation mark. Later words may be definite ("منصور الحداد").
fn apposed_name_after(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    let n = doc.toks.len();
    let para = doc.toks[a].para;
    let titled = (a..b).any(|u| doc.toks[u].word && doc.toks[u].info.title());
    let comma =
        |u: usize| u < n && doc.toks[u].para == para && matches!(doc.punct(u), Some(',' | '،'));
    if !doc.is_arabic_script(a) || !(titled || definite_descriptor(doc, a, b)) {
        return None;
    }
    // "كبير المفاوضين في الاتحاد الأوروبي، ميشيل بارنييه،": the title's prepositional
    // complement may stand before the comma.
    let b = if comma(b) {
        b
    } else {
        past_complement(doc, b)?
    };
    if !comma(b) {
        return None;
    }
    // The first word bare: a family name may have al- ("منصور الحداد").
    let name_word = |u: usize| {
        let k = &doc.toks[u];
        k.word
            && k.para == para
            && k.arabic
            && !k.info.stop()
            && !k.info.title()
            && !k.info.complementizer()
            && k.info.cue.is_none()
            && !(u == b + 1 && doc.fold_of(u).starts_with("ال"))
            && !(u == b + 1 && ar::is_conjoined_with_pronoun(doc.fold_of(u)))
            && !resolve::is_accusative(doc, u)
    };
    let mut e = b + 1;
    while e < n && e - (b + 1) < APPOSED_NAME_WORDS && name_word(e) {
        e += 1;
    }
    let closes = e < n
        && doc.toks[e].para == para
        && (comma(e)
            || matches!(doc.punct(e), Some(':'))
            || doc.punct(e).is_some_and(is_mark_char)
            || (doc.toks[e].word && doc.toks[e].info.complementizer()));
    (e > b + 1 && closes && (titled || reads_as_apposed_name(doc, b + 1, e))).then_some(e)
}

/// Whether Arabic tokens `a..b` are a definite descriptor of a person: a noun with the
/// article ("الحارس الجزائري السابق") or in construct with one ("منظم المعرض"), its words
/// not stop words. A bare name ("كريم سالم") is not one.
fn definite_descriptor(doc: &Doc, a: usize, b: usize) -> bool {
    let mut words = (a..b).filter(|&u| doc.toks[u].word);
    let definite = |u: usize| doc.fold_of(u).starts_with("ال") && !doc.toks[u].info.stop();
    match (words.next(), words.next()) {
        // A noun that introduces a name ("صحيفة الرياض") is a name itself.
        (Some(u), _) if doc.toks[u].info.name_noun() => false,
        (Some(u), Some(_)) if definite(u) => true,
        // One definite word is as often a family name the article writes again
        // ("المخلافي") as a descriptor ("السيناتور").
        (Some(u), None) => definite(u) && !resolve::named_elsewhere(doc, u, u + 1),
        // "منظم المعرض", "نظيره الفرنسي", not a first name and a family name with al- ("سامر
        // الخطيب"), whose family name the article writes alone again.
        (Some(u), Some(v)) => {
            !doc.toks[u].info.stop()
                && definite(v)
                && (has_pronoun_suffix(doc, u) || !resolve::named_elsewhere(doc, v, v + 1))
        }
        _ => false,
    }
}

/// Whether Arabic word `u` ends in a pronoun suffix as written ("نظيره", "تحركها"): ha, not
/// the ta marbuta that folds like it ("خليفة"), on a word of at least four letters.
fn has_pronoun_suffix(doc: &Doc, u: usize) -> bool {
    let k = &doc.toks[u];
    let w = &doc.chars[k.start..k.end];
    let ends = |s: &[char]| w.ends_with(s);
    w.len() >= 4
        && (ends(&['ه']) || ends(&['ه', 'ا']) || ends(&['ه', 'م']))
        && !doc.fold_of(u).ends_with("الله")
}

/// Whether the words `a..b` set off after a definite descriptor read as a name: two words
/// at least, the first without و (a clause: "، وتعتبر …"), none but the last a noun or verb
/// with a pronoun suffix ("، تحركها سياسات", "بقيادة مدربه فلان"); the last may end in ha
/// as foreign names do.
fn reads_as_apposed_name(doc: &Doc, a: usize, b: usize) -> bool {
    b >= a + APPOSED_DESCRIPTOR_NAME_WORDS
        && !doc.fold_of(a).starts_with('و')
        && !(a..b - 1).any(|u| has_pronoun_suffix(doc, u))
}

/// A name set off after a descriptor that is no title has at least this many words.
const APPOSED_DESCRIPTOR_NAME_WORDS: usize = 2;

/// The token after the prepositional complement of a title opening at token `b` ("في
/// الاتحاد الأوروبي"): a preposition and at most [`TITLE_COMPLEMENT_WORDS`] words with no
/// punctuation among them; `None` when `b` opens no such phrase.
fn past_complement(doc: &Doc, b: usize) -> Option<usize> {
    let n = doc.toks.len();
    let para = doc.toks.get(b)?.para;
    if !(doc.toks[b].word && doc.toks[b].info.preposition()) {
        return None;
    }
    let mut e = b + 1;
    while e < n && e - b <= TITLE_COMPLEMENT_WORDS && doc.toks[e].para == para && doc.toks[e].word {
        e += 1;
    }
    (e > b + 1).then_some(e)
}

/// A title's prepositional complement before an apposed name has at most this many words
/// after its preposition ("في الاتحاد الأوروبي لكرة القدم").
const TITLE_COMPLEMENT_WORDS: usize = 4;

/// A name set off after a title has at most this many words ("عبد الله بن زايد آل").
const APPOSED_NAME_WORDS: usize = 4;

/// Where the name after a cue ending at `t1` starts, and where its words start (past a
/// Latin article): past skipped words ("äußerte sich der Präsident") and an Arabic
/// circumstantial accusative ("قال واضحاً"); `None` when that accusative leaves the subject
/// implicit.
fn subject_start(doc: &Doc, t1: usize, para: u32, according: bool) -> Option<(usize, usize)> {
    let n = doc.toks.len();
    let mut u = t1;
    while u < n
        && u < t1 + SKIPPED_AFTER_CUE
        && doc.toks[u].word
        && doc.toks[u].para == para
        && doc.toks[u].info.skip()
    {
        u += 1;
    }
    if u < n && doc.toks[u].para == para {
        u = resolve::past_circumstantial(doc, u)?;
    }
    let start = u;
    // Latin "the"/"a" open a name phrase ("said the spokesman").
    if u < n
        && doc.toks[u].word
        && (matches!(
            doc.fold_of(u),
            "the" | "a" | "an" | "der" | "die" | "das" | "le" | "la" | "el"
        ) || (according && doc.toks[u].info.det()))
    {
        u += 1;
    }
    Some((start, u))
}

/// The name before a cue: "Trump said", "Trump also said", "Brian Fallon, the campaign's
/// press secretary, said".
fn backward(doc: &Doc, t0: usize, order: Order) -> Option<Subject> {
    if t0 == 0 {
        return None;
    }
    let para = doc.toks[t0].para;
    let mut u = t0;
    let mut skipped = 0;
    while u > 0
        && skipped < SKIPPED_BEFORE_CUE
        && doc.toks[u - 1].para == para
        && doc.toks[u - 1].word
        && (doc.toks[u - 1].info.skip() || latin_adverb(doc, u - 1))
    {
        u -= 1;
        skipped += 1;
    }
    if u > 0 && doc.toks[u - 1].para == para && doc.toks[u - 1].info.pronoun() {
        return Some(Subject::Pronoun);
    }
    // "Rep. Gwen Moore (D-Wis.) said".
    u = before_parenthesis(doc, u);
    // "Mitch McConnell, R-Ky., said" / "Brian Fallon, the campaign's press secretary, said":
    // the name before a short apposition.
    if u > 1 && doc.punct(u - 1) == Some(',') {
        let long = (order == Order::Either)
            .then(|| name_before_long_apposition(doc, u, para))
            .flatten();
        return match long {
            Some((name, true)) => Some(name),
            _ => name_before_apposition(doc, u, para, order).or(long.map(|l| l.0)),
        };
    }
    let end = u;
    let mut words = 0;
    while u > 0 && doc.toks[u - 1].para == para && words < MAX_NAME_WORDS {
        let v = u - 1;
        if doc.toks[v].word {
            // "mit der er die Aufständigen titulierte": the subject is the pronoun.
            let k = doc.toks[v].info;
            if k.pronoun() && !k.det() && !doc.is_capitalised(v) && !doc.is_arabic_script(v) {
                return Some(Subject::Pronoun);
            }
            if !is_name_word(doc, v) && !matches!(doc.fold_of(v), "the" | "a" | "an") {
                break;
            }
            words += 1;
            u = v;
        } else if (doc.punct(v) == Some('.') && !doc.is_boundary(v)) || doc.punct(v) == Some('-') {
            u = v;
        } else {
            break;
        }
    }
    if words == 0 {
        return None;
    }
    let mut start = u;
    while start < end && !doc.toks[start].word {
        start += 1;
    }
    if !(start..end).any(|v| doc.is_capitalised(v))
        && start > 1
        && doc.punct(start - 1) == Some(',')
    {
        // An apposition: take the name before its comma.
        if let Some(Subject::Name(a, b)) = backward_name_before_comma(doc, start - 1) {
            return Some(Subject::Name(a, b));
        }
    }
    if !looks_named(doc, start, end) {
        return None;
    }
    Some(Subject::Name(start, end))
}

/// The name before a short apposition ending at the comma before token `u` (the cue or
/// what was skipped before it); `None` when the phrase before the comma is no apposition.
fn name_before_apposition(doc: &Doc, u: usize, para: u32, order: Order) -> Option<Subject> {
    // German appositions are longer and may hold a quoted name ("Arni Finnsson, ein
    // Vertreter der Organisation „Iceland Nature Conservation Association“ (Inca), …").
    let german = order == Order::VerbSecond;
    let window = if german {
        GERMAN_APPOSITION_TOKENS
    } else {
        APPOSITION_TOKENS
    };
    let mut v = u - 1;
    while v > 0
        && u - v < window
        && doc.toks[v - 1].para == para
        && doc.punct(v - 1) != Some(',')
        && !doc.is_boundary(v - 1)
        && (german || !doc.punct(v - 1).is_some_and(is_closing_like))
    {
        v -= 1;
    }
    if v > 0 && doc.punct(v - 1) == Some(',') {
        // "Der Vorsitzende des Verbands, Michael Knipper, kritisierte": the apposition
        // is the name.
        let seg: Vec<usize> = (v..u - 1).filter(|&w| doc.toks[w].word).collect();
        if NAME_APPOSITION_WORDS.contains(&seg.len())
            && (v..u - 1).all(|w| {
                (doc.toks[w].word && doc.is_capitalised(w) && is_name_word(doc, w))
                    || matches!(doc.punct(w), Some('.' | '-'))
            })
        {
            return Some(Subject::Name(v, u - 1));
        }
        // "…, sich dagegen zu wehren, schreibt der AK": a clause, not an apposition;
        // the subject follows the verb.
        let first = doc.toks[v];
        if german
            && !(first.word
                && (doc.is_capitalised(v)
                    || first.info.det()
                    || doc.chars[first.start].is_ascii_digit()))
        {
            return None;
        }
        if let Some(s) = backward_name_before_comma(doc, v - 1) {
            return Some(s);
        }
    }
    None
}

/// English: the name opening a stretch that ends with the comma before token `u`, when the
/// stretch is a name and its appositions ("Ann Lee, director of the port authority and a
/// professor at the state college, said"), too long for [`name_before_apposition`]. The
/// stretch must start where nothing else can be the subject: right after a quotation's
/// closing mark (then `true`: that name is the speaker whatever lies between) or at the
/// start of a sentence ("As Ann B. Lee, …, put it"; then two name words at least, and only
/// when the short apposition gives nothing).
fn name_before_long_apposition(doc: &Doc, u: usize, para: u32) -> Option<(Subject, bool)> {
    let mut v = u - 1;
    while v > 0
        && u - v < LONG_APPOSITION_TOKENS
        && doc.toks[v - 1].para == para
        && !doc.is_boundary(v - 1)
        && !closes_quotation(doc, v - 1)
    {
        v -= 1;
    }
    let after_quote = v > 0 && doc.toks[v - 1].para == para && closes_quotation(doc, v - 1);
    let opens_sentence = v == 0 || doc.toks[v - 1].para != para || doc.is_boundary(v - 1);
    if !after_quote && !opens_sentence {
        return None;
    }
    let mut a = v;
    if a < u && doc.punct(a) == Some(',') {
        a += 1;
    }
    // A sentence-opening conjunction: "As Ann B. Lee, …, put it".
    if opens_sentence && a < u && doc.toks[a].word && doc.toks[a].info.stop() {
        a += 1;
    }
    let start = a;
    let mut words = 0;
    while a < u && words < NAME_BEFORE_COMMA_WORDS {
        if doc.toks[a].word && doc.is_capitalised(a) && is_name_word(doc, a) {
            words += 1;
        } else if doc.punct(a) != Some('.') || doc.is_boundary(a) {
            break;
        }
        a += 1;
    }
    let end = a;
    let a = after_parenthesis(doc, a);
    let enough = if after_quote { 1 } else { 2 };
    (words >= enough && a + 1 < u && doc.punct(a) == Some(','))
        .then_some((Subject::Name(start, end), after_quote))
}

/// Whether token `t` is a quotation's closing mark (not an apostrophe inside a word:
/// "King's").
fn closes_quotation(doc: &Doc, t: usize) -> bool {
    let Some(c) = doc.punct(t) else { return false };
    if is_mark_char(c) {
        return true;
    }
    let inside_word = t > 0
        && doc.toks[t - 1].word
        && doc.toks[t - 1].end == doc.toks[t].start
        && doc
            .toks
            .get(t + 1)
            .is_some_and(|k| k.word && k.start == doc.toks[t].end);
    is_closing_like(c) && !inside_word
}

/// Token `u`, or the token after a short parenthesis opening at it ("Ann Lee (D-Ore.), …").
fn after_parenthesis(doc: &Doc, u: usize) -> usize {
    if u < doc.toks.len() && doc.punct(u) == Some('(') {
        let mut v = u;
        while v + 1 < doc.toks.len() && v - u < PARENTHESIS_TOKENS && doc.punct(v) != Some(')') {
            v += 1;
        }
        if doc.punct(v) == Some(')') {
            return v + 1;
        }
    }
    u
}

/// Whether token `t` opens a sentence (the paragraph's first token, or one after a stop).
pub fn opens_sentence(doc: &Doc, t: usize) -> bool {
    t == 0 || doc.toks[t - 1].para != doc.toks[t].para || doc.is_boundary(t - 1)
}

/// English: the name that is the subject of the sentence opening at token `s`, where the
/// sentence reads "[adverbial,] Name [(…)] [, apposition,] [adverbs] verb": "In July, Gov.
/// Ann Lee vetoed …", "Lee, who chairs the panel, has called …". The verb is told by its
/// shape (a cue, an auxiliary, a past form in -ed), so an object or a place later in the
/// sentence is never taken. `None` when the sentence does not open with such a name.
pub fn subject_opening(doc: &Doc, s: usize) -> Option<(usize, usize)> {
    let n = doc.toks.len();
    if s >= n || doc.is_arabic_script(s) || !doc.toks[s].word {
        return None;
    }
    let para = doc.toks[s].para;
    let within = |u: usize| u < n && doc.toks[u].para == para;
    let mut u = s;
    // An opening adverbial ("In contrast,", "On Tuesday,") or conjunction ("But").
    if doc.toks[u].info.stop() {
        u += 1;
        if let Some(c) = (u..(u + OPENING_ADVERBIAL_TOKENS).min(n))
            .take_while(|&v| within(v) && !doc.is_boundary(v) && !closes_quotation(doc, v))
            .find(|&v| doc.punct(v) == Some(','))
        {
            u = c + 1;
        }
    }
    let start = u;
    let mut words = 0;
    while within(u) && words < NAME_BEFORE_COMMA_WORDS {
        let k = doc.toks[u].info;
        if doc.toks[u].word
            && doc.is_capitalised(u)
            && is_name_word(doc, u)
            && !k.pronoun()
            && !k.det()
            && !matches!(doc.fold_of(u), "the" | "a" | "an")
        {
            words += 1;
        } else if doc.punct(u) != Some('.') || doc.is_boundary(u) {
            break;
        }
        u += 1;
    }
    let end = u;
    if words == 0 || !within(u) || doc.fold_bytes(end - 1).ends_with(b"'s") {
        return None;
    }
    u = after_parenthesis(doc, u);
    // "Lee, who chairs the panel, has called": step over the apposition or relative clause.
    if within(u) && doc.punct(u) == Some(',') {
        u = (u + 1..(u + LONG_APPOSITION_TOKENS).min(n))
            .take_while(|&v| {
                within(v) && !doc.is_boundary(v) && doc.punct(v).is_none_or(|c| !is_closing_like(c))
            })
            .find(|&v| doc.punct(v) == Some(','))?
            + 1;
    }
    let mut auxiliary = false;
    let mut skipped = 0;
    while within(u)
        && skipped < SKIPPED_BEFORE_CUE
        && doc.toks[u].word
        && (doc.toks[u].info.skip() || doc.toks[u].info.aux() || latin_adverb(doc, u))
    {
        auxiliary |= doc.toks[u].info.aux();
        skipped += 1;
        u += 1;
    }
    let verb = within(u)
        && doc.toks[u].word
        && !doc.is_capitalised(u)
        && (doc.toks[u].info.cue.is_some() || past_form(doc, u));
    (verb || (auxiliary && within(u) && doc.toks[u].word && !doc.is_capitalised(u)))
        .then_some((start, end))
}

/// A Latin word in -ed of more than four letters: the shape of an English past verb.
fn past_form(doc: &Doc, t: usize) -> bool {
    let w = doc.fold_bytes(t);
    w.len() > 4 && w.ends_with(b"ed")
}

/// An English adverb in -ly before a cue ("Jones bluntly said"), stepped over like the
/// listed ones.
/// A relation written between a quotation and its Latin-script cue ("“…,” my father often
/// said", "“…,” his lawyer says"): a possessive and one or two lower-case nouns, adverbs
/// between them and the cue stepped over. It is the speaker as written; no name needs to
/// be looked for. Only right after the closing mark: elsewhere the words before a cue are
/// as often its object's ("in his remarks said").
fn possessive_subject(doc: &Doc, lex: &Lexicon, t: usize) -> Option<Subject> {
    if doc.is_arabic_script(t) {
        return None;
    }
    let para = doc.toks[t].para;
    let word = |u: usize| doc.toks[u].word && doc.toks[u].para == para;
    let mut u = t;
    let mut skipped = 0;
    while u > 0
        && skipped < SKIPPED_BEFORE_CUE
        && word(u - 1)
        && (doc.toks[u - 1].info.skip() || latin_adverb(doc, u - 1))
    {
        u -= 1;
        skipped += 1;
    }
    let end = u;
    while u > 0 && end - u < POSSESSED_NOUN_WORDS && word(u - 1) {
        let k = doc.toks[u - 1].info;
        if lex.role(doc.fold_of(u - 1)).possessive {
            let after_quote = u >= 2 && closes_quotation(doc, u - 2);
            let plain = after_quote
                && (u..end).all(|v| {
                    let k = doc.toks[v].info;
                    !doc.is_capitalised(v) && !k.stop() && !k.pronoun() && k.cue.is_none()
                });
            return (plain && u < end).then_some(Subject::Name(u - 1, end));
        }
        if k.stop() || k.pronoun() {
            return None;
        }
        u -= 1;
    }
    None
}

/// "my younger brother": a possessive takes at most this many words after it.
const POSSESSED_NOUN_WORDS: usize = 2;

fn latin_adverb(doc: &Doc, t: usize) -> bool {
    let w = doc.fold_bytes(t);
    !doc.is_capitalised(t) && !doc.is_arabic_script(t) && w.len() > 4 && w.ends_with(b"ly")
}

/// Token `u`, or the opening of a short parenthesis ending right before it.
fn before_parenthesis(doc: &Doc, u: usize) -> usize {
    if u > 1 && doc.punct(u - 1) == Some(')') {
        let mut v = u - 1;
        while v > 0 && u - v < PARENTHESIS_TOKENS && doc.punct(v) != Some('(') {
            v -= 1;
        }
        if doc.punct(v) == Some('(') {
            return v;
        }
    }
    u
}

fn backward_name_before_comma(doc: &Doc, comma: usize) -> Option<Subject> {
    // "Rep. Jim Jordan (R-Ohio), …".
    let comma = before_parenthesis(doc, comma);
    let mut u = comma;
    let mut words = 0;
    while u > 0
        && words < NAME_BEFORE_COMMA_WORDS
        && doc.toks[u - 1].para == doc.toks[comma].para
        && doc.is_capitalised(u - 1)
        && is_name_word(doc, u - 1)
    {
        u -= 1;
        words += 1;
        while u > 0 && doc.punct(u - 1) == Some('.') && !doc.is_boundary(u - 1) {
            u -= 1;
        }
    }
    (words > 0 && doc.toks[u].word).then_some(Subject::Name(u, comma))
}

/// The Persian subject: the first name phrase of the sentence holding the cue, skipping
/// clauses that open with a preposition ("در این دیدار …، آقای کاظمی … گفت").
fn sentence_subject(doc: &Doc, t0: usize) -> Option<Subject> {
    let para = doc.toks[t0].para;
    let mut s = t0;
    let mut steps = 0;
    while s > 0
        && steps < MAX_SENTENCE_TOKENS
        && doc.toks[s - 1].para == para
        && !doc.is_boundary(s - 1)
        && doc.punct(s - 1) != Some(':')
        && (doc.is_arabic_script(t0) || !doc.punct(s - 1).is_some_and(is_mark_char))
    {
        s -= 1;
        steps += 1;
    }
    let mut u = s;
    while u < t0 {
        // One comma-separated clause.
        while u < t0 && !doc.toks[u].word {
            u += 1;
        }
        if u >= t0 {
            break;
        }
        let k = &doc.toks[u];
        if k.info.pronoun() {
            return Some(Subject::Pronoun);
        }
        // "این دیپلمات … گفت": a demonstrative opens the subject ("this diplomat").
        let demonstrative = doc.is_arabic_script(u)
            && matches!(doc.fold_of(u), "این" | "آن")
            && u + 1 < t0
            && is_name_word(doc, u + 1);
        if demonstrative || (is_name_word(doc, u) && !k.info.skip()) {
            let a = u;
            let mut words = 0;
            if demonstrative {
                u += 1;
                words += 1;
            }
            while u < t0 && doc.toks[u].word && is_name_word(doc, u) && words < MAX_NAME_WORDS {
                u += 1;
                words += 1;
            }
            return Some(Subject::Name(a, u));
        }
        while u < t0 && !matches!(doc.punct(u), Some(',' | '،')) {
            u += 1;
        }
    }
    Some(Subject::Pronoun)
}

#[cfg(test)]
mod tests {
    use super::super::lang::Lexicon;
    use super::*;

    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        let lx = Lexicon::build();
        let d = Doc::new(text, &lx);
        scan(
            &d,
            &lx,
            &vec![false; d.toks.len()],
            &vec![None; d.paras.len()],
        )
        .into_iter()
        .map(|c| {
            (
                d.tokens_text(c.first, c.end),
                c.speaker.map(|(a, b)| d.tokens_text(a, b)),
            )
        })
        .collect()
    }

    #[test]
    fn arabic_verb_first() {
        let s = speakers("وقال الرئيس العراقي إن البلاد بخير.");
        assert_eq!(s[0], ("وقال".into(), Some("الرئيس العراقي".into())));
    }

    #[test]
    fn arabic_implicit_subject_resolves() {
        let s = speakers("وقال خامنئي إن البلاد بخير. وأضاف أن الأمر مهم.");
        assert_eq!(s[1].1.as_deref(), Some("خامنئي"));
    }

    #[test]
    fn arabic_word_that_cannot_be_a_name_is_no_subject() {
        // An adverb, a time word with a pronoun suffix, a clitic on a demonstrative and an
        // interrogative after the verb: the subject is implicit, the engineer named before.
        let s = speakers(
            "قال المهندس ياسر حداد إن العمل بدأ. وأضاف كذلك أن الجسر سيفتح. \
             وقال يومها إن الكلفة عالية. وأكد بذلك أن الموعد ثابت. وتساءل كيف يمكن التأخير. \
             وقال عقب الجولة إن العمال متعبون. وأضاف أثناء اللقاء أن المال متوفر. \
             وقال بكل ثقة إن الجسر متين. وقال ردا على سؤال إن الموعد قريب.",
        );
        for (cue, who) in &s[1..] {
            assert_eq!(who.as_deref(), Some("المهندس ياسر حداد"), "{cue}");
        }
    }

    #[test]
    fn arabic_circumstantial_accusative_is_no_subject() {
        // A participle or adjective in the accusative right after the verb, with or without
        // its tanween: the subject is implicit, or follows it.
        let s = speakers(
            "قال المزارع حسان دياب إن الموسم جيد. وقال ساخراً إن المطر تأخر. \
             وأضاف باسما أن الحصاد قريب. وتابع متحمساً المهندس وليد سالم إن البئر عميقة. \
             وقالت عابسةً إن المحصول قليل.",
        );
        assert_eq!(s[1].1.as_deref(), Some("المزارع حسان دياب"));
        assert_eq!(s[2].1.as_deref(), Some("المزارع حسان دياب"));
        assert_eq!(s[3].1.as_deref(), Some("المهندس وليد سالم"));
        assert_eq!(s[4].1.as_deref(), Some("المهندس وليد سالم"));
        // The same shape after a feminine verb, without the mark, is read as a name.
        let s = speakers("وقالت كارلا إن الموسم جيد.");
        assert_eq!(s[0].1.as_deref(), Some("كارلا"));
    }

    #[test]
    fn arabic_clause_or_manner_after_a_cue_is_no_subject() {
        // A modal verb or a negation opening the clause said, a participle of the mu- forms,
        // a manner phrase with bi-: the subject is implicit.
        let s = speakers(
            "قال الصياد منير عواد إن البحر هادئ. وقال يجب أن ننتظر. وأضاف ليس من السهل الخروج. \
             وقال متحسرا إن الموسم ضاع. وأضاف بنبرة حزينة إن الديون كثيرة. وتابع بصوت خافت إن \
             الأسعار ارتفعت.",
        );
        for (cue, who) in &s[1..] {
            assert_eq!(who.as_deref(), Some("الصياد منير عواد"), "{cue}");
        }
        // The participle of addressing takes the addressee after it, not the subject.
        let s =
            speakers("قال الصياد منير عواد إن البحر هادئ. وقال مخاطبا الوزير سعيد: لا نريد وعودا.");
        assert_eq!(s[1].1.as_deref(), Some("الصياد منير عواد"));
        // A foreign name with mu- and a long vowel is still a name.
        let s = speakers("وقال مانديلا إن الحرية لا تتجزأ.");
        assert_eq!(s[0].1.as_deref(), Some("مانديلا"));
    }

    #[test]
    fn arabic_addressee_with_li_is_not_the_speaker() {
        let s = speakers(
            "قال الطبيب رامي سلوم إن الوضع مستقر. وصرح لصحفيين بأن المستشفى ممتلئ. \
             وقال لمراسلنا المحلل سعيد ناصر إن السوق هادئ.",
        );
        assert_eq!(s[1].1.as_deref(), Some("الطبيب رامي سلوم"));
        assert_eq!(s[2].1.as_deref(), Some("المحلل سعيد ناصر"));
    }

    #[test]
    fn arabic_addressee_after_the_subject_or_written_onto_li_is_skipped() {
        // An outlet or group with li- after the subject ends it; li- on a hamza, or on an
        // outlet's first word, right after the verb is the addressee, and the subject is
        // implicit.
        let s = speakers(
            "وقال المتحدث باسم البلدية كريم داود لوكالة الأنباء المحلية إن الطرق مغلقة. \
             وقال لأسوشيتد برس في مقابلة إن الثلج كثيف. وقال لبي بي سي إن الجسر آمن. \
             وقال مسؤول محلي للصحافيين إن المدارس مغلقة.",
        );
        assert_eq!(s[0].1.as_deref(), Some("المتحدث باسم البلدية كريم داود"));
        assert_eq!(s[1].1.as_deref(), Some("المتحدث باسم البلدية كريم داود"));
        assert_eq!(s[2].1.as_deref(), Some("المتحدث باسم البلدية كريم داود"));
        assert_eq!(s[3].1.as_deref(), Some("مسؤول محلي"));
    }

    #[test]
    fn arabic_quoted_name_after_the_verb_is_its_subject() {
        // A one- or two-word name in marks right after the verb is its subject; a quoted
        // function word is not.
        let s = speakers("وأوضحت «الشركة» على موقعها «نريد تجربة أفضل للمستخدمين».");
        assert_eq!(s[0].1.as_deref(), Some("الشركة"));
        let s = speakers("وقال الوزير كريم داود إن الخطة جاهزة. ثم قال «لا» للمشروع.");
        assert_eq!(s[1].1.as_deref(), Some("الوزير كريم داود"));
    }

    #[test]
    fn arabic_title_with_a_complement_before_the_apposed_name() {
        // "مدير الإنتاج في الشركة الوطنية، سامر خليل،": the title's prepositional
        // complement stands between it and the name set off by commas.
        let s = speakers("وقال مدير الإنتاج في الشركة الوطنية، سامر خليل، في مؤتمر إن العمل مستمر.");
        assert_eq!(
            s[0].1.as_deref(),
            Some("مدير الإنتاج في الشركة الوطنية، سامر خليل")
        );
        // A day after the complement is no name.
        let s = speakers("وقال المتحدث باسم الشركة، الأحد، إن العمل مستمر.");
        assert_eq!(s[0].1.as_deref(), Some("المتحدث باسم الشركة"));
    }

    #[test]
    fn arabic_statement_from_its_issuer() {
        // "بيان عن X": "from" and the issuer, whatever its form.
        let s = speakers("وجاء في بيان عن إدارة المهرجان أن الأفلام كثيرة هذا العام.");
        assert_eq!(s[0].1.as_deref(), Some("إدارة المهرجان"));
    }

    #[test]
    fn arabic_participle_takes_the_subject_of_its_clause() {
        // "قبل أن يقوم X … قائلا": the participle describes the subject of the clause it
        // follows, not the sentence's first subject or the last speaker.
        let s = speakers(
            "وقال الوزير سامي حداد إن الخطة جاهزة. وكان رئيس الهيئة قد أصدر بيانا مطولا، \
             قبل أن يقوم جان دوبون بإعادة البيان عبر صفحته قائلا: «أخيرا بدأ التحرك». \
             وقال جان دوبون إن الأمر انتهى.",
        );
        let p = s.iter().find(|c| c.0 == "قائلا").unwrap();
        assert_eq!(p.1.as_deref(), Some("جان دوبون"));
        // A feminine participle does not take a masculine clause's subject.
        let s = speakers(
            "وقالت الوزيرة ليلى حسن إن الخطة جاهزة. وحضرت الاجتماع بعد أن يقدم جان دوبون \
             عرضه قائلة: «بدأ التحرك». وقال جان دوبون إن الأمر انتهى.",
        );
        let p = s.iter().find(|c| c.0 == "قائلة").unwrap();
        assert_ne!(p.1.as_deref(), Some("جان دوبون"));
    }

    #[test]
    fn arabic_first_lady_is_a_title() {
        // "سيدة البلاد الأولى …": a long subject led by the title is a name, so the
        // implicit subject after it is hers.
        let s = speakers(
            "أثارت سيدة البلاد الأولى ليلى حسن اهتماما واسعا، وأكدت على أهمية الحوار. \
             وقالت: «نأمل أن ينجح الجميع».",
        );
        let c = s.iter().find(|c| c.0 == "وقالت").unwrap();
        assert!(
            c.1.as_deref().is_some_and(|w| w.contains("ليلى حسن")),
            "{s:?}"
        );
    }

    #[test]
    fn arabic_title_with_its_name_set_off_by_commas() {
        // The name between commas after a title is the speaker's; a day there is not.
        let s = speakers(
            "وقال وزير الزراعة، منصور الحداد، إن المحصول وفير. \
             وقال وزير النقل، الثلاثاء، إن القطار تأخر.",
        );
        assert_eq!(s[0].1.as_deref(), Some("وزير الزراعة، منصور الحداد"));
        assert_eq!(s[1].1.as_deref(), Some("وزير النقل"));
        // A title leads a long name: a body's name before the person's.
        let s = speakers(
            "وأفاد مدير الهيئة الوطنية لرصد المياه الجوفية سالم عبد الكريم بأن المنسوب انخفض.",
        );
        assert_eq!(
            s[0].1.as_deref(),
            Some("مدير الهيئة الوطنية لرصد المياه الجوفية سالم عبد الكريم")
        );
        // Descriptors of the arts and sport are titles too.
        let s = speakers("وقال المدرب الإيطالي ماركو بيانكي الجديد إن الفريق جاهز.");
        assert_eq!(
            s[0].1.as_deref(),
            Some("المدرب الإيطالي ماركو بيانكي الجديد")
        );
    }

    #[test]
    fn arabic_descriptor_with_its_name_set_off_by_commas() {
        // A definite descriptor, not a listed title, with the name after it: the name is
        // the speaker's, and an implicit subject later means the same person.
        let s = speakers(
            "وقال منسق المهرجان، كمال الأيوبي: سنفتتح الدورة في الربيع. \
             أكد الحارس الجزائري السابق، نور الدين شريف، قدرة الفريق على المنافسة. \
             وقال في حديث إذاعي إن الفريق قوي.",
        );
        assert_eq!(s[0].1.as_deref(), Some("منسق المهرجان، كمال الأيوبي"));
        assert_eq!(
            s[1].1.as_deref(),
            Some("الحارس الجزائري السابق، نور الدين شريف")
        );
        assert_eq!(
            s[2].1.as_deref(),
            Some("الحارس الجزائري السابق، نور الدين شريف")
        );
        // A clause with wa- and a pronoun set off by commas is no name.
        let s = speakers("وقال المرصد، ومقره لندن، إن القصف استمر.");
        assert_eq!(s[0].1.as_deref(), Some("المرصد"));
        // Nor a noun with a pronoun suffix, nor a description after a first name and a
        // family name the article writes again, nor an outlet's object.
        let s = speakers(
            "وقالت إحدى الصفحات الساخرة، مفاده أن الحساب مغلق. \
             وقال باسل الخطيب، مرشد سياحي قديم، إن المعبد مغلق. وأضاف الخطيب أن الزوار قلة. \
             ونشرت صحيفة الأيام، مقطع فيديو قصير \"يظهر الحادث\".",
        );
        assert_eq!(s[0].1.as_deref(), Some("إحدى الصفحات الساخرة"));
        assert_eq!(s[1].1.as_deref(), Some("باسل الخطيب"));
        assert!(
            s[3].1.as_deref().is_none_or(|w| !w.contains("مقطع")),
            "{s:?}"
        );
        // A name ending in ta marbuta or, foreign, in ha is still a name; a descriptor with
        // a pronoun suffix ("نظيره") is a descriptor whatever else the article writes.
        let t = speakers(
            "وقال القائد الميداني الجديد، خليفة منصور، إن الهدنة صامدة. \
             ورحب نظيره الإيطالي، جان لوك بوميه، بالاتفاق قائلا إن الهدنة ضرورية. \
             وقال الإيطالي إن الأمر صعب.",
        );
        assert_eq!(
            t[0].1.as_deref(),
            Some("القائد الميداني الجديد، خليفة منصور")
        );
        assert!(
            t[1].1
                .as_deref()
                .is_some_and(|w| w.contains("جان لوك بوميه")),
            "{t:?}"
        );
    }

    #[test]
    fn arabic_addressee_or_place_after_the_subject_ends_it() {
        let s = speakers(
            "التقى الوزير سامي خليل في المطار. وصرح عادل منصور لسامي بأن الاتفاق قريب. \
             وقال المحامي كريم داود أمام المحكمة إن موكله بريء. \
             وقال البنك الوطني لعملائه إن الفروع مغلقة.",
        );
        assert_eq!(s[0].1.as_deref(), Some("عادل منصور"), "{s:?}");
        assert_eq!(s[1].1.as_deref(), Some("المحامي كريم داود"), "{s:?}");
        assert_eq!(s[2].1.as_deref(), Some("البنك الوطني"), "{s:?}");
        // A title's genitive with li- goes on with it; a name with li- after a plain name
        // is the addressee.
        let s = speakers(
            "تملك شركة النور مصانع كثيرة. وقال المدير التنفيذي لشركة النور فادي حنا إن الأرباح زادت. \
             التقى رامي بسعاد أمس. وقال رامي لسعاد إن الطريق طويل. وكانت سعاد قد وصلت.",
        );
        assert_eq!(
            s[0].1.as_deref(),
            Some("المدير التنفيذي لشركة النور فادي حنا"),
            "{s:?}"
        );
        assert_eq!(s[1].1.as_deref(), Some("رامي"), "{s:?}");
        // A family name "إمام" and a foreign name ending in -yeh after li- stay whole.
        let s =
            speakers("وقال الممثل حسن إمام إن الدور صعب. وقالت صحيفة ليبرتيه إن الحكومة استقالت.");
        assert_eq!(s[0].1.as_deref(), Some("الممثل حسن إمام"), "{s:?}");
        assert_eq!(s[1].1.as_deref(), Some("صحيفة ليبرتيه"), "{s:?}");
    }

    #[test]
    fn arabic_li_on_a_name_written_elsewhere_is_the_addressee() {
        // "لياسين" is li- and the name "ياسين" the article writes: the one written to.
        let s = speakers(
            "أعلن المدرب ياسين قاسم رحيله عن النادي. \
             أما المهاجم الشاب، سامي عمران، فكتب لياسين قائلا: شكرا على كل شيء.",
        );
        let last = s.last().unwrap();
        assert_eq!(
            last.1.as_deref(),
            Some("المهاجم الشاب، سامي عمران"),
            "{s:?}"
        );
        // A name opening with lam whose rest is no word of the article is the subject.
        let s = speakers("وقال ليوناردو إن الموسم كان صعبا.");
        assert_eq!(s[0].1.as_deref(), Some("ليوناردو"));
    }

    #[test]
    fn arabic_participle_after_an_opening_adverbial_takes_the_verb_subject() {
        // "في المقابل، قلل X من …، لافتا": the participle is the sentence's subject's, not
        // the last speaker's, past the adverbial set off by a comma.
        let s = speakers(
            "وقال وزير المالية كمال ناصر إن الخطة تعالج العجز. \
             في المقابل، قلل مستشار رئيس الوزراء ووزير الاقتصاد السابق حسن الراوي من تفاؤل ناصر \
             بصورة عامة، لافتا إلى أن الأرقام لا تكفي.",
        );
        let last = s.last().unwrap();
        assert_eq!(last.0, "لافتا");
        assert!(
            last.1.as_deref().is_some_and(|w| w.contains("حسن الراوي")),
            "{s:?}"
        );
    }

    #[test]
    fn arabic_indefinite_statement_as_subject_speaks_for_its_issuer() {
        let s = speakers(
            "وارتفعت الأسعار بحسب وكالة الأنباء المحلية. \
             وقال بيان أصدرته نقابة الأطباء إن الأجور متأخرة. \
             وأشار البيان إلى أن الإضراب مستمر.",
        );
        assert_eq!(s[1].1.as_deref(), Some("نقابة الأطباء"));
        assert_eq!(s[2].1.as_deref(), Some("نقابة الأطباء"));
        // A statement after a verb of publishing is its object.
        let s = speakers("قال المدرب سامي نجم إن الفريق جاهز. ونشر تغريدة قال فيها إن الفوز قريب.");
        assert_eq!(s[1].1.as_deref(), Some("المدرب سامي نجم"));
    }

    #[test]
    fn arabic_demonstrative_and_a_body_noun_point_to_the_body() {
        let s = speakers(
            "أصدرت جمعية حماية المستهلك تقريرها أمس. قال التاجر وليد سالم إن البيع ضعيف. \
             وأكدت هذه الجمعية أن الأسعار ارتفعت.",
        );
        assert_eq!(s[1].1.as_deref(), Some("جمعية حماية المستهلك"));
        // Persian "آن" folds like Arabic "أن": no demonstrative.
        let s = speakers("قال التاجر وليد سالم إن البيع ضعيف. وأكد أن المخزن ممتلئ.");
        assert_eq!(s[1].1.as_deref(), Some("التاجر وليد سالم"));
    }

    #[test]
    fn arabic_cue_inside_a_sentence_takes_the_person_it_introduces() {
        // A sentence opened by another verb and its titled subject, or by a topic with
        // "أما": the cue inside it is that person's, not the one quoted before.
        let s = speakers(
            "قال السفير عادل منصور إن المحادثات بناءة. \
             ورحب رئيس البلدية نادر سليم بالقرار، إذ كتب على حسابه أن المدينة ممتنة.",
        );
        assert!(s[1]
            .1
            .as_deref()
            .unwrap()
            .starts_with("رئيس البلدية نادر سليم"));
        let s = speakers(
            "قال المزارع حسان دياب إن الموسم جيد. \
             أما الطبيبة ليلى عمران فقالت إن المرضى كثيرون. \
             أما الوزيرة فتوقعت أن يطول الاجتماع، وقالت إن الملف معقد. \
             أما رئيس النقابة، سمير داود، فقال إن الإضراب مستمر.",
        );
        assert_eq!(s[1].1.as_deref(), Some("الطبيبة ليلى عمران"));
        assert_eq!(s[2].1.as_deref(), Some("الوزيرة"));
        assert_eq!(s[3].1.as_deref(), Some("رئيس النقابة، سمير داود"));
        // A pronoun opening the sentence leads no subject ("فهو يستأجر شقة").
        let s = speakers("قال المزارع حسان دياب إن الموسم جيد. فهو يستأجر أرضا صغيرة كما يقول.");
        assert_eq!(s[1].1.as_deref(), Some("المزارع حسان دياب"));
    }

    #[test]
    fn arabic_subject_written_before_the_verb() {
        // A nominal clause: the name opening it, titled or named again, before the verb.
        let s = speakers(
            "قال المحلل وليد سالم إن السوق هادئ. السفير نبيل حداد يقول إن المفاوضات صعبة. \
             وأكد المحلل أن الأسعار سترتفع، لكن حداد قال إن الحل قريب.",
        );
        assert_eq!(s[1].1.as_deref(), Some("السفير نبيل حداد"));
        assert_eq!(s[3].1.as_deref(), Some("حداد"));
        // After a particle that is no clause opener, or with an auxiliary, no.
        let s = speakers("قال المحلل وليد سالم إن السوق هادئ. وقد قال إن الأسعار سترتفع.");
        assert_eq!(s[1].1.as_deref(), Some("المحلل وليد سالم"));
    }

    #[test]
    fn arabic_reported_from_takes_the_one_after_an() {
        // "The agency reported the prime minister as saying": the prime minister speaks.
        let s = speakers(
            "قال الوزير سامي نبيل إن الموازنة جاهزة. \
             ونقلت وكالة الأنباء الرسمية عن رئيس الوزراء خالد منصور قوله إن الحكومة ثابتة.",
        );
        assert_eq!(s[1].1.as_deref(), Some("رئيس الوزراء خالد منصور"));
        // Without "عن … قوله" the verb is "moved", no cue.
        assert!(speakers("ونقلت الشركة مقرها إلى دبي.").is_empty());
        assert!(speakers("وفقا لما نقلته الوكالة الرسمية.")
            .iter()
            .all(|c| c.0 != "نقلته"));
    }

    #[test]
    fn arabic_implicit_subject_agrees_in_gender() {
        let s = speakers(
            "قال الوزير كمال عيسى إن الموازنة جاهزة. \
             وقالت النائبة سعاد خليل إن الأرقام غير دقيقة. \
             وأضاف أن العجز سينخفض. وأضافت أن اللجنة ستجتمع. وتقول إن الوقت ضيق.",
        );
        assert_eq!(s[2].1.as_deref(), Some("الوزير كمال عيسى"));
        assert_eq!(s[3].1.as_deref(), Some("النائبة سعاد خليل"));
        assert_eq!(s[4].1.as_deref(), Some("النائبة سعاد خليل"));
    }

    #[test]
    fn arabic_pronoun_clause_takes_its_sentence_subject() {
        // "لكنه أكد" in a sentence led by another verb and person: that person, not the
        // minister quoted in the sentence before.
        let s = speakers(
            "قال الوزير كمال عيسى إن المفاوضات مستمرة. \
             وزار الرئيس نبيل حداد في الصباح مصنعا للأدوية، لكنه أكد أن الأسعار سترتفع.",
        );
        assert_eq!(s[1].1.as_deref(), Some("الرئيس نبيل حداد"));
    }

    #[test]
    fn arabic_statement_speaks_for_its_issuer() {
        let s = speakers(
            "قالت وزارة الصحة في بيان إن الإصابات تراجعت. وأضاف البيان أن المستشفيات جاهزة.",
        );
        assert_eq!(s[1].1.as_deref(), Some("وزارة الصحة"));
        // No issuer named: nobody, not the statement and not the last person named.
        let s = speakers("قال المحلل وليد سالم إن السوق هادئ. وأضاف البيان أن الحدود مغلقة.");
        assert_eq!(s[1].1, None);
    }

    #[test]
    fn arabic_statement_issuer_named_before_or_after_it() {
        // "it is stated in the statement": the body that issued it, not the last person.
        let s = speakers(
            "أصدرت نقابة المعلمين بياناً مساء الأحد. وقال المدرس فادي يوسف إن الصفوف مكتظة. \
             وجاء في البيان أن الإضراب مستمر. وذكر البيان أن الرواتب متأخرة.",
        );
        assert_eq!(s[1].1.as_deref(), Some("نقابة المعلمين"), "{s:?}");
        assert_eq!(s[2].1.as_deref(), Some("نقابة المعلمين"));
        // Named after the statement; with none mentioned before, a body quoted last.
        for (text, issuer) in [
            (
                "وجاء في بيان صادر عن الهيئة العامة للطيران أن الرحلات ستعود.",
                "الهيئة العامة للطيران",
            ),
            (
                "وجاء في بيان عاجل أصدرته البلدية أن المياه ستنقطع.",
                "البلدية",
            ),
            ("وجاء في كلمة الرئيس أن البلاد بخير.", "الرئيس"),
            (
                "وجاء في بيان رسمي لوزارة النقل أن الطريق مغلق.",
                "لوزارة النقل",
            ),
            (
                "أعلنت الهيئة الوطنية أن الطريق مغلق. وجاء في الإعلان أن العمل بدأ.",
                "الهيئة الوطنية",
            ),
        ] {
            assert_eq!(
                speakers(text).last().unwrap().1.as_deref(),
                Some(issuer),
                "{text}"
            );
        }
        // "جاء في المرتبة" (came in the rank) is no cue.
        assert!(speakers("وجاء في المرتبة الثانية فريق المدينة.").is_empty());
        // "بيان من" and a definite body is its issuer, and the statement referred back to
        // speaks for it; "من" and what the statement is made of is no issuer.
        let s = speakers(
            "وبحسب وكالة الأنباء المحلية جاء في بيان من المحكمة العليا أن الجلسة تأجلت. \
             وأوضح البيان أن القضاة اجتمعوا.",
        );
        assert_eq!(
            s.last().unwrap().1.as_deref(),
            Some("المحكمة العليا"),
            "{s:?}"
        );
        let s = speakers("وقالت وزارة النقل في بيان «من المتوقع أن تفتح الطرق غدا».");
        assert_eq!(s[0].1.as_deref(), Some("وزارة النقل"), "{s:?}");
        let s = speakers("وجاء في بيان من صفحتين أن الجلسة تأجلت.");
        assert!(
            s[0].1.as_deref().is_none_or(|w| !w.contains("صفحتين")),
            "{s:?}"
        );
    }

    #[test]
    fn arabic_adverb_of_place_after_a_cue_is_no_subject() {
        let s =
            speakers("أما المدافع الإسباني فودع مدربه بكلمات قليلة إذ كتب له فوق الصورة: شكرا لك.");
        assert!(
            s.iter()
                .all(|c| c.1.as_deref().is_none_or(|w| !w.contains("فوق"))),
            "{s:?}"
        );
    }

    #[test]
    fn arabic_unnamed_media_and_reports_are_no_speaker() {
        let s = speakers(
            "ذكرت وسائل إعلام محلية أن الطريق أغلق. وأشارت تقارير صحفية إلى أن السبب مجهول.",
        );
        assert_eq!(s[0].1, None);
        assert_eq!(s[1].1, None);
    }

    #[test]
    fn persian_verb_last_compound_and_honorific_plural() {
        let s = speakers("حضرت آیت الله خامنه‌ای با تأکید بر این موضوع، تأکید کردند: ایران قوی است. ایشان افزودند: این مهم است.");
        assert_eq!(
            s.last().unwrap().1.as_deref(),
            Some("حضرت آیت الله خامنه‌ای")
        );
        assert!(s.iter().any(|(c, _)| c == "تأکید کردند"));
    }

    #[test]
    fn persian_according_to_a_report_is_no_speaker() {
        // "according to this report" is a source; "بنابر این،" ("therefore") and "بنابر"
        // before anything but a source are no cue.
        let s = speakers(
            "مهندس رضا کاظمی گفت که سد پر است. بنابر این گزارش، سطح آب بالا رفته است. \
             بنابر این، کار ادامه دارد. بنابر قانون تازه، باران کم بوده است.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1], ("بنابر".into(), None));
    }

    #[test]
    fn arabic_according_to_a_source_in_a_speaker_s_sentence() {
        // In a sentence whose verb named the speaker, "according to a statement" keeps that
        // speaker; opening a sentence, a statement speaks for its issuer, a report for nobody.
        let s = speakers(
            "وأشار الوزير نادر سليم بحسب بيان رسمي إلى أن العمل مستمر. \
             قالت الهيئة العامة إن المعبر مفتوح. وبحسب البيان فإن الشاحنات ستعبر. \
             ووفقا للتقرير فإن الأسعار مرتفعة.",
        );
        assert_eq!(s[1].1.as_deref(), Some("الوزير نادر سليم"), "{s:?}");
        assert_eq!(s[3].1.as_deref(), Some("الهيئة العامة"));
        assert_eq!(s[4].1, None);
    }

    #[test]
    fn persian_clause_with_preposition_is_skipped() {
        let s = speakers("در این دیدار، آقای کاظمی گفت: سلام.");
        assert_eq!(s[0].1.as_deref(), Some("آقای کاظمی"));
    }

    #[test]
    fn english_said_x_and_x_said() {
        let s = speakers("\"We win,\" said Donald Trump. Clinton also said it. He added more.");
        assert_eq!(s[0].1.as_deref(), Some("Donald Trump"));
        assert_eq!(s[1].1.as_deref(), Some("Clinton"));
        assert_eq!(s[2].1.as_deref(), Some("Clinton"));
    }

    #[test]
    fn english_according_to() {
        let s = speakers("According to the Pentagon, it works.");
        assert_eq!(s[0].1.as_deref(), Some("the Pentagon"));
    }

    #[test]
    fn english_apposition() {
        let s = speakers("Brian Fallon, the campaign's press secretary, said it.");
        assert_eq!(s[0].1.as_deref(), Some("Brian Fallon"));
    }

    #[test]
    fn english_long_apposition_after_a_quotation() {
        let s = speakers("“We will pay for it,” Ann Lee, director of the harbour authority and a professor of law at the state college, one of the plan's authors, said.");
        assert_eq!(s[0].1.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn english_long_apposition_opening_a_sentence() {
        let s = speakers("As Ruth K. Amsel, a tax lawyer and senior fellow at the Northfield Policy Center in the capital, recently put it, “Is it a loophole?”");
        assert_eq!(s[0].1.as_deref(), Some("Ruth K. Amsel"));
    }

    #[test]
    fn english_adverb_in_ly_before_the_cue() {
        let s = speakers("Governor Ann Lee bluntly said no.");
        assert_eq!(s[0].1.as_deref(), Some("Governor Ann Lee"));
    }

    #[test]
    fn a_pronoun_points_back_across_an_abbreviation() {
        let s = speakers("What Mr. Tom Reyes wants is a bridge. He said so.");
        assert_eq!(s[0].1.as_deref(), Some("Mr. Tom Reyes"));
    }

    #[test]
    fn a_sentence_that_ends_the_text_after_its_name() {
        for text in [
            "He left. Ann Lee (D-Ore.)",
            "He left. Ann Lee (D-Ore.",
            "He left. Ann Lee, who",
        ] {
            assert!(speakers(text).is_empty());
        }
    }

    #[test]
    fn arabic_name_ends_before_a_prepositional_phrase() {
        let s = speakers("وقال سامي حداد بالأمس إن العقد جاهز.");
        assert_eq!(s[0].1.as_deref(), Some("سامي حداد"));
        // A role's name may come after the phrase: the whole is kept.
        let s = speakers("وقال مدير المبيعات بالشركة سامي حداد إن العقد جاهز.");
        assert_eq!(s[0].1.as_deref(), Some("مدير المبيعات بالشركة سامي حداد"));
        // Judged whole: a long phrase is no name, however short its part before bi-.
        let s = speakers("وقال نادر يوسف بالأمس القريب جدا إن العقد جاهز.");
        assert_ne!(s[0].1.as_deref(), Some("نادر يوسف"));
    }

    #[test]
    fn arabic_object_after_a_name_the_article_writes_alone() {
        // "وقالت ميرا إن" writes the name alone: what followed it before is the object.
        let s = speakers("ووصفت ميرا المشاريع الجديدة بأنها \"مكلفة\". وقالت ميرا إن العمل مستمر.");
        assert_eq!(s[0].1.as_deref(), Some("ميرا"), "{s:?}");
        let s = speakers("ووصف كمال نتائج الدراسة بأنها \"مقلقة\". وقال كمال إن الوضع هادئ.");
        assert_eq!(s[0].1.as_deref(), Some("كمال"), "{s:?}");
        // A compound name, a title with its adjective, and a name after the title, stay
        // whole.
        let s = speakers("وأكد عبد المنعم أنه استأنف الحكم. وقال عبد إن الجلسة في أبريل. وقال عبد المنعم إن العمل مستمر.");
        assert_eq!(s[0].1.as_deref(), Some("عبد المنعم"), "{s:?}");
        let s =
            speakers("وقال وزير الخارجية الأردني إن الوضع هادئ. وقال وزير الخارجية إن العمل مستمر.");
        assert_eq!(s[0].1.as_deref(), Some("وزير الخارجية الأردني"), "{s:?}");
        let s = speakers("وقال الوزير سامي حداد إن الوضع هادئ. وقال الوزير إن العمل مستمر.");
        assert_eq!(s[0].1.as_deref(), Some("الوزير سامي حداد"), "{s:?}");
    }

    #[test]
    fn arabic_profession_with_its_name_opens_the_participle_s_sentence() {
        // The surgeon the sentence's opening verb introduces, named after his complement,
        // speaks at the participle; not the minister quoted before.
        let s = speakers("وقال الوزير كمال حداد إن العمل مستمر. واتفق الجراح في مستشفى المدينة، سمير عادل، مع هذا الرأي، قائلا \"الأبحاث ضعيفة\".");
        let who = s.iter().find(|c| c.0 == "قائلا").and_then(|c| c.1.clone());
        assert!(
            who.as_deref().is_some_and(|w| w.contains("سمير عادل")),
            "{s:?}"
        );
    }

    #[test]
    fn arabic_outlet_with_li_before_a_definite_title_is_the_addressee() {
        let s = speakers("وقالت لتلفزيون24 المخرجة السورية هالة نصر إن \"الفيلم رحلة طويلة\".");
        assert_eq!(s[0].1.as_deref(), Some("المخرجة السورية هالة نصر"), "{s:?}");
        let s = speakers("وقال لمراسلتنا الوزير كمال حداد إن العمل مستمر.");
        assert_eq!(s[0].1.as_deref(), Some("الوزير كمال حداد"), "{s:?}");
    }

    #[test]
    fn arabic_noun_with_ta_marbuta_is_no_verb() {
        // "إشارة" folds like "أشاره" (he pointed to it): the cue is "وأضاف".
        let s = speakers("وأضاف الوزير سامي حداد في إشارة واضحة إلى الجيران \"لن نقبل التهديد\".");
        assert!(s.iter().all(|c| c.0 != "إشارة"), "{s:?}");
        assert_eq!(s[0].1.as_deref(), Some("الوزير سامي حداد"), "{s:?}");
        // A feminine participle ends so too, and is a cue.
        let s = speakers("وعلقت الوزيرة سلمى حداد على القرار قائلة \"لن نقبل التهديد\".");
        assert!(s.iter().any(|c| c.0 == "قائلة"), "{s:?}");
    }

    #[test]
    fn a_pronoun_does_not_point_to_a_verb_s_object() {
        let s = speakers("Speaking in Boston, Mayor Ann Lee said the city would rebuild the bridge, and she urged Tom Reed to help. “We are ready,” she said.");
        assert_eq!(
            s.last().unwrap().1.as_deref(),
            Some("Mayor Ann Lee"),
            "{s:?}"
        );
        let s = speakers("Speaking in Boston, Mayor Ann Lee said the city would rebuild the bridge, and she thanked Tom Reed for his help. “We are ready,” she said.");
        assert_eq!(
            s.last().unwrap().1.as_deref(),
            Some("Mayor Ann Lee"),
            "{s:?}"
        );
    }

    #[test]
    fn a_possessive_and_a_noun_are_the_speaker() {
        let s = speakers("The farm was sold in the spring. “Land is the only thing that lasts,” my grandmother always said.");
        assert_eq!(s[0].1.as_deref(), Some("my grandmother"), "{s:?}");
        let s = speakers(
            "Paul Weber was arrested in Ohio. “He has done nothing wrong,” his lawyer said.",
        );
        assert_eq!(s[0].1.as_deref(), Some("his lawyer"), "{s:?}");
        // A pronoun subject is still resolved.
        let s = speakers("Paul Weber spoke in Ohio. “We will win,” he said.");
        assert_eq!(s[0].1.as_deref(), Some("Paul Weber"), "{s:?}");
    }

    #[test]
    fn german_es_heisst_in_a_relative_clause_takes_its_antecedent() {
        let s = speakers(
            "Der Minister griff damit die Linie der staatlichen Zeitungen auf, in denen es am \
             Montag auch heißt, dass die Gegner nur Störenfriede seien.",
        );
        let heisst = s.iter().find(|c| c.0 == "heißt").unwrap();
        assert_eq!(heisst.1.as_deref(), Some("staatlichen Zeitungen"), "{s:?}");
    }

    #[test]
    fn german_laut_before_werden_is_an_adjective() {
        let s = speakers("Eine Kritik, die schon früher laut geworden war, mündete in Streit.");
        assert!(s.iter().all(|c| c.0 != "laut"), "{s:?}");
        let s = speakers("Laut dem Bürgermeister Karl Roth ist die Brücke sicher.");
        assert_eq!(s[0].1.as_deref(), Some("dem Bürgermeister Karl Roth"));
    }

    #[test]
    fn german_weekday_is_no_speaker() {
        let s = speakers("In den Zeitungen vom Sonntag heißt es, die Lage sei ruhig.");
        assert_ne!(s[0].1.as_deref(), Some("Sonntag"));
    }

    fn speaker_of(text: &str, cue: &str) -> Option<String> {
        speakers(text)
            .into_iter()
            .find(|(c, _)| c == cue)
            .unwrap_or_else(|| panic!("no cue {cue} in {text}"))
            .1
    }

    #[test]
    fn german_auxiliary_holds_the_subject() {
        let s = speaker_of(
            "Museumsdirektor Thomas Metz hat anlässlich der Eröffnung erklärt: „Das ist schön.“",
            "erklärt",
        );
        assert_eq!(s.as_deref(), Some("Museumsdirektor Thomas Metz"));
    }

    #[test]
    fn german_auxiliary_across_a_quotation_in_the_clause() {
        let s = speaker_of(
            "Die Gesundheitsministerin Anna Berger hatte am Freitag die Pläne ihrer Behörde „ohne jede Eile“ vorgestellt und bestätigt.",
            "bestätigt",
        );
        assert_eq!(s.as_deref(), Some("Die Gesundheitsministerin Anna Berger"));
    }

    #[test]
    fn german_passive_takes_its_agent_or_nobody() {
        let cases = [
            (
                "Der Entwurf wurde von der Umweltministerin Clara Wendt als „ein Schritt zurück“ bezeichnet.",
                "bezeichnet",
                Some("der Umweltministerin Clara Wendt"),
            ),
            (
                "Bürgermeister Otto Hahn sprach lange. Im Ort war der Neubau schon als „Luftschloss“ bezeichnet worden.",
                "bezeichnet",
                None,
            ),
            // No agent: the medium the clause opens with.
            (
                "In der Lokalpresse war das Projekt schon als „Millionengrab“ bezeichnet worden.",
                "bezeichnet",
                Some("der Lokalpresse"),
            ),
            // The one quoted is the subject of "zitiert".
            (
                "Die Trainerin Eva Roth wird in der Zeitung mit den Worten zitiert, sie sei „sehr zufrieden“.",
                "zitiert",
                Some("Die Trainerin Eva Roth"),
            ),
            // "laut" ends like a participle but is no verb.
            (
                "Das wurde laut Gericht erst spät bemerkt, die Lage sei „ernst“.",
                "laut",
                Some("Gericht"),
            ),
        ];
        for (text, cue, want) in cases {
            assert_eq!(speaker_of(text, cue).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn german_plural_past_cue() {
        let s = speaker_of(
            "Mehrere Anwohner berichteten, der Lärm sei „kaum auszuhalten“ gewesen.",
            "berichteten",
        );
        assert_eq!(s.as_deref(), Some("Mehrere Anwohner"));
    }

    #[test]
    fn german_article_led_run_without_a_title_is_no_antecedent() {
        let intro = "Bürgermeister Karl Bauer sagte, es werde schwer.";
        // "Er" means the mayor, not the thing; with a title the run is someone.
        for (middle, want) in [
            (
                "Das Wetter des Tages sei ungewiss.",
                "Bürgermeister Karl Bauer",
            ),
            ("Ein Sprecher des Landes kam später.", "Ein Sprecher"),
        ] {
            let text = format!("{intro} {middle} Er forderte „schnelle Hilfe vom Land“.");
            assert_eq!(speakers(&text)[1].1.as_deref(), Some(want), "{middle}");
        }
    }

    #[test]
    fn german_auxiliary_after_a_quotation() {
        let s = speaker_of(
            "„Wir wollen enger arbeiten“, hatte VW-Chef Winterkorn in einem Interview erklärt.",
            "erklärt",
        );
        assert_eq!(s.as_deref(), Some("VW-Chef Winterkorn"));
    }

    #[test]
    fn german_so_followed_by_a_verb() {
        let s = speaker_of(
            "„Er ist die eiserne Hand“, so charakterisierte ihn der Funktionär Bernard Aubin von der CFTC.",
            "so",
        );
        assert_eq!(s.as_deref(), Some("der Funktionär Bernard Aubin"));
    }

    #[test]
    fn german_apposition_that_is_a_name() {
        let s = speaker_of(
            "Der Vorsitzende des Verbands, Michael Knipper, kritisierte die Entscheidung.",
            "kritisierte",
        );
        assert_eq!(s.as_deref(), Some("Michael Knipper"));
    }

    #[test]
    fn german_clause_before_the_verb_is_not_an_apposition() {
        let s = speaker_of(
            "Es gebe keine Möglichkeit, sich dagegen zu wehren, schreibt der Arbeitskreis auf seiner Website.",
            "schreibt",
        );
        assert_eq!(s.as_deref(), Some("der Arbeitskreis"));
    }

    #[test]
    fn german_pronoun_subject_of_a_relative_clause() {
        let s = speaker_of(
            "Der Innenminister Frankreichs, Nicolas Sarkozy, verteidigte das Wort, mit dem er die Aufständigen kritisierte.",
            "kritisierte",
        );
        assert_eq!(s.as_deref(), Some("Nicolas Sarkozy"));
    }

    #[test]
    fn german_field_before_the_verb_is_the_subject() {
        let s = speaker_of(
            "Sascha Kempf vom Institut für Kernphysik in Heidelberg erläutert die Hypothese so.",
            "erläutert",
        );
        assert_eq!(s.as_deref(), Some("Sascha Kempf"));
    }

    #[test]
    fn german_adverb_before_the_verb_and_titled_subject_after_it() {
        let s = speaker_of(
            "Ähnlich äußerte sich der US-Präsident George W. Bush: „Wir haben die Lage im Griff.“",
            "äußerte",
        );
        assert_eq!(s.as_deref(), Some("der US-Präsident George W. Bush"));
    }

    #[test]
    fn german_laut_takes_a_noun_phrase() {
        let s = speaker_of(
            "Laut der gleichen Nachrichtenagentur hält es der Präsident für möglich.",
            "Laut",
        );
        assert_eq!(s.as_deref(), Some("der gleichen Nachrichtenagentur"));
        let s = speaker_of(
            "So heißt es in dem Schreiben wörtlich: „Behandelt wird die Sache.“",
            "heißt es in",
        );
        assert_eq!(s.as_deref(), Some("dem Schreiben"));
    }

    #[test]
    fn german_inverted() {
        let s = speakers("„Das ist gut“, sagte Angela Merkel am Montag.");
        assert_eq!(s[0].1.as_deref(), Some("Angela Merkel"));
    }
}
