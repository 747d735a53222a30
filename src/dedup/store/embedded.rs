//! The embedded store: the window of [`Index`] kept in memory and, for restarts, an
//! append-only [`segment_log`](crate::segment_log) of what was recorded in `dedup.data_dir`
//! (writing, syncing, replay and damage handling are described there).
//!
//! - Files: `segment-NNNNNNNN.log`; the payload of a record is one [`Entry`]: time, exact
//!   hash, shingle count, sketch, the answer given, id, duplicate id (about 130 bytes an
//!   article), marked with its sequence number in the window.
//! - Writing: every `dedup.flush_interval`, on [`Store::flush`] and on drop.
//! - Ids are stored up to 65,535 bytes (`limits.max_id_bytes` keeps them far shorter), cut
//!   only at a character boundary so that every stored id reads back as UTF-8.
//! - Bounds: a new segment starts every `window_articles / 8` records (at least 64); a segment
//!   whose records have all left the window is deleted. Disk holds the window plus at most
//!   about one segment; memory holds the window.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::index::{Entry, Index};
use super::memory::decide;
use super::{Answer, DedupMode, Query, Store, StoreError};
use crate::dedup::fingerprint::{Fingerprint, SKETCH_BINS};
use crate::message::DedupStatus;
use crate::segment_log::{
    cut_at_char_boundary, Batch, Format, Pending, Persisted, Reader, SegmentLog,
};

/// Payload bytes before the id: ts 8, exact 16, shingles 4, sketch, status 1, similarity 2,
/// id length 2, duplicate id length 2.
const FIXED: usize = 8 + 16 + 4 + SKETCH_BINS + 1 + 2 + 2 + 2;
/// The longest id a record holds: its length is written in two bytes.
const MAX_ID: usize = u16::MAX as usize;

static FORMAT: Format = Format {
    magic: b"ADEDUP01",
    prefix: "segment-",
    payload: FIXED..=FIXED + 2 * MAX_ID,
    name: "dedup store",
};

pub struct EmbeddedStore {
    shared: Arc<Persisted<State>>,
}

struct State {
    index: Index,
    /// Records not yet written; each marked with its sequence number in the window.
    pending: Batch,
}

impl Pending for State {
    fn take_pending(&mut self) -> (Batch, u64) {
        (std::mem::take(&mut self.pending), self.index.span().0)
    }
}

impl EmbeddedStore {
    /// Opens (or creates) the store in `dir` and reads back its window.
    pub fn open(
        dir: &Path,
        capacity: usize,
        window_ms: u64,
        flush_interval: Duration,
    ) -> Result<EmbeddedStore, StoreError> {
        let mut index = Index::new(capacity, window_ms);
        let segment_records = (capacity as u64 / 8).max(64);
        let mut log = SegmentLog::open(dir, &FORMAT, segment_records, |payload| {
            let entry = parse_entry(payload)?;
            index.insert(&entry);
            Some(index.span().1 - 1)
        })?;
        log.delete_below(index.span().0)?;
        let state = State {
            index,
            pending: Batch::default(),
        };
        let shared = Persisted::start(state, log, "dedup-flush", flush_interval)?;
        Ok(EmbeddedStore { shared })
    }

    /// Articles in the window, heap bytes of the window, and bytes of the files.
    pub fn usage(&self) -> (usize, usize, u64) {
        let (len, heap) = {
            let st = self.shared.lock();
            (st.index.len(), st.index.heap_bytes())
        };
        (len, heap, self.shared.bytes_on_disk())
    }
}

impl Store for EmbeddedStore {
    fn check(&self, q: &Query<'_>, threshold: f64, mode: DedupMode) -> Result<Answer, StoreError> {
        let mut st = self.shared.lock();
        let (answer, added) = decide(&mut st.index, q, threshold, mode);
        if let Some(e) = added {
            let seq = st.index.span().1 - 1;
            st.pending.push(seq, |out| encode(&e, out));
        }
        Ok(answer)
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(self.shared.flush()?)
    }
}

/// Appends the payload of `e`.
fn encode(e: &Entry, out: &mut Vec<u8>) {
    let id = cut_at_char_boundary(&e.id, MAX_ID).as_bytes();
    let dup = cut_at_char_boundary(e.answer.duplicate_of.as_deref().unwrap_or(""), MAX_ID);
    let dup = dup.as_bytes();
    out.extend_from_slice(&e.ts_ms.to_le_bytes());
    out.extend_from_slice(&e.fingerprint.exact.to_le_bytes());
    out.extend_from_slice(&e.fingerprint.shingles.to_le_bytes());
    out.extend_from_slice(&e.fingerprint.sketch);
    out.push(match e.answer.status {
        DedupStatus::Unique => 0,
        DedupStatus::ExactDuplicate => 1,
        DedupStatus::NearDuplicate => 2,
    });
    let sim = (e.answer.similarity.clamp(0.0, 1.0) * 10_000.0).round() as u16;
    out.extend_from_slice(&sim.to_le_bytes());
    out.extend_from_slice(&(id.len() as u16).to_le_bytes());
    out.extend_from_slice(&(dup.len() as u16).to_le_bytes());
    out.extend_from_slice(id);
    out.extend_from_slice(dup);
}

