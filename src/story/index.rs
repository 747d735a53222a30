//! The story window: the articles of the last `story.window`, their strongest terms, the
//! stories they belong to, and how often each term occurred lately ([`Rarity`], fading with
//! `story.rarity_half_life`). Pure and deterministic: the same records in the same order give the same answers,
//! which is what lets the embedded store replay its log and JetStream replicas agree.
//!
//! Linking one article ([`Index::decide`]):
//! 1. **weigh**: each term's weight times its rarity, `ln((N + 1) / (df + 0.5))` with fading
//!    counts over the articles of the same script family;
//! 2. **find**: earlier articles sharing any term, through the postings of their strongest
//!    [`KEPT_TERMS`] terms;
//! 3. **score**: cosine of the two weight vectors, damped by the time between them
//!    ([`super::scoring`]);
//! 4. **guard**: a story is joined only when the article matches its first article or a
//!    majority of its recent members, so A~B and B~C never pull A and C together unless C
//!    really is A's event;
//! 5. **record**: the article joins the window and, with its duplicates, its story.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use super::features::Features;
use super::rarity::Rarity;
use super::scoring::{self, Params};
use crate::message::{RelatedArticle, StoryResult};

/// Terms kept per article for others to match: the strongest, enough to hold an event's names,
/// places and numbers. 40 terms take 320 bytes in the entry and as much in postings.
pub const KEPT_TERMS: usize = 40;
/// The members of a story the majority guard looks at: its most recent ones. A big story's
/// early members may have drifted from how the event is reported now.
const GUARD_MEMBERS: usize = 15;

/// One article as the index sees it.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub id: &'a str,
    /// Unix milliseconds: `published_at`, else processing time.
    pub ts_ms: u64,
    /// The detected language (`language.code`): reports in two languages share fewer words.
    pub language: &'a str,
    /// The original, when dedup found this article to be a copy, and the similarity it gave.
    pub duplicate_of: Option<(&'a str, f64)>,
    pub features: &'a Features,
}

struct Entry {
    id: Arc<str>,
    ts_ms: u64,
    language: Arc<str>,
    story: Arc<str>,
    /// The strongest terms with their weights (rarity included), and the norm of that vector.
    terms: Box<[(u32, f32)]>,
    norm: f32,
    answer: StoryResult,
}

struct StoryInfo {
    first: u32,
    /// Members in the window, oldest first (sequence numbers).
    members: VecDeque<u32>,
}

pub struct Index {
    params: Params,
    /// Entries by sequence number; `head` is the sequence number of `entries[0]`.
    entries: VecDeque<Entry>,
    head: u32,
    ids: HashMap<Arc<str>, u32>,
    postings: HashMap<u32, Vec<(u32, f32)>>,
    stories: HashMap<Arc<str>, StoryInfo>,
    rarity: Rarity,
    /// The latest time seen: the window ends here.
    clock_ms: u64,
}

impl Index {
    pub fn new(params: Params) -> Index {
        Index {
            params,
            entries: VecDeque::new(),
            head: 0,
            ids: HashMap::new(),
            postings: HashMap::new(),
            stories: HashMap::new(),
            rarity: Rarity::new(params.rarity_ms),
            clock_ms: 0,
        }
    }

    /// Articles in the window.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `id` is in the window (a redelivery).
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// The newest time seen: the end of the window.
    pub fn clock_ms(&self) -> u64 {
        self.clock_ms
    }

    /// The answer for `q`: the one it got before if its id is in the window, else the story
    /// it joins (or starts). With `record`, the article joins the window.
    /// Only a recorded article moves the clock, so a look-up never changes what is remembered.
    pub fn decide(&mut self, q: &Query<'_>, record: bool) -> StoryResult {
        if record {
            self.advance(q.ts_ms);
        }
        if let Some(&seq) = self.ids.get(q.id) {
            return self.entry(seq).answer.clone();
        }
        let family = script_family(q.language);
        let weighted = self.weigh(q.features, family);
        let kept = strongest(&weighted);
        let answer = match q.duplicate_of.and_then(|(id, sim)| self.story_of(id, sim)) {
            Some(a) => a,
            None => self.link(q, &weighted, &kept),
        };
        if record {
            self.insert(q, family, kept, &answer);
        }
        answer
    }

