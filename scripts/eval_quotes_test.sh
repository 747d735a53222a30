#!/usr/bin/env bash
# Scores quotation extraction on the Arabic and Persian test set (tests/quotes/README.md):
# 28 news articles of the shared corpus that no rule was written from. A test set: run it to
# report, never to read its errors while changing rules.
# Usage: scripts/eval_quotes_test.sh [BINARY]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
bin=${1:-$top/target/debug/article-worker}
set_file=$top/tests/quotes/arfa-test.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t files < <(python3 -c "
import json, sys
seen = []
for line in open(sys.argv[1]):
    r = json.loads(line)
    path = f\"{sys.argv[2]}/{r['lang']}/{r['doc']}.txt\"
    if path not in seen:
        seen.append(path)
print('\n'.join(seen))" "$set_file" "$shared/corpus")
"$bin" analyze "${files[@]}" >"$tmp/out.jsonl"
python3 "$top/scripts/lib/quote_test_set.py" "$set_file" "$shared/corpus" "$tmp/out.jsonl" "$tmp"
for lang in ar fa; do
  echo "== test set, $lang"
  python3 "$shared/eval/score_quotes.py" "$tmp/gold-$lang.jsonl" "$tmp/results.jsonl" | tail -n 2
done
