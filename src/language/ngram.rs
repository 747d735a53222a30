//! A fast n-gram scorer over lingua's own models: the unigrams, bigrams and trigrams of the
//! languages that share a script with another one here (Arabic-script and Latin), read from the
//! model crates' `ngrams.fst` into one hash table at build time (build.rs, [`ngram_table`]), so
//! that start-up costs nothing and a sentence costs one look-up per distinct n-gram instead of
//! one finite-state-transducer walk per n-gram and language.
//!
//! It scores the way lingua does (sum of the log-probabilities of the distinct n-grams, falling
//! back to the lower-order prefix an n-gram has in a language's model, divided by the number of
//! known unigrams when unigrams take part). lingua's 4- and 5-grams, far too many for the table,
//! are looked up in the same FSTs, only when asked for ([`Orders::UpToFivegrams`]): they change
//! the answer only on short text that the lower orders leave close.

use super::ngram_table::{Row, Table, CHAR_BITS, MAX_COLUMNS, TABLE_ORDER};
use crate::text::script::{push_lowercase, Script, Scripts};

include!(concat!(env!("OUT_DIR"), "/ngram-table.rs"));

/// The n-gram table's slots and entries, laid out by build.rs (see [`ngram_table`]).
static TABLE_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ngram-slots.bin"));
static TABLE_ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ngram-entries.bin"));

/// Columns (models) of the table.
pub const COLUMNS: usize = TABLE_COLUMNS.len();
const _: () = assert!(COLUMNS <= MAX_COLUMNS);

/// The log-probability [`NgramModel::fit`] gives a trigram a model does not know: below the
/// rarest trigrams lingua's models keep (about −14 to −16).
const UNKNOWN_TRIGRAM: f64 = -18.0;

/// The longest n-grams scored (lingua's longest), looked up in the FSTs beyond [`TABLE_ORDER`].
const MAX_ORDER: usize = 5;
const CHAR_MASK: u128 = (1 << CHAR_BITS) - 1;

/// The `ngrams.fst` of one lingua model crate (compiled into that crate), `None` if it has none.
macro_rules! ngrams_fst {
    ($dir:path) => {
        $dir.get_file("ngrams.fst").map(|f| f.contents())
    };
}

/// Reads one model crate's `ngrams.fst`.
type NgramsFst = fn() -> Option<&'static [u8]>;

/// The [`LONG_MODELS`] entries: a column name and its crate's models directory.
macro_rules! long_models {
    ($($name:ident => $dir:path,)*) => {
        [$((stringify!($name), || ngrams_fst!($dir))),*]
    };
}

