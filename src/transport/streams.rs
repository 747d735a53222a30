//! Creating the worker's streams with `nats.replicas` replicas, and raising the replicas of a
//! stream that exists with fewer (one made before the setting was raised, or by hand).
//!
//! Every stream the worker creates goes through [`ensure_stream`]: the input stream and the
//! stream of its max-deliveries advisories, the results and dead-letter streams, and the
//! streams behind the key-value buckets. A stream
//! with more replicas than asked is left alone: someone chose that on purpose.

use std::time::Duration;

use async_nats::jetstream::{self, stream};

/// Why a stream could not be created or bound.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("cannot create or bind stream {stream} with {replicas} replica(s): {message}{hint}")]
    Create {
        stream: String,
        replicas: usize,
        message: String,
        /// A sentence on the likely cause, or empty.
        hint: &'static str,
    },
}

/// What the server answers when a replicated stream is asked of a server without a cluster.
const NOT_CLUSTERED_HINT: &str = " (nats.replicas above 1 needs a NATS cluster with JetStream \
on at least that many servers; a single server holds one replica: set nats.replicas = 1)";

/// Creates `config` with `replicas` replicas, or binds the existing stream and raises its
/// replicas to `replicas` when it has fewer. A refused raise is logged with the reason and the
/// stream is used as it is: the worker runs, with less redundancy than asked.
pub async fn ensure_stream(
    js: &jetstream::Context,
    mut config: stream::Config,
    replicas: usize,
) -> Result<stream::Stream, StreamError> {
    config.num_replicas = replicas;
    let name = config.name.clone();
    let mut stream = match js.get_or_create_stream(config).await {
        Ok(stream) => stream,
        // Replicas starting together race: another may create the stream between this one's
        // look-up and its create, which the server then refuses ("subjects overlap").
        Err(e) => js
            .get_stream(&name)
            .await
            .map_err(|_| create_error(&name, replicas, e.to_string()))?,
    };
    let existing = stream.cached_info().config.clone();
    if existing.num_replicas.max(1) < replicas && raise_replicas(js, existing, replicas).await {
        wait_for_copies(js, &name, replicas).await;
        // Bind again so later calls see the new state; the old handle still works if not.
        if let Ok(fresh) = js.get_stream(&name).await {
            stream = fresh;
        }
    }
    Ok(stream)
}

/// Creates the key-value bucket `bucket` if it is missing (or binds to it), in `replicas`
/// copies, keeping each key's latest value for `max_age`. Its stream is created directly, with
/// the key-value conventions: the client's `create_key_value` first asks for account
/// information that nats-server 2.9 answers in a form this client does not parse. On failure,
/// the step that failed ("create bucket", "open bucket") and why.
pub async fn ensure_kv_bucket(
    js: &jetstream::Context,
    bucket: &str,
    description: &str,
    max_age: Duration,
    replicas: usize,
) -> Result<jetstream::kv::Store, (&'static str, String)> {
    let config = stream::Config {
        name: format!("KV_{bucket}"),
        description: Some(description.into()),
        subjects: vec![format!("$KV.{bucket}.>")],
        max_messages_per_subject: 1,
        max_bytes: -1,
        max_message_size: -1,
        max_age,
        storage: stream::StorageType::File,
        allow_rollup: true,
        deny_delete: true,
        // Reads go to the stream's leader. A direct get may be answered by any copy, also one
        // still catching up after its node restarted, which read a key just created as
        // missing (a claimed band's holder without its record): copies of an article were
        // both `unique` in a rolling restart. A bucket an earlier version created keeps
        // direct gets (the permissions allow both).
        allow_direct: false,
        discard: stream::DiscardPolicy::New,
        duplicate_window: max_age.min(Duration::from_secs(120)),
        ..Default::default()
    };
    ensure_stream(js, config, replicas)
        .await
        .map_err(|e| ("create bucket", e.to_string()))?;
    js.get_key_value(bucket)
        .await
        .map_err(|e| ("open bucket", e.to_string()))
}

/// How long a raised stream may take to have its new copies caught up. Until they are, the
/// server refuses new consumers on it ("insufficient resources").
const RAISE_SETTLE: Duration = Duration::from_secs(20);
/// How often the stream's state is read meanwhile.
const RAISE_POLL: Duration = Duration::from_millis(200);

/// Waits until `name` has a leader and `replicas - 1` current followers, or [`RAISE_SETTLE`]
/// has passed (then the worker goes on and the consumer set-up says what is wrong).
async fn wait_for_copies(js: &jetstream::Context, name: &str, replicas: usize) {
    let deadline = tokio::time::Instant::now() + RAISE_SETTLE;
    while tokio::time::Instant::now() < deadline {
        if let Ok(mut stream) = js.get_stream(name).await {
            if let Ok(info) = stream.info().await {
                let settled = info.cluster.as_ref().is_some_and(|c| {
                    c.leader.is_some()
                        && c.replicas.len() + 1 >= replicas
                        && c.replicas.iter().all(|r| r.current)
                });
                if settled {
                    return;
                }
            }
        }
        tokio::time::sleep(RAISE_POLL).await;
    }
    tracing::warn!(stream = %name, wanted = replicas, "the raised stream's copies have not caught up yet");
}

/// Asks the server to keep `replicas` copies of an existing stream; logs the outcome and
/// says whether the stream was raised.
async fn raise_replicas(
    js: &jetstream::Context,
    existing: stream::Config,
    replicas: usize,
) -> bool {
    let from = existing.num_replicas.max(1);
    let name = existing.name.clone();
    let wanted = stream::Config {
        num_replicas: replicas,
        ..existing
    };
    // A server outside a cluster accepts the update, echoes the new configuration and keeps
    // one copy; in a cluster the meta leader has placed the new copies when it answers (they
    // catch up in the background).
    let refusal = match js.update_stream(&wanted).await {
        Ok(info) if in_a_cluster(&info) => {
            tracing::info!(
                stream = %name,
                from,
                to = replicas,
                "raised the stream's replicas to nats.replicas"
            );
            return true;
        }
        Ok(_) => "the server is not part of a cluster and keeps one copy".to_owned(),
        Err(e) => e.to_string(),
    };
    tracing::warn!(
        stream = %name,
        replicas = from,
        wanted = replicas,
        error = %refusal,
        "the stream exists with fewer replicas than nats.replicas and the server refused to \
         raise them; it is used as it is (raise them with `nats stream edit --replicas`, or \
         check that the cluster has that many JetStream servers up)"
    );
    false
}

/// Whether the server that answered is part of a cluster: only then does its stream info
/// name one.
fn in_a_cluster(info: &stream::Info) -> bool {
    info.cluster.as_ref().is_some_and(|c| c.name.is_some())
}

fn create_error(stream: &str, replicas: usize, message: String) -> StreamError {
    let hint = if replicas > 1 && message.to_ascii_lowercase().contains("clustered") {
        NOT_CLUSTERED_HINT
    } else {
        ""
    };
    StreamError::Create {
        stream: stream.to_owned(),
        replicas,
        message,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_for_want_of_a_cluster_says_what_to_do() {
        let e = create_error(
            "ARTICLES",
            3,
            "replicas > 1 not supported in non-clustered mode".into(),
        );
        let text = e.to_string();
        assert!(
            text.contains("ARTICLES") && text.contains("3 replica"),
            "{text}"
        );
        assert!(text.contains("set nats.replicas = 1"), "{text}");
        let other = create_error("ARTICLES", 1, "insufficient resources".into()).to_string();
        assert!(!other.contains("nats.replicas = 1"), "{other}");
    }
}
