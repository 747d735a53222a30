//! The embedded story store: the [`Index`] in memory and, for restarts, an append-only
//! [`segment_log`](crate::segment_log) of the articles recorded in `story.data_dir`, replayed
//! at start-up through the same deterministic [`Index::decide`], so every article gets back
//! the answer it was given.
//!
//! - Files: `story-NNNNNNNN.log`; the payload of a record is a [`record`](super::record),
//!   marked with the article's time.
//! - Writing: every [`FLUSH_INTERVAL`], on [`Store::flush`] and on drop.
//! - Bounds: a new segment starts every [`SEGMENT_RECORDS`] records; a segment whose newest
//!   article is older than the window and three rarity half-lives behind the newest time seen
//!   is deleted: replayed, its records would weigh an eighth at most.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::record::{decode, encode, MIN_PAYLOAD};
use super::{Mode, Store, StoreError};
use crate::message::StoryResult;
use crate::segment_log::{Batch, Format, Pending, Persisted, SegmentLog};
use crate::story::index::{Index, Query};
use crate::story::scoring::Params;

static FORMAT: Format = Format {
    magic: b"ASTORY01",
    prefix: "story-",
    // A record holds at most a few thousand terms; far less than this bound.
    payload: MIN_PAYLOAD..=1 << 24,
    name: "story store",
};
/// Records per segment: segments are the unit of deletion, so small enough that little outlives
/// the windows, large enough that a busy day does not make thousands of files.
const SEGMENT_RECORDS: u64 = 4096;
/// Half-lives of the rarity counts the log keeps: after three, a record counts an eighth.
const KEEP_HALF_LIVES: u64 = 3;
/// How often the background thread writes the buffer: the most a crash can lose.
const FLUSH_INTERVAL: Duration = Duration::from_secs(1);

pub struct EmbeddedStore {
    shared: Arc<Persisted<State>>,
}

struct State {
    index: Index,
    /// Records older than this behind the newest time no longer change any answer.
    keep_ms: u64,
    /// Records not yet written, each marked with its article's time.
    pending: Batch,
}

impl Pending for State {
    fn take_pending(&mut self) -> (Batch, u64) {
        let horizon = self.index.clock_ms().saturating_sub(self.keep_ms);
        (std::mem::take(&mut self.pending), horizon)
    }
}

impl EmbeddedStore {
    /// Opens (or creates) the store in `dir` and replays its log.
    pub fn open(dir: &Path, params: Params) -> Result<EmbeddedStore, StoreError> {
        let mut index = Index::new(params);
        let log = SegmentLog::open(dir, &FORMAT, SEGMENT_RECORDS, |payload| {
            let record = decode(payload)?;
            index.decide(&record.query(), true);
            Some(record.ts_ms)
        })?;
        let state = State {
            index,
            keep_ms: params
                .window_ms
                .saturating_add(KEEP_HALF_LIVES * params.rarity_ms),
            pending: Batch::default(),
        };
        let shared = Persisted::start(state, log, "story-flush", FLUSH_INTERVAL)?;
        Ok(EmbeddedStore { shared })
    }

    /// Articles in the window, heap bytes of the index, and bytes of the files.
    pub fn usage(&self) -> (usize, usize, u64) {
        let (len, heap) = {
            let st = self.shared.lock();
            (st.index.len(), st.index.heap_bytes())
        };
        (len, heap, self.shared.bytes_on_disk())
    }
}

impl Store for EmbeddedStore {
    fn link(&self, q: &Query<'_>, mode: Mode) -> Result<StoryResult, StoreError> {
        let mut st = self.shared.lock();
        let known = st.index.contains(q.id);
        let answer = st.index.decide(q, mode == Mode::Record);
        if mode == Mode::Record && !known {
            st.pending.push(q.ts_ms, |out| encode(q, out));
        }
        Ok(answer)
    }

    fn largest(&self, n: usize) -> Vec<(String, usize)> {
        self.shared.lock().index.largest(n)
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(self.shared.flush()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment_log::LogError;
    use crate::story::features::features_of_text;
    use std::fs::OpenOptions;

    const T0: u64 = 1_700_000_000_000;

    fn link(s: &EmbeddedStore, id: &str, text: &str, ts_ms: u64) -> StoryResult {
        let f = features_of_text(None, text);
        let q = Query {
            id,
            ts_ms,
            language: "en",
            duplicate_of: None,
            features: &f,
        };
        s.link(&q, Mode::Record).unwrap()
    }

    fn background(s: &EmbeddedStore) {
        for i in 0..30 {
            let topic = ["budget and schools", "harvest and rain", "rates and banks"][i % 3];
            link(
                s,
                &format!("bg{i}"),
                &format!("Report {i}\n\nA note on {topic}."),
                T0,
            );
        }
    }

    const FIRST: &str = "Ferry Kestrel sinks off Lindqvist Island\n\nThe ferry Kestrel sank \
        near Lindqvist Island with 212 passengers aboard, the coast guard said.";
    const SECOND: &str = "Kestrel passengers rescued near Lindqvist\n\nAll 212 people on the \
        Kestrel were brought ashore from Lindqvist Island.";

    #[test]
    fn answers_survive_a_reopen_and_new_articles_still_join() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = {
            let s = EmbeddedStore::open(dir.path(), Params::for_tests()).unwrap();
            background(&s);
            let a = link(&s, "a", FIRST, T0 + 1);
            let b = link(&s, "b", SECOND, T0 + 2);
            assert_eq!(b.id, "a");
            (a, b)
        };
        let s = EmbeddedStore::open(dir.path(), Params::for_tests()).unwrap();
        assert_eq!(s.usage().0, 32);
        assert_eq!(
            link(&s, "b", SECOND, T0 + 3),
            b,
            "redelivery after a restart"
        );
        assert_eq!(link(&s, "a", FIRST, T0 + 3), a);
        assert_eq!(link(&s, "c", SECOND, T0 + 4).id, "a");
    }

    #[test]
    fn a_torn_tail_is_truncated_and_the_rest_replayed() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = EmbeddedStore::open(dir.path(), Params::for_tests()).unwrap();
            background(&s);
            link(&s, "a", FIRST, T0 + 1);
        }
        let seg = dir.path().join("story-00000001.log");
        let len = std::fs::metadata(&seg).unwrap().len();
        let f = OpenOptions::new().write(true).open(&seg).unwrap();
        f.set_len(len - 5).unwrap();
        drop(f);
        let s = EmbeddedStore::open(dir.path(), Params::for_tests()).unwrap();
        assert_eq!(
            s.usage().0,
            30,
            "the cut record is gone, the others replayed"
        );
        assert_eq!(link(&s, "a", FIRST, T0 + 2).id, "a");
    }

    #[test]
    fn a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("story-00000001.log"), b"not a story log").unwrap();
        assert!(matches!(
            EmbeddedStore::open(dir.path(), Params::for_tests()),
            Err(StoreError::Log(LogError::Format { .. }))
        ));
    }
}
