//! The NATS rights the worker needs under given settings, in nats-server's own permission
//! syntax (`{"publish": {"allow": […]}, "subscribe": {"allow": […]}, "allow_responses": true}`),
//! so that its user can be given exactly these and nothing else.
//!
//! The list was found by running the worker under a user with none, reading the server's
//! permission-violation log and adding what it named, until every path (articles, dead letters,
//! the dedup bucket, `articles.analyze`, `$SRV.PING`, the max-deliveries advisory) worked;
//! `deploy/nats/worker-permissions*.json` are this module's answer for the deployed settings, and
//! the integration tests run the worker under those files. `article-worker nats-permissions`
//! prints the answer for any settings: every subject below follows a settings key.

use serde::{Deserialize, Serialize};

use super::abandoned::{advisory_consumer, advisory_stream};
use super::service::{SERVICE_NAME, SERVICE_VERBS};
use crate::settings::{DedupStoreKind, InputMode, Settings};

/// One user's rights, as nats-server's `permissions` block reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    pub publish: Allow,
    pub subscribe: Allow,
    /// Lets the worker answer each request it receives (`articles.analyze`, `$SRV.PING`) once,
    /// on the request's own reply subject, instead of a right to publish to every client's
    /// `_INBOX.>`.
    pub allow_responses: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    pub allow: Vec<String>,
}

/// The rights `settings` need: nothing under `$SYS`, no bare `>`.
pub fn needed(settings: &Settings) -> Permissions {
    let mut publish = Vec::new();
    let mut subscribe = vec![format!("{}.>", settings.nats.inbox_prefix)];
    match settings.input.mode {
        InputMode::Jetstream => jetstream_input(settings, &mut publish),
        InputMode::Core => {
            let subject = &settings.input.subject;
            subscribe.extend([subject.clone(), format!("{subject}.>")]);
        }
    }
    let out = &settings.output;
    for (stream, subject) in [
        (&out.results_stream, &out.results_subject),
        (&out.dlq_stream, &out.dlq_subject),
    ] {
        if let Some(stream) = stream {
            publish.extend(stream_setup(stream));
        }
        publish.push(subject.clone());
    }
    if settings.dedup.store == DedupStoreKind::Jetstream {
        let bucket = &settings.dedup.kv_bucket;
        publish.extend(stream_setup(&format!("KV_{bucket}")));
        publish.extend([
            format!("$JS.API.STREAM.MSG.GET.KV_{bucket}"),
            format!("$JS.API.DIRECT.GET.KV_{bucket}.>"),
            format!("$KV.{bucket}.>"),
        ]);
    }
    if settings.dedup.store == DedupStoreKind::Jetstream && settings.story.enabled {
        // The story bucket is also replayed through an ordered consumer with flow control.
        let bucket = &settings.story.kv_bucket;
        publish.extend(stream_setup(&format!("KV_{bucket}")));
        publish.extend([
            format!("$JS.API.STREAM.MSG.GET.KV_{bucket}"),
            format!("$JS.API.DIRECT.GET.KV_{bucket}.>"),
            format!("$JS.API.CONSUMER.CREATE.KV_{bucket}"),
            format!("$JS.API.CONSUMER.CREATE.KV_{bucket}.>"),
            format!("$JS.FC.KV_{bucket}.>"),
            format!("$KV.{bucket}.>"),
        ]);
    }
    for verb in SERVICE_VERBS {
        subscribe.extend([
            format!("$SRV.{verb}"),
            format!("$SRV.{verb}.{SERVICE_NAME}"),
            format!("$SRV.{verb}.{SERVICE_NAME}.*"),
        ]);
    }
    subscribe.push(out.analyze_subject.clone());
    Permissions {
        publish: Allow { allow: publish },
        subscribe: Allow { allow: subscribe },
        allow_responses: true,
    }
}

