//! The window of recently seen articles, compact and bounded, shared by the memory and the
//! embedded stores (the embedded store rebuilds it from its log at start-up).
//!
//! Layout, a few hundred bytes of memory an article (BENCHMARKS.md has the measured size):
//! - a ring of fixed-size [`Slot`]s in arrival order (fingerprint, time, the answer given),
//!   at most `capacity` of them; the oldest is evicted when the ring is full or its time is
//!   out of the window;
//! - a byte ring holding each article's id (and, for duplicates, the id it duplicates);
//! - open-addressing tables of 4-byte entries (24-bit slot number and an 8-bit tag of the key
//!   hash), one for ids, one for exact hashes and one per LSH band. A table entry stores no
//!   key: the key is read back from the slot, which is also how an entry's home is found when
//!   deleting. Deletion leaves a tombstone, dropped when the table is rebuilt ([`Table`]).
//!
//! The cost of one look-up is bounded by the number of bands and [`MAX_PER_BAND_KEY`], never
//! by the size of the window.

use std::collections::VecDeque;

use super::Answer;
use crate::dedup::fingerprint::{band_key, similarity, Fingerprint, Sketch, BANDS, ROWS};
use crate::message::DedupStatus;

/// The largest window in articles: a table entry holds a 24-bit slot number.
pub const MAX_CAPACITY: usize = (1 << 24) - 2;
/// At most this many articles are kept (and compared) under one band key: the earliest ones.
/// Bounds the work of a look-up when many articles share boilerplate.
pub const MAX_PER_BAND_KEY: usize = 8;

/// One remembered article.
#[derive(Debug, Clone, Copy)]
struct Slot {
    exact: [u64; 2],
    ts_ms: u64,
    sketch: Sketch,
    shingles: u32,
    /// Logical offset of the id in the byte ring (wrapping).
    name_off: u32,
    id_len: u16,
    dup_len: u16,
    /// The similarity answered, in 1/10000.
    similarity: u16,
    status: u8,
}

/// An article as the index keeps it (what the embedded store writes and reads back).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub ts_ms: u64,
    pub fingerprint: Fingerprint,
    pub answer: Answer,
}

/// The best match found for an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub id: String,
    pub similarity: f64,
    pub exact: bool,
}

pub struct Index {
    records: Records,
    ids: Table,
    exact: Table,
    bands: Vec<Table>,
}

/// The ring of slots and the ring of names.
struct Records {
    slots: Vec<Slot>,
    capacity: usize,
    window_ms: u64,
    /// Sequence numbers of the oldest live article and of the next one.
    head: u64,
    next: u64,
    names: VecDeque<u8>,
    names_base: u32,
}

/// Which key a table holds; how an entry's hash is found again from its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    Exact,
    Band(usize),
}

impl Index {
    /// An empty index keeping at most `capacity` articles (clamped to [`MAX_CAPACITY`]) for
    /// at most `window_ms`.
    pub fn new(capacity: usize, window_ms: u64) -> Index {
        Index {
            records: Records {
                slots: Vec::new(),
                capacity: capacity.clamp(1, MAX_CAPACITY),
                window_ms,
                head: 0,
                next: 0,
                names: VecDeque::new(),
                names_base: 0,
            },
            ids: Table::new(Key::Id),
            exact: Table::new(Key::Exact),
            bands: (0..BANDS).map(|b| Table::new(Key::Band(b))).collect(),
        }
    }

