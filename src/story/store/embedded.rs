//! The embedded story store: the [`Index`] in memory and, for restarts, an append-only log of
//! the articles recorded in `story.data_dir`, replayed at start-up through the same
//! deterministic [`Index::decide`], so every article gets back the answer it was given.
//!
//! - Files: `story-NNNNNNNN.log`, an 8-byte magic and records `[length u32][payload][xxh3
//!   check u32]`; the payload is a [`record`](super::record).
//! - Writing: records collect in a buffer that a background thread writes and `fdatasync`s
//!   every [`FLUSH_INTERVAL`] (and on [`Store::flush`] and drop). A crash loses at most the
//!   records of the last interval.
//! - Opening: a record cut short or failing its check ends its segment, which is truncated
//!   there; a torn tail never stops the store from opening.
//! - Bounds: a new segment starts every [`SEGMENT_RECORDS`] records; a segment whose newest
//!   article is older than the window and three rarity half-lives behind the newest time seen
//!   is deleted: replayed, its records would weigh an eighth at most.

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use super::record::{decode, encode};
use super::{Mode, Store, StoreError};
use crate::message::StoryResult;
use crate::story::index::{Index, Query};
use crate::story::scoring::Params;

const MAGIC: &[u8; 8] = b"ASTORY01";
/// Records per segment: segments are the unit of deletion, so small enough that little outlives
/// the windows, large enough that a busy day does not make thousands of files.
const SEGMENT_RECORDS: u64 = 4096;
/// Half-lives of the rarity counts the log keeps: after three, a record counts an eighth.
const KEEP_HALF_LIVES: u64 = 3;
/// How often the background thread writes the buffer: the most a crash can lose.
const FLUSH_INTERVAL: Duration = Duration::from_secs(1);

pub struct EmbeddedStore {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    /// Records older than this behind the newest time no longer change any answer.
    keep_ms: u64,
    state: Mutex<State>,
    log: Mutex<Log>,
}

struct State {
    index: Index,
    pending: Vec<u8>,
    pending_records: u64,
    pending_newest: u64,
}

struct Log {
    dir: PathBuf,
    segments: VecDeque<Segment>,
    file: File,
}

struct Segment {
    number: u64,
    records: u64,
    newest_ms: u64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

impl EmbeddedStore {
    /// Opens (or creates) the store in `dir` and replays its log.
    pub fn open(dir: &Path, params: Params) -> Result<EmbeddedStore, StoreError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let mut numbers: Vec<u64> = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .filter_map(|e| e.ok())
            .filter_map(|e| segment_number(&e.file_name().to_string_lossy()))
            .collect();
        numbers.sort_unstable();
        let mut index = Index::new(params);
        let mut segments = VecDeque::new();
        for number in numbers {
            let (records, newest_ms) = replay(&segment_path(dir, number), &mut index)?;
            segments.push_back(Segment {
                number,
                records,
                newest_ms,
            });
        }
        let file = match segments.back() {
            Some(s) if s.records < SEGMENT_RECORDS => {
                let path = segment_path(dir, s.number);
                OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .map_err(io(&path))?
            }
            last => {
                let number = last.map_or(1, |s| s.number + 1);
                segments.push_back(Segment {
                    number,
                    records: 0,
                    newest_ms: 0,
                });
                create_segment(dir, number)?
            }
        };
        let inner = Arc::new(Inner {
            dir: dir.to_owned(),
            keep_ms: params
                .window_ms
                .saturating_add(KEEP_HALF_LIVES * params.rarity_ms),
            state: Mutex::new(State {
                index,
                pending: Vec::new(),
                pending_records: 0,
                pending_newest: 0,
            }),
            log: Mutex::new(Log {
                dir: dir.to_owned(),
                segments,
                file,
            }),
        });
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("story-flush".into())
            .spawn(move || flush_loop(weak))
            .map_err(io(dir))?;
        Ok(EmbeddedStore { inner })
    }

    /// Articles in the window, heap bytes of the index, and bytes of the files.
    pub fn usage(&self) -> (usize, usize, u64) {
        let st = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        let files = std::fs::read_dir(&self.inner.dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| segment_number(&e.file_name().to_string_lossy()).is_some())
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        (st.index.len(), st.index.heap_bytes(), files)
    }
}

impl Store for EmbeddedStore {
    fn link(&self, q: &Query<'_>, mode: Mode) -> Result<StoryResult, StoreError> {
        let mut st = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        let known = st.index.contains(q.id);
        let answer = st.index.decide(q, mode == Mode::Record);
        if mode == Mode::Record && !known {
            append_record(q, &mut st.pending);
            st.pending_records += 1;
            st.pending_newest = st.pending_newest.max(q.ts_ms);
        }
        Ok(answer)
    }

    fn largest(&self, n: usize) -> Vec<(String, usize)> {
        let st = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        st.index.largest(n)
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.inner.flush()
    }
}

impl Drop for EmbeddedStore {
    fn drop(&mut self) {
        if let Err(e) = self.inner.flush() {
            tracing::error!(error = %e, "cannot flush the story store");
        }
    }
}

