//! The run loop: pull, process, publish, acknowledge; shut down on a future.
//!
//! Every message ends as exactly one confirmed result or one confirmed dead letter before it
//! is acknowledged. A failure to publish or to reach the dedup store leaves the message for
//! redelivery; on its last delivery it is dead-lettered and terminated.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::dedup::Dedup;
use crate::dedup::DedupMode;
use crate::http::HttpState;
use crate::language::Detector;
use crate::message::{self, Article, DeadLetter, DeadLetterKind, WorkerInfo};
use crate::metrics::{Metrics, Outcome, Published, Source, Stage};
use crate::pipeline::{Analysis, Pipeline, PipelineError};
use crate::quotes::QuoteExtractor;
use crate::readiness::Readiness;
use crate::settings::{DedupStoreKind, InputMode, Settings};
use crate::status::{RecentQuotes, StoryBoard};
use crate::story::Story;
use crate::transport::input::LagProbe;
use crate::transport::{self, abandoned, service, Inbound, Input, Output};

/// What every message handler shares.
struct Shared {
    pipeline: Arc<Pipeline>,
    metrics: Metrics,
    output: Output,
    info: WorkerInfo,
    settings: Settings,
    /// The latest quotations, for the status page.
    recent: Arc<RecentQuotes>,
    /// A confirmed publish clears a permission refusal on its subject (rights granted since).
    readiness: Arc<Readiness>,
}

/// Runs the worker until `shutdown` resolves, then drains: stop pulling, finish and
/// acknowledge what is in flight, flush, close. Only infrastructure failures return an error.
pub async fn run(settings: Settings, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let metrics = Metrics::new(prometheus::Registry::new());
    let readiness = Arc::new(Readiness::default());
    let recent = Arc::new(RecentQuotes::default());
    let state = HttpState {
        metrics: metrics.clone(),
        readiness: readiness.clone(),
        recent,
        stories: Arc::new(StoryBoard::default()),
        status_access: crate::http::StatusAccess::from_settings(&settings.http),
    };
    let http = HttpServer::start(&settings, state.clone()).await?;
    let client = transport::connect(&settings.nats, readiness.clone(), metrics.clone()).await?;
    let shared = Arc::new(Shared::start(&settings, &client, &state).await?);
    if let Some(s) = &shared.pipeline.story {
        state.stories.show(s.clone());
    }
    let mut input = Input::bind(&client, &settings).await?;
    let services = Services::start(&client, &shared).await?;
    readiness.set_bound(true);
    tracing::info!(instance = %shared.info.instance, mode = ?settings.input.mode, subject = %settings.input.subject, "worker ready");

    let lag = input
        .lag_probe()
        .map(|probe| spawn_lag_probe(probe, metrics));
    let tasks = pull_until_shutdown(&mut input, &shared, shutdown).await?;
    if let Some(lag) = lag {
        lag.abort();
    }
    readiness.set_draining(true);
    drop(input);
    finish_in_flight(tasks, settings.worker.shutdown_grace).await;
    services.stop().await;
    close(&shared, client).await?;
    http.stop().await;
    tracing::info!("stopped");
    Ok(())
}

