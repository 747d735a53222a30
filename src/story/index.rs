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
use super::postings::{MixBuild, Postings};
use super::rarity::Rarity;
use super::scoring::{self, Languages, Params};
use crate::message::{RelatedArticle, StoryResult};

/// Terms kept per article for others to match: the strongest, enough to hold an event's names,
/// places and numbers. 40 terms take 400 bytes of postings.
pub const KEPT_TERMS: usize = 40;
/// The members of a story the majority guard looks at: its most recent ones. A big story's
/// early members may have drifted from how the event is reported now.
const GUARD_MEMBERS: usize = 15;
/// A tie (the article passes the threshold with exactly half of the story's recent members,
/// as with one of a story of two) is broken by the others: it joins when it comes close to
/// every member, at least this share of the threshold. Two reports of one match, one of them
/// live coverage that matched the preview first, stay apart without it; a third event that
/// shares names with only one member of a story still does not come close to the others.
const TIE_SUPPORT: f64 = 0.75;

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

/// An article in the window. Its terms are in the postings; its first answer is kept as the
/// story's key and the related articles' ids and similarities.
struct Entry {
    id: Arc<str>,
    ts_ms: u64,
    /// The story's key: the sequence number of its first article.
    story: u32,
    /// Index into [`Index::languages`].
    language: u16,
    /// The norm of its kept terms' weights.
    norm: f32,
    related: Box<[(Arc<str>, Similarity)]>,
}

/// A similarity as the answer gives it: in ten-thousandths, so the answer read back from the
/// entry is the one first given, to the bit.
type Similarity = u16;

/// A story of two or more articles (a story of one is its article alone, with no entry here).
struct StoryInfo {
    id: Arc<str>,
    /// Members in the window, oldest first (sequence numbers).
    members: VecDeque<u32>,
}

/// What linking decided, before it is written out as a [`StoryResult`].
struct Link {
    /// The story joined (its key), or `None` for a new one.
    story: Option<u32>,
    /// Related articles, best first: sequence number and similarity.
    related: Vec<(u32, Similarity)>,
}

pub struct Index {
    params: Params,
    /// Entries by sequence number; `head` is the sequence number of `entries[0]`.
    entries: VecDeque<Entry>,
    head: u32,
    ids: HashMap<Arc<str>, u32>,
    postings: Postings,
    stories: HashMap<u32, StoryInfo, MixBuild>,
    /// The language codes seen, which entries refer to by position.
    languages: Vec<Arc<str>>,
    rarity: Rarity,
    /// The latest time seen: the window ends here.
    clock_ms: u64,
    /// Dot products by position in `entries`, zero between calls, and the positions set.
    dots: Vec<f32>,
    touched: Vec<u32>,
}

impl Index {
    pub fn new(params: Params) -> Index {
        Index {
            params,
            entries: VecDeque::new(),
            head: 0,
            ids: HashMap::new(),
            postings: Postings::default(),
            stories: HashMap::default(),
            languages: Vec::new(),
            rarity: Rarity::new(params.rarity_ms),
            clock_ms: 0,
            dots: Vec::new(),
            touched: Vec::new(),
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
            return self.answer_of(seq);
        }
        let family = script_family(q.language);
        let weighted = self.weigh(q.features, family);
        let kept = strongest(&weighted);
        let link = match q.duplicate_of.and_then(|(id, sim)| self.story_of(id, sim)) {
            Some(l) => l,
            None => self.link(q, &weighted, &kept),
        };
        let answer = self.answer(q.id, &link);
        if record {
            self.insert(q, family, &kept, link);
        }
        answer
    }

