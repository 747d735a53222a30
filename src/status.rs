//! The status page at `/` for someone without Grafana, and the `/status.json` it polls.
//!
//! The page is one self-contained HTML document (inline CSS and JS, no external asset, a
//! Content-Security-Policy that forbids any) which fetches `/status.json` every 2 s and draws
//! throughput, latency, languages, the duplicate rate, dead letters, consumer lag and the latest
//! quotations. The JSON is built here from [`Metrics`] (the same numbers `/metrics` exports)
//! and [`RecentQuotes`], a small ring buffer the worker pushes every result's quotations into.
//!
//! Rates and latency percentiles are computed over a sliding window (about the last minute) of
//! samples taken when the JSON is asked for, so an open page shows what is happening now, not
//! an average since start; before a second sample exists they cover the time since start, and
//! latency does too when nothing was processed within the window (`latency_basis` says which).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prometheus::core::Collector;
use prometheus::proto::MetricFamily;
use serde::Serialize;

use crate::message::{DedupStatus, Quote};
use crate::metrics::{Metrics, Outcome, Stage};
use crate::readiness::Readiness;
use crate::story::Story;

/// How many stories the status page lists.
pub const LARGEST_STORIES: usize = 10;
/// How many quotations the status page shows.
pub const RECENT_QUOTES: usize = 20;
/// Quotation text longer than this (in characters) is cut for display.
const QUOTE_DISPLAY_CHARS: usize = 280;
/// Rates and percentiles cover about this long: older samples are dropped but for one.
const WINDOW: Duration = Duration::from_secs(60);
/// At most one sample is kept per this interval, however often the page is polled.
const SAMPLE_EVERY: Duration = Duration::from_secs(1);

/// One quotation as the status page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentQuote {
    pub article_id: String,
    pub speaker: Option<String>,
    pub text: String,
    /// When the worker published the result that holds it (RFC 3339).
    pub at: String,
}

/// The last [`RECENT_QUOTES`] quotations the worker published, newest first.
///
/// Pushing happens for every result and reading only when the page is open, so a push moves
/// the quotations in as they are and shares one id and time among them; [`RecentQuotes::latest`]
/// does the copying and the cutting for display.
pub struct RecentQuotes {
    capacity: usize,
    quotes: Mutex<VecDeque<Kept>>,
}

/// One quotation in the ring, with its article's id and publication time (formatted only
/// when the page asks).
struct Kept {
    article_id: Arc<str>,
    at: time::OffsetDateTime,
    quote: Quote,
}

impl Default for RecentQuotes {
    fn default() -> RecentQuotes {
        RecentQuotes::with_capacity(RECENT_QUOTES)
    }
}

impl RecentQuotes {
    pub fn with_capacity(capacity: usize) -> RecentQuotes {
        RecentQuotes {
            capacity,
            quotes: Mutex::new(VecDeque::with_capacity(capacity)),
        }
    }

    /// Remembers the quotations of one published result; the oldest ones make room.
    pub fn push(&self, article_id: &str, quotes: Vec<Quote>) {
        if quotes.is_empty() || self.capacity == 0 {
            return;
        }
        let article_id: Arc<str> = Arc::from(article_id);
        let at = time::OffsetDateTime::now_utc();
        // Only the last `capacity` of this article's quotations can survive.
        let skip = quotes.len().saturating_sub(self.capacity);
        let mut ring = self.quotes.lock().unwrap_or_else(|e| e.into_inner());
        for quote in quotes.into_iter().skip(skip) {
            if ring.len() == self.capacity {
                ring.pop_back();
            }
            ring.push_front(Kept {
                article_id: article_id.clone(),
                at,
                quote,
            });
        }
    }

