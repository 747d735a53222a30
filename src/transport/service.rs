//! Request/reply on `articles.analyze`, registered through the NATS service API so
//! `nats micro ls` and `$SRV.PING/INFO/STATS` find the worker; and the listener for
//! JetStream's max-deliveries advisory, which dead-letters a message the consumer gave up on
//! without the worker having seen its last delivery (a worker killed while holding it).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use async_nats::jetstream;
use async_nats::service::ServiceExt;
use bytes::Bytes;
use futures::StreamExt;

use super::TransportError;
use crate::settings::Settings;

/// The service's name in `$SRV` discovery (`$SRV.PING.article-worker`, `nats micro ls`).
pub const SERVICE_NAME: &str = "article-worker";

/// The `$SRV` verbs the service API subscribes to, each bare, with the name and with the id.
pub const SERVICE_VERBS: [&str; 3] = ["PING", "INFO", "STATS"];

/// Answers one analyze request: payload and `Nats-Msg-Id` in, reply bytes out.
pub type AnalyzeHandler = Arc<
    dyn Fn(Bytes, Option<String>) -> Pin<Box<dyn Future<Output = Vec<u8>> + Send>> + Send + Sync,
>;

/// The running service; stopping it unsubscribes the endpoint.
pub struct AnalyzeService {
    service: async_nats::service::Service,
    task: tokio::task::JoinHandle<()>,
}

impl AnalyzeService {
    pub async fn stop(self) {
        self.task.abort();
        let _ = self.service.stop().await;
    }
}

/// Registers the `article-worker` service with its `analyze` endpoint and answers requests,
/// several at once.
pub async fn serve_analyze(
    client: &async_nats::Client,
    settings: &Settings,
    instance: &str,
    handler: AnalyzeHandler,
) -> Result<AnalyzeService, TransportError> {
    let service = client
        .service_builder()
        .description("Language, duplicates and attributed quotations for news articles")
        .metadata([("instance".to_string(), instance.to_string())].into())
        .start(SERVICE_NAME, env!("CARGO_PKG_VERSION"))
        .await
        .map_err(|e| TransportError::Subscribe(format!("service registration: {e}")))?;
    let endpoint = service
        .endpoint_builder()
        .name("analyze")
        .add(settings.output.analyze_subject.clone())
        .await
        .map_err(|e| TransportError::Subscribe(format!("analyze endpoint: {e}")))?;
    let concurrency = settings.concurrency();
    let task = tokio::spawn(async move {
        endpoint
            .for_each_concurrent(concurrency, |request| {
                let handler = handler.clone();
                async move {
                    let msg_id = request
                        .message
                        .headers
                        .as_ref()
                        .and_then(|h| h.get("Nats-Msg-Id"))
                        .map(|v| v.to_string());
                    let reply = handler(request.message.payload.clone(), msg_id).await;
                    if let Err(e) = request.respond(Ok(reply.into())).await {
                        tracing::warn!(error = %e, "cannot answer an analyze request");
                    }
                }
            })
            .await;
    });
    Ok(AnalyzeService { service, task })
}

/// A message the consumer will not deliver again, fetched from the input stream.
pub struct Abandoned {
    pub payload: Bytes,
    pub subject: String,
    pub headers: serde_json::Map<String, serde_json::Value>,
    pub dead_letter_id: String,
    pub deliveries: i64,
}

/// Where JetStream announces that the input consumer gave up on a message.
pub fn max_deliveries_subject(settings: &Settings) -> String {
    let input = &settings.input;
    format!(
        "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{}.{}",
        input.stream, input.consumer
    )
}

/// Calls `on_abandoned` for each message JetStream stops delivering after max_deliver
/// attempts. One replica receives each advisory (queue group).
pub async fn watch_max_deliveries<F, Fut>(
    client: &async_nats::Client,
    settings: &Settings,
    on_abandoned: F,
) -> Result<tokio::task::JoinHandle<()>, TransportError>
where
    F: Fn(Abandoned) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    let input = &settings.input;
    let subject = max_deliveries_subject(settings);
    let mut sub = client
        .queue_subscribe(subject, format!("{}-advisories", input.queue_group))
        .await
        .map_err(|e| TransportError::Subscribe(e.to_string()))?;
    let js = jetstream::new(client.clone());
    let stream_name = input.stream.clone();
    Ok(tokio::spawn(async move {
        while let Some(advisory) = sub.next().await {
            #[derive(serde::Deserialize)]
            struct Advisory {
                stream_seq: u64,
                deliveries: i64,
            }
            let Ok(a) = serde_json::from_slice::<Advisory>(&advisory.payload) else {
                continue;
            };
            let stream = match js.get_stream_no_info(&stream_name).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::error!(error = %e, stream_seq = a.stream_seq, "cannot open the input stream to dead-letter an abandoned message");
                    continue;
                }
            };
            match stream.get_raw_message(a.stream_seq).await {
                Ok(m) => {
                    on_abandoned(Abandoned {
                        headers: super::input::headers_json(Some(&m.headers)),
                        payload: m.payload,
                        subject: m.subject.to_string(),
                        dead_letter_id: format!("dlq-{stream_name}-{}", a.stream_seq),
                        deliveries: a.deliveries,
                    })
                    .await;
                }
                Err(e) => {
                    tracing::error!(error = %e, stream_seq = a.stream_seq, "abandoned message is no longer in the input stream")
                }
            }
        }
    }))
}
