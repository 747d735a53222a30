//! The input side. JetStream mode creates or binds the input stream and the durable pull
//! consumer that every replica shares (explicit ack), and re-binds after a server restart;
//! core mode subscribes with a queue group (at-most-once). Either way the worker sees
//! [`Inbound`] values and acknowledges them through it.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, message::Acker, AckKind};
use async_nats::{HeaderMap, Subject};

type PullConsumer = jetstream::consumer::Consumer<pull::Config>;
use bytes::Bytes;
use futures::StreamExt;

use super::{AckError, TransportError};
use crate::metrics::Source;
use crate::settings::{InputMode, Settings};

/// One message taken from NATS, decoupled from the client library.
pub struct Inbound {
    pub payload: Bytes,
    pub subject: Subject,
    /// The `Nats-Msg-Id` header.
    pub msg_id: Option<String>,
    /// How many times JetStream has delivered this message (1 in core mode).
    pub delivered: i64,
    /// The JetStream consumer or the core subscription.
    pub source: Source,
    headers: Option<HeaderMap>,
    /// The input stream and this message's sequence in it (JetStream mode).
    stream_position: Option<(Arc<str>, u64)>,
    last_delivery: bool,
    acker: Option<Acker>,
}

impl Inbound {
    /// Whether JetStream will not deliver this message again if it is not acknowledged.
    pub fn is_last_delivery(&self) -> bool {
        self.last_delivery
    }

    /// Every header, first value of each, for the dead letter.
    pub fn headers_json(&self) -> serde_json::Map<String, serde_json::Value> {
        headers_json(self.headers.as_ref())
    }

    /// The `Nats-Msg-Id` of this message's dead letter, stable across redeliveries: the input
    /// stream and sequence, or in core mode a hash of the payload.
    pub fn dead_letter_id(&self) -> String {
        match &self.stream_position {
            Some((stream, seq)) => format!("dlq-{stream}-{seq}"),
            None => format!("dlq-{}", crate::message::content_id_bytes(&self.payload)),
        }
    }

    /// Acknowledges: the message is done.
    pub async fn ack(&self) -> Result<(), AckError> {
        self.send(AckKind::Ack, "ack").await
    }

    /// Asks for redelivery after `delay`.
    pub async fn retry(&self, delay: Duration) -> Result<(), AckError> {
        self.send(AckKind::Nak(Some(delay)), "nak").await
    }

    /// Tells JetStream never to deliver this message again.
    pub async fn terminate(&self) -> Result<(), AckError> {
        self.send(AckKind::Term, "term").await
    }

    /// Sends `kind` (named `reply` in the error) where the message came from JetStream; a
    /// core message has no one to tell.
    async fn send(&self, kind: AckKind, reply: &'static str) -> Result<(), AckError> {
        match &self.acker {
            Some(acker) => acker
                .ack_with(kind)
                .await
                .map_err(|source| AckError { reply, source }),
            None => Ok(()),
        }
    }

    fn from_core(m: async_nats::Message) -> Inbound {
        Inbound {
            msg_id: msg_id_of(m.headers.as_ref()),
            payload: m.payload,
            subject: m.subject,
            delivered: 1,
            source: Source::Core,
            headers: m.headers,
            stream_position: None,
            last_delivery: true,
            acker: None,
        }
    }

    fn from_jetstream(
        m: jetstream::Message,
        stream: &Arc<str>,
        max_deliver: Option<u32>,
    ) -> Inbound {
        let (delivered, stream_position) = match m.info() {
            Ok(info) if *info.stream == **stream => {
                (info.delivered, Some((stream.clone(), info.stream_sequence)))
            }
            Ok(info) => (
                info.delivered,
                Some((Arc::from(info.stream), info.stream_sequence)),
            ),
            Err(_) => (1, None),
        };
        let (message, acker) = m.split();
        Inbound {
            msg_id: msg_id_of(message.headers.as_ref()),
            payload: message.payload,
            subject: message.subject,
            delivered,
            source: Source::Jetstream,
            headers: message.headers,
            stream_position,
            last_delivery: max_deliver.is_some_and(|max| delivered >= i64::from(max)),
            acker: Some(acker),
        }
    }
}

