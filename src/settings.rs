//! The typed settings tree, loaded and validated once: `config/default.toml`, then the file
//! given with `--config`, then `ARTICLE_WORKER__SECTION__KEY` environment variables.
//!
//! Every struct denies unknown fields, so a misspelt key is an error that names it. Values are
//! turned into their final types while loading, so nothing downstream parses strings or knows
//! the file's conventions: durations ("30s", "7d") become [`Duration`], the listen address a
//! [`SocketAddr`], server URLs [`Url`]s, an empty string or path (the file's "unset")
//! `None`, and `-1` ("no limit") `None`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use url::Url;

/// The defaults, compiled in so the binary runs from any directory; `config/default.toml` is
/// the same file, documented key by key.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// The prefix of environment overrides: `ARTICLE_WORKER__NATS__URL`.
pub const ENV_PREFIX: &str = "ARTICLE_WORKER";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub nats: NatsSettings,
    pub input: InputSettings,
    pub output: OutputSettings,
    pub worker: WorkerSettings,
    pub http: HttpSettings,
    pub limits: LimitSettings,
    pub log: LogSettings,
    pub dedup: DedupSettings,
    pub language: LanguageSettings,
    pub quotes: QuoteSettings,
    pub story: StorySettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatsSettings {
    /// Server URLs, comma-separated in the file and the environment; `nats://` where a URL
    /// names no scheme.
    #[serde(deserialize_with = "nats_urls")]
    pub url: Vec<Url>,
    /// The connection name shown by `nats server report connections`.
    pub name: String,
    #[serde(deserialize_with = "unless_empty")]
    pub user: Option<String>,
    #[serde(deserialize_with = "unless_empty")]
    pub password: Option<String>,
    #[serde(deserialize_with = "unless_empty")]
    pub token: Option<String>,
    #[serde(deserialize_with = "unless_empty")]
    pub nkey_seed: Option<String>,
    #[serde(deserialize_with = "path_unless_empty")]
    pub credentials_file: Option<PathBuf>,
    pub tls_required: bool,
    #[serde(deserialize_with = "path_unless_empty")]
    pub tls_ca_file: Option<PathBuf>,
    #[serde(deserialize_with = "path_unless_empty")]
    pub tls_cert_file: Option<PathBuf>,
    #[serde(deserialize_with = "path_unless_empty")]
    pub tls_key_file: Option<PathBuf>,
    #[serde(with = "humantime_serde")]
    pub connect_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub request_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub max_reconnect_delay: Duration,
    /// How many times the first connection is tried before `run` gives up; 0 is for ever.
    pub initial_connect_attempts: u32,
    /// Replicas of every stream and key-value bucket the worker creates (1 to
    /// [`MAX_REPLICAS`]); more than 1 needs a NATS cluster.
    pub replicas: usize,
    /// The prefix of the worker's reply subjects, so that its NATS user may subscribe to
    /// `PREFIX.>` alone instead of every client's `_INBOX.>`.
    pub inbox_prefix: String,
}

