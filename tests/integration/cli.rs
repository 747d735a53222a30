//! The commands a person runs: `article-worker analyze` over files and over JSON lines on
//! stdin, `publish` into a pipe, and what the logs look like in a file.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{self, NatsServer, WorkerProcess};

fn results(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn analyze_files_prints_one_result_a_line_in_order_with_ids_from_file_names() {
    let mut seeds: Vec<_> = std::fs::read_dir(support::seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let out = Command::new(support::worker_bin())
        .arg("analyze")
        .args(&seeds)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results = results(&out.stdout);
    let ids: Vec<_> = results
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<_> = seeds
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids, expected);
    for r in &results {
        assert_eq!(r["schema"], "article-worker/v1");
        assert_eq!(
            r["dedup"]["status"], "unique",
            "the seeds are not copies of each other"
        );
        assert!(
            !r["quotes"].as_array().unwrap().is_empty(),
            "every seed reports quotations"
        );
    }
    assert_eq!(results[4]["language"]["code"], "fa");
    assert_eq!(results[0]["language"]["code"], "ar");
}

#[test]
fn analyze_stdin_carries_dedup_state_and_reports_bad_lines_in_place() {
    let text =
        std::fs::read_to_string(support::seeds_dir().join("000_f10670a7ccd9653d.txt")).unwrap();
    let copy = text.replace('ي', "ی").replace('ك', "ک");
    let lines = [
        serde_json::json!({"id": "first", "text": text, "lang_hint": "ar"}).to_string(),
        "{\"id\": \"broken\"".to_string(),
        serde_json::json!({"id": "copy", "text": copy}).to_string(),
    ];
    let mut child = Command::new(support::worker_bin())
        .arg("analyze")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the exit status non-zero"
    );
    let results = results(&out.stdout);
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["language"]["hint"], "ar");
    assert_eq!(results[1]["error"]["kind"], "invalid_json");
    assert_eq!(results[2]["dedup"]["status"], "exact_duplicate");
    assert_eq!(results[2]["dedup"]["duplicate_of"], "first");
}

/// Two made-up articles as files, for `publish`.
fn two_article_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let texts = [
        (
            "ferry",
            "The harbour master said: \"The ferry leaves at noon.\"",
        ),
        (
            "orchard",
            "The growers said the orchard harvest was early this year.",
        ),
    ];
    texts
        .iter()
        .map(|(name, text)| {
            let path = dir.join(format!("{name}.txt"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[test]
fn publish_into_a_pipe_prints_one_result_a_line_and_only_warnings() {
    let nats = NatsServer::start();
    let _worker = WorkerProcess::start_ready(&nats.url(), &[]);
    let dir = tempfile::tempdir().unwrap();
    let files = two_article_files(dir.path());
    let publish = |verbose: bool| {
        Command::new(support::worker_bin())
            .arg("publish")
            .args(verbose.then_some("-v"))
            .args(&files)
            .env("ARTICLE_WORKER__NATS__URL", nats.url())
            .output()
            .unwrap()
    };
    let out = publish(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let results = results(&out.stdout);
    assert_eq!(results.len(), 2, "one result a line");
    assert!(
        !stderr.contains("published"),
        "no progress into a pipe: {stderr:?}"
    );
    assert!(!stderr.contains("INFO"), "warnings only: {stderr:?}");
    // With -v the information comes back (the articles are duplicates of the first run now,
    // by id: no new result is awaited).
    let out = publish(true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("connected to NATS"), "{stderr}");
}

#[test]
fn logs_in_a_file_carry_no_colour_codes_in_text_or_json() {
    let nats = NatsServer::start();
    for format in ["text", "json"] {
        let worker = WorkerProcess::start_ready(&nats.url(), &[("LOG__FORMAT", format)]);
        let log = worker.log_text();
        assert!(log.contains("worker ready"), "{log}");
        assert!(
            !log.contains('\x1b'),
            "{format} log with escape codes: {log:?}"
        );
        if format == "json" {
            for line in log.lines() {
                serde_json::from_str::<serde_json::Value>(line).expect("a JSON line");
            }
        }
    }
}
