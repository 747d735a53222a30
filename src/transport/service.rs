//! Request/reply on `articles.analyze`, registered through the NATS service API so
//! `nats micro ls` and `$SRV.PING/INFO/STATS` find the worker.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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
