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

/// A test CA with a server certificate (for localhost and 127.0.0.1) and a client
/// certificate, made with openssl in a temporary directory.
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Pki {
        let pki = Pki {
            dir: tempfile::tempdir().unwrap(),
        };
        pki.openssl(&[
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
            &pki.path("ca.key"),
            "-out",
            &pki.path("ca.pem"),
        ]);
        std::fs::write(
            pki.path("server.cnf"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
        )
        .unwrap();
        std::fs::write(pki.path("client.cnf"), "extendedKeyUsage=clientAuth\n").unwrap();
        for name in ["server", "client"] {
            pki.openssl(&[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                &format!("/CN={name}"),
                "-keyout",
                &pki.path(&format!("{name}.key")),
                "-out",
                &pki.path(&format!("{name}.csr")),
            ]);
            pki.openssl(&[
                "x509",
                "-req",
                "-in",
                &pki.path(&format!("{name}.csr")),
                "-CA",
                &pki.path("ca.pem"),
                "-CAkey",
                &pki.path("ca.key"),
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                &pki.path(&format!("{name}.cnf")),
                "-out",
                &pki.path(&format!("{name}.pem")),
            ]);
        }
        pki
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_owned()
    }

    fn openssl(&self, args: &[&str]) {
        let status = std::process::Command::new("openssl")
            .args(args)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "openssl {args:?}");
    }
}

#[test]
fn tls_with_a_custom_ca_connects_and_a_missing_ca_file_is_named() {
    let pki = Pki::new();
    let nats = NatsServer::start_with(&[
        "--tlscert",
        &pki.path("server.pem"),
        "--tlskey",
        &pki.path("server.key"),
    ]);
    let url = format!("tls://127.0.0.1:{}", nats.port);
    let _worker = WorkerProcess::start_ready(
        &url,
        &[
            ("NATS__TLS_CA_FILE", &pki.path("ca.pem")),
            ("NATS__TLS_REQUIRED", "true"),
        ],
    );

    let out = support::run_worker_once(&url, &[("NATS__TLS_CA_FILE", &pki.path("missing-ca.pem"))]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nats.tls_ca_file") && err.contains("missing-ca.pem"),
        "{err}"
    );
}

/// A server that verifies client certificates (mutual TLS): the worker connects with the
/// certificate and key its settings give, and without them it exits non-zero.
#[test]
fn mutual_tls_connects_with_a_client_certificate_and_refuses_without_one() {
    let pki = Pki::new();
    let conf = pki.path("nats.conf");
    std::fs::write(
        &conf,
        format!(
            "tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n  ca_file: \"{}\"\n  verify: true\n}}\n",
            pki.path("server.pem"),
            pki.path("server.key"),
            pki.path("ca.pem")
        ),
    )
    .unwrap();
    let nats = NatsServer::start_with(&["-c", &conf]);
    let url = format!("tls://127.0.0.1:{}", nats.port);
    let ca = ("NATS__TLS_CA_FILE", pki.path("ca.pem"));
    let worker = WorkerProcess::start_ready(
        &url,
        &[
            (ca.0, ca.1.as_str()),
            ("NATS__TLS_CERT_FILE", &pki.path("client.pem")),
            ("NATS__TLS_KEY_FILE", &pki.path("client.key")),
            ("LOG__LEVEL", "debug"),
        ],
    );
    let key = std::fs::read_to_string(pki.path("client.key")).unwrap();
    let key_body = key.lines().nth(1).unwrap();
    assert!(
        !worker.log_text().contains(key_body),
        "the private key appears in the log"
    );

    let out = support::run_worker_once(
        &url,
        &[
            (ca.0, ca.1.as_str()),
            ("NATS__INITIAL_CONNECT_ATTEMPTS", "1"),
        ],
    );
    assert!(!out.status.success(), "no client certificate, no start");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("NATS"), "the reason is given: {err}");
}

/// A decentralised-auth server (operator mode: operator, account and user JWTs, made here
/// with the nkeys crate as `nsc` would) and a `.creds` file: the worker connects with the
/// file its settings name, a missing file is named in the error, and the seed is never logged.
#[test]
fn a_credentials_file_connects_in_operator_mode_and_is_never_logged() {
    let operator = nkeys::KeyPair::new_operator();
    let account = nkeys::KeyPair::new_account();
    let user = nkeys::KeyPair::new_user();
    let account_jwt = jwt(
        &operator,
        &account.public_key(),
        serde_json::json!({
            "type": "account", "version": 2,
            "limits": {"subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1,
                       "wildcards": true, "conn": -1, "leaf": -1,
                       "mem_storage": -1, "disk_storage": -1, "streams": -1, "consumer": -1},
        }),
    );
    // JetStream in operator mode needs a system account.
    let system = nkeys::KeyPair::new_account();
    let system_jwt = jwt(
        &operator,
        &system.public_key(),
        serde_json::json!({"type": "account", "version": 2}),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    std::fs::write(
        path("operator.jwt"),
        jwt(
            &operator,
            &operator.public_key(),
            serde_json::json!({"type": "operator", "version": 2}),
        ),
    )
    .unwrap();
    std::fs::write(
        path("nats.conf"),
        format!(
            "operator: \"{}\"\nsystem_account: {}\nresolver: MEMORY\n\
             resolver_preload: {{\n  {}: \"{}\"\n  {}: \"{}\"\n}}\n",
            path("operator.jwt"),
            system.public_key(),
            account.public_key(),
            account_jwt,
            system.public_key(),
            system_jwt
        ),
    )
    .unwrap();
    let user_jwt = jwt(
        &account,
        &user.public_key(),
        serde_json::json!({"type": "user", "version": 2, "pub": {}, "sub": {},
                           "subs": -1, "data": -1, "payload": -1}),
    );
    let seed = user.seed().unwrap();
    std::fs::write(
        path("worker.creds"),
        format!(
            "-----BEGIN NATS USER JWT-----\n{user_jwt}\n------END NATS USER JWT------\n\n\
             -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n"
        ),
    )
    .unwrap();
    let nats = NatsServer::start_with(&["-c", &path("nats.conf")]);
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[
            ("NATS__CREDENTIALS_FILE", &path("worker.creds")),
            ("LOG__LEVEL", "debug"),
        ],
    );
    assert!(
        !worker.log_text().contains(&seed),
        "the seed appears in the log"
    );

    let out = support::run_worker_once(&nats.url(), &[]);
    assert!(!out.status.success(), "no credentials, no start");
    let out = support::run_worker_once(
        &nats.url(),
        &[("NATS__CREDENTIALS_FILE", &path("missing.creds"))],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nats.credentials_file") && err.contains("missing.creds"),
        "{err}"
    );
}

