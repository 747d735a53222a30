#!/usr/bin/env bash
# Side by side in one run: article-worker against the Python worker a user would write instead
# (scripts/compare/python_worker.py: nats-py, lingua-language-detector or py3langid, datasketch
# MinHashLSH, regular-expression quotes), on the same corpus articles.
#   1. the pipeline alone, one process, the same 3,000 files (analyze vs --offline);
#   2. end to end through JetStream at saturation: one worker of each, COUNT articles published
#      by examples/e2e_bench to a private nats-server.
# The Python packages are installed into target/py-compare (pinned in scripts/compare/requirements.txt).
#
# usage: scripts/bench-compare.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-3000}
shared=${SHARED:-../shared}
venv=target/py-compare
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r scripts/compare/requirements.txt
fi
py=$venv/bin/python
. scripts/lib/private-nats.sh
cargo build --release --quiet --bin article-worker --example e2e_bench
mapfile -t files < <(ls -d "$shared"/corpus/{ar,fa,en,de}/*.txt | awk 'NR % 2 == 0' | head -3000)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== pipeline alone, ${#files[@]} corpus articles, one process"
cpu_rate() { # label, command...: articles per wall second and per CPU second of the command
  local label=$1; shift
  local t; /usr/bin/time -o "$tmp/time" -f '%e %U %S' "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
  t=$(tail -1 "$tmp/time")
  python3 -c "import sys; w,u,s=map(float,sys.argv[2].split()); n=int(sys.argv[3]); print(f'{sys.argv[1]:<34} {n/w:8.0f} articles/s wall  {n/(u+s):8.0f} per CPU second')" "$label" "$t" "${#files[@]}"
}
cpu_rate "article-worker analyze" env ARTICLE_WORKER__LOG__LEVEL=warn target/release/article-worker analyze "${files[@]}"
cpu_rate "python (lingua, datasketch)" "$py" scripts/compare/python_worker.py --offline "${files[@]}"
cpu_rate "python (py3langid, datasketch)" "$py" scripts/compare/python_worker.py --lang py3langid --offline "${files[@]}"

start_nats
purge() { "$py" - "$url" <<'PY'
import asyncio, sys, nats
async def main():
    nc = await nats.connect(sys.argv[1]); js = nc.jetstream()
    for s in ("ARTICLES", "ARTICLE_RESULTS"):
        try: await js.delete_stream(s)
        except Exception: pass
    await nc.close()
asyncio.run(main())
PY
}
echo "== end to end through JetStream, $count articles at saturation, one worker"
"$py" scripts/compare/python_worker.py "$url" >"$tmp/py.log" 2>&1 &
pypid=$!; pids+=($pypid)
for _ in $(seq 1 100); do grep -q ready "$tmp/py.log" && break; sleep 0.2; done
e2e() { # label, worker pid: the bench's line, then the worker's CPU seconds for the run
  local label=$1 pid=$2 c0 c1
  c0=$(proc_cpu "$pid")
  echo -n "$label: "
  target/release/examples/e2e_bench "$url" "$count"
  c1=$(proc_cpu "$pid")
  python3 -c "import sys; c=float(sys.argv[2])-float(sys.argv[1]); print(f'  worker process: {c:.2f} CPU s, {int(sys.argv[3])/c:.0f} articles per CPU second of the worker')" "$c0" "$c1" "$count"
}
proc_cpu() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
e2e "python (lingua, datasketch)" $pypid
kill $pypid; wait $pypid 2>/dev/null || true
purge
ARTICLE_WORKER__NATS__URL=$url ARTICLE_WORKER__HTTP__LISTEN=127.0.0.1:0 \
ARTICLE_WORKER__DEDUP__DATA_DIR=$tmp/data ARTICLE_WORKER__LOG__LEVEL=warn \
  target/release/article-worker run >"$tmp/worker.log" 2>&1 &
wpid=$!; pids+=($wpid)
sleep 2
e2e "article-worker" $wpid
