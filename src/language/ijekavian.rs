//! The ijekavian reflex of old ě, which Bosnian and Croatian write and standard (ekavian)
//! Serbian does not: "vrijeme", "mjesto", "cijena" against "vreme", "mesto", "cena".
//!
//! The marker words of [`super::languages`] list the commonest such forms; this module finds
//! the reflex in any word by its spelling, so that a Bosnian sentence whose only cue is a word
//! the list lacks ("cijelu", "lijepom") is not taken for Serbian in Latin letters, whose
//! model learned from Serbian software translations knows little else to tell them apart by.

/// Short ě became "je" after these consonants, where ekavian writes "e" ("mjesec", "vjera",
/// "pjesma", "procjena"; "mesec", "vera", "pesma", "procena"). Ekavian Serbian writes these
/// pairs in hardly a word of its own.
const SHORT_REFLEX_ANYWHERE: [&str; 4] = ["mje", "vje", "pje", "cje"];

/// ... and after these only at the start of a word ("djeca", "sjever", "tjerati", "bježati"):
/// inside one they also join a prefix to a root in ekavian ("odjek", "objekat").
const SHORT_REFLEX_AT_START: [&str; 4] = ["bje", "dje", "sje", "tje"];

/// Words that write "ije" between consonants in ekavian too: a negation or prefix before a root
/// ("nijedan", "prijem"), and loanwords ("klijent", "higijena").
const EKAVIAN_TOO: [&str; 4] = ["nije", "prijem", "ijent", "higijen"];

/// How many of the lower-case words of `text` show the ijekavian reflex, but for those `listed`
/// (the marker words, already counted). Capitalised words are skipped: most often names.
pub fn words_with_reflex(text: &str, listed: impl Fn(&str) -> bool) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .filter(|w| has_reflex(w) && !listed(w))
        .count()
}

/// Whether the lower-case word `word` shows the ijekavian reflex: a short reflex (see
/// [`SHORT_REFLEX_ANYWHERE`]), or the long one, "ije" between consonants ("cijena", "lijep",
/// "svijet"; ekavian "cena", "lep", "svet"). Not "ije" at a word's end ("Srbije", "nije",
/// "ranije" in every variety), nor before the final -g or -m of an ending ("ranijeg",
/// "pijem"), nor before r ("premijer", "kurijer").
fn has_reflex(word: &str) -> bool {
    if SHORT_REFLEX_ANYWHERE.iter().any(|s| word.contains(s))
        || SHORT_REFLEX_AT_START.iter().any(|s| word.starts_with(s))
    {
        return true;
    }
    if EKAVIAN_TOO
        .iter()
        .any(|s| word.starts_with(s) || (s.starts_with('i') && word.contains(s)))
    {
        return false;
    }
    let letters: Vec<char> = word.chars().collect();
    letters.windows(5).enumerate().any(|(at, w)| {
        let ends_word = at + 5 == letters.len();
        is_consonant(w[0])
            && w[1..4] == ['i', 'j', 'e']
            && is_consonant(w[4])
            && w[4] != 'r'
            && !(ends_word && matches!(w[4], 'g' | 'm'))
    })
}

/// Whether `c` is a consonant of the Latin alphabets of Bosnian, Croatian and Serbian (not j,
/// which follows a consonant in "lj" and "nj" and before "e" makes no reflex of its own).
fn is_consonant(c: char) -> bool {
    "bcčćdđfghklmnprsštvzž".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ijekavian_roots_show_the_reflex() {
        // Written for this test: ijekavian words, long and short reflex.
        for word in [
            "cijelu", "vrijeme", "lijepa", "snijegom", "vijesti", "mjesec", "pjevač", "savjet",
            "procjena", "djevojka", "sjever",
        ] {
            assert!(has_reflex(word), "{word}");
        }
    }

    #[test]
    fn ekavian_and_shared_words_do_not() {
        // Written for this test: ekavian forms and words every variety writes alike.
        for word in [
            "celu", "vreme", "lepa", "sneg", "mesec", "pevač", "savet", "nije", "nijedan",
            "ranije", "ranijeg", "pijem", "srbije", "premijer", "klijent", "prijem", "objekat",
            "odjek", "pitanje", "ljubav", "higijena",
        ] {
            assert!(!has_reflex(word), "{word}");
        }
    }

    #[test]
    fn capitalised_words_are_names_and_skipped() {
        // Written for this test.
        let none = |_: &str| false;
        assert_eq!(
            words_with_reflex("Cijeli grad je čekao Mjesec dana.", none),
            0
        );
        assert_eq!(
            words_with_reflex("Grad je cijeli mjesec čekao vijesti.", none),
            3
        );
        assert_eq!(
            words_with_reflex("Grad je cijeli mjesec čekao.", |w| w == "mjesec"),
            1
        );
    }
}
