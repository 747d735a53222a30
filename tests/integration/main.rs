//! Integration tests: one binary, each module a subject. Every test that needs NATS starts its
//! own nats-server (see `support`), so the suite never touches a server it did not start.

mod cli;
mod cluster;
mod dedup;
mod dev;
mod faults;
mod hostile;
mod ids;
mod least_privilege;
mod ops;
mod security;
mod story;
#[path = "../support/mod.rs"]
mod support;
mod worker;
