//! A three-node JetStream cluster on loopback for integration tests: three nats-server
//! processes joined by cluster routes, each with its own store directory, client port,
//! cluster port and monitoring port, so a test can kill, stop and restart any node.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{free_port, http_get, nats_server_bin, wait_for_port};

/// The cluster's name, as every node's `--cluster_name` says it.
const CLUSTER_NAME: &str = "article-worker-test";

/// How long a node may take to listen after its process starts: a restarted node first
/// recovers its JetStream store (the dedup bucket holds some twenty keys an article), which on
/// a loaded machine took more than 10 s.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(60);

/// One nats-server of the cluster.
pub struct Node {
    /// `n1`, `n2`, `n3`: the server name JetStream reports as a stream's leader.
    pub name: String,
    pub port: u16,
    pub cluster_port: u16,
    pub monitor_port: u16,
    pub store: tempfile::TempDir,
    child: Option<Child>,
}

impl Node {
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// Whether the node's `/healthz` says it is up with JetStream current (it has a meta
    /// leader and its streams have caught up).
    pub fn healthy(&self) -> bool {
        matches!(http_get(self.monitor_port, "/healthz"), Some((200, _)))
    }
}

pub struct NatsCluster {
    pub nodes: Vec<Node>,
}

impl NatsCluster {
    /// Starts three nodes and waits until each reports JetStream healthy.
    pub fn start() -> NatsCluster {
        let nodes: Vec<Node> = (1..=3)
            .map(|i| Node {
                name: format!("n{i}"),
                port: free_port(),
                cluster_port: free_port(),
                monitor_port: free_port(),
                store: tempfile::tempdir().unwrap(),
                child: None,
            })
            .collect();
        let mut cluster = NatsCluster { nodes };
        for i in 0..cluster.nodes.len() {
            cluster.spawn(i);
        }
        assert!(
            cluster.wait_healthy(Duration::from_secs(60)),
            "the cluster did not become healthy"
        );
        cluster
    }

    /// Every node's client URL, comma-separated, as `nats.url` takes them.
    pub fn urls(&self) -> String {
        self.nodes
            .iter()
            .map(Node::url)
            .collect::<Vec<_>>()
            .join(",")
    }

    fn routes(&self) -> String {
        self.nodes
            .iter()
            .map(|n| format!("nats://127.0.0.1:{}", n.cluster_port))
            .collect::<Vec<_>>()
            .join(",")
    }

    fn spawn(&mut self, i: usize) {
        let routes = self.routes();
        let node = &mut self.nodes[i];
        let child = Command::new(nats_server_bin())
            .args(["-js", "-a", "127.0.0.1", "-n", &node.name])
            .args(["-p", &node.port.to_string()])
            .args(["-m", &node.monitor_port.to_string()])
            .args(["--cluster_name", CLUSTER_NAME])
            .args([
                "--cluster",
                &format!("nats://127.0.0.1:{}", node.cluster_port),
            ])
            .args(["--routes", &routes])
            .arg("-sd")
            .arg(node.store.path())
            .stdout(Stdio::null())
            .stderr(log_file(node.store.path()))
            .spawn()
            .expect("nats-server starts (install the nats-server package)");
        node.child = Some(child);
        let (name, port) = (node.name.clone(), node.port);
        assert!(
            wait_for_port(port, LISTEN_TIMEOUT),
            "{name} listens on {port}:\n{}",
            self.log_tail(i)
        );
    }

    /// SIGKILLs node `i`; its store stays.
    pub fn kill(&mut self, i: usize) {
        if let Some(mut c) = self.nodes[i].child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Stops node `i` as an operator does in a rolling restart: SIGTERM, then waits for it to
    /// exit (SIGKILL after 30 s).
    pub fn stop(&mut self, i: usize) {
        let Some(mut c) = self.nodes[i].child.take() else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &c.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if c.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = c.kill();
        let _ = c.wait();
    }

    /// Starts node `i` again with its ports and store.
    pub fn restart(&mut self, i: usize) {
        self.kill(i);
        self.spawn(i);
    }

    /// Waits until every running node reports JetStream healthy.
    pub fn wait_healthy(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self
                .nodes
                .iter()
                .filter(|n| n.is_running())
                .all(Node::healthy)
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// The index of the node named `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }

    /// The last lines of node `i`'s log, for a failure message.
    pub fn log_tail(&self, i: usize) -> String {
        let text = std::fs::read_to_string(self.nodes[i].store.path().join("server.log"))
            .unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for NatsCluster {
    fn drop(&mut self) {
        for i in 0..self.nodes.len() {
            self.kill(i);
        }
    }
}

fn log_file(store: &Path) -> std::fs::File {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(store.join("server.log"))
        .unwrap()
}

/// A test client that knows every node of the cluster, so it fails over as a node goes.
pub async fn client(cluster: &NatsCluster) -> async_nats::Client {
    let addrs: Vec<async_nats::ServerAddr> = cluster
        .nodes
        .iter()
        .map(|n| n.url().parse().unwrap())
        .collect();
    async_nats::ConnectOptions::new()
        .retry_on_initial_connect()
        .max_reconnects(None)
        .connect(addrs)
        .await
        .expect("test client connects to the cluster")
}