/// JetStream keeps at most five replicas of a stream.
pub const MAX_REPLICAS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputMode {
    /// A durable pull consumer on a stream: at-least-once, results deduplicated by id.
    Jetstream,
    /// A queue-group subscription: at-most-once, for servers without JetStream.
    Core,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSettings {
    pub mode: InputMode,
    pub subject: String,
    pub stream: String,
    #[serde(with = "humantime_serde")]
    pub stream_max_age: Duration,
    pub consumer: String,
    pub queue_group: String,
    #[serde(with = "humantime_serde")]
    pub ack_wait: Duration,
    /// Deliveries of one message before it is dead-lettered; `None` (`-1`) for no limit.
    #[serde(deserialize_with = "limit_or_unlimited")]
    pub max_deliver: Option<u32>,
    #[serde(deserialize_with = "duration_list")]
    pub backoff: Vec<Duration>,
    pub max_ack_pending: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    pub results_subject: String,
    /// The stream that keeps results; `None` (empty) publishes them without JetStream.
    #[serde(deserialize_with = "unless_empty")]
    pub results_stream: Option<String>,
    pub dlq_subject: String,
    /// The stream that keeps dead letters; `None` (empty) publishes them without JetStream.
    #[serde(deserialize_with = "unless_empty")]
    pub dlq_stream: Option<String>,
    pub analyze_subject: String,
    #[serde(with = "humantime_serde")]
    pub duplicate_window: Duration,
    #[serde(with = "humantime_serde")]
    pub max_age: Duration,
    #[serde(with = "humantime_serde")]
    pub publish_timeout: Duration,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSettings {
    /// Messages in flight at once; 0 means [`IN_FLIGHT_PER_CORE`] per core.
    pub concurrency: usize,
    /// Messages asked for in one pull.
    pub batch: usize,
    #[serde(with = "humantime_serde")]
    pub shutdown_grace: Duration,
    /// The instance name in results and logs; `None` (empty) means the host name and process
    /// id.
    #[serde(deserialize_with = "unless_empty")]
    pub instance: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    #[serde(deserialize_with = "socket_addr")]
    pub listen: SocketAddr,
    /// Serve the status page `/` and `/status.json`, which show recent quotations and ids.
    pub status_page: bool,
    /// When set, `/` and `/status.json` require `Authorization: Bearer TOKEN`.
    #[serde(deserialize_with = "secret_unless_empty")]
    pub token: Option<Secret>,
}

/// A secret from the settings (`http.token`): `Debug` never shows it, so printing the
/// settings cannot leak it, and only [`Secret::expose`] hands it out.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that compares or sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Secret {
        Secret(s.to_owned())
    }
}

/// The shortest `http.token` accepted: 16 random characters or more cannot be guessed over
/// the network (`openssl rand -hex 32` gives 64).
pub const MIN_TOKEN_CHARS: usize = 16;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    pub max_article_bytes: usize,
    /// A longer article id is dead-lettered as `invalid_field`.
    pub max_id_bytes: usize,
}

