//! Whether the worker can take articles now: set by the transport (connected) and the worker
//! (consumer bound, draining), read by `/readyz`, `/metrics` and the status page. Its own
//! module so that the transport, the HTTP side and the status page depend on it and not on
//! one another.

use std::sync::atomic::{AtomicBool, Ordering};

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
