//! Publishing results and dead letters. When the subject belongs to a stream (the default:
//! `ARTICLE_RESULTS`, `ARTICLE_DLQ`, created if missing) the publish is a JetStream publish
//! with `Nats-Msg-Id`, confirmed by the server before the input is acknowledged; a redelivered
//! article therefore never yields a second result inside the duplicate window.

use std::time::Duration;

use async_nats::jetstream::{self, message::PublishMessage as Publish};
use bytes::Bytes;

use super::TransportError;
use crate::settings::Settings;

/// Why a publish was not confirmed; the input is then left for redelivery.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("publish to {subject} failed: {message}")]
    Failed { subject: String, message: String },
    #[error("publish to {subject} not confirmed within {timeout:?}")]
    Timeout { subject: String, timeout: Duration },
}

#[derive(Clone)]
pub struct Output {
    client: async_nats::Client,
    js: jetstream::Context,
    results: Target,
    dead_letters: Target,
    timeout: Duration,
}

#[derive(Clone)]
struct Target {
    /// Shared bytes: cloned for every publish without a copy.
    subject: async_nats::Subject,
    /// Whether a stream captures the subject, so the publish is confirmed by JetStream.
    stream: bool,
}

impl Output {
    /// Creates the results and dead-letter streams (where they are named).
    pub async fn bind(
        client: &async_nats::Client,
        settings: &Settings,
    ) -> Result<Output, TransportError> {
        let js = jetstream::new(client.clone());
        let out = &settings.output;
        let mut targets = Vec::new();
        for (stream, subject) in [
            (&out.results_stream, &out.results_subject),
            (&out.dlq_stream, &out.dlq_subject),
        ] {
            if let Some(stream) = stream {
                let config = jetstream::stream::Config {
                    name: stream.clone(),
                    subjects: vec![subject.clone()],
                    max_age: out.max_age,
                    duplicate_window: out.duplicate_window,
                    storage: jetstream::stream::StorageType::File,
                    ..Default::default()
                };
                super::streams::ensure_stream(&js, config, settings.nats.replicas)
                    .await
                    .map_err(|e| TransportError::Setup {
                        what: format!("stream {stream}"),
                        message: e.to_string(),
                    })?;
            }
            targets.push(Target {
                subject: async_nats::Subject::from(subject.as_str()),
                stream: stream.is_some(),
            });
        }
        let dead_letters = targets.pop().expect("two targets");
        let results = targets.pop().expect("two targets");
        Ok(Output {
            client: client.clone(),
            js,
            results,
            dead_letters,
            timeout: out.publish_timeout,
        })
    }

    /// Publishes one result with `Nats-Msg-Id` = the article id, and waits for confirmation.
    pub async fn result(&self, article_id: &str, payload: Vec<u8>) -> Result<(), PublishError> {
        self.publish(&self.results, article_id, payload.into())
            .await
    }

    /// Publishes one dead letter with `Nats-Msg-Id` = `id`, and waits for confirmation.
    pub async fn dead_letter(&self, id: &str, payload: Vec<u8>) -> Result<(), PublishError> {
        self.publish(&self.dead_letters, id, payload.into()).await
    }

    /// Sends everything buffered to the server.
    pub async fn flush(&self) {
        if let Err(e) = self.client.flush().await {
            tracing::warn!(error = %e, "flush failed");
        }
    }

    async fn publish(&self, target: &Target, id: &str, payload: Bytes) -> Result<(), PublishError> {
        let failed = |message: String| PublishError::Failed {
            subject: target.subject.to_string(),
            message,
        };
        let timeout = |_| PublishError::Timeout {
            subject: target.subject.to_string(),
            timeout: self.timeout,
        };
        if target.stream {
            let publish = Publish::build().payload(payload).message_id(id);
            let ack = tokio::time::timeout(self.timeout, async {
                self.js
                    .send_publish(target.subject.clone(), publish)
                    .await
                    .map_err(|e| failed(e.to_string()))?
                    .await
                    .map_err(|e| failed(e.to_string()))
            })
            .await
            .map_err(timeout)??;
            if ack.duplicate {
                tracing::debug!(id, subject = %target.subject, "server dropped a duplicate publish");
            }
            Ok(())
        } else {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Nats-Msg-Id", id);
            tokio::time::timeout(self.timeout, async {
                self.client
                    .publish_with_headers(target.subject.clone(), headers, payload)
                    .await
                    .map_err(|e| failed(e.to_string()))?;
                self.client.flush().await.map_err(|e| failed(e.to_string()))
            })
            .await
            .map_err(timeout)?
        }
    }
}