/// The entry a checked payload holds; `None` if its fields do not parse (for example an id
/// cut inside a character by an older version).
fn parse_entry(payload: &[u8]) -> Option<Entry> {
    let mut r = Reader(payload);
    let ts_ms = u64::from_le_bytes(r.array()?);
    let exact = u128::from_le_bytes(r.array()?);
    let shingles = u32::from_le_bytes(r.array()?);
    let sketch = r.array()?;
    let status = match r.take(1)?[0] {
        0 => DedupStatus::Unique,
        1 => DedupStatus::ExactDuplicate,
        2 => DedupStatus::NearDuplicate,
        _ => return None,
    };
    let sim = u16::from_le_bytes(r.array()?);
    let id_len = u16::from_le_bytes(r.array()?) as usize;
    let dup_len = u16::from_le_bytes(r.array()?) as usize;
    let id = std::str::from_utf8(r.take(id_len)?).ok()?.to_owned();
    let dup = std::str::from_utf8(r.take(dup_len)?).ok()?.to_owned();
    Some(Entry {
        id,
        ts_ms,
        fingerprint: Fingerprint {
            exact,
            shingles,
            sketch,
        },
        answer: Answer {
            status,
            duplicate_of: (!dup.is_empty()).then_some(dup),
            similarity: sim as f64 / 10_000.0,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fingerprint::fingerprint;
    use crate::segment_log::{read_record, LogError, Record};
    use std::fs::OpenOptions;
    use std::path::PathBuf;

    const HOUR: Duration = Duration::from_secs(3600);

    fn text(seed: usize) -> String {
        (0..150)
            .map(|i| format!("w{}s{seed}", i * 37 % 991))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn check(s: &EmbeddedStore, id: &str, t: &str, now_ms: u64) -> Answer {
        let fp = fingerprint(t);
        s.check(
            &Query {
                id,
                fingerprint: &fp,
                now_ms,
            },
            0.7,
            DedupMode::Record,
        )
        .unwrap()
    }

    /// A store directory holding the records `id0` to `id9`, closed.
    fn ten_records() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        for i in 0..10 {
            check(&s, &format!("id{i}"), &text(i), i as u64);
        }
        dir
    }

    fn segments(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("segment-")
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn what_was_seen_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
            check(&s, "a", &text(1), 0);
            let dup = check(&s, "b", &text(1), 1);
            assert_eq!(dup.status, DedupStatus::ExactDuplicate);
        }
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(
            check(&s, "a", &text(1), 2),
            Answer::unique(),
            "redelivery after restart"
        );
        assert_eq!(
            check(&s, "b", &text(1), 3).duplicate_of.as_deref(),
            Some("a")
        );
        assert_eq!(
            check(&s, "c", &text(1), 4).duplicate_of.as_deref(),
            Some("a")
        );
    }

    #[test]
    fn a_torn_tail_is_truncated_and_the_rest_kept() {
        let dir = ten_records();
        let seg = segments(dir.path()).pop().unwrap();
        let len = std::fs::metadata(&seg).unwrap().len();
        let f = OpenOptions::new().write(true).open(&seg).unwrap();
        f.set_len(len - 7).unwrap(); // half of the last record
        drop(f);
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 9);
        assert_eq!(
            check(&s, "x", &text(3), 20).duplicate_of.as_deref(),
            Some("id3")
        );
        assert_eq!(check(&s, "y", &text(9), 21).status, DedupStatus::Unique);
        drop(s);
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(
            s.usage().0,
            11,
            "records after the truncation point are readable"
        );
    }

    #[test]
    fn a_corrupt_last_record_is_cut_without_failing_the_open() {
        let dir = ten_records();
        let seg = segments(dir.path()).pop().unwrap();
        let mut bytes = std::fs::read(&seg).unwrap();
        let n = bytes.len();
        bytes[n - 40] ^= 0xFF; // inside the last record
        std::fs::write(&seg, &bytes).unwrap();
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 9);
    }

    /// The byte offsets where each record of `seg` starts.
    fn record_starts(seg: &Path) -> Vec<usize> {
        let bytes = std::fs::read(seg).unwrap();
        let mut starts = Vec::new();
        let mut pos = FORMAT.magic.len();
        while let Record::Whole(_, next) = read_record(&bytes, pos, &FORMAT) {
            starts.push(pos);
            pos = next;
        }
        starts
    }

    #[test]
    fn a_damaged_record_in_the_middle_is_skipped_and_the_later_ones_kept() {
        let dir = ten_records();
        let seg = segments(dir.path()).pop().unwrap();
        let fifth = record_starts(&seg)[4];
        let mut bytes = std::fs::read(&seg).unwrap();
        bytes[fifth + 40] ^= 0xFF; // inside the fifth record's sketch
        bytes[fifth] ^= 0x01; // and its length field
        std::fs::write(&seg, &bytes).unwrap();
        let len = bytes.len() as u64;
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 9, "only the damaged record is lost");
        assert_eq!(std::fs::metadata(&seg).unwrap().len(), len, "nothing cut");
        for later in 5..10 {
            let again = check(&s, &format!("copy{later}"), &text(later), 100);
            assert_eq!(again.duplicate_of, Some(format!("id{later}")));
        }
    }

    #[test]
    fn a_record_that_passes_its_check_but_holds_no_utf8_id_is_skipped() {
        // What an older version wrote for an id cut inside a character.
        let entry = |id: &str| Entry {
            id: id.into(),
            ts_ms: 1,
            fingerprint: fingerprint(&text(1)),
            answer: Answer::unique(),
        };
        let mut batch = Batch::default();
        batch.push(0, |out| {
            encode(&entry("aa"), out);
            let n = out.len();
            assert_eq!(&out[n - 2..], b"aa");
            out[n - 1] = 0xC3; // the first byte of "é", alone
        });
        batch.push(1, |out| encode(&entry("later"), out));
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = FORMAT.magic.to_vec();
        bytes.extend_from_slice(batch.as_bytes());
        std::fs::write(dir.path().join("segment-00000001.log"), &bytes).unwrap();
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 1, "only the record that reads is kept");
        assert_eq!(
            check(&s, "copy", &text(1), 2).duplicate_of.as_deref(),
            Some("later")
        );
    }

    #[test]
    fn a_long_id_is_cut_at_a_character_boundary_and_what_follows_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{}é and more", "x".repeat(MAX_ID - 1));
        {
            let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
            check(&s, &long, &text(1), 0);
            check(&s, "second", &text(2), 1);
            check(&s, "third", &text(3), 2);
        }
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 3);
        assert_eq!(
            check(&s, "copy of second", &text(2), 3)
                .duplicate_of
                .as_deref(),
            Some("second")
        );
        assert_eq!(
            check(&s, "copy of third", &text(3), 4)
                .duplicate_of
                .as_deref(),
            Some("third")
        );
        let stored = check(&s, "copy of the first", &text(1), 5)
            .duplicate_of
            .unwrap();
        assert_eq!(stored, "x".repeat(MAX_ID - 1), "cut before the 'é'");
    }

    #[test]
    fn the_background_thread_writes_within_the_flush_interval() {
        let dir = tempfile::tempdir().unwrap();
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, Duration::from_millis(20)).unwrap();
        let before = s.usage().2;
        check(&s, "a", &text(1), 0);
        std::thread::sleep(Duration::from_millis(300));
        assert!(s.usage().2 > before, "written without an explicit flush");
        // A crash now (the store is never dropped or flushed) keeps the article.
        std::mem::forget(s);
        let s = EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 1);
    }

    #[test]
    fn a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("segment-00000001.log"), b"something else").unwrap();
        assert!(matches!(
            EmbeddedStore::open(dir.path(), 1000, u64::MAX, HOUR),
            Err(StoreError::Log(LogError::Format { .. }))
        ));
    }

    #[test]
    fn segments_out_of_the_window_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let s = EmbeddedStore::open(dir.path(), 100, u64::MAX, HOUR).unwrap();
        for i in 0..2_000 {
            check(&s, &format!("id{i}"), &text(i), i as u64);
            if i % 50 == 0 {
                s.flush().unwrap();
            }
        }
        s.flush().unwrap();
        let (n, _, bytes) = s.usage();
        assert_eq!(n, 100);
        assert!(
            bytes < 400 * 200,
            "{bytes} bytes on disk for a window of 100"
        );
        drop(s);
        let s = EmbeddedStore::open(dir.path(), 100, u64::MAX, HOUR).unwrap();
        assert_eq!(s.usage().0, 100);
        assert_eq!(
            check(&s, "again", &text(1_999), 3_000)
                .duplicate_of
                .as_deref(),
            Some("id1999")
        );
    }

    #[test]
    fn records_round_trip() {
        let e = Entry {
            id: "ид-1".into(),
            ts_ms: 123,
            fingerprint: fingerprint("one two three four five"),
            answer: Answer {
                status: DedupStatus::NearDuplicate,
                duplicate_of: Some("x".into()),
                similarity: 0.8123,
            },
        };
        let mut buf = Vec::new();
        encode(&e, &mut buf);
        assert_eq!(parse_entry(&buf), Some(e));
    }
}