    /// The largest stories in the window: (story id, members in the window), largest first.
    pub fn largest(&self, n: usize) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = self
            .stories
            .values()
            .filter(|s| s.members.len() > 1)
            .map(|s| (s.id.to_string(), s.members.len()))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Heap bytes held, estimated from the capacities and lengths of what is stored.
    pub fn heap_bytes(&self) -> usize {
        /// A hash map slot's control byte and the share of empty slots, rounded up.
        fn slots<K, V, S>(m: &HashMap<K, V, S>) -> usize {
            m.capacity() * (std::mem::size_of::<(K, V)>() + 1)
        }
        // An `Arc<str>`'s allocation: two counts and the bytes.
        let arc = |s: &str| 16 + s.len();
        let entries: usize = self
            .entries
            .iter()
            .map(|e| arc(&e.id) + e.related.len() * std::mem::size_of::<(Arc<str>, u16)>())
            .sum();
        let stories: usize = self
            .stories
            .values()
            .map(|s| 4 * s.members.capacity())
            .sum();
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + entries
            + slots(&self.ids)
            + self.postings.heap_bytes()
            + slots(&self.stories)
            + stories
            + 4 * (self.dots.capacity() + self.touched.capacity())
            + self.rarity.heap_bytes()
    }

    fn entry(&self, seq: u32) -> &Entry {
        &self.entries[seq.wrapping_sub(self.head) as usize]
    }

    fn story_id(&self, story: u32) -> &Arc<str> {
        match self.stories.get(&story) {
            Some(s) => &s.id,
            None => &self.entry(story).id,
        }
    }

    /// The answer an article in the window was given.
    fn answer_of(&self, seq: u32) -> StoryResult {
        let e = self.entry(seq);
        StoryResult {
            id: self.story_id(e.story).to_string(),
            related: e
                .related
                .iter()
                .map(|(id, sim)| RelatedArticle {
                    id: id.to_string(),
                    similarity: from_similarity(*sim),
                })
                .collect(),
        }
    }

    /// The answer for a new article `id` linked by `link`.
    fn answer(&self, id: &str, link: &Link) -> StoryResult {
        StoryResult {
            id: link
                .story
                .map_or_else(|| id.to_owned(), |s| self.story_id(s).to_string()),
            related: link
                .related
                .iter()
                .map(|&(seq, sim)| RelatedArticle {
                    id: self.entry(seq).id.to_string(),
                    similarity: from_similarity(sim),
                })
                .collect(),
        }
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
        self.postings.drop_oldest(seq);
        if let Some(s) = self.stories.get_mut(&e.story) {
            // Members join in order and leave in order: the oldest is at the front.
            if s.members.front() == Some(&seq) {
                s.members.pop_front();
            }
            if s.members.is_empty() {
                self.stories.remove(&e.story);
            }
        }
    }

    /// Each term's weight times its rarity in the rarity window.
    fn weigh(&self, f: &Features, family: usize) -> Vec<(u32, f32)> {
        let rarity = self.rarity.reader(family);
        f.terms
            .iter()
            .map(|t| (t.hash, t.weight * rarity.idf(t.hash)))
            .filter(|&(_, w)| w > 0.0)
            .collect()
    }

    /// The duplicate's link: its original's story, the original as the one related article.
    fn story_of(&self, original: &str, similarity: f64) -> Option<Link> {
        let &seq = self.ids.get(original)?;
        Some(Link {
            story: Some(self.entry(seq).story),
            related: vec![(seq, to_similarity(similarity))],
        })
    }

    /// Finds, scores and guards the candidates: the best story that passes, or a new one.
    fn link(&mut self, q: &Query<'_>, weighted: &[(u32, f32)], kept: &[(u32, f32)]) -> Link {
        let sims = self.similarities(q, weighted, kept);
        let threshold = self.params.threshold;
        let head = self.head;
        let sim_of = |seq: u32| {
            sims.binary_search_by_key(&seq.wrapping_sub(head), |&(s, _)| s.wrapping_sub(head))
                .map_or(0.0, |i| sims[i].1)
        };
        let passing = |seq: u32| sim_of(seq) >= threshold;
        let mut best: Option<(f64, &Arc<str>, u32)> = None;
        for &(seq, sim) in &sims {
            if sim < threshold {
                continue;
            }
            let story = self.entry(seq).story;
            let story_id = self.story_id(story);
            if best.is_some_and(|(b, id, _)| (b, id.as_ref()) >= (sim, story_id.as_ref())) {
                continue;
            }
            let joins = match self.stories.get(&story) {
                None => true, // a story of one: this is its first article
                Some(info) => passing(story) || guard(&info.members, sim_of, threshold),
            };
            if joins {
                best = Some((sim, story_id, story));
            }
        }
        let Some((_, _, story)) = best else {
            return Link {
                story: None,
                related: Vec::new(),
            };
        };
        let mut related: Vec<(f64, u32)> = match self.stories.get(&story) {
            Some(info) => info
                .members
                .iter()
                .filter(|&&m| passing(m))
                .map(|&m| (sim_of(m), m))
                .collect(),
            None => vec![(sim_of(story), story)],
        };
        related.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        related.truncate(self.params.max_related);
        Link {
            story: Some(story),
            related: related
                .into_iter()
                .map(|(sim, m)| (m, to_similarity(sim)))
                .collect(),
        }
    }

