//! The JetStream story store against a private nats-server: two replicas (each its own
//! connection and index, as two worker processes have) share one bucket. Reports of one event
//! given to different replicas join one story; a redelivery to the other replica gets the first
//! answer; replicas racing on 200 events agree on every article's story.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use article_worker::message::StoryResult;
use article_worker::settings::{Settings, StorySettings};
use article_worker::story::{Input, Story};

use crate::support::NatsServer;

const EVENTS: usize = 200;
const REPORTS: usize = 3;

fn settings(bucket: &str) -> StorySettings {
    let mut s = Settings::load_with_env(None, Vec::new()).unwrap().story;
    s.kv_bucket = bucket.into();
    s
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn open(rt: &tokio::runtime::Runtime, url: &str, bucket: &str) -> Story {
    rt.block_on(async {
        let client = async_nats::connect(url).await.unwrap();
        let js = async_nats::jetstream::new(client);
        Story::jetstream(js, &settings(bucket), 1).await.unwrap()
    })
}

/// The `k`th made-up name of event `e` (a place, a person, an organisation): no two events
/// share one.
fn name(e: usize, k: usize) -> String {
    const SYLLABLES: [&str; 8] = ["dor", "vak", "mel", "zun", "tra", "qui", "bes", "lon"];
    let n = e * 8 + k;
    format!(
        "{}{}{}ia",
        SYLLABLES[n % 8],
        SYLLABLES[(n / 8) % 8],
        SYLLABLES[(n / 64) % 8]
    ) + SYLLABLES[(n / 512) % 8]
}

/// Report `r` of event `e`: each report words the event differently and names five of its six
/// names, and its toll.
fn report(e: usize, r: usize) -> String {
    let names: Vec<String> = (0..6).filter(|k| k % 3 != r).map(|k| name(e, k)).collect();
    let toll = 1000 + e;
    match r {
        0 => format!(
            "{} in {}\n\nOn Monday {} said that {} people were hurt, while {} and {} agreed.",
            names[0], names[1], names[2], toll, names[3], names[0]
        ),
        1 => format!(
            "{} reports {} hurt\n\nOfficials of {} confirmed the count; {} spoke later.",
            names[0], toll, names[1], names[2]
        ),
        _ => format!(
            "What we know about {}\n\n{} and {} gave a toll of {}; {} was there.",
            names[0], names[1], names[2], toll, names[3]
        ),
    }
}

/// Unrelated background article `i`, so that rarity can be told before the events arrive.
fn background(i: usize) -> String {
    const TOPICS: [&str; 6] = [
        "The city council approved the budget for new schools and roads on Tuesday.",
        "Farmers said the harvest was smaller this year after weeks without rain.",
        "The central bank kept interest rates unchanged, officials said in a statement.",
        "A court heard the case of a company accused of polluting the river.",
        "Police closed the mountain roads after heavy snow fell overnight.",
        "The museum opened an exhibition of paintings lent by collectors abroad.",
    ];
    // The reports' own everyday words appear here too, as they do in any day's news.
    format!(
        "Local news {i}\n\n{} On Monday people were hurt, officials confirmed the count, and \
         what we know, others agreed, gave reports of a toll; one spoke later and was there.",
        TOPICS[i % TOPICS.len()]
    )
}

fn link(story: &Story, id: &str, text: &str, ts_ms: u64) -> StoryResult {
    story
        .link(&Input {
            id,
            title: None,
            text,
            words: None,
            language: "en",
            duplicate_of: None,
            ts_ms,
        })
        .unwrap()
}

#[test]
fn two_replicas_put_reports_of_one_event_in_one_story_and_keep_first_answers() {
    let server = NatsServer::start();
    let rt = runtime();
    let a = open(&rt, &server.url(), "story_basic");
    let b = open(&rt, &server.url(), "story_basic");
    let t = now_ms();
    // Unrelated events first, so that rarity can be told.
    for i in 0..60 {
        link(&a, &format!("bg{i}"), &background(i), t);
    }
    let first = link(&a, "e1-r0", &report(1, 0), t + 1);
    assert_eq!(first.id, "e1-r0");
    let second = link(&b, "e1-r1", &report(1, 1), t + 2);
    assert_eq!(second.id, "e1-r0", "{second:?}");
    let other = link(&b, "e2-r0", &report(2, 0), t + 3);
    assert_eq!(other.id, "e2-r0", "another event starts its own story");
    // Redeliveries, to either replica, get the first answer.
    assert_eq!(link(&a, "e1-r1", &report(1, 1), t + 4), second);
    assert_eq!(link(&b, "e1-r0", &report(1, 0), t + 5), first);
    // A look-up links without recording.
    let looked = b
        .lookup(&Input {
            id: "probe",
            title: None,
            text: &report(1, 2),
            words: None,
            language: "en",
            duplicate_of: None,
            ts_ms: t + 6,
        })
        .unwrap();
    assert_eq!(looked.id, "e1-r0");
    assert!(a.largest(100).contains(&("e1-r0".to_string(), 2)));
}

#[test]
fn two_replicas_racing_on_200_events_agree_on_every_story() {
    let server = NatsServer::start();
    let rt = runtime();
    let replicas = [
        open(&rt, &server.url(), "story_race"),
        open(&rt, &server.url(), "story_race"),
    ];
    let t = now_ms();
    for i in 0..60 {
        link(&replicas[0], &format!("bg{i}"), &background(i), t);
    }
    // Every event's reports are split between the replicas, processed at the same moments
    // by four threads each.
    let answers = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for (k, replica) in replicas.iter().enumerate() {
            for thread in 0..4 {
                let answers = &answers;
                s.spawn(move || {
                    for e in (thread..EVENTS).step_by(4) {
                        for r in (0..REPORTS).filter(|r| r % 2 == k) {
                            let id = format!("e{e}-r{r}");
                            let got = link(replica, &id, &report(e, r), t + 10);
                            answers.lock().unwrap().push((e, id, got));
                        }
                    }
                });
            }
        }
    });
    let answers = answers.into_inner().unwrap();
    assert_eq!(answers.len(), EVENTS * REPORTS);
    let mut split = 0;
    for (e, id, got) in &answers {
        // The other replica, asked again, gives the same answer.
        let again = link(&replicas[1], id, &report(*e, 0), t + 20);
        assert_eq!(&again, got, "{id}");
        let story_of_first = answers
            .iter()
            .filter(|(e2, _, _)| e2 == e)
            .map(|(_, _, g)| g.id.clone())
            .min()
            .unwrap();
        if got.id != story_of_first {
            split += 1;
        }
        assert!(
            got.id.starts_with(&format!("e{e}-")),
            "{id} joined {}",
            got.id
        );
    }
    assert_eq!(split, 0, "reports of one event in more than one story");
    std::thread::sleep(Duration::from_millis(10));
}
