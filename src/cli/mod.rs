//! The command line: `run` (the worker; with `--dev` it brings its own NATS server, see
//! [`dev`]), `analyze` (the pipeline without NATS), `publish` (send articles, print their
//! results as they come back) and `nats-permissions` (the rights the worker's NATS user needs
//! under the settings).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::dedup::Dedup;
use crate::dedup::DedupMode;
use crate::language::Detector;
use crate::message::{self, WorkerInfo};
use crate::pipeline::Pipeline;
use crate::quotes::QuoteExtractor;
use crate::settings::{LogFormat, Settings};
use crate::story::Story;

#[derive(Parser)]
#[command(
    name = "article-worker",
    version,
    about = "Language, duplicates and attributed quotations for news articles on NATS"
)]
pub struct Cli {
    /// A settings file, read after config/default.toml and before ARTICLE_WORKER__… variables.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// `analyze` and `publish` log warnings only; -v logs at `log.level` (info by default),
    /// -vv at debug. RUST_LOG wins over both.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the worker: consume articles from NATS and publish one result each.
    Run {
        /// Where nothing listens at nats.url, start a private nats-server -js (store under
        /// the data directory) and stop it on exit.
        #[arg(long)]
        dev: bool,
    },
    /// Analyse files (one article each) or JSON lines on standard input, without NATS; one
    /// result a line on standard output, dedup state carried from one article to the next.
    Analyze { files: Vec<PathBuf> },
    /// Publish files (one article each, id = file name) or JSON lines from standard input to
    /// the ingest subject, and print the results as they come back.
    Publish {
        files: Vec<PathBuf>,
        /// How long to wait for all results after the last publish.
        #[arg(long, default_value = "60s", value_parser = humantime::parse_duration)]
        timeout: Duration,
        /// Do not wait for results.
        #[arg(long)]
        no_wait: bool,
    },
    /// Print the NATS rights the worker needs under these settings, as the `permissions` of a
    /// nats-server user (JSON; deploy/nats/worker-permissions.json for the deployed settings).
    NatsPermissions,
}

/// Parses the command line, loads settings, sets up logging and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("article-worker: {e}");
            return ExitCode::from(2);
        }
    };
    crate::telemetry::init(&log_settings(&cli, &settings));
    let json_logs = settings.log.format == LogFormat::Json;
    let outcome = match cli.command {
        // The worker's loop is spawned rather than run by `block_on` itself: a `block_on` future
        // runs on the calling thread, outside the runtime's workers, so every message would
        // cross threads twice (the wake-up that delivers it, the task spawned for it). Spawned,
        // the loop runs on a worker thread and the tasks it spawns usually stay there.
        Command::Run { dev } => runtime().and_then(|rt| {
            // Dropped after the worker has drained: the private server outlives its clients.
            let _server = if dev {
                dev::ensure_nats(&settings)?
            } else {
                None
            };
            rt.block_on(async {
                tokio::spawn(run(settings))
                    .await
                    .context("the worker's main task failed")?
            })
        }),
        Command::Analyze { files } => analyze(&settings, &files),
        Command::NatsPermissions => {
            let needed = crate::transport::permissions::needed(&settings);
            let json = serde_json::to_string_pretty(&needed).expect("always serialises");
            println!("{json}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Publish {
            files,
            timeout,
            no_wait,
        } => runtime().and_then(|rt| {
            rt.block_on(crate::cli::publish::publish(
                &settings, &files, timeout, no_wait,
            ))
        }),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            // A log collector reads the JSON line; a person reads the plain one, once.
            if json_logs {
                tracing::error!(error = format!("{e:#}"), "article-worker failed");
            }
            eprintln!("article-worker: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The worker logs at `log.level`; the commands a person runs by hand print results on
/// standard output and log only warnings, unless asked for more with `-v`.
fn log_settings(cli: &Cli, settings: &Settings) -> crate::settings::LogSettings {
    let mut log = settings.log.clone();
    if !matches!(cli.command, Command::Run { .. }) {
        log.level = match cli.verbose {
            0 => "warn".into(),
            1 => log.level,
            _ => "debug".into(),
        };
    }
    log
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

async fn run(settings: Settings) -> anyhow::Result<ExitCode> {
    crate::worker::run(settings, shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on SIGTERM or SIGINT.
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        let mut int = signal(SignalKind::interrupt()).expect("SIGINT handler");
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM received"),
            _ = int.recv() => tracing::info!("SIGINT received"),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// `analyze`: the pipeline over files or JSON lines, with an in-memory dedup store.
fn analyze(settings: &Settings, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline {
        language: Detector::new(&settings.language),
        dedup: Dedup::in_memory(&settings.dedup),
        story: settings
            .story
            .enabled
            .then(|| Story::in_memory(&settings.story)),
        quotes: QuoteExtractor::new(&settings.quotes),
    };
    let info = WorkerInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        instance: "analyze".into(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let mut one = |payload: &[u8],
                   id: Option<&str>,
                   origin: &str,
                   out: &mut dyn Write|
     -> anyhow::Result<()> {
        let line = match message::decode(payload, id, settings.limits.decode_limits()) {
            Ok(article) => {
                let analysis =
                    pipeline.process(&article, DedupMode::Record, crate::worker::now_ms())?;
                analysis.to_result_json(&article, &info)
            }
            Err(e) => {
                failures += 1;
                eprintln!("article-worker: {origin}: {} ({})", e, e.kind().as_str());
                let letter = message::DeadLetter::new(
                    e.kind(),
                    &e.to_string(),
                    origin,
                    Default::default(),
                    payload,
                );
                serde_json::to_vec(&letter)?
            }
        };
        out.write_all(&line)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if files.is_empty() {
        let stdin = std::io::stdin();
        for (n, line) in stdin.lock().split(b'\n').enumerate() {
            let line = line.context("cannot read standard input")?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            one(&line, None, &format!("stdin:{}", n + 1), &mut out)?;
        }
    } else {
        for path in files {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            one(
                &bytes,
                Some(&file_id(path)),
                &path.display().to_string(),
                &mut out,
            )?;
        }
    }
    out.flush()?;
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// An article's id from its file name: the name without its extension.
pub fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub mod dev;
pub mod publish;
