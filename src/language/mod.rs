//! Language identification: code (ISO 639-1, else 639-3), name, ISO 15924 script, confidence,
//! alternatives and segments of one article, for the 123 languages of
//! [`languages::LANGUAGES`].
//!
//! How a text is identified:
//!
//! 1. [`clean`]: URLs, e-mail addresses, markup, numbers and bylines are blanked out.
//! 2. [`crate::text::script`]: the script most letters are written in picks the candidates
//!    (Han with kana is Japanese). A script only one candidate writes (Greek, Hangul, Thai,
//!    the Indic scripts ...) decides alone; no letters in a known script gives `und`.
//! 3. Several candidates: the n-gram table ([`ngram`]: lingua's models and models learned
//!    from Debian's translations) scores those with a model (4- and 5-grams too on a close
//!    call under 120 letters), lingua itself a close call under 40 letters (its rules and 4-
//!    and 5-grams), and [`evidence`] adds letters only one
//!    language of a script writes, letters a language does not write and marker words;
//!    languages without a model (Pashto, Kurdish, Uyghur, Amharic, Tigrinya) get their score
//!    from that evidence alone. The scores are normalised into confidences, sharpened on short
//!    text and capped below 0.5 when the text fits the best model poorly (an unknown
//!    language); below `min_confidence`, or on fewer than [`MIN_LETTERS`] letters, the answer
//!    is `und`.
//! 4. `lang_hint` only breaks a near tie (within `hint_margin`).
//!
//! A long article is decided on a sample: its first paragraphs in the main script, grown to
//! `sample_chars` only while the answer is unclear. Segments come from cheap per-paragraph
//! checks (script counts, letter and word evidence, the fit of the main language's model);
//! only a paragraph that looks like another language is identified in full.

mod clean;
mod evidence;
mod ijekavian;
mod languages;
mod lingua_detectors;
mod ngram;
mod ngram_table;
mod segments;

pub use clean::clean;

use lingua::LanguageDetectorBuilder;

use crate::message::{LanguageAlternative, LanguageResult, LanguageSegment};
use crate::settings::LanguageSettings;
use crate::text::chars::fold::fold_for_language_markers;
use crate::text::script::{Script, ScriptCounts, Scripts, UNDETERMINED};
use evidence::{EvidenceTables, Scores};
use languages::{
    by_code, marker_words_of, of_script, Lang, LangId, CLOSE_RELATIVES, LANGUAGES, NAMING_LETTERS,
    OTHER_LANGUAGES_LETTERS,
};
use lingua_detectors::LinguaDetectors;
use ngram::Orders;

/// The code reported where the text gives too little to tell or is in no language known here.
pub const UNDETERMINED_CODE: &str = "und";

/// Every language code the detector can report, [`UNDETERMINED_CODE`] last.
pub fn codes() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|l| l.code).chain([UNDETERMINED_CODE])
}

/// Fewer letters than this (in the main script) say too little to tell: `und`. A Han character,
/// mostly a word of its own, counts as three. A script only one language writes (kana, Hangul,
/// Thai …) names it from its first letter: there is nothing to tell apart.
pub const MIN_LETTERS: usize = 3;
/// The log-score of a language lingua has no model for, before its letter and word evidence.
const NO_MODEL_PRIOR: f64 = -4.0;
/// The lowest probability taken from lingua (its zeros would make evidence useless).
const LINGUA_FLOOR: f64 = 1e-3;
/// Below this many letters lingua itself scores a close call (its 4- and 5-grams and rules help
/// on a word or two); from here on only the faster [`ngram::NgramModel`] does.
const SHORT_TEXT: usize = 40;
/// From this many letters on, only trigrams are scored, as lingua does.
const TRIGRAMS_ONLY: usize = 120;
/// Below [`TRIGRAMS_ONLY`] letters, a best answer less sure than this on uni- to trigrams
/// (sharpened as the result will be) is scored again with 4- and 5-grams too, as lingua
/// scores every such text: close relatives (Indonesian and Malay, the Norwegian standards,
/// Zulu and Xhosa) differ in their longer n-grams. A near-certain answer is not worth the
/// look-ups.
const UNSURE: f64 = 0.99999;
/// ... and only the languages with at least this confidence (before sharpening) are ...
const IN_REACH: f64 = 0.01;
/// ... at most this many of them, the best: each one rescored walks its model's FST for every
/// 4- and 5-gram, and the pairs that matter are nearly always among the best three.
const MAX_RESCORED: usize = 3;
/// Below [`SHORT_TEXT`] letters, a best answer less sure than this on uni- to trigrams is left
/// to lingua: on a word or two the table is often sure and wrong. Not every short text: each
/// one asked costs lingua's 4- and 5-gram walks (docs/language.md has the trade-off).
const SHORT_SURE: f64 = 0.95;
/// [`SHORT_SURE`] where a model learned here leads: lingua cannot judge that language, so
/// asking it gives the word to a neighbour, but a learned model sure of a word or two at 0.95
/// was wrong too often (Icelandic word pairs went to Faroese, Irish to Scottish Gaelic).
const LEARNED_SHORT_SURE: f64 = 0.999;
/// A learned model's lead is settled again against the twins of the languages with at least
/// this confidence (see [`Detector::settle_with_twins`]).
const TWIN_REACH: f64 = 0.01;
/// Short text goes to lingua with this many of the candidates the n-gram table ranks best.
const LINGUA_SHORTLIST: usize = 8;
/// ... and on at most this many words with every language of the script lingua knows: on a
/// word or two the table's best eight often lack the right one. A detector over a script's
/// languages is built once ([`lingua_detectors`]), so this costs lingua's look-ups only, but
/// those over sixty Latin models cost as much as the rest of a sentence's detection: three
/// words or more give the table enough to rank by.
const EVERY_LANGUAGE_WORDS: usize = 2;
/// The first samples of a long article, in characters, tried in turn before `sample_chars`:
/// a few sentences are enough when the answer is clear, as it is for most articles.
const SAMPLES: [usize; 2] = [200, 400];
/// A sample's answer at or above this confidence is final.
const CLEAR: f64 = 0.98;
/// A paragraph needs this many letters to form its own segment.
const SEGMENT_MIN_LETTERS: usize = 24;
/// A paragraph is identified in full when another language's evidence leads the main
/// language's by this much.
const SEGMENT_SWITCH: f64 = 6.0;
/// A paragraph of the main script whose trigrams fit the main language's model worse than this
/// (mean log-probability, see [`ngram::NgramModel::fit`]) is identified in full: between
/// [`FIT_GOOD`], where text in the language is, and [`FIT_POOR`].
const SEGMENT_FIT: f64 = -3.2;
/// A paragraph identified in full is a segment of its own only when its language is at least
/// this sure, whatever `min_confidence` lets a whole text guess: a paragraph of names fits no
/// model, and a guess among the script's languages is no reason to split an article.
const SEGMENT_MIN_CONFIDENCE: f64 = 0.2;
/// At most this many paragraphs of an article are identified in full.
const MAX_SEGMENT_CHECKS: usize = 32;
/// A paragraph identified in full is judged on at most this many characters.
const SEGMENT_SAMPLE: usize = 400;
/// A mean trigram log-probability at or above this in the best language's model is a text in
/// that language: 95 % of lingua's test sentences fit their own language at −2.5 to −3.3, and
/// paragraphs fit better than sentences.
const FIT_GOOD: f64 = -2.8;
/// ... and at or below this, more likely a language the detector does not know (a related
/// known language fits sentences of another at about −2.7 to −5.4).
const FIT_POOR: f64 = -3.6;
/// The fit is measured on at most this many characters of a text (about 100 trigrams): enough
/// to tell, and a table look-up per trigram adds up over every paragraph of an article.
const FIT_SAMPLE: usize = 150;
/// The highest confidence of a poorly fitting text: below 0.5, the contract's "unsure".
const UNSURE_CAP: f64 = 0.45;
/// Alternatives below this confidence are not reported.
const MIN_ALTERNATIVE: f64 = 0.01;
/// The highest confidence of a language with a close relative (see [`CLOSE_RELATIVES`]): their
/// letters and most words are the same, so the answer is a good guess, not a certainty.
const CLOSE_RELATIVE_CAP: f64 = 0.8;
/// The highest confidence of a language told by a few frequent words alone (no model, no
/// letters of its own): a neighbour the detector does not know may write the same words.
const WORDS_ALONE_CAP: f64 = 0.8;
const MAX_ALTERNATIVES: usize = 4;

/// Built once at start-up and shared by all workers.
pub struct Detector {
    /// Per row of [`LANGUAGES`], its language in lingua, if lingua knows it.
    lingua_of: Vec<Option<lingua::Language>>,
    /// lingua detectors over the short lists of close calls, one per set.
    lingua_detectors: LinguaDetectors,
    ngrams: ngram::NgramModel,
    /// Per row of [`LANGUAGES`], the column of its model in the n-gram table.
    columns: Vec<Option<usize>>,
    /// Per row of [`LANGUAGES`], the column of its twin, if it has one: a model learned from
    /// the same kind of text as the learned models, to settle a close call against them.
    twins: Vec<Option<usize>>,
    evidence: EvidenceTables,
    min_confidence: f64,
    hint_margin: f64,
    sample_chars: usize,
}

/// Whether [`Detector::rank`] measures the best language's fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Measure,
    Skip,
}

