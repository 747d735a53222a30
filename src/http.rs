//! The HTTP side: `/metrics` (Prometheus text format), `/healthz` (the process is alive) and
//! `/readyz` (200 only while NATS is connected, the consumer bound and the worker not draining).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::metrics::Metrics;

/// What /readyz reports, set by the transport and the worker.
#[derive(Default)]
pub struct Readiness {
    connected: AtomicBool,
    bound: AtomicBool,
    draining: AtomicBool,
}

impl Readiness {
    pub fn set_connected(&self, v: bool) {
        self.connected.store(v, Ordering::SeqCst);
    }
    pub fn set_bound(&self, v: bool) {
        self.bound.store(v, Ordering::SeqCst);
    }
    pub fn set_draining(&self, v: bool) {
        self.draining.store(v, Ordering::SeqCst);
    }
    pub fn is_ready(&self) -> bool {
        self.connected.load(Ordering::SeqCst)
            && self.bound.load(Ordering::SeqCst)
            && !self.draining.load(Ordering::SeqCst)
    }
    /// Why the worker is not ready, or "ready".
    pub fn describe(&self) -> &'static str {
        if self.draining.load(Ordering::SeqCst) {
            "draining"
        } else if !self.connected.load(Ordering::SeqCst) {
            "nats disconnected"
        } else if !self.bound.load(Ordering::SeqCst) {
            "consumer not bound"
        } else {
            "ready"
        }
    }
}

#[derive(Clone)]
pub struct HttpState {
    pub metrics: Metrics,
    pub readiness: Arc<Readiness>,
}

pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .with_state(state)
}

/// Binds `listen` and serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: HttpState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
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