/// A NATS JWT (ed25519-nkey) for `subject` with `nats` claims, signed by `issuer`.
fn jwt(issuer: &nkeys::KeyPair, subject: &str, nats: serde_json::Value) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = b64.encode(r#"{"typ":"JWT","alg":"ed25519-nkey"}"#);
    let iat = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let claims = serde_json::json!({
        "jti": format!("{subject}{iat}"), "iat": iat, "iss": issuer.public_key(),
        "name": "test", "sub": subject, "nats": nats,
    });
    let body = b64.encode(claims.to_string());
    let signature = issuer.sign(format!("{header}.{body}").as_bytes()).unwrap();
    format!("{header}.{body}.{}", b64.encode(signature))
}

const HTTP_TOKEN: &str = "status-token-0123456789abcdef";

/// GET `path` with extra request headers: (status, head, body).
fn http_get_with(port: u16, path: &str, headers: &[&str]) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n{extra}\r\n").unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    let (head, body) = buf.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_ascii_lowercase(), body.to_owned())
}

/// With `http.token` set, `/` and `/status.json` answer only the bearer of the token (a
/// browser without it gets the sign-in page, 401); the probes and `/metrics` stay open; the
/// token is never logged.
#[test]
fn the_status_page_requires_the_token_and_the_probes_stay_open() {
    let nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[("HTTP__TOKEN", HTTP_TOKEN), ("LOG__LEVEL", "debug")],
    );
    let port = worker.http_port;
    let right = format!("Authorization: Bearer {HTTP_TOKEN}");
    let wrong = format!("Authorization: Bearer {}x", &HTTP_TOKEN[1..]);
    for path in ["/", "/status.json"] {
        for headers in [
            vec![],
            vec![wrong.as_str()],
            vec!["Authorization: Basic eDp5"],
        ] {
            let (status, head, body) = http_get_with(port, path, &headers);
            assert_eq!(status, 401, "{path} {headers:?}: {body}");
            assert!(head.contains("www-authenticate: bearer"), "{head}");
            assert!(!body.contains("recent_quotes"), "{body}");
        }
        let (status, _, _) = http_get_with(port, path, &[&right]);
        assert_eq!(status, 200, "{path} with the token");
    }
    let (_, _, login) = http_get_with(port, "/", &[]);
    assert!(login.contains("id=\"login\""), "{login}");
    let (_, head, json) = http_get_with(
        port,
        "/status.json",
        &["authorization: bearer  status-token-0123456789abcdef"],
    );
    assert!(json.contains("recent_quotes"), "{head}{json}");
    for path in ["/metrics", "/healthz", "/readyz"] {
        assert_eq!(http_get_with(port, path, &[]).0, 200, "{path} stays open");
    }
    let log = worker.log_text();
    assert!(
        log.contains("\"token\""),
        "the start-up line says so:\n{log}"
    );
    assert!(
        !log.contains(HTTP_TOKEN),
        "the token appears in the log:\n{log}"
    );
}

#[test]
fn the_status_page_can_be_turned_off() {
    let nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(&nats.url(), &[("HTTP__STATUS_PAGE", "false")]);
    for path in ["/", "/status.json"] {
        assert_eq!(http_get_with(worker.http_port, path, &[]).0, 404, "{path}");
    }
    for path in ["/metrics", "/healthz", "/readyz"] {
        assert_eq!(http_get_with(worker.http_port, path, &[]).0, 200, "{path}");
    }
}

/// Listening beyond the loopback with the page open to anyone is said at start.
#[test]
fn an_open_status_page_on_a_public_address_is_warned_about() {
    let nats = NatsServer::start();
    let port = support::free_port();
    let mut worker =
        WorkerProcess::start(&nats.url(), &[("HTTP__LISTEN", &format!("0.0.0.0:{port}"))]);
    worker.http_port = port;
    assert!(worker.wait_ready(std::time::Duration::from_secs(20)));
    let log = worker.log_text();
    assert!(log.contains("set http.token"), "{log}");
}
