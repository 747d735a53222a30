#!/usr/bin/env bash
# Golden check: runs `analyze` over every article of ../shared/corpus and the seeds (one run,
# dedup state carried, files in sorted order) and compares each result, without the fields that
# change from run to run (processed_at, worker), with tests/golden/results.digest.
# A change of output shows as the articles and fields that differ. After a change that is meant
# to change output, record the new results with --update and say why in the commit.
# Usage: scripts/golden.sh [--update] [BINARY]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
update=
if [ "${1:-}" = --update ]; then update=1; shift; fi
bin=${1:-$top/target/release/article-worker}
[ -x "$bin" ] || { echo "golden: no binary at $bin (cargo build --release)" >&2; exit 2; }
digest=$top/tests/golden/results.digest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Corpus first, then the seeds, each in name order: dedup state carries from one article to the
# next, so the order must not depend on where the checkout or the corpus happens to be.
{
  find "$shared/corpus" -name '*.txt' | LC_ALL=C sort
  find "$top/seeds" -name '*.txt' | LC_ALL=C sort
} >"$tmp/files"
# One analyze run over every file: xargs would split the list where the command line grows
# long, each part starting with an empty dedup window, so results would depend on path lengths.
mapfile -t files <"$tmp/files"
"$bin" analyze "${files[@]}" >"$tmp/results.jsonl"
python3 "$top/scripts/lib/golden_digest.py" "$tmp/results.jsonl" >"$tmp/digest"
if [ -n "$update" ]; then
  cp "$tmp/digest" "$digest"
  echo "golden: recorded $(wc -l <"$digest") results in ${digest#$top/}"
  exit 0
fi
python3 "$top/scripts/lib/golden_digest.py" --compare "$digest" "$tmp/digest"
