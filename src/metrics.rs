//! Every metric the worker exports, as one struct registered on a registry that is passed in.
//!
//! Names follow Prometheus conventions: the `article_worker_` prefix, base units, `_total` on
//! counters; label values come from bounded sets (outcomes, error kinds, stage names, language
//! codes the detector knows, dedup statuses).

use prometheus::{
    exponential_buckets, Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter,
    IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// The names of the pipeline stages, as the `stage` label spells them.
pub const STAGES: [&str; 5] = ["decode", "language", "dedup", "quotes", "publish"];

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
    /// `stage_seconds`' children in the order of [`STAGES`], resolved once: a label lookup
    /// hashes and locks, and every message observes several stages.
    stages: [Histogram; STAGES.len()],
    /// Seconds from receiving a message to acknowledging it.
    pub end_to_end_seconds: Histogram,
    pub in_flight: IntGauge,
    /// Messages delivered more than once by JetStream.
    pub redeliveries: IntCounter,
    /// 1 while connected to NATS.
    pub nats_connected: IntGauge,
    pub nats_reconnects: IntCounter,
    /// 1 while /readyz answers 200.
    pub ready: IntGauge,
    /// Results, by detected `language`.
    pub results_by_language: IntCounterVec,
    /// Results, by dedup `status`.
    pub results_by_dedup: IntCounterVec,
    pub quotes_extracted: IntCounter,
    pub quotes_per_article: Histogram,
    /// Messages on the durable consumer not yet delivered (consumer lag), and delivered but
    /// not yet acknowledged.
    pub consumer_pending: IntGauge,
    pub consumer_ack_pending: IntGauge,
    /// Publishes that failed and were retried or made the message be redelivered.
    pub publish_errors: IntCounterVec,
    pub build_info: IntGaugeVec,
}

impl Metrics {
    /// Creates every metric and registers it, with the process collector, on `registry`.
    pub fn new(registry: Registry) -> Metrics {
        let counter_vec = |name: &str, help: &str, labels: &[&str]| {
            let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("metric registered once");
            c
        };
        let counter = |name: &str, help: &str| {
            let c = IntCounter::new(name, help).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("metric registered once");
            c
        };
        let gauge = |name: &str, help: &str| {
            let g = IntGauge::new(name, help).expect("valid metric");
            registry
                .register(Box::new(g.clone()))
                .expect("metric registered once");
            g
        };
        let seconds_buckets = exponential_buckets(0.000_05, 2.0, 18).expect("valid buckets");
        let stage_seconds = HistogramVec::new(
            HistogramOpts::new(
                "article_worker_stage_duration_seconds",
                "Time spent in each pipeline stage.",
            )
            .buckets(seconds_buckets.clone()),
            &["stage"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(stage_seconds.clone()))
            .expect("metric registered once");
        let end_to_end_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "article_worker_processing_duration_seconds",
                "Time from receiving a message to acknowledging it.",
            )
            .buckets(seconds_buckets),
        )
        .expect("valid metric");
        registry
            .register(Box::new(end_to_end_seconds.clone()))
            .expect("metric registered once");
        let quotes_per_article = Histogram::with_opts(
            HistogramOpts::new(
                "article_worker_quotes_per_article",
                "Quotations extracted from one article.",
            )
            .buckets(vec![0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0]),
        )
        .expect("valid metric");
        registry
            .register(Box::new(quotes_per_article.clone()))
            .expect("metric registered once");
        let build_info = IntGaugeVec::new(
            Opts::new(
                "article_worker_build_info",
                "The running version; always 1.",
            ),
            &["version"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(build_info.clone()))
            .expect("metric registered once");
        build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        #[cfg(target_os = "linux")]
        registry
            .register(Box::new(
                prometheus::process_collector::ProcessCollector::for_self(),
            ))
            .expect("process collector registered once");

        let stages = STAGES.map(|stage| stage_seconds.with_label_values(&[stage]));
        let metrics = Metrics {
            received: counter_vec(
                "article_worker_messages_received_total",
                "Messages taken from NATS.",
                &["source"],
            ),
            processed: counter_vec(
                "article_worker_messages_processed_total",
                "Messages finished, by outcome.",
                &["outcome"],
            ),
            dead_letters: counter_vec(
                "article_worker_dead_letters_total",
                "Messages dead-lettered, by error kind.",
                &["kind"],
            ),
            stage_seconds,
            stages,
            end_to_end_seconds,
            in_flight: gauge("article_worker_in_flight", "Messages being processed now."),
            redeliveries: counter(
                "article_worker_redeliveries_total",
                "Messages JetStream delivered more than once.",
            ),
            nats_connected: gauge(
                "article_worker_nats_connected",
                "1 while the worker is connected to NATS.",
            ),
            nats_reconnects: counter(
                "article_worker_nats_reconnects_total",
                "Reconnections to NATS after a lost connection.",
            ),
            ready: gauge(
                "article_worker_ready",
                "1 while the worker is ready to process articles.",
            ),
            results_by_language: counter_vec(
                "article_worker_results_by_language_total",
                "Results published, by detected language.",
                &["language"],
            ),
            results_by_dedup: counter_vec(
                "article_worker_results_by_dedup_total",
                "Results published, by dedup status.",
                &["status"],
            ),
            quotes_extracted: counter(
                "article_worker_quotes_extracted_total",
                "Quotations extracted from all articles.",
            ),
            quotes_per_article,
            consumer_pending: gauge(
                "article_worker_consumer_pending_messages",
                "Messages in the input stream not yet delivered to the consumer (lag).",
            ),
            consumer_ack_pending: gauge(
                "article_worker_consumer_ack_pending_messages",
                "Messages delivered to the consumer and not yet acknowledged.",
            ),
            publish_errors: counter_vec(
                "article_worker_publish_errors_total",
                "Failed publishes, by what was published.",
                &["what"],
            ),
            build_info,
            registry,
        };
        for outcome in ["result", "dead_letter", "retry"] {
            metrics.processed.with_label_values(&[outcome]);
        }
        metrics
    }

    /// The histogram of one of [`STAGES`].
    pub fn stage(&self, stage: &str) -> &Histogram {
        let i = STAGES
            .iter()
            .position(|s| *s == stage)
            .unwrap_or_else(|| panic!("unknown stage {stage}"));
        &self.stages[i]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_prefixed_and_rendered() {
        let m = Metrics::new(Registry::new());
        m.dead_letters.with_label_values(&["invalid_utf8"]).inc();
        m.stage("quotes").observe(0.001);
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
