//! Per-language word lists for attribution, one data file per language, merged into one
//! [`Lexicon`] at start-up. Words are matched after [`fold_for_matching`] (Arabic-script letter variants,
//! diacritics, ZWNJ and case removed), so the tables are written in ordinary spelling.

pub mod ar;
pub mod de;
mod en;
mod es;
mod fa;
mod fr;

use crate::text::chars::fold::{fold_for_matching, word_hash};
use std::collections::HashMap;

/// Where the speaker stands relative to the cue verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Arabic: "وقال الرئيس إن …"; no subject after the verb means an implicit subject.
    VerbFirst,
    /// Persian: "رهبر انقلاب … گفتند:"; the subject opens the sentence.
    VerbLast,
    /// English, French, Spanish: "X said", or inverted after a quotation "said X".
    Either,
    /// German: as `Either`, and the subject follows the verb when an adverbial or an object
    /// opens the clause ("In seiner Ansprache sagte der Präsident").
    VerbSecond,
}

/// One language's data, written by hand in `lang/<code>.rs`.
pub struct LangData {
    pub code: &'static str,
    pub order: Order,
    /// Finite cue verbs as written (every inflected form the language file wants matched).
    pub verbs: &'static [&'static str],
    /// Adverbial cues whose subject is the sentence's subject ("مشدداً", "قائلا").
    pub participles: &'static [&'static str],
    /// Cues followed by the source ("according to", "وفقا", "laut"); multi-word allowed.
    pub according: &'static [&'static str],
    /// Cues preceded by the source ("X zufolge").
    pub according_after: &'static [&'static str],
    /// Persian compound verbs: a nonverbal head ("تأکید") followed by a light verb ("کردند").
    pub compound_heads: &'static [&'static str],
    pub light_verbs: &'static [&'static str],
    /// Cue verbs whose following name is the addressee, not the speaker ("وخاطب الكاظمي
    /// قائلا": Khamenei speaks): their subject is the one named before.
    pub addressee_verbs: &'static [&'static str],
    /// Adverbs and auxiliaries skipped between a subject and its cue ("Trump also said").
    pub skip_before: &'static [&'static str],
    /// Subject pronouns: a speaker that is one of these is resolved to the person named before.
    pub pronouns: &'static [&'static str],
    /// Words that end a speaker's name (prepositions, conjunctions, "that", "إن").
    pub stops: &'static [&'static str],
    /// Titles and honorifics: a speaker phrase holding one is a name even when long.
    pub titles: &'static [&'static str],
    /// Cues valid only right after a quotation („…“, so Merkel), being ordinary words elsewhere.
    pub after_quote_only: &'static [&'static str],
    /// Conjunctions before a cue whose subject is the sentence's ("Medvedev bedankte sich und sagte").
    pub conjunctions: &'static [&'static str],
    /// Complementisers opening reported speech ("that", "أن", "که").
    pub complementizers: &'static [&'static str],
    /// Prepositions: a one- or two-word quoted span right after one is a name ("على «تويتر»").
    pub prepositions: &'static [&'static str],
    /// Nouns that introduce a quoted name or title (a newspaper «…», a film "…"): a short
    /// quoted span right after one is a name, not a quotation.
    pub name_nouns: &'static [&'static str],
    /// The commonest words, telling a paragraph's language among Latin-script ones.
    pub function_words: &'static [&'static str],
    /// Short quoted fragments starting in lower case are quotations even with no cue near:
    /// German capitalises names and nouns, so a lower-case fragment is someone's words
    /// ("die Lage sei „haltlos“"); in English such fragments are mostly scare quotes.
    pub lowercase_fragments_quote: bool,
    /// Endings of compound nouns that introduce names (German "Fernsehsender „…“").
    pub name_noun_suffixes: &'static [&'static str],
    /// Paragraph-opening labels that are not speakers ("عاجل:", "Source:").
    pub not_speakers: &'static [&'static str],
    /// Auxiliaries of a verb-final cue ("Metz hat … erklärt", "Freiberg wird … zitiert"):
    /// the subject stands by the auxiliary, not by the participle.
    pub auxiliaries: &'static [&'static str],
    /// Articles and determiners, which open a noun phrase ("der", "einer", "the").
    pub determiners: &'static [&'static str],
    /// Common nouns for a person ("official", "Experte", "المسؤول", "کارشناس"): led by a
    /// determiner or demonstrative and with no name beside them, they describe someone the
    /// article has named, and the reader wants that name.
    pub person_nouns: &'static [&'static str],
    /// Demonstratives ("this", "dieser", "هذا", "این"): a person noun after one points back
    /// to someone named before; after an article ("the mayor") it may be a first mention.
    pub demonstratives: &'static [&'static str],
    /// Possessive determiners ("my", "his", "sein"): a common noun after one ("my father",
    /// "his lawyer") is a speaker as written, a person the reader knows by that relation.
    pub possessives: &'static [&'static str],
    /// Verbs that name or describe ("called", "dubbed"): cues for the words they put in marks
    /// ("calls people “losers”"), but a capitalised span after one is a name ("a group
    /// called “Friends of the Park”").
    pub naming_verbs: &'static [&'static str],
    /// Forms of "to be" that make a naming verb passive ("was called “…” by many"): the
    /// words in marks are then nobody's in particular.
    pub passive_auxiliaries: &'static [&'static str],
    /// Verb forms only reported speech uses (German Konjunktiv I: "sei", "habe", "könne"): a
    /// sentence holding one gives someone's words, so a term quoted in it is theirs.
    pub subjunctives: &'static [&'static str],
    /// Prepositions that name a passive verb's agent ("wurde von X als „…“ bezeichnet").
    pub agent_prepositions: &'static [&'static str],
    /// Participles whose passive subject is the one quoted, not what was said ("Freiberg
    /// wird mit den Worten zitiert").
    pub quoting_participles: &'static [&'static str],
    /// Nouns for a source that is no person or organisation ("report", "sources", "گزارش",
    /// "التقرير"): a speaker phrase that is only one of them is no speaker.
    pub source_nouns: &'static [&'static str],
    /// Arabic words after a cue verb that name its addressee, not its subject: the
    /// preposition li- with a pronoun ("لي", "لهم") or an outlet ("لوكالة", "لقناة").
    pub addressees: &'static [&'static str],
}

