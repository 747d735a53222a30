//! What a speaker phrase is, and who it stands for when it is no name: a descriptor ("the
//! official", "der Experte", "هذا المسؤول", "این کارشناس") stands for the person the article
//! named last before it; a source phrase ("the report", "sources", "وفقا للتقرير", "گزارش")
//! is no speaker at all; the words after an Arabic cue that name its addressee ("قال لي",
//! "صرح لوكالة …") are not its subject; a title without a name ("الأخ القائد", "the
//! governor") stands for the person the article wrote beside that title before.

use super::lang::{ar, Lexicon, Role, FA};
use super::marks::is_mark_char;
use super::tokens::Doc;
use crate::text::chars::fold::fold_for_matching;
use std::sync::OnceLock;

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

/// Arabic nouns of a statement an organisation issues, without the article: unlike a report
/// or sources, a statement speaks for its issuer ("وأضاف البيان").
const STATEMENT_NOUNS: [&str; 7] = ["بيان", "رسالة", "إعلان", "بلاغ", "مذكرة", "تغريدة", "منشور"];

/// Arabic nouns of something said or written in public, without the article: what "جاء
/// في" takes before the one who said it ("جاء في كلمة الرئيس").
const SPEECH_NOUNS: [&str; 6] = ["كلمة", "خطاب", "تصريح", "تصريحات", "مقابلة", "حديث"];

/// Whether tokens `a..b` hold an Arabic statement noun ("البيان", "بيانا", "في بيانه").
pub fn is_statement(doc: &Doc, a: usize, b: usize) -> bool {
    (a..b).any(|u| is_noun_of(doc, u, &STATEMENT_NOUNS))
}

/// Whether Arabic-script word `u` is one of `nouns`, with or without the article, the
/// accusative alef or a pronoun suffix ("البيان", "بيانا", "بيانه").
fn is_noun_of(doc: &Doc, u: usize, nouns: &[&str]) -> bool {
    doc.toks[u].word && doc.is_arabic_script(u) && {
        let w = without_article(doc.fold_of(u));
        nouns.iter().any(|n| {
            let n = fold_for_matching(n);
            w == n || w.strip_suffix(['ا', 'ه']).is_some_and(|s| s == n)
        })
    }
}

/// Whether word `u` is a statement or a speech noun: what "جاء في"/"ورد في" ("it is stated
/// in") must be followed by to be a cue ("جاء في البيان", not "جاء في المرتبة الثانية").
pub fn is_statement_or_speech(doc: &Doc, u: usize) -> bool {
    u < doc.toks.len()
        && (is_noun_of(doc, u, &STATEMENT_NOUNS) || is_noun_of(doc, u, &SPEECH_NOUNS))
}

/// "issued it" with the statement's pronoun, folded: the issuer follows.
const ISSUING_VERBS: [&str; 8] = [
    "اصدره",
    "اصدرته",
    "اصدرها",
    "اصدرتها",
    "نشره",
    "نشرته",
    "نشرها",
    "نشرتها",
];

/// Arabic nouns of bodies that issue statements, without the article.
const BODY_NOUNS: [&str; 21] = [
    "وزارة",
    "هيئة",
    "نقابة",
    "منظمة",
    "وكالة",
    "مجلس",
    "حركة",
    "حزب",
    "شركة",
    "مؤسسة",
    "جمعية",
    "سفارة",
    "رئاسة",
    "قيادة",
    "اتحاد",
    "لجنة",
    "محكمة",
    "نيابة",
    "حكومة",
    "جيش",
    "دار",
];

/// Whether the Arabic speaker phrase `a..b` names a body rather than a person: it opens
/// with a body noun ("وزارة الصحة", "الاتحاد الدولي"), or every word is definite ("الرئاسة
/// اللبنانية", "النيابة العامة"); a person's name ends in a bare name ("فادي يوسف").
pub fn is_body(doc: &Doc, a: usize, b: usize) -> bool {
    let words: Vec<usize> = (a..b).filter(|&u| doc.toks[u].word).collect();
    let Some(&first) = words.first() else {
        return false;
    };
    doc.is_arabic_script(first)
        && (is_noun_of(doc, first, &BODY_NOUNS)
            || words
                .iter()
                .all(|&u| doc.fold_of(u).starts_with("ال") && !doc.toks[u].info.title()))
}

/// A statement's issuer named after it has at most this many words ("بيان وزارة الصحة
/// العامة").
const ISSUER_WORDS: usize = 4;

