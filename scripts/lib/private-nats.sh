# Sourced by the benchmark scripts: a temporary directory ($tmp), a cleanup that kills every
# pid in $pids on exit, free_port, and start_nats, which starts a private nats-server with
# JetStream (temporary store, free port) and sets $url.

tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_nats() {
  local port; port=$(free_port)
  ${NATS_SERVER_BIN:-/usr/sbin/nats-server} -js -a 127.0.0.1 -p "$port" -sd "$tmp/js" >"$tmp/nats.log" 2>&1 &
  pids+=($!)
  sleep 1
  url=nats://127.0.0.1:$port
}
