//! Where story linking keeps its window, behind the small [`Store`] trait:
//!
//! - [`memory::MemoryStore`]: the [`Index`](super::index::Index) in memory (`analyze`, tests).
//! - [`embedded::EmbeddedStore`]: the same, with an append-only log of the articles recorded,
//!   replayed at start-up (the default for `run`).
//! - [`jetstream::JetStreamStore`]: a JetStream key-value bucket as the shared, ordered log of
//!   every replica, each replica replaying it into its own index.
//!
//! Every store decides by [`Index::decide`](super::index::Index::decide) over the articles in
//! the order they were recorded, which is deterministic: a log replayed gives the answers it
//! gave, and replicas reading one log agree.

pub mod embedded;
pub mod jetstream;
pub mod memory;
pub mod record;

use super::index::Query;
use crate::message::StoryResult;

/// Whether the article joins the window or is only compared with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Record,
    Lookup,
}

/// A story store failed; the article can be tried again.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Its embedded log failed.
    #[error("story store {0}")]
    Log(#[from] crate::segment_log::LogError),
    #[error("story key-value store {op}: {message}")]
    Kv { op: &'static str, message: String },
}

/// A story window. Implementations are shared by many threads at once.
pub trait Store: Send + Sync {
    /// The story of `q` (see [`Index::decide`](super::index::Index::decide)).
    fn link(&self, q: &Query<'_>, mode: Mode) -> Result<StoryResult, StoreError>;

    /// The largest stories in the window: (story id, articles), largest first.
    fn largest(&self, n: usize) -> Vec<(String, usize)>;

    /// Makes what was recorded durable, where the store can.
    fn flush(&self) -> Result<(), StoreError>;

    /// Whether [`Store::link`] waits on the network.
    fn waits_on_network(&self) -> bool {
        false
    }
}
