//! Lays out the n-gram table of `src/language/ngram.rs` at build time, so that the worker does
//! no work for it at start-up: the unigrams, bigrams and trigrams of lingua's models of every
//! language that shares a script with another one here (Latin, Cyrillic, Arabic, Devanagari),
//! read from the model crates (as build dependencies, of the versions in Cargo.lock; only the
//! few the worker also runs lingua on are dependencies of the binary) into a sparse
//! open-addressing table (`src/language/ngram_table.rs`), written to `OUT_DIR` as
//! `ngram-slots.bin`, `ngram-entries.bin` and `ngram-table.rs` (its columns and size), which
//! `ngram.rs` includes.

use std::collections::BTreeMap;
use std::path::Path;

use fst::{Automaton, IntoStreamer, Streamer};

#[allow(dead_code)]
#[path = "src/language/ngram_table.rs"]
mod ngram_table;

use ngram_table::{key, MAX_COLUMNS, TABLE_ORDER};

/// The `ngrams.fst` of one lingua model crate, by the crate's name for its language.
type Model = (&'static str, Option<&'static [u8]>);

macro_rules! model {
    ($name:ident, $dir:path) => {
        (
            stringify!($name),
            $dir.get_file("ngrams.fst").map(|f| f.contents()),
        )
    };
}

