//! The embedded store: the window of [`Index`] kept in memory and, for restarts, an
//! append-only log of what was recorded in `dedup.data_dir`.
//!
//! - Files: `segment-NNNNNNNN.log`, each an 8-byte magic followed by records
//!   `[payload length u32][payload][xxh3 check u32]`, little-endian. The payload is one
//!   [`Entry`]: time, exact hash, shingle count, sketch, the answer given, id, duplicate id
//!   (about 130 bytes an article).
//! - Writing: records collect in a buffer that a background thread writes and `fdatasync`s every
//!   `dedup.flush_interval` (and [`Store::flush`], and dropping the store). A crash loses at
//!   most the records of the last interval.
//! - Opening: the segments are read in order into a fresh [`Index`]. A record whose check holds
//!   but whose fields do not parse is skipped. A record that fails its check is skipped up to
//!   the next offset where a record passes its check, so one damaged record costs only
//!   itself; where none follows, the damage is a torn write at the tail and the file is
//!   truncated there. Either way the store opens and nothing is misread.
//! - Ids are stored up to 65,535 bytes (`limits.max_id_bytes` keeps them far shorter), cut
//!   only at a character boundary so that every stored id reads back as UTF-8.
//! - Bounds: a new segment starts every `window_articles / 8` records (at least 64); a segment
//!   whose records have all left the window is deleted. Disk holds the window plus at most
//!   about one segment; memory holds the window.
//!
//! One process at a time may use a data directory (not enforced: no lock file).

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use super::index::{Entry, Index};
use super::memory::decide;
use super::{Answer, DedupMode, Query, Store, StoreError};
use crate::dedup::fingerprint::{Fingerprint, SKETCH_BINS};
use crate::message::DedupStatus;

const MAGIC: &[u8; 8] = b"ADEDUP01";
/// Payload bytes before the id: ts 8, exact 16, shingles 4, sketch, status 1, similarity 2,
/// id length 2, duplicate id length 2.
const FIXED: usize = 8 + 16 + 4 + SKETCH_BINS + 1 + 2 + 2 + 2;
/// The longest id a record holds: its length is written in two bytes.
const MAX_ID: usize = u16::MAX as usize;
/// The longest payload a record can have; a length field above it is damage, not a record.
const MAX_PAYLOAD: usize = FIXED + 2 * MAX_ID;
/// Bytes around a payload: its length before, its check after.
const FRAME: usize = 4 + 4;

pub struct EmbeddedStore {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    state: Mutex<State>,
    log: Mutex<Log>,
}

struct State {
    index: Index,
    /// Encoded records not yet written.
    pending: Vec<u8>,
}

struct Log {
    dir: PathBuf,
    segments: VecDeque<Segment>,
    file: File,
    segment_records: u64,
}

struct Segment {
    number: u64,
    /// Records in it, and the sequence number after its last.
    records: u64,
    end_seq: u64,
}

/// The error of an I/O operation on `path`, for `map_err`.
fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_owned();
    move |source| StoreError::Io { path, source }
}

/// Replays every segment in `dir` into `index`, oldest first, and returns them.
fn replay_segments(dir: &Path, index: &mut Index) -> Result<VecDeque<Segment>, StoreError> {
    let mut numbers: Vec<u64> = std::fs::read_dir(dir)
        .map_err(io_error(dir))?
        .filter_map(|e| e.ok())
        .filter_map(|e| segment_number(&e.file_name().to_string_lossy()))
        .collect();
    numbers.sort_unstable();
    let mut segments = VecDeque::new();
    for &number in &numbers {
        let path = segment_path(dir, number);
        let records = replay(&path, index)?;
        segments.push_back(Segment {
            number,
            records,
            end_seq: index.span().1,
        });
    }
    Ok(segments)
}