/// Candidates of one text, best first, with confidences that sum to 1.
#[derive(Debug, Clone, Default)]
struct Ranking {
    script: Option<Script>,
    ranked: Vec<(LangId, f64)>,
    letters: usize,
    /// The power the confidences are taken to when reported (see [`sharpened`]).
    sharpen: f64,
    /// How well the text fits the best language's model ([`ngram::NgramModel::fit`]).
    fit: Option<f64>,
    /// The best language when it has no model and the text has its letters but none of its
    /// words: other languages outside the table write those letters too (Yukaghir and Even
    /// write Sakha's ҕ ҥ, Kazakh in Arabic script Uyghur's ۇ ۋ).
    letters_alone: Option<LangId>,
}

impl Ranking {
    fn top(&self) -> Option<(LangId, f64)> {
        self.ranked.first().copied()
    }

    /// Whether the text has letters enough to name a language: [`MIN_LETTERS`], or one in a
    /// script that only one language writes.
    fn has_enough_letters(&self) -> bool {
        self.letters >= MIN_LETTERS
            || (self.letters > 0 && self.script.is_some_and(|s| of_script(s).nth(1).is_none()))
    }

    /// Whether a longer sample could hardly change the answer: the best is at least [`CLEAR`]
    /// sure, or [`CLEAR`] / (1 − [`CLEAR`]) times as likely as the runner-up. The second test
    /// matters where a language without a model (Pashto, Kurdish) keeps a share of the
    /// confidence that no amount of text in another language takes away (without it, an
    /// English article stops at 0.978, Kurmanji keeping 0.018).
    fn is_clear(&self) -> bool {
        match self.ranked[..] {
            [(_, best), ..] if best >= CLEAR => true,
            [(_, best), (_, second), ..] => best * (1.0 - CLEAR) >= second * CLEAR,
            _ => false,
        }
    }
}

impl Detector {
    pub fn new(settings: &LanguageSettings) -> Detector {
        // lingua keeps the models it loads in its statics, shared by every detector built
        // later: the short-list detectors of `lingua_values` find them loaded.
        let models = languages::lingua_languages();
        let lingua = LanguageDetectorBuilder::from_languages(&models)
            .with_preloaded_language_models()
            .build();
        // The models are compiled in; a unit test proves they load, so an error cannot happen
        // at run time, and lingua alone would still answer if it did.
        let ngrams = ngram::NgramModel::load().unwrap_or_default();
        let columns = LANGUAGES
            .iter()
            .map(|l| l.model.and_then(ngram::NgramModel::column))
            .collect();
        let twins = LANGUAGES
            .iter()
            .map(|l| ngram::NgramModel::column(&format!("twin:{}", l.code)))
            .collect();
        // What is otherwise built on first use, here rather than in the first request (whose
        // reply would otherwise wait for it):
        // the script table, and lingua's tokeniser and alphabet rules, which have no other way
        // in than a text of each script it is asked about (Arabic and Latin).
        Scripts::get();
        for text in ["في المدينة", "in the city"] {
            lingua.compute_language_confidence_values(text);
        }
        Detector {
            lingua_of: LANGUAGES.iter().map(Lang::lingua_language).collect(),
            lingua_detectors: LinguaDetectors::default(),
            ngrams,
            columns,
            twins,
            evidence: EvidenceTables::new(),
            min_confidence: settings.min_confidence,
            hint_margin: settings.hint_margin,
            sample_chars: settings.sample_chars,
        }
    }

    /// Identifies the language of `text`; `hint` (ISO 639-1) only breaks a near tie.
    pub fn detect(&self, text: &str, hint: Option<&str>) -> LanguageResult {
        let paragraphs = segments::paragraphs(text);
        // One pass for the whole text: cleaning keeps the lines, so its lines are the cleaned
        // paragraphs, and counts their letters and scores their evidence.
        let lines = paragraphs.iter().map(|p| p.text);
        let cleaned_text = clean::clean_lines(text, lines, &self.evidence);
        let cleaned: Vec<(&str, &clean::Line)> = cleaned_text
            .lines
            .iter()
            .map(|line| (&cleaned_text.text[line.range.clone()], line))
            .collect();
        let mut all = ScriptCounts::default();
        for (_, line) in &cleaned {
            all.merge(&line.counts);
        }
        let main_script = all.dominant();
        let ranking = self.rank_sample(&cleaned, main_script);
        let mut result = self.result(&ranking, hint);
        result.segments = if result.code == "und" || paragraphs.len() == 1 {
            vec![LanguageSegment {
                start: 0,
                end: text.chars().count(),
                code: result.code.clone(),
            }]
        } else {
            let main = ranking.top().map(|(id, _)| id).unwrap_or_default();
            self.segments(text, &paragraphs, &cleaned, main)
        };
        result
    }

    /// Ranks the main-script paragraphs from the start of the article on growing samples
    /// ([`SAMPLES`], then `sample_chars` characters), stopping at the first clear answer.
    fn rank_sample(&self, paragraphs: &[(&str, &clean::Line)], script: Option<Script>) -> Ranking {
        let main: Vec<(&str, &ScriptCounts)> = paragraphs
            .iter()
            .filter(|(_, line)| script.is_some() && line.script == script)
            .map(|&(t, line)| (t, &line.counts))
            .collect();
        let whole: usize = main.iter().map(|(t, _)| t.len() + 1).sum();
        let mut ranking = Ranking::default();
        for chars in SAMPLES.into_iter().chain([self.sample_chars]) {
            let chars = chars.min(self.sample_chars);
            let (text, counts) = sample(&main, chars);
            ranking = self.rank(&text, &counts, Fit::Measure);
            if ranking.is_clear() || text.len() >= whole || chars == self.sample_chars {
                break;
            }
        }
        ranking
    }

    /// Ranks the candidates for one cleaned text; `fit` says whether the best language's fit
    /// is wanted (for a result, not for a paragraph's segment).
    fn rank(&self, text: &str, counts: &ScriptCounts, fit: Fit) -> Ranking {
        let Some(script) = text_script(counts) else {
            return Ranking::default();
        };
        let letters = letters_of(script, counts);
        let mut ranking = Ranking {
            script: Some(script),
            ranked: Vec::new(),
            letters,
            sharpen: 1.0,
            fit: None,
            letters_alone: None,
        };
        let candidates: Vec<LangId> = of_script(script).collect();
        match candidates[..] {
            [] => return ranking,
            [only] => {
                let confidence = if writes_another_language(text, only, letters) {
                    UNSURE_CAP
                } else {
                    1.0 - 0.5f64.powi(letters.min(64) as i32)
                };
                ranking.ranked.push((only, confidence));
                return ranking;
            }
            _ => {}
        }
        let mut evidence: Scores = [0.0; LANGUAGES.len()];
        self.evidence.score(text, &mut evidence);
        let candidates = in_the_running(&candidates, &evidence);
        let model_text =
            if script == Script::Arabic && self.persian_with_arabic_letters(text, &evidence) {
                std::borrow::Cow::Owned(
                    text.chars()
                        .map(fold_for_language_markers)
                        .collect::<String>(),
                )
            } else {
                std::borrow::Cow::Borrowed(text)
            };
        let (mut ranked, orders) = self.by_models(&model_text, &candidates, &evidence, letters);
        if script == Script::Latin {
            weigh_the_reflex_of_old_e(text, &mut ranked);
        }
        ranking.ranked = ranked;
        if let Some(orders @ (Orders::UpToTrigrams | Orders::UpToFivegrams)) = orders {
            ranking.sharpen = sharpening(letters, orders);
        }
        if fit == Fit::Measure {
            self.measure_fit(&mut ranking, &model_text);
        }
        ranking
    }

    /// The `candidates` ranked by their models and the `evidence`, and the n-gram orders that
    /// ranked them. In turn: the table (or lingua, for short Arabic-script text); a learned
    /// model's lead held strictly where a neighbour lingua knows fits the text, then settled
    /// against twins; a close call on short text decided by lingua, on shorter than
    /// [`TRIGRAMS_ONLY`] by 4- and 5-grams.
    fn by_models(
        &self,
        text: &str,
        candidates: &[LangId],
        evidence: &Scores,
        letters: usize,
    ) -> (Vec<(LangId, f64)>, Option<Orders>) {
        let (mut values, orders) = self.model_values(text, candidates, letters);
        let mut ranked = combine(candidates, &values, evidence);
        if let Some(strict) = self.held_strictly(text, candidates, &ranked, orders) {
            values = strict;
            ranked = combine(candidates, &values, evidence);
        }
        if let Some(settled) = self.settle_with_twins(text, &ranked, &values, orders) {
            values = settled;
            ranked = combine(candidates, &values, evidence);
        }
        if orders != Some(Orders::UpToTrigrams) {
            return (ranked, orders);
        }
        let (top, p) = sharpened(&ranked, sharpening(letters, Orders::UpToTrigrams))[0];
        if letters < SHORT_TEXT {
            // A close call on a word or two goes to lingua, whose 4- and 5-grams and rules
            // pay there, among the few languages the table ranks best and those the text's
            // letters name (among all it knows on a word or two).
            let sure = if self.is_learned(top) {
                LEARNED_SHORT_SURE
            } else {
                SHORT_SURE
            };
            // The table's certainty on a word or two that fits its best model poorly (a
            // Yoruba word pair written with its tones taken for Shona) says more about the
            // table than about the text: lingua decides that too.
            let fits_poorly = || {
                self.columns[top]
                    .and_then(|c| self.fit(text, c))
                    .is_some_and(|f| f < FIT_POOR)
            };
            if p < sure || fits_poorly() {
                let short_list = (words_of(text) > EVERY_LANGUAGE_WORDS).then_some(&values[..]);
                let lingua = self.lingua_values(text, candidates, short_list);
                if !lingua.is_empty() {
                    return (
                        combine(candidates, &lingua, evidence),
                        Some(Orders::UpToFivegrams),
                    );
                }
            }
        } else if p < UNSURE {
            // lingua's 4- and 5-grams, left out above for speed, decide a close call on text
            // shorter than TRIGRAMS_ONLY.
            if let Some(rescored) = self.rescore(text, &ranked, &values) {
                ranked = combine(candidates, &rescored, evidence);
            }
        }
        (ranked, orders)
    }