/// The table's columns, in order: the first eight are those of the model crates the worker
/// itself depends on (`src/language/ngram.rs` reads their 4- and 5-grams at run time).
fn models() -> Vec<Model> {
    vec![
        model!(
            arabic,
            lingua_arabic_language_model::ARABIC_MODELS_DIRECTORY
        ),
        model!(
            persian,
            lingua_persian_language_model::PERSIAN_MODELS_DIRECTORY
        ),
        model!(urdu, lingua_urdu_language_model::URDU_MODELS_DIRECTORY),
        model!(
            english,
            lingua_english_language_model::ENGLISH_MODELS_DIRECTORY
        ),
        model!(
            french,
            lingua_french_language_model::FRENCH_MODELS_DIRECTORY
        ),
        model!(
            german,
            lingua_german_language_model::GERMAN_MODELS_DIRECTORY
        ),
        model!(
            spanish,
            lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY
        ),
        model!(
            turkish,
            lingua_turkish_language_model::TURKISH_MODELS_DIRECTORY
        ),
        model!(
            afrikaans,
            lingua_afrikaans_language_model::AFRIKAANS_MODELS_DIRECTORY
        ),
        model!(
            albanian,
            lingua_albanian_language_model::ALBANIAN_MODELS_DIRECTORY
        ),
        model!(
            azerbaijani,
            lingua_azerbaijani_language_model::AZERBAIJANI_MODELS_DIRECTORY
        ),
        model!(
            basque,
            lingua_basque_language_model::BASQUE_MODELS_DIRECTORY
        ),
        model!(
            bokmal,
            lingua_bokmal_language_model::BOKMAL_MODELS_DIRECTORY
        ),
        model!(
            bosnian,
            lingua_bosnian_language_model::BOSNIAN_MODELS_DIRECTORY
        ),
        model!(
            catalan,
            lingua_catalan_language_model::CATALAN_MODELS_DIRECTORY
        ),
        model!(
            croatian,
            lingua_croatian_language_model::CROATIAN_MODELS_DIRECTORY
        ),
        model!(czech, lingua_czech_language_model::CZECH_MODELS_DIRECTORY),
        model!(
            danish,
            lingua_danish_language_model::DANISH_MODELS_DIRECTORY
        ),
        model!(dutch, lingua_dutch_language_model::DUTCH_MODELS_DIRECTORY),
        model!(
            esperanto,
            lingua_esperanto_language_model::ESPERANTO_MODELS_DIRECTORY
        ),
        model!(
            estonian,
            lingua_estonian_language_model::ESTONIAN_MODELS_DIRECTORY
        ),
        model!(
            finnish,
            lingua_finnish_language_model::FINNISH_MODELS_DIRECTORY
        ),
        model!(ganda, lingua_ganda_language_model::GANDA_MODELS_DIRECTORY),
        model!(
            hungarian,
            lingua_hungarian_language_model::HUNGARIAN_MODELS_DIRECTORY
        ),
        model!(
            icelandic,
            lingua_icelandic_language_model::ICELANDIC_MODELS_DIRECTORY
        ),
        model!(
            indonesian,
            lingua_indonesian_language_model::INDONESIAN_MODELS_DIRECTORY
        ),
        model!(irish, lingua_irish_language_model::IRISH_MODELS_DIRECTORY),
        model!(
            italian,
            lingua_italian_language_model::ITALIAN_MODELS_DIRECTORY
        ),
        model!(latin, lingua_latin_language_model::LATIN_MODELS_DIRECTORY),
        model!(
            latvian,
            lingua_latvian_language_model::LATVIAN_MODELS_DIRECTORY
        ),
        model!(
            lithuanian,
            lingua_lithuanian_language_model::LITHUANIAN_MODELS_DIRECTORY
        ),
        model!(malay, lingua_malay_language_model::MALAY_MODELS_DIRECTORY),
        model!(maori, lingua_maori_language_model::MAORI_MODELS_DIRECTORY),
        model!(
            nynorsk,
            lingua_nynorsk_language_model::NYNORSK_MODELS_DIRECTORY
        ),
        model!(
            polish,
            lingua_polish_language_model::POLISH_MODELS_DIRECTORY
        ),
        model!(
            portuguese,
            lingua_portuguese_language_model::PORTUGUESE_MODELS_DIRECTORY
        ),
        model!(
            romanian,
            lingua_romanian_language_model::ROMANIAN_MODELS_DIRECTORY
        ),
        model!(shona, lingua_shona_language_model::SHONA_MODELS_DIRECTORY),
        model!(
            slovak,
            lingua_slovak_language_model::SLOVAK_MODELS_DIRECTORY
        ),
        model!(
            slovene,
            lingua_slovene_language_model::SLOVENE_MODELS_DIRECTORY
        ),
        model!(
            somali,
            lingua_somali_language_model::SOMALI_MODELS_DIRECTORY
        ),
        model!(sotho, lingua_sotho_language_model::SOTHO_MODELS_DIRECTORY),
        model!(
            swahili,
            lingua_swahili_language_model::SWAHILI_MODELS_DIRECTORY
        ),
        model!(
            swedish,
            lingua_swedish_language_model::SWEDISH_MODELS_DIRECTORY
        ),
        model!(
            tagalog,
            lingua_tagalog_language_model::TAGALOG_MODELS_DIRECTORY
        ),
        model!(
            tsonga,
            lingua_tsonga_language_model::TSONGA_MODELS_DIRECTORY
        ),
        model!(
            tswana,
            lingua_tswana_language_model::TSWANA_MODELS_DIRECTORY
        ),
        model!(
            vietnamese,
            lingua_vietnamese_language_model::VIETNAMESE_MODELS_DIRECTORY
        ),
        model!(welsh, lingua_welsh_language_model::WELSH_MODELS_DIRECTORY),
        model!(xhosa, lingua_xhosa_language_model::XHOSA_MODELS_DIRECTORY),
        model!(
            yoruba,
            lingua_yoruba_language_model::YORUBA_MODELS_DIRECTORY
        ),
        model!(zulu, lingua_zulu_language_model::ZULU_MODELS_DIRECTORY),
        model!(
            belarusian,
            lingua_belarusian_language_model::BELARUSIAN_MODELS_DIRECTORY
        ),
        model!(
            bulgarian,
            lingua_bulgarian_language_model::BULGARIAN_MODELS_DIRECTORY
        ),
        model!(
            kazakh,
            lingua_kazakh_language_model::KAZAKH_MODELS_DIRECTORY
        ),
        model!(
            macedonian,
            lingua_macedonian_language_model::MACEDONIAN_MODELS_DIRECTORY
        ),
        model!(
            mongolian,
            lingua_mongolian_language_model::MONGOLIAN_MODELS_DIRECTORY
        ),
        model!(
            russian,
            lingua_russian_language_model::RUSSIAN_MODELS_DIRECTORY
        ),
        model!(
            serbian,
            lingua_serbian_language_model::SERBIAN_MODELS_DIRECTORY
        ),
        model!(
            ukrainian,
            lingua_ukrainian_language_model::UKRAINIAN_MODELS_DIRECTORY
        ),
        model!(hindi, lingua_hindi_language_model::HINDI_MODELS_DIRECTORY),
        model!(
            marathi,
            lingua_marathi_language_model::MARATHI_MODELS_DIRECTORY
        ),
    ]
}

/// Accepts the keys of at most `.0` characters and prunes every longer branch, so that reading
/// the trigrams of a model does not walk its 4- and 5-grams.
struct MaxChars(usize);

impl Automaton for MaxChars {
    type State = usize;
    fn start(&self) -> usize {
        0
    }
    fn is_match(&self, chars: &usize) -> bool {
        *chars <= self.0
    }
    fn can_match(&self, chars: &usize) -> bool {
        *chars <= self.0
    }
    fn accept(&self, chars: &usize, byte: u8) -> usize {
        if byte & 0xC0 == 0x80 {
            *chars
        } else {
            chars + 1
        }
    }
}

