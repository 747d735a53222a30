//! The window in memory, forgotten at exit: what `analyze` and the tests use.

use std::sync::Mutex;

use super::index::{Entry, Index};
use super::{answer_for, Answer, DedupMode, Query, Store, StoreError};

pub struct MemoryStore {
    index: Mutex<Index>,
}

impl MemoryStore {
    pub fn new(capacity: usize, window_ms: u64) -> MemoryStore {
        MemoryStore {
            index: Mutex::new(Index::new(capacity, window_ms)),
        }
    }

    /// Articles in the window and the heap bytes they take.
    pub fn usage(&self) -> (usize, usize) {
        let ix = self.index.lock().unwrap_or_else(|e| e.into_inner());
        (ix.len(), ix.heap_bytes())
    }
}

/// The decision shared by the memory and embedded stores, under their lock: the earlier
/// answer for a known id, else the earliest match; recorded in [`DedupMode::Record`]. Returns the
/// entry that was added, if any, for the embedded store's log.
pub(super) fn decide(
    ix: &mut Index,
    q: &Query<'_>,
    threshold: f64,
    mode: DedupMode,
) -> (Answer, Option<Entry>) {
    ix.expire(q.now_ms);
    if let Some(a) = ix.answer(q.id) {
        return (a, None);
    }
    let answer = answer_for(ix.best_match(q.id, q.fingerprint, threshold));
    if mode == DedupMode::Lookup {
        return (answer, None);
    }
    let entry = Entry {
        id: q.id.to_owned(),
        ts_ms: q.now_ms,
        fingerprint: q.fingerprint.clone(),
        answer: answer.clone(),
    };
    ix.insert(&entry);
    (answer, Some(entry))
}

impl Store for MemoryStore {
    fn check(&self, q: &Query<'_>, threshold: f64, mode: DedupMode) -> Result<Answer, StoreError> {
        let mut ix = self.index.lock().unwrap_or_else(|e| e.into_inner());
        Ok(decide(&mut ix, q, threshold, mode).0)
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
