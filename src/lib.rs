//! article-worker: reads news articles from NATS, identifies their language, recognises exact
//! and near duplicates, extracts attributed quotations and publishes one result per article.
//!
//! How an article flows:
//!
//! ```text
//! NATS ── transport (only place that speaks NATS) ── worker (pull, bound, ack, shut down)
//!            │ bytes + Nats-Msg-Id                       │
//!            ▼                                           ▼ inline (blocking pool if large)
//!        message::decode ──► Article ──► pipeline::Pipeline { language, dedup, story, quotes }
//!            │ DecodeError                               │ Analysis
//!            ▼                                           ▼
//!        dead letter (articles.dlq)              result (articles.processed), then ack
//! ```
//!
//! Modules:
//! - [`settings`]: the typed settings tree; [`telemetry`]: logs; [`metrics`]: every metric.
//! - [`message`]: input decoding, the result and dead-letter schemas.
//! - [`pipeline`]: the four stages in order; each stage is pure code over strings:
//!   [`language`], [`dedup`] (with its stores), [`story`] (event linking, with its stores),
//!   [`quotes`]; [`text`] holds what they share, [`segment_log`] the append-only log both
//!   embedded stores keep.
//! - [`transport`]: NATS connection, JetStream streams (each in `nats.replicas` copies) and
//!   consumer, publishing, the service API, the NATS rights all that needs and the server's
//!   refusals of them.
//! - [`worker`]: the run loop; [`http`]: /metrics, /healthz, /readyz and the status page
//!   (off, open, or behind a bearer token), whose HTML, JSON snapshot and ring of latest
//!   quotations live in [`status`]; [`readiness`]: what /readyz answers, set by the transport
//!   and the worker.
//! - [`cli`]: `run` (with `--dev`, a private nats-server where none listens), `analyze`,
//!   `publish`, `nats-permissions`.

pub mod cli;
pub mod dedup;
pub mod http;
pub mod language;
pub mod message;
pub mod metrics;
pub mod pipeline;
pub mod quotes;
pub mod readiness;
pub mod segment_log;
pub mod settings;
pub mod status;
pub mod story;
pub mod telemetry;
pub mod text;
pub mod transport;
pub mod worker;