/// The file new records are appended to: the last segment while it holds fewer than
/// `segment_records`, else a new segment (added to `segments`, ending at `end_seq`).
fn open_last_segment(
    dir: &Path,
    segments: &mut VecDeque<Segment>,
    segment_records: u64,
    end_seq: u64,
) -> Result<File, StoreError> {
    if let Some(s) = segments.back().filter(|s| s.records < segment_records) {
        let path = segment_path(dir, s.number);
        return OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(io_error(&path));
    }
    let number = segments.back().map_or(1, |s| s.number + 1);
    let file = create_segment(dir, number)?;
    segments.push_back(Segment {
        number,
        records: 0,
        end_seq,
    });
    Ok(file)
}

impl EmbeddedStore {
    /// Opens (or creates) the store in `dir` and reads back its window.
    pub fn open(
        dir: &Path,
        capacity: usize,
        window_ms: u64,
        flush_interval: Duration,
    ) -> Result<EmbeddedStore, StoreError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let mut index = Index::new(capacity, window_ms);
        let mut segments = replay_segments(dir, &mut index)?;
        let segment_records = (capacity as u64 / 8).max(64);
        let file = open_last_segment(dir, &mut segments, segment_records, index.span().1)?;
        let mut log = Log {
            dir: dir.to_owned(),
            segments,
            file,
            segment_records,
        };
        log.delete_before(index.span().0)?;

        let inner = Arc::new(Inner {
            dir: dir.to_owned(),
            state: Mutex::new(State {
                index,
                pending: Vec::new(),
            }),
            log: Mutex::new(log),
        });
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("dedup-flush".into())
            .spawn(move || flush_loop(weak, flush_interval))
            .map_err(io_error(dir))?;
        Ok(EmbeddedStore { inner })
    }

    /// Articles in the window, heap bytes of the window, and bytes of the files.
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
    fn check(&self, q: &Query<'_>, threshold: f64, mode: DedupMode) -> Result<Answer, StoreError> {
        let mut st = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        let (answer, added) = decide(&mut st.index, q, threshold, mode);
        if let Some(e) = added {
            encode(&e, &mut st.pending);
        }
        Ok(answer)
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.inner.flush()
    }
}

impl Drop for EmbeddedStore {
    fn drop(&mut self) {
        if let Err(e) = self.inner.flush() {
            tracing::error!(error = %e, "cannot flush the dedup store");
        }
    }
}

impl Inner {
    /// Writes the buffer, syncs, starts a new segment when the current one is full and
    /// deletes segments that left the window. The log lock is taken before the state lock is
    /// let go, so buffers reach the file in order; checks wait only for the swap.
    fn flush(&self) -> Result<(), StoreError> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let buf = std::mem::take(&mut st.pending);
        let (head, next) = st.index.span();
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        drop(st);
        log.write(&buf, next)?;
        log.delete_before(head)
    }
}

impl Log {
    fn write(&mut self, buf: &[u8], next_seq: u64) -> Result<(), StoreError> {
        let current = self.segments.back_mut().expect("a current segment");
        let written = next_seq - current.end_seq;
        if buf.is_empty() {
            return Ok(());
        }
        let path = segment_path(&self.dir, current.number);
        let err = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        self.file.write_all(buf).map_err(err)?;
        self.file.sync_data().map_err(err)?;
        current.records += written;
        current.end_seq = next_seq;
        if current.records >= self.segment_records {
            let number = current.number + 1;
            self.file = create_segment(&self.dir, number)?;
            self.segments.push_back(Segment {
                number,
                records: 0,
                end_seq: next_seq,
            });
        }
        Ok(())
    }

    /// Deletes the segments whose records all come before sequence number `head`.
    fn delete_before(&mut self, head: u64) -> Result<(), StoreError> {
        while self.segments.len() > 1 && self.segments[0].end_seq <= head {
            let s = self.segments.pop_front().expect("checked");
            let path = segment_path(&self.dir, s.number);
            std::fs::remove_file(&path).map_err(|source| StoreError::Io { path, source })?;
        }
        Ok(())
    }
}

