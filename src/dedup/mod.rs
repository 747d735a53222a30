//! Duplicate detection. (Placeholder until the dedup work lands: exact duplicates only, in
//! memory.)

use std::collections::HashMap;
use std::sync::Mutex;

use crate::message::{DedupResult, DedupStatus};
use crate::settings::DedupSettings;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("dedup store I/O: {0}")]
    Io(String),
}

pub struct Dedup {
    seen: Mutex<(HashMap<u128, String>, HashMap<String, DedupResult>)>,
}

impl Dedup {
    pub fn in_memory(_settings: &DedupSettings) -> Dedup {
        Dedup {
            seen: Mutex::new((HashMap::new(), HashMap::new())),
        }
    }

    pub fn open(settings: &DedupSettings) -> Result<Dedup, StoreError> {
        Ok(Dedup::in_memory(settings))
    }

    /// Records the article and says whether it copies an earlier one; the same id always gets
    /// the same answer.
    pub fn check(&self, id: &str, text: &str, _now_ms: u64) -> Result<DedupResult, StoreError> {
        self.run(id, text, true)
    }

    /// As [`Dedup::check`], without recording the article.
    pub fn lookup(&self, id: &str, text: &str, _now_ms: u64) -> Result<DedupResult, StoreError> {
        self.run(id, text, false)
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn run(&self, id: &str, text: &str, record: bool) -> Result<DedupResult, StoreError> {
        let mut guard = self.seen.lock().unwrap();
        let (hashes, answers) = &mut *guard;
        if let Some(r) = answers.get(id) {
            return Ok(r.clone());
        }
        let h = xxhash_rust::xxh3::xxh3_128(crate::text::normalize::fold(text).as_bytes());
        let result = match hashes.get(&h) {
            Some(first) if first != id => DedupResult {
                status: DedupStatus::ExactDuplicate,
                duplicate_of: Some(first.clone()),
                similarity: 1.0,
            },
            _ => DedupResult {
                status: DedupStatus::Unique,
                duplicate_of: None,
                similarity: 0.0,
            },
        };
        if record {
            hashes.entry(h).or_insert_with(|| id.to_owned());
            answers.insert(id.to_owned(), result.clone());
        }
        Ok(result)
    }
}
