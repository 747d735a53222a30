//! Spanish: "dijo X", "según X", «…» and “…” quotations.

use super::{LangData, Order};

pub static DATA: LangData = LangData {
    code: "es",
    order: Order::Either,
    verbs: &[
        "dijo", "dice", "afirmó", "afirma", "declaró", "añadió", "agregó", "explicó", "señaló",
        "aseguró", "indicó", "sostuvo", "manifestó", "expresó", "advirtió", "subrayó", "destacó",
        "apuntó", "comentó", "respondió", "preguntó", "escribió",
    ],
    participles: &[],
    according: &["según"],
    according_after: &[],
    compound_heads: &[],
    light_verbs: &[],
    skip_before: &["también", "además", "ha", "había", "han"],
    pronouns: &["él", "ella", "ellos", "ellas", "nosotros", "yo"],
    stops: &["que", "y", "pero", "en", "durante", "ante", "este", "el", "la", "los", "las"],
    titles: &["presidente", "presidenta", "ministro", "ministra", "portavoz", "director"],
    after_quote_only: &[],
    conjunctions: &["y"],
    // Latin-script short quotes after prepositions are as often words as names ("in “crisis”").
    complementizers: &["que"],
    prepositions: &[],
    name_nouns: &["diario", "periódico", "revista", "titulado", "libro", "película", "programa", "operación", "el", "la", "los", "las", "del", "palabra", "lema"],
    not_speakers: &["fuente", "foto", "lea", "también"],
};