    /// Articles in the window.
    pub fn len(&self) -> usize {
        (self.records.next - self.records.head) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sequence number of the oldest article in the window, and of the next one to come.
    pub fn span(&self) -> (u64, u64) {
        (self.records.head, self.records.next)
    }

    /// Bytes held on the heap (allocated capacity, not only what is in use).
    pub fn heap_bytes(&self) -> usize {
        self.records.slots.capacity() * std::mem::size_of::<Slot>()
            + self.records.names.capacity()
            + self.ids.heap_bytes()
            + self.exact.heap_bytes()
            + self.bands.iter().map(Table::heap_bytes).sum::<usize>()
    }

    /// Forgets articles older than the window.
    pub fn expire(&mut self, now_ms: u64) {
        let cutoff = now_ms.saturating_sub(self.records.window_ms);
        while !self.is_empty() && self.records.slot(self.records.head).ts_ms < cutoff {
            self.evict_head();
        }
    }

    /// The answer given to `id`, if it is in the window.
    pub fn answer(&self, id: &str) -> Option<Answer> {
        let r = &self.records;
        let id = truncate(id);
        let seq = self
            .ids
            .find(id_hash(id), r, |s| {
                s.id_len as usize == id.len() && r.name_eq(s.name_off, id)
            })
            .next()?;
        let s = r.slot(seq);
        let status = match s.status {
            1 => DedupStatus::ExactDuplicate,
            2 => DedupStatus::NearDuplicate,
            _ => DedupStatus::Unique,
        };
        let duplicate_of =
            (s.dup_len > 0).then(|| r.name(s.name_off.wrapping_add(s.id_len as u32), s.dup_len));
        Some(Answer {
            status,
            duplicate_of,
            similarity: s.similarity as f64 / 10_000.0,
        })
    }

    /// The earliest article in the window whose similarity to `fp` reaches `threshold`, other
    /// than `id` itself.
    pub fn best_match(&self, id: &str, fp: &Fingerprint, threshold: f64) -> Option<Match> {
        let r = &self.records;
        let id = truncate(id);
        let not_self = |s: &Slot| !(s.id_len as usize == id.len() && r.name_eq(s.name_off, id));
        let mut best: Option<(u64, f64)> = None;
        let exact = split(fp.exact);
        if let Some(seq) = self
            .exact
            .find(exact_hash(exact), r, |s| s.exact == exact && not_self(s))
            .next()
        {
            best = Some((seq, 1.0));
        }
        if fp.shingles > 0 {
            let mut seen: Vec<u64> = Vec::new();
            for b in 0..BANDS {
                let rows = b * ROWS..b * ROWS + ROWS;
                let same_band =
                    |s: &Slot| s.shingles > 0 && s.sketch[rows.clone()] == fp.sketch[rows.clone()];
                let found = self.bands[b]
                    .find(band_hash(band_key(&fp.sketch, b)), r, same_band)
                    .take(MAX_PER_BAND_KEY);
                for seq in found {
                    if best.is_some_and(|(b, _)| b <= seq) || seen.contains(&seq) {
                        continue;
                    }
                    seen.push(seq);
                    let s = r.slot(seq);
                    if !not_self(s) {
                        continue;
                    }
                    let other = Fingerprint {
                        exact: join(s.exact),
                        shingles: s.shingles,
                        sketch: s.sketch,
                    };
                    let sim = similarity(fp, &other);
                    if sim >= threshold {
                        best = Some((seq, sim));
                    }
                }
            }
        }
        let (seq, similarity) = best?;
        let s = r.slot(seq);
        Some(Match {
            id: r.name(s.name_off, s.id_len),
            similarity,
            exact: s.exact == exact,
        })
    }

    /// Adds an article with the answer it was given, evicting the oldest when full.
    pub fn insert(&mut self, e: &Entry) {
        if self.len() == self.records.capacity {
            self.evict_head();
        }
        let r = &mut self.records;
        let seq = r.next;
        let id = truncate(&e.id);
        let dup = truncate(e.answer.duplicate_of.as_deref().unwrap_or(""));
        let name_off = r.names_base.wrapping_add(r.names.len() as u32);
        let need = id.len() + dup.len();
        if r.names.capacity() - r.names.len() < need {
            r.names
                .reserve_exact((r.names.len() / 4).max(need).max(1024));
        }
        r.names.extend(id.as_bytes());
        r.names.extend(dup.as_bytes());
        let slot = Slot {
            exact: split(e.fingerprint.exact),
            ts_ms: e.ts_ms,
            sketch: e.fingerprint.sketch,
            shingles: e.fingerprint.shingles,
            name_off,
            id_len: id.len() as u16,
            dup_len: dup.len() as u16,
            similarity: (e.answer.similarity.clamp(0.0, 1.0) * 10_000.0).round() as u16,
            status: match e.answer.status {
                DedupStatus::Unique => 0,
                DedupStatus::ExactDuplicate => 1,
                DedupStatus::NearDuplicate => 2,
            },
        };
        let ring = r.ring(seq);
        if ring == r.slots.len() {
            if r.slots.len() == r.slots.capacity() {
                // Grow by a quarter, not double: the ring is most of the memory.
                let more = (r.slots.len() / 4).max(64).min(r.capacity - r.slots.len());
                r.slots.reserve_exact(more);
            }
            r.slots.push(slot);
        } else {
            r.slots[ring] = slot;
        }
        r.next += 1;
        let r = &self.records;

        self.ids.insert(id_hash(id), seq, r);
        let eh = exact_hash(slot.exact);
        if self
            .exact
            .find(eh, r, |s| s.exact == slot.exact)
            .next()
            .is_none()
        {
            self.exact.insert(eh, seq, r);
        }
        if slot.shingles > 0 {
            for (b, table) in self.bands.iter_mut().enumerate() {
                let rows = b * ROWS..b * ROWS + ROWS;
                let h = band_hash(band_key(&slot.sketch, b));
                let same = table
                    .find(h, r, |s| {
                        s.shingles > 0 && s.sketch[rows.clone()] == slot.sketch[rows.clone()]
                    })
                    .filter(|&q| q != seq)
                    .take(MAX_PER_BAND_KEY)
                    .count();
                if same < MAX_PER_BAND_KEY {
                    table.insert(h, seq, r);
                }
            }
        }
    }

    fn evict_head(&mut self) {
        let seq = self.records.head;
        let r = &self.records;
        self.ids.remove(seq, r);
        self.exact.remove(seq, r);
        for t in &mut self.bands {
            t.remove(seq, r);
        }
        let r = &mut self.records;
        let s = *r.slot(seq);
        let n = s.id_len as usize + s.dup_len as usize;
        r.names.drain(..n);
        r.names_base = r.names_base.wrapping_add(n as u32);
        r.head += 1;
        if r.head == r.next {
            r.names.shrink_to(1024);
        }
    }
}

impl Records {
    #[inline]
    fn ring(&self, seq: u64) -> usize {
        (seq % self.capacity as u64) as usize
    }