/// The input stream and its durable pull consumer (set-up, pulls, acknowledgements), and the
/// stream of max-deliveries advisories with its consumer, whose messages are read back from
/// the input stream to be dead-lettered.
fn jetstream_input(settings: &Settings, publish: &mut Vec<String>) {
    let input = (&settings.input.stream, &settings.input.consumer);
    let advisories = (&advisory_stream(settings), &advisory_consumer(settings));
    for (stream, consumer) in [input, advisories] {
        publish.extend(stream_setup(stream));
        publish.extend([
            format!("$JS.API.CONSUMER.INFO.{stream}.{consumer}"),
            format!("$JS.API.CONSUMER.CREATE.{stream}.{consumer}"),
            format!("$JS.API.CONSUMER.MSG.NEXT.{stream}.{consumer}"),
            format!("$JS.ACK.{stream}.{consumer}.>"),
        ]);
    }
    publish.push(format!("$JS.API.STREAM.MSG.GET.{}", settings.input.stream));
}

/// Reading a stream's configuration and creating it when it is missing. Where an operator
/// creates the streams beforehand, `CREATE` can be left out.
fn stream_setup(stream: &str) -> [String; 2] {
    [
        format!("$JS.API.STREAM.INFO.{stream}"),
        format!("$JS.API.STREAM.CREATE.{stream}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(env: &[(&str, &str)]) -> Settings {
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        Settings::load_with_env(None, env).unwrap()
    }

    fn all(p: &Permissions) -> Vec<&String> {
        p.publish.allow.iter().chain(&p.subscribe.allow).collect()
    }

    #[test]
    fn nothing_bare_or_under_sys() {
        for mode in ["jetstream", "core"] {
            let p = needed(&settings(&[
                ("ARTICLE_WORKER__INPUT__MODE", mode),
                ("ARTICLE_WORKER__DEDUP__STORE", "jetstream"),
            ]));
            for s in all(&p) {
                assert!(s != ">" && !s.starts_with("$SYS"), "{s}");
                assert!(!s.starts_with("_INBOX.>"), "{s}");
            }
        }
    }

    #[test]
    fn subjects_follow_the_settings() {
        let p = needed(&settings(&[
            ("ARTICLE_WORKER__INPUT__STREAM", "NEWS"),
            ("ARTICLE_WORKER__INPUT__CONSUMER", "reader"),
            ("ARTICLE_WORKER__OUTPUT__RESULTS_SUBJECT", "news.done"),
            ("ARTICLE_WORKER__OUTPUT__ANALYZE_SUBJECT", "news.analyze"),
            ("ARTICLE_WORKER__NATS__INBOX_PREFIX", "_I.news"),
        ]));
        let publish = &p.publish.allow;
        assert!(publish.contains(&"$JS.API.CONSUMER.MSG.NEXT.NEWS.reader".to_string()));
        assert!(publish.contains(&"$JS.ACK.NEWS.reader.>".to_string()));
        assert!(publish.contains(&"news.done".to_string()));
        assert!(!publish.iter().any(|s| s.contains("articles.processed")));
        let subscribe = &p.subscribe.allow;
        assert!(subscribe.contains(&"_I.news.>".to_string()));
        assert!(subscribe.contains(&"news.analyze".to_string()));
        // The advisories come through a stream of the worker's own, not a subscription.
        assert!(publish
            .contains(&"$JS.API.CONSUMER.MSG.NEXT.NEWS_ABANDONED.reader-abandoned".to_string()));
        assert!(!subscribe.iter().any(|s| s.starts_with("$JS.EVENT")));
    }

    #[test]
    fn core_mode_subscribes_to_the_input_and_needs_no_input_stream() {
        let p = needed(&settings(&[("ARTICLE_WORKER__INPUT__MODE", "core")]));
        assert!(p.subscribe.allow.contains(&"articles.ingest".to_string()));
        assert!(p.subscribe.allow.contains(&"articles.ingest.>".to_string()));
        assert!(!all(&p).iter().any(|s| s.contains(".ARTICLES")));
    }

    #[test]
    fn the_dedup_bucket_is_there_only_for_the_jetstream_store() {
        let kv = |store| {
            let p = needed(&settings(&[("ARTICLE_WORKER__DEDUP__STORE", store)]));
            p.publish
                .allow
                .iter()
                .any(|s| s.contains("KV_article_dedup"))
        };
        assert!(kv("jetstream"));
        assert!(!kv("embedded"));
    }
}
