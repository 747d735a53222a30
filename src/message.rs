//! The wire formats of the contract: input decoding (bytes -> [`Article`] or [`DecodeError`]),
//! the result message (`article-worker/v1`) and the dead-letter message.
//!
//! Decoding is pure: the transport hands in the payload and the `Nats-Msg-Id` header, and gets
//! back either an article or an error whose [`DecodeError::kind`] becomes the dead letter's
//! `error.kind` and a metric label.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The schema tag every result carries.
pub const RESULT_SCHEMA: &str = "article-worker/v1";

/// One article, decoded from an input message.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub lang_hint: Option<String>,
    /// Passed through untouched, byte for byte as the publisher wrote it.
    pub metadata: Option<Box<RawValue>>,
}

impl Article {
    /// An article with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            title: None,
            url: None,
            source: None,
            published_at: None,
            lang_hint: None,
            metadata: None,
        }
    }
}

/// The bounds an input message must keep (`limits.*` in the settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Larger payloads are `too_large`.
    pub max_bytes: usize,
    /// A longer id (from the JSON or the `Nats-Msg-Id` header) is an `invalid_field`.
    pub max_id_bytes: usize,
}

/// Why an input message cannot become an article. Each variant is one dead-letter kind.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("payload is {size} bytes, over the limit of {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("payload is not valid UTF-8: {0}")]
    InvalidUtf8(String),
    #[error("payload starts with '{{' but is not a valid JSON object: {0}")]
    InvalidJson(String),
    #[error("field `{field}` is invalid: {message}")]
    InvalidField {
        field: &'static str,
        message: String,
    },
    #[error("the article text is missing or empty")]
    EmptyText,
    #[error("the article text has no letters in any script")]
    NoLetters,
}

impl DecodeError {
    /// The dead-letter kind of this error.
    pub fn kind(&self) -> DeadLetterKind {
        match self {
            DecodeError::TooLarge { .. } => DeadLetterKind::TooLarge,
            DecodeError::InvalidUtf8(_) => DeadLetterKind::InvalidUtf8,
            DecodeError::InvalidJson(_) => DeadLetterKind::InvalidJson,
            DecodeError::InvalidField { .. } => DeadLetterKind::InvalidField,
            DecodeError::EmptyText => DeadLetterKind::EmptyText,
            DecodeError::NoLetters => DeadLetterKind::NoLetters,
        }
    }
}

/// Why a message was dead-lettered: the contract's `error.kind`, also the `kind` metric label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadLetterKind {
    InvalidUtf8,
    InvalidJson,
    InvalidField,
    EmptyText,
    TooLarge,
    NoLetters,
    /// The dedup store failed on the message's last delivery.
    StoreError,
    /// A stage panicked: a bug, which a retry would repeat.
    InternalError,
    /// JetStream gave up delivering the message to a worker that never acknowledged it.
    MaxDeliverExceeded,
}

impl DeadLetterKind {
    /// Every kind, for the metrics that count them from start-up.
    pub const ALL: [DeadLetterKind; 9] = [
        DeadLetterKind::InvalidUtf8,
        DeadLetterKind::InvalidJson,
        DeadLetterKind::InvalidField,
        DeadLetterKind::EmptyText,
        DeadLetterKind::TooLarge,
        DeadLetterKind::NoLetters,
        DeadLetterKind::StoreError,
        DeadLetterKind::InternalError,
        DeadLetterKind::MaxDeliverExceeded,
    ];

    /// The stable, bounded name of the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadLetterKind::InvalidUtf8 => "invalid_utf8",
            DeadLetterKind::InvalidJson => "invalid_json",
            DeadLetterKind::InvalidField => "invalid_field",
            DeadLetterKind::EmptyText => "empty_text",
            DeadLetterKind::TooLarge => "too_large",
            DeadLetterKind::NoLetters => "no_letters",
            DeadLetterKind::StoreError => "store_error",
            DeadLetterKind::InternalError => "internal_error",
            DeadLetterKind::MaxDeliverExceeded => "max_deliver_exceeded",
        }
    }
}