impl LimitSettings {
    /// The limits input decoding checks.
    pub fn decode_limits(&self) -> crate::message::Limits {
        crate::message::Limits {
            max_bytes: self.max_article_bytes,
            max_id_bytes: self.max_id_bytes,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// The filter when RUST_LOG is not set.
    pub level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DedupStoreKind {
    Memory,
    Embedded,
    Jetstream,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DedupSettings {
    pub store: DedupStoreKind,
    pub data_dir: PathBuf,
    /// Estimated similarity at or above which an article is a near duplicate.
    pub threshold: f64,
    /// Articles older than this are forgotten.
    #[serde(with = "humantime_serde")]
    pub window: Duration,
    /// At most this many articles are remembered.
    pub window_articles: usize,
    /// The JetStream key-value bucket of the `jetstream` store.
    pub kv_bucket: String,
    /// How often the embedded store writes its state to disk.
    #[serde(with = "humantime_serde")]
    pub flush_interval: Duration,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSettings {
    /// Below this confidence the answer is `und`.
    pub min_confidence: f64,
    /// `lang_hint` picks the hinted language only when its confidence is within this margin
    /// of the best one.
    pub hint_margin: f64,
    /// The main language is decided on at most this many characters of a long article.
    pub sample_chars: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSettings {
    /// At most this many quotations are reported per article.
    pub max_quotes: usize,
    /// A quoted span of at most this many words is reported only with a cue verb near it;
    /// without one it is taken for a name, a title or a term.
    pub short_quote_words: usize,
}

/// Story linking. Its store is of the kind `dedup.store` names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorySettings {
    /// Without it results carry `"story": null`.
    pub enabled: bool,
    /// Articles are linked to earlier ones published at most this long before.
    #[serde(with = "humantime_serde")]
    pub window: Duration,
    /// How rare a term is, is counted with counts that fade by half over this span.
    #[serde(with = "humantime_serde")]
    pub rarity_half_life: Duration,
    /// Similarity at or above which two articles report the same event.
    pub threshold: f64,
    /// Where the embedded store keeps its files; empty: `story/` in `dedup.data_dir`.
    pub data_dir: PathBuf,
    /// The JetStream key-value bucket of the `jetstream` store.
    pub kv_bucket: String,
}

/// A settings file or variable that cannot be used; the message names the key.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read settings file {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid settings: {0}")]
    Invalid(String),
}

/// Messages in flight per core when `worker.concurrency` is 0. Analysis takes a core for a
/// fraction of a millisecond, then each message waits about as long again for the server to
/// confirm its result: many in flight keep the cores busy and let the server batch its work
/// (BENCHMARKS.md has the measurements).
pub const IN_FLIGHT_PER_CORE: usize = 32;

impl Settings {
    /// Loads the defaults, then `file`, then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, SettingsError> {
        Settings::load_with_env(file, std::env::vars())
    }

    /// As [`Settings::load`], with the environment given (for tests).
    pub fn load_with_env(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, SettingsError> {
        use config::{Config, File, FileFormat};
        let mut builder =
            Config::builder().add_source(File::from_str(DEFAULT_TOML, FileFormat::Toml));
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| SettingsError::File {
                path: path.to_owned(),
                source,
            })?;
            // Parse here first so a syntax error names the file, not an anonymous string.
            toml_check(&text)
                .map_err(|e| SettingsError::Invalid(format!("{}: {e}", path.display())))?;
            builder = builder.add_source(File::from_str(&text, FileFormat::Toml));
        }
        let prefix = format!("{ENV_PREFIX}__");
        for (name, value) in env {
            let Some(rest) = name.strip_prefix(&prefix) else {
                continue;
            };
            let key = rest.to_ascii_lowercase().replace("__", ".");
            let value = parse_env_value(&key, &value);
            builder = builder
                .set_override(key.clone(), value)
                .map_err(|e| SettingsError::Invalid(format!("{name}: {e}")))?;
        }
        let settings: Settings = builder
            .build()
            .and_then(|c| c.try_deserialize())
            .map_err(|e| SettingsError::Invalid(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), SettingsError> {
        let bad = |key: &str, why: &str| Err(SettingsError::Invalid(format!("{key}: {why}")));
        if self.nats.url.is_empty() {
            return bad("nats.url", "at least one server URL is needed");
        }
        if !(1..=MAX_REPLICAS).contains(&self.nats.replicas) {
            return bad("nats.replicas", "must be between 1 and 5");
        }
        if let Some(token) = &self.http.token {
            let token = token.expose();
            if token.chars().count() < MIN_TOKEN_CHARS {
                return bad("http.token", "must be at least 16 characters");
            }
            // The token travels in an HTTP header: visible ASCII only, no spaces.
            if !token.bytes().all(|b| b.is_ascii_graphic()) {
                return bad("http.token", "must be printable ASCII without spaces");
            }
        }
        let prefix = &self.nats.inbox_prefix;
        if prefix.is_empty()
            || prefix
                .split('.')
                .any(|t| t.is_empty() || t == "*" || t == ">")
            || prefix.chars().any(char::is_whitespace)
        {
            return bad(
                "nats.inbox_prefix",
                "must be a subject without wildcards, such as _INBOX.article-worker",
            );
        }
        if !(0.0..=1.0).contains(&self.dedup.threshold) {
            return bad("dedup.threshold", "must be between 0 and 1");
        }
        if self.dedup.window_articles == 0 {
            return bad("dedup.window_articles", "must be at least 1");
        }
        if !(0.0..=1.0).contains(&self.story.threshold) {
            return bad("story.threshold", "must be between 0 and 1");
        }
        if self.story.window.is_zero() {
            return bad("story.window", "must be longer than zero");
        }
        if self.limits.max_article_bytes == 0 {
            return bad("limits.max_article_bytes", "must be at least 1");
        }
        if self.limits.max_id_bytes == 0 || self.limits.max_id_bytes > u16::MAX as usize {
            return bad("limits.max_id_bytes", "must be between 1 and 65535");
        }
        if self.worker.batch == 0 {
            return bad("worker.batch", "must be at least 1");
        }
        if self.nats.tls_cert_file.is_some() != self.nats.tls_key_file.is_some() {
            return bad(
                "nats.tls_cert_file",
                "and nats.tls_key_file must be set together",
            );
        }
        if !(0.0..=1.0).contains(&self.language.min_confidence) {
            return bad("language.min_confidence", "must be between 0 and 1");
        }
        if !(0.0..=1.0).contains(&self.language.hint_margin) {
            return bad("language.hint_margin", "must be between 0 and 1");
        }
        if self.language.sample_chars < 100 {
            return bad("language.sample_chars", "must be at least 100");
        }
        Ok(())
    }

    /// The story store's directory: `story.data_dir`, or `story/` in `dedup.data_dir` when
    /// that is empty, so that a worker given its own data directory keeps both stores there.
    pub fn story_data_dir(&self) -> PathBuf {
        if self.story.data_dir.as_os_str().is_empty() {
            self.dedup.data_dir.join("story")
        } else {
            self.story.data_dir.clone()
        }
    }

    /// Messages in flight at once (`worker.concurrency`, or [`IN_FLIGHT_PER_CORE`] per core).
    pub fn concurrency(&self) -> usize {
        if self.worker.concurrency > 0 {
            return self.worker.concurrency;
        }
        std::thread::available_parallelism().map_or(2, |n| n.get()) * IN_FLIGHT_PER_CORE
    }
}

/// Keys whose values are taken as written: a secret such as "0123…" or "true" must not be
/// turned into a number or a boolean on the way.
const VERBATIM_KEYS: [&str; 3] = ["http.token", "nats.password", "nats.token"];

/// Environment values are strings; numbers and booleans are recognised so typed keys work.
/// List keys take a comma-separated string as well as a list (see [`comma_separated`]).
fn parse_env_value(key: &str, value: &str) -> config::Value {
    if VERBATIM_KEYS.contains(&key) {
        return config::Value::from(value.to_owned());
    }
    if let Ok(b) = value.parse::<bool>() {
        return config::Value::from(b);
    }
    if let Ok(i) = value.parse::<i64>() {
        return config::Value::from(i);
    }
    if value.contains('.') {
        if let Ok(f) = value.parse::<f64>() {
            return config::Value::from(f);
        }
    }
    config::Value::from(value.to_owned())
}

fn toml_check(text: &str) -> Result<(), String> {
    use config::{Config, File, FileFormat};
    Config::builder()
        .add_source(File::from_str(text, FileFormat::Toml))
        .build()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// A list written either as a list or as one comma-separated string (the only way an
/// environment variable can write it).
#[derive(Deserialize)]
#[serde(untagged)]
enum CommaSeparated {
    List(Vec<String>),
    Joined(String),
}

/// The items of a list key, trimmed, empty ones left out.
fn comma_separated<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items = match CommaSeparated::deserialize(d)? {
        CommaSeparated::List(items) => items,
        CommaSeparated::Joined(s) => s.split(',').map(str::to_owned).collect(),
    };
    Ok(items
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect())
}

fn duration_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Duration>, D::Error> {
    comma_separated(d)?
        .iter()
        .map(|s| {
            humantime::parse_duration(s)
                .map_err(|e| serde::de::Error::custom(format!("{s:?}: {e}")))
        })
        .collect()
}

/// The schemes the NATS client speaks.
const NATS_SCHEMES: [&str; 4] = ["nats", "tls", "ws", "wss"];

/// Server URLs, `nats://` added where one names no scheme (as the NATS client does).
fn nats_urls<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Url>, D::Error> {
    comma_separated(d)?
        .iter()
        .map(|s| {
            let url = if s.contains("://") {
                Url::parse(s)
            } else {
                Url::parse(&format!("nats://{s}"))
            }
            .map_err(|e| serde::de::Error::custom(format!("{s:?}: {e}")))?;
            if !NATS_SCHEMES.contains(&url.scheme()) {
                return Err(serde::de::Error::custom(format!(
                    "{s:?}: the scheme must be one of {NATS_SCHEMES:?}"
                )));
            }
            Ok(url)
        })
        .collect()
}

/// A string whose empty value means "not set".
fn unless_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok((!s.is_empty()).then_some(s))
}

/// A secret whose empty value means "not set".
fn secret_unless_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    Ok(unless_empty(d)?.map(Secret))
}

/// A path whose empty value means "not set".
fn path_unless_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
    Ok(unless_empty(d)?.map(PathBuf::from))
}

/// A count of at least 1, or `-1` for no limit (`None`).
fn limit_or_unlimited<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    match i64::deserialize(d)? {
        -1 => Ok(None),
        n => u32::try_from(n)
            .ok()
            .filter(|&n| n >= 1)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("must be at least 1, or -1 for no limit")),
    }
}

