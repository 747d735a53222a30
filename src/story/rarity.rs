//! How rare each term has been lately: document frequencies that fade with a half-life, kept in
//! a fixed table whatever the number of articles or words, so rarity costs the same memory for
//! ten articles a day or a million.
//!
//! Mechanism: a count-min sketch (each term counted in [`ROWS`] counters, its frequency read as
//! the smallest) whose counters fade together. A term's counters lie in one block of
//! [`BLOCK`] counters, one cache line, so counting or reading a term touches one line instead
//! of one line per counter. A
//! term seen at time t adds `2^(t / half-life)` instead of 1, and a count is read divided by
//! `2^(now / half-life)`: every count then fades by half each half-life without touching the
//! table. The scale is brought back to 1 (every counter divided once) before it leaves the
//! range of `f32`. Collisions can only make a term look more common than it is, never rarer.
//!
//! [`exact::Counts`] is the slow reference: a hash map of fading counts, tested against it.

/// Counters a term is counted in: two positions make a collision on both rarer.
pub const ROWS: usize = 2;
/// Counters in all (2^19): 2 MB. A few hundred thousand distinct terms a half-life leave
/// most terms at least one counter of their own.
pub const COUNTERS: usize = 1 << 19;
/// Counters in a block: 64 bytes.
const BLOCK: usize = 16;
/// Counts fade in steps of a day: finer steps would change nothing a reader could tell with a
/// half-life of days, and whole days keep the answers for a batch processed within one day
/// independent of how fast it ran.
const STEP_MS: u64 = 86_400_000;
/// The most a gap between two articles counts for in the fading: a stream that stops (an
/// outage, a replay of old articles long after) is no evidence that words became rarer, so
/// counts fade with the stream's time, not the clock's. One step: a quiet night still counts
/// in full.
const MAX_GAP_MS: u64 = STEP_MS;
/// The scale is renormalised when it passes 2^this (well inside `f32`'s 2^127).
const MAX_EXPONENT: f64 = 96.0;

/// Fading document frequencies of terms, and the fading number of documents, per script
/// family.
pub struct Rarity {
    half_life_ms: f64,
    counters: Vec<f32>,
    docs: [f64; 2],
    /// The time (in half-lives) at which stored counts are at scale 1: a count stored now
    /// is its value times `2^(now - origin)`.
    origin: f64,
    /// The rarity clock, in half-lives: the newest time seen, less the gaps beyond
    /// [`MAX_GAP_MS`].
    now: f64,
    /// The newest time seen, in half-lives.
    latest: f64,
}

impl Rarity {
    pub fn new(half_life_ms: u64) -> Rarity {
        Rarity {
            half_life_ms: half_life_ms.max(1) as f64,
            counters: vec![0.0; COUNTERS],
            docs: [0.0; 2],
            origin: 0.0,
            now: f64::NEG_INFINITY,
            latest: f64::NEG_INFINITY,
        }
    }

    /// Counts one document of `family` with its distinct `terms` at `ts_ms`.
    pub fn add(&mut self, ts_ms: u64, family: usize, terms: impl Iterator<Item = u32>) {
        self.advance(ts_ms);
        let w = (self.now - self.origin).exp2() as f32;
        for h in terms {
            for slot in slots(h) {
                self.counters[slot] += w;
            }
        }
        self.docs[family] += f64::from(w);
    }

    /// `ln((N + 1) / (df + 0.5))` for a term in `family`, at the newest time seen.
    pub fn idf(&self, h: u32, family: usize) -> f32 {
        self.reader(family).idf(h)
    }

    /// Reads the idf of many terms of `family`, with the scale worked out once.
    pub fn reader(&self, family: usize) -> Reader<'_> {
        let (n, scale) = if self.now.is_finite() {
            let scale = (self.now - self.origin).exp2();
            (self.docs[family] / scale, scale)
        } else {
            (0.0, f64::INFINITY)
        };
        Reader {
            rarity: self,
            n_plus_one: n + 1.0,
            scale,
        }
    }

    /// Bytes the table takes.
    pub fn heap_bytes(&self) -> usize {
        self.counters.len() * std::mem::size_of::<f32>()
    }

    fn count(&self, h: u32) -> f32 {
        slots(h)
            .into_iter()
            .map(|slot| self.counters[slot])
            .fold(f32::INFINITY, f32::min)
    }

    /// Moves the clock on to `ts_ms` (never back; a long gap counts as [`MAX_GAP_MS`]),
    /// renormalising the scale when needed.
    fn advance(&mut self, ts_ms: u64) {
        let t = (ts_ms - ts_ms % STEP_MS) as f64 / self.half_life_ms;
        if !self.now.is_finite() {
            self.now = t;
            self.origin = t;
            self.latest = t;
            return;
        }
        if t > self.latest {
            self.now += (t - self.latest).min(MAX_GAP_MS as f64 / self.half_life_ms);
            self.latest = t;
        }
        if self.now - self.origin > MAX_EXPONENT {
            let shift = self.now - self.origin;
            let factor = (-shift).exp2();
            for c in &mut self.counters {
                *c = (f64::from(*c) * factor) as f32;
            }
            for d in &mut self.docs {
                *d *= factor;
            }
            self.origin = self.now;
        }
    }
}

