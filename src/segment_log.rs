//! The append-only log that both embedded stores (dedup and story) keep beside their window in
//! memory, so a restart reads back what was recorded.
//!
//! - Files: `<prefix>NNNNNNNN.log`, an 8-byte magic followed by records `[payload length
//!   u32][payload][xxh3 check u32]`, little-endian. What a payload holds is the store's
//!   business; the log only frames, checks and orders them.
//! - Writing: records collect in a [`Batch`] under the store's lock; [`Persisted`] writes and
//!   `fdatasync`s it from a background thread every flush interval (and on
//!   [`Persisted::flush`] and drop). A crash loses at most the records of the last interval.
//! - Opening: the segments are replayed in order. A record whose check holds but whose payload
//!   the store cannot parse is skipped. A record that fails its check is skipped up to the next
//!   offset where a record passes its check, so one damaged record costs only itself; where
//!   none follows, the damage is a torn write at the tail and the file is truncated there.
//!   Either way the store opens and nothing is misread.
//! - Bounds: every record carries a mark that only grows (a sequence number, a time); a new
//!   segment starts every `segment_records` records, and a segment whose newest mark is below
//!   the bound the store names is deleted (never the current one).
//!
//! One process at a time may use a directory (not enforced: no lock file).

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

/// What tells one store's log from another's.
#[derive(Debug)]
pub struct Format {
    /// The first 8 bytes of every segment; a file without them is refused.
    pub magic: &'static [u8; 8],
    /// File names are `<prefix>NNNNNNNN.log`.
    pub prefix: &'static str,
    /// The payload lengths a record can have; a length field outside is damage, not a record.
    pub payload: RangeInclusive<usize>,
    /// The store, as log messages name it ("dedup store").
    pub name: &'static str,
}

/// Bytes around a payload: its length before, its check after.
const FRAME: usize = 4 + 4;
/// The shortest pause between two writes of the background thread.
const MIN_FLUSH_INTERVAL: Duration = Duration::from_millis(10);

/// The log failed: the stores turn this into their own error.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("I/O on {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a log this version reads: {why}")]
    Format { path: PathBuf, why: String },
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> LogError + '_ {
    move |source| LogError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Framed records not yet written.
#[derive(Debug, Default)]
pub struct Batch {
    bytes: Vec<u8>,
    records: u64,
    newest_mark: u64,
}

impl Batch {
    /// Appends one record whose payload `write` appends to the buffer it is given.
    pub fn push(&mut self, mark: u64, write: impl FnOnce(&mut Vec<u8>)) {
        let out = &mut self.bytes;
        let start = out.len();
        out.extend_from_slice(&0u32.to_le_bytes());
        write(out);
        let len = (out.len() - start - 4) as u32;
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
        let check = xxhash_rust::xxh3::xxh3_64(&out[start + 4..]) as u32;
        out.extend_from_slice(&check.to_le_bytes());
        self.records += 1;
        self.newest_mark = self.newest_mark.max(mark);
    }

