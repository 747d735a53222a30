//! The NATS side of the `publish` command: publish articles to the ingest subject (confirmed
//! by JetStream when a stream captures it) and collect results and dead letters that answer
//! them.

use async_nats::jetstream::{self, message::PublishMessage as Publish};
use bytes::Bytes;
use futures::StreamExt;

use super::TransportError;
use crate::settings::Settings;

/// One article to publish.
pub struct Outgoing {
    pub payload: Vec<u8>,
    /// Sent as `Nats-Msg-Id`.
    pub header_id: Option<String>,
    /// The id its result will carry.
    pub expected_id: String,
}

/// A result or a dead letter that came back.
pub struct Returned {
    pub id: String,
    pub payload: Bytes,
}

pub struct Stored {
    /// The server already had a message with this id (inside its duplicate window).
    pub duplicate: bool,
}

pub struct Publisher {
    client: async_nats::Client,
    js: jetstream::Context,
    subject: String,
    returns: futures::stream::SelectAll<async_nats::Subscriber>,
    use_jetstream: bool,
}

impl Publisher {
    pub async fn new(
        client: &async_nats::Client,
        settings: &Settings,
    ) -> Result<Publisher, TransportError> {
        let mut returns = futures::stream::SelectAll::new();
        for subject in [
            &settings.output.results_subject,
            &settings.output.dlq_subject,
        ] {
            returns.push(
                client
                    .subscribe(subject.clone())
                    .await
                    .map_err(|e| TransportError::Subscribe(e.to_string()))?,
            );
        }
        let js = jetstream::new(client.clone());
        let use_jetstream = js.get_stream_no_info(&settings.input.stream).await.is_ok();
        if !use_jetstream {
            tracing::warn!(stream = %settings.input.stream, "no input stream yet: publishing without JetStream confirmation");
        }
        Ok(Publisher {
            client: client.clone(),
            js,
            subject: settings.input.subject.clone(),
            returns,
            use_jetstream,
        })
    }

    pub async fn send(&mut self, item: Outgoing) -> anyhow::Result<Stored> {
        if self.use_jetstream {
            let mut publish = Publish::build().payload(item.payload.into());
            if let Some(id) = &item.header_id {
                publish = publish.message_id(id);
            }
            let ack = self
                .js
                .send_publish(self.subject.clone(), publish)
                .await?
                .await?;
            Ok(Stored {
                duplicate: ack.duplicate,
            })
        } else {
            let mut headers = async_nats::HeaderMap::new();
            if let Some(id) = &item.header_id {
                headers.insert("Nats-Msg-Id", id.as_str());
            }
            self.client
                .publish_with_headers(self.subject.clone(), headers, item.payload.into())
                .await?;
            Ok(Stored { duplicate: false })
        }
    }

    /// The next result or dead letter.
    pub async fn next(&mut self) -> Option<Returned> {
        loop {
            let m = self.returns.next().await?;
            if let Some(r) = returned(m) {
                return Some(r);
            }
        }
    }

    /// A result or dead letter already received, without waiting.
    pub fn try_next(&mut self) -> Option<Returned> {
        use futures::FutureExt;
        loop {
            let m = self.returns.next().now_or_never()??;
            if let Some(r) = returned(m) {
                return Some(r);
            }
        }
    }
}

fn returned(m: async_nats::Message) -> Option<Returned> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: Option<String>,
        headers: Option<serde_json::Map<String, serde_json::Value>>,
    }
    let parsed: Id = serde_json::from_slice(&m.payload).ok()?;
    let id = parsed.id.or_else(|| {
        parsed
            .headers?
            .get("Nats-Msg-Id")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    })?;
    Some(Returned {
        id,
        payload: m.payload,
    })
}