/// The models whose 4- and 5-grams are read at run time, by column name: the model crates the
/// worker depends on directly, every lingua model of the table. A close call can be between
/// any two neighbours, and lingua decides every short text with these n-grams; a model left
/// out kept its close calls on uni- to trigrams. The FSTs are compiled in and read only for
/// close calls (see `UNSURE` in the detector).
const LONG_MODELS: [(&str, NgramsFst); 62] = long_models![
    arabic => lingua_arabic_language_model::ARABIC_MODELS_DIRECTORY,
    persian => lingua_persian_language_model::PERSIAN_MODELS_DIRECTORY,
    urdu => lingua_urdu_language_model::URDU_MODELS_DIRECTORY,
    english => lingua_english_language_model::ENGLISH_MODELS_DIRECTORY,
    french => lingua_french_language_model::FRENCH_MODELS_DIRECTORY,
    german => lingua_german_language_model::GERMAN_MODELS_DIRECTORY,
    spanish => lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY,
    turkish => lingua_turkish_language_model::TURKISH_MODELS_DIRECTORY,
    indonesian => lingua_indonesian_language_model::INDONESIAN_MODELS_DIRECTORY,
    malay => lingua_malay_language_model::MALAY_MODELS_DIRECTORY,
    croatian => lingua_croatian_language_model::CROATIAN_MODELS_DIRECTORY,
    bosnian => lingua_bosnian_language_model::BOSNIAN_MODELS_DIRECTORY,
    bokmal => lingua_bokmal_language_model::BOKMAL_MODELS_DIRECTORY,
    nynorsk => lingua_nynorsk_language_model::NYNORSK_MODELS_DIRECTORY,
    slovene => lingua_slovene_language_model::SLOVENE_MODELS_DIRECTORY,
    tagalog => lingua_tagalog_language_model::TAGALOG_MODELS_DIRECTORY,
    portuguese => lingua_portuguese_language_model::PORTUGUESE_MODELS_DIRECTORY,
    catalan => lingua_catalan_language_model::CATALAN_MODELS_DIRECTORY,
    italian => lingua_italian_language_model::ITALIAN_MODELS_DIRECTORY,
    danish => lingua_danish_language_model::DANISH_MODELS_DIRECTORY,
    zulu => lingua_zulu_language_model::ZULU_MODELS_DIRECTORY,
    xhosa => lingua_xhosa_language_model::XHOSA_MODELS_DIRECTORY,
    sotho => lingua_sotho_language_model::SOTHO_MODELS_DIRECTORY,
    tswana => lingua_tswana_language_model::TSWANA_MODELS_DIRECTORY,
    afrikaans => lingua_afrikaans_language_model::AFRIKAANS_MODELS_DIRECTORY,
    albanian => lingua_albanian_language_model::ALBANIAN_MODELS_DIRECTORY,
    azerbaijani => lingua_azerbaijani_language_model::AZERBAIJANI_MODELS_DIRECTORY,
    basque => lingua_basque_language_model::BASQUE_MODELS_DIRECTORY,
    belarusian => lingua_belarusian_language_model::BELARUSIAN_MODELS_DIRECTORY,
    bulgarian => lingua_bulgarian_language_model::BULGARIAN_MODELS_DIRECTORY,
    czech => lingua_czech_language_model::CZECH_MODELS_DIRECTORY,
    dutch => lingua_dutch_language_model::DUTCH_MODELS_DIRECTORY,
    esperanto => lingua_esperanto_language_model::ESPERANTO_MODELS_DIRECTORY,
    estonian => lingua_estonian_language_model::ESTONIAN_MODELS_DIRECTORY,
    finnish => lingua_finnish_language_model::FINNISH_MODELS_DIRECTORY,
    ganda => lingua_ganda_language_model::GANDA_MODELS_DIRECTORY,
    hindi => lingua_hindi_language_model::HINDI_MODELS_DIRECTORY,
    hungarian => lingua_hungarian_language_model::HUNGARIAN_MODELS_DIRECTORY,
    icelandic => lingua_icelandic_language_model::ICELANDIC_MODELS_DIRECTORY,
    irish => lingua_irish_language_model::IRISH_MODELS_DIRECTORY,
    kazakh => lingua_kazakh_language_model::KAZAKH_MODELS_DIRECTORY,
    latin => lingua_latin_language_model::LATIN_MODELS_DIRECTORY,
    latvian => lingua_latvian_language_model::LATVIAN_MODELS_DIRECTORY,
    lithuanian => lingua_lithuanian_language_model::LITHUANIAN_MODELS_DIRECTORY,
    macedonian => lingua_macedonian_language_model::MACEDONIAN_MODELS_DIRECTORY,
    maori => lingua_maori_language_model::MAORI_MODELS_DIRECTORY,
    marathi => lingua_marathi_language_model::MARATHI_MODELS_DIRECTORY,
    mongolian => lingua_mongolian_language_model::MONGOLIAN_MODELS_DIRECTORY,
    polish => lingua_polish_language_model::POLISH_MODELS_DIRECTORY,
    romanian => lingua_romanian_language_model::ROMANIAN_MODELS_DIRECTORY,
    russian => lingua_russian_language_model::RUSSIAN_MODELS_DIRECTORY,
    serbian => lingua_serbian_language_model::SERBIAN_MODELS_DIRECTORY,
    shona => lingua_shona_language_model::SHONA_MODELS_DIRECTORY,
    slovak => lingua_slovak_language_model::SLOVAK_MODELS_DIRECTORY,
    somali => lingua_somali_language_model::SOMALI_MODELS_DIRECTORY,
    swahili => lingua_swahili_language_model::SWAHILI_MODELS_DIRECTORY,
    swedish => lingua_swedish_language_model::SWEDISH_MODELS_DIRECTORY,
    tsonga => lingua_tsonga_language_model::TSONGA_MODELS_DIRECTORY,
    ukrainian => lingua_ukrainian_language_model::UKRAINIAN_MODELS_DIRECTORY,
    vietnamese => lingua_vietnamese_language_model::VIETNAMESE_MODELS_DIRECTORY,
    welsh => lingua_welsh_language_model::WELSH_MODELS_DIRECTORY,
    yoruba => lingua_yoruba_language_model::YORUBA_MODELS_DIRECTORY,
];

/// Why the n-gram models could not be read (a corrupt model crate).
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the lingua model {0:?} is not a valid FST: {1}")]
    Fst(&'static str, fst::Error),
}

/// What a learned model's unseen trigram costs more in [`NgramModel::probabilities_strict`]:
/// enough that a learned model stops taking text its neighbour's model knows well, not so much
/// that a learned language loses its own paragraphs (docs/language.md has the trade-off).
const STRICT_UNSEEN_TRIGRAM: f32 = 1.5;