    /// The framed records, as they will be written.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// The segments of one directory and the file being appended to.
pub struct SegmentLog {
    dir: PathBuf,
    format: &'static Format,
    segments: VecDeque<Segment>,
    file: File,
    segment_records: u64,
}

struct Segment {
    number: u64,
    records: u64,
    /// The largest mark among its records (0 while it has none).
    newest_mark: u64,
}

impl SegmentLog {
    /// Opens (or creates) the log in `dir`, giving every readable payload, oldest first, to
    /// `apply`, which returns the record's mark, or `None` when it cannot parse it (the record
    /// is then skipped).
    pub fn open(
        dir: &Path,
        format: &'static Format,
        segment_records: u64,
        mut apply: impl FnMut(&[u8]) -> Option<u64>,
    ) -> Result<SegmentLog, LogError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let mut numbers: Vec<u64> = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .filter_map(|e| e.ok())
            .filter_map(|e| segment_number(format, &e.file_name().to_string_lossy()))
            .collect();
        numbers.sort_unstable();
        let mut segments = VecDeque::new();
        for number in numbers {
            let path = segment_path(dir, format, number);
            let (records, newest_mark) = replay(&path, format, &mut apply)?;
            segments.push_back(Segment {
                number,
                records,
                newest_mark,
            });
        }
        let file = match segments.back() {
            Some(s) if s.records < segment_records => {
                let path = segment_path(dir, format, s.number);
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
                    newest_mark: 0,
                });
                create_segment(dir, format, number)?
            }
        };
        Ok(SegmentLog {
            dir: dir.to_owned(),
            format,
            segments,
            file,
            segment_records,
        })
    }

    /// Appends `batch` and syncs; starts a new segment when the current one is full.
    pub fn write(&mut self, batch: &Batch) -> Result<(), LogError> {
        if batch.bytes.is_empty() {
            return Ok(());
        }
        let current = self.segments.back_mut().expect("a current segment");
        let path = segment_path(&self.dir, self.format, current.number);
        self.file.write_all(&batch.bytes).map_err(io(&path))?;
        self.file.sync_data().map_err(io(&path))?;
        current.records += batch.records;
        current.newest_mark = current.newest_mark.max(batch.newest_mark);
        if current.records >= self.segment_records {
            let number = current.number + 1;
            self.file = create_segment(&self.dir, self.format, number)?;
            self.segments.push_back(Segment {
                number,
                records: 0,
                newest_mark: 0,
            });
        }
        Ok(())
    }

    /// Deletes the segments, oldest first, whose newest mark is below `bound`.
    pub fn delete_below(&mut self, bound: u64) -> Result<(), LogError> {
        while self.segments.len() > 1 && self.segments[0].newest_mark < bound {
            let s = self.segments.pop_front().expect("checked");
            let path = segment_path(&self.dir, self.format, s.number);
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
        Ok(())
    }

    /// Bytes of the segment files.
    pub fn bytes_on_disk(&self) -> u64 {
        self.segments
            .iter()
            .filter_map(|s| std::fs::metadata(segment_path(&self.dir, self.format, s.number)).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// What a store keeps under its lock beside the window: the records not yet written.
pub trait Pending: Send + 'static {
    /// Takes the records not yet written, and the bound below which segments can go.
    fn take_pending(&mut self) -> (Batch, u64);
}

/// A store's state behind its lock, and its log, written by a background thread.
pub struct Persisted<S: Pending> {
    state: Mutex<S>,
    log: Mutex<SegmentLog>,
}

impl<S: Pending> Persisted<S> {
    /// Starts the thread `thread` that flushes every `interval` while the value lives.
    pub fn start(
        state: S,
        log: SegmentLog,
        thread: &str,
        interval: Duration,
    ) -> Result<Arc<Persisted<S>>, LogError> {
        let dir = log.dir.clone();
        let name = log.format.name;
        let shared = Arc::new(Persisted {
            state: Mutex::new(state),
            log: Mutex::new(log),
        });
        let weak = Arc::downgrade(&shared);
        std::thread::Builder::new()
            .name(thread.into())
            .spawn(move || flush_loop(weak, interval.max(MIN_FLUSH_INTERVAL), name))
            .map_err(io(&dir))?;
        Ok(shared)
    }

    /// The state; a panic under the lock does not make it unusable.
    pub fn lock(&self) -> MutexGuard<'_, S> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the pending records, syncs, and deletes the segments no longer needed. The log
    /// lock is taken before the state lock is let go, so batches reach the file in order;
    /// callers wait only for the swap.
    pub fn flush(&self) -> Result<(), LogError> {
        let mut st = self.lock();
        let (batch, bound) = st.take_pending();
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        drop(st);
        log.write(&batch)?;
        log.delete_below(bound)
    }

    /// Bytes of the segment files.
    pub fn bytes_on_disk(&self) -> u64 {
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .bytes_on_disk()
    }
}

impl<S: Pending> Drop for Persisted<S> {
    fn drop(&mut self) {
        if let Err(e) = self.flush() {
            let name = self.log.get_mut().map_or("store", |l| l.format.name);
            tracing::error!(error = %e, store = name, "cannot flush the log");
        }
    }
}

fn flush_loop<S: Pending>(owner: Weak<Persisted<S>>, interval: Duration, name: &str) {
    loop {
        std::thread::sleep(interval);
        let Some(shared) = owner.upgrade() else {
            return;
        };
        if let Err(e) = shared.flush() {
            tracing::error!(error = %e, store = name, "cannot flush the log; retrying");
        }
    }
}

fn segment_path(dir: &Path, format: &Format, number: u64) -> PathBuf {
    dir.join(format!("{}{number:08}.log", format.prefix))
}

fn segment_number(format: &Format, name: &str) -> Option<u64> {
    name.strip_prefix(format.prefix)?
        .strip_suffix(".log")?
        .parse()
        .ok()
}

fn create_segment(dir: &Path, format: &Format, number: u64) -> Result<File, LogError> {
    let path = segment_path(dir, format, number);
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io(&path))?;
    f.write_all(format.magic).map_err(io(&path))?;
    f.sync_data().map_err(io(&path))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all(); // make the new name durable
    }
    Ok(f)
}