/// The JSON form of an input message. Unknown fields are ignored so publishers may add their own.
#[derive(Deserialize)]
struct InputJson {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published_at: Option<String>,
    lang_hint: Option<String>,
    metadata: Option<Box<RawValue>>,
}

/// Decodes one input payload.
///
/// `header_id` is the `Nats-Msg-Id` header, if any. The id is, in order: the JSON `id`, the
/// header, a hex content hash of the text; one longer than `limits.max_id_bytes` is refused.
pub fn decode(
    payload: &[u8],
    header_id: Option<&str>,
    limits: Limits,
) -> Result<Article, DecodeError> {
    let raw = payload_text(payload, limits)?;
    let header_id = header_id.map(str::trim).filter(|s| !s.is_empty());
    let article = if raw.trim_start().starts_with('{') {
        from_json(raw, header_id)?
    } else {
        Article::new(header_id.unwrap_or_default(), raw)
    };
    check_article(&article, limits)?;
    let id = if article.id.is_empty() {
        content_id(&article.text)
    } else {
        article.id
    };
    Ok(Article { id, ..article })
}

/// The payload as text: within `limits.max_bytes`, and UTF-8.
fn payload_text(payload: &[u8], limits: Limits) -> Result<&str, DecodeError> {
    if payload.len() > limits.max_bytes {
        return Err(DecodeError::TooLarge {
            size: payload.len(),
            limit: limits.max_bytes,
        });
    }
    // simdutf8 validates several times faster than std on Arabic-script text; on invalid
    // bytes std is asked again, for its message that says where they are.
    simdutf8::basic::from_utf8(payload).map_err(|_| {
        DecodeError::InvalidUtf8(
            std::str::from_utf8(payload)
                .err()
                .map_or_else(String::new, |e| e.to_string()),
        )
    })
}

/// The article of a JSON payload; its id is the JSON `id`, else `header_id`, else empty.
fn from_json(raw: &str, header_id: Option<&str>) -> Result<Article, DecodeError> {
    let json: InputJson =
        serde_json::from_str(raw).map_err(|e| DecodeError::InvalidJson(e.to_string()))?;
    let text = match json.text {
        None | Some(serde_json::Value::Null) => return Err(DecodeError::EmptyText),
        Some(serde_json::Value::String(s)) => s,
        Some(other) => return Err(not_a_string("text", &other)),
    };
    let id = match json.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(not_a_string("id", &other)),
    };
    Ok(Article {
        id: id
            .or_else(|| header_id.map(str::to_owned))
            .unwrap_or_default(),
        text,
        title: json.title,
        url: json.url,
        source: json.source,
        published_at: json.published_at,
        lang_hint: json.lang_hint.filter(|h| !h.trim().is_empty()),
        metadata: json.metadata,
    })
}

/// The error for a JSON `field` that should have been a string and is `found`.
fn not_a_string(field: &'static str, found: &serde_json::Value) -> DecodeError {
    DecodeError::InvalidField {
        field,
        message: format!("expected a string, found {}", json_type(found)),
    }
}

/// Refuses an article with no text, no letters, or an id over `limits.max_id_bytes`.
fn check_article(article: &Article, limits: Limits) -> Result<(), DecodeError> {
    if article.text.trim().is_empty() {
        return Err(DecodeError::EmptyText);
    }
    if !article.text.chars().any(char::is_alphabetic) {
        return Err(DecodeError::NoLetters);
    }
    if article.id.len() > limits.max_id_bytes {
        return Err(DecodeError::InvalidField {
            field: "id",
            message: format!(
                "{} bytes, over the limit of {} (limits.max_id_bytes)",
                article.id.len(),
                limits.max_id_bytes
            ),
        });
    }
    Ok(())
}

/// The id of an article that arrived without one: 128 bits of XXH3 over its text, in hex.
pub fn content_id(text: &str) -> String {
    content_id_bytes(text.as_bytes())
}

/// 128 bits of XXH3 over any bytes, in hex.
pub fn content_id_bytes(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// `language` in the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageResult {
    /// ISO 639-1, or `und` where the text gives too little to tell.
    pub code: String,
    pub name: String,
    /// ISO 15924.
    pub script: String,
    pub confidence: f64,
    pub alternatives: Vec<LanguageAlternative>,
    pub segments: Vec<LanguageSegment>,
    /// The publisher's `lang_hint`, recorded as given (it only breaks near ties); absent when
    /// the input had none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageAlternative {
    pub code: String,
    pub confidence: f64,
}

