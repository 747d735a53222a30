//! `publish`: send articles to the ingest subject and print their results as they come back,
//! one a line on standard output, with progress on standard error when it is a terminal (a
//! file or a pipe gets no progress line).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use crate::message;
use crate::metrics::Metrics;
use crate::readiness::Readiness;
use crate::settings::Settings;
use crate::transport::publisher::{Outgoing, Publisher, Returned};

pub async fn publish(
    settings: &Settings,
    files: &[PathBuf],
    timeout: Duration,
    no_wait: bool,
) -> anyhow::Result<ExitCode> {
    let items = read_items(files, settings.limits.decode_limits())?;
    let metrics = Metrics::new(prometheus::Registry::new());
    let client =
        crate::transport::connect(&settings.nats, Arc::new(Readiness::default()), metrics).await?;
    let mut publisher = Publisher::new(&client, settings).await?;
    let total = items.len();
    let mut waiting = std::collections::HashSet::new();
    let mut stdout = std::io::stdout();
    let progress = Progress::new();
    for (i, item) in items.into_iter().enumerate() {
        let expected = item.expected_id.clone();
        let stored = publisher.send(item).await?;
        if stored.duplicate {
            eprintln!("article-worker: {expected}: already ingested (duplicate id), no new result will come");
        } else if !no_wait {
            waiting.insert(expected);
        }
        progress.show(format_args!("published {}/{total}", i + 1));
        drain(&mut publisher, &mut waiting, &mut stdout)?;
    }
    progress.end();
    if no_wait {
        return Ok(ExitCode::SUCCESS);
    }
    let expected = waiting.len();
    let deadline = tokio::time::Instant::now() + timeout;
    while !waiting.is_empty() {
        match tokio::time::timeout_at(deadline, publisher.next()).await {
            Ok(Some(r)) => {
                print(&r, &mut waiting, &mut stdout)?;
                progress.show(format_args!(
                    "results {}/{expected}",
                    expected - waiting.len()
                ));
            }
            Ok(None) | Err(_) => break,
        }
    }
    progress.end();
    if waiting.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("article-worker: {} results did not come back within {timeout:?} (is a worker running?)", waiting.len());
        Ok(ExitCode::FAILURE)
    }
}

/// A progress line on standard error, rewritten in place; shown only on a terminal.
struct Progress {
    shown: bool,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            shown: std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, line: std::fmt::Arguments) {
        if self.shown {
            eprint!("\r{line}");
        }
    }

    /// Ends the line, so that what follows starts on its own.
    fn end(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

fn drain(
    publisher: &mut Publisher,
    waiting: &mut std::collections::HashSet<String>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    while let Some(r) = publisher.try_next() {
        print(&r, waiting, out)?;
    }
    Ok(())
}

fn print(
    r: &Returned,
    waiting: &mut std::collections::HashSet<String>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if waiting.remove(&r.id) {
        out.write_all(&r.payload)?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(())
}

/// Files become one article each (id = the file name without extension); without files,
/// standard input is read as one message a line.
fn read_items(files: &[PathBuf], limits: message::Limits) -> anyhow::Result<Vec<Outgoing>> {
    let item = |payload: Vec<u8>, header_id: Option<String>| {
        // The id the result will carry, as the worker will decide it.
        let expected_id = match message::decode(&payload, header_id.as_deref(), limits) {
            Ok(a) => a.id,
            Err(_) => header_id
                .clone()
                .unwrap_or_else(|| message::content_id_bytes(&payload)),
        };
        Outgoing {
            payload,
            header_id,
            expected_id,
        }
    };
    let mut items = Vec::new();
    if files.is_empty() {
        for line in std::io::stdin().lock().split(b'\n') {
            let line = line.context("cannot read standard input")?;
            if !line.iter().all(u8::is_ascii_whitespace) {
                items.push(item(line, None));
            }
        }
    } else {
        for path in files {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            items.push(item(bytes, Some(super::file_id(path))));
        }
    }
    Ok(items)
}
