//! Authentication: the worker connects with the credentials its settings give, refuses to
//! start without them, and never writes a secret to its log.

use crate::support::{self, NatsServer, WorkerProcess};

const USER: &str = "worker";
const PASSWORD: &str = "s3cret-Pa55word-never-logged";

#[test]
fn user_and_password_from_settings_connect_and_are_never_logged() {
    let nats = NatsServer::start_with(&["--user", USER, "--pass", PASSWORD]);
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[
            ("NATS__USER", USER),
            ("NATS__PASSWORD", PASSWORD),
            ("LOG__LEVEL", "debug"),
        ],
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
        let out = support::run_worker_once(
            &nats.url(),
            &[
                ("NATS__USER", user),
                ("NATS__PASSWORD", password),
                ("LOG__LEVEL", "debug"),
            ],
        );
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
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[("NATS__TOKEN", token), ("LOG__LEVEL", "debug")],
    );
    assert!(!worker.log_text().contains(token));
}

#[test]
fn an_nkey_seed_from_settings_connects_and_is_never_logged() {
    let user = nkeys::KeyPair::new_user();
    let seed = user.seed().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("nats.conf");
    std::fs::write(
        &conf,
        format!(
            "authorization {{ users = [ {{ nkey: {} }} ] }}\n",
            user.public_key()
        ),
    )
    .unwrap();
    let nats = NatsServer::start_with(&["-c", conf.to_str().unwrap()]);
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[("NATS__NKEY_SEED", &seed), ("LOG__LEVEL", "debug")],
    );
    assert!(!worker.log_text().contains(&seed));
}

#[test]
fn tls_with_a_custom_ca_connects_and_a_missing_ca_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let openssl = |args: &[&str]| {
        let status = std::process::Command::new("openssl")
            .args(args)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "openssl {args:?}");
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=test-ca",
        "-keyout",
        &path("ca.key"),
        "-out",
        &path("ca.pem"),
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        &path("server.key"),
        "-out",
        &path("server.csr"),
    ]);
    std::fs::write(
        path("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &path("server.csr"),
        "-CA",
        &path("ca.pem"),
        "-CAkey",
        &path("ca.key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        &path("ext.cnf"),
        "-out",
        &path("server.pem"),
    ]);
    let nats = NatsServer::start_with(&[
        "--tlscert",
        &path("server.pem"),
        "--tlskey",
        &path("server.key"),
    ]);
    let url = format!("tls://127.0.0.1:{}", nats.port);
    let _worker = WorkerProcess::start_ready(
        &url,
        &[
            ("NATS__TLS_CA_FILE", &path("ca.pem")),
            ("NATS__TLS_REQUIRED", "true"),
        ],
    );

    let out = support::run_worker_once(&url, &[("NATS__TLS_CA_FILE", &path("missing-ca.pem"))]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nats.tls_ca_file") && err.contains("missing-ca.pem"),
        "{err}"
    );
}