    /// Sets the `ranking`'s fit (of its best language's model to `text`) and whether that
    /// language was told by its letters alone.
    fn measure_fit(&self, ranking: &mut Ranking, text: &str) {
        let top = ranking.ranked[0].0;
        ranking.fit = self.columns[top].and_then(|c| self.fit(text, c));
        let lang = &LANGUAGES[top];
        if lang.model.is_none()
            && !lang.own_letters.is_empty()
            && !evidence::has_marker_word(text, top)
        {
            ranking.letters_alone = Some(top);
        }
    }

    /// lingua-style probabilities of the `candidates` that have a model, for `text` of
    /// `letters` letters, and the n-gram orders scored (`None` when no n-gram is known). A text
    /// under [`SHORT_TEXT`] letters whose every candidate with a model lingua knows (Arabic
    /// script) goes to lingua itself; elsewhere the table scores it, and [`Detector::rank`]
    /// asks lingua only about a close call: its languages with a model learned here (Galician,
    /// Luxembourgish …) took the words of their big neighbours, which lingua then decides.
    fn model_values(
        &self,
        text: &str,
        candidates: &[LangId],
        letters: usize,
    ) -> (Vec<(LangId, f64)>, Option<Orders>) {
        let lingua_knows_all = candidates
            .iter()
            .all(|&id| LANGUAGES[id].model.is_none() || self.lingua_of[id].is_some());
        if letters < SHORT_TEXT && lingua_knows_all {
            let values = self.lingua_values(text, candidates, None);
            if !values.is_empty() {
                return (values, Some(Orders::UpToFivegrams));
            }
        }
        let orders = if letters >= TRIGRAMS_ONLY {
            Orders::Trigrams
        } else {
            Orders::UpToTrigrams
        };
        let columns: Vec<usize> = candidates
            .iter()
            .filter_map(|&id| self.columns[id])
            .collect();
        match self.ngrams.probabilities(text, &columns, orders) {
            Some(values) => (self.by_row(candidates, &values), Some(orders)),
            None => (Vec::new(), None),
        }
    }

    /// lingua's confidences (high-accuracy mode) of the [`LINGUA_SHORTLIST`] `candidates` it
    /// knows that the n-gram table ranks best (`table`; all of them without it). lingua over
    /// every language of a script costs ~0.3 ms a text; a detector over a few shares the models
    /// loaded at start-up and costs a few, and is built once per set.
    fn lingua_values(
        &self,
        text: &str,
        candidates: &[LangId],
        table: Option<&[(LangId, f64)]>,
    ) -> Vec<(LangId, f64)> {
        let mut value = [0.0; LANGUAGES.len()];
        for &(id, p) in table.unwrap_or_default() {
            value[id] = p;
        }
        let mut ranked: Vec<(LangId, f64)> = candidates
            .iter()
            .copied()
            .filter(|&id| self.lingua_of[id].is_some())
            .map(|id| (id, value[id]))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut known: Vec<LangId> = ranked.into_iter().map(|(id, _)| id).collect();
        if table.is_some() {
            known.truncate(LINGUA_SHORTLIST);
            for id in named_by_letters(text, candidates) {
                if self.lingua_of[id].is_some() && !known.contains(&id) {
                    known.push(id);
                }
            }
        }
        let languages: Vec<lingua::Language> =
            known.iter().filter_map(|&id| self.lingua_of[id]).collect();
        if languages.len() < 2 {
            return known.iter().map(|&id| (id, 1.0)).collect();
        }
        self.lingua_detectors
            .over(&languages)
            .compute_language_confidence_values(text)
            .into_iter()
            .filter_map(|(l, p)| {
                let id = known.iter().find(|&&id| self.lingua_of[id] == Some(l))?;
                Some((*id, p))
            })
            .collect()
    }

    /// Column values as values of the `candidates` rows.
    fn by_row(&self, candidates: &[LangId], values: &[(usize, f64)]) -> Vec<(LangId, f64)> {
        let mut row_of = [None; ngram::COLUMNS];
        for &id in candidates {
            if let Some(column) = self.columns[id] {
                row_of[column].get_or_insert(id);
            }
        }
        values
            .iter()
            .filter_map(|&(column, p)| Some((row_of[column]?, p)))
            .collect()
    }

    /// The `values` of a close call scored again with 4- and 5-grams: only the languages still
    /// in reach in `ranked` that have them here, between which the share of probability they
    /// had is split anew (the others keep theirs). `None` when fewer than two such are in reach.
    fn rescore(
        &self,
        text: &str,
        ranked: &[(LangId, f64)],
        values: &[(LangId, f64)],
    ) -> Option<Vec<(LangId, f64)>> {
        let close: Vec<LangId> = ranked
            .iter()
            .filter(|&&(_, p)| p >= IN_REACH)
            .map(|&(id, _)| id)
            .filter(|&id| self.columns[id].is_some_and(|c| self.ngrams.has_long(c)))
            .take(MAX_RESCORED)
            .collect();
        let columns: Vec<usize> = close.iter().filter_map(|&id| self.columns[id]).collect();
        if close.len() < 2 {
            return None;
        }
        let again = self
            .ngrams
            .probabilities(text, &columns, Orders::UpToFivegrams)?;
        Some(split_anew(values, &self.by_row(&close, &again)))
    }

    /// The `values` of the `candidates` scored again with learned models held strictly
    /// ([`ngram::NgramModel::probabilities_strict`]) when a learned model leads but the text fits the
    /// best language lingua knows well ([`FIT_GOOD`]): Tagalog sentences went to Javanese,
    /// Spanish ones with their accents lost to Galician. `None` otherwise; text in a learned
    /// language fits its neighbour's model poorly and keeps its answer.
    fn held_strictly(
        &self,
        text: &str,
        candidates: &[LangId],
        ranked: &[(LangId, f64)],
        orders: Option<Orders>,
    ) -> Option<Vec<(LangId, f64)>> {
        let orders = orders.filter(|&o| o != Orders::UpToFivegrams)?;
        if !self.is_learned(ranked.first()?.0) {
            return None;
        }
        let neighbour = ranked
            .iter()
            .find_map(|&(id, _)| self.columns[id].filter(|_| self.lingua_of[id].is_some()))?;
        if self.fit(text, neighbour)? < FIT_GOOD {
            return None;
        }
        let columns: Vec<usize> = candidates
            .iter()
            .filter_map(|&id| self.columns[id])
            .collect();
        let values = self.ngrams.probabilities_strict(text, &columns, orders)?;
        Some(self.by_row(candidates, &values))
    }

    /// Whether `id`'s model was learned here (no lingua model to settle its close calls).
    fn is_learned(&self, id: LangId) -> bool {
        self.columns[id].is_some() && self.lingua_of[id].is_none()
    }

    /// The `values` of a close call that a learned model leads, settled again between like
    /// models: the learned models in reach against the twins of the languages in reach that
    /// have one, between which the share of probability they had is split anew. A model
    /// learned from UI strings measured against lingua's, learned from far more and other
    /// text, wins too often (Galician took Spanish sentences, Javanese Indonesian ones); its
    /// neighbour's twin, learned from the same kind of text, is the fair comparison. `None`
    /// when no learned model leads or no twin is in reach.
    fn settle_with_twins(
        &self,
        text: &str,
        ranked: &[(LangId, f64)],
        values: &[(LangId, f64)],
        orders: Option<Orders>,
    ) -> Option<Vec<(LangId, f64)>> {
        let orders = orders.filter(|&o| o != Orders::UpToFivegrams)?;
        if !self.is_learned(ranked.first()?.0) {
            return None;
        }
        let close: Vec<(LangId, usize)> = ranked
            .iter()
            .filter(|&&(_, p)| p >= TWIN_REACH)
            .filter_map(|&(id, _)| {
                let column = if self.is_learned(id) {
                    self.columns[id]
                } else {
                    self.twins[id]
                };
                Some((id, column?))
            })
            .collect();
        if close.iter().all(|&(id, _)| self.is_learned(id)) {
            return None;
        }
        let columns: Vec<usize> = close.iter().map(|&(_, column)| column).collect();
        let again: Vec<(LangId, f64)> = self
            .ngrams
            .probabilities_alike(text, &columns, orders)?
            .into_iter()
            .filter_map(|(column, p)| {
                let &(id, _) = close.iter().find(|&&(_, c)| c == column)?;
                Some((id, p))
            })
            .collect();
        // The twins decide only how much goes to the languages lingua knows together; lingua's
        // models, learned from far more text, still rank those among themselves.
        let value = |id: LangId| values.iter().find(|v| v.0 == id).map_or(0.0, |v| v.1);
        let (twins, learned): (Vec<_>, Vec<_>) =
            again.into_iter().partition(|&(id, _)| !self.is_learned(id));
        let twin_share: f64 = twins.iter().map(|t| t.1).sum();
        let lingua_share: f64 = twins.iter().map(|t| value(t.0)).sum();
        let again: Vec<(LangId, f64)> = twins
            .iter()
            .map(|&(id, _)| {
                (
                    id,
                    twin_share * value(id) / lingua_share.max(f64::MIN_POSITIVE),
                )
            })
            .chain(learned)
            .collect();
        Some(split_anew(values, &again))
    }

