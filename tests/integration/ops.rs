//! Operations: what deploy/ ships is checked against the worker it runs.
//!
//! - promtool checks the Prometheus config, the alert rules and their unit tests, and lints the
//!   worker's real /metrics;
//! - a real Prometheus, with deploy/prometheus/prometheus.yml, scrapes a running worker; its
//!   query API returns the worker's series, the alert rules evaluate without error against them
//!   and every dashboard query is valid there;
//! - every metric name in the dashboard and the rules is one the worker exports;
//! - the compose file and the Kubernetes manifests validate offline, and the settings they
//!   give the worker load;
//! - the status page, in headless Chromium (driven over the DevTools protocol) against a
//!   running worker, renders the live figures with no console message, exception or failed load.
//!
//! External tools (promtool, prometheus, chromium, check-jsonschema, kubernetes-validate;
//! `.ci/ops-deps.sh` installs them): with `CI=true` a missing tool fails the test, elsewhere
//! the test is skipped with a message.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{self, NatsServer};

// ---------------------------------------------------------------------------------------------
// Helpers

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn deploy() -> PathBuf {
    repo().join("deploy")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The path of `tool` (an absolute path or a name on PATH). Missing: under CI a failure,
/// elsewhere `None` and a message saying the test is skipped.
fn tool(name: &str) -> Option<PathBuf> {
    let found = if name.starts_with('/') {
        Path::new(name).exists().then(|| PathBuf::from(name))
    } else {
        std::env::var_os("PATH")
            .and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.is_file())
            })
            .or_else(|| {
                python_scripts_dir()
                    .map(|d| d.join(name))
                    .filter(|p| p.is_file())
            })
    };
    if found.is_none() {
        let why = format!("{name} is not installed (run .ci/ops-deps.sh)");
        assert!(!in_ci(), "{why}");
        eprintln!("SKIPPED: {why}");
    }
    found
}

/// Where `python3 -m pip install` puts commands, in case that is not on PATH.
fn python_scripts_dir() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_path('scripts'))",
        ])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !dir.trim().is_empty()).then(|| PathBuf::from(dir.trim()))
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    out
}

fn assert_success(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// GET `path` on 127.0.0.1:`port`: the status code and the body.
fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    http_request(port, path, "1.0")
}