/// The issuer a statement or speech noun at `u` names right after it: the genitive of an
/// indefinite noun ("بيان الوزارة", "كلمة الرئيس نبيل حداد"), or the words after "صادر
/// عن" or "عن" ("بيان صادر عن النقابة", "بيان عن إدارة المهرجان"); a definite word or a
/// title, and the name words after it.
pub fn issuer_after(doc: &Doc, u: usize) -> Option<(usize, usize)> {
    let para = doc.toks[u].para;
    let word_at = |v: usize| doc.toks.get(v).is_some_and(|k| k.word && k.para == para);
    let mut v = u + 1;
    // "بيان رسمي أصدرته النقابة": the verb of issuing, after at most one adjective; the
    // issuer follows it whatever its form ("أصدرته نقابة الأطباء").
    let issued = |v: usize| word_at(v) && ISSUING_VERBS.contains(&doc.fold_of(v));
    let mut after_verb = false;
    let mut after_min = false;
    if issued(v) || (issued(v + 1) && word_at(v)) {
        v += if issued(v) { 1 } else { 2 };
        after_verb = true;
    } else if word_at(v) && matches!(without_article(doc.fold_of(v)), "صادر" | "صادره") {
        v += 1;
        if !(word_at(v) && doc.fold_of(v) == "عن") {
            return None;
        }
        v += 1;
        after_verb = true;
    } else if let Some(w) = [v, v + 1]
        .into_iter()
        .find(|&w| word_at(w) && (w == v || word_at(v)) && matches!(doc.fold_of(w), "عن" | "من"))
        .filter(|_| !doc.fold_of(u).starts_with("ال"))
    {
        // "بيان عن إدارة الجائزة", "بيان رسمي من الوزارة": "from" and the issuer, whatever
        // its form, after an indefinite statement (a definite one is referred back to, and
        // "البيان عن" is what it is about). After "من" the issuer is definite or titled:
        // "بيان من صفحتين" is of what it is made.
        after_verb = doc.fold_of(w) == "عن";
        after_min = !after_verb;
        v = w + 1;
    } else if let Some(w) = [v, v + 1]
        .into_iter()
        .find(|&w| word_at(w) && li_body(doc, w))
    {
        // "بيان لوزارة الخارجية", "في بيان رسمي للقيادة العامة": li- and the body, after at
        // most one adjective (kept as written, with its li-).
        v = w;
    } else if doc.fold_of(u).starts_with("ال") {
        // "البيان الختامي": a definite noun takes an adjective, not a genitive.
        return None;
    }
    let li = li_body(doc, v);
    let opens = word_at(v)
        && (li
            || doc.toks[v].info.title()
            || doc.fold_of(v).starts_with("ال")
            || (after_verb && !doc.toks[v].info.stop()));
    if !opens {
        return None;
    }
    // Once a definite word is read, an indefinite one is no adjective of it but the next
    // clause ("لوزارة الخارجية رفضها …", "للداخلية المصرية أعقب …").
    let definite = |e: usize| doc.fold_of(e).starts_with("ال") || doc.fold_of(e).starts_with("لل");
    let mut e = v;
    while e < v + ISSUER_WORDS && word_at(e) && {
        let k = doc.toks[e].info;
        let after_definite = e > v && (v..e).any(definite) && !definite(e);
        !k.stop()
            && !k.complementizer()
            && k.cue.is_none()
            && !is_accusative(doc, e)
            && !after_definite
    } {
        e += 1;
    }
    // After "من" a body of two words at least ("النيابة العامة") or a title: one definite
    // word is as often what the statement says ("من المتوقع").
    let from_body = !after_min || (e >= v + 2 && is_body(doc, v, e)) || doc.toks[v].info.title();
    (e > v && from_body).then_some((v, e))
}

