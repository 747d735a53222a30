//! Which articles in the window hold a term, and with what weight: the postings the index
//! finds candidates through.
//!
//! Mechanism: one ring of postings in the order they were added (articles enter and leave the
//! window in order, so an article's postings are always at the front when it leaves), each
//! posting linked to the previous posting of its term; a table maps each term to its newest
//! posting. A term costs one table slot however many articles hold it, and a posting 10 bytes
//! (article u32, link u32, weight as the top half of an `f32`), instead of a growable list per
//! term. Links and table entries that point before the ring's front are dead: walks stop at
//! them, and the table is swept of them as the ring moves on.
//!
//! [`reference::Postings`] is the slow version (a list per term) it is tested against.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes (term hashes, sequence numbers): one multiply
/// spreads their bits over the table.
#[derive(Default, Clone, Copy)]
pub struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (u64::from(n) ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type MixBuild = BuildHasherDefault<MixHasher>;

/// Marks "no earlier posting".
const NONE: u32 = u32::MAX;

#[derive(Default)]
pub struct Postings {
    /// The newest posting of each term, as a posting number.
    heads: HashMap<u32, u32, MixBuild>,
    /// Postings from `base` on: the article (sequence number), the previous posting of the
    /// same term, the weight's top 16 bits.
    articles: VecDeque<u32>,
    links: VecDeque<u32>,
    weights: VecDeque<u16>,
    base: u32,
    /// Postings dropped since the table was last swept of dead heads.
    dropped: usize,
}

impl Postings {
    /// Adds the postings of article `seq`, which is newer than every article added before.
    pub fn add(&mut self, seq: u32, terms: &[(u32, f32)]) {
        let len = self.articles.len();
        if len + terms.len() > self.articles.capacity() {
            // Growing by a quarter rather than doubling: the ring is most of the index.
            let more = (len / 4).max(terms.len()).max(1024);
            self.articles.reserve_exact(more);
            self.links.reserve_exact(more);
            self.weights.reserve_exact(more);
        }
        for &(h, w) in terms {
            let number = self.base.wrapping_add(self.articles.len() as u32);
            let previous = self.heads.insert(h, number).unwrap_or(NONE);
            self.articles.push_back(seq);
            self.links.push_back(previous);
            self.weights.push_back(pack(w));
        }
    }

    /// Drops the postings of article `seq`, the oldest one held.
    pub fn drop_oldest(&mut self, seq: u32) {
        while self.articles.front() == Some(&seq) {
            self.articles.pop_front();
            self.links.pop_front();
            self.weights.pop_front();
            self.base = self.base.wrapping_add(1);
            self.dropped += 1;
        }
        // Sweeping once as many postings as are held have gone costs one pass per window.
        if self.dropped > self.articles.len().max(1024) {
            let (base, len) = (self.base, self.articles.len() as u32);
            self.heads.retain(|_, n| n.wrapping_sub(base) < len);
            self.dropped = 0;
        }
    }

    /// Calls `f(article, weight)` for each article holding `h`, newest first.
    #[inline]
    pub fn for_each(&self, h: u32, mut f: impl FnMut(u32, f32)) {
        let Some(&head) = self.heads.get(&h) else {
            return;
        };
        let len = self.articles.len() as u32;
        let mut n = head;
        loop {
            let i = n.wrapping_sub(self.base);
            if n == NONE || i >= len {
                return;
            }
            let i = i as usize;
            f(self.articles[i], unpack(self.weights[i]));
            n = self.links[i];
        }
    }

    /// Bytes held on the heap (allocated capacity).
    pub fn heap_bytes(&self) -> usize {
        // A table slot: key, value and a control byte.
        self.heads.capacity() * 9 + self.articles.capacity() * 10
    }
}

/// The weight's top 16 bits, rounded to nearest: 8 bits of precision, which is far finer than
/// the evidence weights carry.
pub fn pack(w: f32) -> u16 {
    let bits = w.to_bits();
    ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) as u16
}

pub fn unpack(w: u16) -> f32 {
    f32::from_bits(u32::from(w) << 16)
}

#[cfg(test)]
pub mod reference {
    use std::collections::HashMap;

    /// A list of (article, weight) per term.
    #[derive(Default)]
    pub struct Postings {
        lists: HashMap<u32, Vec<(u32, f32)>>,
    }

    impl Postings {
        pub fn add(&mut self, seq: u32, terms: &[(u32, f32)]) {
            for &(h, w) in terms {
                let w = super::unpack(super::pack(w));
                self.lists.entry(h).or_default().push((seq, w));
            }
        }

        pub fn drop_oldest(&mut self, seq: u32) {
            for list in self.lists.values_mut() {
                list.retain(|&(s, _)| s != seq);
            }
        }

        pub fn list(&self, h: u32) -> Vec<(u32, f32)> {
            let mut v = self.lists.get(&h).cloned().unwrap_or_default();
            v.reverse();
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_answers_as_lists_per_term_do() {
        let (mut fast, mut slow) = (Postings::default(), reference::Postings::default());
        let mut x = 0x9E37_79B9u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let mut oldest = 0;
        for seq in 0..5_000u32 {
            let terms: Vec<(u32, f32)> = (0..8)
                .map(|_| (next() % 300, (next() % 1000) as f32 / 7.0))
                .collect();
            let mut seen = std::collections::HashSet::new();
            let terms: Vec<_> = terms.into_iter().filter(|t| seen.insert(t.0)).collect();
            fast.add(seq, &terms);
            slow.add(seq, &terms);
            if seq >= 400 {
                fast.drop_oldest(oldest);
                slow.drop_oldest(oldest);
                oldest += 1;
            }
            if seq % 97 == 0 {
                for h in 0..300 {
                    let mut got = Vec::new();
                    fast.for_each(h, |s, w| got.push((s, w)));
                    assert_eq!(got, slow.list(h), "term {h} at {seq}");
                }
            }
        }
    }

    #[test]
    fn weights_keep_three_significant_digits() {
        for w in [0.013f32, 1.0, 2.6, 47.5, 1234.5] {
            let back = unpack(pack(w));
            assert!((back - w).abs() <= w / 256.0, "{w} {back}");
        }
    }
}