/// The log-probabilities per n-gram of every column's model: up to [`TABLE_ORDER`] characters
/// in the table compiled in, longer ones in the models themselves where the worker has them
/// ([`LONG_MODELS`]). A model is known by its column (its index in [`TABLE_COLUMNS`]).
pub struct NgramModel {
    table: Table<'static>,
    /// Per column, the model's `ngrams.fst` (compiled in, so not copied) if it is read at run
    /// time.
    fsts: Vec<Option<fst::Map<&'static [u8]>>>,
    /// The columns of learned models ([`TABLE_UNSEEN`] not NaN).
    learned: u128,
}

/// The table alone, with no 4- and 5-grams.
impl Default for NgramModel {
    fn default() -> NgramModel {
        NgramModel {
            table: Table::new(TABLE_BITS, TABLE_SLOTS, TABLE_ENTRIES),
            fsts: (0..COLUMNS).map(|_| None).collect(),
            learned: (0..COLUMNS)
                .filter(|&c| !TABLE_UNSEEN[c][0].is_nan())
                .fold(0, |m, c| m | bit(c)),
        }
    }
}

/// A set of columns.
fn bit(column: usize) -> u128 {
    1u128 << column
}

/// The table key of the first `n` (at most [`TABLE_ORDER`]) characters of the n-gram whose key
/// is `key`.
fn prefix(key: u128, n: usize) -> u64 {
    (key & ((1u128 << (CHAR_BITS * n)) - 1)) as u64
}

/// [`prefix`] of a key of the table's orders.
fn prefix64(key: u64, n: usize) -> u64 {
    key & ((1u64 << (CHAR_BITS * n)) - 1)
}

/// The n-grams of a text's words as packed keys ([`ngram_table::key`]), gathered in one pass for every
/// order from the letters as [`push_lowercase`] writes them: the key of the n-gram that ends at
/// a letter is the key of the (n-1)-gram that ends one letter before, plus that letter.
struct Grams {
    /// Whether n-grams of order `n` are wanted, at `n - 1`.
    wanted: [bool; MAX_ORDER],
    /// Whether any order beyond [`TABLE_ORDER`] is.
    wanted_long: bool,
    /// Whether uni- or bigrams are: not from 120 letters on ([`Orders::Trigrams`]), where
    /// a letter then costs one test for them.
    wanted_lower: bool,
    /// Keys of the orders up to [`TABLE_ORDER`], which fit in a `u64` (and sort as their
    /// `u128` would).
    table: [Vec<u64>; TABLE_ORDER],
    /// Keys of the longer orders.
    long: [Vec<u128>; MAX_ORDER - TABLE_ORDER],
    /// Letters read of the current word.
    run: usize,
    /// Keys of the uni- and bigram that end at the last letter (meaningful only as far as
    /// `run` reaches).
    last: [u64; 2],
    /// The same for the tri- and 4-gram, kept only when 4- and 5-grams are wanted.
    last_long: [u128; 2],
}

impl Grams {
    fn new(orders: Orders, letters: usize) -> Grams {
        let mut wanted = [false; MAX_ORDER];
        for &n in orders.lengths() {
            wanted[n - 1] = true;
        }
        let room = |n: usize| if wanted[n - 1] { letters } else { 0 };
        Grams {
            wanted,
            wanted_long: wanted[TABLE_ORDER..].contains(&true),
            wanted_lower: wanted[..2].contains(&true),
            table: [
                Vec::with_capacity(room(1)),
                Vec::with_capacity(room(2)),
                Vec::with_capacity(room(3)),
            ],
            long: [Vec::with_capacity(room(4)), Vec::with_capacity(room(5))],
            run: 0,
            last: [0; 2],
            last_long: [0; 2],
        }
    }

    /// The next letter of the current word.
    #[inline(always)]
    fn push(&mut self, c: char) {
        self.run += 1;
        let c = u64::from(c);
        let [k1, k2] = self.last;
        let short = [c, k1 | c << CHAR_BITS, k2 | c << (2 * CHAR_BITS)];
        if self.wanted[2] && self.run > 2 {
            self.table[2].push(short[2]);
        }
        if self.wanted_lower {
            for (n, &key) in short[..2].iter().enumerate() {
                if self.wanted[n] && self.run > n {
                    self.table[n].push(key);
                }
            }
        }
        if self.wanted_long {
            self.push_long(c, short[2]);
        }
        self.last = [short[0], short[1]];
    }

    /// The letter `c` of `script`, lower-cased as [`push_lowercase`] writes it, whose call per
    /// letter cost more than the letter: most letters are ASCII or of a script without case,
    /// pushed here with no call.
    #[inline(always)]
    fn push_letter(&mut self, c: char, script: Script) {
        if c.is_ascii() {
            self.push(c.to_ascii_lowercase());
        } else if !script.is_cased() {
            self.push(c);
        } else {
            push_lowercase(c, script, self);
        }
    }