/// Reads one segment through `apply`: skips damaged records, truncates a torn tail. Returns
/// the records read and their newest mark.
fn replay(
    path: &Path,
    format: &Format,
    apply: &mut impl FnMut(&[u8]) -> Option<u64>,
) -> Result<(u64, u64), LogError> {
    let bytes = std::fs::read(path).map_err(io(path))?;
    let magic = format.magic.as_slice();
    if bytes.len() < magic.len() {
        // Created but its header never reached the disk: start it again.
        std::fs::write(path, magic).map_err(io(path))?;
        return Ok((0, 0));
    }
    if &bytes[..magic.len()] != magic {
        return Err(LogError::Format {
            path: path.to_owned(),
            why: "unknown file header".into(),
        });
    }
    let (mut pos, mut records, mut newest) = (magic.len(), 0, 0);
    while pos < bytes.len() {
        let next = match read_record(&bytes, pos, format) {
            Record::Whole(payload, next) => {
                match apply(payload) {
                    Some(mark) => {
                        records += 1;
                        newest = u64::max(newest, mark);
                    }
                    None => {
                        tracing::warn!(path = %path.display(), offset = pos, store = format.name,
                        "a record passes its check but does not parse; skipped")
                    }
                }
                next
            }
            Record::Broken => match next_whole_record(&bytes, pos + 1, format) {
                Some(next) => {
                    tracing::warn!(path = %path.display(), offset = pos, skipped_bytes = next - pos,
                        store = format.name, "a damaged record; skipped to the next good one");
                    next
                }
                None => {
                    truncate_torn_tail(path, &bytes, pos, format)?;
                    break;
                }
            },
        };
        pos = next;
    }
    Ok((records, newest))
}

/// Cuts `path` at `pos`: everything from there on is a write that never completed.
fn truncate_torn_tail(
    path: &Path,
    bytes: &[u8],
    pos: usize,
    format: &Format,
) -> Result<(), LogError> {
    tracing::warn!(path = %path.display(), offset = pos, dropped_bytes = bytes.len() - pos,
        store = format.name, "torn record at the end of the segment; truncating it there");
    let f = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io(path))?;
    f.set_len(pos as u64).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

/// The first offset from `from` where a whole record passes its check, if any.
fn next_whole_record(bytes: &[u8], from: usize, format: &Format) -> Option<usize> {
    (from..bytes.len()).find(|&pos| checked_payload(bytes, pos, format).is_some())
}

/// What [`read_record`] found at an offset.
pub enum Record<'a> {
    /// A payload passing its check, and where the next record starts.
    Whole(&'a [u8], usize),
    /// Cut short, or failing its check: its length field cannot be trusted.
    Broken,
}

/// The record at `pos` of a segment's bytes.
pub fn read_record<'a>(bytes: &'a [u8], pos: usize, format: &Format) -> Record<'a> {
    match checked_payload(bytes, pos, format) {
        None => Record::Broken,
        Some(payload) => Record::Whole(payload, pos + FRAME + payload.len()),
    }
}

/// The payload of the record at `pos` if it is whole, of a possible length, and passes its
/// check.
fn checked_payload<'a>(bytes: &'a [u8], pos: usize, format: &Format) -> Option<&'a [u8]> {
    let len = u32::from_le_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
    if !format.payload.contains(&len) {
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

/// `s` cut to at most `max` bytes, at a character boundary, so a stored string reads back as
/// UTF-8.
pub fn cut_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let end = (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    &s[..end]
}

/// Reads a payload front to back.
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    /// The next `n` bytes, or `None` when fewer are left.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }

    /// The next `N` bytes as an array.
    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cut_only_at_character_boundaries() {
        assert_eq!(cut_at_char_boundary("aé", 2), "a");
        assert_eq!(cut_at_char_boundary("aé", 3), "aé");
        assert_eq!(cut_at_char_boundary("ééé", 5), "éé");
        assert_eq!(cut_at_char_boundary("é", 1), "");
    }

    static TEST: Format = Format {
        magic: b"ATEST001",
        prefix: "test-",
        payload: 1..=64,
        name: "test store",
    };

    #[test]
    fn a_record_round_trips_and_a_cut_one_is_broken() {
        let mut b = Batch::default();
        b.push(7, |out| out.extend_from_slice(b"hello"));
        assert!(matches!(read_record(&b.bytes, 0, &TEST),
            Record::Whole(p, end) if p == b"hello" && end == b.bytes.len()));
        assert!(matches!(
            read_record(&b.bytes[..b.bytes.len() - 1], 0, &TEST),
            Record::Broken
        ));
        assert_eq!((b.records, b.newest_mark), (1, 7));
    }
}
