//! The languages the detector reports, one table row per language: code, name, script, the
//! lingua model behind it (if any) and the evidence this crate adds itself: letters only this
//! language uses among those written in the same script, letters its orthography does not use,
//! and frequent short words that mark it.
//!
//! Marker words are written in folded form (see [`fold_for_language_markers`]): Arabic yeh and kaf are
//! Persian yeh and kaf, so one list matches both spellings found in Persian news.

#[cfg(doc)]
use crate::text::chars::fold::fold_for_language_markers;
use crate::text::script::Script;

/// Index of a row of [`LANGUAGES`].
pub type LangId = usize;

/// One language the detector can report.
#[derive(Debug)]
pub struct Lang {
    /// ISO 639-1, else ISO 639-3.
    pub code: &'static str,
    pub name: &'static str,
    pub script: Script,
    /// The lingua model (as its crate names it) whose uni- to trigrams build.rs puts in the
    /// n-gram table: every language of a script that others write too and lingua has a model
    /// for.
    pub model: Option<&'static str>,
    /// Letters that, among the languages here written in the same script, only this one uses.
    pub own_letters: &'static str,
    /// Letters its orthography does not use: strong evidence against it.
    pub foreign_letters: &'static str,
    /// Letters it uses rarely or only in some spellings: weak evidence against it.
    pub rare_letters: &'static str,
    /// Frequent short words that mark this language among those of its script.
    pub marker_words: &'static [&'static str],
}

impl Lang {
    /// Its language in lingua (close calls on short text go to lingua itself): the one its
    /// model is named after (learned models have names lingua does not know).
    pub fn lingua_language(&self) -> Option<lingua::Language> {
        self.model?.parse().ok()
    }

    /// Whether only its frequent words tell this language: no model, no letters of its own.
    pub fn told_by_words_alone(&self) -> bool {
        self.model.is_none() && self.own_letters.is_empty() && !self.marker_words.is_empty()
    }
}

/// Letters of the Arabic script that mark Pashto, Urdu or Sorani among the five languages here;
/// shared by the rows below so they stay consistent.
const PASHTO_LETTERS: &str = "ټډړږښګڼځڅۍې";
const URDU_LETTERS: &str = "ٹڈڑںےہۃۂۓ";
// Sorani writes ڤ too, but so does Malay in Jawi, for every "p".
const SORANI_LETTERS: &str = "ڕڵۆێە";
/// Kurmanji writes these often; French, Turkish and the others here only in a few words.
const KURMANJI_LETTERS: &str = "êîûÊÎÛ";

/// Letters of the Arabic script that Malay in Jawi writes (nga, nya, ga, va) and the others
/// here do not.
const JAWI_LETTERS: &str = "ڠڽݢۏڬ";

/// Letters of the Arabic script only Uyghur writes among the languages here.
const UYGHUR_LETTERS: &str = "ۇۈۋ";

/// Cyrillic letters only Chuvash writes (breve a and e, double-acute u); ҫ, which Bashkir
/// writes too, is left to the words.
const CHUVASH_LETTERS: &str = "ӑӗӳӐӖӲ";
/// Cyrillic letters of Sakha (Yakut) that the other Cyrillic languages here do not write
/// (Mari and Altai write ҥ too, but also ӧ ӱ, which Sakha does not).
const SAKHA_LETTERS: &str = "ҕҥҔҤ";
/// Both: the Cyrillic languages with a model never write them (the test
/// `own_letters_belong_to_no_other_language_of_the_script` keeps this in step).
const CHUVASH_AND_SAKHA_LETTERS: &str = "ӑӗӳӐӖӲҕҥҔҤ";

/// A row with no evidence of its own: a script only it writes, or no model.
const fn script_only(code: &'static str, name: &'static str, script: Script) -> Lang {
    Lang {
        code,
        name,
        script,
        model: None,
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    }
}

/// A row told apart from the others of its script by its lingua model in the n-gram table.
const fn modelled(
    code: &'static str,
    name: &'static str,
    script: Script,
    model: &'static str,
) -> Lang {
    Lang {
        model: Some(model),
        ..script_only(code, name, script)
    }
}

/// A Latin-script row with a model. Kurmanji's letters are rare in it, as in the other Latin
/// rows (see [`KURMANJI_LETTERS`]).
const fn latin(code: &'static str, name: &'static str, model: &'static str) -> Lang {
    Lang {
        rare_letters: KURMANJI_LETTERS,
        ..modelled(code, name, Script::Latin, model)
    }
}

/// A Cyrillic-script row with a model. Chuvash and Sakha, which have none, are told by letters
/// the modelled languages never write.
const fn cyrillic(code: &'static str, name: &'static str, model: &'static str) -> Lang {
    Lang {
        foreign_letters: CHUVASH_AND_SAKHA_LETTERS,
        ..modelled(code, name, Script::Cyrillic, model)
    }
}

/// A Latin-script row without a model, told by its frequent words alone: a language no
/// public text in the package registries teaches a model of. It is a candidate only where its
/// words are found (see `Detector::rank`), and never a certain answer.
const fn latin_words(
    code: &'static str,
    name: &'static str,
    marker_words: &'static [&'static str],
) -> Lang {
    Lang {
        rare_letters: KURMANJI_LETTERS,
        marker_words,
        ..script_only(code, name, Script::Latin)
    }
}

/// A Latin-script row with a model and frequent words that mark it among its close relatives.
const fn latin_marked(
    code: &'static str,
    name: &'static str,
    model: &'static str,
    marker_words: &'static [&'static str],
) -> Lang {
    Lang {
        marker_words,
        ..latin(code, name, model)
    }
}

/// A Latin-script row whose orthography writes ê, î or û in common words (Afrikaans "sê",
/// Frisian "hûs", Vietnamese "tiếng", Welsh "dŵr"): Kurmanji's letters are no evidence against it.
const fn circumflexed(code: &'static str, name: &'static str, model: &'static str) -> Lang {
    modelled(code, name, Script::Latin, model)
}

