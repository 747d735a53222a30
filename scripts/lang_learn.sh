#!/usr/bin/env bash
# Learns the compact n-gram models of src/language/learned/ngrams.tsv from text Debian ships
# (issue 18: languages lingua has no model for; never the UDHR, which is the test):
#  - packs: Firefox and LibreOffice language packs and a few GTK catalogues, for the languages
#    that have a pack;
#  - catalogues: every package with a gettext catalogue in one of the other languages (found
#    with apt-file), for the languages without a pack;
#  - Tesseract's word lists (tesseract-ocr-<lang>), where the catalogues hold little text.
# The twins (src/language/learned/twins.tsv) are learned the same way from the packs of some
# languages lingua has a model for.
# Downloads into a throw-away folder outside the repository; only the derived model is
# committed, never the downloaded text.
# Usage: scripts/lang_learn.sh
# Needs: apt-get, apt-file (run `apt-file update` once), dpkg-deb, msgunfmt (gettext),
# combine_tessdata and dawg2wordlist (tesseract-ocr), python3.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=${LANG_LEARN_DIR:-${TMPDIR:-/tmp}/article-worker-lang-learn}
packs=(
  firefox-esr-l10n-br firefox-esr-l10n-ff firefox-esr-l10n-fy-nl firefox-esr-l10n-gd
  firefox-esr-l10n-gl firefox-esr-l10n-oc firefox-esr-l10n-tg firefox-esr-l10n-uz
  libreoffice-l10n-br libreoffice-l10n-gd libreoffice-l10n-gl libreoffice-l10n-oc
  libreoffice-l10n-rw libreoffice-l10n-tg libreoffice-l10n-uz
  libgtk-3-common libgtk2.0-common libglib2.0-data xkb-data shared-mime-info
  at-spi2-common libgdk-pixbuf2.0-common
)
# The packs of the twins (TWINS in lang_learn.py): languages lingua has a model for, learned
# the same way to settle close calls against the learned models.
twin_packs=(
  firefox-esr-l10n-{af,az,bs,ca,cy,da,de,es-es,fr,ga-ie,hr,id,is,it,ms,nb-no,nl,nn-no,pt-br}
  firefox-esr-l10n-{pt-pt,sl,tl,tr}
  libreoffice-l10n-{af,bs,ca,cy,da,de,es,fr,ga,hr,id,is,it,nb,nl,nn,pt,pt-br,sl,tr}
)
# The gettext locales of the languages without a pack (see MODELS in lang_learn.py).
locales='ceb|cv|fo|ha|ht|ig|jv|ky|lb|mt|ny|qu|rn|sah|su|tk|tt|wo|uz@cyrillic|sr@latin|ku|kmr'
# Tesseract models whose word lists are the language (eng: to leave English words out; ind,
# hrv, bos: to leave out the neighbours' words, NEIGHBOUR_LISTS in lang_learn.py).
tesseract=(eng ind hrv bos fao hat jav kir ltz mlt sun uzb-cyrl aze-cyrl srp-latn)

# Unpacks the .deb files of folder $1 into folder $2.
unpack() {
  for deb in "$1"/*.deb; do dpkg-deb -x "$deb" "$2"; done
}

mkdir -p "$work"/{packs,catalogues,tesseract}/debs "$work/root"/{packs,catalogues} "$work/words"
(cd "$work/packs/debs" && apt-get download "${packs[@]}" "${twin_packs[@]}")
apt-file search -x "^/usr/share/locale/($locales)/LC_MESSAGES/.*\.mo$" | cut -d: -f1 | sort -u \
  >"$work/catalogues/packages"
(cd "$work/catalogues/debs" && xargs -n 40 apt-get download <"$work/catalogues/packages")
(cd "$work/tesseract/debs" && apt-get download "${tesseract[@]/#/tesseract-ocr-}")
unpack "$work/packs/debs" "$work/root/packs"
unpack "$work/catalogues/debs" "$work/root/catalogues"
unpack "$work/tesseract/debs" "$work/tesseract/root"
for data in "$work"/tesseract/root/usr/share/tesseract-ocr/*/tessdata/*.traineddata; do
  name=$(basename "$data" .traineddata)
  combine_tessdata -u "$data" "$work/tesseract/$name." >/dev/null
  dawg2wordlist "$work/tesseract/$name.lstm-unicharset" "$work/tesseract/$name.lstm-word-dawg" \
    "$work/words/$name.txt" >/dev/null
done
python3 "$top/scripts/lib/lang_learn.py" "$work/root" "$work/words" \
  "$top/src/language/learned/ngrams.tsv"
python3 "$top/scripts/lib/lang_learn.py" --twins "$work/root" \
  "$top/src/language/learned/ngrams.tsv" "$top/src/language/learned/twins.tsv"