    /// The quotations kept, newest first.
    pub fn latest(&self) -> Vec<RecentQuote> {
        let ring = self.quotes.lock().unwrap_or_else(|e| e.into_inner());
        ring.iter()
            .map(|k| RecentQuote {
                article_id: k.article_id.to_string(),
                speaker: k.quote.speaker.clone(),
                text: shorten(&k.quote.text, QUOTE_DISPLAY_CHARS),
                at: crate::message::rfc3339(k.at),
            })
            .collect()
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

/// The figures of one moment that rates and percentiles are computed from.
#[derive(Clone)]
struct Sample {
    at: Instant,
    received: u64,
    results: u64,
    dead_letters: u64,
    end_to_end: Buckets,
    stages: Vec<Buckets>,
}

/// A histogram's cumulative bucket counts (upper bounds, counts, with `+Inf` last).
#[derive(Clone, Default, Debug, PartialEq)]
struct Buckets {
    bounds: Vec<f64>,
    counts: Vec<u64>,
    count: u64,
}

impl Buckets {
    fn of(family: &MetricFamily, label: Option<(&str, &str)>) -> Buckets {
        let Some(m) = family.get_metric().iter().find(|m| match label {
            None => true,
            Some((name, value)) => m
                .get_label()
                .iter()
                .any(|l| l.name() == name && l.value() == value),
        }) else {
            return Buckets::default();
        };
        let h = m.get_histogram();
        let mut bounds: Vec<f64> = h.get_bucket().iter().map(|b| b.upper_bound()).collect();
        let mut counts: Vec<u64> = h
            .get_bucket()
            .iter()
            .map(|b| b.cumulative_count())
            .collect();
        bounds.push(f64::INFINITY);
        counts.push(h.get_sample_count());
        Buckets {
            bounds,
            counts,
            count: h.get_sample_count(),
        }
    }

    /// The observations made after `earlier` (same buckets), or all of `self` if they differ.
    fn since(&self, earlier: &Buckets) -> Buckets {
        if earlier.bounds != self.bounds || earlier.count > self.count {
            return self.clone();
        }
        Buckets {
            bounds: self.bounds.clone(),
            counts: self
                .counts
                .iter()
                .zip(&earlier.counts)
                .map(|(now, then)| now.saturating_sub(*then))
                .collect(),
            count: self.count - earlier.count,
        }
    }

    /// The `q` quantile, interpolated linearly inside its bucket as PromQL's
    /// `histogram_quantile` does; `None` without observations.
    fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let rank = q * self.count as f64;
        let i = self.counts.iter().position(|&c| c as f64 >= rank)?;
        let upper = self.bounds[i];
        let lower = if i == 0 { 0.0 } else { self.bounds[i - 1] };
        if upper.is_infinite() {
            // Above the highest finite bound: report that bound, as Prometheus does.
            return Some(lower);
        }
        let below = if i == 0 { 0 } else { self.counts[i - 1] };
        let in_bucket = (self.counts[i] - below) as f64;
        if in_bucket == 0.0 {
            return Some(upper);
        }
        Some(lower + (upper - lower) * (rank - below as f64) / in_bucket)
    }

    fn percentiles(&self) -> Percentiles {
        Percentiles {
            count: self.count,
            p50: self.quantile(0.5),
            p95: self.quantile(0.95),
            p99: self.quantile(0.99),
        }
    }
}

/// Latency percentiles in seconds (`null` without observations).
#[derive(Debug, Serialize, PartialEq)]
pub struct Percentiles {
    pub count: u64,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    pub p99: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct StageLatency {
    pub stage: &'static str,
    #[serde(flatten)]
    pub percentiles: Percentiles,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Serialize)]
pub struct Throughput {
    /// Messages finished (results and dead letters) per second.
    pub per_second: f64,
    pub results_per_second: f64,
    pub dead_letters_per_second: f64,
    pub received_per_second: f64,
}

#[derive(Debug, Serialize)]
pub struct Totals {
    pub received: u64,
    pub results: u64,
    pub dead_letters: u64,
    pub retries: u64,
    pub redeliveries: u64,
    pub quotes: u64,
}

/// Results by dedup status since start, for the status page (not the dedup stage).
#[derive(Debug, Serialize)]
pub struct DedupCounts {
    pub unique: u64,
    pub exact_duplicate: u64,
    pub near_duplicate: u64,
    /// Duplicates (exact and near) over all results since start; `null` before any result.
    pub duplicate_rate: Option<f64>,
}

/// What `/status.json` returns.
#[derive(Debug, Serialize)]
pub struct Snapshot {
    pub version: &'static str,
    pub uptime_seconds: f64,
    pub ready: bool,
    pub readiness: String,
    pub nats_connected: bool,
    /// The seconds that rates and percentiles cover.
    pub window_seconds: f64,
    pub throughput: Throughput,
    pub totals: Totals,
    pub in_flight: i64,
    pub consumer_pending: i64,
    pub consumer_ack_pending: i64,
    /// "window" when messages were processed within the window and the percentiles cover it,
    /// "since_start" when the worker was idle and they cover everything since start.
    pub latency_basis: &'static str,
    pub latency: Percentiles,
    pub stages: Vec<StageLatency>,
    /// Results by detected language since start, most frequent first.
    pub languages: Vec<Count>,
    pub dedup: DedupCounts,
    /// Dead letters by error kind since start, most frequent first.
    pub dead_letters: Vec<Count>,
    /// Mean quotations per result since start; `null` before any result.
    pub quotes_per_article: Option<f64>,
    pub resident_memory_bytes: Option<f64>,
    pub recent_quotes: Vec<RecentQuote>,
    /// The largest stories in the story window: the story id (its first article) and the
    /// articles it holds, largest first.
    pub largest_stories: Vec<Count>,
}

/// The story stage, once the worker has opened it, for the status page's largest stories.
#[derive(Default)]
pub struct StoryBoard {
    story: std::sync::OnceLock<Story>,
}

impl StoryBoard {
    /// Shows `story`'s window from now on (the first call wins).
    pub fn show(&self, story: Story) {
        let _ = self.story.set(story);
    }