/// `/metrics`, `/healthz`, `/readyz` and the status page, served until [`HttpServer::stop`].
struct HttpServer {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl HttpServer {
    async fn start(settings: &Settings, state: HttpState) -> anyhow::Result<HttpServer> {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let listener = tokio::net::TcpListener::bind(settings.http.listen)
            .await
            .with_context(|| format!("cannot listen on http.listen = {}", settings.http.listen))?;
        tracing::info!(listen = %settings.http.listen, status_page = state.status_access.as_str(), "serving /metrics, /healthz, /readyz and the status page");
        crate::http::warn_if_exposed(&settings.http);
        let task = tokio::spawn(crate::http::serve(listener, state, async move {
            let _ = stopped.await;
        }));
        Ok(HttpServer { stop, task })
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

impl Shared {
    /// Opens the dedup and story stores, builds the pipeline and binds the output streams;
    /// shares the metrics, readiness and latest quotations of the HTTP side.
    async fn start(
        settings: &Settings,
        client: &transport::Client,
        state: &HttpState,
    ) -> anyhow::Result<Shared> {
        let dedup = open_dedup(settings, client).await?;
        let story = open_story(settings, client).await?;
        let pipeline = Arc::new(Pipeline {
            language: Detector::new(&settings.language),
            dedup,
            story,
            quotes: QuoteExtractor::new(&settings.quotes),
        });
        let output = Output::bind(client, settings).await?;
        let info = WorkerInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            instance: instance_name(settings),
        };
        Ok(Shared {
            pipeline,
            output,
            info,
            settings: settings.clone(),
            metrics: state.metrics.clone(),
            recent: state.recent.clone(),
            readiness: state.readiness.clone(),
        })
    }
}

/// What runs beside the pull loop: the `articles.analyze` service and, in JetStream mode, the
/// watcher of max-deliveries advisories.
struct Services {
    analyze: service::AnalyzeService,
    advisories: Option<tokio::task::JoinHandle<()>>,
}

impl Services {
    async fn start(
        client: &transport::Client,
        shared: &Arc<Shared>,
    ) -> Result<Services, transport::TransportError> {
        let settings = &shared.settings;
        let analyze = service::serve_analyze(
            client,
            settings,
            &shared.info.instance,
            analyze_handler(shared.clone()),
        )
        .await?;
        let advisories = match settings.input.mode {
            InputMode::Jetstream => {
                let shared = shared.clone();
                Some(
                    abandoned::watch(client, settings, move |abandoned| {
                        let shared = shared.clone();
                        async move { dead_letter_abandoned(&shared, abandoned).await }
                    })
                    .await?,
                )
            }
            InputMode::Core => None,
        };
        Ok(Services {
            analyze,
            advisories,
        })
    }

    async fn stop(self) {
        self.analyze.stop().await;
        if let Some(a) = self.advisories {
            a.abort();
        }
    }
}

/// How often the consumer's lag is read for the metrics.
const LAG_INTERVAL: Duration = Duration::from_secs(5);

/// Reads the consumer's lag into the metrics every [`LAG_INTERVAL`], until aborted.
fn spawn_lag_probe(mut probe: LagProbe, metrics: Metrics) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(LAG_INTERVAL);
        loop {
            tick.tick().await;
            if let Some((pending, ack_pending)) = probe.read().await {
                metrics.consumer_pending.set(pending as i64);
                metrics.consumer_ack_pending.set(ack_pending as i64);
            }
        }
    })
}

/// Pulls messages and spawns a handler for each, at most `worker.concurrency` at once, until
/// `shutdown` resolves; returns the handlers still running. Fails only if the server closes
/// the input subscription.
async fn pull_until_shutdown(
    input: &mut Input,
    shared: &Arc<Shared>,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<JoinSet<()>> {
    let permits = Arc::new(Semaphore::new(shared.settings.concurrency()));
    let mut tasks = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            biased;
            () = &mut shutdown => break,
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
        };
        let msg = tokio::select! {
            biased;
            () = &mut shutdown => break,
            msg = input.next() => msg,
        };
        let Some(msg) = msg else {
            anyhow::bail!("the input subscription was closed by the server");
        };
        let shared = shared.clone();
        tasks.spawn(async move {
            // Boxed: the handler's state (the message, the article, its analysis, the publish)
            // runs to kilobytes, and a future held by value is copied whole at every move.
            Box::pin(handle(&shared, msg, Instant::now())).await;
            drop(permit);
        });
        while let Some(done) = tasks.try_join_next() {
            if let Err(e) = done {
                tracing::error!(error = %e, "a message handler failed");
            }
        }
    }
    Ok(tasks)
}

/// Waits up to `grace` for the handlers in flight; the rest are aborted and their messages
/// redelivered.
async fn finish_in_flight(mut tasks: JoinSet<()>, grace: Duration) {
    tracing::info!(
        in_flight = tasks.len(),
        "shutting down: finishing what is in flight"
    );
    let finished =
        tokio::time::timeout(grace, async { while tasks.join_next().await.is_some() {} }).await;
    if finished.is_err() {
        tracing::warn!(
            left = tasks.len(),
            "shutdown grace period over; unfinished messages will be redelivered"
        );
        tasks.abort_all();
    }
}

/// Makes the dedup store durable, sends what is buffered and drains the connection.
async fn close(shared: &Shared, client: transport::Client) -> anyhow::Result<()> {
    let pipeline = shared.pipeline.clone();
    if let Err(e) = tokio::task::spawn_blocking(move || pipeline.flush()).await? {
        tracing::error!(error = %e, "cannot flush the dedup and story stores");
    }
    shared.output.flush().await;
    if let Err(e) = client.drain().await {
        tracing::warn!(error = %e, "drain failed");
    }
    Ok(())
}

