#!/usr/bin/env bash
# Scores quotation extraction on the three development sets: the seeds (Arabic/Persian),
# PolNeAR dev (English) and German Wikinews dev. Usage: scripts/eval_quotes.sh [BINARY] [--verbose]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
bin=${1:-$top/target/debug/article-worker}
shift || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files_of() { # gold dir
  python3 -c "import json,sys; print('\n'.join(sorted({sys.argv[2]+'/'+json.loads(l)['doc']+'.txt' for l in open(sys.argv[1]) if l.strip()})))" "$1" "$2"
}
run() {
  local name=$1 gold=$2; shift 2
  "$bin" analyze "$@" >"$tmp/$name.jsonl"
  echo "== $name"
  if [ -n "${VERBOSE:-}" ]; then
    python3 "$shared/eval/score_quotes.py" "$gold" "$tmp/$name.jsonl" --verbose
  else
    python3 "$shared/eval/score_quotes.py" "$gold" "$tmp/$name.jsonl" | tail -n 2
  fi
}
run seeds "$shared/eval/seeds-quotes.jsonl" "$shared"/seeds/*.txt
mapfile -t en < <(files_of "$shared/eval/polnear-dev-quotes.jsonl" "$shared/corpus/en")
run polnear-dev "$shared/eval/polnear-dev-quotes.jsonl" "${en[@]}"
mapfile -t de < <(files_of "$shared/eval/wikinews-de-quotes.jsonl" "$shared/corpus/de")
run wikinews-de-dev "$shared/eval/wikinews-de-quotes.jsonl" "${de[@]}"
