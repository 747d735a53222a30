//! The story window in memory, forgotten at exit: what `analyze` and the tests use.

use std::sync::Mutex;

use super::{Mode, Store, StoreError};
use crate::message::StoryResult;
use crate::story::index::{Index, Query};
use crate::story::scoring::Params;

pub struct MemoryStore {
    index: Mutex<Index>,
}

impl MemoryStore {
    pub fn new(params: Params) -> MemoryStore {
        MemoryStore {
            index: Mutex::new(Index::new(params)),
        }
    }

    /// Articles in the window and the heap bytes the index takes.
    pub fn usage(&self) -> (usize, usize) {
        let ix = self.index.lock().unwrap_or_else(|e| e.into_inner());
        (ix.len(), ix.heap_bytes())
    }
}

impl Store for MemoryStore {
    fn link(&self, q: &Query<'_>, mode: Mode) -> Result<StoryResult, StoreError> {
        let mut ix = self.index.lock().unwrap_or_else(|e| e.into_inner());
        Ok(ix.decide(q, mode == Mode::Record))
    }

    fn largest(&self, n: usize) -> Vec<(String, usize)> {
        let ix = self.index.lock().unwrap_or_else(|e| e.into_inner());
        ix.largest(n)
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