    /// [`Grams::push`] for the 4- and 5-grams, given the trigram ending at `c`.
    #[inline(never)]
    fn push_long(&mut self, c: u64, trigram: u64) {
        let [k3, k4] = self.last_long;
        let c = u128::from(c);
        let long = [k3 | c << (3 * CHAR_BITS), k4 | c << (4 * CHAR_BITS)];
        for (n, &key) in long.iter().enumerate() {
            if self.wanted[TABLE_ORDER + n] && self.run > TABLE_ORDER + n {
                self.long[n].push(key);
            }
        }
        self.last_long = [u128::from(trigram), long[0]];
    }

    /// A character that is no letter: the current word ends.
    fn end_word(&mut self) {
        self.run = 0;
    }
}

/// Letters as [`push_lowercase`] writes them.
impl Extend<char> for Grams {
    fn extend<I: IntoIterator<Item = char>>(&mut self, letters: I) {
        for c in letters {
            self.push(c);
        }
    }
}

impl NgramModel {
    /// The table compiled in, and the FSTs of [`LONG_MODELS`] for 4- and 5-grams. Nothing is
    /// read but the headers of the FSTs.
    pub fn load() -> Result<NgramModel, ModelError> {
        let mut model = NgramModel::default();
        for (name, fst) in LONG_MODELS {
            let (Some(column), Some(bytes)) = (Self::column(name), fst()) else {
                continue;
            };
            let fst = fst::Map::new(bytes).map_err(|e| ModelError::Fst(name, e))?;
            model.fsts[column] = Some(fst);
        }
        Ok(model)
    }

    /// The column of the lingua model `name` (lower case, as its crate names it).
    pub fn column(name: &str) -> Option<usize> {
        TABLE_COLUMNS.iter().position(|&c| c == name)
    }

    /// Whether the 4- and 5-grams of `column`'s model are read.
    pub fn has_long(&self, column: usize) -> bool {
        self.fsts.get(column).is_some_and(Option::is_some)
    }

    /// lingua-style probabilities of the models of `columns` for `text` (words lower-cased,
    /// letters only) from the n-grams of `orders`; `None` when no n-gram of the text is known
    /// to any of them. 4- and 5-grams count only for the columns that [`Self::has_long`].
    pub fn probabilities(
        &self,
        text: &str,
        columns: &[usize],
        orders: Orders,
    ) -> Option<Vec<(usize, f64)>> {
        self.probabilities_with(text, columns, orders, &TABLE_UNSEEN)
    }

    /// [`Self::probabilities`] with a trigram a learned model left out worth
    /// [`STRICT_UNSEEN_TRIGRAM`] less. For text at home in a language lingua made a model of,
    /// a learned model's estimate of what it left out (from UI strings, and for a small model
    /// capped) is too kind: lingua's model knows the text's rare trigrams, each with its own
    /// low probability, while the learned model that never saw them is paid its flat estimate.
    pub fn probabilities_strict(
        &self,
        text: &str,
        columns: &[usize],
        orders: Orders,
    ) -> Option<Vec<(usize, f64)>> {
        let strict = TABLE_UNSEEN.map(|[uni, bi, tri]| [uni, bi, tri - STRICT_UNSEEN_TRIGRAM]);
        self.probabilities_with(text, columns, orders, &strict)
    }

    /// [`Self::probabilities`] of learned models (twins among them) that an n-gram none of
    /// them kept costs alike: the most any of `columns` says such an n-gram is worth. Their
    /// own estimates differ by the size of the text each learned from, up to 0.7 a trigram
    /// (German's twin, learned from far more text than Luxembourgish), which on text full of
    /// unknown n-grams (misspelt, accents lost) decided for the smaller model.
    pub fn probabilities_alike(
        &self,
        text: &str,
        columns: &[usize],
        orders: Orders,
    ) -> Option<Vec<(usize, f64)>> {
        let mut shared = [f32::NEG_INFINITY; 3];
        for &c in columns.iter().filter(|&&c| c < COLUMNS) {
            for (s, u) in shared.iter_mut().zip(TABLE_UNSEEN[c]) {
                *s = s.max(u);
            }
        }
        let unseen = TABLE_UNSEEN.map(|own| if own[0].is_nan() { own } else { shared });
        self.probabilities_with(text, columns, orders, &unseen)
    }