/// Whether word `w` is li- with a body: the article ("للقيادة") or a body noun ("لوزارة",
/// "لدار"); not a stop word ("له", "للصحفيين": the addressee). False past the last token.
fn li_body(doc: &Doc, w: usize) -> bool {
    let Some(k) = doc.toks.get(w) else {
        return false;
    };
    let f = doc.fold_of(w);
    k.word && k.arabic && !k.info.stop() && f.chars().count() > 3 && {
        let rest = f.strip_prefix('ل').unwrap_or("");
        f.starts_with("لل") || BODY_NOUNS.iter().any(|n| rest == fold_for_matching(n))
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

/// Whether Arabic word `u`, after a name, opens what follows the name rather than going
/// on with it: li- on a name the article writes bare ("وصرح الوزير لسامي"), li- on a noun
/// with a pronoun suffix ("قال البنك لعملائه"), or "أمام" written with its hamza above
/// ("قال الوزير أمام النواب": "in front of", not "إمام", imam or a family name). Unlike [`opens_prepositional_phrase`] this ends a titled name too, except
/// li- on a word written bare when `titled`: a title's genitive takes li- ("المدير الفني
/// لنادي …", "الرئيس التنفيذي لشركة …").
pub fn ends_name_after_it(doc: &Doc, u: usize, titled: bool) -> bool {
    let k = &doc.toks[u];
    if !k.word || !k.arabic {
        return false;
    }
    let w = doc.fold_of(u);
    let c = &doc.chars[k.start..k.end];
    // As written: "إمام" (imam) is also a family name.
    if w == "امام" {
        return c.first() == Some(&'أ');
    }
    if !w.starts_with('ل') || w.starts_with("لل") {
        return false;
    }
    // -hu after a consonant ("لعملائه", "لشقيقه"), not the -yeh of foreign names
    // ("ليبرتيه").
    let hu = c.ends_with(&['ه']) && !c.ends_with(&['ي', 'ه']);
    let suffixed = c.len() >= LI_SUFFIXED_LETTERS
        && (hu || c.ends_with(&['ه', 'ا']) || c.ends_with(&['ه', 'م']));
    suffixed || (!titled && li_on_a_name_written_bare(doc, u))
}

/// li-, a noun and a pronoun suffix have at least this many letters ("لعملائه", "لقرائه").
const LI_SUFFIXED_LETTERS: usize = 5;

/// The preposition bi- and the article written onto a word, folded.
const CLITIC_PREPOSITIONS_WITH_ARTICLE: [&str; 1] = ["بال"];
/// Words of up to this many letters with those letters are words of their own ("بالا").
const MIN_PREFIXED_LETTERS: usize = 4;

/// Where the subject of an Arabic cue verb ending at token `t1` may start: past the
/// addressee the verb takes with li- ("قال لي المهندس …", "وصرح لوكالة الأنباء بأن …").
/// "وقالت لفرانس24 المخرجة …": a word with li- right after the cue, then (past a number
/// written onto the outlet's name) a definite title opening the subject: the li- word is the
/// addressee, however unknown the outlet; the title's token is returned. News writes the
/// title before the name, so a name with l- ("ليلى") seldom stands there.
fn li_before_definite_title(doc: &Doc, t1: usize) -> Option<usize> {
    let w = doc.fold_of(t1);
    if !w.starts_with('ل') || w.chars().count() <= 3 {
        return None;
    }
    let para = doc.toks[t1].para;
    let number = |u: usize| doc.chars[doc.toks[u].start].is_numeric();
    let next = (t1 + 1..doc.toks.len().min(t1 + 3)).find(|&u| !(doc.toks[u].word && number(u)))?;
    let k = &doc.toks[next];
    (k.word && k.para == para && k.info.title() && doc.fold_of(next).starts_with("ال"))
        .then_some(next)
}

pub fn past_addressee(doc: &Doc, lex: &Lexicon, t1: usize) -> usize {
    let n = doc.toks.len();
    if t1 >= n || !doc.toks[t1].word || !doc.is_arabic_script(t1) {
        return t1;
    }
    let w = doc.fold_of(t1);
    if let Some(title) = li_before_definite_title(doc, t1) {
        return title;
    }
    let listed = lex.role(w).addressee;
    let li_al = w.starts_with("لل") && w.chars().count() > 3;
    if !listed && !li_al && !li_hamza(doc, t1) {
        // "فكتب لسامي قائلا": li- on a name the article writes bare elsewhere is the one
        // written to; a subject never takes a preposition.
        return if li_on_a_name_written_bare(doc, t1) {
            t1 + 1
        } else {
            t1
        };
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
        // …and its closing mark: the subject follows ("قال لـ«الشرق» الوزير …").
        if u < n && doc.toks[u].para == para && doc.punct(u).is_some_and(is_mark_char) {
            u += 1;
        }
        return u;
    }
    // A pronoun suffix ("لي", "لهم") is the whole addressee; an outlet or a group
    // ("لوكالة الأنباء الرسمية", "للصحفيين", "لبي بي سي") runs on to the next title, stop
    // word or mark.
    if LI_PRONOUNS.contains(&w) {
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

/// Whether Arabic word `u` is li- written onto a word of at least [`LI_NAME_LETTERS`]
/// letters that the article also writes without it, as a word of its own ("لسامي" and
/// "سامي"): a name with li-, not a name opening with lam ("ليلى", "لوكاس"), whose rest is
/// no word of the article. Looked for within [`TITLE_HOLDER_TOKENS`] before and
/// [`NAMED_AGAIN_TOKENS`] after, as [`named_elsewhere`] does.
pub fn li_on_a_name_written_bare(doc: &Doc, u: usize) -> bool {
    let k = &doc.toks[u];
    let w = doc.fold_of(u);
    let Some(rest) = w.strip_prefix('ل') else {
        return false;
    };
    if !k.arabic || rest.starts_with('ل') || rest.chars().count() < LI_NAME_LETTERS {
        return false;
    }
    let low = u.saturating_sub(TITLE_HOLDER_TOKENS);
    let high = doc.toks.len().min(u + NAMED_AGAIN_TOKENS);
    (low..high).any(|v| {
        v != u
            && doc.toks[v].word
            && !doc.toks[v].info.stop()
            && doc.fold_bytes(v) == rest.as_bytes()
    })
}

/// The word after li- has at least this many letters to count as a name written bare.
const LI_NAME_LETTERS: usize = 3;

/// li- with a pronoun suffix, folded: the whole addressee.
const LI_PRONOUNS: [&str; 8] = ["لی", "له", "لها", "لهم", "لنا", "لکم", "لهن", "لهما"];

/// Whether Arabic word `u` is li- written onto a word opening with a hamza on alef
/// ("لأسوشيتد", "لإذاعة"): a name hardly opens so (the folded "لا…" also spells names,
/// "لافروف", so the letter is read as written). Right after a cue it is the addressee.
fn li_hamza(doc: &Doc, u: usize) -> bool {
    let k = &doc.toks[u];
    let c = &doc.chars[k.start..k.end];
    k.arabic && c.len() > 3 && c[0] == 'ل' && matches!(c[1], 'أ' | 'إ')
}

/// Arabic tanween fath, the ending of an indefinite accusative ("واضحاً", "غاضبةً").
const TANWEEN_FATH: char = '\u{064B}';

/// Whether Arabic-script word `u` bears the tanween fath of an indefinite accusative: an
/// adverb, a circumstantial adjective or an object ("واضحاً", "بياناً"), never a subject,
/// so never (part of) a speaker's name.
pub fn is_accusative(doc: &Doc, u: usize) -> bool {
    let k = &doc.toks[u];
    k.word && k.arabic && doc.chars[k.start..k.end].contains(&TANWEEN_FATH)
}

/// Whether Arabic word `u`, right after the cue verb before it, is a circumstantial
/// accusative ("قال واضحاً", "وأضاف غاضبا إن"): marked by its tanween, or, unmarked, shaped
/// like an active participle: فاعلا (five letters, alef second and last, no long vowel
/// between) or مفعلا/متفعلا/مستفعلا. The shape alone is trusted only in that place, after a verb that is not
/// feminine, for a word the article has not written before elsewhere: it is as often a dual
/// verb ("رافقا"), a foreign name ("شارما", written in full earlier) or a function word,
/// and after "قالت" a name ("كارلا"). Persian has no such accusative.
pub fn is_circumstantial(doc: &Doc, u: usize) -> bool {
    if is_accusative(doc, u) {
        return true;
    }
    let k = &doc.toks[u];
    let i = k.info;
    let closed = i.cue.is_some() || i.title() || i.stop() || i.complementizer() || i.pronoun();
    if !k.word || !k.arabic || closed || i.preposition() || i.name_noun() {
        return false;
    }
    if doc.para_lang[k.para as usize] == Some(FA) {
        return false;
    }
    let w: Vec<char> = doc.fold_of(u).chars().collect();
    let long_vowel = |c: char| matches!(c, 'ا' | 'و' | 'ی');
    let n = w.len();
    let faa3il = n == 5 && w[1] == 'ا' && w[4] == 'ا' && !long_vowel(w[2]) && !long_vowel(w[3]);
    // مُفْعِلاً, مُتَفَعِّلاً, مُسْتَفْعِلاً ("مبتسما", "متأثرا", "مستغربا"): mu- and a consonant;
    // a foreign name written with م has a long vowel next ("مانديلا", "مونيكا").
    let mufi3l = (5..=7).contains(&n)
        && w[0] == 'م'
        && w[n - 1] == 'ا'
        && !long_vowel(w[1])
        && w[n - 2] != 'ی';
    let participle = faa3il || mufi3l;
    let after_feminine = u > 0 && doc.toks[u - 1].word && doc.fold_of(u - 1).ends_with('ت');
    participle && !after_feminine && !written_before(doc, u)
}

/// Whether word `u` was written before, within [`TITLE_HOLDER_TOKENS`], in another place
/// than right after a cue: a name ("ساتيش شارما … وقال شارما").
fn written_before(doc: &Doc, u: usize) -> bool {
    let w = doc.fold_bytes(u);
    (u.saturating_sub(TITLE_HOLDER_TOKENS)..u).any(|v| {
        doc.toks[v].word
            && doc.fold_bytes(v) == w
            && !(v > 0 && doc.toks[v - 1].word && doc.toks[v - 1].info.cue.is_some())
    })
}

/// Whether a word of the Arabic phrase `a..b` (not a title or stop word, three letters or
/// more) is written elsewhere in the article, within [`TITLE_HOLDER_TOKENS`] before it or
/// [`NAMED_AGAIN_TOKENS`] after: a person's name recurs, a verb's object seldom does.
pub fn named_elsewhere(doc: &Doc, a: usize, b: usize) -> bool {
    let low = a.saturating_sub(TITLE_HOLDER_TOKENS);
    let high = doc.toks.len().min(b + NAMED_AGAIN_TOKENS);
    (a..b).any(|u| {
        let k = &doc.toks[u];
        let w = doc.fold_bytes(u);
        k.word
            && !k.info.title()
            && !k.info.stop()
            && doc.fold_of(u).chars().count() >= 3
            && (low..a)
                .chain(b..high)
                .any(|v| doc.toks[v].word && doc.fold_bytes(v) == w)
    })
}

/// Arabic: where a subject read after a verb really ends when the verb's object was read on
/// after the name ("ووصفت أرامكو الطائرة الجديدة بأنها", "طالب الرئيس قوات الجيش"): at the
/// longest shorter phrase the article also writes alone, ended by punctuation or a stop
/// word ("وقالت أرامكو إن"), when what is left is a definite noun phrase ("الطائرة", "قوات
/// الجيش") holding no title, never written right after that name elsewhere. `None` when the
/// phrase `a..b` is left whole.
pub fn name_written_alone(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    if b < a + 2 || !doc.is_arabic_script(a) {
        return None;
    }
    let title = |u: usize| doc.toks[u].info.title();
    let definite = |u: usize| doc.fold_of(u).starts_with("ال");
    (a + 1..b).rev().find(|&k| {
        // The object: definite words, or a construct noun before them; never a name.
        let object = (k + 1..b).all(definite) && (definite(k) || k + 1 < b);
        // The name ends in a word without the article ("أرامكو", "كمال"): after a definite
        // word a definite one is as often its adjective or the rest of a compound ("الجيش
        // الإسرائيلي", "ولي العهد", "عبد المنعم").
        object
            && !definite(k - 1)
            && !(k..b).any(title)
            && (a..k).any(|u| !title(u))
            && !written_together(doc, k - 1)
            && written_alone(doc, a, k)
    })
}

/// Whether the words at tokens `u` and `u + 1` are written side by side again within
/// [`TITLE_HOLDER_TOKENS`] before or [`NAMED_AGAIN_TOKENS`] after: a name's parts or a fixed
/// phrase recur together, a verb's object after its subject seldom does.
fn written_together(doc: &Doc, u: usize) -> bool {
    let n = doc.toks.len();
    let low = u.saturating_sub(TITLE_HOLDER_TOKENS);
    let high = n.min(u + NAMED_AGAIN_TOKENS);
    (low..high.saturating_sub(1)).filter(|&v| v != u).any(|v| {
        doc.toks[v].word
            && doc.toks[v + 1].word
            && doc.fold_bytes(v) == doc.fold_bytes(u)
            && doc.fold_bytes(v + 1) == doc.fold_bytes(u + 1)
    })
}

/// Whether the words `a..k` are written again, in the same order, within
/// [`TITLE_HOLDER_TOKENS`] before or [`NAMED_AGAIN_TOKENS`] after, followed by punctuation,
/// a stop word, a complementiser ("إن") or nothing.
fn written_alone(doc: &Doc, a: usize, k: usize) -> bool {
    let len = k - a;
    let n = doc.toks.len();
    let low = a.saturating_sub(TITLE_HOLDER_TOKENS);
    let high = n.min(k + NAMED_AGAIN_TOKENS);
    (low..high).filter(|&v| v != a).any(|v| {
        v + len <= n
            && (0..len)
                .all(|i| doc.toks[v + i].word && doc.fold_bytes(v + i) == doc.fold_bytes(a + i))
            && (v + len == n
                || !doc.toks[v + len].word
                || doc.toks[v + len].para != doc.toks[v].para
                || doc.toks[v + len].info.stop()
                || doc.toks[v + len].info.complementizer())
    })
}

/// How far after a phrase [`named_elsewhere`] looks for its words again.
const NAMED_AGAIN_TOKENS: usize = 400;

/// The noun after an Arabic demonstrative at token `u` ("هذه الرابطة", "هذا المسؤول"): a
/// definite word in the same paragraph.
pub fn demonstrative_noun(doc: &Doc, lex: &Lexicon, u: usize) -> Option<usize> {
    let n = doc.toks.len();
    let k = doc.toks.get(u)?;
    let v = u + 1;
    // Arabic's own demonstratives: Persian "آن" folds to "ان", the Arabic "أن".
    let arabic = ar::DATA
        .demonstratives
        .iter()
        .any(|d| fold_for_matching(d) == doc.fold_of(u));
    let opens = k.word && k.arabic && arabic && lex.role(doc.fold_of(u)).demonstrative;
    (opens
        && v < n
        && doc.toks[v].word
        && doc.toks[v].para == k.para
        && doc.fold_of(v).starts_with("ال")
        && doc.fold_of(v).chars().count() > MIN_PREFIXED_LETTERS)
        .then_some(v)
}

/// A body named by a noun has at most this many words after it ("رابطة الدوري الفرنسي لكرة
/// القدم").
const BODY_NAME_WORDS: usize = 4;

/// The last mention, within [`TITLE_HOLDER_TOKENS`] before the Arabic noun at `noun` ("هذه
/// الرابطة"), of the same noun with or without the article, and the definite words after it
/// that name the body ("رابطة الدوري الفرنسي لكرة القدم"), as a token range.
pub fn same_noun_before(doc: &Doc, noun: usize) -> Option<(usize, usize)> {
    let low = noun.saturating_sub(TITLE_HOLDER_TOKENS);
    let head = key(doc, noun);
    let u = (low..noun.saturating_sub(1))
        .rev()
        .find(|&u| doc.toks[u].word && key(doc, u) == head)?;
    let para = doc.toks[u].para;
    let definite = |v: usize| doc.fold_of(v).starts_with("ال") || doc.fold_of(v).starts_with("لل");
    // A genitive chain ("جمعية حماية المستهلك") up to its definite words and their
    // adjectives ("رابطة الدوري الفرنسي"); an indefinite word after them opens the next
    // clause.
    let mut e = u + 1;
    let mut seen_definite = false;
    while e < noun && e - u <= BODY_NAME_WORDS && {
        let k = &doc.toks[e];
        k.word
            && k.arabic
            && k.para == para
            && !k.info.stop()
            && k.info.cue.is_none()
            && !is_accusative(doc, e)
            && (definite(e) || !seen_definite)
    } {
        seen_definite |= definite(e);
        e += 1;
    }
    // Without a definite word the chain is no body's name ("رابطة كبيرة").
    let e = if seen_definite { e } else { u + 1 };
    Some((u, e))
}

/// Participles of addressing, folded: the name after them is the addressee.
const ADDRESSING: [&str; 4] = ["مخاطبا", "مخاطبه", "متوجها", "متوجهه"];

/// Whether Arabic word `u`, right after a cue, opens the clause said ([`ar::CLAUSE_OPENERS`]).
fn opens_clause(doc: &Doc, u: usize) -> bool {
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        ar::CLAUSE_OPENERS
            .iter()
            .map(|w| fold_for_matching(w))
            .collect()
    });
    doc.toks[u].word && doc.toks[u].arabic && folded.iter().any(|w| w == doc.fold_of(u))
}

/// Where the subject after a cue may start at word `u`: past a circumstantial accusative,
/// when a title or a definite word follows it ("وقال ساخراً رئيس الوزراء"); `None` when
/// the accusative leaves the subject implicit ("قال ضاحكا بارتباك", "قال واضحاً:").
pub fn past_circumstantial(doc: &Doc, u: usize) -> Option<usize> {
    if opens_clause(doc, u) {
        return None;
    }
    if !is_circumstantial(doc, u) {
        return Some(u);
    }
    // "قال مخاطبا الرئيس …": the participle of addressing takes the addressee after it.
    if ADDRESSING.contains(&doc.fold_of(u)) {
        return None;
    }
    let v = u + 1;
    let k = doc.toks.get(v)?;
    let opens = k.word
        && k.para == doc.toks[u].para
        && (k.info.title() || doc.fold_of(v).starts_with("ال"));
    opens.then_some(v)
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
    let persian = match doc.para_lang[para as usize] {
        Some(l) => l == FA,
        None => (first_title.saturating_sub(NAME_WORDS_BEFORE_TITLE)..t)
            .any(|u| persian_letters(doc, u)),
    };
    if persian {
        while a > low && first_title - a < NAME_WORDS_BEFORE_TITLE && name_word(a - 1) {
            a -= 1;
        }
        // "محمد رضایی، معاون وزیر نیرو،": the name set off before the title's comma.
        let comma = |u: usize| matches!(doc.punct(u), Some('،' | ','));
        if a == first_title && a > low + 1 && comma(a - 1) && name_word(a - 2) {
            let mut n = a - 1;
            while n > low && a - 1 - n < NAME_WORDS_BEFORE_TITLE && name_word(n - 1) {
                n -= 1;
            }
            // The name opens its sentence; after another word it ends a title or a dateline
            // ("امام جمعه رشت، حجت‌الاسلام …", "به گزارش … از رشت، …": a place).
            let opens =
                n == 0 || doc.toks[n - 1].para != para || (!doc.toks[n - 1].word && !comma(n - 1));
            if opens {
                a = n;
            }
        }
    }
    // The name ends before a phrase with bi- ("الوزير منير الخطيب بالنواب").
    let mut b = title + 1;
    while b < t
        && b - title <= WORDS_AFTER_TITLE
        && name_word(b)
        && !opens_prepositional_phrase(doc, b)
    {
        b += 1;
    }
    (b > title + 1 || a < first_title).then_some((a, b))
}

/// Whether token `u` holds a letter only Persian writes (پ چ ژ گ ک ی): a paragraph whose
/// language is unknown is Persian there ("علی رضایی وزیر نیرو"), so the name may stand
/// before the title; in Arabic the word before a title is usually the verb ("التقى الوزير").
fn persian_letters(doc: &Doc, u: usize) -> bool {
    let k = &doc.toks[u];
    k.word
        && k.arabic
        && doc.chars[k.start..k.end]
            .iter()
            .any(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی'))
}

/// A title phrase is matched against the article at most this many tokens back: the
/// length of a long article, so the first mention, where the name and its title are
/// written side by side, is still in reach.
pub const TITLE_HOLDER_TOKENS: usize = 2_000;

/// Whether word `u` heads or leads a title phrase: a title ("رهبر", "قائد") or a person
/// noun ("القائد", "minister").
fn is_title_word(doc: &Doc, lex: &Lexicon, u: usize) -> bool {
    doc.toks[u].info.title() || lex.role(doc.fold_of(u)).person_noun
}

/// Arabic's definite article is written onto the word: "القائد" and "قائد" are one word
/// for matching a title to its earlier mention.
pub fn without_article(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => w,
    }
}

fn key<'d>(doc: &'d Doc, u: usize) -> &'d str {
    without_article(doc.fold_of(u))
}

