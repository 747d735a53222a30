//! Messages the input consumer gave up on after `max_deliver` deliveries, none of which the
//! worker saw end (a worker killed while holding the last one). JetStream announces each with
//! a max-deliveries advisory when a pull reaches the message past its last ack wait: a core
//! message, which a replica not yet listening or dying while it handles it would lose. A
//! stream of the worker's own keeps the advisories, and a durable consumer on it hands each to
//! one replica, which dead-letters the message the advisory names (read back from the input
//! stream) and only then acknowledges the advisory.

use std::future::Future;
use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull};
use futures::StreamExt;

use super::TransportError;
use crate::settings::Settings;

/// A message JetStream stopped delivering, read back from the input stream.
pub struct Abandoned {
    pub subject: String,
    pub payload: bytes::Bytes,
    pub headers: serde_json::Map<String, serde_json::Value>,
    pub dead_letter_id: String,
    pub deliveries: i64,
}

/// How long an advisory whose message could not be dead-lettered waits before it is tried
/// again.
const RETRY_DELAY: Duration = Duration::from_secs(5);

/// Where JetStream announces that the input consumer gave up on a message.
pub fn max_deliveries_subject(settings: &Settings) -> String {
    let input = &settings.input;
    format!(
        "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{}.{}",
        input.stream, input.consumer
    )
}

/// The stream that keeps the advisories of [`max_deliveries_subject`].
pub fn advisory_stream(settings: &Settings) -> String {
    format!("{}_ABANDONED", settings.input.stream)
}

/// The durable consumer every replica pulls the advisories from.
pub fn advisory_consumer(settings: &Settings) -> String {
    format!("{}-abandoned", settings.input.consumer)
}

/// Creates (or binds) the advisory stream and its consumer, then calls `on_abandoned` for each
/// message JetStream gave up on; an advisory is acknowledged once `on_abandoned` returns true
/// (the dead letter is stored), or when its message is no longer in the input stream.
pub async fn watch<F, Fut>(
    client: &async_nats::Client,
    settings: &Settings,
    on_abandoned: F,
) -> Result<tokio::task::JoinHandle<()>, TransportError>
where
    F: Fn(Abandoned) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    let js = jetstream::new(client.clone());
    let mut advisories = pull(&advisory_consumer_of(&js, settings).await?).await?;
    let (settings, input_stream) = (settings.clone(), settings.input.stream.clone());
    Ok(tokio::spawn(async move {
        loop {
            while let Some(advisory) = advisories.next().await {
                let advisory = match advisory {
                    Ok(m) => m,
                    Err(e) => {
                        tracing::warn!(error = %e, "reading the max-deliveries advisories");
                        continue;
                    }
                };
                let done = handle(&js, &input_stream, &advisory.payload, &on_abandoned).await;
                answer(&advisory, done).await;
            }
            // The pull ended (its consumer deleted, the connection given up): the advisories
            // wait in their stream; bind the consumer again, creating it if it is gone.
            tracing::warn!("the max-deliveries advisories stopped coming; pulling them again");
            advisories = loop {
                tokio::time::sleep(RETRY_DELAY).await;
                match advisory_consumer_of(&js, &settings).await {
                    Ok(consumer) => match pull(&consumer).await {
                        Ok(messages) => break messages,
                        Err(e) => tracing::warn!(error = %e, "pulling the advisories again"),
                    },
                    Err(e) => tracing::warn!(error = %e, "binding the advisory consumer again"),
                }
            };
        }
    }))
}

/// The advisory consumer's messages, pulled as they come.
async fn pull(
    consumer: &jetstream::consumer::PullConsumer,
) -> Result<jetstream::consumer::pull::Stream, TransportError> {
    consumer
        .messages()
        .await
        .map_err(|e| TransportError::Subscribe(e.to_string()))
}

/// Acknowledges an advisory that is done with, or asks for it again after [`RETRY_DELAY`].
async fn answer(advisory: &jetstream::Message, done: bool) {
    let answer = if done {
        advisory.ack().await
    } else {
        advisory
            .ack_with(jetstream::AckKind::Nak(Some(RETRY_DELAY)))
            .await
    };
    if let Err(e) = answer {
        tracing::warn!(error = %e, "cannot answer a max-deliveries advisory; it comes again");
    }
}

/// The advisory stream and its durable consumer. A work queue: an advisory acknowledged is
/// gone, so the stream holds only the advisories still to be handled.
async fn advisory_consumer_of(
    js: &jetstream::Context,
    settings: &Settings,
) -> Result<jetstream::consumer::PullConsumer, TransportError> {
    let (stream, consumer) = (advisory_stream(settings), advisory_consumer(settings));
    let config = jetstream::stream::Config {
        name: stream.clone(),
        subjects: vec![max_deliveries_subject(settings)],
        retention: jetstream::stream::RetentionPolicy::WorkQueue,
        storage: jetstream::stream::StorageType::File,
        ..Default::default()
    };
    let handle = super::streams::ensure_stream(js, config, settings.nats.replicas)
        .await
        .map_err(|e| TransportError::Setup {
            what: format!("stream {stream}"),
            message: e.to_string(),
        })?;
    handle
        .get_or_create_consumer(
            &consumer,
            pull::Config {
                durable_name: Some(consumer.clone()),
                description: Some("article-worker: dead-letters what the input gave up on".into()),
                ack_policy: jetstream::consumer::AckPolicy::Explicit,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| TransportError::Setup {
            what: format!("consumer {consumer} on stream {stream}"),
            message: e.to_string(),
        })
}

/// Dead-letters the message one advisory names; whether the advisory is done with.
async fn handle<F, Fut>(
    js: &jetstream::Context,
    input_stream: &str,
    payload: &[u8],
    on_abandoned: &F,
) -> bool
where
    F: Fn(Abandoned) -> Fut,
    Fut: Future<Output = bool>,
{
    #[derive(serde::Deserialize)]
    struct Advisory {
        stream_seq: u64,
        deliveries: i64,
    }
    let Ok(a) = serde_json::from_slice::<Advisory>(payload) else {
        tracing::error!("a max-deliveries advisory that does not parse; dropped");
        return true;
    };
    let stream = match js.get_stream_no_info(input_stream).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, stream_seq = a.stream_seq, "cannot open the input stream to dead-letter an abandoned message");
            return false;
        }
    };
    match stream.get_raw_message(a.stream_seq).await {
        Ok(m) => {
            on_abandoned(Abandoned {
                headers: super::input::headers_json(Some(&m.headers)),
                payload: m.payload,
                subject: m.subject.to_string(),
                dead_letter_id: format!("dlq-{input_stream}-{}", a.stream_seq),
                deliveries: a.deliveries,
            })
            .await
        }
        Err(e) if e.kind() == jetstream::stream::LastRawMessageErrorKind::NoMessageFound => {
            tracing::error!(
                stream_seq = a.stream_seq,
                "abandoned message is no longer in the input stream"
            );
            true
        }
        Err(e) => {
            tracing::warn!(error = %e, stream_seq = a.stream_seq, "cannot read an abandoned message back; tried again");
            false
        }
    }
}
