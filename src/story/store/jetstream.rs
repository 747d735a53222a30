//! The JetStream story store: one key-value bucket (`story.kv_bucket`) as the ordered log of
//! every article any replica recorded, which each replica replays into its own [`Index`].
//!
//! - Key `r.<id hash>`: the article's [`record`](super::record), written with create
//!   (put-if-absent), so one id has one place in the log however often it is delivered.
//! - Linking: the replica creates the key (or finds it there: a redelivery), waits until its
//!   replay of the bucket reaches that revision, and answers what the replay decided for the
//!   id. [`Index::decide`] is deterministic, so every replica, replaying the same records in
//!   the same order, gives one article one answer: two replicas racing on one event agree (the
//!   later record joins the earlier's story on both), and a redelivery gets its first answer.
//! - Expiry: the bucket's `max_age` is `story.window` plus three `story.rarity_half_life`s,
//!   the span of records that still weigh in an answer. A replica that starts later replays
//!   what is left, so its rarity counts may differ slightly from an older replica's.
//!
//! The [`Store`] methods are synchronous and may wait for the replay: call them from
//! `spawn_blocking` threads or plain threads, never from an async task.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use async_nats::jetstream::kv;
use bytes::Bytes;
use futures::StreamExt;

use super::record::{decode, encode};
use super::{Mode, Store, StoreError};
use crate::message::StoryResult;
use crate::settings::StorySettings;
use crate::story::index::{Index, Query};
use crate::story::scoring::Params;

/// Half-lives of the rarity counts the bucket keeps: after three, a record counts an eighth,
/// so a replica starting from what is left agrees closely with one that saw everything.
const RARITY_HALF_LIVES: u32 = 3;
/// How long a link waits for the replay to reach its own record before it fails (and the
/// article is retried): far longer than a healthy replay lag of milliseconds.
const REPLAY_WAIT: Duration = Duration::from_secs(10);
/// Pause before the replay watches the bucket again after its watch failed.
const REWATCH_DELAY: Duration = Duration::from_millis(500);

pub struct JetStreamStore {
    kv: kv::Store,
    runtime: tokio::runtime::Handle,
    replica: Arc<Replica>,
}

/// This replica's replay of the bucket.
struct Replica {
    state: Mutex<Replayed>,
    advanced: Condvar,
}

struct Replayed {
    index: Index,
    /// The last revision applied.
    revision: u64,
}

fn kv_err(op: &'static str) -> impl Fn(String) -> StoreError {
    move |message| StoreError::Kv { op, message }
}

impl JetStreamStore {
    /// Creates the bucket if it is missing (or binds to it), in `replicas` copies
    /// (`nats.replicas`), and starts the replay.
    pub async fn open(
        js: async_nats::jetstream::Context,
        settings: &StorySettings,
        replicas: usize,
    ) -> Result<JetStreamStore, StoreError> {
        let max_age = settings.window + RARITY_HALF_LIVES * settings.rarity_half_life;
        let kv = crate::transport::streams::ensure_kv_bucket(
            &js,
            &settings.kv_bucket,
            "article-worker story linking",
            max_age,
            replicas,
        )
        .await
        .map_err(|(op, message)| StoreError::Kv { op, message })?;
        let replica = Arc::new(Replica {
            state: Mutex::new(Replayed {
                index: Index::new(Params::from_settings(settings)),
                revision: 0,
            }),
            advanced: Condvar::new(),
        });
        tokio::spawn(replay(kv.clone(), Arc::downgrade(&replica)));
        Ok(JetStreamStore {
            kv,
            runtime: tokio::runtime::Handle::current(),
            replica,
        })
    }

    /// Writes the record (or finds it written) and returns its revision.
    async fn append(&self, q: &Query<'_>) -> Result<u64, StoreError> {
        let key = format!("r.{:032x}", xxhash_rust::xxh3::xxh3_128(q.id.as_bytes()));
        let mut value = Vec::with_capacity(64 + 8 * q.features.terms.len());
        encode(q, &mut value);
        match self.kv.create(&key, Bytes::from(value)).await {
            Ok(revision) => Ok(revision),
            Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => self
                .kv
                .entry(&key)
                .await
                .map_err(|e| kv_err("get record")(e.to_string()))?
                .map(|entry| entry.revision)
                .ok_or_else(|| kv_err("get record")(format!("{key} vanished"))),
            Err(e) => Err(kv_err("create record")(e.to_string())),
        }
    }

    /// Waits until the replay has applied `revision`, then answers from the index.
    fn answer_after(&self, q: &Query<'_>, revision: u64) -> Result<StoryResult, StoreError> {
        let st = self.replica.state.lock().unwrap_or_else(|e| e.into_inner());
        let (mut st, timeout) = self
            .replica
            .advanced
            .wait_timeout_while(st, REPLAY_WAIT, |s| s.revision < revision)
            .unwrap_or_else(|e| e.into_inner());
        if timeout.timed_out() {
            return Err(kv_err("replay")(format!(
                "revision {revision} not replayed within {REPLAY_WAIT:?}"
            )));
        }
        Ok(st.index.decide(q, false))
    }
}

impl Store for JetStreamStore {
    fn link(&self, q: &Query<'_>, mode: Mode) -> Result<StoryResult, StoreError> {
        {
            let mut st = self.replica.state.lock().unwrap_or_else(|e| e.into_inner());
            if mode == Mode::Lookup || st.index.contains(q.id) {
                return Ok(st.index.decide(q, false));
            }
        }
        let revision = self.runtime.block_on(self.append(q))?;
        self.answer_after(q, revision)
    }

    fn largest(&self, n: usize) -> Vec<(String, usize)> {
        let st = self.replica.state.lock().unwrap_or_else(|e| e.into_inner());
        st.index.largest(n)
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(()) // every record is acknowledged by the server before `link` returns
    }

    fn waits_on_network(&self) -> bool {
        true
    }
}

/// Applies every record of the bucket in revision order, for as long as the store lives;
/// watches again from the next revision when the watch fails (a server restart).
async fn replay(kv: kv::Store, replica: std::sync::Weak<Replica>) {
    loop {
        let from = match replica.upgrade() {
            Some(r) => r.state.lock().unwrap_or_else(|e| e.into_inner()).revision + 1,
            None => return,
        };
        match kv.watch_all_from_revision(from).await {
            Ok(mut watch) => {
                while let Some(entry) = watch.next().await {
                    let Some(replica) = replica.upgrade() else {
                        return;
                    };
                    match entry {
                        Ok(entry) => apply(&replica, &entry),
                        Err(e) => {
                            tracing::warn!(error = %e, "story replay: watch failed; watching again");
                            break;
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "story replay: cannot watch the bucket"),
        }
        tokio::time::sleep(REWATCH_DELAY).await;
    }
}

fn apply(replica: &Replica, entry: &kv::Entry) {
    let mut st = replica.state.lock().unwrap_or_else(|e| e.into_inner());
    if entry.revision <= st.revision {
        return;
    }
    if entry.operation == kv::Operation::Put {
        match decode(&entry.value) {
            Some(record) => {
                st.index.decide(&record.query(), true);
            }
            None => tracing::warn!(key = %entry.key, "story replay: a record that does not parse"),
        }
    }
    st.revision = entry.revision;
    drop(st);
    replica.advanced.notify_all();
}
