//! NATS permission violations. When the worker's user may not publish or subscribe to a
//! subject, the server keeps the connection and only sends `-ERR 'Permissions Violation for
//! Publish to "SUBJECT"'`; the publish is dropped and its confirmation never comes. Left at
//! that, the worker would wait for time-outs and retry with nothing saying why. This module
//! turns the server's message into a [`PermissionDenied`], logs it at ERROR naming the
//! subject, counts it, and makes `/readyz` answer 503 with it until the subject works again.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::metrics::{Metrics, NatsOperation as Operation};
use crate::readiness::Readiness;

/// One refusal: the worker's NATS user lacks the right to `operation` on `subject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionDenied {
    pub operation: Operation,
    pub subject: String,
}

impl std::fmt::Display for PermissionDenied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "nats permission denied: {} to {:?}",
            self.operation.as_str(),
            self.subject
        )
    }
}

impl PermissionDenied {
    /// Reads the server's error text (`Permissions Violation for Publish to "a.b"`, or
    /// `… for Subscription to "a.b" using queue "q"`); `None` for any other error.
    pub fn parse(server_error: &str) -> Option<PermissionDenied> {
        const PREFIX: &str = "permissions violation for ";
        let start = server_error.to_ascii_lowercase().find(PREFIX)? + PREFIX.len();
        let rest = &server_error[start..];
        let (operation, rest) = if let Some(r) = strip_prefix_ignore_case(rest, "publish to ") {
            (Operation::Publish, r)
        } else {
            let r = strip_prefix_ignore_case(rest, "subscription to ")?;
            (Operation::Subscribe, r)
        };
        let quoted = rest.strip_prefix('"')?;
        let subject = &quoted[..quoted.find('"')?];
        Some(PermissionDenied {
            operation,
            subject: subject.to_owned(),
        })
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Repeated refusals (one per article when results may not be published) are logged at most
/// once per this interval, with the number left unlogged in between: the first one at once.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// Reports refusals: ERROR log, metric, readiness.
pub struct DenialReporter {
    readiness: std::sync::Arc<Readiness>,
    metrics: Metrics,
    /// When a refusal was last logged, and how many arrived since without a log line.
    log: Mutex<Option<(Instant, u64)>>,
}

impl DenialReporter {
    pub fn new(readiness: std::sync::Arc<Readiness>, metrics: Metrics) -> DenialReporter {
        DenialReporter {
            readiness,
            metrics,
            log: Mutex::new(None),
        }
    }

    /// Handles one server error text; whether it was a permission violation.
    pub fn report(&self, server_error: &str) -> bool {
        let Some(denied) = PermissionDenied::parse(server_error) else {
            return false;
        };
        self.metrics.nats_permission_denied(denied.operation).inc();
        let unlogged = {
            let mut log = self.log.lock().expect("never poisoned");
            match *log {
                Some((at, ref mut n)) if at.elapsed() < LOG_EVERY => {
                    *n += 1;
                    None
                }
                Some((_, n)) => {
                    *log = Some((Instant::now(), 0));
                    Some(n)
                }
                None => {
                    *log = Some((Instant::now(), 0));
                    Some(0)
                }
            }
        };
        if let Some(unlogged) = unlogged {
            tracing::error!(
                operation = denied.operation.as_str(),
                subject = %denied.subject,
                unlogged_since_last = unlogged,
                "NATS refused: the worker's user has no right to {} to {:?}; see deploy/nats/worker-permissions.json",
                denied.operation.as_str(),
                denied.subject,
            );
        }
        self.readiness
            .set_denied(&denied.subject, denied.to_string());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publish_violation_names_its_subject() {
        let d = PermissionDenied::parse(
            "nats: Permissions Violation for Publish to \"articles.processed\"",
        )
        .unwrap();
        assert_eq!(d.operation, Operation::Publish);
        assert_eq!(d.subject, "articles.processed");
        assert_eq!(
            d.to_string(),
            "nats permission denied: publish to \"articles.processed\""
        );
    }

    #[test]
    fn a_queue_subscription_violation_names_its_subject() {
        let d = PermissionDenied::parse(
            "Permissions Violation for Subscription to \"$SRV.PING\" using queue \"q\"",
        )
        .unwrap();
        assert_eq!(d.operation, Operation::Subscribe);
        assert_eq!(d.subject, "$SRV.PING");
    }

    #[test]
    fn other_server_errors_are_not_violations() {
        for text in [
            "authorization violation",
            "Maximum Payload Violation",
            "permissions violation for publish to",
            "Permissions Violation for Publish to \"unterminated",
        ] {
            assert_eq!(PermissionDenied::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_violation_is_counted_and_makes_the_worker_unready() {
        let readiness = std::sync::Arc::new(Readiness::default());
        readiness.set_connected(true);
        readiness.set_bound(true);
        let metrics = Metrics::new(prometheus::Registry::new());
        let reporter = DenialReporter::new(readiness.clone(), metrics.clone());
        assert!(!reporter.report("slow consumer"));
        assert!(readiness.is_ready());
        for _ in 0..3 {
            assert!(reporter.report("Permissions Violation for Publish to \"out\""));
        }
        assert!(!readiness.is_ready());
        assert_eq!(
            readiness.describe(),
            "nats permission denied: publish to \"out\""
        );
        let counted = metrics.nats_permission_denied(Operation::Publish).get();
        assert_eq!(counted, 3);
        readiness.clear_denied("out");
        assert!(readiness.is_ready());
    }
}
