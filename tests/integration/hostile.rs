//! Hostile input through a real worker: thousands of generated malformed messages, each one
//! processed or dead-lettered, and the worker never restarts.

use std::time::Duration;

use async_nats::jetstream;

use crate::support::jetstream::stream_count;
use crate::support::{self, NatsServer, WorkerProcess};

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One hostile payload of kind `i % 10`.
fn hostile(i: usize, rng: &mut Rng) -> Vec<u8> {
    let marks = [
        "\"", "“", "”", "«", "»", "„", "‹", "›", "「", "」", "'", ":",
    ];
    match i % 10 {
        0 => (0..rng.below(2000) + 1).map(|_| rng.next() as u8).collect(),
        1 => {
            let depth = rng.below(5000) + 100;
            format!("{}{}", "{\"text\":".repeat(depth), "}".repeat(depth)).into_bytes()
        }
        2 => format!(
            "{{\"text\": \"{}\"}}",
            "word ".repeat(rng.below(100_000) + 1)
        )
        .into_bytes(),
        3 => (0..rng.below(5000) + 1)
            .map(|_| marks[rng.below(marks.len())])
            .collect::<String>()
            .into_bytes(),
        4 => format!("قال: {}", "«".repeat(rng.below(50_000) + 1)).into_bytes(),
        5 => {
            // Control characters and bidi overrides around real words.
            let controls = [
                '\u{0}', '\u{7}', '\u{1b}', '\u{202e}', '\u{2066}', '\u{200f}', '\u{feff}',
                '\u{fffd}',
            ];
            (0..rng.below(3000) + 1)
                .map(|k| {
                    if k % 3 == 0 {
                        controls[rng.below(controls.len())]
                    } else {
                        ['a', 'ب', 'س', ' ', '"'][rng.below(5)]
                    }
                })
                .collect::<String>()
                .into_bytes()
        }
        6 => format!(
            "{{\"id\": {}, \"text\": \"x\"}}",
            "[".repeat(rng.below(300) + 1)
        )
        .into_bytes(),
        7 => format!(
            "{{\"text\": \"{}\", \"metadata\": {}}}",
            "«وقال» ".repeat(rng.below(1000) + 1),
            "[1,".repeat(50) + "1" + &"]".repeat(50)
        )
        .into_bytes(),
        8 => "\"".repeat(rng.below(200_000) + 1).into_bytes(),
        _ => {
            let word: String = (0..rng.below(100_000) + 1)
                .map(|_| ['ا', 'ل', 'a', '"', '»'][rng.below(5)])
                .collect();
            word.into_bytes()
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_thousand_malformed_messages_are_each_processed_or_dead_lettered() {
    const N: usize = 10_000;
    let nats = NatsServer::start();
    let worker = WorkerProcess::start_ready(
        &nats.url(),
        &[
            ("LIMITS__MAX_ARTICLE_BYTES", "262144"),
            ("INPUT__ACK_WAIT", "60s"),
        ],
    );
    let pid = worker.pid();
    let client = async_nats::connect(nats.url()).await.unwrap();
    let js = jetstream::new(client);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut acks = Vec::new();
    for i in 0..N {
        let publish = jetstream::message::PublishMessage::build()
            .payload(hostile(i, &mut rng).into())
            .message_id(format!("hostile-{i}"));
        acks.push(js.send_publish("articles.ingest", publish).await.unwrap());
        if acks.len() >= 256 {
            for a in acks.drain(..) {
                a.await.unwrap();
            }
        }
    }
    for a in acks {
        a.await.unwrap();
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(400);
    let (mut results, mut letters) = (0, 0);
    while std::time::Instant::now() < deadline {
        results = stream_count(&js, "ARTICLE_RESULTS").await;
        letters = stream_count(&js, "ARTICLE_DLQ").await;
        if results + letters >= N as u64 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        results + letters,
        N as u64,
        "every message ends as a result or a dead letter"
    );
    assert_eq!(worker.pid(), pid);
    assert!(
        matches!(worker.http_get("/healthz"), Some((200, _))),
        "the worker is still alive"
    );
    let metrics = worker.http_get("/metrics").unwrap().1;
    assert_eq!(
        support::metric_value(&metrics, "article_worker_redeliveries_total"),
        0.0,
        "nothing had to be retried"
    );
    assert!(
        letters > 0 && results > 0,
        "results {results}, dead letters {letters}"
    );
}