    #[inline]
    fn slot(&self, seq: u64) -> &Slot {
        &self.slots[self.ring(seq)]
    }

    /// The sequence number of the live article at ring position `ring`.
    #[inline]
    fn seq_at(&self, ring: usize) -> u64 {
        let cap = self.capacity as u64;
        let head_ring = self.head % cap;
        self.head + (ring as u64 + cap - head_ring) % cap
    }

    #[inline]
    fn is_live(&self, seq: u64) -> bool {
        seq >= self.head && seq < self.next
    }

    fn name(&self, off: u32, len: u16) -> String {
        let start = off.wrapping_sub(self.names_base) as usize;
        let bytes: Vec<u8> = self
            .names
            .range(start..start + len as usize)
            .copied()
            .collect();
        String::from_utf8(bytes).unwrap_or_default()
    }

    fn name_eq(&self, off: u32, s: &str) -> bool {
        let start = off.wrapping_sub(self.names_base) as usize;
        self.names
            .range(start..start + s.len())
            .copied()
            .eq(s.bytes())
    }

    /// The hash under which the article `seq` is filed in a table of `key`.
    fn hash_of(&self, key: Key, seq: u64) -> u64 {
        self.hash_at(key, self.ring(seq))
    }

    /// [`Records::hash_of`] the article at ring position `ring` (what a table entry holds, so
    /// that rebuilding a table needs no sequence numbers).
    fn hash_at(&self, key: Key, ring: usize) -> u64 {
        let s = &self.slots[ring];
        match key {
            Key::Id => {
                let start = s.name_off.wrapping_sub(self.names_base) as usize;
                let end = start + s.id_len as usize;
                // The id is one piece unless it straddles the end of the ring's storage.
                let (front, back) = self.names.as_slices();
                if end <= front.len() {
                    xxhash_rust::xxh3::xxh3_64(&front[start..end])
                } else if start >= front.len() {
                    xxhash_rust::xxh3::xxh3_64(&back[start - front.len()..end - front.len()])
                } else {
                    let mut h = xxhash_rust::xxh3::Xxh3::new();
                    h.update(&front[start..]);
                    h.update(&back[..end - front.len()]);
                    h.digest()
                }
            }
            Key::Exact => exact_hash(s.exact),
            Key::Band(b) => band_hash(band_key(&s.sketch, b)),
        }
    }
}

/// Ids are kept up to 65,535 bytes (cut at a character boundary).
fn truncate(s: &str) -> &str {
    if s.len() <= u16::MAX as usize {
        return s;
    }
    let mut end = u16::MAX as usize;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn split(h: u128) -> [u64; 2] {
    [h as u64, (h >> 64) as u64]
}

fn join(h: [u64; 2]) -> u128 {
    h[0] as u128 | ((h[1] as u128) << 64)
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

fn exact_hash(e: [u64; 2]) -> u64 {
    e[0] ^ e[1].rotate_left(32)
}

fn band_hash(key: u32) -> u64 {
    let mut h = key as u64;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Open addressing with linear probing over 4-byte entries: 0 is empty, [`TOMB`] a deleted
/// entry, otherwise the ring position plus one in the low 24 bits and 8 bits of the key hash
/// above them. Deletion leaves a tombstone (finding an entry's home again would mean reading
/// its slot); tombstones are dropped when the table is rebuilt, which happens when live
/// entries and tombstones together pass [`MAX_LOAD`], at an amortised O(1) per insertion.
struct Table {
    key: Key,
    entries: Vec<u32>,
    len: usize,
    tombs: usize,
}

/// A table is rebuilt when fuller than this (live entries and tombstones) …
const MAX_LOAD: f64 = 0.85;
/// … to hold its live entries at this load.
const GROWN_LOAD: f64 = 0.6;
const RING_MASK: u32 = 0x00FF_FFFF;
const TOMB: u32 = RING_MASK;

impl Table {
    fn new(key: Key) -> Table {
        Table {
            key,
            entries: Vec::new(),
            len: 0,
            tombs: 0,
        }
    }

    fn heap_bytes(&self) -> usize {
        self.entries.capacity() * 4
    }

    #[inline]
    fn home(&self, hash: u64) -> usize {
        (((hash >> 32) * self.entries.len() as u64) >> 32) as usize
    }

    #[inline]
    fn tag(hash: u64) -> u32 {
        ((hash as u32) & 0xFF) << 24
    }

    #[inline]
    fn next(&self, pos: usize) -> usize {
        if pos + 1 == self.entries.len() {
            0
        } else {
            pos + 1
        }
    }

    /// The live articles filed under `hash` for which `matches` holds, in probe order.
    fn find<'a>(
        &'a self,
        hash: u64,
        r: &'a Records,
        matches: impl Fn(&Slot) -> bool + 'a,
    ) -> impl Iterator<Item = u64> + 'a {
        let n = self.entries.len();
        let tag = Table::tag(hash);
        let mut pos = if n == 0 { 0 } else { self.home(hash) };
        let mut left = n;
        std::iter::from_fn(move || {
            while left > 0 {
                let e = self.entries[pos];
                if e == 0 {
                    left = 0;
                    return None;
                }
                pos = self.next(pos);
                left -= 1;
                if e != TOMB && e & !RING_MASK == tag {
                    let seq = r.seq_at(((e & RING_MASK) - 1) as usize);
                    if r.is_live(seq) && matches(r.slot(seq)) {
                        return Some(seq);
                    }
                }
            }
            None
        })
    }

    fn insert(&mut self, hash: u64, seq: u64, r: &Records) {
        if (self.len + self.tombs + 1) as f64 > self.entries.len() as f64 * MAX_LOAD {
            self.rebuild(r);
        }
        self.place(hash, r.ring(seq));
        self.len += 1;
    }

    /// Files the article at ring position `ring` under `hash`.
    fn place(&mut self, hash: u64, ring: usize) {
        let mut pos = self.home(hash);
        loop {
            match self.entries[pos] {
                0 => break,
                TOMB => {
                    self.tombs -= 1;
                    break;
                }
                _ => pos = self.next(pos),
            }
        }
        self.entries[pos] = Table::tag(hash) | (ring as u32 + 1);
    }

    /// A fresh table for the live entries at [`GROWN_LOAD`], without tombstones.
    fn rebuild(&mut self, r: &Records) {
        let want = (((self.len + 1) as f64 / GROWN_LOAD).ceil() as usize).max(16);
        let old = std::mem::replace(&mut self.entries, vec![0; want]);
        self.tombs = 0;
        for e in old {
            if e != 0 && e != TOMB {
                let ring = ((e & RING_MASK) - 1) as usize;
                self.place(r.hash_at(self.key, ring), ring);
            }
        }
    }

    /// Replaces the entry of `seq`, if there is one, by a tombstone.
    fn remove(&mut self, seq: u64, r: &Records) {
        if self.entries.is_empty() {
            return;
        }
        let hash = r.hash_of(self.key, seq);
        let want = Table::tag(hash) | (r.ring(seq) as u32 + 1);
        let mut pos = self.home(hash);
        loop {
            let e = self.entries[pos];
            if e == 0 {
                return; // not filed (a band key that was full)
            }
            if e == want {
                self.entries[pos] = TOMB;
                self.len -= 1;
                self.tombs += 1;
                return;
            }
            pos = self.next(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fingerprint::fingerprint;

    fn entry(id: &str, text: &str, ts_ms: u64) -> Entry {
        Entry {
            id: id.into(),
            ts_ms,
            fingerprint: fingerprint(text),
            answer: Answer::unique(),
        }
    }

    fn text(seed: usize) -> String {
        (0..200)
            .map(|i| format!("w{}s{seed}", i * 31 % 997))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn inserted_articles_are_found_and_answered() {
        let mut ix = Index::new(100, 1_000_000);
        ix.insert(&entry("a", &text(1), 0));
        let m = ix.best_match("b", &fingerprint(&text(1)), 0.7).unwrap();
        assert_eq!((m.id.as_str(), m.exact), ("a", true));
        assert_eq!(ix.answer("a"), Some(Answer::unique()));
        assert!(
            ix.best_match("a", &fingerprint(&text(1)), 0.7).is_none(),
            "never its own duplicate"
        );
    }

    #[test]
    fn the_oldest_is_evicted_when_full_and_tables_stay_consistent() {
        let mut ix = Index::new(50, u64::MAX);
        for i in 0..500 {
            ix.insert(&entry(&format!("id{i}"), &text(i), i as u64));
            assert_eq!(ix.len(), (i + 1).min(50));
        }
        for i in 0..450 {
            assert!(ix.answer(&format!("id{i}")).is_none(), "id{i} evicted");
        }
        for i in 450..500 {
            assert!(ix.answer(&format!("id{i}")).is_some(), "id{i} kept");
            let m = ix.best_match("new", &fingerprint(&text(i)), 0.7).unwrap();
            assert_eq!(m.id, format!("id{i}"));
        }
        assert!(ix.best_match("new", &fingerprint(&text(3)), 0.7).is_none());
    }

    #[test]
    fn an_id_hashes_the_same_wherever_it_lies_in_the_ring_of_names() {
        let mut ix = Index::new(7, u64::MAX);
        let mut split = 0;
        for i in 0..300 {
            let id = format!("{}-{i}", "x".repeat(i % 23));
            ix.insert(&entry(&id, &text(i), i as u64));
            let r = &ix.records;
            let (front, _) = r.names.as_slices();
            for seq in r.head..r.next {
                let s = r.slot(seq);
                let name = r.name(s.name_off, s.id_len);
                let start = s.name_off.wrapping_sub(r.names_base) as usize;
                split += usize::from(start < front.len() && start + name.len() > front.len());
                assert_eq!(r.hash_of(Key::Id, seq), id_hash(&name), "{name}");
            }
        }
        assert!(split > 0, "no id straddled the ring's end");
    }

    #[test]
    fn articles_older_than_the_window_expire() {
        let mut ix = Index::new(100, 1_000);
        ix.insert(&entry("old", &text(1), 0));
        ix.insert(&entry("new", &text(2), 900));
        ix.expire(1_500);
        assert!(ix.answer("old").is_none());
        assert!(ix.answer("new").is_some());
        assert!(ix.best_match("x", &fingerprint(&text(1)), 0.7).is_none());
    }

    #[test]
    fn the_earliest_match_is_reported() {
        let mut ix = Index::new(100, u64::MAX);
        let base = text(7);
        ix.insert(&entry("first", &format!("{base} tail one"), 0));
        ix.insert(&entry("second", &base, 1));
        let m = ix.best_match("third", &fingerprint(&base), 0.7).unwrap();
        assert_eq!(m.id, "first");
        assert!(!m.exact);
    }

    #[test]
    fn memory_is_bounded_by_the_window() {
        let mut ix = Index::new(1_000, u64::MAX);
        for i in 0..1_000 {
            ix.insert(&entry(&format!("article-{i:08}"), &text(i), i as u64));
        }
        let full = ix.heap_bytes();
        for i in 1_000..5_000 {
            ix.insert(&entry(&format!("article-{i:08}"), &text(i), i as u64));
        }
        assert!(
            ix.heap_bytes() <= full * 2,
            "{} vs {}",
            ix.heap_bytes(),
            full
        );
        assert!(full / 1_000 < 400, "{} bytes an article", full / 1_000);
    }
}