    fn largest(&self) -> Vec<Count> {
        self.story.get().map_or_else(Vec::new, |s| {
            s.largest(LARGEST_STORIES)
                .into_iter()
                .map(|(name, n)| Count {
                    name,
                    count: n as u64,
                })
                .collect()
        })
    }
}

/// The status page's state: the quotations ring, the story board and the recent samples.
pub struct Status {
    recent: Arc<RecentQuotes>,
    stories: Arc<StoryBoard>,
    started: Instant,
    samples: Mutex<VecDeque<Sample>>,
}

impl Status {
    pub fn new(recent: Arc<RecentQuotes>, stories: Arc<StoryBoard>) -> Status {
        Status {
            recent,
            stories,
            started: Instant::now(),
            samples: Mutex::new(VecDeque::new()),
        }
    }

    /// The figures `/status.json` returns, and a sample kept for the next call's rates.
    pub fn snapshot(&self, metrics: &Metrics, readiness: &Readiness) -> Snapshot {
        self.snapshot_at(metrics, readiness, Instant::now())
    }

    fn snapshot_at(&self, metrics: &Metrics, readiness: &Readiness, now: Instant) -> Snapshot {
        let current = Sample::read(metrics, now);
        let baseline = self.baseline(&current);
        let window = now.duration_since(baseline.at).as_secs_f64();
        let rate = |now: u64, then: u64| {
            if window > 0.0 {
                now.saturating_sub(then) as f64 / window
            } else {
                0.0
            }
        };
        let results_rate = rate(current.results, baseline.results);
        let dead_rate = rate(current.dead_letters, baseline.dead_letters);

        // An idle window has no latency to show: show the figures since start instead.
        let idle = current.end_to_end.since(&baseline.end_to_end).count == 0;
        let latency = |now: &Buckets, then: &Buckets| {
            if idle {
                now.percentiles()
            } else {
                now.since(then).percentiles()
            }
        };
        let quotes = metrics.quotes_extracted.get();
        let per_article = metrics.quotes_per_article.get_sample_count();

        Snapshot {
            version: env!("CARGO_PKG_VERSION"),
            uptime_seconds: now.duration_since(self.started).as_secs_f64(),
            ready: readiness.is_ready(),
            readiness: readiness.describe(),
            nats_connected: metrics.nats_connected.get() == 1,
            window_seconds: window,
            throughput: Throughput {
                per_second: results_rate + dead_rate,
                results_per_second: results_rate,
                dead_letters_per_second: dead_rate,
                received_per_second: rate(current.received, baseline.received),
            },
            totals: Totals {
                received: current.received,
                results: current.results,
                dead_letters: current.dead_letters,
                retries: metrics.processed(Outcome::Retry).get(),
                redeliveries: metrics.redeliveries.get(),
                quotes,
            },
            in_flight: metrics.in_flight.get(),
            consumer_pending: metrics.consumer_pending.get(),
            consumer_ack_pending: metrics.consumer_ack_pending.get(),
            latency_basis: if idle { "since_start" } else { "window" },
            latency: latency(&current.end_to_end, &baseline.end_to_end),
            stages: Stage::ALL
                .iter()
                .zip(current.stages.iter().zip(&baseline.stages))
                .map(|(stage, (now, then))| StageLatency {
                    stage: stage.as_str(),
                    percentiles: latency(now, then),
                })
                .collect(),
            languages: sorted(counts(&metrics.results_by_language.collect(), "language")),
            dedup: DedupCounts::of(metrics),
            dead_letters: sorted(counts(&metrics.dead_letters.collect(), "kind")),
            quotes_per_article: (per_article > 0).then(|| quotes as f64 / per_article as f64),
            resident_memory_bytes: resident_memory_bytes(metrics),
            recent_quotes: self.recent.latest(),
            largest_stories: self.stories.largest(),
        }
    }
}

impl Status {
    /// The sample that rates and latencies are measured from: the newest one at least
    /// [`WINDOW`] old, or the start with every count at zero when there is none old enough to
    /// give a rate. Keeps `current` for later calls every [`SAMPLE_EVERY`].
    fn baseline(&self, current: &Sample) -> Sample {
        let now = current.at;
        let baseline = {
            let mut samples = self.samples.lock().unwrap_or_else(|e| e.into_inner());
            while samples
                .get(1)
                .is_some_and(|s| now.duration_since(s.at) >= WINDOW)
            {
                samples.pop_front();
            }
            let baseline = samples.front().cloned();
            if samples
                .back()
                .is_none_or(|s| now.duration_since(s.at) >= SAMPLE_EVERY)
            {
                samples.push_back(current.clone());
            }
            baseline
        };
        baseline
            .filter(|b| now.duration_since(b.at) >= SAMPLE_EVERY)
            .unwrap_or_else(|| Sample {
                at: self.started,
                received: 0,
                results: 0,
                dead_letters: 0,
                end_to_end: Buckets::default(),
                stages: vec![Buckets::default(); Stage::ALL.len()],
            })
    }
}

impl Sample {
    /// The counts and latency buckets of `metrics` at `now`.
    fn read(metrics: &Metrics, now: Instant) -> Sample {
        let e2e = metrics.end_to_end_seconds.collect();
        let stage_family = metrics.stage_seconds.collect();
        Sample {
            at: now,
            received: sum(&counts(&metrics.received.collect(), "source")),
            results: metrics.processed(Outcome::Result).get(),
            dead_letters: sum(&counts(&metrics.dead_letters.collect(), "kind")),
            end_to_end: e2e
                .first()
                .map(|f| Buckets::of(f, None))
                .unwrap_or_default(),
            stages: Stage::ALL
                .iter()
                .map(|s| {
                    stage_family
                        .first()
                        .map(|f| Buckets::of(f, Some(("stage", s.as_str()))))
                        .unwrap_or_default()
                })
                .collect(),
        }
    }
}

impl DedupCounts {
    /// Results by dedup status since start, and the share of duplicates among them.
    fn of(metrics: &Metrics) -> DedupCounts {
        let dedup_counts = counts(&metrics.results_by_dedup.collect(), "status");
        let dedup_of = |status: DedupStatus| {
            dedup_counts
                .iter()
                .find(|c| c.name == status.as_str())
                .map_or(0, |c| c.count)
        };
        let exact_duplicate = dedup_of(DedupStatus::ExactDuplicate);
        let near_duplicate = dedup_of(DedupStatus::NearDuplicate);
        let all = sum(&dedup_counts);
        DedupCounts {
            unique: dedup_of(DedupStatus::Unique),
            exact_duplicate,
            near_duplicate,
            duplicate_rate: (all > 0)
                .then(|| (exact_duplicate + near_duplicate) as f64 / all as f64),
        }
    }
}

/// The process collector's resident memory, where the platform has it.
fn resident_memory_bytes(metrics: &Metrics) -> Option<f64> {
    metrics
        .registry
        .gather()
        .iter()
        .find(|f| f.name() == "process_resident_memory_bytes")
        .and_then(|f| f.get_metric().first())
        .map(|m| m.get_gauge().get_value())
}

/// The value of each child of a counter family, by the value of `label`.
fn counts(families: &[MetricFamily], label: &str) -> Vec<Count> {
    families
        .iter()
        .flat_map(|f| f.get_metric())
        .map(|m| Count {
            name: m
                .get_label()
                .iter()
                .find(|l| l.name() == label)
                .map(|l| l.value().to_owned())
                .unwrap_or_default(),
            count: m.get_counter().get_value() as u64,
        })
        .collect()
}

fn sum(counts: &[Count]) -> u64 {
    counts.iter().map(|c| c.count).sum()
}

/// Non-zero counts, most frequent first, ties by name.
fn sorted(mut counts: Vec<Count>) -> Vec<Count> {
    counts.retain(|c| c.count > 0);
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    counts
}

/// The page at `/`: everything inline, nothing fetched but `/status.json`.
pub const PAGE: &str = include_str!("status.html");

/// The page at `/` for a browser without the token, where `http.token` is set: it takes the
/// token from the address's fragment (`#token=…`, never sent to the server) or a form, and
/// loads the status page with it as a header.
pub const LOGIN_PAGE: &str = include_str!("login.html");

/// What the page may load: nothing from elsewhere, and only `/status.json` from here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; \
     style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::QuoteKind;