async fn open_dedup(settings: &Settings, client: &transport::Client) -> anyhow::Result<Dedup> {
    let dedup = match settings.dedup.store {
        DedupStoreKind::Memory => Dedup::in_memory(&settings.dedup),
        DedupStoreKind::Embedded => {
            let s = settings.dedup.clone();
            tokio::task::spawn_blocking(move || Dedup::open(&s))
                .await?
                .with_context(|| {
                    format!(
                        "cannot open the dedup store in dedup.data_dir = {}",
                        settings.dedup.data_dir.display()
                    )
                })?
        }
        DedupStoreKind::Jetstream => {
            let replicas = settings.nats.replicas;
            Dedup::jetstream(transport::jetstream(client), &settings.dedup, replicas)
                .await
                .with_context(|| {
                    format!(
                        "cannot open the dedup key-value bucket {}",
                        settings.dedup.kv_bucket
                    )
                })?
        }
    };
    Ok(dedup)
}

/// The story stage with the store of the kind `dedup.store` names; `None` when disabled.
async fn open_story(
    settings: &Settings,
    client: &transport::Client,
) -> anyhow::Result<Option<Story>> {
    if !settings.story.enabled {
        return Ok(None);
    }
    let s = &settings.story;
    let story = match settings.dedup.store {
        DedupStoreKind::Memory => Story::in_memory(s),
        DedupStoreKind::Embedded => {
            let mut owned = s.clone();
            owned.data_dir = settings.story_data_dir();
            let dir = owned.data_dir.clone();
            tokio::task::spawn_blocking(move || Story::open(&owned))
                .await?
                .with_context(|| format!("cannot open the story store in {}", dir.display()))?
        }
        DedupStoreKind::Jetstream => {
            Story::jetstream(transport::jetstream(client), s, settings.nats.replicas)
                .await
                .with_context(|| {
                    format!("cannot open the story key-value bucket {}", s.kv_bucket)
                })?
        }
    };
    Ok(Some(story))
}

/// Processes one message to its end: a confirmed result or dead letter, then the ack.
async fn handle(shared: &Shared, msg: Inbound, received: Instant) {
    let m = &shared.metrics;
    m.in_flight.inc();
    m.received(msg.source).inc();
    if msg.delivered > 1 {
        m.redeliveries.inc();
    }
    let t = Instant::now();
    let decoded = message::decode(
        &msg.payload,
        msg.msg_id.as_deref(),
        shared.settings.limits.decode_limits(),
    );
    m.stage(Stage::Decode).observe(t.elapsed().as_secs_f64());
    match decoded {
        Err(e) => dead_letter(shared, &msg, e.kind(), &e.to_string()).await,
        Ok(article) => process(shared, &msg, article).await,
    }
    m.end_to_end_seconds
        .observe(received.elapsed().as_secs_f64());
    m.in_flight.dec();
}

async fn process(shared: &Shared, msg: &Inbound, article: Article) {
    let (article, analysis) = match run_pipeline(&shared.pipeline, article, DedupMode::Record).await
    {
        Ok(done) => done,
        Err(PipelineError::Store { article_id, source }) if !msg.is_last_delivery() => {
            tracing::warn!(article_id = %article_id, error = %source, delivered = msg.delivered, "dedup store failed; the article will be redelivered");
            return retry(shared, msg).await;
        }
        // A panic in a stage is a bug, which a retry would repeat; a store failure on the last
        // delivery has no retry left.
        Err(e) => return dead_letter(shared, msg, e.kind(), &e.to_string()).await,
    };
    observe_stages(&shared.metrics, &analysis);
    let payload = analysis.to_result_json(&article, &shared.info);
    let t = Instant::now();
    let published = shared.output.result(&article.id, payload).await;
    shared
        .metrics
        .stage(Stage::Publish)
        .observe(t.elapsed().as_secs_f64());
    match published {
        Ok(()) => {
            let m = &shared.metrics;
            m.processed(Outcome::Result).inc();
            m.results_by_language
                .with_label_values(&[&analysis.language.code])
                .inc();
            m.results_by_dedup
                .with_label_values(&[analysis.dedup.status.as_str()])
                .inc();
            m.quotes_extracted.inc_by(analysis.quotes.len() as u64);
            m.quotes_per_article.observe(analysis.quotes.len() as f64);
            tracing::debug!(article_id = %article.id, language = %analysis.language.code, dedup = analysis.dedup.status.as_str(), quotes = analysis.quotes.len(), "processed");
            shared.recent.push(&article.id, analysis.quotes);
            shared
                .readiness
                .clear_denied(&shared.settings.output.results_subject);
            ack(msg).await;
        }
        Err(e) => {
            shared.metrics.publish_errors(Published::Result).inc();
            tracing::warn!(article_id = %article.id, error = %e, delivered = msg.delivered, "result not confirmed; the article will be redelivered");
            retry(shared, msg).await;
        }
    }
}

