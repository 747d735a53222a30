//! The JetStream key-value dedup store against a private nats-server: answers, redelivery,
//! and two worker processes racing copies of 1,000 articles (exactly one `unique` per group).
//!
//! The race runs this test binary twice more as child processes (`race_child`, which does
//! nothing unless `DEDUP_RACE_URL` is set), each with its own connection and store, processing
//! its half of every group at the same moments.

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use article_worker::dedup::Dedup;
use article_worker::message::DedupStatus;
use article_worker::settings::{DedupSettings, Settings};

use crate::support::NatsServer;

const GROUPS: usize = 1_000;
const PER_GROUP: usize = 4;

fn settings(bucket: &str) -> DedupSettings {
    let mut s = Settings::load_with_env(None, Vec::new()).unwrap().dedup;
    s.kv_bucket = bucket.into();
    s
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// A deterministic article of about 300 words for group `g`.
fn base_text(g: usize) -> String {
    let mut x = (g as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut words = Vec::with_capacity(300);
    for i in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let w = format!("w{}", x % 20_000);
        words.push(if i % 15 == 14 { format!("{w}.") } else { w });
    }
    format!("Headline of story {g}\n\n{}", words.join(" "))
}

/// Copy `c` of group `g`: 0 the original, 1 an exact copy in other forms, 2 and 3 near copies
/// (new headline, byline, a few words changed).
fn copy_text(g: usize, c: usize) -> String {
    let base = base_text(g);
    match c {
        0 => base,
        1 => base.replace('.', " .").replace("Headline", "HEADLINE"),
        _ => {
            let (_, body) = base.split_once("\n\n").unwrap();
            let mut words: Vec<String> = body.split(' ').map(str::to_owned).collect();
            for k in 0..5 {
                let i = (g * 31 + k * 57 + c * 13) % words.len();
                words[i] = format!("changed{c}x{k}");
            }
            format!(
                "Another headline {c}\n\nBy a staff writer\n\n{}",
                words.join(" ")
            )
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn open(rt: &tokio::runtime::Runtime, url: &str, bucket: &str) -> Dedup {
    rt.block_on(async {
        let client = async_nats::connect(url).await.unwrap();
        let js = async_nats::jetstream::new(client);
        Dedup::jetstream(js, &settings(bucket), 1).await.unwrap()
    })
}

#[test]
fn jetstream_store_answers_exact_near_redelivery_and_lookup() {
    let server = NatsServer::start();
    let rt = runtime();
    let d = open(&rt, &server.url(), "dedup_basic");
    let t = now_ms();
    let a = d.check("a", &copy_text(1, 0), t).unwrap();
    assert_eq!(a.status, DedupStatus::Unique);
    let b = d.check("b", &copy_text(1, 1), t + 1).unwrap();
    assert_eq!(
        (b.status, b.duplicate_of.as_deref()),
        (DedupStatus::ExactDuplicate, Some("a"))
    );
    let c = d.check("c", &copy_text(1, 2), t + 2).unwrap();
    assert_eq!(
        (c.status, c.duplicate_of.as_deref()),
        (DedupStatus::NearDuplicate, Some("a"))
    );
    assert!(
        c.similarity >= 0.7 && c.similarity < 1.0,
        "{}",
        c.similarity
    );
    assert_eq!(
        d.check("a", &copy_text(1, 0), t + 3).unwrap(),
        a,
        "redelivery"
    );
    assert_eq!(
        d.check("c", &copy_text(1, 2), t + 4).unwrap(),
        c,
        "redelivery"
    );
    let other = d.lookup("z", &copy_text(2, 0), t + 5).unwrap();
    assert_eq!(other.status, DedupStatus::Unique);
    assert_eq!(
        d.check("y", &copy_text(2, 0), t + 6).unwrap().status,
        DedupStatus::Unique,
        "lookup did not record"
    );
    assert_eq!(
        d.lookup("z", &copy_text(2, 3), t + 7)
            .unwrap()
            .duplicate_of
            .as_deref(),
        Some("y")
    );

    // A second client of the same bucket (another replica) sees the same window.
    let d2 = open(&rt, &server.url(), "dedup_basic");
    assert_eq!(d2.check("a", &copy_text(1, 0), t + 8).unwrap(), a);
    assert_eq!(
        d2.check("e", &copy_text(1, 3), t + 9)
            .unwrap()
            .duplicate_of
            .as_deref(),
        Some("a")
    );
}

/// Not a test on its own: the child process of the race below.
#[test]
fn race_child() {
    let (Ok(url), Ok(part)) = (
        std::env::var("DEDUP_RACE_URL"),
        std::env::var("DEDUP_RACE_PART"),
    ) else {
        return;
    };
    let part: usize = part.parse().unwrap();
    let start: u64 = std::env::var("DEDUP_RACE_START").unwrap().parse().unwrap();
    let rt = runtime();
    let d = open(&rt, &url, "dedup_race");
    // This process's half of every group: copies 0 and 2, or 1 and 3; and copy 0 of every
    // group also in process 1, as a redelivery to another replica.
    let mut work: Vec<(usize, usize)> = Vec::new();
    for g in 0..GROUPS {
        for c in 0..PER_GROUP {
            if c % 2 == part || (c == 0 && part == 1) {
                work.push((g, c));
            }
        }
    }
    let wait = start.saturating_sub(now_ms());
    std::thread::sleep(Duration::from_millis(wait));
    let threads = 8;
    let out = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for t in 0..threads {
            let (d, work, out) = (&d, &work, &out);
            s.spawn(move || {
                for &(g, c) in work.iter().skip(t).step_by(threads) {
                    let id = format!("g{g}-c{c}");
                    let r = d.check(&id, &copy_text(g, c), now_ms()).unwrap();
                    let line = format!(
                        "RESULT\t{id}\t{}\t{}",
                        r.status.as_str(),
                        r.duplicate_of.unwrap_or_default()
                    );
                    out.lock().unwrap().push(line);
                }
            });
        }
    });
    for line in out.into_inner().unwrap() {
        println!("{line}");
    }
}

#[test]
fn two_processes_racing_1000_groups_of_copies_give_one_unique_per_group() {
    let server = NatsServer::start();
    // Create the bucket before the race, as a deployed worker would have.
    let rt = runtime();
    drop(open(&rt, &server.url(), "dedup_race"));
    let start = now_ms() + 1_500;
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|part| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "dedup::race_child",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("DEDUP_RACE_URL", server.url())
                .env("DEDUP_RACE_PART", part.to_string())
                .env("DEDUP_RACE_START", start.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // id -> answers (an id processed by both processes must get one answer).
    let mut answers: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "child failed");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            // The harness's own "test … ok" may share a line with ours.
            let Some(at) = line.find("RESULT\t") else {
                continue;
            };
            let f: Vec<&str> = line[at..].split('\t').collect();
            if f.len() == 4 && f[0] == "RESULT" {
                answers
                    .entry(f[1].to_owned())
                    .or_default()
                    .push((f[2].to_owned(), f[3].to_owned()));
            }
        }
    }
    assert_eq!(answers.len(), GROUPS * PER_GROUP, "every article answered");
    let mut uniques = vec![0usize; GROUPS];
    for (id, a) in &answers {
        assert!(
            a.windows(2).all(|w| w[0] == w[1]),
            "{id} answered differently: {a:?}"
        );
        let group = id[1..].split('-').next().unwrap();
        let (status, of) = &a[0];
        if status == "unique" {
            uniques[group.parse::<usize>().unwrap()] += 1;
        } else {
            assert!(
                of.starts_with(&format!("g{group}-")),
                "{id} is a duplicate of {of}, another group"
            );
            assert_ne!(of, id, "never its own duplicate");
        }
    }
    let bad: Vec<(usize, usize)> = uniques
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, n)| n != 1)
        .collect();
    assert!(
        bad.is_empty(),
        "groups without exactly one unique: {} {:?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
}
