#!/usr/bin/env bash
# Scripted fault runs at scale against a release build: 10 worker SIGKILLs, 3 nats-server
# restarts, a full output stream, a stalled server (publish timeouts) and NATS unreachable at
# start, each over FAULT_ARTICLES real articles (20,000 by default). Prints one FAULT-RUN line
# of figures per run (sent, results, dead letters, lost, twice); fails if anything is lost or
# published twice. The same tests run in CI at 2,000 articles.
#
# usage: scripts/fault-runs.sh [ARTICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULT_ARTICLES=${1:-20000}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --release --test integration -- faults:: --test-threads=1 --nocapture >"$log" 2>&1 || status=$?
grep -E '^FAULT-RUN|^test |panicked|test result' "$log"
[ "$status" = 0 ] || { echo "fault runs failed (exit $status); full log:"; tail -50 "$log"; exit "$status"; }
