#!/usr/bin/env bash
# Instructions an article of the whole worker end to end, counted by callgrind rather than
# timed: steady where the shared cores' wall-clock figures move by a third between runs.
# One release worker runs under `valgrind --tool=callgrind` against a private nats-server;
# examples/e2e_bench sends 300 corpus articles to warm it up, the counters are zeroed, then
# COUNT articles (the four languages interleaved) are sent and the profile is dumped.
# Prints the instructions an article; the profile is left in OUT (callgrind_annotate reads it).
#
# usage: scripts/callgrind-e2e.sh [COUNT=2000] [OUT=target/callgrind-e2e.out]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
out=${2:-target/callgrind-e2e.out}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
cargo build --release --quiet --bin article-worker --example e2e_bench
. scripts/lib/private-nats.sh
start_nats
ARTICLE_WORKER__NATS__URL=$url ARTICLE_WORKER__HTTP__LISTEN=127.0.0.1:0 \
ARTICLE_WORKER__DEDUP__DATA_DIR=$tmp/data ARTICLE_WORKER__LOG__LEVEL=info \
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
  target/release/article-worker run >"$tmp/worker.log" 2>&1 &
worker=$!
pids+=($worker)
for _ in $(seq 1 240); do grep -q "worker ready" "$tmp/worker.log" && break; sleep 0.5; done
grep -q "worker ready" "$tmp/worker.log" || { cat "$tmp/worker.log"; exit 1; }
target/release/examples/e2e_bench "$url" 300 >/dev/null
callgrind_control -z "$worker" >/dev/null
target/release/examples/e2e_bench "$url" "$count"
callgrind_control -d "$worker" >/dev/null
for _ in $(seq 1 20); do ls "$tmp"/cg.out.* >/dev/null 2>&1 && break; sleep 0.5; done
sleep 1
dump=$(ls -t "$tmp"/cg.out.* | head -1)
cp "$dump" "$out"
# The profile is taken: a graceful shutdown under valgrind would only make the exit trap wait.
{ kill -9 "$worker"; wait "$worker"; } 2>/dev/null || true
total=$(awk '/^(summary|totals):/ {print $2; exit}' "$out")
python3 -c "import sys; t=int(sys.argv[1]); n=int(sys.argv[2]); print(f'{t/1e6:.1f} M instructions for {n} articles: {t/n/1e3:.1f} k an article (profile: {sys.argv[3]})')" "$total" "$count" "$out"