    fn quote(text: &str, speaker: Option<&str>) -> Quote {
        Quote {
            text: text.into(),
            start: 0,
            end: text.chars().count(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(Into::into),
            cue: None,
            speaker_index: None,
            confidence: 0.9,
        }
    }

    #[test]
    fn recent_quotes_keep_the_newest_first() {
        let r = RecentQuotes::with_capacity(3);
        r.push("a", vec![quote("one", Some("X")), quote("two", None)]);
        r.push("b", vec![quote("three", None), quote("four", Some("Y"))]);
        let texts: Vec<_> = r.latest().into_iter().map(|q| q.text).collect();
        assert_eq!(texts, ["four", "three", "two"]);
        assert_eq!(r.latest()[0].article_id, "b");
        assert_eq!(r.latest()[0].speaker.as_deref(), Some("Y"));
    }

    #[test]
    fn recent_quotes_ignore_articles_without_quotes() {
        let r = RecentQuotes::default();
        r.push("a", Vec::new());
        assert!(r.latest().is_empty());
    }

    #[test]
    fn recent_quotes_keep_only_the_last_of_a_long_article() {
        let r = RecentQuotes::with_capacity(2);
        let many: Vec<_> = (0..5).map(|i| quote(&i.to_string(), None)).collect();
        r.push("a", many);
        let texts: Vec<_> = r.latest().into_iter().map(|q| q.text).collect();
        assert_eq!(texts, ["4", "3"]);
    }

    #[test]
    fn long_quotes_are_cut_on_a_character_boundary() {
        let long = "قال ".repeat(100);
        let cut = shorten(&long, 10);
        assert_eq!(cut.chars().count(), 11);
        assert!(cut.ends_with('…'));
        assert_eq!(shorten("short", 10), "short");
    }

    #[test]
    fn quantiles_interpolate_inside_the_bucket() {
        let b = Buckets {
            bounds: vec![1.0, 2.0, 4.0, f64::INFINITY],
            counts: vec![0, 10, 10, 10],
            count: 10,
        };
        assert_eq!(b.quantile(0.5), Some(1.5));
        assert_eq!(b.quantile(1.0), Some(2.0));
        assert_eq!(Buckets::default().quantile(0.5), None);
    }

    #[test]
    fn quantiles_above_the_last_bound_report_that_bound() {
        let b = Buckets {
            bounds: vec![1.0, f64::INFINITY],
            counts: vec![0, 4],
            count: 4,
        };
        assert_eq!(b.quantile(0.99), Some(1.0));
    }

    #[test]
    fn snapshot_reports_counts_rates_and_quotes() {
        let m = Metrics::new(prometheus::Registry::new());
        let readiness = Readiness::default();
        let recent = Arc::new(RecentQuotes::default());
        let status = Status::new(recent.clone(), Arc::default());
        let t0 = Instant::now();
        let first = status.snapshot_at(&m, &readiness, t0);
        assert_eq!(first.totals.results, 0);
        assert_eq!(first.dedup.duplicate_rate, None);
        assert_eq!(first.latency.p50, None);
        assert!(!first.ready);

        for (lang, dedup) in [("ar", "unique"), ("ar", "near_duplicate"), ("fa", "unique")] {
            m.processed(Outcome::Result).inc();
            m.results_by_language.with_label_values(&[lang]).inc();
            m.results_by_dedup.with_label_values(&[dedup]).inc();
            m.quotes_per_article.observe(2.0);
            m.end_to_end_seconds.observe(0.003);
        }
        m.quotes_extracted.inc_by(6);
        m.dead_letters(crate::message::DeadLetterKind::InvalidUtf8)
            .inc();
        m.processed(Outcome::DeadLetter).inc();
        recent.push("art-1", vec![quote("نحن هنا", Some("الوزير"))]);

        let s = status.snapshot_at(&m, &readiness, t0 + Duration::from_secs(2));
        assert_eq!(s.window_seconds, 2.0);
        assert_eq!(s.throughput.results_per_second, 1.5);
        assert_eq!(s.throughput.per_second, 2.0);
        assert_eq!(s.totals.results, 3);
        assert_eq!(
            s.languages,
            [
                Count {
                    name: "ar".into(),
                    count: 2
                },
                Count {
                    name: "fa".into(),
                    count: 1
                }
            ]
        );
        assert_eq!(s.dedup.duplicate_rate, Some(1.0 / 3.0));
        assert_eq!(
            s.dead_letters,
            [Count {
                name: "invalid_utf8".into(),
                count: 1
            }]
        );
        assert_eq!(s.quotes_per_article, Some(2.0));
        let p50 = s.latency.p50.expect("observations made");
        assert!((0.002..=0.004).contains(&p50), "{p50}");
        assert_eq!(s.latency.count, 3);
        assert_eq!(s.recent_quotes[0].speaker.as_deref(), Some("الوزير"));
        assert_eq!(s.stages.len(), Stage::ALL.len());
    }

    #[test]
    fn snapshot_rates_cover_only_the_window() {
        let m = Metrics::new(prometheus::Registry::new());
        let readiness = Readiness::default();
        let status = Status::new(Arc::new(RecentQuotes::default()), Arc::default());
        let t0 = Instant::now();
        m.processed(Outcome::Result).inc_by(100);
        m.end_to_end_seconds.observe(5.0);
        status.snapshot_at(&m, &readiness, t0 + Duration::from_secs(1));
        m.processed(Outcome::Result).inc_by(10);
        m.end_to_end_seconds.observe(0.001);
        let s = status.snapshot_at(&m, &readiness, t0 + Duration::from_secs(6));
        assert_eq!(s.throughput.results_per_second, 2.0);
        assert_eq!(s.latency.count, 1);
        assert_eq!(s.latency_basis, "window");
        assert!(s.latency.p99.unwrap() < 0.01);
        // After the window, the old sample no longer counts; idle, latency covers all time.
        let s = status.snapshot_at(&m, &readiness, t0 + Duration::from_secs(70));
        assert_eq!(s.throughput.results_per_second, 0.0);
        assert_eq!(s.latency_basis, "since_start");
        assert_eq!(s.latency.count, 2);
    }

    #[test]
    fn polls_closer_than_a_second_apart_still_give_a_rate() {
        let m = Metrics::new(prometheus::Registry::new());
        let readiness = Readiness::default();
        let status = Status::new(Arc::new(RecentQuotes::default()), Arc::default());
        let t0 = Instant::now();
        m.processed(Outcome::Result).inc_by(10);
        status.snapshot_at(&m, &readiness, t0 + Duration::from_secs(10));
        let s = status.snapshot_at(&m, &readiness, t0 + Duration::from_millis(10_200));
        assert!(s.window_seconds >= 10.2, "{}", s.window_seconds);
        assert!(s.throughput.results_per_second > 0.9);
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        for needle in [
            "http://",
            "https://",
            "//cdn",
            "<link rel=\"stylesheet\"",
            "src=\"",
        ] {
            assert!(!PAGE.contains(needle), "the page contains {needle}");
        }
        assert!(PAGE.contains("/status.json"));
    }
}