/// A run of the text in one language; offsets in code points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageSegment {
    pub start: usize,
    pub end: usize,
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DedupStatus {
    Unique,
    ExactDuplicate,
    NearDuplicate,
}

impl DedupStatus {
    /// Every status, for the metrics that count them from start-up.
    pub const ALL: [DedupStatus; 3] = [
        DedupStatus::Unique,
        DedupStatus::ExactDuplicate,
        DedupStatus::NearDuplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DedupStatus::Unique => "unique",
            DedupStatus::ExactDuplicate => "exact_duplicate",
            DedupStatus::NearDuplicate => "near_duplicate",
        }
    }
}

/// `story` in the result: the event this article reports, as the id of the first article of it
/// seen in the window, and the earlier articles (best first) judged to report the same event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryResult {
    pub id: String,
    pub related: Vec<RelatedArticle>,
}

/// One earlier article of the same story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedArticle {
    pub id: String,
    pub similarity: f64,
}

/// `dedup` in the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupResult {
    pub status: DedupStatus,
    /// The earliest matching article, for duplicates.
    pub duplicate_of: Option<String>,
    /// Estimated Jaccard or containment with `duplicate_of`; 0 for unique articles.
    pub similarity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// After a colon with no marks ("X گفت: …", "PENCE: …").
    Colon,
}

/// One quotation; `start`/`end` are code points and `text == article.text[start..end]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    /// Index of the speaker's entry in the result's `speakers`; `None` where `speaker` is.
    pub speaker_index: Option<usize>,
    pub confidence: f64,
}

/// One person or organisation quoted in an article: every quotation of theirs carries
/// `index` as its `speaker_index`, whatever form of the name the text uses there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub index: usize,
    /// The fullest form of the name written in the article.
    pub name: String,
    /// Each form used for this speaker at a quotation, in order of first use.
    pub mentions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextStats {
    pub chars: usize,
    pub words: usize,
    pub paragraphs: usize,
}

