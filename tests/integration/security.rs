//! Authentication: the worker connects with the credentials its settings give, refuses to
//! start without them, and never writes a secret to its log.

use std::time::Duration;

use crate::support::{self, NatsServer, WorkerProcess};

const USER: &str = "worker";
const PASSWORD: &str = "s3cret-Pa55word-never-logged";

#[test]
fn user_and_password_from_settings_connect_and_are_never_logged() {
    let nats = NatsServer::start_with(&["--user", USER, "--pass", PASSWORD]);
    let worker = WorkerProcess::start(
        &nats.url(),
        &[
            ("NATS__USER", USER),
            ("NATS__PASSWORD", PASSWORD),
            ("LOG__LEVEL", "debug"),
        ],
    );
    assert!(
        worker.wait_ready(Duration::from_secs(20)),
        "{}",
        worker.log_text()
    );
    let log = worker.log_text();
    assert!(
        !log.contains(PASSWORD),
        "the password appears in the log:\n{log}"
    );
}

#[test]
fn without_the_required_credentials_the_worker_refuses_to_start() {
    let nats = NatsServer::start_with(&["--user", USER, "--pass", PASSWORD]);
    for (user, password) in [("", ""), (USER, "wrong-password")] {
        let out = std::process::Command::new(support::worker_bin())
            .arg("run")
            .env("ARTICLE_WORKER__NATS__URL", nats.url())
            .env("ARTICLE_WORKER__NATS__USER", user)
            .env("ARTICLE_WORKER__NATS__PASSWORD", password)
            .env("ARTICLE_WORKER__NATS__INITIAL_CONNECT_ATTEMPTS", "2")
            .env(
                "ARTICLE_WORKER__HTTP__LISTEN",
                format!("127.0.0.1:{}", support::free_port()),
            )
            .env("ARTICLE_WORKER__DEDUP__STORE", "memory")
            .env("RUST_LOG", "debug")
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot connect to NATS"), "{err}");
        assert!(
            err.to_lowercase().contains("authorization"),
            "the reason is named: {err}"
        );
        assert!(
            !err.contains(PASSWORD) && !err.contains("wrong-password"),
            "{err}"
        );
    }
}

#[test]
fn a_token_from_settings_connects() {
    let token = "t0ken-never-logged";
    let nats = NatsServer::start_with(&["--auth", token]);
    let worker = WorkerProcess::start(
        &nats.url(),
        &[("NATS__TOKEN", token), ("LOG__LEVEL", "debug")],
    );
    assert!(
        worker.wait_ready(Duration::from_secs(20)),
        "{}",
        worker.log_text()
    );
    assert!(!worker.log_text().contains(token));
}
