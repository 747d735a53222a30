//! The JetStream key-value store: one bucket (`dedup.kv_bucket`) shared by every replica, so
//! that copies of one article processed by different replicas at the same moment still give
//! exactly one `unique`.
//!
//! Keys (hex, so any id is a valid key):
//! - `a.<id hash>`: the answer given to an id, written with create (put-if-absent); a
//!   redelivery, or the same id racing on two replicas, reads the first answer back.
//! - `r.<id hash>`: the article's fingerprint, time and id, for others to compare with.
//! - `x.<exact hash>`: claimed with create by the first article with these normalised words;
//!   every later one is its `exact_duplicate`.
//! - `b.<band key>`: each LSH band claimed with create by the first article with that band;
//!   an article that loses a claim reads the holder and compares with it.
//!
//! Who came first between two similar articles that race: the one that holds the lowest
//! band the two share (both see the same holders, so both agree); if neither holds one, the
//! earlier time, then the smaller id. An article that lost the exact hash claims no bands.
//!
//! Expiry: the bucket's `max_age` is the window (nats-server 2.9 has no per-message TTL), so a
//! claim lapses one window after it was made. `window_articles` is not enforced here.
//!
//! The [`Store`] methods are synchronous and block on the Tokio runtime that opened the store
//! (`Handle::block_on`): call them from `spawn_blocking` threads or plain threads, never from
//! an async task (that panics).

use std::collections::HashMap;

use async_nats::jetstream::kv;
use bytes::Bytes;
use futures::future::join_all;

use super::{answer_for, Answer, DedupMode, Query, Store, StoreError};
use crate::dedup::fingerprint::{band_keys, similarity, Fingerprint, BANDS, SKETCH_BINS};
use crate::dedup::store::index::Match;
use crate::settings::DedupSettings;

pub struct JetStreamStore {
    kv: kv::Store,
    runtime: tokio::runtime::Handle,
}

fn kv_err(op: &'static str) -> impl Fn(String) -> StoreError {
    move |message| StoreError::Kv { op, message }
}

impl JetStreamStore {
    /// Creates the bucket if it is missing (or binds to it), with `max_age` the window and
    /// `replicas` copies (raised where the bucket has fewer).
    pub async fn open(
        js: async_nats::jetstream::Context,
        settings: &DedupSettings,
        replicas: usize,
    ) -> Result<JetStreamStore, StoreError> {
        let max_age = settings.window;
        let kv = crate::transport::streams::ensure_kv_bucket(
            &js,
            &settings.kv_bucket,
            "article-worker duplicate detection",
            max_age,
            replicas,
        )
        .await
        .map_err(|(op, message)| StoreError::Kv { op, message })?;
        Ok(JetStreamStore {
            kv,
            runtime: tokio::runtime::Handle::current(),
        })
    }

    async fn check_async(
        &self,
        q: &Query<'_>,
        threshold: f64,
        mode: DedupMode,
    ) -> Result<Answer, StoreError> {
        let me = hex_id(q.id);
        let answer_key = format!("a.{me}");
        if let Some(a) = self.get_answer(&answer_key).await? {
            return Ok(a);
        }
        let keys = band_keys(&q.fingerprint.sketch);
        match mode {
            DedupMode::Lookup => self.look_up(q, &me, &keys, threshold).await,
            DedupMode::Record => self.record_new(q, &me, &keys, threshold, &answer_key).await,
        }
    }

    /// Compares with the holders of the exact hash and of the bands; records nothing.
    async fn look_up(
        &self,
        q: &Query<'_>,
        me: &str,
        keys: &[u32; BANDS],
        threshold: f64,
    ) -> Result<Answer, StoreError> {
        let fp = q.fingerprint;
        if let Some(holder) = self.get(&exact_key(fp)).await? {
            if holder.as_ref() != me.as_bytes() {
                if let Some(r) = self.record(&String::from_utf8_lossy(&holder)).await? {
                    return Ok(answer_for(Some(Match {
                        id: r.id,
                        similarity: 1.0,
                        exact: true,
                    })));
                }
            }
        }
        let holders = join_all(keys.iter().map(|&k| {
            let key = band_key_name(k);
            async move { self.get(&key).await }
        }))
        .await;
        let mut best: Option<(u64, String, f64)> = None;
        for h in holders.into_iter().flatten().flatten() {
            let h = String::from_utf8_lossy(&h).into_owned();
            if h == me {
                continue;
            }
            if let Some(r) = self.record(&h).await? {
                let sim = similarity(fp, &r.fingerprint);
                if sim >= threshold && best.as_ref().is_none_or(|b| (r.ts_ms, &r.id) < (b.0, &b.1))
                {
                    best = Some((r.ts_ms, r.id, sim));
                }
            }
        }
        Ok(answer_for(best.map(|(_, id, similarity)| Match {
            id,
            similarity,
            exact: false,
        })))
    }