/// Who the title phrase `a..b` at a cue ("الأخ القائد", "رهبر انقلاب", "the governor")
/// stands for: the person of `named` (speakers written at earlier cues) whose name the
/// article wrote beside the same title before, as a title before a name ("المرشد … علي
/// خامنئي") or as an apposition after it ("علي خامنئي ، قائد الثورة"). The phrase must have
/// no name of its own (in Latin script no capitalised word but its titles), and the
/// title's words after its head must match in full, so that "وزير الخارجية" is not joined
/// to another "وزير".
pub fn title_holder(
    doc: &Doc,
    lex: &Lexicon,
    (a, b): (usize, usize),
    named: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let words: Vec<usize> = (a..b).filter(|&u| doc.toks[u].word).collect();
    let lead = words
        .iter()
        .take_while(|&&u| doc.toks[u].info.det())
        .count();
    let words = &words[lead..];
    if !words.first().is_some_and(|&u| is_title_word(doc, lex, u)) {
        return None;
    }
    let own_name = words
        .iter()
        .any(|&u| !doc.is_arabic_script(u) && doc.is_capitalised(u) && !is_title_word(doc, lex, u));
    if own_name || words.len() > MAX_TITLE_PHRASE_WORDS {
        return None;
    }
    // The head is the last of the leading titles ("الأخ القائد", "مكتب المرشد"); a title
    // word later in the phrase is part of a proper name ("… واحد یادگار امام").
    let h = words
        .iter()
        .take_while(|&&u| is_title_word(doc, lex, u))
        .count()
        - 1;
    let rest = &words[h + 1..];
    let low = a.saturating_sub(TITLE_HOLDER_TOKENS);
    let named = &named[named.len().saturating_sub(RECENT_NAMED)..];
    (low..a)
        .rev()
        .filter(|&u| doc.toks[u].word && key(doc, u) == key(doc, words[h]))
        .take(MAX_TITLE_OCCURRENCES)
        .find_map(|u| {
            let end = title_words_match(doc, u + 1, a, rest)?;
            holder_at(doc, lex, end, named, u)
                .or_else(|| holder_before(doc, lex, u, named))
                .or_else(|| apposed_name(doc, lex, u, end, named))
        })
}