fn flush_loop(store: Weak<Inner>, interval: Duration) {
    let interval = interval.max(Duration::from_millis(10));
    loop {
        std::thread::sleep(interval);
        let Some(inner) = store.upgrade() else { return };
        if let Err(e) = inner.flush() {
            tracing::error!(error = %e, "cannot flush the dedup store; retrying");
        }
    }
}

fn segment_path(dir: &Path, number: u64) -> PathBuf {
    dir.join(format!("segment-{number:08}.log"))
}

fn segment_number(name: &str) -> Option<u64> {
    name.strip_prefix("segment-")?
        .strip_suffix(".log")?
        .parse()
        .ok()
}

fn create_segment(dir: &Path, number: u64) -> Result<File, StoreError> {
    let path = segment_path(dir, number);
    let err = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(err)?;
    f.write_all(MAGIC).map_err(err)?;
    f.sync_data().map_err(err)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all(); // make the new name durable
    }
    Ok(f)
}

/// Reads one segment into `index`: skips damaged records, truncates a torn tail. Returns the
/// number of records read.
fn replay(path: &Path, index: &mut Index) -> Result<u64, StoreError> {
    let err = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let bytes = std::fs::read(path).map_err(err)?;
    if bytes.len() < MAGIC.len() {
        // Created but its header never reached the disk: start it again.
        std::fs::write(path, MAGIC).map_err(err)?;
        return Ok(0);
    }
    if &bytes[..MAGIC.len()] != MAGIC {
        return Err(StoreError::Format {
            path: path.to_owned(),
            why: "unknown file header".into(),
        });
    }
    let mut pos = MAGIC.len();
    let mut records = 0;
    while pos < bytes.len() {
        let next = match read_record(&bytes, pos) {
            Record::Good(entry, next) => {
                index.insert(&entry);
                records += 1;
                next
            }
            Record::Unreadable(next) => {
                tracing::warn!(path = %path.display(), offset = pos,
                    "dedup store: a record passes its check but does not parse; skipped");
                next
            }
            Record::Broken => match next_good_record(&bytes, pos + 1) {
                Some(next) => {
                    tracing::warn!(path = %path.display(), offset = pos, skipped_bytes = next - pos,
                        "dedup store: a damaged record; skipped to the next good one");
                    next
                }
                None => {
                    truncate_torn_tail(path, &bytes, pos)?;
                    break;
                }
            },
        };
        pos = next;
    }
    Ok(records)
}

/// Cuts `path` at `pos`: everything from there on is a write that never completed.
fn truncate_torn_tail(path: &Path, bytes: &[u8], pos: usize) -> Result<(), StoreError> {
    let err = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    tracing::warn!(path = %path.display(), offset = pos, dropped_bytes = bytes.len() - pos,
        "dedup store: torn record at the end of the segment; truncating it there");
    let f = OpenOptions::new().write(true).open(path).map_err(err)?;
    f.set_len(pos as u64).map_err(err)?;
    f.sync_all().map_err(err)
}

/// The first offset from `from` where a whole record passes its check, if any.
fn next_good_record(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len()).find(|&pos| checked_payload(bytes, pos).is_some())
}

/// What [`read_record`] found at an offset.
enum Record {
    /// A record, and where the next one starts.
    Good(Entry, usize),
    /// Whole and passing its check, but its fields do not parse (for example an id cut inside
    /// a character by an older version): where the next record starts.
    Unreadable(usize),
    /// Cut short, or failing its check: its length field cannot be trusted.
    Broken,
}

fn read_record(bytes: &[u8], pos: usize) -> Record {
    match checked_payload(bytes, pos) {
        None => Record::Broken,
        Some(payload) => {
            let next = pos + FRAME + payload.len();
            match parse_entry(payload) {
                Some(entry) => Record::Good(entry, next),
                None => Record::Unreadable(next),
            }
        }
    }
}