/// Letters that only a few of the languages lingua knows write, with those languages (lower
/// case; a text's letters are lower-cased before the look-up). lingua's own rules decide a
/// word with such a letter among the languages it is given, so a short text that has one
/// must be given them: the n-gram table ranks a word by the mean of its known unigrams, and a
/// letter a model does not know costs that model nothing ("tiếng" was Tsonga).
pub const NAMING_LETTERS: &[(&str, &[&str])] = &[
    // Latin
    ("ã", &["pt", "vi"]),
    ("ąę", &["lt", "pl"]),
    ("ćż", &["bs", "hr", "pl"]),
    ("î", &["fr", "ro"]),
    ("ñ", &["es", "eu"]),
    ("ďňť", &["cs", "sk"]),
    ("ă", &["ro", "vi"]),
    ("ış", &["az", "tr"]),
    ("ğ", &["az", "tr"]),
    ("ẹọ", &["vi", "yo"]),
    ("ðþ", &["is"]),
    ("û", &["fr"]),
    ("ō", &["mi", "yo"]),
    ("āēī", &["lv", "mi", "yo"]),
    ("đ", &["bs", "hr", "vi"]),
    ("ì", &["it", "vi", "yo"]),
    ("ø", &["da", "nb", "nn"]),
    ("ū", &["lt", "lv", "mi", "yo"]),
    ("ë", &["af", "fr", "nl", "sq"]),
    ("èù", &["fr", "it", "vi", "yo"]),
    ("ê", &["af", "fr", "pt", "vi"]),
    ("õ", &["et", "hu", "pt", "vi"]),
    ("ï", &["af", "ca", "fr", "nl"]),
    ("ə", &["az"]),
    ("ěřů", &["cs"]),
    ("ĉĝĥĵŝŭ", &["eo"]),
    ("ß", &["de"]),
    ("őű", &["hu"]),
    ("ģķļņ", &["lv"]),
    ("ėįų", &["lt"]),
    ("łńśź", &["pl"]),
    ("țţ", &["ro"]),
    ("ĺľŕ", &["sk"]),
    ("ṣ", &["yo"]),
    ("ằầẳẩẵẫắấạặậềẻểẽễếệỉĩịơồờỏổởỗỡốớộợưừủửũữứụựỳỷỹỵ", &["vi"]),
    // Cyrillic
    ("јљњ", &["mk", "sr"]),
    ("өү", &["kk", "mn"]),
    ("і", &["be", "kk", "uk"]),
    ("әғқңұ", &["kk"]),
    ("ѓѕќџ", &["mk"]),
    ("ђћ", &["sr"]),
    ("ґєї", &["uk"]),
    ("ў", &["be"]),
    // Devanagari
    ("ळ", &["mr"]),
];

/// Standard varieties of one language, or languages nearly so, written in the same letters:
/// Bosnian, Croatian, Montenegrin and Serbian; Indonesian and Malay; Kinyarwanda and Kirundi.
/// Their texts differ in a few words and spellings (and Montenegrin and Kirundi have no model
/// here), so the detector is never sure which of them a text is in.
pub const CLOSE_RELATIVES: &[&[&str]] = &[&["bs", "hr", "cnr", "sr"], &["id", "ms"], &["rw", "rn"]];

// Bosnian, Croatian and Serbian share most words; they differ in the reflex of old ě (Serbian
// writes "vreme", Bosnian and Croatian "vrijeme") and in a few words of their own (Croatian
// "tisuća", "tijekom" and its month names, Serbian and Bosnian "hiljada", "tokom"). A word
// marks every language that writes it, so that the two kinds of cue tell the three apart.
// Forms Slovene also writes ("mesto", "reči", "lepo", "cena", "vreme" is its weather) are
// few here: a marker adds to one language's evidence wherever the word is.

/// Marker words that several languages write alike, with the script and codes of their rows:
/// a word marks every language that writes it (see [`marker_words_of`]).
const SHARED_MARKER_WORDS: &[(Script, &[&str], &[&str])] = &[
    (Script::Latin, &["bs", "hr"], IJEKAVIAN_FORMS),
    (Script::Latin, &["bs", "sr"], SERBIAN_AND_BOSNIAN_WORDS),
];

/// The marker words of the row `id`: its own and those it shares with others.
pub fn marker_words_of(id: LangId) -> impl Iterator<Item = &'static str> {
    let lang = &LANGUAGES[id];
    let shared = SHARED_MARKER_WORDS
        .iter()
        .filter(move |(script, codes, _)| *script == lang.script && codes.contains(&lang.code))
        .flat_map(|(_, _, words)| words.iter());
    lang.marker_words.iter().chain(shared).copied()
}