fn socket_addr<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SocketAddr, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(|_| {
        serde::de::Error::custom(format!("{s:?} must be an address such as 127.0.0.1:9464"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(file_text: Option<&str>, env: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        if let Some(t) = file_text {
            std::fs::write(&path, t).unwrap();
        }
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        Settings::load_with_env(file_text.map(|_| path.as_path()), env)
    }

    #[test]
    fn defaults_match_the_contract() {
        let s = load(None, &[]).unwrap();
        assert_eq!(
            s.nats.url,
            vec![Url::parse("nats://127.0.0.1:4222").unwrap()]
        );
        assert_eq!(s.http.listen, "127.0.0.1:9464".parse().unwrap());
        assert_eq!(s.nats.token, None);
        assert!(s.http.status_page);
        assert_eq!(s.http.token, None);
        assert_eq!(s.nats.credentials_file, None);
        assert_eq!(s.worker.instance, None);
        assert_eq!(s.input.max_deliver, Some(5));
        assert_eq!(s.output.results_stream.as_deref(), Some("ARTICLE_RESULTS"));
        assert_eq!(s.limits.max_article_bytes, 1_048_576);
        assert_eq!(s.limits.max_id_bytes, 1024);
        assert_eq!(s.dedup.data_dir, PathBuf::from("data"));
        assert_eq!(s.input.subject, "articles.ingest");
        assert_eq!(s.output.results_subject, "articles.processed");
        assert_eq!(s.output.dlq_subject, "articles.dlq");
        assert_eq!(s.output.analyze_subject, "articles.analyze");
        assert_eq!(s.input.mode, InputMode::Jetstream);
        assert_eq!(s.nats.replicas, 1);
    }

    #[test]
    fn replicas_are_bounded_by_what_jetstream_keeps() {
        let three = load(None, &[("ARTICLE_WORKER__NATS__REPLICAS", "3")]).unwrap();
        assert_eq!(three.nats.replicas, 3);
        for bad in ["0", "6"] {
            let err = load(None, &[("ARTICLE_WORKER__NATS__REPLICAS", bad)])
                .unwrap_err()
                .to_string();
            assert!(err.contains("nats.replicas"), "{err}");
        }
    }

    #[test]
    fn the_http_token_is_read_as_written_and_never_shown_by_debug() {
        let token = "0123456789012345678";
        let s = load(None, &[("ARTICLE_WORKER__HTTP__TOKEN", token)]).unwrap();
        let read = s.http.token.as_ref().expect("set");
        assert_eq!(read.expose(), token, "not turned into a number");
        let shown = format!("{s:?}");
        assert!(!shown.contains(token), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }

    #[test]
    fn a_short_or_spaced_http_token_is_refused_without_showing_it() {
        for token in ["short-token", "a token with spaces in it"] {
            let err = load(None, &[("ARTICLE_WORKER__HTTP__TOKEN", token)])
                .unwrap_err()
                .to_string();
            assert!(err.contains("http.token"), "{err}");
            assert!(!err.contains(token), "{err}");
        }
    }

    #[test]
    fn an_inbox_prefix_with_a_wildcard_is_refused() {
        for prefix in ["_INBOX.>", "a..b", "", "in box"] {
            let err = load(None, &[("ARTICLE_WORKER__NATS__INBOX_PREFIX", prefix)])
                .unwrap_err()
                .to_string();
            assert!(err.contains("nats.inbox_prefix"), "{prefix:?}: {err}");
        }
    }

    #[test]
    fn file_then_environment_override_defaults() {
        let s = load(
            Some("[nats]\nurl = \"nats://a:1, nats://b:2\"\n[limits]\nmax_article_bytes = 10\n"),
            &[
                ("ARTICLE_WORKER__LIMITS__MAX_ARTICLE_BYTES", "20"),
                ("ARTICLE_WORKER__INPUT__BACKOFF", "1s, 2s"),
            ],
        )
        .unwrap();
        let urls: Vec<&str> = s.nats.url.iter().map(Url::as_str).collect();
        assert_eq!(urls, ["nats://a:1", "nats://b:2"]);
        assert_eq!(s.limits.max_article_bytes, 20);
        assert_eq!(
            s.input.backoff,
            vec![Duration::from_secs(1), Duration::from_secs(2)]
        );
    }

    #[test]
    fn unknown_key_is_an_error_naming_it() {
        let err = load(Some("[nats]\nurll = \"x\"\n"), &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("urll"), "{err}");
        let err = load(None, &[("ARTICLE_WORKER__HTTP__LISTN", "x")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("listn"), "{err}");
    }

    #[test]
    fn bad_value_is_an_error_naming_the_key() {
        let err = load(Some("[worker]\nshutdown_grace = \"soon\"\n"), &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("shutdown_grace"), "{err}");
        let err = load(None, &[("ARTICLE_WORKER__DEDUP__THRESHOLD", "1.5")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("dedup.threshold"), "{err}");
        let err = load(None, &[("ARTICLE_WORKER__HTTP__LISTEN", "nowhere")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("http.listen"), "{err}");
    }

    #[test]
    fn unset_and_unlimited_become_none() {
        let s = load(
            None,
            &[
                ("ARTICLE_WORKER__INPUT__MAX_DELIVER", "-1"),
                ("ARTICLE_WORKER__OUTPUT__DLQ_STREAM", ""),
                ("ARTICLE_WORKER__NATS__TLS_CA_FILE", "/etc/ca.pem"),
                ("ARTICLE_WORKER__NATS__URL", "n1:4222"),
            ],
        )
        .unwrap();
        assert_eq!(s.input.max_deliver, None);
        assert_eq!(s.output.dlq_stream, None);
        assert_eq!(s.nats.tls_ca_file, Some(PathBuf::from("/etc/ca.pem")));
        assert_eq!(s.nats.url[0].as_str(), "nats://n1:4222");
        for bad in ["0", "-2"] {
            let err = load(None, &[("ARTICLE_WORKER__INPUT__MAX_DELIVER", bad)])
                .unwrap_err()
                .to_string();
            assert!(err.contains("max_deliver"), "{err}");
        }
    }

    #[test]
    fn a_list_key_takes_a_list_or_a_comma_separated_string() {
        let s = load(Some("[input]\nbackoff = \"2s,3s\"\n"), &[]).unwrap();
        assert_eq!(
            s.input.backoff,
            vec![Duration::from_secs(2), Duration::from_secs(3)]
        );
        let s = load(Some("[nats]\nurl = [\"nats://a:1\", \"b:2\"]\n"), &[]).unwrap();
        assert_eq!(s.nats.url[1].as_str(), "nats://b:2");
    }

    #[test]
    fn a_client_certificate_needs_its_key() {
        let err = load(None, &[("ARTICLE_WORKER__NATS__TLS_CERT_FILE", "c.pem")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("nats.tls_key_file"), "{err}");
    }

    #[test]
    fn a_url_with_another_scheme_is_an_error_naming_the_key() {
        let err = load(None, &[("ARTICLE_WORKER__NATS__URL", "http://a:1")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("url"), "{err}");
    }

    #[test]
    fn malformed_file_names_the_file() {
        let err = load(Some("[nats\nurl = 1"), &[]).unwrap_err().to_string();
        assert!(err.contains("s.toml"), "{err}");
    }
}
