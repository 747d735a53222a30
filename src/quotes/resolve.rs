//! What a speaker phrase is, and who it stands for when it is no name: a descriptor ("the
//! official", "der Experte", "هذا المسؤول", "این کارشناس") stands for the person the article
//! named last before it; a source phrase ("the report", "sources", "وفقا للتقرير", "گزارش")
//! is no speaker at all; the words after an Arabic cue that name its addressee ("قال لي",
//! "صرح لوكالة …") are not its subject.

use super::lang::{Lexicon, Role, AR};
use super::tokens::Doc;

/// A descriptor or source phrase has at most this many words ("this senior official").
const MAX_DESCRIPTOR_WORDS: usize = 3;
/// A descriptor is linked to a person named at most this many tokens before it: a few
/// sentences, the distance at which a reader still knows whom "the official" means.
pub const ANTECEDENT_TOKENS: usize = 150;
/// An Arabic-script mention of a person is a title with at most this many name words
/// before it (Persian "علی رضایی وزیر نیرو")…
const NAME_WORDS_BEFORE_TITLE: usize = 2;
/// …and at most this many words after it ("وزير الخارجية سامي النعيمي").
const WORDS_AFTER_TITLE: usize = 3;

/// What a speaker phrase read at a cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase {
    /// A name, or a phrase holding one: the speaker as written.
    Name,
    /// A determiner or demonstrative and a person noun with no name beside it; `anaphoric`
    /// when a demonstrative leads it ("this official", "هذا المسؤول", "این کارشناس"): it
    /// points back, and the speaker is the person it points to. Led by an article ("the
    /// mayor", "der Experte", "المسؤول") it is kept as written, being often the first
    /// mention of a role, and only its identity is linked to the person named before.
    Descriptor { anaphoric: bool },
    /// A report, a statement, sources: no speaker.
    Source,
}

/// What the phrase of tokens `a..b` is.
pub fn classify(doc: &Doc, lex: &Lexicon, a: usize, b: usize) -> Phrase {
    let words: Vec<usize> = (a..b).filter(|&u| doc.toks[u].word).collect();
    if words.is_empty() || words.len() > MAX_DESCRIPTOR_WORDS {
        return Phrase::Name;
    }
    let roles: Vec<_> = words.iter().map(|&u| lex.role(doc.fold_of(u))).collect();
    let lead = |r: &Role, u: usize| r.demonstrative || doc.toks[u].info.det();
    if roles.iter().any(|r| r.source_noun)
        && words
            .iter()
            .zip(&roles)
            .all(|(&u, r)| r.source_noun || lead(r, u) || is_lower_modifier(doc, u))
    {
        return Phrase::Source;
    }
    let person = roles.iter().position(|r| r.person_noun);
    let Some(p) = person else {
        return Phrase::Name;
    };
    // "the official", "هذا المسؤول", "این مقام مسئول"; in Arabic script a lone definite
    // person noun ("المسؤول") as well.
    let led = lead(&roles[0], words[0])
        || (words.len() == 1
            && doc.is_arabic_script(words[0])
            && doc.fold_of(words[0]).starts_with("ال"));
    // Any other capitalised Latin word is a name ("the official Jane Porter").
    let named = words.iter().enumerate().any(|(i, &u)| {
        i != p
            && i != 0
            && !doc.is_arabic_script(u)
            && doc.is_capitalised(u)
            && !roles[i].person_noun
    });
    if led && !named {
        Phrase::Descriptor {
            anaphoric: roles[0].demonstrative,
        }
    } else {
        Phrase::Name
    }
}

/// A lower-case Latin word or an Arabic-script word that is not a person noun: an adjective
/// of a source phrase ("the latest report", "این گزارش").
fn is_lower_modifier(doc: &Doc, u: usize) -> bool {
    doc.is_arabic_script(u) || !doc.is_capitalised(u)
}

/// Whether Arabic-script token `t` is bi- written onto an article ("بالشعب", "باللجنة"): it
/// opens a phrase after a name ("آية الله خامنئي بالشعب العراقي"), never a part of one.
/// (li- with the article is as often the genitive inside a title, "المتحدث الرسمي للوزارة
/// خالد …", so it does not end a name.)
pub fn opens_prepositional_phrase(doc: &Doc, t: usize) -> bool {
    if !doc.is_arabic_script(t) {
        return false;
    }
    let w = doc.fold_of(t);
    w.chars().count() > MIN_PREFIXED_LETTERS
        && CLITIC_PREPOSITIONS_WITH_ARTICLE
            .iter()
            .any(|p| w.starts_with(p))
}

/// The preposition bi- and the article written onto a word, folded.
const CLITIC_PREPOSITIONS_WITH_ARTICLE: [&str; 1] = ["بال"];
/// Words of up to this many letters with those letters are words of their own ("بالا").
const MIN_PREFIXED_LETTERS: usize = 4;