/// Adds the uni- to trigrams of one model (column `column`) to `table`.
fn read_model(table: &mut BTreeMap<u64, Vec<(u8, f32)>>, column: u8, (name, bytes): Model) {
    let bytes = bytes.unwrap_or_else(|| panic!("lingua's {name} model has no ngrams.fst"));
    let map = fst::Map::new(bytes).unwrap_or_else(|e| panic!("lingua's {name} model: {e}"));
    let mut stream = map.search(MaxChars(TABLE_ORDER)).into_stream();
    while let Some((k, v)) = stream.next() {
        let Ok(s) = std::str::from_utf8(k) else {
            continue;
        };
        let chars: Vec<char> = s.chars().collect();
        if chars.is_empty() || chars.len() > TABLE_ORDER {
            continue;
        }
        let row = table.entry(key(&chars) as u64).or_default();
        row.push((column, f64::from_bits(v) as f32));
    }
}

/// The compact models learned from Debian's translations (`scripts/lang_learn.sh`): per model,
/// its n-grams' log-probabilities and per order what an n-gram it left out is worth. The
/// second file holds the twins, models learned the same way for some languages lingua has a
/// model for (`twin:<code>`), which only settle close calls against the learned ones.
const LEARNED: [&str; 2] = [
    "src/language/learned/ngrams.tsv",
    "src/language/learned/twins.tsv",
];

/// Adds the models learned in `file` to `table` from column `first` on; returns their names
/// and the worth of an unseen n-gram per order.
fn read_learned(
    table: &mut BTreeMap<u64, Vec<(u8, f32)>>,
    file: &str,
    first: usize,
) -> Vec<(String, [f32; 3])> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut models: Vec<(String, [f32; 3])> = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.split('\t');
        let (Some(name), Some(gram), Some(p)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("{file}: bad line {line:?}");
        };
        let p: f32 = p
            .parse()
            .unwrap_or_else(|e| panic!("{file}: {line:?}: {e}"));
        if models.last().is_none_or(|(n, _)| n != name) {
            models.push((name.to_owned(), [f32::NAN; 3]));
        }
        let column = first + models.len() - 1;
        let (_, unseen) = models.last_mut().expect("pushed above");
        if let Some(order) = gram
            .strip_prefix("<unseen")
            .and_then(|g| g.strip_suffix('>'))
        {
            let order: usize = order.parse().expect("<unseenN>");
            unseen[order - 1] = p;
            continue;
        }
        let chars: Vec<char> = gram.chars().collect();
        assert!((1..=TABLE_ORDER).contains(&chars.len()), "{file}: {line:?}");
        table
            .entry(key(&chars) as u64)
            .or_default()
            .push((column as u8, p));
    }
    models
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/language/ngram_table.rs");
    for file in LEARNED {
        println!("cargo::rerun-if-changed={file}");
    }
    let models = models();
    // Ordered, so that the table (and so the binary) is the same on every build.
    let mut table: BTreeMap<u64, Vec<(u8, f32)>> = BTreeMap::new();
    for (column, &model) in models.iter().enumerate() {
        read_model(&mut table, column as u8, model);
    }
    let mut learned = Vec::new();
    for file in LEARNED {
        let more = read_learned(&mut table, file, models.len() + learned.len());
        learned.extend(more);
    }
    assert!(models.len() + learned.len() <= MAX_COLUMNS);
    let rows: Vec<(u64, Vec<(u8, f32)>)> = table.into_iter().collect();
    let laid = ngram_table::lay_out(&rows);
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    std::fs::write(out.join("ngram-slots.bin"), &laid.slots).expect("writing OUT_DIR");
    std::fs::write(out.join("ngram-entries.bin"), &laid.entries).expect("writing OUT_DIR");
    let mut names: Vec<String> = models.iter().map(|(name, _)| format!("{name:?}")).collect();
    names.extend(learned.iter().map(|(name, _)| format!("{name:?}")));
    let unseen: Vec<String> = (0..models.len())
        .map(|_| "[f32::NAN; 3]".to_owned())
        .chain(learned.iter().map(|(_, u)| format!("{u:?}")))
        .map(|u| u.replace("NaN", "f32::NAN"))
        .collect();
    let rust = format!(
        "/// The models of the n-gram table's columns, in order (written by build.rs): lingua's,\n\
         /// then those learned from Debian's translations.\n\
         pub const TABLE_COLUMNS: [&str; {}] = [{}];\n\
         /// Per column, what an n-gram of order 1, 2, 3 its model left out is worth (a learned\n\
         /// model keeps only its most frequent n-grams); NaN: fall back to the n-gram's prefix,\n\
         /// as lingua does with its full models.\n\
         const TABLE_UNSEEN: [[f32; 3]; {}] = [{}];\n\
         /// The n-gram table has 2^TABLE_BITS slots ({} n-grams).\n\
         const TABLE_BITS: u32 = {};\n",
        names.len(),
        names.join(", "),
        names.len(),
        unseen.join(", "),
        rows.len(),
        laid.bits,
    );
    std::fs::write(out.join("ngram-table.rs"), rust).expect("writing OUT_DIR");
}