/// Articles up to this many bytes are analysed on the reactor thread that received them: they
/// take well under a millisecond, and handing each to the blocking pool cost more in thread
/// wake-ups than the analysis itself. Longer ones go to the blocking pool so that one enormous
/// article never stalls the other messages.
const INLINE_BYTES: usize = 16 * 1024;

/// Runs the pipeline on `article`, inline or on the blocking pool (see [`INLINE_BYTES`]); a
/// panic in a stage becomes [`PipelineError::Panicked`] rather than ending the worker.
async fn run_pipeline(
    pipeline: &Arc<Pipeline>,
    article: Article,
    mode: DedupMode,
) -> Result<(Article, Analysis), PipelineError> {
    let inline = !pipeline.waits_on_network() && article.text.len() <= INLINE_BYTES;
    let run = move |pipeline: &Pipeline| {
        let analysis = std::panic::catch_unwind(AssertUnwindSafe(|| {
            pipeline.process(&article, mode, now_ms())
        }))
        .map_err(|e| PipelineError::Panicked(panic_message(&*e).to_owned()))?;
        match analysis {
            Ok(analysis) => Ok((article, analysis)),
            Err(source) => Err(PipelineError::Store {
                article_id: article.id,
                source,
            }),
        }
    };
    if inline {
        return run(pipeline);
    }
    let pipeline = pipeline.clone();
    tokio::task::spawn_blocking(move || run(&pipeline))
        .await
        .unwrap_or_else(|e| Err(PipelineError::TaskEnded(e.to_string())))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

fn observe_stages(m: &Metrics, a: &Analysis) {
    m.stage(Stage::Language).observe(a.timings.language);
    m.stage(Stage::Dedup).observe(a.timings.dedup);
    m.stage(Stage::Story).observe(a.timings.story);
    if let Some(story) = &a.story {
        if story.related.is_empty() {
            m.stories_started.inc();
        } else {
            m.stories_linked.inc();
        }
    }
    m.stage(Stage::Quotes).observe(a.timings.quotes);
}

/// Publishes the dead letter for `msg`, then acknowledges it (terminates on its last delivery).
async fn dead_letter(shared: &Shared, msg: &Inbound, kind: DeadLetterKind, why: &str) {
    let letter = DeadLetter::new(kind, why, &msg.subject, msg.headers_json(), &msg.payload);
    let payload = serde_json::to_vec(&letter).expect("a dead letter always serialises");
    match shared
        .output
        .dead_letter(&msg.dead_letter_id(), payload)
        .await
    {
        Ok(()) => {
            shared.metrics.dead_letters(kind).inc();
            shared.metrics.processed(Outcome::DeadLetter).inc();
            tracing::warn!(kind = kind.as_str(), subject = %msg.subject, message_id = msg.msg_id.as_deref().unwrap_or(""), bytes = msg.payload.len(), error = why, "dead-lettered");
            shared
                .readiness
                .clear_denied(&shared.settings.output.dlq_subject);
            if msg.is_last_delivery() && msg.delivered > 1 {
                if let Err(e) = msg.terminate().await {
                    tracing::warn!(error = %e, "cannot terminate a dead-lettered message");
                }
            } else {
                ack(msg).await;
            }
        }
        Err(e) => {
            shared.metrics.publish_errors(Published::DeadLetter).inc();
            tracing::error!(kind = kind.as_str(), error = %e, "dead letter not confirmed; the message will be redelivered");
            retry(shared, msg).await;
        }
    }
}

/// Dead-letters a message JetStream stopped delivering (the advisory watcher found it);
/// whether the dead letter is stored.
async fn dead_letter_abandoned(shared: &Shared, a: abandoned::Abandoned) -> bool {
    let why = format!(
        "delivered {} times without being acknowledged",
        a.deliveries
    );
    let kind = DeadLetterKind::MaxDeliverExceeded;
    let letter = DeadLetter::new(kind, &why, &a.subject, a.headers, &a.payload);

    let payload = serde_json::to_vec(&letter).expect("a dead letter always serialises");
    match shared.output.dead_letter(&a.dead_letter_id, payload).await {
        Ok(()) => {
            shared.metrics.dead_letters(kind).inc();
            tracing::warn!(kind = kind.as_str(), id = %a.dead_letter_id, "dead-lettered an abandoned message");
            true
        }
        Err(e) => {
            tracing::error!(error = %e, id = %a.dead_letter_id, "cannot dead-letter an abandoned message; tried again");
            false
        }
    }
}

async fn ack(msg: &Inbound) {
    if let Err(e) = msg.ack().await {
        // The result is already confirmed: a redelivery will be deduplicated by its id.
        tracing::warn!(error = %e, "ack failed; the message will be redelivered and deduplicated");
    }
}

async fn retry(shared: &Shared, msg: &Inbound) {
    shared.metrics.processed(Outcome::Retry).inc();
    let backoff = &shared.settings.input.backoff;
    let delay = usize::try_from(msg.delivered - 1)
        .ok()
        .and_then(|i| backoff.get(i).or(backoff.last()).copied())
        .unwrap_or(Duration::from_secs(1));
    if let Err(e) = msg.retry(delay).await {
        tracing::warn!(error = %e, "nak failed; the message will be redelivered after ack_wait");
    }
}

/// The `articles.analyze` handler: decode, analyse without recording, reply.
fn analyze_handler(shared: Arc<Shared>) -> service::AnalyzeHandler {
    Arc::new(move |payload, msg_id| {
        let shared = shared.clone();
        Box::pin(async move {
            shared.metrics.received(Source::Request).inc();
            let article = match message::decode(
                &payload,
                msg_id.as_deref(),
                shared.settings.limits.decode_limits(),
            ) {
                Ok(a) => a,
                Err(e) => return error_reply(e.kind(), &e.to_string()),
            };
            match run_pipeline(&shared.pipeline, article, DedupMode::Lookup).await {
                Ok((article, analysis)) => analysis.to_result_json(&article, &shared.info),
                Err(e) => error_reply(e.kind(), &e.to_string()),
            }
        })
    })
}

fn error_reply(kind: DeadLetterKind, message: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"error": {"kind": kind.as_str(), "message": message}}))
        .expect("always serialises")
}

