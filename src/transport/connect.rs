//! Connecting to NATS: every authentication method and TLS from the settings, a bounded
//! number of first attempts with backoff, and reconnection for ever once connected.
//! Connection events drive `/readyz` and the connection metrics; the server's permission
//! violations go to [`super::denied`].

use std::sync::Arc;
use std::time::Duration;

use async_nats::{Client, ConnectOptions, Event};

use super::denied::DenialReporter;
use super::TransportError;
use crate::metrics::Metrics;
use crate::readiness::Readiness;
use crate::settings::NatsSettings;

/// Connects, trying `initial_connect_attempts` times (0: for ever) with backoff.
pub async fn connect(
    settings: &NatsSettings,
    readiness: Arc<Readiness>,
    metrics: Metrics,
) -> Result<Client, TransportError> {
    let urls = settings
        .url
        .iter()
        .map(url::Url::as_str)
        .collect::<Vec<_>>()
        .join(",");
    let addrs: Vec<async_nats::ServerAddr> = settings
        .url
        .iter()
        .map(|u| {
            async_nats::ServerAddr::from_url(u.clone())
                .map_err(|e| TransportError::Settings(format!("nats.url {u}: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let denials = Arc::new(DenialReporter::new(readiness.clone(), metrics.clone()));
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let options = options(
            settings,
            readiness.clone(),
            metrics.clone(),
            denials.clone(),
        )
        .await?;
        match options.connect(addrs.as_slice()).await {
            Ok(client) => {
                readiness.set_connected(true);
                metrics.nats_connected.set(1);
                tracing::info!(urls = %urls, attempt, "connected to NATS");
                return Ok(client);
            }
            Err(e) => {
                let last = settings.initial_connect_attempts != 0
                    && attempt >= settings.initial_connect_attempts;
                if last {
                    return Err(TransportError::Connect {
                        urls,
                        message: format!("{e} (after {attempt} attempts)"),
                    });
                }
                let delay = backoff(attempt as usize, settings.max_reconnect_delay);
                tracing::warn!(urls = %urls, attempt, error = %e, retry_in = ?delay, "cannot connect to NATS yet");
                tokio::time::sleep(delay).await;
            }
        }
    }
}

async fn options(
    s: &NatsSettings,
    readiness: Arc<Readiness>,
    metrics: Metrics,
    denials: Arc<DenialReporter>,
) -> Result<ConnectOptions, TransportError> {
    let max_delay = s.max_reconnect_delay;
    let events = Arc::new(ConnectionEvents {
        readiness,
        metrics,
        denials,
        lost: std::sync::atomic::AtomicBool::new(false),
    });
    Ok(authenticated(s)
        .await?
        .require_tls(s.tls_required)
        .name(&s.name)
        .custom_inbox_prefix(&s.inbox_prefix)
        .connection_timeout(s.connect_timeout)
        .request_timeout(Some(s.request_timeout))
        .max_reconnects(None)
        .reconnect_delay_callback(move |attempts| backoff(attempts, max_delay))
        .event_callback(move |event| {
            let events = events.clone();
            async move { events.handle(event) }
        }))
}

/// The options with the credentials and certificates the settings name: a credentials file,
/// user and password, token, nkey seed, the CA and the client certificate.
async fn authenticated(s: &NatsSettings) -> Result<ConnectOptions, TransportError> {
    let mut o = match &s.credentials_file {
        None => ConnectOptions::new(),
        Some(path) => ConnectOptions::with_credentials_file(path)
            .await
            .map_err(|e| {
                TransportError::Settings(format!("nats.credentials_file {}: {e}", path.display()))
            })?,
    };
    if s.user.is_some() || s.password.is_some() {
        o = o.user_and_password(
            s.user.clone().unwrap_or_default(),
            s.password.clone().unwrap_or_default(),
        );
    }
    if let Some(token) = &s.token {
        o = o.token(token.clone());
    }
    if let Some(seed) = &s.nkey_seed {
        o = o.nkey(seed.clone());
    }
    if let Some(ca) = &s.tls_ca_file {
        readable(ca, "nats.tls_ca_file")?;
        o = o.add_root_certificates(ca.clone());
    }
    // Settings accept a certificate only with its key.
    if let (Some(cert), Some(key)) = (&s.tls_cert_file, &s.tls_key_file) {
        readable(cert, "nats.tls_cert_file")?;
        readable(key, "nats.tls_key_file")?;
        o = o.add_client_certificate(cert.clone(), key.clone());
    }
    Ok(o)
}

/// What the connection's events change: readiness, the connection metrics, and the report of
/// a refused permission.
struct ConnectionEvents {
    readiness: Arc<Readiness>,
    metrics: Metrics,
    denials: Arc<DenialReporter>,
    /// The connection was lost, so the next `Connected` is a reconnection.
    lost: std::sync::atomic::AtomicBool,
}

impl ConnectionEvents {
    fn handle(&self, event: Event) {
        use std::sync::atomic::Ordering::SeqCst;
        match event {
            Event::Connected => {
                self.readiness.set_connected(true);
                self.metrics.nats_connected.set(1);
                if self.lost.swap(false, SeqCst) {
                    self.metrics.nats_reconnects.inc();
                    tracing::info!("reconnected to NATS");
                }
            }
            Event::Disconnected => {
                self.lost.store(true, SeqCst);
                self.readiness.set_connected(false);
                self.metrics.nats_connected.set(0);
                tracing::warn!("disconnected from NATS; reconnecting");
            }
            Event::Closed => {
                self.readiness.set_connected(false);
                self.metrics.nats_connected.set(0);
            }
            Event::ServerError(e) if self.denials.report(&e.to_string()) => {}
            other => tracing::info!(event = %other, "NATS event"),
        }
    }
}

fn readable(path: &std::path::Path, key: &str) -> Result<(), TransportError> {
    std::fs::metadata(path)
        .map(|_| ())
        .map_err(|e| TransportError::Settings(format!("{key} {}: {e}", path.display())))
}

/// 100 ms doubling up to `max`.
fn backoff(attempt: usize, max: Duration) -> Duration {
    let exp = attempt.saturating_sub(1).min(16) as u32;
    Duration::from_millis(100u64.saturating_mul(1 << exp)).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let max = Duration::from_secs(8);
        assert_eq!(backoff(1, max), Duration::from_millis(100));
        assert_eq!(backoff(2, max), Duration::from_millis(200));
        assert_eq!(backoff(30, max), max);
    }
}
