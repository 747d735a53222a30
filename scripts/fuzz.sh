#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets) for SECONDS each (600 by default) over its
# corpus in fuzz/corpus/TARGET; a crash leaves its input in fuzz/artifacts/TARGET and fails.
# The corpora are kept, minimised (`cargo fuzz cmin`), in fuzz/corpus.tar.xz, unpacked on the
# first run; after a long run, keep what it found with
#   for t in fuzz/corpus/*; do RUSTC_BOOTSTRAP=1 cargo fuzz cmin --release -s none ${t##*/}; done
#   tar cJf fuzz/corpus.tar.xz -C fuzz/corpus .
# Works on the stable toolchain: cargo-fuzz's nightly flags are allowed by RUSTC_BOOTSTRAP=1.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode language dedup quotes pipeline)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
[ -d fuzz/corpus ] || { mkdir -p fuzz/corpus && tar xJf fuzz/corpus.tar.xz -C fuzz/corpus; }
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  # Seed each corpus with the sample articles once.
  [ -n "$(ls -A "fuzz/corpus/$t")" ] || cp seeds/*.txt "fuzz/corpus/$t/"
  echo "== $t: ${seconds}s"
  status=0
  cargo fuzz run --release -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 >"fuzz/$t.log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|SUMMARY|artifact' "fuzz/$t.log" || true
  [ "$status" = 0 ] || { echo "fuzz target $t failed:"; tail -40 "fuzz/$t.log"; exit 1; }
done
