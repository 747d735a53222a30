//! The HTTP side: `/metrics` (Prometheus text format), `/healthz` (the process is alive),
//! `/readyz` (200 only while NATS is connected, the consumer bound and the worker not draining)
//! and the status page: `/` (self-contained HTML) polling `/status.json` (see [`crate::status`]).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::metrics::Metrics;
use crate::readiness::Readiness;
use crate::status::{RecentQuotes, Status, CONTENT_SECURITY_POLICY, PAGE};

#[derive(Clone)]
pub struct HttpState {
    pub metrics: Metrics,
    pub readiness: Arc<Readiness>,
    /// The latest quotations, for the status page; the worker pushes into it.
    pub recent: Arc<RecentQuotes>,
}

/// The routes: the status page, `/status.json`, `/metrics`, `/healthz`, `/readyz`.
pub fn router(state: HttpState) -> Router {
    let page = StatusState {
        http: state.clone(),
        status: Arc::new(Status::new(state.recent.clone())),
    };
    let status_routes = Router::new()
        .route("/", get(status_page))
        .route("/status.json", get(status_json))
        .with_state(page);
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .with_state(state)
        .merge(status_routes)
}

/// Serves [`router`] on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: HttpState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// What the status routes share: the metrics and readiness, and the page's own state.
#[derive(Clone)]
struct StatusState {
    http: HttpState,
    status: Arc<Status>,
}

async fn status_page() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        PAGE,
    )
}

async fn status_json(State(state): State<StatusState>) -> impl IntoResponse {
    let snapshot = state
        .status
        .snapshot(&state.http.metrics, &state.http.readiness);
    let body = serde_json::to_string(&snapshot).expect("the snapshot always serialises");
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
}

async fn metrics(State(state): State<HttpState>) -> impl IntoResponse {
    let ready = state.readiness.is_ready();
    state.metrics.ready.set(i64::from(ready));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

async fn readyz(State(state): State<HttpState>) -> impl IntoResponse {
    let r = &state.readiness;
    let code = if r.is_ready() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, format!("{}\n", r.describe()))
}
