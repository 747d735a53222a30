#!/usr/bin/env bash
# End-to-end benchmark: a private nats-server (JetStream, temporary store, free port), one or
# two release workers, and examples/e2e_bench publishing real corpus articles at saturation and
# at a fixed rate. Prints one line per run; see BENCHMARKS.md.
#
# usage: scripts/bench-e2e.sh [COUNT] [FIXED_RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
rate=${2:-1000}
cargo build --release --quiet --bin article-worker --example e2e_bench
. scripts/lib/private-nats.sh
start_nats
start_workers() {
  for i in $(seq 1 "$1"); do
    ARTICLE_WORKER__NATS__URL=$url ARTICLE_WORKER__HTTP__LISTEN=127.0.0.1:0 \
    ARTICLE_WORKER__DEDUP__DATA_DIR=$tmp/data-$1-$i ARTICLE_WORKER__LOG__LEVEL=warn \
      target/release/article-worker run >>"$tmp/worker.log" 2>&1 &
    wpids+=($!)
    pids+=($!)
  done
  sleep 2
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), nats-server $(${NATS_SERVER_BIN:-/usr/sbin/nats-server} --version)"
for workers in 1 2; do
  wpids=()
  start_workers "$workers"
  echo "== $workers worker(s)"
  target/release/examples/e2e_bench "$url" "$count"
  target/release/examples/e2e_bench "$url" "$((rate * 10))" "$rate"
  kill "${wpids[@]}"; wait "${wpids[@]}" 2>/dev/null || true
done
