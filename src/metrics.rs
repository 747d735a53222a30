//! Every metric the worker exports, as one struct registered on a registry that is passed in.
//!
//! Names follow Prometheus conventions: the `article_worker_` prefix, base units, `_total` on
//! counters; label values come from bounded sets (outcomes, error kinds, stage names, language
//! codes the detector knows, dedup statuses).

use crate::message::{DeadLetterKind, DedupStatus};
use prometheus::core::Collector;
use prometheus::{
    exponential_buckets, Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter,
    IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// A step of a message's way through the worker, timed by the `stage` histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Decode,
    Language,
    Dedup,
    Story,
    Quotes,
    Publish,
}

impl Stage {
    /// Every stage, in the order a message passes them.
    pub const ALL: [Stage; 6] = [
        Stage::Decode,
        Stage::Language,
        Stage::Dedup,
        Stage::Story,
        Stage::Quotes,
        Stage::Publish,
    ];

    /// The `stage` label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Language => "language",
            Stage::Dedup => "dedup",
            Stage::Story => "story",
            Stage::Quotes => "quotes",
            Stage::Publish => "publish",
        }
    }
}

/// How a message left the worker, the `outcome` label of `messages_processed_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Its result was published.
    Result,
    /// Its dead letter was published.
    DeadLetter,
    /// It was left for redelivery.
    Retry,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Result, Outcome::DeadLetter, Outcome::Retry];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Result => "result",
            Outcome::DeadLetter => "dead_letter",
            Outcome::Retry => "retry",
        }
    }
}

/// Where a message came from, the `source` label of `messages_received_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The durable JetStream consumer.
    Jetstream,
    /// The core NATS queue subscription.
    Core,
    /// An `articles.analyze` request.
    Request,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Jetstream, Source::Core, Source::Request];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Jetstream => "jetstream",
            Source::Core => "core",
            Source::Request => "request",
        }
    }
}

/// What a failed publish carried, the `what` label of `publish_errors_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    Result,
    DeadLetter,
}

impl Published {
    pub const ALL: [Published; 2] = [Published::Result, Published::DeadLetter];

    pub fn as_str(self) -> &'static str {
        match self {
            Published::Result => "result",
            Published::DeadLetter => "dead_letter",
        }
    }
}

/// What the NATS server refused the worker for lack of a permission, the `operation` label of
/// `nats_permission_denied_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NatsOperation {
    Publish,
    Subscribe,
}

impl NatsOperation {
    pub const ALL: [NatsOperation; 2] = [NatsOperation::Publish, NatsOperation::Subscribe];

    pub fn as_str(self) -> &'static str {
        match self {
            NatsOperation::Publish => "publish",
            NatsOperation::Subscribe => "subscribe",
        }
    }
}

#[derive(Clone)]
pub struct Metrics {
    pub registry: Registry,
    /// Messages taken from NATS, by `source` (jetstream, core, request).
    pub received: IntCounterVec,
    /// Messages finished, by `outcome` (result, dead_letter, retry).
    pub processed: IntCounterVec,
    /// Dead letters, by error `kind`.
    pub dead_letters: IntCounterVec,
    /// Seconds per stage.
    pub stage_seconds: HistogramVec,
    /// `stage_seconds`' children in the order of [`Stage::ALL`], resolved once: a label lookup
    /// hashes and locks, and every message observes several stages.
    stages: [Histogram; Stage::ALL.len()],
    /// Seconds from receiving a message to acknowledging it.
    pub end_to_end_seconds: Histogram,
    pub in_flight: IntGauge,
    /// Messages delivered more than once by JetStream.
    pub redeliveries: IntCounter,
    /// 1 while connected to NATS.
    pub nats_connected: IntGauge,
    pub nats_reconnects: IntCounter,
    /// Operations the NATS server refused for lack of a permission, by `operation`
    /// (`publish`, `subscribe`): the worker's user lacks a right it needs.
    pub nats_permission_denied: IntCounterVec,
    /// 1 while /readyz answers 200.
    pub ready: IntGauge,
    /// Results, by detected `language`.
    pub results_by_language: IntCounterVec,
    /// Results, by dedup `status`.
    pub results_by_dedup: IntCounterVec,
    pub quotes_extracted: IntCounter,
    pub quotes_per_article: Histogram,
    /// Articles that started a story, and articles linked to an earlier story.
    pub stories_started: IntCounter,
    pub stories_linked: IntCounter,
    /// Messages on the durable consumer not yet delivered (consumer lag), and delivered but
    /// not yet acknowledged.
    pub consumer_pending: IntGauge,
    pub consumer_ack_pending: IntGauge,
    /// Publishes that failed and were retried or made the message be redelivered.
    pub publish_errors: IntCounterVec,
    pub build_info: IntGaugeVec,
}