impl Inner {
    /// Writes the buffer and syncs, starts a new segment when the current one is full, and
    /// deletes segments no longer needed. The log lock is taken before the state lock is let
    /// go, so buffers reach the file in order.
    fn flush(&self) -> Result<(), StoreError> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let buf = std::mem::take(&mut st.pending);
        let records = std::mem::take(&mut st.pending_records);
        let newest = std::mem::take(&mut st.pending_newest);
        let horizon = st.index.clock_ms().saturating_sub(self.keep_ms);
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        drop(st);
        log.write(&buf, records, newest)?;
        log.delete_older_than(horizon)
    }
}

impl Log {
    fn write(&mut self, buf: &[u8], records: u64, newest: u64) -> Result<(), StoreError> {
        if buf.is_empty() {
            return Ok(());
        }
        let current = self.segments.back_mut().expect("a current segment");
        let path = segment_path(&self.dir, current.number);
        self.file.write_all(buf).map_err(io(&path))?;
        self.file.sync_data().map_err(io(&path))?;
        current.records += records;
        current.newest_ms = current.newest_ms.max(newest);
        if current.records >= SEGMENT_RECORDS {
            let number = current.number + 1;
            self.file = create_segment(&self.dir, number)?;
            self.segments.push_back(Segment {
                number,
                records: 0,
                newest_ms: 0,
            });
        }
        Ok(())
    }

    fn delete_older_than(&mut self, horizon_ms: u64) -> Result<(), StoreError> {
        while self.segments.len() > 1 && self.segments[0].newest_ms < horizon_ms {
            let s = self.segments.pop_front().expect("checked");
            let path = segment_path(&self.dir, s.number);
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
        Ok(())
    }
}

fn flush_loop(store: Weak<Inner>) {
    loop {
        std::thread::sleep(FLUSH_INTERVAL);
        let Some(inner) = store.upgrade() else { return };
        if let Err(e) = inner.flush() {
            tracing::error!(error = %e, "cannot flush the story store; retrying");
        }
    }
}

fn segment_path(dir: &Path, number: u64) -> PathBuf {
    dir.join(format!("story-{number:08}.log"))
}

fn segment_number(name: &str) -> Option<u64> {
    name.strip_prefix("story-")?
        .strip_suffix(".log")?
        .parse()
        .ok()
}

fn create_segment(dir: &Path, number: u64) -> Result<File, StoreError> {
    let path = segment_path(dir, number);
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io(&path))?;
    f.write_all(MAGIC).map_err(io(&path))?;
    f.sync_data().map_err(io(&path))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all(); // make the new name durable
    }
    Ok(f)
}

/// `[length][payload][check]` for one article.
fn append_record(q: &Query<'_>, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&0u32.to_le_bytes());
    encode(q, out);
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    let check = xxhash_rust::xxh3::xxh3_64(&out[start + 4..]) as u32;
    out.extend_from_slice(&check.to_le_bytes());
}

/// Replays one segment into `index`, truncating it after its last good record. Returns the
/// records read and the newest time among them.
fn replay(path: &Path, index: &mut Index) -> Result<(u64, u64), StoreError> {
    let bytes = std::fs::read(path).map_err(io(path))?;
    if bytes.len() < MAGIC.len() {
        std::fs::write(path, MAGIC).map_err(io(path))?;
        return Ok((0, 0));
    }
    if &bytes[..MAGIC.len()] != MAGIC {
        return Err(StoreError::Format {
            path: path.to_owned(),
            why: "unknown file header".into(),
        });
    }
    let (mut pos, mut records, mut newest) = (MAGIC.len(), 0, 0);
    while pos < bytes.len() {
        let Some((record, next)) = record_at(&bytes, pos) else {
            tracing::warn!(path = %path.display(), offset = pos, dropped_bytes = bytes.len() - pos,
                "story store: torn or corrupt record; truncating the segment there");
            let f = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io(path))?;
            f.set_len(pos as u64).map_err(io(path))?;
            f.sync_all().map_err(io(path))?;
            break;
        };
        index.decide(&record.query(), true);
        newest = newest.max(record.ts_ms);
        records += 1;
        pos = next;
    }
    Ok((records, newest))
}

fn record_at(bytes: &[u8], pos: usize) -> Option<(super::record::Record, usize)> {
    let len = u32::from_le_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
    let payload = bytes.get(pos + 4..pos + 4 + len)?;
    let check = u32::from_le_bytes(bytes.get(pos + 4 + len..pos + 8 + len)?.try_into().ok()?);
    if xxhash_rust::xxh3::xxh3_64(payload) as u32 != check {
        return None;
    }
    Some((decode(payload)?, pos + 8 + len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::features::features;

    const T0: u64 = 1_700_000_000_000;

    fn link(s: &EmbeddedStore, id: &str, text: &str, ts_ms: u64) -> StoryResult {
        let f = features(None, text);
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
        let seg = segment_path(dir.path(), 1);
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
        std::fs::write(segment_path(dir.path(), 1), b"not a story log").unwrap();
        assert!(matches!(
            EmbeddedStore::open(dir.path(), Params::for_tests()),
            Err(StoreError::Format { .. })
        ));
    }
}
