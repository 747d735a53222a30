//! The only module that speaks NATS. It connects (auth, TLS, retries, reconnects for ever),
//! creates or binds the streams and the durable consumer, turns NATS messages into
//! [`Inbound`] values at the edge, publishes results and dead letters, and serves the
//! `articles.analyze` endpoint through the NATS service API.
//!
//! - [`connect`]: the connection and its events (readiness, metrics).
//! - [`input`]: the input side: streams, the pull consumer or the queue subscription.
//! - [`output`]: results and dead letters, JetStream-published with `Nats-Msg-Id`.
//! - [`service`]: request/reply and `$SRV` discovery.
//! - [`abandoned`]: what the input consumer gave up on, kept as advisories in a stream and
//!   dead-lettered.
//! - [`streams`]: every stream created with `nats.replicas` replicas, raised where fewer.
//! - [`permissions`]: the rights the worker's NATS user needs under given settings.
//! - [`denied`]: the server's permission violations, made loud (log, metric, readiness).

pub mod abandoned;
pub mod connect;
pub mod denied;
pub mod input;
pub mod output;
pub mod permissions;
pub mod publisher;
pub mod service;
pub mod streams;

pub use async_nats::Client;
pub use connect::connect;
pub use input::{Inbound, Input};
pub use output::Output;

/// Errors of the NATS infrastructure: these end `run`, unlike a bad message.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("cannot connect to NATS at {urls}: {message}")]
    Connect { urls: String, message: String },
    #[error("invalid NATS settings: {0}")]
    Settings(String),
    #[error("JetStream set-up failed ({what}): {message}")]
    Setup { what: String, message: String },
    #[error("NATS subscription failed: {0}")]
    Subscribe(String),
    #[error("cannot pull from the input consumer: {0}")]
    Pull(#[from] async_nats::jetstream::consumer::StreamError),
}

/// A reply about one message that JetStream did not receive; the server then redelivers the
/// message after `ack_wait`, so the caller logs it and goes on.
#[derive(Debug, thiserror::Error)]
#[error("JetStream did not receive the {reply}: {source}")]
pub struct AckError {
    /// "ack", "nak" or "term".
    pub reply: &'static str,
    #[source]
    pub source: async_nats::Error,
}

/// A JetStream context, for the stores that live in JetStream (the dedup key-value store).
pub fn jetstream(client: &Client) -> async_nats::jetstream::Context {
    async_nats::jetstream::new(client.clone())
}
