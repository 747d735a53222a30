//! A TCP proxy between a NATS client and its server that can swallow the client's JetStream
//! pull requests on the worker's input consumer (`PUB $JS.API.CONSUMER.MSG.NEXT.ARTICLES.…`)
//! on demand: the server never learns of them while the client counts on their messages.
//! Everything else passes unchanged, the pulls of the advisory consumer too.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PULL_SUBJECT: &[u8] = b"$JS.API.CONSUMER.MSG.NEXT.ARTICLES.article-worker";

pub struct PullDropProxy {
    pub port: u16,
    /// Pull requests still to swallow.
    drops: Arc<AtomicUsize>,
    /// Pull requests swallowed so far.
    dropped: Arc<AtomicUsize>,
}

impl PullDropProxy {
    /// Listens on a free port and forwards each connection to `upstream` (host:port).
    pub async fn start(upstream: String) -> PullDropProxy {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let drops = Arc::new(AtomicUsize::new(0));
        let dropped = Arc::new(AtomicUsize::new(0));
        let (d, dd) = (drops.clone(), dropped.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                tokio::spawn(relay(client, server, d.clone(), dd.clone()));
            }
        });
        PullDropProxy {
            port,
            drops,
            dropped,
        }
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Swallows the next `n` pull requests.
    pub fn drop_pulls(&self, n: usize) {
        self.drops.store(n, Ordering::SeqCst);
    }

    pub fn dropped(&self) -> usize {
        self.dropped.load(Ordering::SeqCst)
    }
}

async fn relay(
    client: TcpStream,
    server: TcpStream,
    drops: Arc<AtomicUsize>,
    dropped: Arc<AtomicUsize>,
) {
    let (mut client_rx, mut client_tx) = client.into_split();
    let (mut server_rx, mut server_tx) = server.into_split();
    let down = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut server_rx, &mut client_tx).await;
    });
    // Client to server: split into protocol frames, so a whole PUB can be left out.
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    'read: loop {
        let n = match client_rx.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        while let Some(eol) = buf.windows(2).position(|w| w == b"\r\n") {
            let line = &buf[..eol];
            let words: Vec<&[u8]> = line
                .split(|&b| b == b' ')
                .filter(|w| !w.is_empty())
                .collect();
            let op = words
                .first()
                .map(|w| w.to_ascii_uppercase())
                .unwrap_or_default();
            let frame_len = if op == b"PUB" || op == b"HPUB" {
                let size: usize = std::str::from_utf8(words.last().unwrap())
                    .unwrap()
                    .parse()
                    .unwrap();
                eol + 2 + size + 2
            } else {
                eol + 2
            };
            if buf.len() < frame_len {
                break;
            }
            let pull = op == b"PUB" && words.get(1).is_some_and(|s| s.starts_with(PULL_SUBJECT));
            let swallow = pull
                && drops
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |d| d.checked_sub(1))
                    .is_ok();
            if swallow {
                dropped.fetch_add(1, Ordering::SeqCst);
            } else if server_tx.write_all(&buf[..frame_len]).await.is_err() {
                break 'read;
            }
            buf.drain(..frame_len);
        }
    }
    down.abort();
}