    /// The largest stories in the window: (story id, members in the window), largest first.
    pub fn largest(&self, n: usize) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = self
            .stories
            .iter()
            .filter(|(_, s)| s.members.len() > 1)
            .map(|(id, s)| (id.to_string(), s.members.len()))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Heap bytes held, estimated from the lengths of what is stored (for the memory figure).
    pub fn heap_bytes(&self) -> usize {
        let entries: usize = self
            .entries
            .iter()
            .map(|e| {
                std::mem::size_of::<Entry>()
                    + e.id.len()
                    + e.terms.len() * 8
                    + e.answer.id.len()
                    + e.answer
                        .related
                        .iter()
                        .map(|r| 40 + r.id.len())
                        .sum::<usize>()
            })
            .sum();
        let postings: usize = self.postings.values().map(|v| 24 + 8 * v.capacity()).sum();
        let map_slot = 16; // key, value or pointer, and control bytes, per hash map slot
        let ids = self.ids.capacity() * (map_slot + 8);
        let stories: usize = self
            .stories
            .values()
            .map(|s| map_slot + 40 + 4 * s.members.capacity())
            .sum();
        entries
            + postings
            + self.postings.capacity() * map_slot
            + ids
            + stories
            + self.rarity.heap_bytes()
    }

    fn entry(&self, seq: u32) -> &Entry {
        &self.entries[seq.wrapping_sub(self.head) as usize]
    }

    /// Moves the clock to `ts_ms` (never back) and forgets what left the windows.
    fn advance(&mut self, ts_ms: u64) {
        self.clock_ms = self.clock_ms.max(ts_ms);
        let oldest = self.clock_ms.saturating_sub(self.params.window_ms);
        while self.entries.front().is_some_and(|e| e.ts_ms < oldest) {
            self.evict_front();
        }
    }

    fn evict_front(&mut self) {
        let e = self.entries.pop_front().expect("checked");
        let seq = self.head;
        self.head = self.head.wrapping_add(1);
        self.ids.remove(&e.id);
        for (h, _) in e.terms.iter() {
            if let Some(list) = self.postings.get_mut(h) {
                list.retain(|&(s, _)| s != seq);
                if list.is_empty() {
                    self.postings.remove(h);
                }
            }
        }
        if let Some(s) = self.stories.get_mut(&e.story) {
            s.members.retain(|&m| m != seq);
            if s.members.is_empty() {
                self.stories.remove(&e.story);
            }
        }
    }

    /// Each term's weight times its rarity in the rarity window.
    fn weigh(&self, f: &Features, family: usize) -> Vec<(u32, f32)> {
        f.terms
            .iter()
            .map(|t| (t.hash, t.weight * self.rarity.idf(t.hash, family)))
            .filter(|&(_, w)| w > 0.0)
            .collect()
    }

    /// The duplicate's answer: its original's story, the original as the one related article.
    fn story_of(&self, original: &str, similarity: f64) -> Option<StoryResult> {
        let &seq = self.ids.get(original)?;
        Some(StoryResult {
            id: self.entry(seq).story.to_string(),
            related: vec![RelatedArticle {
                id: original.to_owned(),
                similarity: round4(similarity),
            }],
        })
    }

    /// Finds, scores and guards the candidates; the best story that passes, or a new one.
    fn link(&self, q: &Query<'_>, weighted: &[(u32, f32)], kept: &[(u32, f32)]) -> StoryResult {
        let sims = self.similarities(q, weighted, kept);
        let passing = |seq: &u32| sims.get(seq).is_some_and(|&s| s >= self.params.threshold);
        let mut best: Option<(f64, &Arc<str>)> = None;
        for (&seq, &sim) in &sims {
            if sim < self.params.threshold {
                continue;
            }
            let story = &self.entry(seq).story;
            if best.is_some_and(|(b, id)| (b, id.as_ref()) >= (sim, story.as_ref())) {
                continue;
            }
            let info = &self.stories[story];
            let recent = info.members.iter().rev().take(GUARD_MEMBERS);
            let agreeing = recent.clone().filter(|m| passing(m)).count();
            if passing(&info.first) || 2 * agreeing > recent.count() {
                best = Some((sim, story));
            }
        }
        let Some((_, story)) = best else {
            return StoryResult {
                id: q.id.to_owned(),
                related: Vec::new(),
            };
        };
        let mut related: Vec<(f64, u32)> = self.stories[story]
            .members
            .iter()
            .filter(|m| passing(m))
            .map(|&m| (sims[&m], m))
            .collect();
        related.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        related.truncate(self.params.max_related);
        StoryResult {
            id: story.to_string(),
            related: related
                .into_iter()
                .map(|(sim, m)| RelatedArticle {
                    id: self.entry(m).id.to_string(),
                    similarity: round4(sim),
                })
                .collect(),
        }
    }

