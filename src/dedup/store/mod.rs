//! Where the duplicate detector remembers what it has seen: the one place besides the
//! transport where I/O meets the pipeline, behind the small [`Store`] trait.
//!
//! - [`memory::MemoryStore`]: the window in memory, forgotten at exit (`analyze`, tests).
//! - [`embedded::EmbeddedStore`]: the same window, rebuilt at start-up from an append-only,
//!   checksummed log in `dedup.data_dir` (the default for `run`).
//! - [`jetstream::JetStreamStore`]: a JetStream key-value bucket shared by several replicas.
//!
//! The memory and embedded stores share [`index::Index`], the compact window.

pub mod embedded;
pub mod index;
pub mod jetstream;
pub mod memory;

use crate::dedup::fingerprint::Fingerprint;
use crate::message::{DedupResult, DedupStatus};

/// The answer given to an article (the contract's `dedup` object).
pub type Answer = DedupResult;

impl DedupResult {
    /// The answer for an article that copies none seen before.
    pub fn unique() -> DedupResult {
        DedupResult {
            status: DedupStatus::Unique,
            duplicate_of: None,
            similarity: 0.0,
        }
    }
}

/// One article, fingerprinted, as a store sees it.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub id: &'a str,
    pub fingerprint: &'a Fingerprint,
    /// Unix milliseconds: the article's place in the window.
    pub now_ms: u64,
}

/// Whether the article joins the window (`run`, `analyze`) or is only compared with it
/// (`articles.analyze` requests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DedupMode {
    Record,
    Lookup,
}

/// A dedup store failed; the article can be tried again.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Its embedded log failed.
    #[error("dedup store {0}")]
    Log(#[from] crate::segment_log::LogError),
    #[error("dedup key-value store {op}: {message}")]
    Kv { op: &'static str, message: String },
}

/// A window of fingerprints. Implementations are shared by many threads at once.
pub trait Store: Send + Sync {
    /// The answer for `q`: the one it got before if its id is in the window, otherwise the
    /// earliest article in the window with similarity at or above `threshold`. In
    /// [`DedupMode::Record`] the article joins the window with that answer.
    fn check(&self, q: &Query<'_>, threshold: f64, mode: DedupMode) -> Result<Answer, StoreError>;

    /// Makes what was recorded durable, where the store can.
    fn flush(&self) -> Result<(), StoreError>;

    /// Whether [`Store::check`] waits on the network: then it must be called outside the async
    /// runtime. Memory and embedded stores only take a lock.
    fn waits_on_network(&self) -> bool {
        false
    }
}

/// The answer for an article given its best match in the window.
pub fn answer_for(best: Option<index::Match>) -> Answer {
    match best {
        None => Answer::unique(),
        Some(m) => Answer {
            status: if m.exact {
                DedupStatus::ExactDuplicate
            } else {
                DedupStatus::NearDuplicate
            },
            duplicate_of: Some(m.id),
            similarity: if m.exact {
                1.0
            } else {
                (m.similarity * 10_000.0).round() / 10_000.0
            },
        },
    }
}