/// Only the speakers named at this many latest cues are looked at, and only this many
/// earlier uses of the title: enough for an article's people, and a bound on the work a
/// title phrase costs in an article of thousands of cues.
const RECENT_NAMED: usize = 64;
const MAX_TITLE_OCCURRENCES: usize = 16;

/// A name this title phrase stands in apposition to has at most this many words.
const APPOSED_NAME_WORDS: usize = 4;

/// The name a title at `u..end` is set off from by commas on both sides ("الدكتور سالم
/// العتيبي ، مدير المستشفى ،", "Ann Lee, the governor,"), though no cue has it in this
/// place: the words before the first comma, back to punctuation, a stop word or a cue. In
/// Latin script they are capitalised words; in Arabic script, which has no capitals, they
/// open with a title or share a word with a speaker of `named` (else a place or an object
/// before the comma, "… لاهیجان، مدیرکل …", would pass for the name).
fn apposed_name(
    doc: &Doc,
    lex: &Lexicon,
    u: usize,
    end: usize,
    named: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let comma = |t: usize| matches!(doc.punct(t), Some(',' | '،'));
    let para = doc.toks[u].para;
    let set_off = u >= 2 && comma(u - 1) && end < doc.toks.len() && comma(end);
    if !set_off || doc.toks[u - 2].para != para {
        return None;
    }
    let b = u - 1;
    let mut a = b;
    while a > 0 && b - a < APPOSED_NAME_WORDS {
        let k = &doc.toks[a - 1];
        let name_like = k.word
            && k.para == para
            && !k.info.stop()
            && k.info.cue.is_none()
            && !k.info.pronoun()
            && (doc.is_arabic_script(a - 1) || doc.is_capitalised(a - 1));
        if !name_like {
            break;
        }
        a -= 1;
    }
    let has_name = (a..b).any(|v| !is_title_word(doc, lex, v));
    if !has_name || !doc.is_arabic_script(u) {
        return has_name.then_some((a, b));
    }
    // An Arabic name opens with its title ("استقبل الدكتور سالم …": the verb before is no
    // part of it).
    if let Some(t) = (a..b).find(|&v| doc.toks[v].info.title()) {
        return Some((t, b));
    }
    let spoken = |v: usize| {
        named
            .iter()
            .any(|&(x, y)| (x..y).any(|w| doc.toks[w].word && key(doc, w) == key(doc, v)))
    };
    (a..b)
        .any(|v| !doc.toks[v].info.title() && spoken(v))
        .then_some((a, b))
}