/// The idf of terms of one family at one time (see [`Rarity::reader`]).
pub struct Reader<'a> {
    rarity: &'a Rarity,
    n_plus_one: f64,
    scale: f64,
}

impl Reader<'_> {
    /// `ln((N + 1) / (df + 0.5))`.
    #[inline]
    pub fn idf(&self, h: u32) -> f32 {
        let df = f64::from(self.rarity.count(h)) / self.scale;
        (self.n_plus_one / (df + 0.5)).ln().max(0.0) as f32
    }
}

/// The term's counters: a block chosen by the high bits of a 64-bit mix of its hash, and two
/// different places in it by low bits.
fn slots(h: u32) -> [usize; ROWS] {
    let x = u64::from(h).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let x = x ^ (x >> 29);
    let block = ((x >> 32) as usize) % (COUNTERS / BLOCK) * BLOCK;
    let first = (x as usize) % BLOCK;
    // The second place is any of the other 15.
    let second = (first + 1 + ((x >> 4) as usize) % (BLOCK - 1)) % BLOCK;
    [block + first, block + second]
}

#[cfg(test)]
pub mod exact {
    //! The reference: every term's fading count in a hash map.
    use std::collections::HashMap;

    pub struct Counts {
        pub half_life_ms: f64,
        pub seen: Vec<(u64, usize, Vec<u32>)>,
    }

    impl Counts {
        pub fn idf(&self, h: u32, family: usize, now_ms: u64) -> f32 {
            let fade = |ts: u64| (-((now_ms - ts) as f64) / self.half_life_ms).exp2();
            let mut df: HashMap<u32, f64> = HashMap::new();
            let mut n = 0.0;
            for (ts, f, terms) in &self.seen {
                if *f == family {
                    n += fade(*ts);
                }
                for t in terms {
                    *df.entry(*t).or_default() += fade(*ts);
                }
            }
            let d = df.get(&h).copied().unwrap_or(0.0);
            ((n + 1.0) / (d + 0.5)).ln().max(0.0) as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400_000;

    #[test]
    fn the_sketch_agrees_with_the_exact_fading_counts() {
        let half_life = 10 * DAY;
        let mut sketch = Rarity::new(half_life);
        let mut exact = exact::Counts {
            half_life_ms: half_life as f64,
            seen: Vec::new(),
        };
        let t0 = 1_600_000_000_000;
        for i in 0..500u64 {
            let terms: Vec<u32> = (0..50).map(|k| ((i * 31 + k * 7) % 3000) as u32).collect();
            let ts = t0 + i * DAY / 20;
            sketch.add(ts, (i % 2) as usize, terms.iter().copied());
            exact.seen.push((ts / DAY * DAY, (i % 2) as usize, terms));
        }
        let now = (t0 + 499 * DAY / 20) / DAY * DAY;
        for h in [0u32, 7, 100, 2999, 5000] {
            for f in 0..2 {
                let (a, b) = (sketch.idf(h, f), exact.idf(h, f, now));
                assert!((a - b).abs() < 1e-3, "term {h} family {f}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn counts_fade_by_half_each_half_life() {
        let mut r = Rarity::new(DAY);
        r.add(0, 0, [1u32].into_iter());
        r.add(0, 0, [2u32].into_iter());
        let before = r.idf(1, 0);
        r.add(DAY, 0, std::iter::empty());
        // One half-life later the two earlier articles weigh 1 in all and the new one 1, while
        // term 1, in one earlier article, weighs 0.5: hence the idf ln(3 / 1.0) after.
        assert!((before - (3.0f32 / 1.5).ln()).abs() < 1e-5);
        assert!((r.idf(1, 0) - (3.0f32 / 1.0).ln()).abs() < 1e-5);
    }

    #[test]
    fn a_gap_in_the_stream_fades_the_counts_by_one_day_only() {
        let mut r = Rarity::new(DAY);
        for i in 0..10u32 {
            r.add(0, 0, [i, 100].into_iter());
        }
        let before = r.idf(3, 0);
        // A year later: faded by one day's half-life, not by a year's.
        r.add(365 * DAY, 0, [7u32].into_iter());
        let after = r.idf(3, 0);
        let expected = ((10.0 / 2.0 + 1.0 + 1.0) / (0.5 + 0.5f64)).ln() as f32;
        assert!(
            before > 0.0 && (after - expected).abs() < 1e-5,
            "{after} {expected}"
        );
    }

    #[test]
    fn years_of_time_keep_the_scale_in_range() {
        let mut r = Rarity::new(DAY);
        for day in 0..2_000u64 {
            r.add(day * DAY, 0, [day as u32 % 5].into_iter());
        }
        let idf = r.idf(0, 0);
        assert!(idf.is_finite() && idf > 0.0, "{idf}");
    }
}
