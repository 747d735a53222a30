//! `Pipeline { language, dedup, story, quotes }`: one decoded [`Article`] in, one [`Analysis`]
//! out.
//!
//! Synchronous and CPU-bound (a fraction of a millisecond for a news article): the worker runs
//! it inline for ordinary articles and on the blocking pool for long ones or when a store waits
//! on the network. The only I/O is the dedup and story stores behind their traits.

use std::time::Instant;

use crate::dedup::{Dedup, DedupMode};
use crate::language::Detector;
use crate::message::{
    Article, DeadLetterKind, DedupResult, LanguageResult, Quote, ResultMessage, Speaker,
    StoryResult, TextStats, WorkerInfo, RESULT_SCHEMA,
};
use crate::quotes::QuoteExtractor;
use crate::story::Story;
use crate::text::words::FoldedWords;

/// A store behind a stage failed; the article can be tried again.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Dedup(#[from] crate::dedup::StoreError),
    #[error(transparent)]
    Story(#[from] crate::story::StoreError),
}

/// Why an article has no analysis.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The dedup or story store failed; the article can be tried again.
    #[error("{source}")]
    Store {
        article_id: String,
        #[source]
        source: StoreError,
    },
    /// A stage panicked: a bug, which a retry would repeat.
    #[error("the pipeline panicked: {0}")]
    Panicked(String),
    /// The blocking task that ran the pipeline was cancelled.
    #[error("the pipeline task ended: {0}")]
    TaskEnded(String),
}

impl PipelineError {
    /// The dead-letter kind of this failure.
    pub fn kind(&self) -> DeadLetterKind {
        match self {
            PipelineError::Store { .. } => DeadLetterKind::StoreError,
            PipelineError::Panicked(_) | PipelineError::TaskEnded(_) => {
                DeadLetterKind::InternalError
            }
        }
    }
}

pub struct Pipeline {
    pub language: Detector,
    pub dedup: Dedup,
    /// `None` when `story.enabled` is off.
    pub story: Option<Story>,
    pub quotes: QuoteExtractor,
}

/// What the stages found, and how long each took.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub language: LanguageResult,
    pub dedup: DedupResult,
    pub story: Option<StoryResult>,
    pub quotes: Vec<Quote>,
    /// The people quoted, each once; `Quote::speaker_index` points into it.
    pub speakers: Vec<Speaker>,
    pub stats: TextStats,
    pub timings: StageTimings,
}

/// Seconds spent in each stage, for the per-stage histograms.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimings {
    pub language: f64,
    pub dedup: f64,
    pub story: f64,
    pub quotes: f64,
}

impl Pipeline {
    /// Runs the stages. `now_ms` (Unix milliseconds) places the article in the dedup window,
    /// and in the story window when it has no `published_at`; it is passed in so the stages
    /// never read the clock.
    pub fn process(
        &self,
        article: &Article,
        mode: DedupMode,
        now_ms: u64,
    ) -> Result<Analysis, StoreError> {
        let t0 = Instant::now();
        let mut language = self
            .language
            .detect(&article.text, article.lang_hint.as_deref());
        language.hint = article.lang_hint.clone();
        let t1 = Instant::now();
        // With the story stage on, dedup keeps the folded words for it.
        let (dedup, words) = match (&self.story, mode) {
            (Some(_), mode) => {
                let (d, w) =
                    self.dedup
                        .run_keeping_words(&article.id, &article.text, now_ms, mode)?;
                (d, Some(w))
            }
            (None, DedupMode::Record) => {
                (self.dedup.check(&article.id, &article.text, now_ms)?, None)
            }
            (None, DedupMode::Lookup) => {
                (self.dedup.lookup(&article.id, &article.text, now_ms)?, None)
            }
        };
        let t2 = Instant::now();
        let story = match &self.story {
            Some(story) => {
                let found = Found {
                    language: &language,
                    dedup: &dedup,
                    words: words.as_ref(),
                };
                Some(link_story(story, article, &found, mode, now_ms)?)
            }
            None => None,
        };
        let t3 = Instant::now();
        let quotations = self.quotes.extract(&article.text);
        let t4 = Instant::now();
        Ok(Analysis {
            stats: TextStats::of(&article.text),
            language,
            dedup,
            story,
            quotes: quotations.quotes,
            speakers: quotations.speakers,
            timings: StageTimings {
                language: (t1 - t0).as_secs_f64(),
                dedup: (t2 - t1).as_secs_f64(),
                story: (t3 - t2).as_secs_f64(),
                quotes: (t4 - t3).as_secs_f64(),
            },
        })
    }

    /// Makes what the stores recorded durable.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.dedup.flush()?;
        if let Some(story) = &self.story {
            story.flush()?;
        }
        Ok(())
    }

    /// Whether a stage's store waits on the network: then the pipeline must run outside the
    /// async runtime.
    pub fn waits_on_network(&self) -> bool {
        self.dedup.waits_on_network() || self.story.as_ref().is_some_and(Story::waits_on_network)
    }
}

/// What the stages before the story stage found that it reads.
struct Found<'a> {
    language: &'a LanguageResult,
    dedup: &'a DedupResult,
    words: Option<&'a FoldedWords>,
}

/// The story stage for `article`, after language and dedup have answered.
fn link_story(
    story: &Story,
    article: &Article,
    found: &Found<'_>,
    mode: DedupMode,
    now_ms: u64,
) -> Result<StoryResult, crate::story::StoreError> {
    let dedup = found.dedup;
    let input = crate::story::Input {
        id: &article.id,
        title: article.title.as_deref(),
        text: &article.text,
        words: found.words,
        language: &found.language.code,
        duplicate_of: dedup
            .duplicate_of
            .as_deref()
            .map(|id| (id, dedup.similarity)),
        ts_ms: published_ms(article.published_at.as_deref()).unwrap_or(now_ms),
    };
    match mode {
        DedupMode::Record => story.link(&input),
        DedupMode::Lookup => story.lookup(&input),
    }
}

/// `published_at` (RFC 3339) in Unix milliseconds; `None` when absent, unreadable or before
/// 1970.
pub fn published_ms(published_at: Option<&str>) -> Option<u64> {
    let t = time::OffsetDateTime::parse(
        published_at?,
        &time::format_description::well_known::Rfc3339,
    )
    .ok()?;
    u64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
}

impl Analysis {
    /// The result message for `article`, serialised.
    pub fn to_result_json(&self, article: &Article, worker: &WorkerInfo) -> Vec<u8> {
        let message = ResultMessage {
            schema: RESULT_SCHEMA,
            id: &article.id,
            title: article.title.as_deref(),
            url: article.url.as_deref(),
            source: article.source.as_deref(),
            published_at: article.published_at.as_deref(),
            metadata: article.metadata.as_deref(),
            language: &self.language,
            dedup: &self.dedup,
            quotes: &self.quotes,
            speakers: &self.speakers,
            story: self.story.as_ref(),
            stats: &self.stats,
            worker,
            processed_at: crate::message::now_rfc3339(),
        };
        // Sized for the usual result (about 1 KB plus its quotations) so it seldom regrows.
        let quoted: usize = self
            .quotes
            .iter()
            .map(|q| q.text.len() + q.speaker.as_ref().map_or(0, String::len))
            .sum();
        let mut buf = Vec::with_capacity(1536 + 2 * quoted);
        serde_json::to_writer(&mut buf, &message).expect("a result always serialises");
        buf
    }
}