/// A title phrase has at most this many words ("الأخ قائد الثورة الإسلامية").
const MAX_TITLE_PHRASE_WORDS: usize = 5;

/// Where the words `rest` end when they follow, word by word, from token `from` (before
/// `limit`).
fn title_words_match(doc: &Doc, from: usize, limit: usize, rest: &[usize]) -> Option<usize> {
    let mut v = from;
    for &r in rest {
        if v >= limit || !doc.toks[v].word || key(doc, v) != key(doc, r) {
            return None;
        }
        v += 1;
    }
    Some(v)
}

/// The speaker of `named` whose mention holds word `t`, the name written right beside a
/// title, and reaches over the title at `title` too: the title is part of that mention
/// ("المرشد … علي خامنئي", "علی رضایی وزیر نیرو"), not a neighbour of it.
fn holder_at(
    doc: &Doc,
    lex: &Lexicon,
    t: usize,
    named: &[(usize, usize)],
    title: usize,
) -> Option<(usize, usize)> {
    let k = doc.toks.get(t)?;
    if !k.word || k.info.stop() || k.info.cue.is_some() || is_title_word(doc, lex, t) {
        return None;
    }
    named
        .iter()
        .rev()
        .find(|&&(x, y)| x <= t.min(title) && t.max(title) < y)
        .copied()
}

