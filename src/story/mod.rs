//! Story linking: which articles report the same event (one meeting, attack, verdict, match,
//! death or statement), across outlets and languages.
//!
//! The stage is pure: [`features::features`] turns the headline and text into weighted terms;
//! a [`store::Store`] (memory, embedded files or JetStream key-value) keeps the window in an
//! [`index::Index`] that weighs them by rarity, finds and scores earlier articles
//! ([`scoring`]) and guards stories against chaining. Time comes in as milliseconds: the
//! article's `published_at`, else processing time; nothing here reads the clock.
//!
//! - An article that matches no story in the window starts one: `story.id` is its own id.
//! - A duplicate (dedup's `duplicate_of`) joins its original's story.
//! - The same id again (a redelivery) gets the answer it got the first time.

pub mod features;
pub mod function_words;
pub mod index;
pub mod postings;
pub mod rarity;
pub mod scoring;
pub mod store;

use std::sync::Arc;

pub use store::StoreError;
use store::{Mode, Store};

use crate::message::StoryResult;
use crate::settings::StorySettings;
use crate::text::words::FoldedWords;

/// One article as the story stage needs it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub text: &'a str,
    /// The text's folded words, when an earlier stage kept them (dedup does); otherwise the
    /// text is folded here.
    pub words: Option<&'a FoldedWords>,
    /// `language.code` of the result.
    pub language: &'a str,
    /// `dedup.duplicate_of` and `dedup.similarity` of the result, for copies.
    pub duplicate_of: Option<(&'a str, f64)>,
    /// Unix milliseconds: `published_at`, else processing time.
    pub ts_ms: u64,
}

/// The story stage: extracts features and asks its store. `Send + Sync`.
#[derive(Clone)]
pub struct Story {
    store: Arc<dyn Store>,
}

impl Story {
    /// A window in memory (for `analyze` and tests).
    pub fn in_memory(settings: &StorySettings) -> Story {
        let params = scoring::Params::from_settings(settings);
        Story::with_store(Arc::new(store::memory::MemoryStore::new(params)))
    }

    /// The embedded store in `settings.data_dir`: the window survives a restart.
    pub fn open(settings: &StorySettings) -> Result<Story, StoreError> {
        let params = scoring::Params::from_settings(settings);
        let store = store::embedded::EmbeddedStore::open(&settings.data_dir, params)?;
        Ok(Story::with_store(Arc::new(store)))
    }

    /// The JetStream key-value store in bucket `settings.kv_bucket`, shared by replicas, kept
    /// in `replicas` copies (`nats.replicas`). Its methods block on the current Tokio runtime:
    /// call them outside async tasks.
    pub async fn jetstream(
        js: async_nats::jetstream::Context,
        settings: &StorySettings,
        replicas: usize,
    ) -> Result<Story, StoreError> {
        let store = store::jetstream::JetStreamStore::open(js, settings, replicas).await?;
        Ok(Story::with_store(Arc::new(store)))
    }

    pub fn with_store(store: Arc<dyn Store>) -> Story {
        Story { store }
    }

    /// Links the article and records it in the window; the same id always gets the same
    /// answer.
    pub fn link(&self, input: &Input<'_>) -> Result<StoryResult, StoreError> {
        self.run(input, Mode::Record)
    }

    /// As [`Story::link`], without recording the article.
    pub fn lookup(&self, input: &Input<'_>) -> Result<StoryResult, StoreError> {
        self.run(input, Mode::Lookup)
    }

    /// The largest stories in the window: (story id, articles), largest first.
    pub fn largest(&self, n: usize) -> Vec<(String, usize)> {
        self.store.largest(n)
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush()
    }

    /// Whether linking waits on the network: then it must run outside the async runtime.
    pub fn waits_on_network(&self) -> bool {
        self.store.waits_on_network()
    }

    fn run(&self, input: &Input<'_>, mode: Mode) -> Result<StoryResult, StoreError> {
        let stemming = features::Stemming::of_language(input.language);
        let features = match input.words {
            Some(words) => features::features(input.title, words, stemming),
            None => features::features(input.title, &FoldedWords::of(input.text), stemming),
        };
        let q = index::Query {
            id: input.id,
            ts_ms: input.ts_ms,
            language: input.language,
            duplicate_of: input.duplicate_of,
            features: &features,
        };
        self.store.link(&q, mode)
    }
}