    fn probabilities_with(
        &self,
        text: &str,
        columns: &[usize],
        orders: Orders,
        unseen: &[[f32; 3]; COLUMNS],
    ) -> Option<Vec<(usize, f64)>> {
        let candidates = columns
            .iter()
            .filter(|&&c| c < COLUMNS)
            .fold(0u128, |m, &c| m | bit(c));
        if candidates == 0 {
            return None;
        }
        let mut sums = [0.0f64; COLUMNS];
        let mut unigrams_known = [0usize; COLUMNS];
        let scripts = Scripts::get();
        let mut grams = Grams::new(orders, text.len());
        for c in text.chars() {
            match scripts.of(c) {
                Some(script) => grams.push_letter(c, script),
                None => grams.end_word(),
            }
        }
        // Every n-gram as its packed key (see [`ngram_table::key`]): sorting and removing
        // repeats of integers is much cheaper than of character arrays.
        for &order in orders.lengths() {
            if order > TABLE_ORDER {
                let grams = &mut grams.long[order - TABLE_ORDER - 1];
                grams.sort_unstable();
                grams.dedup();
                self.add_long(grams, order, candidates, &mut sums);
                continue;
            }
            let grams = &mut grams.table[order - 1];
            grams.sort_unstable();
            grams.dedup();
            for &g in grams.iter() {
                self.add_gram(g, order, candidates, unseen, &mut sums, &mut unigrams_known);
            }
        }
        let mut scores: Vec<(usize, f64)> = Vec::with_capacity(columns.len());
        for i in (0..COLUMNS).filter(|&i| candidates & bit(i) != 0) {
            let mut s = sums[i];
            if orders != Orders::Trigrams && unigrams_known[i] > 0 {
                s /= unigrams_known[i] as f64;
            }
            if s != 0.0 {
                scores.push((i, s));
            }
        }
        if scores.is_empty() {
            return None;
        }
        let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = scores.iter().map(|s| (s.1 - best).exp()).sum();
        Some(
            scores
                .into_iter()
                .map(|(l, s)| (l, (s - best).exp() / total))
                .collect(),
        )
    }

    /// The mean log-probability of the distinct trigrams of `text` in `column`'s model (an
    /// unknown trigram counts as [`UNKNOWN_TRIGRAM`]), `None` for a text with no trigram: how
    /// well the text fits the language at all, whatever the other languages score.
    pub fn fit(&self, text: &str, column: usize) -> Option<f64> {
        let scripts = Scripts::get();
        let mut grams = Grams::new(Orders::Trigrams, text.len());
        for c in text.chars() {
            match scripts.of(c) {
                Some(script) => grams.push_letter(c, script),
                None => grams.end_word(),
            }
        }
        let trigrams = &mut grams.table[TABLE_ORDER - 1];
        trigrams.sort_unstable();
        trigrams.dedup();
        let sum: f64 = trigrams
            .iter()
            .map(|&g| {
                let p = self.table.get(g).and_then(|r| r.get(column));
                p.map_or(UNKNOWN_TRIGRAM, f64::from)
            })
            .sum();
        (!trigrams.is_empty()).then(|| sum / trigrams.len() as f64)
    }

    /// Adds the log-probability of the n-gram `g` of `order` (at most [`TABLE_ORDER`]) to the
    /// sum of every column of `candidates`: the n-gram's own where the model knows it, else
    /// that of its longest prefix the model knows, as lingua does. Each row is read once for
    /// all columns, the prefixes' only while some column still lacks a value.
    #[inline]
    fn add_gram(
        &self,
        g: u64,
        order: usize,
        candidates: u128,
        unseen: &[[f32; 3]; COLUMNS],
        sums: &mut [f64; COLUMNS],
        unigrams_known: &mut [usize; COLUMNS],
    ) {
        let mut missing = candidates;
        if let Some(row) = self.table.get(g) {
            self.add_row(row, order, &mut missing, sums, unigrams_known);
        }
        // A learned model keeps only its frequent n-grams: one it left out is worth what such
        // n-grams are, not its prefix's (which would favour the small model).
        let mut learned = missing & self.learned;
        while learned != 0 {
            let column = learned.trailing_zeros() as usize % COLUMNS;
            learned &= learned - 1;
            sums[column] += f64::from(unseen[column][order - 1]);
            if order == 1 {
                unigrams_known[column] += 1;
            }
        }
        missing &= !self.learned;
        for n in (1..order).rev() {
            if missing == 0 {
                break;
            }
            if let Some(row) = self.table.get(prefix64(g, n)) {
                self.add_row(row, order, &mut missing, sums, unigrams_known);
            }
        }
    }