/// The holder written right before the title at `u`: a mention holding both ("علی رضایی
/// وزیر نیرو"), or one ending right before a comma and the title ("علي خامنئي ، قائد
/// الثورة").
fn holder_before(
    doc: &Doc,
    lex: &Lexicon,
    u: usize,
    named: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let t = u.checked_sub(1)?;
    if !matches!(doc.punct(t), Some(',' | '،')) {
        return holder_at(doc, lex, t, named, u);
    }
    let w = t.checked_sub(1)?;
    if doc.toks[w].para != doc.toks[u].para || !doc.toks[w].word {
        return None;
    }
    named
        .iter()
        .rev()
        .find(|&&(x, y)| x <= w && y == w + 1)
        .copied()
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
    fn a_statement_whose_issuing_verb_ends_the_text_has_no_issuer() {
        // Written for this test (the fuzzer found the text cut after the verb): the issuer
        // would be read past the last token.
        let lx = Lexicon::build();
        let d = Doc::new("بيان أصدرته", &lx);
        assert_eq!(issuer_after(&d, 0), None);
    }

    #[test]
    fn addressee_after_an_arabic_cue_is_skipped() {
        let lx = Lexicon::build();
        let d = Doc::new("قال لي المهندس سعيد إن", &lx);
        assert_eq!(d.fold_of(past_addressee(&d, &lx, 1)), "المهندس");
        let d = Doc::new("وصرح لوكالة الأنباء الرسمية بأن", &lx);
        assert_eq!(d.fold_of(past_addressee(&d, &lx, 1)), "بان");
        // li- on a hamza: an outlet's transliterated name, up to the next stop word.
        let d = Doc::new("وقال لأسوشيتد برس في مقابلة إن", &lx);
        assert_eq!(d.fold_of(past_addressee(&d, &lx, 1)), "فی");
        // The folded "لا…" of a name is no li- ("وقال لافروف").
        let d = Doc::new("وقال لافروف إن", &lx);
        assert_eq!(past_addressee(&d, &lx, 1), 1);
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
        // The name ends before a bi- phrase, and in Arabic the verb before the title is no
        // part of it, even where the paragraph's language is not known.
        let d = Doc::new("التقى الوزير منير الخطيب بالنواب. وقال", &lx);
        let (a, b) = titled_mention_before(&d, d.toks.len() - 1).unwrap();
        assert_eq!(d.tokens_text(a, b), "الوزير منير الخطيب");
        // Persian sets the name off with a comma before the title, too.
        let d = Doc::new(
            "محمد رضایی، معاون وزیر نیرو، دیروز در نشست حاضر شد. این مقام",
            &lx,
        );
        let (a, b) = titled_mention_before(&d, d.toks.len() - 2).unwrap();
        assert_eq!(d.tokens_text(a, b), "محمد رضایی، معاون وزیر نیرو");
        let d = Doc::new("دیروز علی رضایی وزیر نیرو در نشست حاضر شد. وی", &lx);
        let (a, b) = titled_mention_before(&d, d.toks.len() - 1).unwrap();
        assert_eq!(d.tokens_text(a, b), "علی رضایی وزیر نیرو");
    }
}