    /// Similarity to every article in the window sharing a term with `q`.
    fn similarities(
        &self,
        q: &Query<'_>,
        weighted: &[(u32, f32)],
        kept: &[(u32, f32)],
    ) -> HashMap<u32, f64> {
        let mut dots: HashMap<u32, f32> = HashMap::new();
        for &(h, w) in weighted {
            for &(seq, ew) in self.postings.get(&h).map_or(&[][..], Vec::as_slice) {
                *dots.entry(seq).or_insert(0.0) += w * ew;
            }
        }
        let norm = norm(kept);
        dots.into_iter()
            .filter(|&(seq, _)| q.ts_ms.abs_diff(self.entry(seq).ts_ms) <= self.params.window_ms)
            .map(|(seq, dot)| {
                let e = self.entry(seq);
                let cosine = f64::from(dot) / f64::from(norm * e.norm).max(f64::MIN_POSITIVE);
                let same_language = *e.language == *q.language;
                let sim = scoring::similarity(cosine, q.ts_ms.abs_diff(e.ts_ms), same_language);
                (seq, sim)
            })
            .collect()
    }

    fn insert(&mut self, q: &Query<'_>, family: usize, kept: Vec<(u32, f32)>, a: &StoryResult) {
        let seq = self.head.wrapping_add(self.entries.len() as u32);
        let id: Arc<str> = Arc::from(q.id);
        for &(h, w) in &kept {
            self.postings.entry(h).or_default().push((seq, w));
        }
        let story: Arc<str> = match self.stories.get_key_value(a.id.as_str()) {
            Some((k, _)) => k.clone(),
            None => id.clone(),
        };
        self.stories
            .entry(story.clone())
            .or_insert_with(|| StoryInfo {
                first: seq,
                members: VecDeque::new(),
            })
            .members
            .push_back(seq);
        self.count_terms(q, family);
        self.ids.insert(id.clone(), seq);
        self.entries.push_back(Entry {
            id,
            ts_ms: q.ts_ms,
            language: Arc::from(q.language),
            story,
            norm: norm(&kept),
            terms: kept.into_boxed_slice(),
            answer: a.clone(),
        });
    }

    /// Adds the article's terms to the rarity counts.
    fn count_terms(&mut self, q: &Query<'_>, family: usize) {
        let terms = q.features.terms.iter().map(|t| t.hash);
        self.rarity.add(q.ts_ms, family, terms);
    }
}

/// Rarity is counted per script family: an Arabic word is rare or common among the Arabic and
/// Persian articles, whatever the number of English ones.
fn script_family(language: &str) -> usize {
    const ARABIC_SCRIPT: &[&str] = &["ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug", "arz"];
    usize::from(ARABIC_SCRIPT.contains(&language))
}

/// The [`KEPT_TERMS`] strongest terms.
fn strongest(weighted: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut v = weighted.to_vec();
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(KEPT_TERMS);
    v
}