    /// Persian typed with Arabic yeh and kaf (ي ك), common in Persian news: lingua's Persian
    /// model knows only ی ک, so it is shown the folded text.
    fn persian_with_arabic_letters(&self, text: &str, evidence: &Scores) -> bool {
        let (mut arabic_forms, mut persian_letters) = (0, 0);
        for c in text.chars() {
            match c {
                // One Persian form is enough to tell: most Persian text stops here.
                'ی' | 'ک' => return false,
                'ي' | 'ك' => arabic_forms += 1,
                'پ' | 'چ' | 'ژ' | 'گ' => persian_letters += 1,
                _ => {}
            }
        }
        let fa = by_code("fa", None).unwrap_or_default();
        let ar = by_code("ar", None).unwrap_or_default();
        arabic_forms > 0 && (persian_letters > 0 || evidence[fa] > evidence[ar])
    }

    /// The result of a ranking, before segments.
    fn result(&self, ranking: &Ranking, hint: Option<&str>) -> LanguageResult {
        let mut ranked = ranking.ranked.clone();
        if let (Some(hint), Some(&(_, best))) = (hint, ranked.first()) {
            let hinted = by_code(hint, ranking.script)
                .and_then(|id| ranked.iter().position(|&(r, _)| r == id));
            if let Some(pos) =
                hinted.filter(|&pos| pos > 0 && best - ranked[pos].1 <= self.hint_margin)
            {
                let chosen = ranked.remove(pos);
                ranked.insert(0, chosen);
            }
        }
        let mut ranked = sharpened(&ranked, ranking.sharpen);
        if let (Some(fit), Some(top)) = (ranking.fit, ranked.first_mut()) {
            top.1 = top.1.min(fit_cap(fit));
        }
        if has_close_relative(&ranked) {
            ranked[0].1 = ranked[0].1.min(CLOSE_RELATIVE_CAP);
        }
        if ranked
            .first()
            .is_some_and(|&(best, _)| LANGUAGES[best].told_by_words_alone())
        {
            ranked[0].1 = ranked[0].1.min(WORDS_ALONE_CAP);
        }
        if let (Some(alone), Some(top)) = (ranking.letters_alone, ranked.first_mut()) {
            if top.0 == alone {
                top.1 = top.1.min(UNSURE_CAP);
            }
        }
        let script_code = ranking.script.map_or(UNDETERMINED, Script::code);
        let alternatives = |skip: usize| -> Vec<LanguageAlternative> {
            ranked
                .iter()
                .skip(skip)
                .filter(|(_, p)| *p >= MIN_ALTERNATIVE)
                .take(MAX_ALTERNATIVES)
                .map(|&(id, p)| LanguageAlternative {
                    code: LANGUAGES[id].code.to_owned(),
                    confidence: round(p),
                })
                .collect()
        };
        match ranked.first() {
            Some(&(id, p)) if p >= self.min_confidence && ranking.has_enough_letters() => {
                LanguageResult {
                    code: LANGUAGES[id].code.to_owned(),
                    name: LANGUAGES[id].name.to_owned(),
                    script: LANGUAGES[id].script.code().to_owned(),
                    confidence: round(p),
                    alternatives: alternatives(1),
                    segments: Vec::new(),
                    hint: None,
                }
            }
            _ => LanguageResult {
                code: UNDETERMINED_CODE.to_owned(),
                name: "Undetermined".to_owned(),
                script: script_code.to_owned(),
                confidence: 0.0,
                alternatives: alternatives(0),
                segments: Vec::new(),
                hint: None,
            },
        }
    }

    /// Segments of a multi-paragraph article (`text`) whose main language is `main`.
    fn segments(
        &self,
        text: &str,
        paragraphs: &[segments::Paragraph<'_>],
        cleaned: &[(&str, &clean::Line)],
        main: LangId,
    ) -> Vec<LanguageSegment> {
        let main_lang = &LANGUAGES[main];
        let mut checks = 0;
        let labels: Vec<(usize, Option<&str>)> = paragraphs
            .iter()
            .zip(cleaned)
            .map(|(p, (text, line))| {
                let label = self.paragraph_language(text, line, main, &mut checks);
                (p.start, label.map(|id| LANGUAGES[id].code))
            })
            .collect();
        segments::merge(
            &labels,
            &mut segments::CharOffsets::new(text),
            main_lang.code,
        )
    }

    /// The language of one paragraph, `None` when it is too short to tell. Identified in full
    /// only when its script or its evidence (scored while cleaning) points away from the main
    /// language.
    fn paragraph_language(
        &self,
        text: &str,
        line: &clean::Line,
        main: LangId,
        checks: &mut usize,
    ) -> Option<LangId> {
        let script = line.script?;
        if line.counts.get(script) < SEGMENT_MIN_LETTERS {
            return None;
        }
        let script = text_script(&line.counts)?;
        let evidence = &line.evidence;
        let sample = &text[..floor_char_boundary(text, SEGMENT_SAMPLE * 2)];
        // A line under SHORT_TEXT letters that fits the main language poorly is mostly names
        // (a byline, a score line, a caption), which fit no model: not a reason to look again.
        let suspicious = script != LANGUAGES[main].script
            || of_script(script).any(|id| evidence[id] - evidence[main] >= SEGMENT_SWITCH)
            || (line.counts.get(script) >= SHORT_TEXT && self.fits_poorly(text, main));
        if !suspicious {
            return Some(main);
        }
        if *checks >= MAX_SEGMENT_CHECKS {
            return None;
        }
        *checks += 1;
        let ranking = self.rank(sample, &ScriptCounts::of(sample), Fit::Skip);
        ranking
            .top()
            .filter(|&(_, p)| p >= SEGMENT_MIN_CONFIDENCE && ranking.has_enough_letters())
            .map(|(id, _)| id)
    }
}

impl Detector {
    /// Whether a paragraph of the main script fits the main language's model poorly: a
    /// paragraph in another language of the same script (French inside an English article),
    /// which neither its script nor marker words give away. One table look-up per trigram.
    /// Not for Arabic script, where the letter and word evidence of the cleaning pass tells the
    /// languages apart: there the fit split Persian news paragraphs full of Arabic names and
    /// terms into Pashto and Urdu segments (11 of the 1,432 Persian corpus articles).
    fn fits_poorly(&self, paragraph: &str, main: LangId) -> bool {
        if LANGUAGES[main].script == Script::Arabic {
            return false;
        }
        let fit = self.columns[main].and_then(|c| self.fit(paragraph, c));
        fit.is_some_and(|fit| fit < SEGMENT_FIT)
    }