/// The payload of the record at `pos` if it is whole, of a possible length, and passes its
/// check.
fn checked_payload(bytes: &[u8], pos: usize) -> Option<&[u8]> {
    let len = u32::from_le_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
    if !(FIXED..=MAX_PAYLOAD).contains(&len) {
        return None;
    }
    let payload = bytes.get(pos + 4..pos + 4 + len)?;
    let check = u32::from_le_bytes(
        bytes
            .get(pos + 4 + len..pos + FRAME + len)?
            .try_into()
            .ok()?,
    );
    (xxhash_rust::xxh3::xxh3_64(payload) as u32 == check).then_some(payload)
}

/// `s` cut to at most `max` bytes, at a character boundary.
fn cut_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let end = (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    &s[..end]
}

fn encode(e: &Entry, out: &mut Vec<u8>) {
    let id = cut_at_char_boundary(&e.id, MAX_ID).as_bytes();
    let dup = cut_at_char_boundary(e.answer.duplicate_of.as_deref().unwrap_or(""), MAX_ID);
    let dup = dup.as_bytes();
    let start = out.len();
    out.extend_from_slice(&0u32.to_le_bytes());
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
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    let check = xxhash_rust::xxh3::xxh3_64(&out[start + 4..]) as u32;
    out.extend_from_slice(&check.to_le_bytes());
}

/// The entry a checked payload holds; `None` if its fields do not parse.
fn parse_entry(payload: &[u8]) -> Option<Entry> {
    let mut r = Reader(payload);
    let ts_ms = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
    let exact = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
    let shingles = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let sketch = r.take(SKETCH_BINS)?.try_into().ok()?;
    let status = match r.take(1)?[0] {
        0 => DedupStatus::Unique,
        1 => DedupStatus::ExactDuplicate,
        2 => DedupStatus::NearDuplicate,
        _ => return None,
    };
    let sim = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
    let id_len = u16::from_le_bytes(r.take(2)?.try_into().ok()?) as usize;
    let dup_len = u16::from_le_bytes(r.take(2)?.try_into().ok()?) as usize;
    let id = std::str::from_utf8(r.take(id_len)?).ok()?.to_owned();
    let dup = std::str::from_utf8(r.take(dup_len)?).ok()?.to_owned();
    let entry = Entry {
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
    };
    Some(entry)
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fingerprint::fingerprint;

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
            .filter(|p| segment_number(&p.file_name().unwrap().to_string_lossy()).is_some())
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
        let mut pos = MAGIC.len();
        while let Record::Good(_, next) = read_record(&bytes, pos) {
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
        let mut record = Vec::new();
        encode(&entry("aa"), &mut record);
        let id_at = 4 + FIXED;
        assert_eq!(&record[id_at..id_at + 2], b"aa");
        record[id_at + 1] = 0xC3; // the first byte of "é", alone
        let check = xxhash_rust::xxh3::xxh3_64(&record[4..record.len() - 4]) as u32;
        let n = record.len();
        record[n - 4..].copy_from_slice(&check.to_le_bytes());
        let mut after = Vec::new();
        encode(&entry("later"), &mut after);
        let mut bytes = record.clone();
        bytes.extend_from_slice(&after);
        assert!(matches!(read_record(&bytes, 0), Record::Unreadable(_)));
        let Record::Unreadable(next) = read_record(&bytes, 0) else {
            unreachable!()
        };
        assert!(matches!(read_record(&bytes, next), Record::Good(e, _) if e.id == "later"));
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
    fn ids_are_cut_only_at_character_boundaries() {
        assert_eq!(cut_at_char_boundary("aé", 2), "a");
        assert_eq!(cut_at_char_boundary("aé", 3), "aé");
        assert_eq!(cut_at_char_boundary("ééé", 5), "éé");
        assert_eq!(cut_at_char_boundary("é", 1), "");
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
            Err(StoreError::Format { .. })
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
        let Record::Good(back, end) = read_record(&buf, 0) else {
            panic!("the record reads back");
        };
        assert_eq!(back, e);
        assert_eq!(end, buf.len());
    }
}
