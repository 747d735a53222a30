//! The typed settings tree, loaded and validated once: `config/default.toml`, then the file
//! given with `--config`, then `ARTICLE_WORKER__SECTION__KEY` environment variables.
//!
//! Every struct denies unknown fields, so a misspelt key is an error that names it; durations
//! are parsed here ("30s", "7d"), so nothing downstream parses strings.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatsSettings {
    /// Server URLs, comma-separated in the file and the environment.
    #[serde(deserialize_with = "comma_list")]
    pub url: Vec<String>,
    /// The connection name shown by `nats server report connections`.
    pub name: String,
    pub user: String,
    pub password: String,
    pub token: String,
    pub nkey_seed: String,
    pub credentials_file: PathBuf,
    pub tls_required: bool,
    pub tls_ca_file: PathBuf,
    pub tls_cert_file: PathBuf,
    pub tls_key_file: PathBuf,
    #[serde(with = "humantime_serde")]
    pub connect_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub request_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub max_reconnect_delay: Duration,
    /// How many times the first connection is tried before `run` gives up; 0 is for ever.
    pub initial_connect_attempts: u32,
}

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
    pub max_deliver: i64,
    #[serde(deserialize_with = "duration_list")]
    pub backoff: Vec<Duration>,
    pub max_ack_pending: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    pub results_subject: String,
    pub results_stream: String,
    pub dlq_subject: String,
    pub dlq_stream: String,
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
    /// The instance name in results and logs; empty means the host name and process id.
    pub instance: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    pub listen: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    pub max_article_bytes: usize,
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
/// (end to end, 64 in flight on 2 cores used a third less CPU per article than 4).
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
        if !(0.0..=1.0).contains(&self.dedup.threshold) {
            return bad("dedup.threshold", "must be between 0 and 1");
        }
        if self.dedup.window_articles == 0 {
            return bad("dedup.window_articles", "must be at least 1");
        }
        if self.limits.max_article_bytes == 0 {
            return bad("limits.max_article_bytes", "must be at least 1");
        }
        if self.input.max_deliver == 0 || self.input.max_deliver < -1 {
            return bad(
                "input.max_deliver",
                "must be at least 1, or -1 for no limit",
            );
        }
        if self.worker.batch == 0 {
            return bad("worker.batch", "must be at least 1");
        }
        if self.http.listen.parse::<std::net::SocketAddr>().is_err() {
            return bad("http.listen", "must be an address such as 127.0.0.1:9464");
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

    /// Messages in flight at once (`worker.concurrency`, or [`IN_FLIGHT_PER_CORE`] per core).
    pub fn concurrency(&self) -> usize {
        if self.worker.concurrency > 0 {
            return self.worker.concurrency;
        }
        std::thread::available_parallelism().map_or(2, |n| n.get()) * IN_FLIGHT_PER_CORE
    }
}

/// Environment values are strings; numbers and booleans are recognised so typed keys work,
/// and list keys are split on commas.
fn parse_env_value(key: &str, value: &str) -> config::Value {
    if key == "input.backoff" {
        let items: Vec<config::Value> = value
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| config::Value::from(s.to_owned()))
            .collect();
        return config::Value::from(items);
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

fn duration_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Duration>, D::Error> {
    let items = Vec::<String>::deserialize(d)?;
    items
        .iter()
        .map(|s| {
            humantime::parse_duration(s)
                .map_err(|e| serde::de::Error::custom(format!("{s:?}: {e}")))
        })
        .collect()
}

fn comma_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect())
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
        assert_eq!(s.nats.url, vec!["nats://127.0.0.1:4222"]);
        assert_eq!(s.http.listen, "127.0.0.1:9464");
        assert_eq!(s.limits.max_article_bytes, 1_048_576);
        assert_eq!(s.dedup.data_dir, PathBuf::from("data"));
        assert_eq!(s.input.subject, "articles.ingest");
        assert_eq!(s.output.results_subject, "articles.processed");
        assert_eq!(s.output.dlq_subject, "articles.dlq");
        assert_eq!(s.output.analyze_subject, "articles.analyze");
        assert_eq!(s.input.mode, InputMode::Jetstream);
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
        assert_eq!(s.nats.url, vec!["nats://a:1", "nats://b:2"]);
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
    fn malformed_file_names_the_file() {
        let err = load(Some("[nats\nurl = 1"), &[]).unwrap_err().to_string();
        assert!(err.contains("s.toml"), "{err}");
    }
}