fn msg_id_of(headers: Option<&HeaderMap>) -> Option<String> {
    headers?.get("Nats-Msg-Id").map(|v| v.as_str().to_owned())
}

/// Every header, first value of each, as the dead letter carries them.
pub fn headers_json(headers: Option<&HeaderMap>) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    if let Some(h) = headers {
        for (name, values) in h.iter() {
            if let Some(v) = values.first() {
                map.insert(name.to_string(), serde_json::Value::String(v.to_string()));
            }
        }
    }
    map
}

/// How long one pull request waits on the server for messages.
const PULL_EXPIRES: Duration = Duration::from_secs(30);
/// How often the server confirms a waiting pull request when it has nothing to send. Two
/// intervals without a message or a heartbeat mean the request is gone (see
/// [`JetStreamInput::next`]), so this bounds how long the worker can sit idle beside a
/// backlog.
const PULL_HEARTBEAT: Duration = Duration::from_secs(2);

/// Where articles come from.
pub enum Input {
    JetStream(Box<JetStreamInput>),
    Core(futures::stream::SelectAll<async_nats::Subscriber>),
}

pub struct JetStreamInput {
    js: jetstream::Context,
    /// The input stream's name, shared by every message's dead-letter id.
    stream: Arc<str>,
    settings: Settings,
    consumer: PullConsumer,
    messages: Option<pull::Stream>,
}

impl Input {
    /// Creates or binds what the input mode needs.
    pub async fn bind(
        client: &async_nats::Client,
        settings: &Settings,
    ) -> Result<Input, TransportError> {
        let input = &settings.input;
        match input.mode {
            InputMode::Core => {
                let mut subs = futures::stream::SelectAll::new();
                for subject in [input.subject.clone(), format!("{}.>", input.subject)] {
                    let sub = client
                        .queue_subscribe(subject, input.queue_group.clone())
                        .await
                        .map_err(|e| TransportError::Subscribe(e.to_string()))?;
                    subs.push(sub);
                }
                Ok(Input::Core(subs))
            }
            InputMode::Jetstream => {
                let js = jetstream::new(client.clone());
                let consumer = bind_consumer(&js, settings).await?;
                Ok(Input::JetStream(Box::new(JetStreamInput {
                    js,
                    stream: Arc::from(settings.input.stream.as_str()),
                    settings: settings.clone(),
                    consumer,
                    messages: None,
                })))
            }
        }
    }

    /// The next message; `None` only when a core subscription has closed.
    /// Cancel-safe: it may be dropped at any await.
    pub async fn next(&mut self) -> Option<Inbound> {
        match self {
            Input::Core(subs) => subs.next().await.map(Inbound::from_core),
            Input::JetStream(input) => Some(input.next().await),
        }
    }

    /// A handle that reads the consumer's lag, for the metrics; `None` in core mode.
    pub fn lag_probe(&self) -> Option<LagProbe> {
        match self {
            Input::Core(_) => None,
            Input::JetStream(input) => Some(LagProbe(input.consumer.clone())),
        }
    }
}

/// Reads the durable consumer's lag.
pub struct LagProbe(PullConsumer);

impl LagProbe {
    /// Messages not yet delivered to the consumer, and delivered but not acknowledged.
    pub async fn read(&mut self) -> Option<(u64, u64)> {
        let info = self.0.info().await.ok()?;
        Some((info.num_pending, info.num_ack_pending as u64))
    }
}