/// The ijekavian forms, which Croatian and Bosnian write alike.
const IJEKAVIAN_FORMS: &[&str] = &[
    "gdje",
    "prije",
    "poslije",
    "vrijeme",
    "svijet",
    "dvije",
    "predsjednik",
    "mjesto",
    "vijesti",
    "riječ",
    "djeca",
    "djece",
    "dijete",
    "uvijek",
    "ovdje",
    "mjestu",
    "mjesec",
    "mjeseca",
    "sjednica",
    "sjednici",
    "pjesma",
    "pjesme",
    "rješenje",
    "posljednji",
    "posljednjih",
    "cijeli",
    "htio",
    "želio",
    "također",
    "čovjek",
    "čovjeka",
    "mjesta",
    "mjeseci",
    "mjesecu",
    "lijepo",
    "cijena",
    "cijene",
    "rijeka",
    "rijeke",
    "tijelo",
    "tijela",
    "djelo",
    "djela",
    "dijela",
    "dijelu",
    "vjera",
    "vjere",
    "mjera",
    "mjere",
    "primjer",
    "promjena",
    "promjene",
    "mijenja",
    "sjever",
    "sjeveru",
    "svijeta",
    "svijetu",
    "svjetski",
    "svjetske",
    "svjetskog",
    "bijeli",
    "bijela",
    "ponedjeljak",
    "srijeda",
    "srijedu",
    "nedjelja",
    "nedjelju",
    "razumjeti",
    "živjeti",
    "vidjeti",
    "vidio",
    "vidjela",
    "živio",
    "razumio",
    "volio",
    "uspio",
    "uspjeh",
    "uspjeha",
    "donijeti",
    "donio",
    "donijela",
    "donijeli",
    "umjesto",
    "zahtjev",
    "vijeće",
    "vijeća",
    "savjet",
    "savjeta",
    "djevojka",
    "djeteta",
    "pjevač",
    "pjevačica",
    "pjesnik",
    "uopće",
    "općina",
    "općine",
    "predsjednika",
    "predsjednica",
];
/// Croatian's own words: its month names, "tisuća", "tijekom", "europski", "tvrtka" …
const CROATIAN_WORDS: &[&str] = &[
    "tijekom",
    "tisuća",
    "tisuće",
    "tko",
    "tjedan",
    "tjedna",
    "izvješće",
    "nogomet",
    "sveučilište",
    "obitelj",
    "povijest",
    "siječnja",
    "veljače",
    "ožujka",
    "travnja",
    "svibnja",
    "lipnja",
    "kolovoza",
    "listopada",
    "prosinca",
    "tisuću",
    "nitko",
    "netko",
    "europski",
    "europske",
    "europska",
    "europskoj",
    "europskog",
    "europskih",
    "zrakoplov",
    "glazba",
    "glazbe",
    "kazalište",
    "tvrtka",
    "tvrtke",
    "sveučilišta",
    "izvješća",
    "priopćenje",
    "priopćio",
    "obitelji",
    "povijesti",
    "sudjelovati",
    "suradnja",
    "suradnju",
    "suradnje",
    "inozemstvu",
    "milijun",
    "milijuna",
    "stoljeće",
    "stoljeća",
    "uvjeti",
    "uvjeta",
    "liječnik",
    "poduzeće",
    "vjerojatno",
    "siječanj",
    "veljača",
    "ožujak",
    "travanj",
    "svibanj",
    "lipanj",
    "srpanj",
    "srpnja",
    "rujan",
    "rujna",
    "studenoga",
    "prosinac",
    "tjedno",
    "gledatelji",
];
/// Words Serbian and Bosnian write alike and Croatian otherwise ("hiljada", "tokom", "uslovi").
const SERBIAN_AND_BOSNIAN_WORDS: &[&str] = &[
    "hiljada",
    "hiljade",
    "tokom",
    "šta",
    "univerzitet",
    "fudbal",
    "hiljadu",
    "neko",
    "niko",
    "porodica",
    "porodice",
    "vazduh",
    "pozorište",
    "naučni",
    "preduzeće",
    "saradnja",
    "saradnju",
    "saradnje",
    "uslovi",
    "uslova",
    "tačno",
    "tačka",
];
// Bosnian has words of its own ("historija", "hljeb", "ljekar").
const BOSNIAN_WORDS: &[&str] = &[
    "historija",
    "sedmica",
    "sedmice",
    "hljeb",
    "vjerovatno",
    "ljekar",
];