/// GET over HTTP/`version`: 1.0 keeps servers from sending a chunked body; Chromium's DevTools
/// server answers 1.1 only (with a Content-Length).
fn http_request(port: u16, path: &str, version: &str) -> Option<(u16, String)> {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/{version}\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .ok()?;
    // The head, then the body by its Content-Length (a 1.1 server keeps the connection open).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = s.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let code = head.split_whitespace().nth(1)?.parse().ok()?;
    let length = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    match length {
        Some(len) => {
            while raw.len() < head_end + len {
                let n = s.read(&mut buf).ok()?;
                if n == 0 {
                    break;
                }
                raw.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            s.read_to_end(&mut raw).ok()?;
        }
    }
    let body = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    Some((code, body))
}

fn wait_until<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A YAML file as JSON, read with the ruamel.yaml that check-jsonschema brings along.
fn yaml(path: &Path) -> Option<Vec<Value>> {
    let python = tool("python3")?;
    let script = "import json, sys\n\
                  from ruamel.yaml import YAML\n\
                  docs = list(YAML(typ='safe').load_all(open(sys.argv[1], encoding='utf-8')))\n\
                  print(json.dumps(docs))";
    let out = run(Command::new(python).args(["-c", script]).arg(path));
    if !out.status.success() {
        let why = format!(
            "python3 cannot read YAML (ruamel.yaml comes with check-jsonschema; run .ci/ops-deps.sh): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!in_ci(), "{why}");
        eprintln!("SKIPPED: {why}");
        return None;
    }
    Some(serde_json::from_slice(&out.stdout).expect("JSON from python"))
}

/// The worker binary running against `nats`, its HTTP side on a free port.
struct Worker {
    port: u16,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Worker {
    fn start(nats: &NatsServer) -> Worker {
        let port = support::free_port();
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new(support::worker_bin())
            .arg("run")
            .current_dir(dir.path())
            .env("ARTICLE_WORKER__NATS__URL", nats.url())
            .env("ARTICLE_WORKER__HTTP__LISTEN", format!("127.0.0.1:{port}"))
            .env("ARTICLE_WORKER__DEDUP__STORE", "memory")
            .env("ARTICLE_WORKER__LOG__LEVEL", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the worker starts");
        let w = Worker {
            port,
            child,
            _dir: dir,
        };
        wait_until("the worker to be ready", Duration::from_secs(30), || {
            http_get(port, "/readyz").filter(|(code, _)| *code == 200)
        });
        w
    }

    fn get(&self, path: &str) -> String {
        let (code, body) = http_get(self.port, path).expect("the worker answers");
        assert_eq!(code, 200, "GET {path}: {body}");
        body
    }

    fn status(&self) -> Value {
        serde_json::from_str(&self.get("/status.json")).expect("/status.json is JSON")
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Publishes the seed articles, one duplicate of a seed and one message that is not UTF-8,
/// then waits until the worker has finished all of them. Returns how many were sent.
fn feed(nats: &NatsServer, worker: &Worker) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(support::seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let copy = dir.path().join("copy_of_first_seed.txt");
    std::fs::copy(&files[0], &copy).unwrap();
    files.push(copy);
    let bad = dir.path().join("not_utf8.txt");
    std::fs::write(&bad, b"\xff\xfe\xfd not text").unwrap();
    files.push(bad);
    let out = run(Command::new(support::worker_bin())
        .args(["publish", "--no-wait"])
        .args(&files)
        .env("ARTICLE_WORKER__NATS__URL", nats.url())
        .env("ARTICLE_WORKER__LOG__LEVEL", "warn"));
    assert_success("article-worker publish", &out);
    let sent = files.len() as u64;
    wait_until(
        "every article to be finished",
        Duration::from_secs(60),
        || {
            let s = worker.status();
            let done = s["totals"]["results"].as_u64()? + s["totals"]["dead_letters"].as_u64()?;
            (done >= sent).then_some(())
        },
    );
    sent
}

// ---------------------------------------------------------------------------------------------
// Metric names

/// Every `article_worker_*` and `process_*` name in `text`, histogram suffixes removed.
fn metric_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b':';
    let mut i = 0;
    while i < bytes.len() {
        if is_ident(bytes[i]) && (i == 0 || !is_ident(bytes[i - 1])) {
            let start = i;
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
            let word = &text[start..i];
            if word.starts_with("article_worker_") || word.starts_with("process_") {
                names.insert(word.to_owned());
            }
        } else {
            i += 1;
        }
    }
    names
}

/// The families a fresh `Metrics::new` exports, untouched (a `*Vec` shows in `gather()` only
/// once one of its series exists), histograms as their series names.
fn exported_series() -> BTreeSet<String> {
    use article_worker::metrics::Metrics;
    let m = Metrics::new(prometheus::Registry::new());
    let mut names = BTreeSet::new();
    for family in m.registry.gather() {
        let name = family.name().to_owned();
        if family.get_field_type() == prometheus::proto::MetricType::HISTOGRAM {
            for suffix in ["_bucket", "_sum", "_count"] {
                names.insert(format!("{name}{suffix}"));
            }
        }
        names.insert(name);
    }
    names
}

/// Every series name on a `/metrics` page (histograms as their `_bucket`, `_sum`, `_count`).
fn series_on_page(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split(['{', ' ']).next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A worker that has processed nothing exports every series the dashboard and the alert
/// rules use, and each labelled family with a series at zero for every value it knows:
/// panels read 0, not "No data", and an alert can tell zero from absent.
#[test]
fn a_fresh_worker_exports_every_series_the_dashboard_and_rules_use() {
    let nats = NatsServer::start();
    let worker = Worker::start(&nats);
    let page = worker.get("/metrics");
    let exported = series_on_page(&page);
    let mut used: BTreeSet<String> = dashboard_exprs(&dashboard())
        .iter()
        .flat_map(|e| metric_names(e))
        .collect();
    for rules in ["prometheus/alerts.yml", "k8s/prometheusrule.yaml"] {
        used.extend(metric_names(
            &std::fs::read_to_string(deploy().join(rules)).unwrap(),
        ));
    }
    let missing: Vec<_> = used.difference(&exported).collect();
    assert!(
        missing.is_empty(),
        "a fresh worker lacks {missing:?}\n{page}"
    );
    for series in [
        "article_worker_dead_letters_total{kind=\"max_deliver_exceeded\"} 0",
        "article_worker_messages_received_total{source=\"jetstream\"} 0",
        "article_worker_publish_errors_total{what=\"dead_letter\"} 0",
        "article_worker_results_by_dedup_total{status=\"near_duplicate\"} 0",
        "article_worker_results_by_language_total{language=\"und\"} 0",
    ] {
        assert!(page.lines().any(|l| l == series), "{series}");
    }
}

/// The PromQL expressions of the dashboard: panel targets and template variable queries.
fn dashboard_exprs(dashboard: &Value) -> Vec<String> {
    let mut exprs = Vec::new();
    fn walk(v: &Value, exprs: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("expr" | "query" | "definition", Value::String(s)) => {
                            exprs.push(s.clone())
                        }
                        _ => walk(v, exprs),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, exprs)),
            _ => {}
        }
    }
    walk(dashboard, &mut exprs);
    exprs
}

fn dashboard() -> Value {
    let path = deploy().join("grafana/dashboards/article-worker.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("the dashboard is JSON")
}

#[test]
fn dashboard_and_alert_rules_use_only_metrics_the_worker_exports() {
    let exported = exported_series();
    let exprs = dashboard_exprs(&dashboard());
    assert!(exprs.len() > 20, "the dashboard has its queries: {exprs:?}");
    let in_dashboard: BTreeSet<String> = exprs.iter().flat_map(|e| metric_names(e)).collect();
    let rules = std::fs::read_to_string(deploy().join("prometheus/alerts.yml")).unwrap();
    let in_rules = metric_names(&rules);
    let k8s_rules = std::fs::read_to_string(deploy().join("k8s/prometheusrule.yaml")).unwrap();
    let in_k8s_rules = metric_names(&k8s_rules);
    // What the issue asks the dashboard and the rules to show.
    for needed in [
        "article_worker_messages_processed_total",
        "article_worker_stage_duration_seconds_bucket",
        "article_worker_processing_duration_seconds_bucket",
        "article_worker_dead_letters_total",
        "article_worker_redeliveries_total",
        "article_worker_results_by_language_total",
        "article_worker_results_by_dedup_total",
        "article_worker_quotes_per_article_bucket",
        "article_worker_consumer_pending_messages",
        "article_worker_nats_connected",
        "process_resident_memory_bytes",
    ] {
        assert!(
            in_dashboard.contains(needed),
            "the dashboard shows {needed}"
        );
    }
    assert!(in_rules.contains("article_worker_consumer_pending_messages"));
    for (what, names) in [
        ("the dashboard", &in_dashboard),
        ("alerts.yml", &in_rules),
        ("prometheusrule.yaml", &in_k8s_rules),
    ] {
        let unknown: Vec<_> = names.difference(&exported).collect();
        assert!(
            unknown.is_empty(),
            "{what} uses metrics the worker does not export: {unknown:?}\nexported: {exported:?}"
        );
    }
}

#[test]
fn dashboard_panels_are_well_formed() {
    let d = dashboard();
    assert_eq!(d["uid"], "article-worker");
    let panels = d["panels"].as_array().expect("panels");
    let mut ids = BTreeSet::new();
    for p in panels {
        let title = p["title"].as_str().unwrap_or("?");
        assert!(
            ids.insert(p["id"].as_u64().expect("a numeric id")),
            "duplicate id in {title}"
        );
        let g = &p["gridPos"];
        let (x, w) = (g["x"].as_u64().unwrap(), g["w"].as_u64().unwrap());
        assert!(x + w <= 24, "{title} fits the 24-column grid");
        if p["type"] == "row" {
            continue;
        }
        assert!(
            p["description"].as_str().is_some_and(|s| !s.is_empty()),
            "{title} says what it shows"
        );
        let targets = p["targets"].as_array().expect("targets");
        assert!(!targets.is_empty(), "{title} has a query");
        for t in targets {
            assert_eq!(
                t["datasource"]["uid"], "${datasource}",
                "{title} uses the chosen data source"
            );
            let expr = t["expr"].as_str().unwrap();
            assert!(
                expr.contains("job=~\"$job\"") && expr.contains("instance=~\"$instance\""),
                "{title} follows the job and replica selectors: {expr}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// promtool and a real Prometheus

#[test]
fn promtool_accepts_the_config_the_rules_and_their_tests() {
    let Some(promtool) = tool("promtool") else {
        return;
    };
    let dir = deploy().join("prometheus");
    for args in [
        &["check", "config", "prometheus.yml"][..],
        &["check", "rules", "alerts.yml"],
        &["test", "rules", "alerts_test.yml"],
    ] {
        let out = run(Command::new(&promtool).args(args).current_dir(&dir));
        assert_success(&format!("promtool {}", args.join(" ")), &out);
    }
}

/// A Prometheus server on a free port, with its own storage, scraping the given worker ports.
struct Prometheus {
    port: u16,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Prometheus {
    /// Runs deploy/prometheus/prometheus.yml, its rules beside it, with the compose DNS
    /// discovery of the article-worker job swapped for `worker_ports` and intervals of 1 s.
    fn start(bin: &Path, worker_ports: &[u16]) -> Option<Prometheus> {
        let dir = tempfile::tempdir().unwrap();
        let mut config = yaml(&deploy().join("prometheus/prometheus.yml"))?.remove(0);
        let rule_files: Vec<String> = config["rule_files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_owned())
            .collect();
        for f in &rule_files {
            std::fs::copy(deploy().join("prometheus").join(f), dir.path().join(f)).unwrap();
        }
        let port = support::free_port();
        config["global"]["scrape_interval"] = "1s".into();
        config["global"]["evaluation_interval"] = "1s".into();
        let targets: Vec<String> = worker_ports
            .iter()
            .map(|p| format!("127.0.0.1:{p}"))
            .collect();
        for job in config["scrape_configs"].as_array_mut().unwrap() {
            let job = job.as_object_mut().unwrap();
            job.insert("scrape_interval".into(), "1s".into());
            let static_targets = match job["job_name"].as_str().unwrap() {
                "article-worker" => {
                    assert!(job.remove("dns_sd_configs").is_some(), "compose discovery");
                    serde_json::json!(targets)
                }
                "prometheus" => serde_json::json!([format!("127.0.0.1:{port}")]),
                other => panic!("a job the test does not know: {other}"),
            };
            job.insert(
                "static_configs".into(),
                serde_json::json!([{ "targets": static_targets }]),
            );
        }
        // JSON is YAML.
        std::fs::write(dir.path().join("prometheus.yml"), config.to_string()).unwrap();
        let port = support::free_port();
        let child = Command::new(bin)
            .arg(format!(
                "--config.file={}",
                dir.path().join("prometheus.yml").display()
            ))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.path().join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("prometheus starts");
        let p = Prometheus {
            port,
            child,
            _dir: dir,
        };
        wait_until("prometheus to be ready", Duration::from_secs(30), || {
            http_get(port, "/-/ready").filter(|(code, _)| *code == 200)
        });
        Some(p)
    }

    fn api(&self, path: &str) -> Value {
        let (code, body) = http_get(self.port, path).expect("prometheus answers");
        assert_eq!(code, 200, "GET {path}: {body}");
        let v: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(v["status"], "success", "{body}");
        v["data"].clone()
    }

    /// The result vector of an instant query.
    fn query(&self, promql: &str) -> Vec<Value> {
        let data = self.api(&format!("/api/v1/query?query={}", percent_encode(promql)));
        data["result"].as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sample_value(series: &Value) -> f64 {
    series["value"][1].as_str().unwrap().parse().unwrap()
}

#[test]
fn prometheus_scrapes_a_running_worker_and_evaluates_the_rules() {
    let (Some(prometheus), Some(promtool)) = (tool("/usr/bin/prometheus"), tool("promtool")) else {
        return;
    };
    let nats = NatsServer::start();
    let worker = Worker::start(&nats);
    let sent = feed(&nats, &worker);

    // The exposition is clean by promtool's lint.
    let metrics = worker.get("/metrics");
    let mut lint = Command::new(&promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    lint.stdin
        .take()
        .unwrap()
        .write_all(metrics.as_bytes())
        .unwrap();
    let out = lint.wait_with_output().unwrap();
    assert_success("promtool check metrics", &out);
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "promtool check metrics has remarks:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    let Some(prom) = Prometheus::start(&prometheus, &[worker.port]) else {
        return;
    };
    let finished = wait_until(
        "the worker's series in Prometheus",
        Duration::from_secs(30),
        || {
            let r = prom.query(
            "sum(article_worker_messages_processed_total{job=\"article-worker\", outcome=~\"result|dead_letter\"})",
        );
            r.first().map(sample_value).filter(|v| *v >= sent as f64)
        },
    );
    assert_eq!(finished, sent as f64);

    let up = prom.query("up{job=\"article-worker\"}");
    assert_eq!(up.len(), 1);
    assert_eq!(sample_value(&up[0]), 1.0);
    assert_eq!(
        up[0]["metric"]["instance"],
        format!("127.0.0.1:{}", worker.port)
    );
    let dead = prom.query("article_worker_dead_letters_total{kind=\"invalid_utf8\"}");
    assert_eq!(
        dead.len(),
        1,
        "the dead letter is counted by kind: {dead:?}"
    );
    assert_eq!(sample_value(&dead[0]), 1.0);
    let languages = prom.query("sum(article_worker_results_by_language_total)");
    assert_eq!(sample_value(&languages[0]), (sent - 1) as f64);
    for name in [
        "article_worker_stage_duration_seconds_bucket",
        "article_worker_processing_duration_seconds_count",
        "article_worker_consumer_pending_messages",
        "article_worker_nats_connected",
        "article_worker_ready",
        "process_resident_memory_bytes",
    ] {
        assert!(!prom.query(name).is_empty(), "Prometheus has {name}");
    }
    // A dashboard query, as Grafana sends it.
    let p99 = prom.query(
        "histogram_quantile(0.99, sum by (le) (article_worker_processing_duration_seconds_bucket{job=~\"article-worker\", instance=~\".*\"}))",
    );
    assert!(sample_value(&p99[0]) > 0.0);

    // The alert rules are loaded and evaluate without error on the real series; none fires
    // (ArticleWorkerDown is pending for a moment if evaluated before the first scrape).
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let data = prom.api("/api/v1/rules");
        let last = data["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|g| g["rules"].as_array().cloned().unwrap_or_default())
            .collect::<Vec<Value>>();
        let quiet = last.len() == 6
            && last
                .iter()
                .all(|r| r["health"] == "ok" && r["state"] == "inactive");
        if quiet {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the six alert rules evaluate (health ok) and none fires on a healthy worker: {last:#?}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }

    // Every dashboard query is valid PromQL for this Prometheus, with Grafana's variables as
    // Grafana fills them in; the main panels have data (rates need a few scrapes).
    wait_until("three scrapes", Duration::from_secs(30), || {
        let r = prom.query("count_over_time(up{job=\"article-worker\"}[1m])");
        r.first().map(sample_value).filter(|n| *n >= 3.0)
    });
    let mut empty = Vec::new();
    for p in dashboard()["panels"].as_array().unwrap() {
        for t in p["targets"].as_array().into_iter().flatten() {
            let expr = t["expr"].as_str().unwrap();
            let promql = expr
                .replace("$__rate_interval", "1m")
                .replace("$__range", "5m")
                .replace("$instance", ".*")
                .replace("$job", "article-worker");
            let query = format!("/api/v1/query?query={}", percent_encode(&promql));
            let (code, body) = http_get(prom.port, &query).expect("prometheus answers");
            assert_eq!(code, 200, "panel {}: {promql}\n{body}", p["title"]);
            let v: Value = serde_json::from_str(&body).unwrap();
            if v["data"]["result"].as_array().is_none_or(|r| r.is_empty()) {
                empty.push(p["title"].as_str().unwrap().to_owned());
            }
        }
    }
    for title in [
        "Throughput",
        "Messages finished by outcome",
        "Processing time (end to end)",
        "Stage latency p50",
        "Dead letters by kind",
        "Results by language",
        "Languages over the time range",
        "Duplicate rate",
        "Consumer lag",
        "NATS connection",
        "Memory (resident)",
    ] {
        assert!(
            !empty.iter().any(|t| t == title),
            "panel {title} has data (empty: {empty:?})"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Offline validation of compose and Kubernetes

#[test]
fn compose_file_validates_against_the_compose_schema() {
    let Some(check) = tool("check-jsonschema") else {
        return;
    };
    let out = run(Command::new(&check)
        .args(["--builtin-schema", "vendor.compose-spec"])
        .arg(deploy().join("docker-compose.yml")));
    assert_success("check-jsonschema (compose spec)", &out);
    // The validator does reject what the compose spec does not allow.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("compose.yml");
    std::fs::write(
        &bad,
        "services:\n  worker:\n    image: x\n    replicas_typo: 2\n",
    )
    .unwrap();
    let out = run(Command::new(&check)
        .args(["--builtin-schema", "vendor.compose-spec"])
        .arg(&bad));
    assert!(!out.status.success(), "an unknown compose key is rejected");
}

fn k8s_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(deploy().join("k8s"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| p.file_name().unwrap() != "kustomization.yaml")
        .collect();
    files.sort();
    files
}

#[test]
fn kubernetes_manifests_validate_strictly() {
    let Some(validate) = tool("kubernetes-validate") else {
        return;
    };
    let files = k8s_files();
    let out = run(Command::new(&validate).arg("--strict").args(&files));
    assert_success("kubernetes-validate --strict", &out);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    // The Prometheus Operator's kinds have no schema there; they are checked by
    // kubernetes_manifests_fit_together. Every other file must have passed.
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let passed = text
            .lines()
            .any(|l| l.contains(name) && l.contains("passed"));
        let crd = text
            .lines()
            .any(|l| l.contains(name) && l.contains("monitoring.coreos.com/v1"));
        assert!(passed || crd, "{name} was validated:\n{text}");
    }
    // Strict validation rejects a field Kubernetes does not know.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    let deployment = std::fs::read_to_string(deploy().join("k8s/deployment.yaml")).unwrap();
    std::fs::write(
        &bad,
        deployment.replace("terminationGracePeriodSeconds:", "terminationGracePeriod:"),
    )
    .unwrap();
    let out = run(Command::new(&validate).arg("--strict").arg(&bad));
    assert!(!out.status.success(), "an unknown field is rejected");
}

fn by_kind(docs: &[Value]) -> BTreeMap<String, Value> {
    docs.iter()
        .map(|d| (d["kind"].as_str().unwrap().to_owned(), d.clone()))
        .collect()
}

/// Loads `file` and `env` as the worker would, with nothing from this process's environment.
fn load_settings(
    file: Option<&Path>,
    env: Vec<(String, String)>,
) -> article_worker::settings::Settings {
    article_worker::settings::Settings::load_with_env(file, env)
        .unwrap_or_else(|e| panic!("the worker would refuse these settings: {e}"))
}

#[test]
fn kubernetes_manifests_fit_together() {
    let mut docs = Vec::new();
    for f in k8s_files() {
        let Some(mut d) = yaml(&f) else { return };
        docs.append(&mut d);
    }
    let k = by_kind(&docs);
    let deployment = &k["Deployment"];
    let pod = &deployment["spec"]["template"];
    let pod_labels = pod["metadata"]["labels"].as_object().unwrap();
    let matches = |selector: &Value| {
        selector
            .as_object()
            .unwrap()
            .iter()
            .all(|(key, v)| pod_labels.get(key) == Some(v))
    };
    assert!(matches(&deployment["spec"]["selector"]["matchLabels"]));
    assert!(matches(&k["Service"]["spec"]["selector"]));
    assert!(matches(
        &k["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"]
    ));
    assert!(deployment["spec"]["replicas"].as_u64().unwrap() >= 2);
    assert!(
        k["PodDisruptionBudget"]["spec"]["minAvailable"]
            .as_u64()
            .unwrap()
            >= 1
    );

    // The ServiceMonitor finds the Service and its port; its job label is the Service name.
    let service = &k["Service"];
    let sm = &k["ServiceMonitor"];
    let service_labels = service["metadata"]["labels"].as_object().unwrap();
    for (key, v) in sm["spec"]["selector"]["matchLabels"].as_object().unwrap() {
        assert_eq!(
            service_labels.get(key),
            Some(v),
            "the ServiceMonitor selects the Service"
        );
    }
    let port = sm["spec"]["endpoints"][0]["port"].as_str().unwrap();
    assert!(service["spec"]["ports"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == port));
    assert_eq!(sm["spec"]["endpoints"][0]["path"], "/metrics");
    assert_eq!(
        service["metadata"]["name"], "article-worker",
        "the job label the rules use"
    );

    // Probes on /healthz and /readyz, on the port the settings listen on.
    let container = &pod["spec"]["containers"][0];
    assert_eq!(container["livenessProbe"]["httpGet"]["path"], "/healthz");
    assert_eq!(container["readinessProbe"]["httpGet"]["path"], "/readyz");
    assert!(container["resources"]["requests"].is_object());
    assert!(container["resources"]["limits"].is_object());
    assert_eq!(pod["spec"]["securityContext"]["runAsNonRoot"], true);

    // The ConfigMap's settings load, the container reads them, and the grace period covers
    // the drain.
    let config_map = &k["ConfigMap"];
    let toml = config_map["data"]["worker.toml"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("worker.toml");
    std::fs::write(&file, toml).unwrap();
    let secret = |name: &Value| {
        docs.iter()
            .find(|d| d["kind"] == "Secret" && &d["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("a Secret named {name}"))
    };
    let env: Vec<(String, String)> = container["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let name = e["name"].as_str().unwrap().to_owned();
            let from_secret = &e["valueFrom"]["secretKeyRef"];
            if let Some(key) = from_secret["key"].as_str() {
                let value = &secret(&from_secret["name"])["stringData"][key];
                assert!(value.is_string(), "the Secret has {key}");
                (name, value.as_str().unwrap().to_owned())
            } else {
                (name, "article-worker-0".to_owned())
            }
        })
        .collect();
    assert!(
        env.iter()
            .any(|(name, _)| name == "ARTICLE_WORKER__HTTP__TOKEN"),
        "the status page's token comes from a Secret"
    );
    assert_network_policy_admits_only_prometheus(&k["NetworkPolicy"], pod, container);
    let settings = load_settings(Some(&file), env);
    assert!(settings.http.status_page);
    // The Helm values of the NATS cluster hold a node for each copy the worker asks for.
    let Some(values) = yaml(&deploy().join("k8s/nats/values.yaml")) else {
        return;
    };
    let cluster = &values[0]["config"]["cluster"];
    assert_eq!(cluster["enabled"], true);
    assert_eq!(values[0]["config"]["jetstream"]["enabled"], true);
    assert_eq!(settings.nats.replicas, 3);
    assert!(cluster["replicas"].as_u64().unwrap() >= settings.nats.replicas as u64);
    let args: Vec<&str> = container["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let config_path = args[args.iter().position(|a| *a == "--config").unwrap() + 1];
    let mount = container["volumeMounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "config")
        .unwrap();
    assert_eq!(
        Path::new(mount["mountPath"].as_str().unwrap()).join("worker.toml"),
        Path::new(config_path)
    );
    let listen = settings.http.listen;
    assert!(
        listen.ip().is_unspecified(),
        "the probes reach the pod's address"
    );
    assert_eq!(
        container["ports"][0]["containerPort"].as_u64().unwrap(),
        u64::from(listen.port())
    );
    let grace = pod["spec"]["terminationGracePeriodSeconds"]
        .as_u64()
        .unwrap();
    assert!(
        Duration::from_secs(grace) >= settings.worker.shutdown_grace + Duration::from_secs(10),
        "terminationGracePeriodSeconds {grace} leaves room after worker.shutdown_grace {:?}",
        settings.worker.shutdown_grace
    );

    // The PrometheusRule is alerts.yml.
    let Some(alerts) = yaml(&deploy().join("prometheus/alerts.yml")) else {
        return;
    };
    assert_eq!(k["PrometheusRule"]["spec"]["groups"], alerts[0]["groups"]);
}

/// The compose services that are NATS nodes of one JetStream cluster: each with its own
/// server name and store volume, routes to every node, and a health check.
fn compose_nats_nodes(services: &Value) -> Vec<String> {
    let mut nodes = Vec::new();
    let mut names = BTreeSet::new();
    let mut volumes = BTreeSet::new();
    let mut routes = BTreeSet::new();
    for (name, service) in services.as_object().unwrap() {
        let Some(command) = service["command"].as_array() else {
            continue;
        };
        let args: Vec<&str> = command.iter().filter_map(Value::as_str).collect();
        if !args.iter().any(|a| a.starts_with("--cluster=")) {
            continue;
        }
        assert!(args.contains(&"--jetstream"), "{name} runs JetStream");
        let arg = |prefix: &str| {
            args.iter()
                .find_map(|a| a.strip_prefix(prefix))
                .unwrap_or_else(|| panic!("{name} has {prefix}"))
                .to_owned()
        };
        names.insert(arg("--server_name="));
        routes.insert(arg("--routes="));
        volumes.insert(service["volumes"][0].as_str().unwrap().to_owned());
        assert!(
            service["healthcheck"].is_object(),
            "{name} has a health check"
        );
        nodes.push(name.clone());
    }
    assert_eq!(names.len(), nodes.len(), "a server name each");
    assert_eq!(volumes.len(), nodes.len(), "a store each");
    assert_eq!(routes.len(), 1, "every node routes to the same nodes");
    let routes = routes.pop_first().unwrap();
    for node in &nodes {
        assert!(
            routes.contains(&format!("nats://{node}:6222")),
            "a route to {node}"
        );
    }
    nodes
}

/// The NetworkPolicy selects the worker's pods, isolates their ingress and lets in only pods
/// chosen by label (Prometheus) on the HTTP port: no rule open to every source or every port.
/// The kubelet's probes come from the node, which NetworkPolicy always lets through.
fn assert_network_policy_admits_only_prometheus(policy: &Value, pod: &Value, container: &Value) {
    let pod_labels = pod["metadata"]["labels"].as_object().unwrap();
    for (key, v) in policy["spec"]["podSelector"]["matchLabels"]
        .as_object()
        .expect("the policy selects by label")
    {
        assert_eq!(pod_labels.get(key), Some(v), "the policy selects the pods");
    }
    assert_eq!(
        policy["spec"]["policyTypes"],
        serde_json::json!(["Ingress"])
    );
    let rules = policy["spec"]["ingress"].as_array().unwrap();
    assert_eq!(rules.len(), 1, "one way in: {rules:?}");
    let from = rules[0]["from"].as_array().expect("sources are named");
    assert!(!from.is_empty());
    for source in from {
        let labels = &source["podSelector"]["matchLabels"];
        assert_eq!(labels["app.kubernetes.io/name"], "prometheus", "{source}");
        assert!(source.get("ipBlock").is_none(), "{source}");
    }
    let ports = rules[0]["ports"].as_array().expect("ports are named");
    assert_eq!(ports.len(), 1);
    assert_eq!(ports[0]["port"], container["ports"][0]["name"]);
}

#[test]
fn compose_stack_is_complete_and_its_settings_load() {
    let Some(docs) = yaml(&deploy().join("docker-compose.yml")) else {
        return;
    };
    let services = &docs[0]["services"];
    for s in ["nats", "worker", "prometheus", "grafana"] {
        assert!(services[s].is_object(), "compose runs {s}");
    }
    let nats = services["nats"]["command"].as_array().unwrap();
    assert!(nats.iter().any(|a| a == "--jetstream"));
    assert!(nats
        .iter()
        .any(|a| a.as_str().unwrap().starts_with("--http_port")));
    // Every published port is bound to this machine's loopback only.
    for (name, service) in services.as_object().unwrap() {
        for port in service["ports"].as_array().into_iter().flatten() {
            let port = port.as_str().unwrap();
            assert!(
                port.starts_with("127.0.0.1:"),
                "{name} publishes {port} beyond 127.0.0.1"
            );
        }
    }
    let nodes = compose_nats_nodes(services);
    let worker = &services["worker"];
    assert_eq!(worker["deploy"]["replicas"], 2);
    let env: Vec<(String, String)> = worker["environment"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    let settings = load_settings(None, env);
    assert_eq!(settings.nats.replicas, 3, "the stack keeps three copies");
    assert!(
        nodes.len() >= settings.nats.replicas,
        "a node for each copy"
    );
    for node in &nodes {
        let url = url::Url::parse(&format!("nats://{node}:4222")).unwrap();
        assert!(settings.nats.url.contains(&url), "the workers know {url}");
    }
    let stop = humantime::parse_duration(worker["stop_grace_period"].as_str().unwrap()).unwrap();
    assert!(stop > settings.worker.shutdown_grace);
    let port = settings.http.listen.port();

    // Prometheus scrapes the worker service on that port and loads the rules.
    let Some(prom) = yaml(&deploy().join("prometheus/prometheus.yml")) else {
        return;
    };
    let job = prom[0]["scrape_configs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["job_name"] == "article-worker")
        .expect("the article-worker job");
    assert_eq!(job["dns_sd_configs"][0]["names"][0], "worker");
    assert_eq!(
        job["dns_sd_configs"][0]["port"].as_u64().unwrap(),
        u64::from(port)
    );
    let volumes = |s: &str| -> Vec<String> {
        services[s]["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert!(volumes("prometheus")
        .iter()
        .any(|v| v.starts_with("./prometheus:/etc/prometheus")));
    // Grafana gets the provisioning and the dashboard from the paths it is told.
    let Some(provider) = yaml(&deploy().join("grafana/provisioning/dashboards/article-worker.yml"))
    else {
        return;
    };
    let dashboards_path = provider[0]["providers"][0]["options"]["path"]
        .as_str()
        .unwrap();
    assert!(volumes("grafana")
        .iter()
        .any(|v| v == &format!("./grafana/dashboards:{dashboards_path}:ro")));
    assert!(volumes("grafana")
        .iter()
        .any(|v| v.starts_with("./grafana/provisioning:/etc/grafana/provisioning")));
    let Some(ds) = yaml(&deploy().join("grafana/provisioning/datasources/prometheus.yml")) else {
        return;
    };
    assert_eq!(ds[0]["datasources"][0]["url"], "http://prometheus:9090");
    assert_eq!(ds[0]["datasources"][0]["type"], "prometheus");
}

#[test]
fn dockerfile_builds_a_small_non_root_image_with_a_health_check() {
    let text = std::fs::read_to_string(deploy().join("Dockerfile")).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let from: Vec<&&str> = lines.iter().filter(|l| l.starts_with("FROM ")).collect();
    assert!(from.len() >= 2, "multi-stage");
    assert!(
        from.last().unwrap().contains("-slim"),
        "a small runtime base"
    );
    let user = lines
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("a USER");
    let uid = user.split(':').next().unwrap();
    assert!(uid != "0" && uid != "root", "not root: {user}");
    let health = text.find("HEALTHCHECK").expect("a HEALTHCHECK");
    let health = &text[health..];
    assert!(health.contains("/healthz"));
    // The health check, EXPOSE and the listen address agree on the port.
    let listen = lines
        .iter()
        .find_map(|l| l.split("ARTICLE_WORKER__HTTP__LISTEN=").nth(1))
        .expect("the image listens on every interface")
        .split_whitespace()
        .next()
        .unwrap();
    let port = listen.rsplit(':').next().unwrap();
    assert!(listen.starts_with("0.0.0.0:"));
    assert!(lines.iter().any(|l| *l == format!("EXPOSE {port}")));
    assert!(health.contains(&format!("/dev/tcp/127.0.0.1/{port}")));
    let ignore = std::fs::read_to_string(deploy().join("Dockerfile.dockerignore")).unwrap();
    assert!(
        ignore.lines().any(|l| l == "target"),
        "target/ stays out of the build context"
    );
}

// ---------------------------------------------------------------------------------------------
// The status page in headless Chromium

struct Page {
    dom: String,
    /// Console calls, uncaught exceptions and browser log errors (failed loads, blocked
    /// content), each as one line.
    console: Vec<String>,
    /// Every request the page sent: `url` and `headers` as DevTools reports them.
    requests: Vec<Value>,
}

/// A WebSocket client just big enough for the DevTools protocol: text frames, masked on the
/// way out, read by a thread that hands each message over a channel.
struct DevTools {
    out: std::net::TcpStream,
    messages: std::sync::mpsc::Receiver<Value>,
    next_id: u64,
}

impl DevTools {
    fn connect(ws_url: &str) -> DevTools {
        let rest = ws_url.strip_prefix("ws://").expect("a ws:// URL");
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut stream = std::net::TcpStream::connect(host).expect("DevTools accepts");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).expect("the handshake answer");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        assert!(
            head.starts_with("HTTP/1.1 101"),
            "WebSocket handshake: {head}"
        );
        let mut input = stream.try_clone().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut message = Vec::new();
            loop {
                let mut h = [0u8; 2];
                if input.read_exact(&mut h).is_err() {
                    return;
                }
                let (fin, opcode) = (h[0] & 0x80 != 0, h[0] & 0x0f);
                let len = match h[1] & 0x7f {
                    126 => {
                        let mut b = [0u8; 2];
                        input.read_exact(&mut b).unwrap();
                        u64::from(u16::from_be_bytes(b))
                    }
                    127 => {
                        let mut b = [0u8; 8];
                        input.read_exact(&mut b).unwrap();
                        u64::from_be_bytes(b)
                    }
                    n => u64::from(n),
                };
                let mut payload = vec![0u8; len as usize];
                if input.read_exact(&mut payload).is_err() {
                    return;
                }
                match opcode {
                    0x8 => return,
                    0x1 | 0x0 => {
                        message.extend_from_slice(&payload);
                        if fin {
                            let v = serde_json::from_slice(&message).expect("DevTools sends JSON");
                            message.clear();
                            if tx.send(v).is_err() {
                                return;
                            }
                        }
                    }
                    _ => {}
                }
            }
        });
        DevTools {
            out: stream,
            messages: rx,
            next_id: 0,
        }
    }

    /// Sends a command; returns its id.
    fn send(&mut self, method: &str, params: Value) -> u64 {
        self.next_id += 1;
        let text =
            serde_json::json!({"id": self.next_id, "method": method, "params": params}).to_string();
        let payload = text.as_bytes();
        let mask = [0x12u8, 0x34, 0x56, 0x78];
        let mut frame = vec![0x81u8];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.out.write_all(&frame).unwrap();
        self.next_id
    }

    /// Every message until `deadline`, or until the answer to command `until` arrived.
    fn collect(&self, deadline: Instant, until: Option<u64>) -> Vec<Value> {
        let mut got = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(v) = self.messages.recv_timeout(left) else {
                break;
            };
            let done = until.is_some_and(|id| v["id"] == id);
            got.push(v);
            if done {
                break;
            }
        }
        got
    }
}

/// What a DevTools event says went wrong on the page, if anything.
fn page_problem(event: &Value) -> Option<String> {
    let p = &event["params"];
    match event["method"].as_str()? {
        // The status page never writes to the console: any call is a finding.
        "Runtime.consoleAPICalled" => Some(format!("console.{}: {}", p["type"], p["args"])),
        "Runtime.exceptionThrown" => Some(format!(
            "uncaught: {}",
            p["exceptionDetails"]["exception"]["description"]
                .as_str()
                .unwrap_or_else(|| p["exceptionDetails"]["text"].as_str().unwrap_or("?"))
        )),
        "Log.entryAdded" if p["entry"]["level"] == "error" => Some(format!(
            "{}: {} {}",
            p["entry"]["source"], p["entry"]["text"], p["entry"]["url"]
        )),
        _ => None,
    }
}

/// Loads `url` in headless Chromium, driven over the DevTools protocol, lets it run for
/// `wait_ms` of real time, and returns the DOM it ended with and every problem it reported.
fn chromium(bin: &Path, url: &str, wait_ms: u64) -> Page {
    let profile = tempfile::tempdir().unwrap();
    let mut browser = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    struct Kill<'a>(&'a mut Child);
    impl Drop for Kill<'_> {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stderr = browser.stderr.take().unwrap();
    let _browser = Kill(&mut browser);
    // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(url) = line.split("DevTools listening on ").nth(1) {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    let browser_url = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("chromium opens its DevTools port");
    let port: u16 = browser_url
        .strip_prefix("ws://127.0.0.1:")
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the DevTools port");
    let page_ws = wait_until("a page target", Duration::from_secs(10), || {
        let (_, body) = http_request(port, "/json/list", "1.1")?;
        let targets: Value = serde_json::from_str(&body).ok()?;
        targets
            .as_array()?
            .iter()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(str::to_owned))
    });
    let mut cdp = DevTools::connect(&page_ws);
    cdp.send("Runtime.enable", serde_json::json!({}));
    cdp.send("Log.enable", serde_json::json!({}));
    cdp.send("Page.enable", serde_json::json!({}));
    cdp.send("Network.enable", serde_json::json!({}));
    cdp.send("Page.navigate", serde_json::json!({ "url": url }));
    let mut events = cdp.collect(Instant::now() + Duration::from_millis(wait_ms), None);
    let id = cdp.send(
        "Runtime.evaluate",
        serde_json::json!({"expression": "document.documentElement.outerHTML", "returnByValue": true}),
    );
    events.extend(cdp.collect(Instant::now() + Duration::from_secs(10), Some(id)));
    let dom = events
        .iter()
        .find(|e| e["id"] == id)
        .and_then(|e| e["result"]["result"]["value"].as_str())
        .expect("the page's DOM")
        .to_owned();
    Page {
        dom,
        console: events.iter().filter_map(page_problem).collect(),
        requests: events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .map(|e| e["params"]["request"].clone())
            .collect(),
    }
}

/// The text of the element with `id` in a dumped DOM (its first text run).
fn text_of(dom: &str, id: &str) -> String {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("#{id} in the page"));
    let rest = &dom[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest[start..].find('<').unwrap() + start;
    rest[start..end].to_owned()
}

#[test]
fn chromium_capture_sees_console_calls_exceptions_and_failed_loads() {
    // The check the status page tests rely on: a problem on a page is seen.
    let Some(bin) = tool("/usr/bin/chromium") else {
        return;
    };
    let closed = support::free_port();
    let page = chromium(
        &bin,
        &format!(
            "data:text/html,<p>x</p><img src='http://127.0.0.1:{closed}/x.png'>\
             <script>console.error('boom'); undefined_function()</script>"
        ),
        1500,
    );
    let all = page.console.join("\n");
    assert!(all.contains("boom"), "console.error seen: {all}");
    assert!(all.contains("undefined_function"), "exception seen: {all}");
    assert!(
        all.contains(&format!("127.0.0.1:{closed}")),
        "failed load seen: {all}"
    );
    assert!(page.dom.contains("<p>x</p>"));
}

#[test]
fn status_page_shows_the_live_figures_in_chromium() {
    let Some(bin) = tool("/usr/bin/chromium") else {
        return;
    };
    let nats = NatsServer::start();
    let worker = Worker::start(&nats);
    let sent = feed(&nats, &worker);
    let status = worker.status();

    let (code, _) = http_get(worker.port, "/").unwrap();
    assert_eq!(code, 200);
    let page = chromium(&bin, &format!("http://127.0.0.1:{}/", worker.port), 5000);
    assert!(
        page.console.is_empty(),
        "console messages: {:#?}",
        page.console
    );
    let dom = &page.dom;
    assert!(
        dom.contains("data-state=\"live\""),
        "the page polled /status.json:\n{dom}"
    );
    let updates: u32 = dom
        .split("data-updates=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    assert!(
        updates >= 2,
        "the page refreshes by itself ({updates} updates)"
    );

    assert_eq!(text_of(dom, "state"), "ready");
    assert_eq!(text_of(dom, "nats"), "connected");
    let results = status["totals"]["results"].as_u64().unwrap();
    assert_eq!(text_of(dom, "results-total"), results.to_string());
    assert_eq!(text_of(dom, "dead-total"), "1");
    assert_eq!(results + 1, sent);
    assert_ne!(text_of(dom, "throughput"), "–");
    assert!(text_of(dom, "memory").ends_with("MiB"));
    // Latency: a row per stage with figures.
    for stage in [
        "end to end",
        "decode",
        "language",
        "dedup",
        "quotes",
        "publish",
    ] {
        assert!(
            dom.contains(&format!("data-stage=\"{stage}\"")),
            "latency of {stage}"
        );
    }
    let e2e = &dom[dom.find("data-stage=\"end to end\"").unwrap()..];
    assert!(e2e.contains(" ms<") || e2e.contains(" µs<") || e2e.contains(" s<"));
    // Languages and dead letters as bars, with the numbers /status.json gives.
    for lang in status["languages"].as_array().unwrap() {
        let name = lang["name"].as_str().unwrap();
        assert!(
            dom.contains(&format!("data-name=\"{name}\"")),
            "language {name} shown"
        );
    }
    assert!(
        dom.contains("data-name=\"invalid_utf8\""),
        "dead letters by kind shown"
    );
    let rate = &status["dedup"]["duplicate_rate"];
    let shown = text_of(dom, "duplicate-rate");
    assert_eq!(shown, format!("{:.1} %", 100.0 * rate.as_f64().unwrap()));
}

/// The HTTP side alone (no NATS), in this process, showing `recent`.
struct StatusServer {
    port: u16,
    rt: tokio::runtime::Runtime,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl StatusServer {
    fn start(
        access: article_worker::http::StatusAccess,
        recent: Arc<article_worker::status::RecentQuotes>,
    ) -> StatusServer {
        use article_worker::http::{serve, HttpState};
        use article_worker::metrics::Metrics;
        use article_worker::readiness::Readiness;
        let rt = tokio::runtime::Runtime::new().unwrap();
        let port = support::free_port();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = rt.spawn(async move {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                .await
                .unwrap();
            let state = HttpState {
                metrics: Metrics::new(prometheus::Registry::new()),
                readiness: Arc::new(Readiness::default()),
                recent,
                stories: Default::default(),
                status_access: access,
            };
            serve(listener, state, async move {
                let _ = stopped.await;
            })
            .await
        });
        assert!(support::wait_for_port(port, Duration::from_secs(10)));
        StatusServer {
            port,
            rt,
            stop,
            server,
        }
    }

    fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.rt.block_on(self.server);
    }
}

fn quote(text: &str, speaker: Option<&str>) -> article_worker::message::Quote {
    article_worker::message::Quote {
        text: text.into(),
        start: 0,
        end: text.chars().count(),
        kind: article_worker::message::QuoteKind::Direct,
        speaker: speaker.map(Into::into),
        cue: Some("said".into()),
        speaker_index: None,
        confidence: 0.9,
    }
}

#[test]
fn status_page_lists_the_latest_quotes_safely() {
    use article_worker::status::RecentQuotes;

    let Some(bin) = tool("/usr/bin/chromium") else {
        return;
    };
    let recent = Arc::new(RecentQuotes::default());
    recent.push(
        "ar-1",
        vec![quote("سنواصل العمل حتى النهاية", Some("الوزير"))],
    );
    recent.push(
        "en-2",
        vec![
            quote(
                "<img src=x onerror=alert(1)> is not markup",
                Some("Ann <b>Lee</b>"),
            ),
            quote("nobody said this", None),
        ],
    );
    let server = StatusServer::start(article_worker::http::StatusAccess::Open, recent);
    let page = chromium(&bin, &format!("http://127.0.0.1:{}/", server.port), 3000);
    server.stop();
    assert!(
        page.console.is_empty(),
        "console messages: {:#?}",
        page.console
    );
    let dom = &page.dom;
    let quotes = &dom[dom.find("id=\"quotes\"").unwrap()..];
    let first = quotes
        .find("nobody said this")
        .expect("newest quote listed");
    let second = quotes.find("is not markup").expect("second quote listed");
    let third = quotes
        .find("سنواصل العمل حتى النهاية")
        .expect("Arabic quote listed");
    assert!(first < second && second < third, "newest first");
    assert!(quotes.contains("الوزير"));
    assert!(quotes.contains("unattributed"));
    // Text stays text: the markup in a quote or a speaker is shown, not run.
    assert!(quotes.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(quotes.contains("Ann &lt;b&gt;Lee&lt;/b&gt;"));
    assert!(!quotes.contains("<img"));
    assert_eq!(text_of(dom, "state"), "not ready: nats disconnected");
}

/// Behind `http.token`, a link with the token in its fragment opens the live page: the token
/// never appears in a URL the browser sends, and every poll carries it as a header. A wrong
/// token shows the sign-in page and no quotation.
#[test]
fn status_page_behind_a_token_opens_from_the_fragment_in_chromium() {
    use article_worker::http::StatusAccess;
    use article_worker::status::RecentQuotes;
    const TOKEN: &str = "chromium-token-0123456789";

    let Some(bin) = tool("/usr/bin/chromium") else {
        return;
    };
    let recent = Arc::new(RecentQuotes::default());
    recent.push("a-1", vec![quote("only for the bearer", Some("Ann"))]);
    let server = StatusServer::start(StatusAccess::Token(TOKEN.into()), recent);
    let base = format!("http://127.0.0.1:{}/", server.port);
    let page = chromium(&bin, &format!("{base}#token={TOKEN}"), 8000);
    let wrong = chromium(&bin, &format!("{base}#token=not-{TOKEN}"), 3000);
    server.stop();

    assert!(page.dom.contains("data-state=\"live\""), "{}", page.dom);
    assert!(page.dom.contains("only for the bearer"));
    let authorised = page
        .requests
        .iter()
        .filter(|r| r["headers"]["Authorization"] == format!("Bearer {TOKEN}").as_str())
        .count();
    assert!(
        authorised >= 2,
        "the page and its polls carry the header: {:#?}",
        page.requests
    );
    for r in page.requests.iter().chain(&wrong.requests) {
        let url = r["url"].as_str().unwrap();
        assert!(!url.contains(TOKEN), "the token reached a URL: {url}");
    }
    // The first answer to a browser without the header is the sign-in page with a 401.
    let problems: Vec<_> = page.console.iter().filter(|p| !p.contains("401")).collect();
    assert!(problems.is_empty(), "console messages: {problems:#?}");
    assert!(
        wrong.dom.contains("data-state=\"refused\""),
        "{}",
        wrong.dom
    );
    assert!(!wrong.dom.contains("only for the bearer"));
}

#[test]
fn every_panel_and_alert_is_explained_in_the_operations_guide() {
    let guide = std::fs::read_to_string(repo().join("docs/operations.md")).unwrap();
    for p in dashboard()["panels"].as_array().unwrap() {
        let title = p["title"].as_str().unwrap();
        let shown = title
            .replace(" p50", "")
            .replace(" p95", "")
            .replace(" p99", "");
        assert!(
            guide.contains(&shown),
            "docs/operations.md explains panel {title:?}"
        );
    }
    let rules = std::fs::read_to_string(deploy().join("prometheus/alerts.yml")).unwrap();
    let alerts: Vec<&str> = rules
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- alert: "))
        .collect();
    assert_eq!(alerts.len(), 6);
    for alert in alerts {
        assert!(
            guide.contains(&format!("| {alert} |")),
            "docs/operations.md explains alert {alert}"
        );
    }
}

/// The exec-form command of the Dockerfile's HEALTHCHECK.
fn docker_health_check() -> Vec<String> {
    let text = std::fs::read_to_string(deploy().join("Dockerfile")).unwrap();
    let joined = text.replace("\\\n", " ");
    let line = joined
        .lines()
        .find(|l| l.starts_with("HEALTHCHECK"))
        .expect("a HEALTHCHECK");
    let json = &line[line.find("CMD").expect("CMD") + 3..];
    serde_json::from_str(json.trim()).expect("the exec form, a JSON array")
}

#[test]
fn docker_health_check_passes_on_a_running_worker_and_fails_without_one() {
    let Some(bash) = tool("bash") else { return };
    let cmd = docker_health_check();
    assert_eq!(cmd[0], "bash");
    let script = &cmd[2];
    assert!(script.contains("/dev/tcp/127.0.0.1/9464"), "{script}");
    let on_port = |port: u16| {
        let script = script.replace(
            "/dev/tcp/127.0.0.1/9464",
            &format!("/dev/tcp/127.0.0.1/{port}"),
        );
        run(Command::new(&bash)
            .args(&cmd[1..2])
            .arg(script)
            .stderr(Stdio::null()))
        .status
        .success()
    };
    let nats = NatsServer::start();
    let worker = Worker::start(&nats);
    assert!(
        on_port(worker.port),
        "healthy while the worker serves /healthz"
    );
    drop(worker);
    assert!(!on_port(support::free_port()), "unhealthy without a worker");
}