/// Unix time in milliseconds, read here so the stages never read the clock.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn instance_name(settings: &Settings) -> String {
    if let Some(instance) = &settings.worker.instance {
        return instance.clone();
    }
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".into());
    format!("{host}-{}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::store::{Answer, DedupMode, Query, Store, StoreError};

    /// A store with a bug: every check panics.
    struct PanickingStore;

    impl Store for PanickingStore {
        fn check(&self, _: &Query<'_>, _: f64, _: DedupMode) -> Result<Answer, StoreError> {
            panic!("a bug in the store")
        }
        fn flush(&self) -> Result<(), StoreError> {
            Ok(())
        }
    }

    fn pipeline() -> Arc<Pipeline> {
        let settings = Settings::load_with_env(None, std::iter::empty()).unwrap();
        Arc::new(Pipeline {
            language: Detector::new(&settings.language),
            dedup: Dedup::with_store(Arc::new(PanickingStore), &settings.dedup),
            story: None,
            quotes: QuoteExtractor::new(&settings.quotes),
        })
    }

    /// A panic in a stage becomes an error for the caller (a dead letter), whether the article
    /// was analysed inline or on the blocking pool, and the runtime goes on.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_stage_is_an_error_not_a_crash() {
        let pipeline = pipeline();
        for words in [10, INLINE_BYTES / 4] {
            let article = Article::new("a", "word ".repeat(words));
            let Err(err) = run_pipeline(&pipeline, article, DedupMode::Record).await else {
                panic!("the panic is not reported");
            };
            assert!(matches!(err, PipelineError::Panicked(_)), "{err}");
            assert_eq!(err.kind(), DeadLetterKind::InternalError);
        }
    }
}
