#!/usr/bin/env bash
# Scores quotation extraction on the development sets: the seeds (Arabic/Persian), PolNeAR dev
# (English), German Wikinews dev and the Arabic news dev set (tests/quotes/ar-dev.jsonl, text
# added from the corpus). PolNeAR, German and Arabic are each split by a hash of the
# document id into a tune part (70 %) and a held-out part (30 %, never read while changing
# rules); both are reported, and VERBOSE=1 prints the scorer's FN/FP/SPEAKER lines for the
# tune parts and the seeds only.
# Usage: scripts/eval_quotes.sh [BINARY]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
bin=${1:-$top/target/debug/article-worker}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# split GOLD PART OUT: the records of GOLD whose document falls in PART (tune | held-out).
# A document is held out when the first byte of the SHA-256 of its id is below 77 (30 %).
split() {
  python3 - "$1" "$2" "$3" <<'PY'
import hashlib, json, sys
gold, part, out = sys.argv[1:]
held = lambda doc: hashlib.sha256(doc.encode()).digest()[0] < 77
with open(out, 'w') as f:
    for line in open(gold):
        if line.strip() and held(json.loads(line)['doc']) == (part == 'held-out'):
            f.write(line)
PY
}
files_of() { # gold dir
  python3 -c "import json,sys; print('\n'.join(sorted({sys.argv[2]+'/'+json.loads(l)['doc']+'.txt' for l in open(sys.argv[1]) if l.strip()})))" "$1" "$2"
}
score() { # name gold verbose
  local name=$1 gold=$2 verbose=$3 docs
  docs=$(python3 -c "import json,sys; print(len({json.loads(l)['doc'] for l in open(sys.argv[1]) if l.strip()}))" "$gold")
  echo "== $name ($docs documents)"
  if [ -n "${VERBOSE:-}" ] && [ "$verbose" = 1 ]; then
    python3 "$shared/eval/score_quotes.py" "$gold" "$tmp/out.jsonl" --verbose
  else
    python3 "$shared/eval/score_quotes.py" "$gold" "$tmp/out.jsonl" | tail -n 2
  fi
}
"$bin" analyze "$shared"/seeds/*.txt >"$tmp/out.jsonl"
cp "$tmp/out.jsonl" "$tmp/seeds.jsonl"
score seeds "$shared/eval/seeds-quotes.jsonl" 1
[ -z "${ERRORS:-}" ] || python3 "$top/scripts/lib/quote_errors.py" "$shared/eval/seeds-quotes.jsonl" "$tmp/out.jsonl" "$shared/seeds"
python3 "$top/scripts/lib/speaker_ids.py" "$shared/eval/seeds-quotes.jsonl" "$tmp/out.jsonl" ${VERBOSE:+--verbose}
python3 "$top/scripts/lib/quote_gold_text.py" "$top/tests/quotes/ar-dev.jsonl" "$shared/corpus/ar" "$tmp/ar-dev-quotes.jsonl"
for set in polnear-dev:polnear-dev-quotes.jsonl:en wikinews-de-dev:wikinews-de-quotes.jsonl:de ar-dev:ar-dev-quotes.jsonl:ar; do
  IFS=: read -r name gold dir <<<"$set"
  case $gold in ar-dev-*) gold=$tmp/$gold ;; *) gold=$shared/eval/$gold ;; esac
  mapfile -t files < <(files_of "$gold" "$shared/corpus/$dir")
  "$bin" analyze "${files[@]}" >"$tmp/out.jsonl"
  split "$gold" tune "$tmp/tune.jsonl"
  split "$gold" held-out "$tmp/held.jsonl"
  cp "$tmp/out.jsonl" "$tmp/$name.jsonl"
  cp "$tmp/tune.jsonl" "$tmp/$name.tune.jsonl"
  cp "$tmp/held.jsonl" "$tmp/$name.held.jsonl"
  score "$name tune" "$tmp/tune.jsonl" 1
  [ -z "${ERRORS:-}" ] || python3 "$top/scripts/lib/quote_errors.py" "$tmp/tune.jsonl" "$tmp/out.jsonl" "$shared/corpus/$dir"
  python3 "$top/scripts/lib/speaker_ids.py" "$tmp/tune.jsonl" "$tmp/out.jsonl" ${VERBOSE:+--verbose}
  score "$name held-out" "$tmp/held.jsonl" 0
  python3 "$top/scripts/lib/speaker_ids.py" "$tmp/held.jsonl" "$tmp/out.jsonl"
  score "$name all" "$gold" 0
done
# Confidence against share right (scripts/lib/reliability.py), tune parts and seeds, then the
# held-out parts.
echo "== reliability, seeds and tune parts"
python3 "$top/scripts/lib/reliability.py" "$shared/eval/seeds-quotes.jsonl" "$tmp/seeds.jsonl" \
  "$tmp/polnear-dev.tune.jsonl" "$tmp/polnear-dev.jsonl" "$tmp/wikinews-de-dev.tune.jsonl" "$tmp/wikinews-de-dev.jsonl" \
  "$tmp/ar-dev.tune.jsonl" "$tmp/ar-dev.jsonl" ${EXACT:+--exact}
echo "== reliability, held-out parts"
python3 "$top/scripts/lib/reliability.py" "$tmp/polnear-dev.held.jsonl" "$tmp/polnear-dev.jsonl" \
  "$tmp/wikinews-de-dev.held.jsonl" "$tmp/wikinews-de-dev.jsonl" "$tmp/ar-dev.held.jsonl" "$tmp/ar-dev.jsonl"