    /// Adds the log-probabilities of `row` to the sums of the `missing` columns it has, which
    /// are then no longer missing.
    #[inline]
    fn add_row(
        &self,
        row: Row<'_>,
        order: usize,
        missing: &mut u128,
        sums: &mut [f64; COLUMNS],
        unigrams_known: &mut [usize; COLUMNS],
    ) {
        if *missing == 0 {
            return;
        }
        // A row's entries are in column order (build.rs), so the scan stops after the last
        // column still missing: the twins, the last columns, are read only when asked for.
        let last = (u128::BITS - 1 - missing.leading_zeros()) as usize;
        for (column, p) in row.iter() {
            if column > last {
                break;
            }
            if *missing & bit(column) != 0 {
                *missing &= !bit(column);
                sums[column % COLUMNS] += f64::from(p);
                if order == 1 {
                    unigrams_known[column % COLUMNS] += 1;
                }
            }
        }
    }

    /// [`Self::add_gram`] for 4- and 5-grams, read from the FSTs of the columns that have them.
    fn add_long(&self, grams: &[u128], order: usize, candidates: u128, sums: &mut [f64; COLUMNS]) {
        for &g in grams {
            let mut lookup = Lookup::new(self, g, order);
            for i in (0..COLUMNS).filter(|&i| candidates & bit(i) != 0 && self.has_long(i)) {
                if let Some(p) = lookup.probability(i) {
                    sums[i] += p;
                }
            }
        }
    }
}

/// The n-gram orders scored, as lingua chooses them by the length of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orders {
    /// Trigrams only: lingua's choice from 120 characters on.
    Trigrams,
    /// Unigrams to trigrams, all from the table: lingua's high-accuracy choice below 120
    /// characters without its 4- and 5-grams, which change the answer only when it is close.
    UpToTrigrams,
    /// Unigrams to 5-grams, lingua's high-accuracy choice below 120 characters; the 4- and
    /// 5-grams are walked down the models' FSTs, which costs far more than the table, so only
    /// close calls are rescored this way.
    UpToFivegrams,
}

impl Orders {
    /// How many orders are scored.
    pub fn count(self) -> usize {
        self.lengths().len()
    }

    fn lengths(self) -> &'static [usize] {
        match self {
            Orders::Trigrams => &[3],
            Orders::UpToTrigrams => &[1, 2, 3],
            Orders::UpToFivegrams => &[1, 2, 3, 4, 5],
        }
    }
}

/// The log-probability of one n-gram in each model that has its 4- and 5-grams: the n-gram
/// itself, else its longest lower-order prefix the model knows, as lingua does. A prefix of up
/// to three characters is looked up in the table once for all models, and only when needed.
struct Lookup<'a> {
    model: &'a NgramModel,
    gram: u128,
    order: usize,
    /// The n-gram in UTF-8 (for the FSTs) and where each of its characters ends.
    utf8: [u8; 4 * MAX_ORDER],
    ends: [usize; MAX_ORDER],
    table: [Option<Option<Row<'a>>>; TABLE_ORDER],
}