/// Where the subject of an Arabic cue verb ending at token `t1` may start: past the
/// addressee the verb takes with li- ("قال لي المهندس …", "وصرح لوكالة الأنباء بأن …").
pub fn past_addressee(doc: &Doc, lex: &Lexicon, t1: usize) -> usize {
    let n = doc.toks.len();
    if t1 >= n || !doc.toks[t1].word || !doc.is_arabic_script(t1) {
        return t1;
    }
    let w = doc.fold_of(t1);
    let listed = lex.role(w).addressee;
    let li_al = w.starts_with("لل") && w.chars().count() > 3;
    if !listed && !li_al {
        return t1;
    }
    let para = doc.toks[t1].para;
    let mut u = t1 + 1;
    // "لـ«الشرق»": the outlet's name in marks.
    if w == "ل" {
        while u < n && doc.toks[u].para == para && !doc.toks[u].word {
            u += 1;
        }
        while u < n && doc.toks[u].para == para && doc.toks[u].word {
            u += 1;
        }
        return u;
    }
    // A pronoun suffix ("لي", "لهم") is the whole addressee; an outlet or a group
    // ("لوكالة الأنباء الرسمية", "للصحفيين") runs on to the next title, stop word or mark.
    if w.chars().count() <= 3 {
        return u;
    }
    while u < n && doc.toks[u].para == para && doc.toks[u].word {
        let k = doc.toks[u].info;
        if k.title() || k.stop() || k.complementizer() || lex.role(doc.fold_of(u)).person_noun {
            break;
        }
        u += 1;
    }
    u
}

/// The last Arabic-script mention of a person in the `ANTECEDENT_TOKENS` tokens before token
/// `t`: a title with the name words around it ("وزير الخارجية سامي النعيمي", "علی رضایی
/// وزیر نیرو"), as a token range.
pub fn titled_mention_before(doc: &Doc, t: usize) -> Option<(usize, usize)> {
    let low = t.saturating_sub(ANTECEDENT_TOKENS);
    let title = (low..t).rev().find(|&u| {
        let k = &doc.toks[u];
        k.word && doc.is_arabic_script(u) && k.info.title()
    })?;
    // The title may be several words ("وزير الخارجية"): the name follows the last of them.
    let mut first_title = title;
    while first_title > low
        && doc.toks[first_title - 1].word
        && doc.toks[first_title - 1].info.title()
    {
        first_title -= 1;
    }
    let para = doc.toks[title].para;
    let name_word = |u: usize| {
        let k = &doc.toks[u];
        k.word && k.para == para && !k.info.stop() && k.info.cue.is_none() && !k.info.pronoun()
    };
    // Persian writes the name before the title ("علی رضایی وزیر نیرو"); Arabic after it,
    // and the word before an Arabic title is usually the verb.
    let mut a = first_title;
    if doc.para_lang[para as usize] != Some(AR) {
        while a > low && first_title - a < NAME_WORDS_BEFORE_TITLE && name_word(a - 1) {
            a -= 1;
        }
    }
    let mut b = title + 1;
    while b < t && b - title <= WORDS_AFTER_TITLE && name_word(b) {
        b += 1;
    }
    (b > title + 1 || a < first_title).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> Phrase {
        let lx = Lexicon::build();
        let d = Doc::new(text, &lx);
        classify(&d, &lx, 0, d.toks.len())
    }

    #[test]
    fn descriptors_in_four_languages() {
        let anaphoric = |anaphoric| Phrase::Descriptor { anaphoric };
        assert_eq!(phrase("the official"), anaphoric(false));
        assert_eq!(phrase("this official"), anaphoric(true));
        assert_eq!(phrase("der Experte"), anaphoric(false));
        assert_eq!(phrase("dieser Experte"), anaphoric(true));
        assert_eq!(phrase("هذا المسؤول"), anaphoric(true));
        assert_eq!(phrase("المسؤول"), anaphoric(false));
        assert_eq!(phrase("این کارشناس"), anaphoric(true));
    }

    #[test]
    fn a_name_beside_a_person_noun_is_a_name() {
        assert_eq!(phrase("the official Jane Porter"), Phrase::Name);
        assert_eq!(phrase("Jane Porter"), Phrase::Name);
        assert_eq!(phrase("der Experte Karl Huber"), Phrase::Name);
    }

    #[test]
    fn source_phrases_are_no_speakers() {
        assert_eq!(phrase("this report"), Phrase::Source);
        assert_eq!(phrase("sources"), Phrase::Source);
        assert_eq!(phrase("للتقرير"), Phrase::Source);
        assert_eq!(phrase("این گزارش"), Phrase::Source);
        assert_eq!(phrase("a Treasury report"), Phrase::Name);
    }

    #[test]
    fn addressee_after_an_arabic_cue_is_skipped() {
        let lx = Lexicon::build();
        let d = Doc::new("قال لي المهندس سعيد إن", &lx);
        assert_eq!(d.fold_of(past_addressee(&d, &lx, 1)), "المهندس");
        let d = Doc::new("وصرح لوكالة الأنباء الرسمية بأن", &lx);
        assert_eq!(d.fold_of(past_addressee(&d, &lx, 1)), "بان");
    }

    #[test]
    fn titled_mention_of_a_person_earlier() {
        let lx = Lexicon::build();
        let d = Doc::new(
            "استقبل وزير الخارجية سامي النعيمي في بغداد وفدا من الأمم المتحدة. وقال",
            &lx,
        );
        let (a, b) = titled_mention_before(&d, d.toks.len() - 1).unwrap();
        assert_eq!(d.tokens_text(a, b), "وزير الخارجية سامي النعيمي");
        let d = Doc::new("دیروز علی رضایی وزیر نیرو در نشست حاضر شد. وی", &lx);
        let (a, b) = titled_mention_before(&d, d.toks.len() - 1).unwrap();
        assert_eq!(d.tokens_text(a, b), "علی رضایی وزیر نیرو");
    }
}
