//! One identity per person: the `speakers` list of an article and each quotation's
//! `speaker_index`. Speaker phrases are grouped by their name words (folded, without titles,
//! articles and stop words), so "Donald Trump", "Mr. Trump" and "Trump" are one entry; a
//! pronoun or implicit subject already carries the text of the person it was resolved to.
//! A short form that fits several people goes to the one quoted last. A role or a title
//! written at a cue ("the mayor", "الأخ القائد") is grouped by the person it describes,
//! named earlier in the article.

use super::lang::Lexicon;
use super::resolve::without_article;
use crate::message::{Quote, Speaker};
use crate::text::chars::fold::fold_for_matching;

/// A speaker being grouped: its entry, its name words, and where it was last quoted.
struct Entry {
    speaker: Speaker,
    /// Folded name words of every mention.
    words: Vec<String>,
    /// Folded name words of each form the entry is known by (one per distinct form).
    forms: Vec<Vec<String>>,
    /// Name words of the fullest mention so far (the `name` shown).
    fullest: usize,
    last_quote: usize,
}

/// Gives each quotation with a speaker the index of its entry and returns the entries, in
/// order of first quotation. `identities[i]` is the name quotation `i`'s speaker is known by
/// (the speaker itself, or the person a role describes).
pub fn index(quotes: &mut [Quote], identities: &[Option<String>], lex: &Lexicon) -> Vec<Speaker> {
    group(quotes, identities, lex)
        .into_iter()
        .map(|e| e.speaker)
        .collect()
}

/// Groups the quotations' speakers by name words, setting `speaker_index`.
fn group(quotes: &mut [Quote], identities: &[Option<String>], lex: &Lexicon) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for (qi, q) in quotes.iter_mut().enumerate() {
        let Some(text) = q.speaker.as_deref() else {
            continue;
        };
        let known_as = identities
            .get(qi)
            .and_then(|i| i.as_deref())
            .unwrap_or(text);
        let words = name_words(known_as, lex);
        let i = match find(&entries, &words) {
            Some(i) => i,
            None => {
                entries.push(Entry {
                    speaker: Speaker {
                        index: entries.len(),
                        name: known_as.to_owned(),
                        mentions: Vec::new(),
                    },
                    words: Vec::new(),
                    forms: Vec::new(),
                    fullest: 0,
                    last_quote: qi,
                });
                entries.len() - 1
            }
        };
        let e = &mut entries[i];
        e.last_quote = qi;
        if !e.speaker.mentions.iter().any(|m| m == text) {
            e.speaker.mentions.push(text.to_owned());
        }
        if words.len() > e.fullest {
            e.fullest = words.len();
            e.speaker.name = known_as.to_owned();
        }
        for w in &words {
            if !e.words.contains(w) {
                e.words.push(w.clone());
            }
        }
        if !e.forms.contains(&words) {
            e.forms.push(words);
        }
        q.speaker_index = Some(i);
    }
    entries
}

/// The entry a mention with name words `words` belongs to: one whose words hold all of the
/// mention's, or all of whose words the mention holds, or one of whose forms of two words
/// or more the mention holds ("Ali Khan" in "Ali Khan Jr.", though the entry also has
/// words the mention lacks); the most recently quoted of several. A one-word form is no
/// such bridge: "Israeli" would join every Israeli body to the first.
fn find(entries: &[Entry], words: &[String]) -> Option<usize> {
    if words.is_empty() {
        return None;
    }
    let holds = |set: &[String], w: &String| set.iter().any(|x| same_word(x, w));
    let within = |a: &[String], b: &[String]| a.iter().all(|w| holds(b, w));
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            within(words, &e.words)
                || within(&e.words, words)
                || e.forms
                    .iter()
                    .any(|f| f.len() >= MIN_BRIDGE_WORDS && within(f, words))
        })
        .max_by_key(|(_, e)| e.last_quote)
        .map(|(i, _)| i)
}

/// Whether two folded name words spell one name: equal, or long enough that one edit
/// (a letter dropped, added, changed or two swapped) is a spelling variant or a typo
/// rather than another name.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len().min(b.len()) >= MIN_VARIANT_LETTERS && one_edit(&a, &b)
}

/// A form of an entry joins a fuller mention to it when it has at least this many words.
const MIN_BRIDGE_WORDS: usize = 2;

/// Name words of at least this many letters may differ by one edit and still be one name;
/// shorter ones ("Ali", "Alt") are different names.
const MIN_VARIANT_LETTERS: usize = 5;

/// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap of
/// two neighbouring letters.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let swapped = i + 1 < short.len()
            && short[i] == long[i + 1]
            && short[i + 1] == long[i]
            && short[i + 2..] == long[i + 2..];
        swapped || short[i + 1..] == long[i + 1..]
    } else {
        short[i..] == long[i + 1..]
    }
}

/// The folded words of a speaker phrase that name it: titles, articles, stop words and
/// pronouns left out; all its words when nothing else is left ("the official").
fn name_words(text: &str, lex: &Lexicon) -> Vec<String> {
    let all: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '(' | ')'))
        .map(|w| fold_for_matching(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .filter(|w| !w.is_empty())
        .collect();
    let key = |w: &String| without_article(w).to_owned();
    let named: Vec<String> = all
        .iter()
        .filter(|w| {
            let k = lex.get(w);
            !(k.title()
                || k.stop()
                || k.det()
                || k.pronoun()
                || matches!(w.as_str(), "the" | "a" | "an" | "mr" | "mrs" | "ms"))
        })
        .map(key)
        .collect();
    if named.is_empty() {
        all.iter().map(key).collect()
    } else {
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::QuoteKind;

    fn quote(speaker: Option<&str>) -> Quote {
        Quote {
            text: "words".into(),
            start: 0,
            end: 5,
            kind: QuoteKind::Direct,
            speaker: speaker.map(str::to_owned),
            cue: None,
            speaker_index: None,
            confidence: 0.9,
        }
    }

    fn indices(speakers: &[Option<&str>]) -> (Vec<Option<usize>>, Vec<Speaker>) {
        let mut qs: Vec<Quote> = speakers.iter().map(|s| quote(*s)).collect();
        let identities: Vec<Option<String>> =
            speakers.iter().map(|s| s.map(str::to_owned)).collect();
        let list = index(&mut qs, &identities, &Lexicon::build());
        (qs.iter().map(|q| q.speaker_index).collect(), list)
    }

    #[test]
    fn forms_of_one_name_share_an_index() {
        let (ix, list) = indices(&[Some("Mayor Anna Berg"), Some("Berg"), Some("Ms. Berg")]);
        assert_eq!(ix, vec![Some(0), Some(0), Some(0)]);
        assert_eq!(list[0].name, "Mayor Anna Berg");
        assert_eq!(list[0].mentions.len(), 3);
    }

    #[test]
    fn two_people_get_two_indices_and_null_stays_null() {
        let (ix, list) = indices(&[Some("Anna Berg"), None, Some("Tom Lind"), Some("Berg")]);
        assert_eq!(ix, vec![Some(0), None, Some(1), Some(0)]);
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn the_fullest_form_names_the_entry() {
        let (ix, list) = indices(&[Some("کریمی"), Some("محمد کریمی")]);
        assert_eq!(ix, vec![Some(0), Some(0)]);
        assert_eq!(list[0].name, "محمد کریمی");
    }

    #[test]
    fn spelling_variants_and_the_arabic_article_are_one_name() {
        let (ix, _) = indices(&[
            Some("السفير كمال"),
            Some("الكمال"),
            Some("سامي العبيدي"),
            Some("العبيدى"),
        ]);
        assert_eq!(ix, vec![Some(0), Some(0), Some(1), Some(1)]);
        let (ix, _) = indices(&[Some("Ali"), Some("Alt")]);
        assert_eq!(ix, vec![Some(0), Some(1)]);
        assert!(one_edit(&['a', 'b', 'c'], &['a', 'c', 'b']));
        assert!(!one_edit(&['a', 'b', 'c'], &['c', 'b', 'a']));
    }

    #[test]
    fn a_role_is_grouped_with_the_person_it_describes() {
        let mut qs = vec![quote(Some("Anna Berg")), quote(Some("the mayor"))];
        let ids = [Some("Anna Berg".to_owned()), Some("Anna Berg".to_owned())];
        let list = index(&mut qs, &ids, &Lexicon::build());
        assert_eq!(
            (qs[0].speaker_index, qs[1].speaker_index),
            (Some(0), Some(0))
        );
        assert_eq!(list[0].mentions, vec!["Anna Berg", "the mayor"]);
    }

    #[test]
    fn a_shared_surname_goes_to_the_person_quoted_last() {
        let (ix, _) = indices(&[Some("Anna Berg"), Some("Peter Berg"), Some("Berg")]);
        assert_eq!(ix, vec![Some(0), Some(1), Some(1)]);
    }
}