/// A metric's name and help text.
type Spec = (&'static str, &'static str);
/// A labelled counter family's name, help text and label.
type LabelledSpec = (&'static str, &'static str, &'static str);

// The names and help texts of the counters and gauges, one per field of `Metrics` (the
// histograms' are with their buckets below).
const RECEIVED: LabelledSpec = (
    "article_worker_messages_received_total",
    "Messages taken from NATS.",
    "source",
);
const PROCESSED: LabelledSpec = (
    "article_worker_messages_processed_total",
    "Messages finished, by outcome.",
    "outcome",
);
const DEAD_LETTERS: LabelledSpec = (
    "article_worker_dead_letters_total",
    "Messages dead-lettered, by error kind.",
    "kind",
);
const IN_FLIGHT: Spec = ("article_worker_in_flight", "Messages being processed now.");
const STORIES_STARTED: Spec = (
    "article_worker_stories_started_total",
    "Articles that started a story (no earlier report of their event in the window).",
);
const STORIES_LINKED: Spec = (
    "article_worker_story_articles_linked_total",
    "Articles linked to the story of an earlier report of the same event.",
);
const REDELIVERIES: Spec = (
    "article_worker_redeliveries_total",
    "Messages JetStream delivered more than once.",
);
const NATS_CONNECTED: Spec = (
    "article_worker_nats_connected",
    "1 while the worker is connected to NATS.",
);
const NATS_RECONNECTS: Spec = (
    "article_worker_nats_reconnects_total",
    "Reconnections to NATS after a lost connection.",
);
const NATS_PERMISSION_DENIED: LabelledSpec = (
    "article_worker_nats_permission_denied_total",
    "Publishes and subscriptions the NATS server refused for lack of a permission.",
    "operation",
);
const READY: Spec = (
    "article_worker_ready",
    "1 while the worker is ready to process articles.",
);
const RESULTS_BY_LANGUAGE: LabelledSpec = (
    "article_worker_results_by_language_total",
    "Results published, by detected language.",
    "language",
);
const RESULTS_BY_DEDUP: LabelledSpec = (
    "article_worker_results_by_dedup_total",
    "Results published, by dedup status.",
    "status",
);
const QUOTES_EXTRACTED: Spec = (
    "article_worker_quotes_extracted_total",
    "Quotations extracted from all articles.",
);
const CONSUMER_PENDING: Spec = (
    "article_worker_consumer_pending_messages",
    "Messages in the input stream not yet delivered to the consumer (lag).",
);
const CONSUMER_ACK_PENDING: Spec = (
    "article_worker_consumer_ack_pending_messages",
    "Messages delivered to the consumer and not yet acknowledged.",
);
const PUBLISH_ERRORS: LabelledSpec = (
    "article_worker_publish_errors_total",
    "Failed publishes, by what was published.",
    "what",
);

impl Metrics {
    /// Creates every metric and registers it, with the process collector, on `registry`.
    pub fn new(registry: Registry) -> Metrics {
        let r = &registry;
        let counter = |(name, help): Spec| registered(r, IntCounter::new(name, help));
        let gauge = |(name, help): Spec| registered(r, IntGauge::new(name, help));
        let counter_vec = |(name, help, label): LabelledSpec| {
            registered(r, IntCounterVec::new(Opts::new(name, help), &[label]))
        };
        let stage_seconds = registered(r, stage_seconds());
        let stages = Stage::ALL.map(|stage| stage_seconds.with_label_values(&[stage.as_str()]));
        let metrics = Metrics {
            received: counter_vec(RECEIVED),
            processed: counter_vec(PROCESSED),
            dead_letters: counter_vec(DEAD_LETTERS),
            stage_seconds,
            stages,
            end_to_end_seconds: registered(r, end_to_end_seconds()),
            in_flight: gauge(IN_FLIGHT),
            stories_started: counter(STORIES_STARTED),
            stories_linked: counter(STORIES_LINKED),
            redeliveries: counter(REDELIVERIES),
            nats_connected: gauge(NATS_CONNECTED),
            nats_reconnects: counter(NATS_RECONNECTS),
            nats_permission_denied: counter_vec(NATS_PERMISSION_DENIED),
            ready: gauge(READY),
            results_by_language: counter_vec(RESULTS_BY_LANGUAGE),
            results_by_dedup: counter_vec(RESULTS_BY_DEDUP),
            quotes_extracted: counter(QUOTES_EXTRACTED),
            quotes_per_article: registered(r, quotes_per_article()),
            consumer_pending: gauge(CONSUMER_PENDING),
            consumer_ack_pending: gauge(CONSUMER_ACK_PENDING),
            publish_errors: counter_vec(PUBLISH_ERRORS),
            build_info: registered(r, build_info()),
            registry,
        };
        metrics.start_series();
        metrics
    }

    /// Sets what is known at start-up: the build, the process collector, and every series of
    /// a labelled family whose label values are known in advance, at zero: a dashboard panel
    /// then reads 0 instead of "No data", and an alert's rate sees a counter that exists
    /// before its first increment (Prometheus' instrumentation guidance).
    fn start_series(&self) {
        self.build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        #[cfg(target_os = "linux")]
        self.registry
            .register(Box::new(
                prometheus::process_collector::ProcessCollector::for_self(),
            ))
            .expect("process collector registered once");
        let touch = |family: &IntCounterVec, values: &mut dyn Iterator<Item = &'static str>| {
            for value in values {
                family.with_label_values(&[value]);
            }
        };
        touch(
            &self.processed,
            &mut Outcome::ALL.iter().map(|o| o.as_str()),
        );
        touch(&self.received, &mut Source::ALL.iter().map(|s| s.as_str()));
        touch(
            &self.publish_errors,
            &mut Published::ALL.iter().map(|p| p.as_str()),
        );
        touch(
            &self.dead_letters,
            &mut DeadLetterKind::ALL.iter().map(|k| k.as_str()),
        );
        touch(
            &self.results_by_dedup,
            &mut DedupStatus::ALL.iter().map(|d| d.as_str()),
        );
        touch(&self.results_by_language, &mut crate::language::codes());
        // At zero from the start, so an increase is seen from the first refusal on.
        for operation in NatsOperation::ALL {
            self.nats_permission_denied(operation);
        }
    }

    /// The histogram of `stage`.
    pub fn stage(&self, stage: Stage) -> &Histogram {
        &self.stages[stage as usize]
    }

    /// The counter of messages that ended with `outcome`.
    pub fn processed(&self, outcome: Outcome) -> prometheus::IntCounter {
        self.processed.with_label_values(&[outcome.as_str()])
    }

    /// The counter of operations the NATS server refused.
    pub fn nats_permission_denied(&self, operation: NatsOperation) -> prometheus::IntCounter {
        self.nats_permission_denied
            .with_label_values(&[operation.as_str()])
    }

    /// The counter of messages received from `source`.
    pub fn received(&self, source: Source) -> prometheus::IntCounter {
        self.received.with_label_values(&[source.as_str()])
    }

    /// The counter of failed publishes of `what`.
    pub fn publish_errors(&self, what: Published) -> prometheus::IntCounter {
        self.publish_errors.with_label_values(&[what.as_str()])
    }

    /// The counter of dead letters of `kind`.
    pub fn dead_letters(&self, kind: DeadLetterKind) -> prometheus::IntCounter {
        self.dead_letters.with_label_values(&[kind.as_str()])
    }

    /// The Prometheus text exposition of every registered metric.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut buf)
            .expect("text encoding never fails");
        String::from_utf8(buf).expect("the text format is UTF-8")
    }
}