    /// Similarity to every article in the window sharing a term with `q`, oldest first.
    fn similarities(
        &mut self,
        q: &Query<'_>,
        weighted: &[(u32, f32)],
        kept: &[(u32, f32)],
    ) -> Vec<(u32, f64)> {
        let (head, n) = (self.head, self.entries.len());
        self.dots.resize(n, 0.0);
        let (dots, touched) = (&mut self.dots, &mut self.touched);
        for &(h, w) in weighted {
            self.postings.for_each(h, |seq, ew| {
                let i = seq.wrapping_sub(head);
                if dots[i as usize] == 0.0 {
                    touched.push(i);
                }
                dots[i as usize] += w * ew;
            });
        }
        let norm = norm(kept);
        let language = self.languages.iter().position(|l| **l == *q.language);
        let mut sims = Vec::with_capacity(self.touched.len());
        // Positions from the window's front: in this order the similarities come out oldest
        // first, and plain integers sort faster than the pairs would.
        self.touched.sort_unstable();
        for i in self.touched.drain(..) {
            let dot = std::mem::take(&mut self.dots[i as usize]);
            let e = &self.entries[i as usize];
            let apart = q.ts_ms.abs_diff(e.ts_ms);
            if apart > self.params.window_ms {
                continue;
            }
            let cosine = f64::from(dot) / f64::from(norm * e.norm).max(f64::MIN_POSITIVE);
            let languages = match language == Some(usize::from(e.language)) {
                false => Languages::Two,
                true if q.language == "en" => Languages::English,
                true => Languages::One,
            };
            let sim = scoring::similarity(cosine, apart, languages);
            sims.push((head.wrapping_add(i), sim));
        }
        sims
    }

    fn insert(&mut self, q: &Query<'_>, family: usize, kept: &[(u32, f32)], link: Link) {
        let seq = self.head.wrapping_add(self.entries.len() as u32);
        let id: Arc<str> = Arc::from(q.id);
        self.postings.add(seq, kept);
        let story = match link.story {
            Some(story) => {
                // A story of two or more may have outlived its first article in the window:
                // only a story of one has its first article to read.
                if !self.stories.contains_key(&story) {
                    let first = self.entry(story).id.clone();
                    self.stories.insert(
                        story,
                        StoryInfo {
                            id: first,
                            members: VecDeque::from([story]),
                        },
                    );
                }
                let info = self.stories.get_mut(&story).expect("inserted above");
                info.members.push_back(seq);
                story
            }
            None => seq,
        };
        let related = link
            .related
            .iter()
            .map(|&(m, sim)| (self.entry(m).id.clone(), sim))
            .collect();
        let language = self.language_number(q.language);
        self.rarity
            .add(q.ts_ms, family, q.features.terms.iter().map(|t| t.hash));
        self.ids.insert(id.clone(), seq);
        if self.entries.len() == self.entries.capacity() {
            self.entries
                .reserve_exact((self.entries.len() / 4).max(256));
        }
        self.entries.push_back(Entry {
            id,
            ts_ms: q.ts_ms,
            story,
            language,
            norm: norm(kept),
            related,
        });
    }

    fn language_number(&mut self, language: &str) -> u16 {
        match self.languages.iter().position(|l| **l == *language) {
            Some(i) => i as u16,
            None => {
                self.languages.push(Arc::from(language));
                (self.languages.len() - 1) as u16
            }
        }
    }
}