    /// How well the start of `text` ([`FIT_SAMPLE`] letters or so) fits `column`'s model.
    fn fit(&self, text: &str, column: usize) -> Option<f64> {
        self.ngrams
            .fit(&text[..floor_char_boundary(text, FIT_SAMPLE * 2)], column)
    }
}

/// The `candidates` that a letter of `text` names (see [`NAMING_LETTERS`]).
fn named_by_letters(text: &str, candidates: &[LangId]) -> Vec<LangId> {
    let lower = text.to_lowercase();
    let mut named = Vec::new();
    for (letters, codes) in NAMING_LETTERS {
        if lower.contains(|c| letters.contains(c)) {
            for &id in candidates {
                if codes.contains(&LANGUAGES[id].code) && !named.contains(&id) {
                    named.push(id);
                }
            }
        }
    }
    named
}

/// `values` with those of the languages in `again` replaced: the share of probability they had
/// together, split between them as `again` has it.
fn split_anew(values: &[(LangId, f64)], again: &[(LangId, f64)]) -> Vec<(LangId, f64)> {
    let share: f64 = values
        .iter()
        .filter(|(id, _)| again.iter().any(|(a, _)| a == id))
        .map(|(_, p)| p)
        .sum();
    values
        .iter()
        .map(|&(id, p)| {
            let q = again.iter().find(|(a, _)| *a == id);
            (id, q.map_or(p, |(_, q)| q * share))
        })
        .collect()
}

/// The candidates ranked best first by lingua-style probabilities of their models (`values`)
/// and evidence, with confidences that sum to 1.
fn combine(
    candidates: &[LangId],
    values: &[(LangId, f64)],
    evidence: &Scores,
) -> Vec<(LangId, f64)> {
    let mut value_of = [None; LANGUAGES.len()];
    for &(id, p) in values {
        value_of[id].get_or_insert(p);
    }
    let mut scores: Vec<(LangId, f64)> = candidates
        .iter()
        .map(|&id| {
            let prior = if LANGUAGES[id].model.is_none() {
                NO_MODEL_PRIOR
            } else {
                value_of[id].unwrap_or(0.0).max(LINGUA_FLOOR).ln()
            };
            (id, prior + evidence[id])
        })
        .collect();
    let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    for s in &mut scores {
        s.1 = (s.1 - best).exp();
    }
    let sum: f64 = scores.iter().map(|s| s.1).sum();
    for s in &mut scores {
        s.1 /= sum;
    }
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scores
}

/// Where Serbian (in Latin letters) leads `ranked`, each word of `text` with the ijekavian
/// reflex of old ě that the marker words lack counts for Bosnian and Croatian as a marker word
/// does (see [`ijekavian`]): the Serbian model, learned from software translations, is no
/// judge of forms its standard does not write.
fn weigh_the_reflex_of_old_e(text: &str, ranked: &mut [(LangId, f64)]) {
    if ranked
        .first()
        .is_none_or(|&(top, _)| LANGUAGES[top].code != "sr")
    {
        return;
    }
    let Some(croatian) = by_code("hr", Some(Script::Latin)) else {
        return;
    };
    let words = ijekavian::words_with_reflex(text, |w| marker_words_of(croatian).any(|m| m == w));
    if words == 0 {
        return;
    }
    let factor = (evidence::MARKER_WORD * words as f64).exp();
    for (id, p) in ranked.iter_mut() {
        if matches!(LANGUAGES[*id].code, "bs" | "hr") {
            *p *= factor;
        }
    }
    let sum: f64 = ranked.iter().map(|r| r.1).sum();
    for r in ranked.iter_mut() {
        r.1 /= sum;
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// The power that undoes lingua's division of a score by the number of letters, one per
/// n-gram order and letter (see [`sharpened`]); at least 1.
fn sharpening(letters: usize, orders: Orders) -> f64 {
    (letters as f64 / orders.count() as f64).max(1.0)
}

/// The words of `text` with a letter in them.
fn words_of(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// The letters of `script` in `counts`; a Han character, mostly a word of its own, counts as
/// three.
fn letters_of(script: Script, counts: &ScriptCounts) -> usize {
    match script {
        Script::Han => counts.get(Script::Han) * 3,
        Script::Japanese => {
            counts.get(Script::Han) * 3
                + counts.get(Script::Hiragana)
                + counts.get(Script::Katakana)
        }
        _ => counts.get(script),
    }
}

/// The confidences of `ranked` taken to the power `power` and normalised again: the same order,
/// sharper. lingua's scores below [`TRIGRAMS_ONLY`] letters are log-probabilities divided by
/// the number of letters, so that texts of any length compare; as confidences they say far
/// less than the text does: one power per n-gram order and letter undoes that division.
fn sharpened(ranked: &[(LangId, f64)], power: f64) -> Vec<(LangId, f64)> {
    if power <= 1.0 || ranked.is_empty() {
        return ranked.to_vec();
    }
    let logs: Vec<f64> = ranked
        .iter()
        .map(|&(_, p)| power * p.max(f64::MIN_POSITIVE).ln())
        .collect();
    let best = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = logs.iter().map(|l| (l - best).exp()).collect();
    let sum: f64 = weights.iter().sum();
    ranked
        .iter()
        .zip(&weights)
        .map(|(&(id, _), w)| (id, w / sum))
        .collect()
}

/// Whether `text`, of `letters` letters in the script only `lang` writes among the languages
/// here, has the letters of another language that writes the script (Yiddish in Hebrew letters,
/// Assamese in Bengali, Shan in Myanmar) often enough not to be a quoted word: then the script
/// no longer names the language.
fn writes_another_language(text: &str, lang: LangId, letters: usize) -> bool {
    let Some(&(_, foreign)) = OTHER_LANGUAGES_LETTERS
        .iter()
        .find(|(script, _)| *script == LANGUAGES[lang].script)
    else {
        return false;
    };
    let found = text.chars().filter(|&c| foreign.contains(c)).count();
    found >= FOREIGN_MIN.max(letters / FOREIGN_PER_LETTERS)
}

/// Letters of another language in a single-language script: at least this many, and at
/// least one in this many letters (a name or a quoted word in it is not enough).
const FOREIGN_MIN: usize = 2;
const FOREIGN_PER_LETTERS: usize = 200;

/// The `candidates` that can win: beside languages with a model, one told by its words alone
/// only where its words outweigh [`NO_MODEL_PRIOR`]. A word or two of it occur in text of
/// other languages; without this, each such row would also take a share of every answer.
fn in_the_running(candidates: &[LangId], evidence: &Scores) -> Vec<LangId> {
    let modelled = candidates.iter().any(|&id| LANGUAGES[id].model.is_some());
    candidates
        .iter()
        .copied()
        .filter(|&id| {
            !modelled || !LANGUAGES[id].told_by_words_alone() || evidence[id] + NO_MODEL_PRIOR > 0.0
        })
        .collect()
}

/// Whether the best of `ranked` has a close relative (whether the detector knows it or not).
fn has_close_relative(ranked: &[(LangId, f64)]) -> bool {
    ranked.first().is_some_and(|&(best, _)| {
        CLOSE_RELATIVES
            .iter()
            .any(|group| group.contains(&LANGUAGES[best].code))
    })
}

/// The highest confidence a text whose trigrams fit the best language's model this well
/// ([`ngram::NgramModel::fit`]) is given: text in a language the detector does not know fits
/// the nearest one it knows poorly, and must not come out as a confident answer.
fn fit_cap(fit: f64) -> f64 {
    let t = ((fit - FIT_POOR) / (FIT_GOOD - FIT_POOR)).clamp(0.0, 1.0);
    UNSURE_CAP + t * (1.0 - UNSURE_CAP)
}

/// The script whose languages are the candidates for a text of these letter counts: the
/// dominant one, but Han or kana with kana is Japanese, as kana alone is.
fn text_script(counts: &ScriptCounts) -> Option<Script> {
    match counts.dominant()? {
        Script::Han | Script::Hiragana | Script::Katakana if counts.has_kana() => {
            Some(Script::Japanese)
        }
        script => Some(script),
    }
}

/// The paragraphs joined by newlines, cut after about `chars` characters, and its letters per
/// script: those of the paragraphs taken whole, counted already (`ScriptCounts::of` each
/// cleaned line), added up; only a cut paragraph's are counted again.
fn sample(paragraphs: &[(&str, &ScriptCounts)], chars: usize) -> (String, ScriptCounts) {
    // Counted in bytes, two a character: exact for Arabic, generous for Latin.
    let budget = chars * 2;
    let mut out = String::with_capacity(budget + 1);
    let mut counts = ScriptCounts::default();
    for &(p, p_counts) in paragraphs {
        if out.len() >= budget {
            break;
        }
        let cut = floor_char_boundary(p, budget - out.len());
        if cut == p.len() {
            counts.merge(p_counts);
        } else {
            counts.merge(&ScriptCounts::of(&p[..cut]));
        }
        out.push_str(&p[..cut]);
        out.push('\n');
    }
    (out, counts)
}

/// The largest char boundary of `s` at or below byte `max`.
fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn round(p: f64) -> f64 {
    (p * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;
    use unicode_normalization::UnicodeNormalization;

    fn detector() -> &'static Detector {
        static D: OnceLock<Detector> = OnceLock::new();
        D.get_or_init(|| {
            Detector::new(
                &crate::settings::Settings::load_with_env(None, std::iter::empty())
                    .unwrap()
                    .language,
            )
        })
    }

    fn code(text: &str) -> (String, String) {
        let r = detector().detect(text, None);
        (r.code, r.name)
    }

    #[test]
    fn arabic_headline() {
        assert_eq!(code("الرئيس المصري يستقبل وزير الخارجية الأمريكي").0, "ar");
    }

    #[test]
    fn persian_headline() {
        assert_eq!(code("رئیس‌جمهور در سفر به استان گفت").0, "fa");
    }

    #[test]
    fn persian_headline_typed_with_arabic_yeh_and_kaf() {
        assert_eq!(code("رئيس جمهور در سفر به استان گفت كه").0, "fa");
    }

    #[test]
    fn urdu_headline() {
        assert_eq!(code("وزیر اعظم نے پارلیمنٹ سے خطاب کیا").0, "ur");
    }

    #[test]
    fn pashto_headline() {
        assert_eq!(code("ولسمشر د سولې په اړه خبرې وکړې").0, "ps");
    }

    #[test]
    fn sorani_headline() {
        let (c, name) = code("سەرۆکی هەرێم لەگەڵ شاندێکی ئەمریکی کۆبووەوە");
        assert_eq!((c.as_str(), name.as_str()), ("ku", "Kurdish (Sorani)"));
    }

    #[test]
    fn kurmanji_headline() {
        let (c, name) = code("Serokê herêmê li gel şandeke Amerîkî civiya û axivî");
        assert_eq!((c.as_str(), name.as_str()), ("ku", "Kurdish (Kurmanji)"));
    }

    #[test]
    fn latin_headlines() {
        assert_eq!(
            code("The president met the foreign minister on Monday").0,
            "en"
        );
        assert_eq!(
            code("Le président a rencontré le ministre des affaires étrangères").0,
            "fr"
        );
        assert_eq!(
            code("Der Präsident traf am Montag den Außenminister").0,
            "de"
        );
        assert_eq!(code("Cumhurbaşkanı dışişleri bakanı ile görüştü").0, "tr");
    }

    /// Two or three words among the 70 Latin candidates: lingua's 4- and 5-grams and rules
    /// decide (on uni- to trigrams these went to Bosnian, Haitian and Tsonga).
    #[test]
    fn a_close_call_on_a_few_words_goes_to_lingua() {
        for (text, expected) in [
            ("o novo livro", "pt"),
            ("yeni kitap", "tr"),
            ("vanha talo", "fi"),
            ("jauna grāmata", "lv"),
            ("naujas namas", "lt"),
        ] {
            assert_eq!(code(text).0, expected, "{text}");
        }
        // Short text is sharpened as longer text is: two clear English words are not unsure.
        let result = detector().detect("good morning", None);
        assert_eq!(result.code, "en");
        assert!(result.confidence > 0.8, "{}", result.confidence);
    }

    #[test]
    fn single_script_languages() {
        assert_eq!(code("Президент встретился с министром").0, "ru");
        assert_eq!(code("ראש הממשלה נפגש עם השר").0, "he");
        assert_eq!(code("प्रधानमंत्री ने मंत्री से मुलाकात की").0, "hi");
        assert_eq!(code("总统会见了外交部长").0, "zh");
    }

    #[test]
    fn result_has_script_confidence_and_alternatives() {
        let r = detector().detect("وزیر اعظم نے پارلیمنٹ سے خطاب کیا", None);
        assert_eq!(r.script, "Arab");
        assert_eq!(r.name, "Urdu");
        assert!(r.confidence > 0.5 && r.confidence <= 1.0);
        assert!(r
            .alternatives
            .iter()
            .all(|a| a.code != "ur" && a.confidence < r.confidence));
    }

    #[test]
    fn too_little_text_is_und() {
        for t in [
            "",
            "   ",
            "12345",
            "ok",
            "؟!",
            "https://example.com/a",
            "a@b.com",
        ] {
            let r = detector().detect(t, None);
            assert_eq!(r.code, "und", "{t:?}");
            assert_eq!(r.segments.len(), 1);
            assert_eq!(r.segments[0].end, t.chars().count());
        }
    }

    #[test]
    fn urls_and_numbers_are_ignored() {
        let r = detector().detect(
            "https://www.example.com/news/2024 1234 5678 الرئيس المصري يستقبل الوزير",
            None,
        );
        assert_eq!(r.code, "ar");
        let r = detector().detect("www.bbc.co.uk 12 345 ۱۲۳", None);
        assert_eq!(r.code, "und");
    }

    #[test]
    fn mixed_arabic_and_english_article_has_segments() {
        let ar = "قال الرئيس المصري في مؤتمر صحفي اليوم إن الحكومة ستواصل العمل على تحسين الأوضاع الاقتصادية في البلاد.";
        let en = "The president said the government would continue to work on improving the economic situation in the country.";
        let text = format!("{ar}\n{ar}\n{en}\n{ar}");
        let r = detector().detect(&text, None);
        assert_eq!(r.code, "ar");
        let codes: Vec<&str> = r.segments.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["ar", "en", "ar"]);
        let chars: Vec<char> = text.chars().collect();
        let en_seg = &r.segments[1];
        let en_text: String = chars[en_seg.start..en_seg.end].iter().collect();
        assert!(en_text.starts_with("The president"));
        assert_eq!(r.segments[0].start, 0);
        assert_eq!(r.segments.last().unwrap().end, chars.len());
    }

    #[test]
    fn a_paragraph_in_another_language_of_the_script_is_a_segment() {
        let en = [
            "The minister told reporters on Tuesday that the new budget would include more money for schools and hospitals across the country.",
            "Opposition leaders said the plan came too late and asked why the government had waited until the end of the year to act.",
            "The debate in parliament is expected to last until Friday, when members will vote on the proposal and several amendments.",
        ];
        let fr = "Le ministre a déclaré mardi aux journalistes que le nouveau budget prévoyait davantage d'argent pour les écoles et les hôpitaux du pays.";
        let text = format!("{}\n{}\n{fr}\n{}", en[0], en[1], en[2]);
        let r = detector().detect(&text, None);
        assert_eq!(r.code, "en");
        let codes: Vec<&str> = r.segments.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["en", "fr", "en"]);
    }

    #[test]
    fn a_paragraph_of_names_is_no_segment() {
        // Names fit no model; their best guess is no reason to split the article.
        let text = "The rescue teams worked through the night after the ferry sank off the coast, and officials said the search would go on while there was any hope.\n\
                    Anouk Vermeulen, Tomasz Wojcik, Ilse and Joost Kowalczyk.\n\
                    Relatives gathered at the harbour, waiting for news, while volunteers handed out blankets and hot drinks to the families.";
        let r = detector().detect(text, None);
        assert_eq!(r.code, "en");
        assert_eq!(r.segments.len(), 1, "{:?}", r.segments);
    }

    #[test]
    fn a_word_many_languages_write_is_a_guess_marked_unsure() {
        // lingua among every language of the script: an answer, but one the contract calls
        // unsure (below 0.5), as a word written alike in ten languages deserves.
        for word in ["radio", "version", "festival"] {
            let r = detector().detect(word, None);
            assert_ne!(r.code, "und", "{word}");
            assert!(r.confidence < 0.5, "{word}: {r:?}");
        }
    }

    #[test]
    fn world_languages_are_told_apart() {
        let cases = [
            ("it", "Il governo ha approvato ieri sera la nuova legge sul lavoro dopo un lungo dibattito in parlamento."),
            ("pt", "O governo aprovou ontem à noite a nova lei do trabalho depois de um longo debate no parlamento."),
            ("nl", "De regering heeft gisteravond de nieuwe arbeidswet goedgekeurd na een lang debat in het parlement."),
            ("pl", "Rząd zatwierdził wczoraj wieczorem nową ustawę o pracy po długiej debacie w parlamencie."),
            ("uk", "Уряд учора ввечері схвалив новий закон про працю після тривалих дебатів у парламенті."),
            ("bg", "Правителството одобри снощи новия закон за труда след дълъг дебат в парламента."),
            ("el", "Η κυβέρνηση ενέκρινε χθες το βράδυ τον νέο νόμο για την εργασία."),
            ("ko", "정부는 어제 저녁 의회에서 긴 토론 끝에 새로운 노동법을 승인했다."),
            ("th", "รัฐบาลอนุมัติกฎหมายแรงงานฉบับใหม่เมื่อคืนนี้"),
            ("ka", "მთავრობამ გუშინ საღამოს ახალი შრომის კანონი დაამტკიცა."),
            ("hy", "Կառավարությունը երեկ երեկոյան հաստատեց աշխատանքի նոր օրենքը։"),
            ("mr", "सरकारने काल संध्याकाळी संसदेत दीर्घ चर्चेनंतर नवीन कामगार कायदा मंजूर केला आहे आणि तो लवकरच लागू होईल."),
            ("ne", "सरकारले हिजो बेलुका संसदमा लामो छलफलपछि नयाँ श्रम कानून पारित गरेको छ र यो चाँडै लागू हुने छ।"),
            ("am", "መንግስት ትናንት ምሽት አዲሱን የሰራተኛ ህግ አጽድቋል እና ህጉ በቅርቡ ተግባራዊ ይሆናል ነው።"),
            ("ti", "መንግስቲ ትማሊ ምሸት ነቲ ሓድሽ ሕጊ ሰራሕተኛታት ኣጽዲቑዎ ኣሎ እሞ ኣብ ቀረባ እዋን ክስራሓሉ እዩ።"),
        ];
        for (expected, text) in cases {
            assert_eq!(code(text).0, expected, "{text}");
        }
    }

    #[test]
    fn a_letter_few_languages_write_puts_them_on_lingua_s_short_list() {
        // Words chosen for this test, each with a letter only its language (or two or three)
        // writes among those lingua knows.
        let cases = [
            ("vi", "được"),
            ("vi", "tiếng"),
            ("eo", "ĉambro"),
            ("lv", "ģimene"),
            ("hu", "előtt"),
            ("kk", "қала"),
        ];
        for (expected, word) in cases {
            assert_eq!(code(word).0, expected, "{word}");
        }
    }

    #[test]
    fn a_sure_table_that_fits_a_short_text_poorly_asks_lingua() {
        // A Yoruba word pair written for this test, with its tones but none of the dotted
        // letters that name Yoruba: the table was sure of Shona, whose model it fits poorly.
        let result = detector().detect("àkàrà dídùn", None);
        assert_eq!(result.code, "yo");
        assert!(result.confidence > 0.9, "{}", result.confidence);
    }

    #[test]
    fn twins_settle_a_learned_models_lead_between_like_models() {
        // Sentences written for this test. The values are made up: Galician's learned model
        // leads, as it did on Spanish sentences against lingua's Spanish model.
        let d = detector();
        let id = |code| by_code(code, Some(Script::Latin)).unwrap();
        let (es, gl, pt) = (id("es"), id("gl"), id("pt"));
        let values = [(gl, 0.6), (es, 0.3), (pt, 0.1)];
        let candidates = [es, gl, pt];
        let ranked = combine(&candidates, &values, &[0.0; LANGUAGES.len()]);
        let settle = |text: &str| {
            let v = d
                .settle_with_twins(text, &ranked, &values, Some(Orders::UpToTrigrams))
                .expect("a learned model leads and twins are in reach");
            let of = |l| v.iter().find(|x| x.0 == l).unwrap().1;
            assert!((of(es) + of(gl) + of(pt) - 1.0).abs() < 1e-9, "{v:?}");
            // lingua still ranks the languages it knows among themselves.
            assert!((of(pt) / of(es) - 1.0 / 3.0).abs() < 1e-9, "{v:?}");
            (of(es), of(gl))
        };
        let (spanish, galician) = settle(
            "El ayuntamiento aprobó ayer por la tarde el nuevo presupuesto tras un largo debate \
             entre los concejales.",
        );
        assert!(spanish > galician, "{spanish} {galician}");
        let (spanish, galician) = settle(
            "O concello aprobou onte pola tarde o novo orzamento despois dun longo debate entre \
             os concelleiros.",
        );
        assert!(galician > spanish, "{spanish} {galician}");
        // Nothing to settle where lingua's model leads.
        let ranked = combine(
            &candidates,
            &[(es, 0.6), (gl, 0.4)],
            &[0.0; LANGUAGES.len()],
        );
        assert!(d
            .settle_with_twins(
                "el nuevo presupuesto",
                &ranked,
                &values,
                Some(Orders::UpToTrigrams)
            )
            .is_none());
    }

    #[test]
    fn neighbours_of_learned_models_keep_their_sentences() {
        // Sentences written for this test: languages whose sentences learned models (Galician,
        // Occitan, Javanese, Sundanese) took before the twins (the Tagalog and Indonesian ones
        // went to Sundanese), and the learned languages themselves.
        let cases = [
            ("es", "El ayuntamiento aprobó ayer por la tarde el nuevo presupuesto tras un largo debate entre los concejales."),
            ("ca", "L'ajuntament va aprovar ahir a la tarda el nou pressupost després d'un llarg debat entre els regidors."),
            ("tl", "Inaresto ng pulisya kagabi ang dalawang lalaki na inakusahan ng pagnanakaw sa ilang tindahan."),
            ("id", "Polisi menangkap dua orang pria tadi malam yang dituduh mencuri di beberapa toko di pusat kota."),
            ("hr", "Policija je sinoć uhitila dvojicu muškaraca optuženih za krađu u nekoliko trgovina u centru grada."),
            ("gl", "O concello aprobou onte pola tarde o novo orzamento despois dun longo debate entre os concelleiros."),
            ("oc", "Lo conselh municipal a aprovat ièr de vèspre lo novèl budgèt aprèp un long debat entre los conselhièrs."),
        ];
        for (expected, text) in cases {
            assert_eq!(code(text).0, expected, "{text}");
        }
    }

    #[test]
    fn learned_languages_and_second_scripts_are_told_apart() {
        // Sentences written for this test, not taken from any test set.
        let cases = [
            ("fo", "Stjórnin góðkendi í gjárkvøldið nýggju arbeiðslógina eftir langan kjak í tinginum."),
            ("ha", "Gwamnati ta amince da sabuwar dokar aiki a daren jiya bayan dogon muhawara a majalisa."),
            ("mt", "Il-gvern approva lbieraħ filgħaxija l-liġi l-ġdida tax-xogħol wara dibattitu twil fil-parlament."),
            ("lb", "D'Regierung huet gëschter den Owend dat neit Aarbechtsgesetz no enger laanger Debatt an der Chamber ugeholl."),
            ("ht", "Gouvènman an te apwouve nouvo lwa sou travay la yè swa apre yon long deba nan palman an."),
            ("su", "Pamaréntah geus nyatujuan undang-undang pagawéan anyar tadi peuting sanggeus debat panjang di parlemén."),
            ("tk", "Hökümet düýn agşam mejlisde uzak jedelden soň täze zähmet kanunyny tassyklady."),
            ("tk", "Хөкүмет дүйн агшам меҗлисде узак җеделден соң тәзе зәхмет кануныны тассыклады."),
            ("ky", "Өкмөт кечээ кечинде парламентте узак талкуудан кийин жаңы эмгек мыйзамын бекитти."),
            ("tt", "Хөкүмәт кичә кичен парламентта озак бәхәстән соң яңа хезмәт законын раслады."),
            ("ug", "Hökümet tünügün kechte parlaméntta uzun munaziridin kéyin yéngi emgek qanunini testiqlidi."),
            ("ms", "کراجأن تله ممباوا اوندڠ٢ بارو کڤد ڤرليمين ڤد هاري اين دان ڤارا منتري برسترو دڠن چادڠن ايت."),
            ("jv", "ꦥꦩꦉꦤ꧀ꦠꦃꦮꦶꦱ꧀ꦔꦺꦱꦃꦏꦺꦈꦤ꧀ꦢꦁꦈꦤ꧀ꦢꦁꦲꦚꦂ"),
            ("ff", "𞤀𞤣𞤤𞤢𞤥 𞤆𞤵𞤤𞤢𞤪 𞤫𞤲 𞤲𞤣𞤫𞤪 𞤊𞤵𞥅𞤼𞤢 𞤔𞤢𞤤𞤮𞥅"),
            ("chr", "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ ᎠᏂᏴᏫ ᏂᎦᏓ ᎠᏂᎾᏕᎲᎢ"),
        ];
        for (expected, text) in cases {
            assert_eq!(code(text).0, expected, "{text}");
        }
    }

    #[test]
    fn languages_without_a_model_are_told_by_letters_and_words() {
        // Sentences written for this test, not taken from any test set.
        // Letters of their own and one of their words: sure; the letters alone (which
        // languages outside the table write too): right, but unsure.
        let by_letters = [
            ("cv", "Правительство ӗнер каҫхине парламентра нумай тавлашнӑ хыҫҫӑн ҫӗнӗ ӗҫ саккунне йышӑнчӗ", "анчах хаҫатсем ҫинчен ҫырмарӗҫ."),
            ("sah", "Бырабыыталыстыба бэҕэһээ киэһэ парламеҥҥа уһун мөккүөр кэнниттэн саҥа үлэ сокуонун ылынна", "уонна бу туһунан эмиэ эттэ."),
        ];
        for (expected, letters, words) in by_letters {
            let unsure = detector().detect(letters, None);
            assert_eq!(unsure.code, expected, "{letters}");
            assert!(unsure.confidence < 0.5, "{unsure:?}");
            let text = format!("{letters}, {words}");
            let sure = detector().detect(&text, None);
            assert_eq!(sure.code, expected, "{text}");
            assert!(sure.confidence > 0.9, "{sure:?}");
        }
        let by_words = [
            ("ceb", "Ang gobyerno miaprobar sa bag-ong balaod bahin sa trabaho gikan sa taas nga debate, ug karon kinahanglan kini pirmahan sa presidente."),
            ("ny", "Boma lavomereza lamulo latsopano la ntchito dzulo madzulo, koma anthu ambiri ati ayenera kukambirana kaye chifukwa sakudziwa zomwe lamuloli likunena."),
            ("qu", "Kunan p'unchaw llaqtapi tukuy runakuna huñunakurqanku, chaymanta kamachikuqkuna chay musuq kamachita willarqanku, hinaspa paykuna allin nisqa."),
            ("rn", "Leta yemeje itegeko rishasha, kandi ivyo abadepite bavuze vyose vyerekana ko ico ari ikintu ciza cane canke gikwiye gusubirwamwo."),
        ];
        for (expected, text) in by_words {
            let r = detector().detect(text, None);
            assert_eq!(r.code, expected, "{text}");
            assert!(r.confidence <= WORDS_ALONE_CAP, "{r:?}");
        }
        // Without their words they take no share: a Tagalog sentence with none of Cebuano's.
        let tagalog = detector().detect(
            "Inaprubahan ng pamahalaan ang bagong batas tungkol sa trabaho matapos ang mahabang debate sa kongreso.",
            None,
        );
        assert_ne!(tagalog.code, "ceb");
        assert!(
            tagalog.alternatives.iter().all(|a| a.code != "ceb"),
            "{tagalog:?}"
        );
    }

    #[test]
    fn the_reflex_of_old_e_tells_serbian_from_croatian_and_bosnian() {
        // Written for this test: one sentence in the ekavian Serbian and the ijekavian
        // Croatian standard, told apart by "deo"/"dio" and "takođe"/"također" alone (the
        // Serbian one was Bosnian before those words marked their languages).
        let (serbian, _) = code("Takođe je rekao da će deo novca dobiti škole u gradu.");
        assert_eq!(serbian, "sr");
        let (croatian, _) = code("Također je rekao da će dio novca dobiti škole u gradu.");
        assert_eq!(croatian, "hr");
    }

    #[test]
    fn a_reflex_no_marker_word_lists_still_tells_against_serbian() {
        // Written for this test: sentences in the words of software, where the model of
        // Serbian in Latin letters (learned from software translations) led, each with one
        // ijekavian word that no marker list holds.
        for text in [
            "Ova verzija donosi nove opcije za podešavanje izgleda prozora i lijepu temu.",
            "Izaberite jezik i pritisnite taster za potvrdu da biste nastavili sa instalacijom cijelog paketa.",
        ] {
            let (ijekavian, _) = code(text);
            assert!(ijekavian == "bs" || ijekavian == "hr", "{ijekavian}: {text}");
        }
        let (ekavian, _) =
            code("Ova verzija donosi nove opcije za podešavanje izgleda prozora i lepu temu.");
        assert_eq!(ekavian, "sr");
    }

    #[test]
    fn ekavian_and_ijekavian_words_and_each_standards_own_words_mark_it() {
        // Written for this test: news sentences whose markers are the reflex of old ě
        // ("čovek", "zahtev" / "povrijeđen", "vjerovatno") and words of one standard
        // ("saopštio", "europski", "tvrtke", "nitko", "ljekar"). The Serbian one was Bosnian
        // before those words marked their languages; a Slovene sentence stays Slovene.
        for (text, expected) in [
            ("Premijer je saopštio da je čovek uhapšen zbog pretnji, a sud je odbio zahtev odbrane.", "sr"),
            ("Europski parlament je jučer raspravljao o novim pravilima za tvrtke koje posluju u inozemstvu.", "hr"),
            ("Liječnik je rekao da nitko nije bio ozlijeđen, ali da je zrakoplov oštećen.", "hr"),
            ("Ljekar je rekao da niko nije povrijeđen, a uslovi za rad u bolnici su vjerovatno bolji.", "bs"),
            ("Predsednik vlade je včeraj povedal, da bo država namenila več denarja za znanost.", "sl"),
        ] {
            assert_eq!(code(text).0, expected, "{text}");
        }
    }

    #[test]
    fn galician_words_keep_a_galician_sentence_from_spanish() {
        // Written for this test: Galician news sentences that fit Spanish's model well enough
        // for the learned Galician model to be held strictly (both were Spanish at 1.0), and
        // their Spanish translations.
        for text in [
            "O goberno galego aprobou onte un novo plan para mellorar as estradas do interior da provincia.",
            "O equipo local gañou o partido por dous goles a un e segue líder da liga.",
        ] {
            assert_eq!(code(text).0, "gl", "{text}");
        }
        for text in [
            "El gobierno gallego aprobó ayer un nuevo plan para mejorar las carreteras del interior de la provincia.",
            "El equipo local ganó el partido por dos goles a uno y sigue líder de la liga.",
        ] {
            assert_eq!(code(text).0, "es", "{text}");
        }
    }

    #[test]
    fn spanish_and_tagalog_words_make_their_sentences_sure() {
        // Written for this test: a Spanish sentence that lost its accents, full of Galician
        // place names (Spanish at 0.48 before its marker words), and a Tagalog one (0.67).
        for (expected, text) in [
            (
                "es",
                "Tambien en Santiago de Compostela la universidad cerro sus aulas hasta el lunes.",
            ),
            (
                "tl",
                "Sinabi ng kapitan na ligtas ang lahat ng pasahero ng barko sa Batangas.",
            ),
        ] {
            let result = detector().detect(text, None);
            assert_eq!(result.code, expected, "{text}");
            assert!(result.confidence > 0.9, "{text}: {}", result.confidence);
        }
    }

    #[test]
    fn close_relatives_are_never_certain() {
        let (code_hr, _) = code("Vlada je sinoć nakon duge rasprave u saboru prihvatila novi zakon o radu, a tijekom tjedna ga potpisuje predsjednik.");
        assert_eq!(code_hr, "hr");
        let r = detector().detect("Vlada je sinoć nakon duge rasprave u saboru prihvatila novi zakon o radu, a tijekom tjedna ga potpisuje predsjednik.", None);
        assert!(r.confidence <= CLOSE_RELATIVE_CAP, "{}", r.confidence);
    }

    #[test]
    fn another_language_in_a_one_language_script_is_unsure() {
        // Written for this test: Yiddish and Assamese news sentences, and Hebrew.
        let yiddish =
            detector().detect("די צײַטונג שרײַבט װעגן דער נײַער רעגירונג אין דער שטאָט.", None);
        assert!(yiddish.confidence < 0.5, "{yiddish:?}");
        let assamese = detector().detect(
            "চৰকাৰে কালি নতুন আইনখন অনুমোদন কৰিলে আৰু সেয়া সোনকালে কাৰ্যকৰী হ'ব।",
            None,
        );
        assert!(assamese.confidence < 0.5, "{assamese:?}");
        let hebrew = detector().detect(
            "הממשלה אישרה אמש את חוק העבודה החדש לאחר דיון ארוך בכנסת.",
            None,
        );
        assert_eq!(
            (hebrew.code.as_str(), hebrew.confidence > 0.9),
            ("he", true)
        );
    }

    #[test]
    fn decomposed_text_is_read_as_composed() {
        let composed = "Chính phủ đã thông qua luật lao động mới vào tối hôm qua sau một cuộc tranh luận dài tại quốc hội.";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(code(&decomposed).0, "vi");
    }

    #[test]
    fn one_language_article_is_one_segment() {
        let p = "قال الرئيس المصري في مؤتمر صحفي اليوم إن الحكومة ستواصل العمل على تحسين الأوضاع.";
        let text = [p; 6].join("\n\n");
        let r = detector().detect(&text, None);
        assert_eq!(r.segments.len(), 1);
        assert_eq!(r.segments[0].end, text.chars().count());
    }

    #[test]
    fn hint_breaks_only_a_near_tie() {
        // A word both Persian and Arabic write alike: the hint decides.
        let word = "کتاب";
        let plain = detector().detect(word, None);
        let hinted_fa = detector().detect(word, Some("fa"));
        let hinted_ar = detector().detect(word, Some("ar"));
        if (plain.confidence - plain.alternatives.first().map_or(0.0, |a| a.confidence)) <= 0.1 {
            assert_ne!(hinted_fa.code, hinted_ar.code);
        }
        // A clear answer is not overturned.
        let clear = detector().detect("وزیر اعظم نے پارلیمنٹ سے خطاب کیا", Some("fa"));
        assert_eq!(clear.code, "ur");
        let unknown = detector().detect(
            "The president said on Monday that the talks would go on",
            Some("xx"),
        );
        assert_eq!(unknown.code, "en");
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "ب".repeat(100_000);
        let inputs = [
            "\u{0}",
            "\n\n\n",
            "\u{200C}\u{200D}",
            "\u{FEFF}",
            "日本語のテキストです",
            "😀😀😀",
            "a\nb\nc",
            "<<<>>>",
            long.as_str(),
            "ـــــ",
            "\u{064E}\u{064F}",
        ];
        for t in inputs {
            let r = detector().detect(t, Some(""));
            assert!(!r.segments.is_empty());
            assert_eq!(r.segments.last().unwrap().end, t.chars().count());
        }
    }

    #[test]
    fn line_counts_are_the_letters_of_the_cleaned_lines() {
        let text = "By John Smith\nقال <b>الرئيس</b> ﻣﺎ ﻫﺮﻭﻗﺖ كيفـ ٢٠٢٤ https://x.com/a\n\nThe vote, 12 to 3, was close.\n日本語 ж ש";
        let tables = EvidenceTables::new();
        let cleaned = clean::clean_lines(text, text.split('\n'), &tables);
        for line in &cleaned.lines {
            let counts = ScriptCounts::of(&cleaned.text[line.range.clone()]);
            assert_eq!(line.counts, counts);
        }
    }

    /// Empty lines, which skip the cleaning pass, come out as that pass would leave them, and
    /// the other lines as they do alone.
    #[test]
    fn empty_lines_have_no_letters_and_no_evidence() {
        let text = "\nقال الرئيس إن الحكومة\n\n\nThe vote, 12 to 3.\n";
        let tables = EvidenceTables::new();
        let cleaned = clean::clean_lines(text, text.split('\n'), &tables);
        assert_eq!(cleaned.lines.len(), text.split('\n').count());
        for (line, original) in cleaned.lines.iter().zip(text.split('\n')) {
            let alone = clean::clean_lines(original, [original].into_iter(), &tables);
            let expected = &alone.lines[0];
            assert_eq!(
                cleaned.text[line.range.clone()],
                alone.text[expected.range.clone()]
            );
            assert_eq!(line.counts, expected.counts, "{original:?}");
            assert_eq!(line.script, expected.script, "{original:?}");
            assert_eq!(
                line.evidence.map(f64::to_bits),
                expected.evidence.map(f64::to_bits),
                "{original:?}"
            );
            if original.is_empty() {
                assert_eq!(line.evidence, [0.0; LANGUAGES.len()]);
                assert_eq!(line.script, None);
            }
        }
    }

    #[test]
    fn japanese_is_told_by_its_kana() {
        let r = detector().detect("日本語のテキストです", None);
        assert_eq!((r.code.as_str(), r.script.as_str()), ("ja", "Jpan"));
        let r = detector().detect("总统会见了外交部长", None);
        assert_eq!((r.code.as_str(), r.script.as_str()), ("zh", "Hani"));
    }

    #[test]
    fn one_letter_of_a_script_only_one_language_writes_names_it() {
        // A kana pair, one Hangul syllable, a Thai word of two letters: nothing to tell apart.
        for (text, code) in [("ねこ", "ja"), ("カ", "ja"), ("눈", "ko"), ("ปู", "th")] {
            let r = detector().detect(text, None);
            assert_eq!(r.code, code, "{text}");
            assert!(r.confidence >= 0.5, "{text}: {}", r.confidence);
        }
        // Two Latin letters could be many languages' words: still too few.
        assert_eq!(detector().detect("la", None).code, "und");
    }
}