impl JetStreamInput {
    async fn next(&mut self) -> Inbound {
        let mut failures = 0u32;
        loop {
            if self.messages.is_none() {
                match self.open().await {
                    Ok(stream) => self.messages = Some(stream),
                    Err(e) => {
                        failures += 1;
                        tracing::warn!(error = %e, "cannot pull from the input consumer; retrying");
                        tokio::time::sleep(Duration::from_millis(250 * u64::from(failures.min(8))))
                            .await;
                        if failures.is_multiple_of(4) {
                            // The server may have lost the consumer (restart without its store).
                            match bind_consumer(&self.js, &self.settings).await {
                                Ok(c) => self.consumer = c,
                                Err(e) => {
                                    tracing::warn!(error = %e, "cannot re-bind the input consumer")
                                }
                            }
                        }
                        continue;
                    }
                }
            }
            let stream = self.messages.as_mut().expect("opened above");
            match stream.next().await {
                Some(Ok(m)) => {
                    return Inbound::from_jetstream(
                        m,
                        &self.stream,
                        self.settings.input.max_deliver,
                    )
                }
                Some(Err(e)) if e.kind() == pull::MessagesErrorKind::MissingHeartbeat => {
                    if self.server_answers().await {
                        // Alive, yet neither messages nor idle heartbeats for two intervals: the
                        // server holds no pull request of ours while the client still counts
                        // the messages it asked for as coming, and would not ask again before
                        // the request's expiry (35 s). Ask afresh.
                        tracing::warn!(
                            "no message and no heartbeat on the pull subscription; pulling afresh"
                        );
                        self.messages = None;
                    }
                }
                Some(Err(e)) => {
                    tracing::debug!(error = %e, "pull stream error");
                    if matches!(
                        e.kind(),
                        pull::MessagesErrorKind::ConsumerDeleted
                            | pull::MessagesErrorKind::NoResponders
                            | pull::MessagesErrorKind::Other
                    ) {
                        self.messages = None;
                        tokio::time::sleep(Duration::from_millis(250)).await;
                    }
                }
                None => {
                    self.messages = None;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
            }
        }
    }

    /// Whether the server answers a consumer info request within a few seconds. A server that
    /// is merely slow or paused still holds our pull requests: re-opening then would only
    /// strand the messages it is about to send to the old subscription until `ack_wait`.
    async fn server_answers(&self) -> bool {
        tokio::time::timeout(Duration::from_secs(2), self.consumer.get_info())
            .await
            .is_ok_and(|info| info.is_ok())
    }

    async fn open(&self) -> Result<pull::Stream, TransportError> {
        self.consumer
            .stream()
            .max_messages_per_batch(self.settings.worker.batch)
            .expires(PULL_EXPIRES)
            .heartbeat(PULL_HEARTBEAT)
            .messages()
            .await
            .map_err(TransportError::from)
    }
}

/// Creates the input stream and the durable consumer, or binds them if they exist.
async fn bind_consumer(
    js: &jetstream::Context,
    settings: &Settings,
) -> Result<PullConsumer, TransportError> {
    let input = &settings.input;
    let config = jetstream::stream::Config {
        name: input.stream.clone(),
        subjects: vec![input.subject.clone(), format!("{}.>", input.subject)],
        max_age: input.stream_max_age,
        storage: jetstream::stream::StorageType::File,
        ..Default::default()
    };
    let stream = super::streams::ensure_stream(js, config, settings.nats.replicas)
        .await
        .map_err(|e| TransportError::Setup {
            what: format!("stream {}", input.stream),
            message: e.to_string(),
        })?;
    stream
        .get_or_create_consumer(
            &input.consumer,
            pull::Config {
                durable_name: Some(input.consumer.clone()),
                description: Some("article-worker: every replica pulls from this consumer".into()),
                ack_policy: jetstream::consumer::AckPolicy::Explicit,
                ack_wait: input.ack_wait,
                // JetStream's "no limit".
                max_deliver: input.max_deliver.map_or(-1, i64::from),
                backoff: input.backoff.clone(),
                max_ack_pending: input.max_ack_pending,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| TransportError::Setup {
            what: format!("consumer {} on stream {}", input.consumer, input.stream),
            message: e.to_string(),
        })
}
