#!/usr/bin/env bash
# Learns the compact n-gram models of src/language/learned/ngrams.tsv from translations Debian
# ships (issue 18: languages lingua has no model for; never the UDHR, which is the test).
# Downloads the packages below with apt-get into a throw-away folder outside the repository,
# unpacks them, and runs scripts/lib/lang_learn.py over their gettext catalogues and Firefox
# language packs. Only the derived model is committed, never the downloaded text.
# Usage: scripts/lang_learn.sh   (needs apt-get, dpkg-deb, msgunfmt from gettext, python3)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=${LANG_LEARN_DIR:-${TMPDIR:-/tmp}/article-worker-lang-learn}
packages=(
  firefox-esr-l10n-br firefox-esr-l10n-ff firefox-esr-l10n-fy-nl firefox-esr-l10n-gd
  firefox-esr-l10n-gl firefox-esr-l10n-oc firefox-esr-l10n-tg firefox-esr-l10n-uz
  libreoffice-l10n-br libreoffice-l10n-gd libreoffice-l10n-gl libreoffice-l10n-oc
  libreoffice-l10n-rw libreoffice-l10n-tg libreoffice-l10n-uz
  libgtk-3-common libgtk2.0-common libglib2.0-data xkb-data shared-mime-info
  at-spi2-common libgdk-pixbuf2.0-common
)
mkdir -p "$work/debs" "$work/root"
(cd "$work/debs" && apt-get download "${packages[@]}")
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
python3 "$top/scripts/lib/lang_learn.py" "$work/root" "$top/src/language/learned/ngrams.tsv"