    /// Records a new article: its record, then its claims on the exact hash and the bands,
    /// then its answer under `answer_key`.
    async fn record_new(
        &self,
        q: &Query<'_>,
        me: &str,
        keys: &[u32; BANDS],
        threshold: f64,
        answer_key: &str,
    ) -> Result<Answer, StoreError> {
        // 1. The record, so that whoever finds one of our claims can compare with us.
        let record = encode_record(q);
        self.kv
            .put(format!("r.{me}"), record)
            .await
            .map_err(|e| kv_err("put record")(e.to_string()))?;

        // 2. The exact hash.
        let answer = match self.claim(&exact_key(q.fingerprint), me).await? {
            Some(holder) => {
                let id = self.record(&holder).await?.map(|r| r.id);
                match id {
                    Some(id) => answer_for(Some(Match {
                        id,
                        similarity: 1.0,
                        exact: true,
                    })),
                    None => self.claim_bands(q, me, keys, threshold).await?,
                }
            }
            None => self.claim_bands(q, me, keys, threshold).await?,
        };

        // 3. The answer, first writer wins.
        let value = Bytes::from(serde_json::to_vec(&answer).expect("answers serialise"));
        match self.kv.create(answer_key, value).await {
            Ok(_) => Ok(answer),
            Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {
                Ok(self.get_answer(answer_key).await?.unwrap_or(answer))
            }
            Err(e) => Err(kv_err("create answer")(e.to_string())),
        }
    }

    /// Claims every band; compares with the holders of the bands it did not get, and answers
    /// with the earliest similar one that comes before this article.
    async fn claim_bands(
        &self,
        q: &Query<'_>,
        me: &str,
        keys: &[u32; BANDS],
        threshold: f64,
    ) -> Result<Answer, StoreError> {
        let claims = join_all(keys.iter().map(|&k| self.claim_owned(band_key_name(k), me))).await;
        // holder of each band: None = this article.
        let mut holders: Vec<Option<String>> = Vec::with_capacity(BANDS);
        for c in claims {
            holders.push(c?);
        }
        let mut others: Vec<String> = holders.iter().flatten().cloned().collect();
        others.sort();
        others.dedup();
        let records = join_all(others.iter().map(|h| self.record(h))).await;
        let mut by_band: HashMap<u32, usize> = HashMap::new();
        for (b, &k) in keys.iter().enumerate() {
            by_band.insert(k, b);
        }
        let mut best: Option<(u64, String, f64)> = None;
        for (h, r) in others.iter().zip(records) {
            let Some(r) = r? else { continue };
            let sim = similarity(q.fingerprint, &r.fingerprint);
            if sim < threshold {
                continue;
            }
            if !precedes(h, &r, &holders, keys, q) {
                continue;
            }
            if best.as_ref().is_none_or(|b| (r.ts_ms, &r.id) < (b.0, &b.1)) {
                best = Some((r.ts_ms, r.id, sim));
            }
        }
        Ok(answer_for(best.map(|(_, id, similarity)| Match {
            id,
            similarity,
            exact: false,
        })))
    }

    /// Creates `key` = `me`. `None` if this article holds it (now or from an earlier delivery),
    /// otherwise the holder's id hash.
    async fn claim(&self, key: &str, me: &str) -> Result<Option<String>, StoreError> {
        self.claim_owned(key.to_owned(), me).await
    }

    async fn claim_owned(&self, key: String, me: &str) -> Result<Option<String>, StoreError> {
        for _ in 0..3 {
            match self
                .kv
                .create(&key, Bytes::copy_from_slice(me.as_bytes()))
                .await
            {
                Ok(_) => return Ok(None),
                Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {
                    if let Some(h) = self.get(&key).await? {
                        let h = String::from_utf8_lossy(&h).into_owned();
                        return Ok((h != me).then_some(h));
                    }
                    // Expired between the two calls: try again.
                }
                Err(e) => return Err(kv_err("create")(e.to_string())),
            }
        }
        Err(kv_err("create")(format!(
            "{key} keeps appearing and vanishing"
        )))
    }

    async fn get(&self, key: &str) -> Result<Option<Bytes>, StoreError> {
        self.kv
            .get(key)
            .await
            .map_err(|e| kv_err("get")(e.to_string()))
    }