/// Index of Arabic in [`ALL`].
pub const AR: usize = 0;
/// Index of Persian in [`ALL`].
pub const FA: usize = 1;

/// Every language's tables; a word's [`WordInfo::lang`] indexes it. Arabic first and
/// Persian second: the Arabic-script languages are indices [`AR`] and [`FA`].
pub const ALL: &[&LangData] = &[
    &ar::DATA,
    &fa::DATA,
    &en::DATA,
    &de::DATA,
    &fr::DATA,
    &es::DATA,
];

/// What a folded word is: its cue, and one bit for each property below. Packed (six bytes,
/// not nineteen) because every token carries a copy and the tokenizer writes one per token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    pub cue: Option<CueKind>,
    /// Index into [`ALL`] of the language the cue came from.
    pub lang: u8,
    /// 1 + index into [`ALL`] of the language this is a function word of; 0 for none.
    pub function_word: u8,
    flags: u16,
}

/// The properties of a [`WordInfo`]: for each, its reader and its bit.
macro_rules! word_flags {
    ($($(#[$doc:meta])* $get:ident = $bit:ident;)*) => {
        word_flags!(@bits 0u32; $($bit)*);
        impl WordInfo {
            $($(#[$doc])* #[inline]
            pub fn $get(&self) -> bool {
                self.flags & $bit != 0
            })*
        }
    };
    (@bits $n:expr; $bit:ident $($rest:ident)*) => {
        const $bit: u16 = 1 << $n;
        word_flags!(@bits $n + 1; $($rest)*);
    };
    (@bits $n:expr;) => {};
}

word_flags! {
    pronoun = PRONOUN;
    stop = STOP;
    title = TITLE;
    head = HEAD;
    light = LIGHT;
    not_speaker = NOT_SPEAKER;
    skip = SKIP;
    name_noun = NAME_NOUN;
    after_quote_only = AFTER_QUOTE_ONLY;
    conj = CONJ;
    preposition = PREPOSITION;
    complementizer = COMPLEMENTIZER;
    addressee = ADDRESSEE;
    /// First word of a multi-word "according to" cue; the rest is in `Lexicon::multi`.
    multi = MULTI;
    aux = AUX;
    det = DET;
}

impl WordInfo {
    fn set(&mut self, bit: u16) {
        self.flags |= bit;
    }

    /// Marks the word a title ("US-Präsident" takes its last part's).
    pub fn set_title(&mut self, on: bool) {
        if on {
            self.set(TITLE);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    Participle,
    According,
    AccordingAfter,
}

/// All languages' words, folded, in one table; built once.
pub struct Lexicon {
    words: WordTable,
    /// Multi-word cues: first word -> (remaining folded words, kind, lang).
    pub multi: MultiCues,
    name_suffixes: Vec<String>,
    /// The speaker-phrase word classes asked about only when a speaker is resolved, so they
    /// live apart from the per-token flags.
    roles: HashMap<String, Role>,
}

/// What a word is in a speaker phrase, beyond its [`WordInfo`] flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Role {
    pub person_noun: bool,
    pub demonstrative: bool,
    pub source_noun: bool,
    pub addressee: bool,
    pub possessive: bool,
    pub naming: bool,
    pub passive: bool,
    pub reported: bool,
    pub agent: bool,
    pub quoting: bool,
}

/// Filter bits per word of a [`WordTable`]: about one miss in eleven gets past the filter.
const FILTER_BITS_PER_WORD: usize = 8;

/// An open-addressing table from folded word to [`WordInfo`], looked up by the hash that
/// [`fold_word_for_matching`](crate::text::chars::fold::fold_word_for_matching) computes while it folds a word, so a word is read once.
/// A slot holds the upper half of the word's hash and 1 + its entry index (0: empty); at
/// most a quarter of the slots are used, so a miss usually ends at the first slot.
///
/// Most words of a text are in no table, and the slots (128 KB for about 3,000 words) do not
/// stay in the first-level cache beside everything else a worker does; a one-bit-per-hash
/// filter of [`FILTER_BITS_PER_WORD`] bits a word (4 KB) answers most of those misses alone.
struct WordTable {
    /// Bit `filter_bit(h)` is set for the hash of every word in the table.
    filter: Vec<u64>,
    filter_shift: u32,
    slots: Vec<u64>,
    /// Right shift taking a mixed hash to a slot index.
    shift: u32,
    entries: Vec<Entry>,
    /// The bytes of every word beyond its first eight, one word after another.
    tails: Vec<u8>,
}

/// A word of a [`WordTable`], compared without reading elsewhere when it is at most eight
/// bytes long (most cue and function words): its first eight bytes as one integer, its length,
/// and where the rest of it starts in `tails`.
struct Entry {
    head: u64,
    len: u32,
    tail: u32,
    info: WordInfo,
}

/// The first eight bytes of `word` as a little-endian integer, zero-padded ([`head_bytewise`]):
/// read as two loads of two or four bytes that overlap in the middle (the bytes they share
/// land in the same place), or as one of eight, not byte by byte.
#[inline]
fn head(word: &[u8]) -> u64 {
    let n = word.len();
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([word[i], word[i + 1]]));
    let u32_at = |i: usize| {
        u64::from(u32::from_le_bytes([
            word[i],
            word[i + 1],
            word[i + 2],
            word[i + 3],
        ]))
    };
    match n {
        0 => 0,
        1 => u64::from(word[0]),
        2..=3 => u16_at(0) | u16_at(n - 2) << (8 * (n - 2)),
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        _ => u32_at(0) | u32_at(4) << 32,
    }
}

/// [`head`] by its definition, for the test that compares them.
#[cfg(test)]
fn head_bytewise(word: &[u8]) -> u64 {
    word.iter()
        .take(8)
        .enumerate()
        .fold(0, |h, (i, &b)| h | u64::from(b) << (8 * i))
}

impl WordTable {
    fn new(words: HashMap<String, WordInfo>) -> WordTable {
        let bits = (words.len().max(1) * 4)
            .next_power_of_two()
            .trailing_zeros();
        let filter_bits = (words.len().max(1) * FILTER_BITS_PER_WORD)
            .next_power_of_two()
            .max(64)
            .trailing_zeros();
        let mut t = WordTable {
            filter: vec![0; (1 << filter_bits) / 64],
            filter_shift: 64 - filter_bits,
            slots: vec![0; 1 << bits],
            shift: 64 - bits,
            entries: Vec::with_capacity(words.len()),
            tails: Vec::new(),
        };
        for (i, (w, info)) in words.into_iter().enumerate() {
            let bytes = w.as_bytes();
            t.entries.push(Entry {
                head: head(bytes),
                len: bytes.len() as u32,
                tail: t.tails.len() as u32,
                info,
            });
            t.tails
                .extend_from_slice(bytes.get(8..).unwrap_or_default());
            let h = word_hash(&w);
            let bit = t.filter_bit(h);
            t.filter[bit / 64] |= 1 << (bit % 64);
            let mut s = t.slot(h);
            while t.slots[s] != 0 {
                s = (s + 1) & (t.slots.len() - 1);
            }
            t.slots[s] = (h & !0xFFFF_FFFF) | (i as u64 + 1);
        }
        t
    }

    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// A multiplier other than the slot's, so that words sharing a slot seldom share a bit.
    fn filter_bit(&self, h: u64) -> usize {
        (h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> self.filter_shift) as usize
    }

    /// The filter is read inline: it answers most words, and as a call the look-up cost more
    /// in saving and restoring registers (for the probe) than in looking.
    #[inline(always)]
    fn get(&self, word: &[u8], h: u64) -> WordInfo {
        let bit = self.filter_bit(h);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return WordInfo::default();
        }
        self.probe(word, h)
    }

    /// [`WordTable::get`] for a word that passed the filter: the slots and the comparison.
    #[inline(never)]
    fn probe(&self, word: &[u8], h: u64) -> WordInfo {
        // The word's head once, before the loop; the bytes past it (a long word, one in eight
        // of the words that get here) compared out of line, which leaves the loop few values
        // to hold (they had been saved and set up on every call).
        let head = head(word);
        let mask = self.slots.len() - 1;
        let mut s = self.slot(h);
        loop {
            let v = self.slots[s];
            if v == 0 {
                return WordInfo::default();
            }
            if (v ^ h) >> 32 == 0 {
                let e = &self.entries[(v as u32 - 1) as usize];
                if e.len as usize == word.len()
                    && e.head == head
                    && (word.len() <= 8 || self.tail_matches(e, word))
                {
                    return e.info;
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// Whether the bytes of `word` past its eighth are those of entry `e`, of the same length.
    #[inline(never)]
    fn tail_matches(&self, e: &Entry, word: &[u8]) -> bool {
        let rest = &word[8..];
        let at = e.tail as usize;
        self.tails[at..at + rest.len()] == *rest
    }
}

/// One of a language's word lists.
type WordList = fn(&LangData) -> &'static [&'static str];

/// The cue lists and the kind of cue each gives, in the order a word's first cue is taken.
const CUE_LISTS: [(WordList, CueKind); 5] = [
    (|d| d.verbs, CueKind::Verb),
    (|d| d.naming_verbs, CueKind::Verb),
    (|d| d.participles, CueKind::Participle),
    (|d| d.according, CueKind::According),
    (|d| d.according_after, CueKind::AccordingAfter),
];

/// The lists whose words, as written, get one [`WordInfo`] flag each.
const FLAG_LISTS: [(WordList, u16); 13] = [
    (|d| d.pronouns, PRONOUN),
    (|d| d.stops, STOP),
    (|d| d.titles, TITLE),
    (|d| d.compound_heads, HEAD),
    (|d| d.light_verbs, LIGHT),
    (|d| d.after_quote_only, AFTER_QUOTE_ONLY),
    (|d| d.complementizers, COMPLEMENTIZER),
    (|d| d.prepositions, PREPOSITION),
    (|d| d.conjunctions, CONJ),
    (|d| d.skip_before, SKIP),
    (|d| d.not_speakers, NOT_SPEAKER),
    (|d| d.auxiliaries, AUX),
    (|d| d.determiners, DET),
];

/// The lists whose words get their flag in every inflected form ([`variants`]).
const INFLECTED_FLAG_LISTS: [(WordList, u16); 2] = [
    (|d| d.name_nouns, NAME_NOUN),
    (|d| d.addressee_verbs, ADDRESSEE),
];

/// Multi-word cues: first word -> (remaining folded words, kind, lang).
type MultiCues = HashMap<String, Vec<(Vec<String>, CueKind, u8)>>;

impl Lexicon {
    pub fn build() -> Lexicon {
        let mut words: HashMap<String, WordInfo> = HashMap::new();
        let mut multi = MultiCues::new();
        for (li, d) in ALL.iter().enumerate() {
            add_language(&mut words, &mut multi, li as u8, d);
        }
        let name_suffixes = ALL
            .iter()
            .flat_map(|d| d.name_noun_suffixes.iter().map(|w| fold_for_matching(w)))
            .collect();
        for k in multi.keys() {
            words.entry(k.clone()).or_default().set(MULTI);
        }
        // Arabic word classes built from grammar (`ar::not_name_forms`): never a name word.
        for w in ar::not_name_forms() {
            words.entry(fold_for_matching(&w)).or_default().set(STOP);
        }
        // An Arabic addressee with li- ends the subject written before it ("وقال المتحدث
        // باسم الشرطة لوكالة الأنباء إن …"): it is never part of a name.
        // ("لي" is also the Chinese name Li.)
        let listed = ar::DATA.addressees.iter().filter(|w| **w != "لي");
        for w in ar::addressee_forms()
            .iter()
            .map(String::as_str)
            .chain(listed.copied())
        {
            words.entry(fold_for_matching(w)).or_default().set(STOP);
        }
        Lexicon {
            words: WordTable::new(words),
            multi,
            name_suffixes,
            roles: roles(),
        }
    }

    /// The [`Role`] of a folded word in a speaker phrase.
    pub fn role(&self, folded: &str) -> Role {
        self.roles.get(folded).copied().unwrap_or_default()
    }

    /// Whether a folded word ends like a name-introducing compound noun.
    pub fn has_name_suffix(&self, folded: &str) -> bool {
        self.name_suffixes
            .iter()
            .any(|s| folded.len() > s.len() && folded.ends_with(s.as_str()))
    }

    pub fn get(&self, folded: &str) -> WordInfo {
        self.words.get(folded.as_bytes(), word_hash(folded))
    }

    /// [`Lexicon::get`] given the word's UTF-8 and its hash, as [`fold_word_for_matching`](crate::text::chars::fold::fold_word_for_matching) returned it.
    #[inline]
    pub fn get_hashed(&self, folded: &[u8], h: u64) -> WordInfo {
        self.words.get(folded, h)
    }
}

/// Sets one property of a [`Role`].
type SetRole = fn(&mut Role);

/// Every language's person nouns, demonstratives, source nouns, addressee words,
/// possessives, naming verbs, passive auxiliaries, subjunctives and passive agents, folded.
fn roles() -> HashMap<String, Role> {
    let mut out: HashMap<String, Role> = HashMap::new();
    for d in ALL {
        let lists: [(&[&str], SetRole); 10] = [
            (d.person_nouns, |r| r.person_noun = true),
            (d.demonstratives, |r| r.demonstrative = true),
            (d.source_nouns, |r| r.source_noun = true),
            (d.addressees, |r| r.addressee = true),
            (d.possessives, |r| r.possessive = true),
            (d.naming_verbs, |r| r.naming = true),
            (d.passive_auxiliaries, |r| r.passive = true),
            (d.subjunctives, |r| r.reported = true),
            (d.agent_prepositions, |r| r.agent = true),
            (d.quoting_participles, |r| r.quoting = true),
        ];
        for (words, set) in lists {
            for w in words {
                set(out.entry(fold_for_matching(w)).or_default());
            }
        }
    }
    for w in ar::addressee_forms() {
        out.entry(fold_for_matching(&w)).or_default().addressee = true;
    }
    out
}

/// Adds the words of the language `d` (index `li` into [`ALL`]) to `words` and its
/// multi-word cues to `multi`: a word keeps the first cue and the first language it is a
/// function word of.
fn add_language(
    words: &mut HashMap<String, WordInfo>,
    multi: &mut MultiCues,
    li: u8,
    d: &LangData,
) {
    for (list, kind) in CUE_LISTS {
        for w in list(d) {
            add_cue(words, multi, li, d, w, kind);
        }
    }
    for (list, flag) in FLAG_LISTS {
        for w in list(d) {
            words.entry(fold_for_matching(w)).or_default().set(flag);
        }
    }
    for (list, flag) in INFLECTED_FLAG_LISTS {
        for w in list(d) {
            for form in variants(d, &fold_for_matching(w)) {
                words.entry(form).or_default().set(flag);
            }
        }
    }
    for w in d.function_words {
        let e = words.entry(fold_for_matching(w)).or_default();
        if e.function_word == 0 {
            e.function_word = li + 1;
        }
    }
}

/// Adds the cue `w` of `kind`: a multi-word cue to `multi` by its first word, a single word
/// in every inflected form unless the form has a cue already.
fn add_cue(
    words: &mut HashMap<String, WordInfo>,
    multi: &mut MultiCues,
    li: u8,
    d: &LangData,
    w: &str,
    kind: CueKind,
) {
    let parts: Vec<String> = w.split_whitespace().map(fold_for_matching).collect();
    if parts.len() > 1 {
        multi
            .entry(parts[0].clone())
            .or_default()
            .push((parts[1..].to_vec(), kind, li));
        return;
    }
    for form in variants(d, &parts[0]) {
        let e = words.entry(form).or_default();
        if e.cue.is_none() {
            e.cue = Some(kind);
            e.lang = li;
        }
    }
}

/// Inflected forms generated from a table entry: Arabic verbs take the conjunctions و/ف in
/// front (and past-tense verbs the feminine ت); other languages are listed in full.
fn variants(d: &LangData, w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if d.code == "ar" {
        let base = out.clone();
        // Object suffixes on verbs: ووصفه، وخاطبها.
        let base: Vec<String> = base
            .iter()
            .flat_map(|b| [b.clone(), format!("{b}ه"), format!("{b}ها")])
            .collect();
        out.clear();
        for b in &base {
            out.push(b.clone());
            out.push(format!("و{b}"));
            out.push(format!("ف{b}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_passes_every_word_of_the_table() {
        let lx = Lexicon::build();
        let t = &lx.words;
        for e in &t.entries {
            let mut w = e.head.to_le_bytes()[..(e.len as usize).min(8)].to_vec();
            let at = e.tail as usize;
            w.extend_from_slice(&t.tails[at..at + (e.len as usize).saturating_sub(8)]);
            let w = String::from_utf8(w).unwrap();
            assert_eq!(lx.get(&w), e.info, "{w}");
        }
        // A word differing from a table word after its eighth byte, or one byte longer or
        // shorter, is not it.
        let long = t
            .entries
            .iter()
            .find(|e| e.len > 9)
            .expect("a word of ten bytes or more");
        let at = long.tail as usize;
        let mut w = long.head.to_le_bytes().to_vec();
        w.extend_from_slice(&t.tails[at..at + long.len as usize - 8]);
        let h = word_hash(std::str::from_utf8(&w).unwrap());
        assert_eq!(t.get(&w, h), long.info);
        // Looked up with the word's own hash, so that only the comparison can tell them apart.
        let last = w.len() - 1;
        w[last] ^= 1;
        assert_eq!(t.get(&w, h), WordInfo::default());
        w[last] ^= 1;
        w.push(b'x');
        assert_eq!(t.get(&w, h), WordInfo::default());
        w.truncate(w.len() - 2);
        assert_eq!(t.get(&w, h), WordInfo::default());
        let passed = (0..10_000)
            .map(|i| format!("notaword{i}"))
            .filter(|w| {
                let t = &lx.words;
                let bit = t.filter_bit(word_hash(w));
                t.filter[bit / 64] & (1 << (bit % 64)) != 0
            })
            .count();
        assert!(
            passed < 1_500,
            "{passed} of 10,000 unknown words passed the filter"
        );
    }

    #[test]
    fn head_agrees_with_its_definition() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for n in 0..=12 {
            for _ in 0..200 {
                let word: Vec<u8> = (0..n)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        x as u8
                    })
                    .collect();
                assert_eq!(head(&word), head_bytewise(&word), "{word:?}");
            }
        }
    }

    #[test]
    fn a_word_is_found_by_the_hash_its_folding_computed() {
        let lx = Lexicon::build();
        let chars: Vec<char> = "وقال".chars().collect();
        let mut w = Vec::new();
        let h = crate::text::chars::fold::fold_word_for_matching(&chars, &mut w);
        assert_eq!(lx.get_hashed(&w, h).cue, Some(CueKind::Verb));
        assert_eq!(lx.get("no-such-word"), WordInfo::default());
    }

    #[test]
    fn arabic_cues_take_conjunctions() {
        let lx = Lexicon::build();
        assert_eq!(lx.get(&fold_for_matching("وأضاف")).cue, Some(CueKind::Verb));
        assert_eq!(lx.get(&fold_for_matching("فقال")).cue, Some(CueKind::Verb));
        assert_eq!(
            lx.get(&fold_for_matching("مشدداً")).cue,
            Some(CueKind::Participle)
        );
    }

    #[test]
    fn persian_compound_verbs_are_heads_and_light_verbs() {
        let lx = Lexicon::build();
        assert!(lx.get(&fold_for_matching("تأکید")).head());
        assert!(lx.get(&fold_for_matching("کردند")).light());
        assert_eq!(
            lx.get(&fold_for_matching("افزودند")).cue,
            Some(CueKind::Verb)
        );
    }
}
