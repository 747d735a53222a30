//! The HTTP side: `/metrics` (Prometheus text format), `/healthz` (the process is alive),
//! `/readyz` (200 only while NATS is connected, the consumer bound and the worker not draining)
//! and the status page: `/` (self-contained HTML) polling `/status.json` (see [`crate::status`]).
//!
//! The status page shows article ids and quotations, so it is the one part that is guarded
//! ([`StatusAccess`]): off with `http.status_page = false`, or behind `http.token` as
//! `Authorization: Bearer …`, compared in constant time. A browser without the header gets a
//! sign-in page that sends the token as that header. `/metrics` and the probes stay open for
//! Prometheus and the platform: they carry counts, never content.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use subtle::ConstantTimeEq;

use crate::metrics::Metrics;
use crate::readiness::Readiness;
use crate::settings::{HttpSettings, Secret};
use crate::status::{RecentQuotes, Status, StoryBoard, CONTENT_SECURITY_POLICY, LOGIN_PAGE, PAGE};

#[derive(Clone)]
pub struct HttpState {
    pub metrics: Metrics,
    pub readiness: Arc<Readiness>,
    /// The latest quotations, for the status page; the worker pushes into it.
    pub recent: Arc<RecentQuotes>,
    /// The story stage, for the status page's largest stories; the worker sets it.
    pub stories: Arc<StoryBoard>,
    pub status_access: StatusAccess,
}

/// Who may see the status page (`/` and `/status.json`).
#[derive(Clone, Debug)]
pub enum StatusAccess {
    /// Not served (404).
    Off,
    /// Whoever reaches the port.
    Open,
    /// Requests with `Authorization: Bearer TOKEN`.
    Token(Secret),
}

impl StatusAccess {
    /// For the start-up log line.
    pub fn as_str(&self) -> &'static str {
        match self {
            StatusAccess::Off => "off",
            StatusAccess::Open => "open",
            StatusAccess::Token(_) => "token",
        }
    }

    pub fn from_settings(http: &HttpSettings) -> StatusAccess {
        match (http.status_page, &http.token) {
            (false, _) => StatusAccess::Off,
            (true, None) => StatusAccess::Open,
            (true, Some(token)) => StatusAccess::Token(token.clone()),
        }
    }
}

/// Warns when the status page, open to anyone, listens beyond this machine.
pub fn warn_if_exposed(http: &HttpSettings) {
    if !http.listen.ip().is_loopback()
        && matches!(StatusAccess::from_settings(http), StatusAccess::Open)
    {
        tracing::warn!(listen = %http.listen, "the status page shows article ids and quotations to anyone who reaches this address: set http.token, or http.status_page = false");
    }
}

/// The routes: the status page, `/status.json`, `/metrics`, `/healthz`, `/readyz`.
pub fn router(state: HttpState) -> Router {
    let open = Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .with_state(state.clone());
    let page = StatusState {
        http: state.clone(),
        status: Arc::new(Status::new(state.recent.clone(), state.stories.clone())),
    };
    let status_routes = Router::new()
        .route("/", get(status_page))
        .route("/status.json", get(status_json))
        .with_state(page);
    match state.status_access {
        StatusAccess::Off => open,
        StatusAccess::Open => open.merge(status_routes),
        StatusAccess::Token(token) => open
            .merge(status_routes.route_layer(middleware::from_fn_with_state(token, require_token))),
    }
}

/// Lets a request with the right bearer token through; others get 401 (with the sign-in page
/// at `/`).
async fn require_token(State(token): State<Secret>, request: Request, next: Next) -> Response {
    if bearer_matches(request.headers(), &token) {
        return next.run(request).await;
    }
    let challenge = (header::WWW_AUTHENTICATE, "Bearer realm=\"article-worker\"");
    let no_store = (header::CACHE_CONTROL, "no-store");
    if request.uri().path() == "/" {
        let html = (header::CONTENT_TYPE, "text/html; charset=utf-8");
        let csp = (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        let headers = [challenge, no_store, html, csp];
        return (StatusCode::UNAUTHORIZED, headers, LOGIN_PAGE).into_response();
    }
    let text = (header::CONTENT_TYPE, "text/plain; charset=utf-8");
    let body = "a bearer token is required (Authorization: Bearer …)\n";
    (StatusCode::UNAUTHORIZED, [challenge, no_store, text], body).into_response()
}

/// Whether `headers` carry `Authorization: Bearer TOKEN` (scheme in any case). The token is
/// compared in constant time, so the time of a refusal does not tell how much of a guess was
/// right; only a guess's length shows (a different length is refused at once).
fn bearer_matches(headers: &HeaderMap, token: &Secret) -> bool {
    const SCHEME: &[u8] = b"bearer ";
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return false;
    };
    let value = value.as_bytes();
    match value.split_at_checked(SCHEME.len()) {
        Some((scheme, given)) if scheme.eq_ignore_ascii_case(SCHEME) => {
            given.trim_ascii().ct_eq(token.expose().as_bytes()).into()
        }
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, value.parse().unwrap());
        h
    }

    #[test]
    fn only_the_exact_bearer_token_matches() {
        let token = Secret::from("0123456789abcdef");
        assert!(bearer_matches(
            &with_authorization("Bearer 0123456789abcdef"),
            &token
        ));
        assert!(bearer_matches(
            &with_authorization("bearer 0123456789abcdef "),
            &token
        ));
        for refused in [
            "Bearer 0123456789abcdeF",
            "Bearer 0123456789abcde",
            "Bearer 0123456789abcdef0",
            "Basic 0123456789abcdef",
            "Bearer",
            "0123456789abcdef",
        ] {
            assert!(
                !bearer_matches(&with_authorization(refused), &token),
                "{refused}"
            );
        }
        assert!(!bearer_matches(&HeaderMap::new(), &token));
    }

    #[test]
    fn the_settings_choose_who_sees_the_status_page() {
        let http = |status_page, token: &str| HttpSettings {
            listen: "127.0.0.1:9464".parse().unwrap(),
            status_page,
            token: (!token.is_empty()).then(|| Secret::from(token)),
        };
        let token = "0123456789abcdef";
        assert_eq!(
            StatusAccess::from_settings(&http(false, token)).as_str(),
            "off"
        );
        assert_eq!(
            StatusAccess::from_settings(&http(true, "")).as_str(),
            "open"
        );
        let access = StatusAccess::from_settings(&http(true, token));
        assert_eq!(access.as_str(), "token");
        assert!(!format!("{access:?}").contains(token));
    }
}