fn norm(terms: &[(u32, f32)]) -> f32 {
    terms.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt()
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::features::{features, Term};

    const HOUR: u64 = 3_600_000;
    const DAY: u64 = 24 * HOUR;
    /// Unix time of some morning; the tests place articles after it.
    const T0: u64 = 1_700_000_000_000;

    /// An index holding `n` unrelated articles, so that rarity can be told.
    fn warmed(n: usize) -> Index {
        let mut ix = Index::new(Params::for_tests());
        let topics = [
            "The city council approved the budget for new schools and roads on Tuesday.",
            "Farmers said the harvest was smaller this year after weeks without rain.",
            "The central bank kept interest rates unchanged, officials said in a statement.",
            "A court heard the case of a company accused of polluting the river.",
            "Police said the roads were closed after heavy snow fell in the mountains.",
        ];
        for i in 0..n {
            let text = format!("Local report number {i}\n\n{}", topics[i % topics.len()]);
            link(&mut ix, &format!("bg{i}"), &text, T0 - DAY + i as u64, "en");
        }
        ix
    }

    fn link(ix: &mut Index, id: &str, text: &str, ts_ms: u64, language: &str) -> StoryResult {
        let f = features(None, text);
        ix.decide(
            &Query {
                id,
                ts_ms,
                language,
                duplicate_of: None,
                features: &f,
            },
            true,
        )
    }

    const QUAKE_A: &str = "Earthquake of magnitude 6.4 strikes Valdoria province\n\n\
        An earthquake of magnitude 6.4 struck Valdoria province on Sunday, killing 37 people \
        in the town of Merindel, governor Ilse Baranek said.";
    const QUAKE_B: &str = "Merindel counts its dead after the Valdoria earthquake\n\n\
        Rescuers in Merindel searched the rubble after the 6.4 quake; governor Baranek put \
        the toll at 37.";
    const QUAKE_OTHER: &str = "Aftershock shakes Valdoria again\n\n\
        A weaker quake of magnitude 4.1 hit the north of Valdoria near Oskarstad, where \
        mayor Tomas Velling said two houses collapsed.";

    #[test]
    fn two_reports_of_one_event_share_a_story() {
        let mut ix = warmed(40);
        let a = link(&mut ix, "a", QUAKE_A, T0, "en");
        assert_eq!(a.id, "a");
        assert!(a.related.is_empty());
        let b = link(&mut ix, "b", QUAKE_B, T0 + 2 * HOUR, "en");
        assert_eq!(b.id, "a", "{b:?}");
        assert_eq!(b.related[0].id, "a");
    }

    #[test]
    fn another_event_of_the_same_topic_days_later_starts_its_own_story() {
        let mut ix = warmed(40);
        link(&mut ix, "a", QUAKE_A, T0, "en");
        let other = link(&mut ix, "c", QUAKE_OTHER, T0 + 2 * DAY, "en");
        assert_eq!(other.id, "c", "{other:?}");
    }

    #[test]
    fn an_arabic_and_a_persian_report_of_one_visit_share_a_story() {
        let mut ix = warmed(10);
        let ar = "وزير الخارجية الكرواتي غوردان غرليتش رادمان يزور مسقط\n\n\
            وصل وزير الخارجية الكرواتي غوردان غرليتش رادمان إلى مسقط يوم الأحد في زيارة \
            تستمر ثلاثة أيام يبحث خلالها اتفاقية النقل البحري الموقعة عام 2019.";
        let fa = "سفر گوردان گرلیچ رادمان به مسقط\n\nوزیر امور خارجه کرواسی، گوردان \
            گرلیچ رادمان، روز یکشنبه برای سفری سه روزه وارد مسقط شد تا درباره توافق حمل و \
            نقل دریایی سال 2019 گفتگو کند.";
        link(&mut ix, "ar", ar, T0, "ar");
        let r = link(&mut ix, "fa", fa, T0 + HOUR, "fa");
        assert_eq!(r.id, "ar", "{r:?}");
    }

    #[test]
    fn a_redelivery_gets_its_first_answer() {
        let mut ix = warmed(40);
        link(&mut ix, "a", QUAKE_A, T0, "en");
        let b = link(&mut ix, "b", QUAKE_B, T0 + HOUR, "en");
        // Delivered again later, with another story in the window, the answer is kept.
        link(&mut ix, "c", QUAKE_OTHER, T0 + 2 * HOUR, "en");
        assert_eq!(link(&mut ix, "b", QUAKE_B, T0 + 3 * HOUR, "en"), b);
        assert_eq!(link(&mut ix, "a", QUAKE_A, T0 + 3 * HOUR, "en").id, "a");
    }

    #[test]
    fn a_duplicate_joins_its_originals_story() {
        let mut ix = warmed(40);
        link(&mut ix, "a", QUAKE_A, T0, "en");
        link(&mut ix, "b", QUAKE_B, T0 + HOUR, "en");
        let f = features(
            None,
            "completely different words about nothing in particular",
        );
        let dup = ix.decide(
            &Query {
                id: "copy-of-b",
                ts_ms: T0 + 2 * HOUR,
                language: "en",
                duplicate_of: Some(("b", 0.93)),
                features: &f,
            },
            true,
        );
        assert_eq!(dup.id, "a");
        assert_eq!(dup.related[0].id, "b");
        assert_eq!(dup.related[0].similarity, 0.93);
    }

    #[test]
    fn a_lookup_records_nothing() {
        let mut ix = warmed(40);
        let f = features(None, QUAKE_A);
        let q = Query {
            id: "a",
            ts_ms: T0,
            language: "en",
            duplicate_of: None,
            features: &f,
        };
        ix.decide(&q, false);
        assert!(!ix.contains("a"));
        let b = link(&mut ix, "b", QUAKE_B, T0 + HOUR, "en");
        assert_eq!(b.id, "b");
    }

    #[test]
    fn articles_older_than_the_window_are_not_linked() {
        let mut ix = warmed(40);
        link(&mut ix, "a", QUAKE_A, T0, "en");
        let late = link(&mut ix, "b", QUAKE_B, T0 + 4 * DAY, "en");
        assert_eq!(late.id, "b");
        assert!(!ix.contains("a"), "a left the window");
    }

    /// Features made of the given terms (hashes), all of one weight.
    fn terms(hashes: &[u32]) -> Features {
        Features {
            terms: hashes
                .iter()
                .map(|&hash| Term { hash, weight: 1.0 })
                .collect(),
        }
    }

    fn link_terms(ix: &mut Index, id: &str, hashes: &[u32], ts_ms: u64) -> StoryResult {
        let f = terms(hashes);
        let q = Query {
            id,
            ts_ms,
            language: "en",
            duplicate_of: None,
            features: &f,
        };
        ix.decide(&q, true)
    }

    #[test]
    fn a_chain_does_not_pull_a_third_event_into_the_story() {
        let mut ix = Index::new(Params::for_tests());
        for i in 0..50u32 {
            link_terms(&mut ix, &format!("bg{i}"), &[1000 + i, 2000 + i], T0);
        }
        // A and B share half their terms; C shares half of B's other terms and none of A's.
        let a = link_terms(&mut ix, "A", &[1, 2, 3, 4, 5, 6], T0 + 1);
        let b = link_terms(&mut ix, "B", &[1, 2, 3, 7, 8, 9], T0 + 2);
        assert_eq!((a.id.as_str(), b.id.as_str()), ("A", "A"));
        let c = link_terms(&mut ix, "C", &[7, 8, 9, 10, 11, 12], T0 + 3);
        assert_eq!(c.id, "C", "matches B only, not A nor a majority: {c:?}");
    }

    #[test]
    fn matching_the_first_article_is_enough_to_join() {
        let mut ix = Index::new(Params::for_tests());
        for i in 0..50u32 {
            link_terms(&mut ix, &format!("bg{i}"), &[1000 + i, 2000 + i], T0);
        }
        link_terms(&mut ix, "A", &[1, 2, 3, 4, 5, 6], T0 + 1);
        link_terms(&mut ix, "B", &[1, 2, 3, 7, 8, 9], T0 + 2);
        link_terms(&mut ix, "B2", &[1, 2, 3, 7, 8, 10], T0 + 3);
        let d = link_terms(&mut ix, "D", &[4, 5, 6, 1, 20, 21], T0 + 4);
        assert_eq!(d.id, "A", "{d:?}");
    }

    #[test]
    fn the_largest_stories_come_first() {
        let mut ix = Index::new(Params::for_tests());
        for i in 0..50u32 {
            link_terms(&mut ix, &format!("bg{i}"), &[1000 + i, 2000 + i], T0);
        }
        for (i, id) in ["x1", "x2", "x3"].iter().enumerate() {
            link_terms(&mut ix, id, &[1, 2, 3, 4], T0 + i as u64);
        }
        for (i, id) in ["y1", "y2"].iter().enumerate() {
            link_terms(&mut ix, id, &[5, 6, 7, 8], T0 + i as u64);
        }
        assert_eq!(
            ix.largest(5),
            vec![("x1".to_string(), 3), ("y1".to_string(), 2)]
        );
    }

    #[test]
    fn the_index_stays_under_two_and_a_half_kilobytes_an_article() {
        // 10,000 articles in a day, 300 distinct terms each out of a vocabulary of 200,000, in
        // a heavy-tailed mix so that articles share some terms: about 2,100 bytes an article
        // (1,290 at 30,000, where the fixed 4 MB of rarity counts weigh 140 instead of 420).
        // The goal of 1 KB is not met yet: kept terms and postings take 512 bytes, the entry
        // with its ids and first answer most of the rest.
        let mut ix = Index::new(Params::for_tests());
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for i in 0..10_000u32 {
            let hashes: Vec<u32> = (0..300)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 200_000) * (x % 7 + 1) / 7) as u32
                })
                .collect();
            let id = format!("article-{i:06}");
            link_terms(&mut ix, &id, &hashes, T0 + u64::from(i) * 8_640);
        }
        let per_article = ix.heap_bytes() / ix.len();
        assert!(per_article <= 2560, "{per_article} bytes an article");
    }
}
