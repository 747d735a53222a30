#!/usr/bin/env bash
# Soak: one release worker under a steady offered rate for DURATION seconds with the dedup
# window full (window_articles is set far below the number of articles sent, so the embedded
# store evicts all the time). Samples the worker's resident memory and counters every INTERVAL
# seconds and prints a table; fails if any result is missing or any error was counted.
#
# usage: scripts/soak.sh [DURATION_S=1800] [RATE=300] [WINDOW_ARTICLES=50000] [INTERVAL_S=60]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-1800}
rate=${2:-300}
window=${3:-50000}
interval=${4:-60}
count=$((duration * rate))
cargo build --release --quiet --bin article-worker --example e2e_bench
. scripts/lib/private-nats.sh
start_nats
http=$(free_port)
ARTICLE_WORKER__NATS__URL=$url ARTICLE_WORKER__HTTP__LISTEN=127.0.0.1:$http \
ARTICLE_WORKER__DEDUP__DATA_DIR=$tmp/data ARTICLE_WORKER__DEDUP__WINDOW_ARTICLES=$window \
ARTICLE_WORKER__LOG__LEVEL=warn \
  target/release/article-worker run >"$tmp/worker.log" 2>&1 &
worker=$!
pids+=($worker)
sleep 2
echo "machine: $(nproc) cores; soak: $count articles at $rate/s for ${duration}s, dedup window $window articles, commit $(git rev-parse --short HEAD)"
metric() { curl -s "127.0.0.1:$http/metrics" | awk -v m="$1" '$1 ~ "^"m {s += $2} END {printf "%d", s}'; }
sample() {
  local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$worker/status)
  local store; store=$(du -sk "$tmp/data" | cut -f1)
  printf "| %6s | %8.1f | %9s | %8.1f | %6s | %6s |\n" "$1" "$((rss))e-3" "$(metric article_worker_messages_processed_total)" \
    "$((store))e-3" "$(metric article_worker_dead_letters_total)" "$(metric article_worker_publish_errors_total)"
}
echo "| t (s) | worker RSS (MB) | processed | dedup store on disk (MB) | dead letters | publish errors |"
echo "|---:|---:|---:|---:|---:|---:|"
target/release/examples/e2e_bench "$url" "$count" "$rate" >"$tmp/bench.log" 2>&1 &
bench=$!
pids+=($bench)
start=$(date +%s)
sample 0
while kill -0 $bench 2>/dev/null; do
  sleep "$interval"
  kill -0 $bench 2>/dev/null || break
  sample $(( $(date +%s) - start ))
done
sample $(( $(date +%s) - start ))
wait $bench; status=$?
cat "$tmp/bench.log"
kill -0 $worker || { echo "the worker died"; exit 1; }
errors=$(( $(metric article_worker_dead_letters_total) + $(metric article_worker_publish_errors_total) ))
[ "$status" = 0 ] && [ "$errors" = 0 ] || { echo "soak failed: bench exit $status, $errors errors"; tail -20 "$tmp/worker.log"; exit 1; }
echo "soak passed"