/// Registers a newly created metric on `registry` and returns it; names and options are
/// constants of this module, so a failure is a bug found by the first test.
fn registered<M: Collector + Clone + 'static>(
    registry: &Registry,
    metric: prometheus::Result<M>,
) -> M {
    let metric = metric.expect("valid metric");
    registry
        .register(Box::new(metric.clone()))
        .expect("metric registered once");
    metric
}

/// Latency buckets from 50 µs, doubling 18 times to about 6.5 s: an ordinary article takes a
/// fraction of a millisecond, a publish waiting on a slow server seconds.
fn seconds_buckets() -> Vec<f64> {
    exponential_buckets(0.000_05, 2.0, 18).expect("valid buckets")
}

fn stage_seconds() -> prometheus::Result<HistogramVec> {
    HistogramVec::new(
        HistogramOpts::new(
            "article_worker_stage_duration_seconds",
            "Time spent in each pipeline stage.",
        )
        .buckets(seconds_buckets()),
        &["stage"],
    )
}

fn end_to_end_seconds() -> prometheus::Result<Histogram> {
    Histogram::with_opts(
        HistogramOpts::new(
            "article_worker_processing_duration_seconds",
            "Time from receiving a message to acknowledging it.",
        )
        .buckets(seconds_buckets()),
    )
}

