//! Whether the worker can take articles now: set by the transport (connected) and the worker
//! (consumer bound, draining), read by `/readyz`, `/metrics` and the status page. Its own
//! module so that the transport, the HTTP side and the status page depend on it and not on
//! one another.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// What /readyz reports, set by the transport and the worker.
#[derive(Default)]
pub struct Readiness {
    connected: AtomicBool,
    bound: AtomicBool,
    draining: AtomicBool,
    /// Whether `denied` holds a refusal: read on every message, so the lock is taken only
    /// when there is one.
    any_denied: AtomicBool,
    /// The latest permission the NATS server refused, until that subject works again.
    denied: Mutex<Option<Denied>>,
}

/// A refusal of the NATS server: its subject, and how `/readyz` says it.
struct Denied {
    subject: String,
    reason: String,
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
    /// Remembers that the NATS server refused a right on `subject` (`reason` says which): the
    /// worker is not ready while it stands.
    pub fn set_denied(&self, subject: &str, reason: String) {
        let subject = subject.to_owned();
        *self.denied.lock().expect("never poisoned") = Some(Denied { subject, reason });
        self.any_denied.store(true, Ordering::SeqCst);
    }
    /// Forgets the refusal on `subject`, once a publish there was confirmed (the rights were
    /// granted by a server reload). A refused subscription stays until the worker restarts:
    /// the server dropped it and the client does not ask again.
    pub fn clear_denied(&self, subject: &str) {
        if !self.any_denied.load(Ordering::SeqCst) {
            return;
        }
        let mut denied = self.denied.lock().expect("never poisoned");
        if denied.as_ref().is_some_and(|d| d.subject == subject) {
            *denied = None;
            self.any_denied.store(false, Ordering::SeqCst);
        }
    }
    pub fn is_ready(&self) -> bool {
        self.connected.load(Ordering::SeqCst)
            && self.bound.load(Ordering::SeqCst)
            && !self.draining.load(Ordering::SeqCst)
            && !self.any_denied.load(Ordering::SeqCst)
    }
    /// Why the worker is not ready, or "ready".
    pub fn describe(&self) -> String {
        if self.draining.load(Ordering::SeqCst) {
            "draining".into()
        } else if !self.connected.load(Ordering::SeqCst) {
            "nats disconnected".into()
        } else if let Some(d) = self.denied.lock().expect("never poisoned").as_ref() {
            d.reason.clone()
        } else if !self.bound.load(Ordering::SeqCst) {
            "consumer not bound".into()
        } else {
            "ready".into()
        }
    }
}
