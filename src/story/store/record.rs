//! One recorded article in bytes, as the embedded log and the JetStream bucket keep it: what
//! [`Index::decide`](crate::story::index::Index::decide) needs to replay it. All its terms are
//! kept (about 8 bytes each, 1–3 KB an article), since the rarity counts need every one.
//!
//! Layout, little-endian: time u64, duplicate similarity f32, then id, language and duplicate
//! id each as u16 length and UTF-8 bytes, then the term count u32 and (hash u32, weight f32)
//! pairs.

use crate::segment_log::{cut_at_char_boundary, Reader};
use crate::story::features::{Features, Term};
use crate::story::index::Query;

/// The shortest payload: time, similarity, three empty strings and no term.
pub const MIN_PAYLOAD: usize = 8 + 4 + 3 * 2 + 4;

/// An owned [`Query`].
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub ts_ms: u64,
    pub language: String,
    pub duplicate_of: Option<(String, f64)>,
    pub features: Features,
}

impl Record {
    pub fn of(q: &Query<'_>) -> Record {
        Record {
            id: q.id.to_owned(),
            ts_ms: q.ts_ms,
            language: q.language.to_owned(),
            duplicate_of: q.duplicate_of.map(|(id, s)| (id.to_owned(), s)),
            features: q.features.clone(),
        }
    }

    pub fn query(&self) -> Query<'_> {
        Query {
            id: &self.id,
            ts_ms: self.ts_ms,
            language: &self.language,
            duplicate_of: self.duplicate_of.as_ref().map(|(id, s)| (id.as_str(), *s)),
            features: &self.features,
        }
    }
}

/// Appends the encoding of `q` to `out`.
pub fn encode(q: &Query<'_>, out: &mut Vec<u8>) {
    out.extend_from_slice(&q.ts_ms.to_le_bytes());
    let (dup, sim) = q.duplicate_of.unwrap_or(("", 0.0));
    out.extend_from_slice(&(sim as f32).to_le_bytes());
    for s in [q.id, q.language, dup] {
        let b = cut_at_char_boundary(s, u16::MAX as usize).as_bytes();
        out.extend_from_slice(&(b.len() as u16).to_le_bytes());
        out.extend_from_slice(b);
    }
    out.extend_from_slice(&(q.features.terms.len() as u32).to_le_bytes());
    for t in &q.features.terms {
        out.extend_from_slice(&t.hash.to_le_bytes());
        out.extend_from_slice(&t.weight.to_le_bytes());
    }
}

/// The record encoded in `b`, or `None` if it does not parse.
pub fn decode(b: &[u8]) -> Option<Record> {
    let mut r = Reader(b);
    let ts_ms = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
    let sim = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let mut text = || -> Option<String> {
        let n = u16::from_le_bytes(r.take(2)?.try_into().ok()?) as usize;
        String::from_utf8(r.take(n)?.to_vec()).ok()
    };
    let (id, language, dup) = (text()?, text()?, text()?);
    let n = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
    let body = r.take(n.checked_mul(8)?)?;
    let terms = body
        .chunks_exact(8)
        .map(|c| Term {
            hash: u32::from_le_bytes(c[..4].try_into().expect("4 bytes")),
            weight: f32::from_le_bytes(c[4..].try_into().expect("4 bytes")),
        })
        .collect();
    Some(Record {
        id,
        ts_ms,
        language,
        duplicate_of: (!dup.is_empty()).then(|| (dup, f64::from(sim))),
        features: Features { terms },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::features::features_of_text;

    #[test]
    fn records_round_trip() {
        let f = features_of_text(
            None,
            "Ферри затонул у берега\n\nСпасатели нашли 14 человек.",
        );
        let q = Query {
            id: "ид-7",
            ts_ms: 99,
            language: "ru",
            duplicate_of: Some(("orig", 0.75)),
            features: &f,
        };
        let mut buf = Vec::new();
        encode(&q, &mut buf);
        let back = decode(&buf).unwrap();
        assert_eq!(back, Record::of(&q));
        assert!(decode(&buf[..buf.len() - 1]).is_none());
    }
}