impl TextStats {
    /// Code points (counted by std, vectorised); whitespace-separated words with a letter or
    /// digit and lines with something other than whitespace ([`crate::text::stats`]).
    pub fn of(text: &str) -> TextStats {
        let (words, paragraphs) = crate::text::stats::words_and_lines(text);
        TextStats {
            chars: text.chars().count(),
            words,
            paragraphs,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerInfo {
    pub version: String,
    pub instance: String,
}

/// The result message, `article-worker/v1`.
#[derive(Debug, Clone, Serialize)]
pub struct ResultMessage<'a> {
    pub schema: &'static str,
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub source: Option<&'a str>,
    pub published_at: Option<&'a str>,
    pub metadata: Option<&'a RawValue>,
    pub language: &'a LanguageResult,
    pub dedup: &'a DedupResult,
    pub quotes: &'a [Quote],
    pub speakers: &'a [Speaker],
    /// `None` (null) when the story stage is disabled.
    pub story: Option<&'a StoryResult>,
    pub stats: &'a TextStats,
    pub worker: &'a WorkerInfo,
    pub processed_at: String,
}

/// The dead-letter message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeadLetter {
    pub error: DeadLetterError,
    pub subject: String,
    pub received_at: String,
    pub headers: serde_json::Map<String, serde_json::Value>,
    pub payload_base64: String,
}

impl DeadLetter {
    /// The dead letter of `payload`, received now on `subject`.
    pub fn new(
        kind: DeadLetterKind,
        message: &str,
        subject: &str,
        headers: serde_json::Map<String, serde_json::Value>,
        payload: &[u8],
    ) -> DeadLetter {
        use base64::Engine as _;
        DeadLetter {
            error: DeadLetterError {
                kind: kind.as_str().into(),
                message: message.into(),
            },
            subject: subject.into(),
            received_at: now_rfc3339(),
            headers,
            payload_base64: base64::engine::general_purpose::STANDARD.encode(payload),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeadLetterError {
    pub kind: String,
    pub message: String,
}

/// Now, as RFC 3339 in UTC with milliseconds.
pub fn now_rfc3339() -> String {
    rfc3339(time::OffsetDateTime::now_utc())
}

/// `t` in RFC 3339, to the millisecond.
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    let t = t
        .replace_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: Limits = Limits {
        max_bytes: 1 << 20,
        max_id_bytes: 1024,
    };

    #[test]
    fn plain_text_is_the_article_text_with_a_content_id() {
        let a = decode("قال الرئيس: نعم".as_bytes(), None, MAX).unwrap();
        assert_eq!(a.text, "قال الرئيس: نعم");
        assert_eq!(a.id, content_id("قال الرئيس: نعم"));
        assert_eq!(a.id.len(), 32);
    }

    #[test]
    fn json_id_wins_over_header_and_header_over_hash() {
        let a = decode(br#"{"id":"a1","text":"hello"}"#, Some("h1"), MAX).unwrap();
        assert_eq!(a.id, "a1");
        let b = decode(br#"{"text":"hello"}"#, Some("h1"), MAX).unwrap();
        assert_eq!(b.id, "h1");
        let c = decode(b"hello", Some("h2"), MAX).unwrap();
        assert_eq!(c.id, "h2");
    }

    #[test]
    fn metadata_passes_through_byte_for_byte() {
        let a = decode(br#"{"text":"hi","metadata":{"b": [1, 2.50]}}"#, None, MAX).unwrap();
        assert_eq!(a.metadata.unwrap().get(), r#"{"b": [1, 2.50]}"#);
    }

    #[test]
    fn each_bad_input_has_its_kind() {
        let small = Limits {
            max_bytes: 64,
            max_id_bytes: 8,
        };
        let kind = |p: &[u8]| decode(p, None, small).unwrap_err().kind().as_str();
        assert_eq!(kind(&[0xff, 0xfe, b'a']), "invalid_utf8");
        assert_eq!(kind(b"{\"text\": \"unterminated"), "invalid_json");
        assert_eq!(kind(b"{\"title\": \"x\"}"), "empty_text");
        assert_eq!(kind(b"{\"text\": \"   \"}"), "empty_text");
        assert_eq!(kind(b"   \n"), "empty_text");
        assert_eq!(kind(b"{\"text\": 5}"), "invalid_field");
        assert_eq!(kind(&[b'a'; 65]), "too_large");
        assert_eq!(kind("12345 !!! ... ۱۲۳".as_bytes()), "no_letters");
        assert_eq!(
            kind(b"{\"id\": \"nine bytes\", \"text\": \"a\"}"),
            "invalid_field"
        );
    }

    #[test]
    fn an_id_over_the_limit_is_refused_from_the_json_or_the_header() {
        let limits = Limits {
            max_bytes: 1 << 20,
            max_id_bytes: 4,
        };
        let err = decode(
            br#"{"id":"\u00e9\u00e9\u00e9","text":"hello"}"#,
            None,
            limits,
        )
        .unwrap_err();
        assert_eq!(err.kind(), DeadLetterKind::InvalidField);
        assert!(err.to_string().contains("limits.max_id_bytes"), "{err}");
        let err = decode(b"hello", Some("12345"), limits).unwrap_err();
        assert_eq!(err.kind(), DeadLetterKind::InvalidField);
        assert_eq!(decode(b"hello", Some("1234"), limits).unwrap().id, "1234");
        // A content id (32 hex digits) is the worker's own: never refused.
        let tiny = Limits {
            max_id_bytes: 1,
            ..limits
        };
        assert_eq!(decode(b"hello", None, tiny).unwrap().id.len(), 32);
    }

    #[test]
    fn a_json_array_is_not_an_object_but_is_valid_text() {
        let a = decode(b"[\"a list\"]", None, MAX).unwrap();
        assert_eq!(a.text, "[\"a list\"]");
    }

    #[test]
    fn stats_count_words_and_paragraphs() {
        let s = TextStats::of("One two.\n\nThree — four\n");
        assert_eq!(
            s,
            TextStats {
                chars: 23,
                words: 4,
                paragraphs: 2
            }
        );
    }
}
