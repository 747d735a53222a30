//! `Pipeline { language, dedup, quotes }`: one decoded [`Article`] in, one [`Analysis`] out.
//!
//! Synchronous and CPU-bound (a fraction of a millisecond for a news article): the worker runs
//! it inline for ordinary articles and on the blocking pool for long ones or when the dedup
//! store waits on the network. The only I/O is the dedup store behind its trait.

use std::time::Instant;

use crate::dedup::{Dedup, DedupMode, StoreError};
use crate::language::Detector;
use crate::message::{
    Article, DeadLetterKind, DedupResult, LanguageResult, Quote, ResultMessage, Speaker, TextStats,
    WorkerInfo, RESULT_SCHEMA,
};
use crate::quotes::QuoteExtractor;

/// Why an article has no analysis.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The dedup store failed; the article can be tried again.
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
    pub quotes: QuoteExtractor,
}

/// What the stages found, and how long each took.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub language: LanguageResult,
    pub dedup: DedupResult,
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
    pub quotes: f64,
}

impl Pipeline {
    /// Runs the three stages. `now_ms` (Unix milliseconds) places the article in the dedup
    /// window; it is passed in so the stages never read the clock.
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
        let dedup = match mode {
            DedupMode::Record => self.dedup.check(&article.id, &article.text, now_ms)?,
            DedupMode::Lookup => self.dedup.lookup(&article.id, &article.text, now_ms)?,
        };
        let t2 = Instant::now();
        let quotations = self.quotes.extract(&article.text);
        let t3 = Instant::now();
        Ok(Analysis {
            stats: TextStats::of(&article.text),
            language,
            dedup,
            quotes: quotations.quotes,
            speakers: quotations.speakers,
            timings: StageTimings {
                language: (t1 - t0).as_secs_f64(),
                dedup: (t2 - t1).as_secs_f64(),
                quotes: (t3 - t2).as_secs_f64(),
            },
        })
    }
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