    async fn get_answer(&self, key: &str) -> Result<Option<Answer>, StoreError> {
        Ok(self
            .get(key)
            .await?
            .and_then(|v| serde_json::from_slice(&v).ok()))
    }

    async fn record(&self, id_hash: &str) -> Result<Option<Record>, StoreError> {
        Ok(self
            .get(&format!("r.{id_hash}"))
            .await?
            .and_then(|v| decode_record(&v)))
    }
}

impl Store for JetStreamStore {
    fn check(&self, q: &Query<'_>, threshold: f64, mode: DedupMode) -> Result<Answer, StoreError> {
        self.runtime.block_on(self.check_async(q, threshold, mode))
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(()) // every write is acknowledged by the server before `check` returns
    }

    fn waits_on_network(&self) -> bool {
        true
    }
}

/// Whether the other article `h` (with record `r`) came before this one: decided by the
/// lowest band both articles have whose holder is one of the two; otherwise by time and id.
fn precedes(
    h: &str,
    r: &Record,
    holders: &[Option<String>],
    keys: &[u32; BANDS],
    q: &Query<'_>,
) -> bool {
    let theirs = band_keys(&r.fingerprint.sketch);
    for b in 0..BANDS {
        if theirs[b] != keys[b] {
            continue;
        }
        match &holders[b] {
            None => return false,             // this article holds it
            Some(x) if x == h => return true, // they hold it
            Some(_) => {}                     // a third article holds it
        }
    }
    (r.ts_ms, r.id.as_str()) < (q.now_ms, q.id)
}

struct Record {
    id: String,
    ts_ms: u64,
    fingerprint: Fingerprint,
}

/// The key that the first article with this exact hash claims.
fn exact_key(fp: &Fingerprint) -> String {
    format!("x.{:032x}", fp.exact)
}

/// The key that the first article with this LSH band key claims.
fn band_key_name(band_key: u32) -> String {
    format!("b.{band_key:08x}")
}

fn hex_id(id: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(id.as_bytes()))
}

fn encode_record(q: &Query<'_>) -> Bytes {
    let mut v = Vec::with_capacity(8 + 16 + 4 + SKETCH_BINS + q.id.len());
    v.extend_from_slice(&q.now_ms.to_le_bytes());
    v.extend_from_slice(&q.fingerprint.exact.to_le_bytes());
    v.extend_from_slice(&q.fingerprint.shingles.to_le_bytes());
    v.extend_from_slice(&q.fingerprint.sketch);
    v.extend_from_slice(q.id.as_bytes());
    Bytes::from(v)
}

fn decode_record(v: &[u8]) -> Option<Record> {
    let fixed = 8 + 16 + 4 + SKETCH_BINS;
    if v.len() < fixed {
        return None;
    }
    Some(Record {
        ts_ms: u64::from_le_bytes(v[0..8].try_into().ok()?),
        fingerprint: Fingerprint {
            exact: u128::from_le_bytes(v[8..24].try_into().ok()?),
            shingles: u32::from_le_bytes(v[24..28].try_into().ok()?),
            sketch: v[28..fixed].try_into().ok()?,
        },
        id: String::from_utf8(v[fixed..].to_vec()).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fingerprint::fingerprint;

    #[test]
    fn records_round_trip() {
        let fp = fingerprint("one two three four five six");
        let q = Query {
            id: "id-1",
            fingerprint: &fp,
            now_ms: 42,
        };
        let r = decode_record(&encode_record(&q)).unwrap();
        assert_eq!((r.id.as_str(), r.ts_ms), ("id-1", 42));
        assert_eq!(r.fingerprint, fp);
    }

    #[test]
    fn the_holder_of_the_lowest_shared_band_comes_first() {
        let fp = fingerprint("one two three four five six seven eight");
        let q = Query {
            id: "late",
            fingerprint: &fp,
            now_ms: 1,
        };
        let keys = band_keys(&fp.sketch);
        let r = Record {
            id: "other".into(),
            ts_ms: 100,
            fingerprint: fp.clone(),
        };
        let mut holders: Vec<Option<String>> = vec![None; BANDS];
        holders[0] = Some("h".into());
        assert!(precedes("h", &r, &holders, &keys, &q), "they hold band 0");
        holders[0] = Some("third".into());
        holders[1] = None;
        holders[2] = Some("h".into());
        assert!(!precedes("h", &r, &holders, &keys, &q), "we hold band 1");
        let holders: Vec<Option<String>> = vec![Some("third".into()); BANDS];
        assert!(
            !precedes("h", &r, &holders, &keys, &q),
            "neither: the earlier time"
        );
    }
}