/// Serbian's ekavian forms ("vreme", "deo", "čovek") and its own words ("istorija", "opština").
const SERBIAN_WORDS: &[&str] = &[
    "gde",
    "posle",
    "vreme",
    "sveta",
    "dve",
    "predsednik",
    "mesto",
    "vesti",
    "reč",
    "deca",
    "dece",
    "dete",
    "deo",
    "uvek",
    "ovde",
    "sednica",
    "sednici",
    "pesma",
    "pesme",
    "rešenje",
    "poslednji",
    "poslednjih",
    "hteo",
    "želeo",
    "verovatno",
    "takođe",
    "izveštaj",
    "istorija",
    "opština",
    "nedelja",
    "bezbednost",
    "inostranstvu",
    "istorije",
    "istoriji",
    "čovek",
    "čoveka",
    "svetski",
    "svetske",
    "svetskog",
    "ponedeljak",
    "voleo",
    "živeo",
    "razumeo",
    "uspeo",
    "doneo",
    "donela",
    "doneli",
    "doneti",
    "umesto",
    "zahtev",
    "savet",
    "saveta",
    "deteta",
    "pevač",
    "pevačica",
    "lekar",
    "lekara",
    "bezbednosti",
    "opšti",
    "opšte",
    "opštine",
    "uopšte",
    "saopštenje",
    "saopštio",
    "izveštaja",
    "izveštaju",
    "gledaoci",
];
// Spanish: frequent words that Galician, Portuguese, Catalan, Occitan and Italian spell
// otherwise ("muy" for "moi", "muito", "molt"; "cuando" for "cando", "quando", "quan"), for
// Spanish sentences that lost their accents or fit a learned neighbour's model well. Not
// "los", "las" (Occitan articles), "el", "del", "una" (Catalan), "ya" (Swahili "of").
const SPANISH_WORDS: &[&str] = &[
    "muy", "hay", "fue", "hasta", "cuando", "donde", "ayer", "hoy", "también", "aunque",
    "mientras", "después", "entonces", "según", "años", "puede", "tiene", "tienen", "dijo",
    "gobierno", "nuevo", "nueva", "ciudad", "mismo", "ellos", "mucho", "muchos", "ahora",
    "siempre",
];
// Tagalog: frequent words that Javanese, Sundanese, Indonesian, Malay and Cebuano (whose
// "ang", "mga", "sa", "siya", "niya" it shares) do not write: Tagalog sentences full of names
// went to the learned Javanese and Sundanese models. Not "ay" (Turkish "moon"), "din"
// (Romanian "from"), "bilang" (Indonesian "say").
const TAGALOG_WORDS: &[&str] = &[
    "ng", "hindi", "ito", "iyon", "dahil", "ngunit", "upang", "ngayon", "noong", "kanyang",
    "kaniyang", "lahat", "mayroon", "tungkol", "sinabi",
];
// Catalan: frequent words that Spanish, Occitan, French and Italian spell otherwise ("molt"
// for "muy", "fòrt"; "avui" for "hoy", "uèi"). Not "amb" and "dels" (Occitan too), "però"
// (Italian), "havia" (Portuguese), "quan" (Vietnamese), "ja" and "ara" (German, Turkish).
const CATALAN_WORDS: &[&str] = &[
    "també", "molt", "molta", "molts", "moltes", "més", "perquè", "només", "fins", "els", "seva",
    "seves", "aquests", "aquestes", "mateix", "doncs", "avui", "ahir", "gairebé", "tampoc",
];
// Basque: frequent words of a language isolate, written alike in no neighbour ("eta" and,
// "zen" was, "baina" but). Not "ez" (Hungarian "this"), "bat" and "oso" (English, Spanish
// nouns), "du" (French), "hori" (Maori), "dira" (Tswana "do").
const BASQUE_WORDS: &[&str] = &[
    "eta", "zen", "zuen", "zuten", "egin", "egiten", "baina", "izan", "ere", "behar", "gabe",
    "dute", "ziren", "baino", "urte", "urtean", "gaur",
];
// Galician: frequent words that Spanish, Portuguese and Catalan spell otherwise ("unha" for
// "una", "uma"; "tamén" for "también", "também"; "dixo" for "dijo", "disse"; "xente" for
// "gente"). Its learned model is held strictly where Spanish or Portuguese fits a sentence
// well, and a Galician news sentence fits them well: these words keep it Galician. Not "xa"
// (Vietnamese "far"), "nin" or "polo" (a Spanish and Italian noun).
const GALICIAN_WORDS: &[&str] = &[
    "unha", "unhas", "cunha", "dunha", "nunha", "algunha", "ningunha", "tamén", "moito", "moita",
    "moitos", "moitas", "aínda", "onte", "dixo", "fixo", "facer", "xente", "traballo", "goberno",
    "concello", "veciños", "ademais", "dende", "mentres", "pola", "polas", "polos", "coa", "coas",
    "dous", "catro",
];
// Indonesian and Malay: spellings and words of each standard.
const INDONESIAN_WORDS: &[&str] = &[
    // Function words both standards write and their neighbours Javanese and Sundanese do not
    // (they write "karo", "ora", "kanggo", "saka", "iki", "iku", "uga", "wis"; "kalawan",
    // "henteu", "pikeun", "ti", "ieu", "éta", "ogé", "geus"). Not "dan" (Dutch), "akan"
    // (Turkish), "oleh" and "pada" (Javanese words too).
    "dengan",
    "tidak",
    "untuk",
    "dari",
    "adalah",
    "ini",
    "itu",
    "juga",
    "telah",
    "sudah",
    "bahwa",
    "karena",
    "yaitu",
    "harus",
    "pengadilan",
    "perkawinan",
    "mendapatkan",
    "bisa",
    "pemerintah",
    "uang",
    "kantor",
    "polisi",
    "agustus",
];
const MALAY_WORDS: &[&str] = &[
    // Shared with Indonesian (see there).
    "dengan",
    "tidak",
    "untuk",
    "dari",
    "adalah",
    "ini",
    "itu",
    "juga",
    "telah",
    "sudah",
    "bahawa",
    "kerana",
    "iaitu",
    "boleh",
    "hendaklah",
    "mahkamah",
    "perkahwinan",
    "sahaja",
    "sebarang",
    "sesiapa",
    "kerajaan",
    "wang",
    "polis",
    "ogos",
];

/// Letters that languages without a row here write in a script only one row writes, and the
/// language of that row does not: Yiddish's double letters in Hebrew script, Assamese's ৰ and
/// ৱ in Bengali script, letters of Shan, Mon and Karen in Myanmar script.
pub const OTHER_LANGUAGES_LETTERS: &[(Script, &str)] = &[
    (Script::Hebrew, "װױײ"),
    (Script::Bengali, "ৰৱ"),
    (Script::Myanmar, "ၵၶၷၸၹၺၻၼၽၾၿႀႁၚၛၜၝၡၥၦ"),
];

// Cebuano: "and", the existential, "from", "to", "through", "all", "what", "also", "there",
// "now", "still", "can", "must", "each", "but", "like".
const CEBUANO_WORDS: &[&str] = &[
    "ug",
    "adunay",
    "walay",
    "niini",
    "gikan",
    "ngadto",
    "pinaagi",
    "tanan",
    "unsa",
    "usab",
    "diha",
    "didto",
    "karon",
    "gihapon",
    "mahimo",
    "kinahanglan",
    "matag",
    "apan",
    "ingon",
];
// Chichewa: "or", "and then", "because", "but", "people", "all", "if", "when", "and also",
// "such as", "who", "which", "must", "country", "to be", "without", "among".
const CHICHEWA_WORDS: &[&str] = &[
    "kapena", "ndipo", "chifukwa", "koma", "anthu", "zonse", "ngati", "pamene", "komanso", "monga",
    "amene", "umene", "zomwe", "chomwe", "ayenera", "dziko", "kukhala", "popanda", "pakati",
];
// Quechua (Southern and Ecuadorian Kichwa spellings): "that", "this", "all", "there", "here",
// "whatever", "but", "and then", "from that", "they", "said", "no", "those", "let it be",
// "good", "they are", "will be", "life", "like".
const QUECHUA_WORDS: &[&str] = &[
    "chay",
    "kay",
    "tukuy",
    "chaypi",
    "kaypi",
    "imapas",
    "imapash",
    "ichaqa",
    "hinaspa",
    "chaymanta",
    "paykuna",
    "nisqa",
    "manam",
    "chaykuna",
    "llapan",
    "kachun",
    "allin",
    "kanku",
    "kanqa",
    "chayqa",
    "kayqa",
    "kawsay",
    "shina",
];
// Kirundi writes v and c where Kinyarwanda writes by and cy ("vyose", "ico" for "byose",
// "icyo"), and "canke" for "cyangwa" (or).
const KIRUNDI_WORDS: &[&str] = &[
    "canke", "vyose", "ivyo", "ico", "ica", "vya", "vyo", "cane", "vyiza", "vyinshi", "nyene",
    "ukwo",
];