impl<'a> Lookup<'a> {
    fn new(model: &'a NgramModel, gram: u128, order: usize) -> Lookup<'a> {
        let mut lookup = Lookup {
            model,
            gram,
            order,
            utf8: [0; 4 * MAX_ORDER],
            ends: [0; MAX_ORDER],
            table: [None; TABLE_ORDER],
        };
        if order > TABLE_ORDER {
            let mut len = 0;
            for n in 0..order {
                let c = char::from_u32(((gram >> (CHAR_BITS * n)) & CHAR_MASK) as u32)
                    .unwrap_or_default();
                len += c.encode_utf8(&mut lookup.utf8[len..]).len();
                lookup.ends[n] = len;
            }
        }
        lookup
    }

    fn probability(&mut self, column: usize) -> Option<f64> {
        if let (true, Some(fst)) = (self.order > TABLE_ORDER, &self.model.fsts[column]) {
            let bytes = &self.utf8[..self.ends[self.order - 1]];
            let ends = &self.ends[TABLE_ORDER..self.order];
            if let Some(v) = longest_known(fst.as_fst(), bytes, ends) {
                return Some(f64::from_bits(v));
            }
        }
        (1..=self.order.min(TABLE_ORDER)).rev().find_map(|n| {
            let (table, gram) = (&self.model.table, self.gram);
            let row = *self.table[n - 1].get_or_insert_with(|| table.get(prefix(gram, n)));
            row.and_then(|r| r.get(column)).map(f64::from)
        })
    }
}

/// The value of the longest prefix of `bytes` that `fst` holds among those ending at one of
/// `ends` (ascending byte offsets), in one walk down the FST.
fn longest_known(fst: &fst::raw::Fst<&[u8]>, bytes: &[u8], ends: &[usize]) -> Option<u64> {
    let mut node = fst.root();
    let mut output = fst::raw::Output::zero();
    let mut found = None;
    let mut ends = ends.iter().peekable();
    for (i, &byte) in bytes.iter().enumerate() {
        let Some(t) = node.find_input(byte).map(|k| node.transition(k)) else {
            break;
        };
        output = output.cat(t.out);
        node = fst.node(t.addr);
        if ends.next_if_eq(&&(i + 1)).is_some() && node.is_final() {
            found = Some(output.cat(node.final_output()).value());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::ngram_table::key;

    fn model() -> &'static NgramModel {
        static M: std::sync::OnceLock<NgramModel> = std::sync::OnceLock::new();
        M.get_or_init(|| NgramModel::load().unwrap())
    }

    fn columns(names: &[&str]) -> Vec<usize> {
        names
            .iter()
            .map(|n| NgramModel::column(n).unwrap())
            .collect()
    }

    fn best(text: &str, among: &[&str]) -> &'static str {
        let p = model()
            .probabilities(text, &columns(among), Orders::UpToTrigrams)
            .unwrap();
        TABLE_COLUMNS[p.into_iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap().0]
    }

    /// The table compiled in holds exactly the uni-, bi- and trigrams of the models the worker
    /// also reads at run time, with their log-probabilities.
    #[test]
    fn the_table_holds_the_models_trigrams_and_below() {
        use fst::Streamer;
        let model = model();
        let table = model.table;
        for (column, fst) in model.fsts.iter().enumerate() {
            let Some(fst) = fst else {
                continue;
            };
            let mut stream = fst.stream();
            let mut grams = 0;
            while let Some((k, v)) = stream.next() {
                let chars: Vec<char> = std::str::from_utf8(k).unwrap().chars().collect();
                if chars.len() > TABLE_ORDER {
                    continue;
                }
                let p = table.get(key(&chars) as u64).and_then(|r| r.get(column));
                assert_eq!(
                    p.map(f32::to_bits),
                    Some((f64::from_bits(v) as f32).to_bits())
                );
                grams += 1;
            }
            assert!(grams > 1000, "{}: {grams} n-grams", TABLE_COLUMNS[column]);
        }
        assert_eq!(
            LONG_MODELS.iter().filter(|m| m.1().is_some()).count(),
            LONG_MODELS.len()
        );
        // Every column has a model of some size, and every row names its columns once each, in
        // order (`add_row` stops after the last it wants).
        let mut per_column = [0usize; COLUMNS];
        for k in table.keys() {
            let row: Vec<usize> = table.get(k).unwrap().iter().map(|(c, _)| c).collect();
            assert!(row.windows(2).all(|w| w[0] < w[1]), "{row:?}");
            row.iter().for_each(|&c| per_column[c] += 1);
        }
        for (c, n) in per_column.iter().enumerate() {
            assert!(*n > 1000, "{}: {n} n-grams", TABLE_COLUMNS[c]);
        }
    }

    /// The grams gathered letter by letter ([`Grams::push_letter`]) against the windows of the
    /// words lower-cased by [`push_lowercase`], on real-looking and random text.
    #[test]
    fn grams_are_the_windows_of_the_words() {
        let mut texts = vec!["Die Straße, İSTANBUL'da ab; قال الرئيس x yz ΣΊΣΥΦΟΣ Ж ǅ".to_owned()];
        let alphabet = [
            'a', 'Z', 'ß', 'İ', 'Σ', 'ς', 'Ж', 'ǅ', 'ﬁ', 'ق', 'ی', 'ש', '日', ' ', '1', '\'',
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..50 {
            texts.push(crate::text::random_text(&alphabet, 200, &mut state));
        }
        for text in &texts {
            for orders in [
                Orders::Trigrams,
                Orders::UpToTrigrams,
                Orders::UpToFivegrams,
            ] {
                grams_of(text, orders);
            }
        }
    }

    fn grams_of(text: &str, orders: Orders) {
        let scripts = Scripts::get();
        let mut grams = Grams::new(orders, text.len());
        let mut words: Vec<Vec<char>> = vec![Vec::new()];
        for c in text.chars() {
            match scripts.of(c) {
                Some(script) => {
                    grams.push_letter(c, script);
                    push_lowercase(c, script, words.last_mut().unwrap());
                }
                None => {
                    grams.end_word();
                    words.push(Vec::new());
                }
            }
        }
        for n in 1..=MAX_ORDER {
            let expected: Vec<u128> = words
                .iter()
                .filter(|w| w.len() >= n && orders.lengths().contains(&n))
                .flat_map(|w| w.windows(n).map(key))
                .collect();
            let got: Vec<u128> = match n.checked_sub(TABLE_ORDER + 1) {
                None => grams.table[n - 1].iter().map(|&k| u128::from(k)).collect(),
                Some(long) => grams.long[long].clone(),
            };
            assert_eq!(got, expected, "order {n} of {text:?}, {orders:?}");
        }
    }

    #[test]
    fn keys_of_different_lengths_differ() {
        assert_ne!(key(&['a']), key(&['a', 'a']));
        assert_ne!(key(&['a', 'b']), key(&['b', 'a']));
    }

    #[test]
    fn a_prefix_is_the_key_of_the_first_characters() {
        let g = key(&['ب', 'ی', 'ن', 'ا', 'م']);
        assert_eq!(u128::from(prefix(g, 1)), key(&['ب']));
        assert_eq!(u128::from(prefix(g, 2)), key(&['ب', 'ی']));
        assert_eq!(u128::from(prefix(g, 3)), key(&['ب', 'ی', 'ن']));
    }

    #[test]
    fn trigram_model_tells_sentences_apart() {
        assert_eq!(
            best(
                "the government said on monday that it would act",
                &["english", "french", "german"]
            ),
            "english"
        );
        assert_eq!(
            best(
                "le gouvernement a annoncé lundi qu'il allait agir",
                &["english", "french", "german"]
            ),
            "french"
        );
        assert_eq!(
            best(
                "die regierung teilte am montag mit dass sie handeln werde",
                &["english", "french", "german"]
            ),
            "german"
        );
        assert_eq!(
            best(
                "قالت الحكومة يوم الاثنين إنها ستتحرك",
                &["arabic", "persian", "urdu"]
            ),
            "arabic"
        );
        assert_eq!(
            best(
                "دولت روز دوشنبه اعلام کرد که اقدام خواهد کرد",
                &["arabic", "persian", "urdu"]
            ),
            "persian"
        );
    }

    #[test]
    fn up_to_fivegrams_scores_as_lingua_high_accuracy() {
        use lingua::Language::{English, French, German};
        let among = [English, French, German];
        let lingua = lingua::LanguageDetectorBuilder::from_languages(&among).build();
        let cols = columns(&["english", "french", "german"]);
        for text in [
            "the government said on monday",
            "le gouvernement a annoncé lundi",
            "die regierung teilte am montag mit",
        ] {
            let ours = model()
                .probabilities(text, &cols, Orders::UpToFivegrams)
                .unwrap();
            for (language, p) in lingua.compute_language_confidence_values(text) {
                let name = language.to_string().to_lowercase();
                let column = NgramModel::column(&name).unwrap();
                let q = ours.iter().find(|o| o.0 == column).map_or(0.0, |o| o.1);
                assert!((p - q).abs() < 0.01, "{text}: {language:?} {p} vs {q}");
            }
        }
    }

    #[test]
    fn a_learned_model_held_strictly_pays_more_for_what_it_left_out() {
        // Learned Javanese against lingua's Tagalog on a Tagalog sentence, and two learned
        // models against each other (their unseen trigrams cost both the same more).
        let text = "ang mga mangingisda ay umalis sa pantalan bago sumikat ang araw";
        for (names, learned) in [(["tagalog", "jv"], "jv"), (["jv", "su"], "su")] {
            let cols = columns(&names);
            let column = NgramModel::column(learned).unwrap();
            let share = |values: Vec<(usize, f64)>| {
                values.iter().find(|v| v.0 == column).map_or(0.0, |v| v.1)
            };
            for orders in [Orders::UpToTrigrams, Orders::Trigrams] {
                let kind = share(model().probabilities(text, &cols, orders).unwrap());
                let strict = share(model().probabilities_strict(text, &cols, orders).unwrap());
                if names[0] == "tagalog" {
                    assert!(strict < kind, "{orders:?}: {strict} !< {kind}");
                } else {
                    assert!(
                        (strict - kind).abs() < 0.2,
                        "{orders:?}: {strict} vs {kind}"
                    );
                }
            }
        }
    }

    #[test]
    fn twins_and_learned_models_pay_alike_for_what_they_left_out() {
        // German's twin learned from far more text than Luxembourgish: on a text none of the
        // two knows, their own estimates would decide; alike, nothing does.
        let cols = columns(&["lb", "twin:de"]);
        let text = "qxzv wqpk zzqj vvkq";
        let alike = model()
            .probabilities_alike(text, &cols, Orders::Trigrams)
            .unwrap();
        let own = model()
            .probabilities(text, &cols, Orders::Trigrams)
            .unwrap();
        let lb = |v: &[(usize, f64)]| v.iter().find(|x| x.0 == cols[0]).map_or(0.0, |x| x.1);
        assert!(lb(&own) > 0.9, "{own:?}");
        assert!((lb(&alike) - 0.5).abs() < 0.1, "{alike:?}");
    }

    #[test]
    fn unknown_text_has_no_probabilities() {
        assert!(model()
            .probabilities("12 34 !!", &columns(&["english"]), Orders::UpToFivegrams)
            .is_none());
        assert!(model()
            .probabilities("hello", &columns(&["hindi"]), Orders::UpToTrigrams)
            .is_none());
    }
}
