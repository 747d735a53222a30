//! French: « … » quotations with inner spaces; "a déclaré X", "selon X".

use super::{LangData, Order};

pub static DATA: LangData = LangData {
    code: "fr",
    order: Order::Either,
    verbs: &[
        "dit", "déclaré", "déclare", "affirmé", "affirme", "ajouté", "ajoute", "expliqué",
        "explique", "souligné", "souligne", "estimé", "estime", "indiqué", "indique", "précisé",
        "précise", "assuré", "assure", "dénoncé", "dénonce", "lancé", "lance", "martelé",
        "insisté", "poursuivi", "répondu", "confié", "écrit", "a-t-il", "a-t-elle", "déclare-t-il",
    ],
    participles: &[],
    according: &["selon", "d'après"],
    according_after: &[],
    compound_heads: &[],
    light_verbs: &[],
    skip_before: &["aussi", "encore", "également", "a", "avait", "ont", "avaient"],
    pronouns: &["il", "elle", "ils", "elles", "nous", "je", "on"],
    stops: &["que", "qu'", "et", "mais", "a", "avait", "dans", "lors", "le", "la", "les", "en"],
    titles: &["président", "ministre", "porte-parole", "directeur", "maire", "secrétaire"],
    after_quote_only: &[],
    conjunctions: &["et"],
    // Latin-script short quotes after prepositions are as often words as names ("in “crisis”").
    complementizers: &["que", "qu'"],
    prepositions: &[],
    name_nouns: &["journal", "magazine", "intitulé", "livre", "film", "émission", "opération", "le", "la", "les", "du", "mot", "slogan"],
    not_speakers: &["source", "photo", "lire", "aussi", "mise"],
};