/// Every language the detector reports. Arabic-script rows first: their order is the order of
/// the letter evidence in `letters.rs`.
pub static LANGUAGES: [Lang; 134] = [
    Lang {
        code: "ar",
        name: "Arabic",
        script: Script::Arabic,
        model: Some("arabic"),
        own_letters: "ةإ",
        foreign_letters: "پچژگ\u{06C0}ٹڈڑںےہۃۂۓټډړږښګڼځڅۍېڕڵۆێەۇۈۋڠڽݢۏڬ",
        rare_letters: "ڤکی",
        marker_words: &[
            "فی",
            "الی",
            "إلی",
            "التی",
            "الذی",
            "الذین",
            "هذا",
            "هذه",
            "ذلک",
            "کانت",
            "قال",
            "لم",
            "لن",
            "أن",
            "إن",
            "عن",
            "ثم",
            "منذ",
            "وقال",
            "کما",
            "أو",
            "علیه",
            "وفی",
            "فیها",
        ],
    },
    Lang {
        code: "fa",
        name: "Persian",
        script: Script::Arabic,
        model: Some("persian"),
        own_letters: "\u{06C0}",
        foreign_letters: "ٹڈڑںےہۃۂۓټډړږښګڼځڅۍېڕڵۆێەۇۈۋڠڽݢۏڬ",
        rare_letters: "ةىإڤ",
        marker_words: &[
            "است", "را", "این", "آن", "می", "که", "از", "با", "برای", "شد", "شده", "بود", "های",
            "نیز", "گفت", "اند", "کند", "باید", "یک", "دارد", "وی", "شود", "بر",
        ],
    },
    Lang {
        code: "ur",
        name: "Urdu",
        script: Script::Arabic,
        model: Some("urdu"),
        own_letters: URDU_LETTERS,
        foreign_letters: "ةىيكإټډړږښګڼځڅۍېڕڵۆێەۇۈۋڠڽݢۏڬ",
        rare_letters: "ه\u{06C0}ڤ",
        marker_words: &[
            "کے", "ہے", "ہیں", "میں", "سے", "نے", "اور", "یہ", "وہ", "تھا", "گیا", "کہ", "بھی",
        ],
    },
    Lang {
        code: "ps",
        name: "Pashto",
        script: Script::Arabic,
        model: None,
        own_letters: PASHTO_LETTERS,
        foreign_letters: "ةىكٹڈڑںےۃۂۓڕڵۆێەڤۇۈۋڠڽݢۏڬ",
        rare_letters: "ہإ\u{06C0}",
        marker_words: &[
            "د",
            "په",
            "چې",
            "ته",
            "دې",
            "دا",
            "کې",
            "سره",
            "لپاره",
            "وایی",
            "شوی",
            "کړی",
            "دی",
            "وو",
            "څخه",
            "یې",
        ],
    },
    Lang {
        code: "ku",
        name: "Kurdish (Sorani)",
        script: Script::Arabic,
        model: None,
        own_letters: SORANI_LETTERS,
        foreign_letters: "ةىكٹڈڑںےہۃۂۓټډړږښګڼځڅۍې\u{06C0}ۇۈۋڠڽݢۏڬ",
        rare_letters: "ثذضظيإ",
        marker_words: &[
            "لە",
            "بە",
            "کە",
            "ئەو",
            "بۆ",
            "ئەم",
            "لەگەڵ",
            "دەکات",
            "بوو",
            "هەیە",
            "ئەوە",
            "وەک",
            "هەروەها",
            "دەبێت",
        ],
    },
    Lang {
        code: "en",
        name: "English",
        script: Script::Latin,
        model: Some("english"),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "fr",
        name: "French",
        script: Script::Latin,
        model: Some("french"),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "de",
        name: "German",
        script: Script::Latin,
        model: Some("german"),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "es",
        name: "Spanish",
        script: Script::Latin,
        model: Some("spanish"),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: SPANISH_WORDS,
    },
    Lang {
        code: "tr",
        name: "Turkish",
        script: Script::Latin,
        model: Some("turkish"),
        own_letters: "",
        foreign_letters: "",
        rare_letters: KURMANJI_LETTERS,
        marker_words: &[],
    },
    Lang {
        code: "ku",
        name: "Kurdish (Kurmanji)",
        script: Script::Latin,
        // Learned from Debian's translations; its fit also keeps Latin text in a language
        // the detector does not know from coming out as confident Kurmanji.
        model: Some("kmr"),
        own_letters: KURMANJI_LETTERS,
        foreign_letters: "ıİğĞöÖüÜéÉèÈàÀâÂôÔñÑäÄßœæëËŵŷơưăđąęłøåþðõ",
        rare_letters: "",
        // Not "ku", "di", "li", "bi": Tsonga and Swahili write "ku" in every sentence,
        // Italian and Indonesian "di", Italian "li", so they marked Kurmanji in text of others.
        marker_words: &[
            "û", "ji", "jî", "yê", "yên", "ên", "xwe", "wê", "wî", "ev", "ew", "hemû", "dibe",
            "dike", "heye", "hene", "bû", "têne", "nav", "wek", "tê", "kir",
        ],
    },
    Lang {
        code: "ru",
        name: "Russian",
        script: Script::Cyrillic,
        model: Some("russian"),
        own_letters: "",
        foreign_letters: CHUVASH_AND_SAKHA_LETTERS,
        rare_letters: "",
        marker_words: &[],
    },
    Lang {
        code: "zh",
        name: "Chinese",
        script: Script::Han,
        model: None,
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
    Lang {
        code: "he",
        name: "Hebrew",
        script: Script::Hebrew,
        model: None,
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
    Lang {
        code: "hi",
        name: "Hindi",
        script: Script::Devanagari,
        model: Some("hindi"),
        own_letters: "",
        foreign_letters: "",
        rare_letters: "",
        marker_words: &[],
    },
    // Latin-script languages with a lingua model: told apart by the n-gram table.
    circumflexed("af", "Afrikaans", "afrikaans"),
    latin("sq", "Albanian", "albanian"),
    latin("az", "Azerbaijani", "azerbaijani"),
    latin_marked("eu", "Basque", "basque", BASQUE_WORDS),
    latin("nb", "Norwegian Bokmål", "bokmal"),
    latin_marked("bs", "Bosnian", "bosnian", BOSNIAN_WORDS),
    latin_marked("ca", "Catalan", "catalan", CATALAN_WORDS),
    latin_marked("hr", "Croatian", "croatian", CROATIAN_WORDS),
    latin("cs", "Czech", "czech"),
    latin("da", "Danish", "danish"),
    latin("nl", "Dutch", "dutch"),
    latin("eo", "Esperanto", "esperanto"),
    latin("et", "Estonian", "estonian"),
    latin("fi", "Finnish", "finnish"),
    latin("lg", "Ganda", "ganda"),
    latin("hu", "Hungarian", "hungarian"),
    latin("is", "Icelandic", "icelandic"),
    latin_marked("id", "Indonesian", "indonesian", INDONESIAN_WORDS),
    latin("ga", "Irish", "irish"),
    latin("it", "Italian", "italian"),
    latin("la", "Latin", "latin"),
    latin("lv", "Latvian", "latvian"),
    latin("lt", "Lithuanian", "lithuanian"),
    latin_marked("ms", "Malay", "malay", MALAY_WORDS),
    latin("mi", "Maori", "maori"),
    latin("nn", "Norwegian Nynorsk", "nynorsk"),
    latin("pl", "Polish", "polish"),
    latin("pt", "Portuguese", "portuguese"),
    latin("ro", "Romanian", "romanian"),
    latin("sn", "Shona", "shona"),
    latin("sk", "Slovak", "slovak"),
    latin("sl", "Slovenian", "slovene"),
    latin("so", "Somali", "somali"),
    latin("st", "Southern Sotho", "sotho"),
    latin("sw", "Swahili", "swahili"),
    latin("sv", "Swedish", "swedish"),
    latin_marked("tl", "Tagalog", "tagalog", TAGALOG_WORDS),
    latin("ts", "Tsonga", "tsonga"),
    latin("tn", "Tswana", "tswana"),
    circumflexed("vi", "Vietnamese", "vietnamese"),
    circumflexed("cy", "Welsh", "welsh"),
    latin("xh", "Xhosa", "xhosa"),
    latin("yo", "Yoruba", "yoruba"),
    latin("zu", "Zulu", "zulu"),
    // Latin-script languages with a model learned from Debian's translations
    // (scripts/lang_learn.sh).
    latin("br", "Breton", "br"),
    latin("gd", "Scottish Gaelic", "gd"),
    latin_marked("gl", "Galician", "gl", GALICIAN_WORDS),
    latin("oc", "Occitan", "oc"),
    latin("rw", "Kinyarwanda", "rw"),
    latin("uz", "Uzbek", "uz"),
    circumflexed("fy", "Western Frisian", "fy"),
    latin("ff", "Fula", "ff"),
    latin("fo", "Faroese", "fo"),
    latin("ha", "Hausa", "ha"),
    latin("ht", "Haitian Creole", "ht"),
    latin("ig", "Igbo", "ig"),
    latin("jv", "Javanese", "jv"),
    latin("lb", "Luxembourgish", "lb"),
    latin("mt", "Maltese", "mt"),
    latin("su", "Sundanese", "su"),
    latin("tk", "Turkmen", "tk"),
    latin("wo", "Wolof", "wo"),
    // Chuvash and Sakha: no public text to learn a model from here, but letters of their own
    // among the Cyrillic languages, and frequent words for text without them.
    Lang {
        own_letters: CHUVASH_LETTERS,
        // Letters of the other Turkic alphabets and of Sakha that Chuvash does not write.
        foreign_letters: "әөүңһҕҥӧӱӓҙҡғјӘӨҮҢҺҔҤӦӰӒҘҠҒЈ",
        marker_words: &["ҫук", "ҫинчен", "валли", "анчах", "пулать", "пулма"],
        ..script_only("cv", "Chuvash", Script::Cyrillic)
    },
    Lang {
        own_letters: SAKHA_LETTERS,
        // Letters of Chuvash and of the other Turkic, Mari and Altai alphabets.
        foreign_letters: "ӑӗӳӓӧӱјәңҙҡғҫӐӖӲӒӦӰЈӘҢҘҠҒҪ",
        marker_words: &[
            "уонна",
            "буолар",
            "буолбут",
            "суох",
            "баар",
            "эмиэ",
            "кинилэр",
            "туһунан",
            "иһин",
        ],
        ..script_only("sah", "Sakha", Script::Cyrillic)
    },
    // Latin-script languages without a model, told by their frequent words: Debian carries
    // too little text in them to learn one. Words another language here writes often are
    // left out (Cebuano "nga" is Albanian too, "kini" Malay; Chichewa "ndi" is Igbo, "kuti"
    // Shona; Quechua "kan" is Scandinavian, "mana" Malay).
    latin_words("ceb", "Cebuano", CEBUANO_WORDS),
    latin_words("ny", "Chichewa", CHICHEWA_WORDS),
    latin_words("qu", "Quechua", QUECHUA_WORDS),
    latin_words("rn", "Kirundi", KIRUNDI_WORDS),
    // Serbian is written in both scripts; lingua's model is the Cyrillic one.
    latin_marked("sr", "Serbian", "sr-Latn", SERBIAN_WORDS),
    cyrillic("tg", "Tajik", "tg"),
    cyrillic("ky", "Kyrgyz", "ky"),
    cyrillic("tt", "Tatar", "tt"),
    // Azerbaijani and Uzbek are written in Latin letters today and in Cyrillic before.
    cyrillic("az", "Azerbaijani", "az-Cyrl"),
    cyrillic("uz", "Uzbek", "uz-Cyrl"),
    // Turkmen was written in Cyrillic until the 1990s, Uyghur is also written in Latin letters:
    // models learned from their catalogues transliterated.
    cyrillic("tk", "Turkmen", "tk-Cyrl"),
    latin("ug", "Uyghur", "ug-Latn"),
    // Cyrillic-script languages with a lingua model.
    cyrillic("be", "Belarusian", "belarusian"),
    cyrillic("bg", "Bulgarian", "bulgarian"),
    cyrillic("kk", "Kazakh", "kazakh"),
    cyrillic("mk", "Macedonian", "macedonian"),
    cyrillic("mn", "Mongolian", "mongolian"),
    cyrillic("sr", "Serbian", "serbian"),
    cyrillic("uk", "Ukrainian", "ukrainian"),
    modelled("mr", "Marathi", Script::Devanagari, "marathi"),
    Lang {
        marker_words: &[
            "छ",
            "छन्",
            "र",
            "मा",
            "लाई",
            "पनि",
            "गर्न",
            "थियो",
            "भएको",
            "गरेको",
            "हुने",
            "यो",
            "हुन्छ",
            "हुनेछ",
            "छैन",
            "गर्ने",
            "सक्ने",
            "कुनै",
            "उनी",
            "उनको",
            "आफ्नो",
            "सबै",
            "रहेको",
            "भने",
            "लागि",
            "बाट",
            "सँग",
            "भयो",
            "थिए",
            "पर्छ",
            "पर्ने",
            "गरिने",
            "हुनु",
            "गर्नु",
        ],
        ..script_only("ne", "Nepali", Script::Devanagari)
    },
    Lang {
        own_letters: UYGHUR_LETTERS,
        foreign_letters: "ةإٹڈڑںےہۃۂۓټډړږښګڼځڅۍڕڵێ\u{06C0}ڠڽݢۏڬ",
        rare_letters: "ەۆېڤثذضظصطعح",
        marker_words: &[
            "ۋە",
            "بیلەن",
            "ئۈچۈن",
            "بولۇپ",
            "ھەر",
            "بیر",
            "ئۇ",
            "بۇ",
            "دەپ",
            "ئۇنیڭ",
        ],
        ..script_only("ug", "Uyghur", Script::Arabic)
    },
    // Malay in Jawi, the Arabic script Malaysia and Brunei also write it in: its own letters
    // and frequent words that use them or that Persian and Arabic do not write.
    Lang {
        own_letters: JAWI_LETTERS,
        foreign_letters: "ةٹڈڑںےۃۂۓټډړږښګڼځڅۍېڕڵێەۇۈۋژۆہۀإ",
        rare_letters: "ثذضظصطعحچ",
        marker_words: &[
            "یڠ",
            "دڠن",
            "اونتوق",
            "اداله",
            "کڤد",
            "ڤد",
            "اولیه",
            "تیدق",
            "سباڬای",
            "ستیاڤ",
        ],
        ..script_only("ms", "Malay", Script::Arabic)
    },
    // Ge'ez script: Amharic and Tigrinya, told apart by their frequent words.
    Lang {
        marker_words: &[
            "እና",
            "ነው",
            "ላይ",
            "ውስጥ",
            "ወደ",
            "ግን",
            "እንደ",
            "ይህ",
            "ነበር",
            "ሲሆን",
            "የሚል",
            "አለ",
            "ሁሉ",
            "ሰው",
            "ማንኛውም",
            "ይችላል",
            "ወይም",
            "አለው",
            "እንዲሁም",
        ],
        ..script_only("am", "Amharic", Script::Ethiopic)
    },
    Lang {
        marker_words: &[
            "ኣብ",
            "እዩ",
            "ኢዩ",
            "ናይ",
            "ከም",
            "እቲ",
            "ምስ",
            "ካብ",
            "ነቲ",
            "ኣሎ",
            "ኣይ",
            "እሞ",
            "ኩሉ",
            "ሰብ",
            "ኣለዎ",
            "ዝኾነ",
            "ብዘይ",
            "ከኣ",
            "እዚ",
            "ይኽእል",
            "ድማ",
            "እዮም",
            "እያ",
            "ንሱ",
            "ብዛዕባ",
            "ክሳብ",
            "ድሕሪ",
            "ቅድሚ",
            "ምእንቲ",
            "ናብ",
            "ነዚ",
            "ከምኡ",
        ],
        ..script_only("ti", "Tigrinya", Script::Ethiopic)
    },
    // Scripts that one language here writes: the script names the language.
    script_only("ja", "Japanese", Script::Japanese),
    script_only("ko", "Korean", Script::Hangul),
    script_only("el", "Greek", Script::Greek),
    script_only("th", "Thai", Script::Thai),
    script_only("ka", "Georgian", Script::Georgian),
    script_only("hy", "Armenian", Script::Armenian),
    script_only("bn", "Bengali", Script::Bengali),
    script_only("pa", "Punjabi", Script::Gurmukhi),
    script_only("gu", "Gujarati", Script::Gujarati),
    script_only("or", "Odia", Script::Oriya),
    script_only("ta", "Tamil", Script::Tamil),
    script_only("te", "Telugu", Script::Telugu),
    script_only("kn", "Kannada", Script::Kannada),
    script_only("ml", "Malayalam", Script::Malayalam),
    script_only("si", "Sinhala", Script::Sinhala),
    script_only("lo", "Lao", Script::Lao),
    script_only("km", "Khmer", Script::Khmer),
    script_only("my", "Burmese", Script::Myanmar),
    script_only("bo", "Tibetan", Script::Tibetan),
    script_only("dv", "Dhivehi", Script::Thaana),
    // Languages that also have a row in another script: this script names them.
    script_only("jv", "Javanese", Script::Javanese),
    script_only("su", "Sundanese", Script::Sundanese),
    script_only("mn", "Mongolian", Script::Mongolian),
    script_only("ff", "Fula", Script::Adlam),
    // Scripts one language writes (N'Ko: the written standard of the Manding languages).
    script_only("ban", "Balinese", Script::Balinese),
    script_only("nqo", "N'Ko", Script::Nko),
    script_only("chr", "Cherokee", Script::Cherokee),
    script_only("sat", "Santali", Script::OlChiki),
    script_only("ii", "Sichuan Yi", Script::Yi),
    script_only("vai", "Vai", Script::Vai),
    // Syriac and Tifinagh letters are not a row: several languages write each, so such text
    // is `und` with its script named.
];

/// The lingua languages the detector loads: every row that has one.
pub fn lingua_languages() -> Vec<lingua::Language> {
    let mut languages: Vec<lingua::Language> =
        LANGUAGES.iter().filter_map(Lang::lingua_language).collect();
    languages.sort();
    languages.dedup();
    languages
}

/// The rows written in `script`.
pub fn of_script(script: Script) -> impl Iterator<Item = LangId> {
    (0..LANGUAGES.len()).filter(move |&i| LANGUAGES[i].script == script)
}

/// The row of an ISO 639-1 code in a script, or the first row with that code.
pub fn by_code(code: &str, script: Option<Script>) -> Option<LangId> {
    let code = code.trim().to_ascii_lowercase();
    let code = code.split(['-', '_']).next().unwrap_or_default();
    let mut rows = (0..LANGUAGES.len()).filter(|&i| LANGUAGES[i].code == code);
    let first = rows.next()?;
    Some(
        std::iter::once(first)
            .chain(rows)
            .find(|&i| Some(LANGUAGES[i].script) == script)
            .unwrap_or(first),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::fold::fold_for_language_markers;

    #[test]
    fn no_language_is_marked_by_a_frequent_word_of_a_neighbour() {
        // Frequent words of one language that a neighbour's marker list once held or could
        // easily hold: a marker there pulls the first language's sentences away.
        let written_by = [
            ("però", "it"),
            ("havia", "pt"),
            ("hori", "mi"),
            ("dira", "tn"),
            ("ya", "sw"),
            ("los", "oc"),
            ("ay", "tr"),
            ("di", "it"),
            ("ku", "sw"),
        ];
        for (word, writer) in written_by {
            for (id, l) in LANGUAGES
                .iter()
                .enumerate()
                .filter(|(_, l)| l.code != writer)
            {
                assert!(
                    marker_words_of(id).all(|w| w != word),
                    "{} marks {word}",
                    l.code
                );
            }
        }
    }

    #[test]
    fn codes_are_iso_639_1_else_639_3() {
        for l in &LANGUAGES {
            assert!(matches!(l.code.len(), 2 | 3), "{}", l.name);
            assert!(l.code.bytes().all(|b| b.is_ascii_lowercase()), "{}", l.name);
        }
    }

    /// Each script's rows have distinct codes (Kurdish is one language in two scripts), and
    /// every model a row names is a column of the n-gram table.
    #[test]
    fn codes_are_distinct_within_a_script_and_models_exist() {
        for (i, a) in LANGUAGES.iter().enumerate() {
            for b in &LANGUAGES[i + 1..] {
                assert!(a.code != b.code || a.script != b.script, "{}", a.code);
            }
            if let Some(model) = a.model {
                assert!(
                    super::super::ngram::NgramModel::column(model).is_some(),
                    "{model}"
                );
            }
        }
    }

    #[test]
    fn own_letters_belong_to_no_other_language_of_the_script() {
        for (i, a) in LANGUAGES.iter().enumerate() {
            for c in a.own_letters.chars() {
                for (j, b) in LANGUAGES.iter().enumerate() {
                    // The rows made by `circumflexed`, the Latin ones without rare letters,
                    // write Kurmanji's letters themselves.
                    let circumflexed = b.script == Script::Latin && b.rare_letters.is_empty();
                    let writes_it = circumflexed && KURMANJI_LETTERS.contains(c);
                    if i != j && a.script == b.script && !writes_it {
                        assert!(
                            b.foreign_letters.contains(c) || b.rare_letters.contains(c),
                            "{c} is {}'s own but not foreign to {}",
                            a.name,
                            b.name
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn marker_words_are_folded() {
        for (id, l) in LANGUAGES.iter().enumerate() {
            for w in marker_words_of(id) {
                let folded: String = w.chars().map(fold_for_language_markers).collect();
                assert_eq!(&folded, w, "{}", l.name);
            }
        }
    }

    #[test]
    fn a_hint_finds_its_row() {
        assert_eq!(LANGUAGES[by_code("AR", None).unwrap()].code, "ar");
        assert_eq!(LANGUAGES[by_code("fa-IR", None).unwrap()].code, "fa");
        let kmr = by_code("ku", Some(Script::Latin)).unwrap();
        assert_eq!(LANGUAGES[kmr].name, "Kurdish (Kurmanji)");
        assert!(by_code("xx", None).is_none());
    }
}