/// Whether an article whose similarity to each member is `sim_of` may join a story with
/// these members (oldest first) without matching its first article: it must pass the
/// threshold with a majority of the recent members, or with half of them and come close
/// ([`TIE_SUPPORT`]) to every one.
fn guard(members: &VecDeque<u32>, sim_of: impl Fn(u32) -> f64, threshold: f64) -> bool {
    let recent = || members.iter().rev().take(GUARD_MEMBERS);
    let agreeing = recent().filter(|&&m| sim_of(m) >= threshold).count();
    let count = recent().count();
    2 * agreeing > count
        || (2 * agreeing == count && recent().all(|&m| sim_of(m) >= TIE_SUPPORT * threshold))
}

/// Rarity is counted per script family: an Arabic word is rare or common among the Arabic and
/// Persian articles, whatever the number of English ones.
fn script_family(language: &str) -> usize {
    const ARABIC_SCRIPT: &[&str] = &["ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug", "arz"];
    usize::from(ARABIC_SCRIPT.contains(&language))
}

/// The [`KEPT_TERMS`] strongest terms, strongest first.
fn strongest(weighted: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let stronger = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let mut v = weighted.to_vec();
    if v.len() > KEPT_TERMS {
        // Only the kept ones need an order: they are set apart first.
        v.select_nth_unstable_by(KEPT_TERMS - 1, stronger);
        v.truncate(KEPT_TERMS);
    }
    v.sort_unstable_by(stronger);
    v
}

fn norm(terms: &[(u32, f32)]) -> f32 {
    terms.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt()
}

fn to_similarity(x: f64) -> Similarity {
    (x.clamp(0.0, 1.0) * 10_000.0).round() as u16
}

/// The similarity as the answer gives it, rounded to four places.
fn from_similarity(s: Similarity) -> f64 {
    f64::from(s) / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::features::{features_of_text, Term};

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
        let f = features_of_text(None, text);
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
    fn a_story_whose_first_article_left_the_window_can_still_be_joined() {
        let mut ix = warmed(40);
        link(&mut ix, "a", QUAKE_A, T0, "en");
        // The same report again two and a half days later joins (damped, but alike enough).
        let b = link(&mut ix, "b", QUAKE_A, T0 + 60 * HOUR, "en");
        assert_eq!(b.id, "a", "{b:?}");
        // «a» leaves the three-day window; a third report joins through «b».
        let c = link(&mut ix, "c", QUAKE_A, T0 + 3 * DAY + 6 * HOUR, "en");
        assert!(!ix.contains("a"));
        assert_eq!(c.id, "a", "{c:?}");
        assert_eq!(c.related[0].id, "b");
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
        let f = features_of_text(
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
        let f = features_of_text(None, QUAKE_A);
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
    fn a_tie_joins_only_when_the_article_comes_close_to_every_member() {
        let t = Params::for_tests().threshold;
        let two = VecDeque::from([10, 11]);
        // Passes with the second of two members and comes close to the first: one event
        // reported live and after the match, the first member its preview.
        let close = |m: u32| if m == 11 { t + 0.1 } else { 0.8 * t };
        assert!(guard(&two, close, t));
        // Passes with the second only and is far from the first: a chain, kept out.
        let far = |m: u32| if m == 11 { t + 0.1 } else { 0.5 * t };
        assert!(!guard(&two, far, t));
        // A majority is enough whatever the others say.
        let three = VecDeque::from([10, 11, 12]);
        let most = |m: u32| if m == 10 { 0.0 } else { t };
        assert!(guard(&three, most, t));
        // One of three is neither a majority nor a tie.
        let one = |m: u32| if m == 12 { 1.0 } else { 0.9 * t };
        assert!(!guard(&three, one, t));
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
    fn the_index_stays_under_a_kilobyte_an_article() {
        // 10,000 articles in a day, 300 distinct terms each out of a vocabulary of 200,000, in
        // a heavy-tailed mix so that articles share some terms: about 980 bytes an article.
        // The 2 MB of rarity counts weigh 210 of them (70 at 30,000); postings 630 (the ring
        // 400 and its slack, the table of terms the rest); the entry with its id, first
        // answer and id table 140.
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
        assert!(per_article <= 1024, "{per_article} bytes an article");
    }
}
