//! German: „…“ and »…« quotations; "sagte X", "so X", "X zufolge", "laut X".

use super::{LangData, Order};

pub static DATA: LangData = LangData {
    code: "de",
    order: Order::Either,
    verbs: &[
        "sagte", "sagten", "sagt", "sagen", "erklärte", "erklärten", "erklärt", "betonte",
        "betonten", "betont", "meinte", "meint", "so", "schrieb", "schreibt", "fügte", "ergänzte",
        "kritisierte", "warnte", "forderte", "teilte", "sprach", "spricht", "berichtete",
        "äußerte", "erläuterte", "bekräftigte", "unterstrich", "versicherte", "räumte",
        "bestätigte", "behauptete", "fragte", "antwortete", "mahnte", "kommentierte", "zitiert",
        "zitierte", "verkündete", "stellte", "hieß", "heißt", "verlautete", "gab", "bezeichnete", "bezeichnet", "bezeichneten", "nannte", "nennt",
        "warf", "lobte", "beschrieb", "wertete", "bewertete", "titulierte", "beklagte", "verurteilte",
        "kritisiert", "spricht", "sprachen", "beschreibt", "schimpfte", "urteilte", "befand",
        "entgegnete", "bestreitet", "bestritt", "verkündeten", "teilten", "äußerten", "warnten",
        "begründete", "widersprach", "ergänzt", "fügt", "schloss", "rät", "erklärten", "meinten",
        "forderten", "betonen", "erklären", "sagen", "schreiben", "schrieben", "mahnen",
    ],
    participles: &[],
    according: &["laut", "nach angaben", "gemäß"],
    according_after: &["zufolge"],
    compound_heads: &[],
    light_verbs: &[],
    skip_before: &["auch", "noch", "dazu", "weiter", "zudem", "außerdem", "dann", "später"],
    pronouns: &["er", "sie", "es", "wir", "ich", "man", "der", "die"],
    stops: &[
        "dass", "und", "aber", "oder", "in", "im", "am", "an", "auf", "bei", "vor", "nach", "zu",
        "zum", "zur", "mit", "von", "vom", "für", "gegenüber", "dem", "den", "des", "dazu",
        "außerdem", "weiter", "damals", "zudem", "später", "zuvor", "jedoch", "auch", "noch",
        "bereits", "gestern", "heute", "am", "dabei", "darin", "dort", "hier", "nun", "jetzt",
        "dann", "daher", "deshalb", "allerdings", "ferner", "schließlich", "zunächst",
        "anschließend", "ebenfalls", "wörtlich", "mit", "hatte", "habe", "hat", "wurde", "ist",
        "war", "sei", "nicht",
    ],
    titles: &[
        "bundeskanzlerin", "bundeskanzler", "kanzlerin", "kanzler", "präsident", "präsidentin",
        "minister", "ministerin", "sprecher", "sprecherin", "chef", "chefin", "vorsitzende",
        "vorsitzender", "direktor", "bürgermeister", "polizei", "regierung", "ministerium",
    ],
    after_quote_only: &["so"],
    conjunctions: &["und"],
    // Latin-script short quotes after prepositions are as often words as names ("in “crisis”").
    complementizers: &["dass"],
    prepositions: &[],
    name_nouns: &["zeitung", "magazin", "titel", "film", "buch", "programm", "sendung", "projekt", "operation", "motto", "aktion", "kampagne", "partei", "bündnis", "initiative", "verein", "festival", "album", "lied", "song", "slogan", "begriff", "namen", "namens", "spitzname", "zeitschrift", "tageszeitung", "wochenzeitung", "organisation", "unternehmen", "die", "der", "das", "des", "dem", "den", "wort", "unwort", "serie", "roman", "show", "gruppe", "band", "schiff", "station", "raumschiff"],
    not_speakers: &["quelle", "foto", "update", "hinweis", "anmerkung", "frage", "antwort"],
};