fn quotes_per_article() -> prometheus::Result<Histogram> {
    Histogram::with_opts(
        HistogramOpts::new(
            "article_worker_quotes_per_article",
            "Quotations extracted from one article.",
        )
        .buckets(vec![0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0]),
    )
}

fn build_info() -> prometheus::Result<IntGaugeVec> {
    IntGaugeVec::new(
        Opts::new(
            "article_worker_build_info",
            "The running version; always 1.",
        ),
        &["version"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Metrics::stage`] indexes by the enum's value, so `ALL` must list stages in that order.
    #[test]
    fn stages_are_listed_in_their_declared_order() {
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            assert_eq!(stage as usize, i, "{}", stage.as_str());
        }
    }

    #[test]
    fn every_known_label_value_is_exported_at_zero_from_the_start() {
        let text = Metrics::new(Registry::new()).render();
        let zero = |family: &str, label: &str, value: &str| {
            let line = format!("{family}{{{label}=\"{value}\"}} 0\n");
            assert!(text.contains(&line), "{line}");
        };
        for kind in DeadLetterKind::ALL {
            zero("article_worker_dead_letters_total", "kind", kind.as_str());
        }
        for source in Source::ALL {
            zero(
                "article_worker_messages_received_total",
                "source",
                source.as_str(),
            );
        }
        for what in Published::ALL {
            zero("article_worker_publish_errors_total", "what", what.as_str());
        }
        for status in ["unique", "exact_duplicate", "near_duplicate"] {
            zero("article_worker_results_by_dedup_total", "status", status);
        }
        for language in ["ar", "fa", "en", "und"] {
            zero(
                "article_worker_results_by_language_total",
                "language",
                language,
            );
        }
    }

    #[test]
    fn every_metric_is_prefixed_and_rendered() {
        let m = Metrics::new(Registry::new());
        m.dead_letters(DeadLetterKind::InvalidUtf8).inc();
        m.stage(Stage::Quotes).observe(0.001);
        let text = m.render();
        assert!(text.contains("article_worker_dead_letters_total{kind=\"invalid_utf8\"} 1"));
        assert!(text.contains("article_worker_stage_duration_seconds_count{stage=\"quotes\"} 1"));
        assert!(text.contains("article_worker_stage_duration_seconds_count{stage=\"decode\"} 0"));
        for family in m.registry.gather() {
            let name = family.name();
            assert!(
                name.starts_with("article_worker_") || name.starts_with("process_"),
                "{name}"
            );
        }
    }
}
