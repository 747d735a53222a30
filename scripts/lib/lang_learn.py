"""Learns compact n-gram models from translations Debian ships (issue 18, languages lingua has
no model for), never from the UDHR, which is the test.

Reads the extracted packages under ROOT: gettext catalogues (.mo, through msgunfmt: only
translated strings that differ from their English msgid) and Firefox language packs (.ftl and
.properties values). UI strings are noisy, so placeholders, markup, entities, accelerators,
key names and URLs are removed and only strings of MIN_WORDS words or more are kept, each once.

Writes, per language, lingua-style log-probabilities of its most frequent unigrams, bigrams
and trigrams (within words, lower-cased, letters only): P(c) for unigrams, P(c_n | prefix)
for longer n-grams, and per order what an n-gram left out is worth (`<unseen1>` ...). One line
per n-gram: `model<TAB>ngram<TAB>log-probability`.

Usage: lang_learn.py ROOT OUT.tsv
"""

import math
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

# model name -> (locale folders of gettext catalogues, Firefox language pack locale)
MODELS = {
    "br": (["br"], "br"),
    "gd": (["gd"], "gd"),
    "gl": (["gl"], "gl"),
    "oc": (["oc"], "oc"),
    "rw": (["rw"], None),
    "tg": (["tg"], "tg"),
    "uz": (["uz"], "uz"),
    "uz-Cyrl": (["uz@cyrillic"], None),
    "fy": ([], "fy-NL"),
    "ff": ([], "ff"),
    "ky": (["ky"], None),
    "tt": (["tt"], None),
    "tk": (["tk"], None),
}
# A string needs this many words to be kept: shorter ones are mostly labels and names.
MIN_WORDS = 3
# The model keeps this many of the most frequent n-grams of each order (1, 2, 3): enough to
# cover most of the running text, small enough to commit.
KEEP = {1: 120, 2: 700, 3: 1800}
# What an unseen n-gram is worth where the text has no n-gram seen once (all letters of a
# language's alphabet occur more often): a letter the language does not write.
NEVER_SEEN = -10.0
# A language with less text than this (letters) is not learned: its model would be noise.
MIN_LETTERS = 20_000

NOISE = [
    r"https?://\S+|www\.\S+|\S+@\S+",  # addresses
    r"<[^>]*>",  # markup
    r"&[#\w]+;",  # entities
    r"%(\([\w-]+\))?[-+ #0]*\d*(\.\d+)?[a-zA-Z]",  # printf placeholders
    r"\$\{[^}]*\}|\{[^}]*\}|\$\w+|%\w+%",  # template placeholders
    r"\b\w*[_.]\w*[_.]?\w*\b",  # key names, file names, identifiers
    r"\\[nt]",  # escapes
]


# English function words: a string with one is left untranslated (language packs carry some),
# and would teach the model English.
ENGLISH = {"the", "and", "of", "to", "you", "your", "is", "are", "this", "with", "for", "from"}


def clean(text):
    """One UI string without its noise, or None when too little is left or it is English."""
    text = text.replace("_", "").replace("~", "").replace("&", "")
    for pattern in NOISE:
        text = re.sub(pattern, " ", text)
    words = [w for w in re.split(r"\s+", text) if w and not any(ch.isdigit() for ch in w)]
    if len([w for w in words if any(ch.isalpha() for ch in w)]) < MIN_WORDS:
        return None
    if any(w.lower().strip(".,:;!?\"'()") in ENGLISH for w in words):
        return None
    return " ".join(words)


def mo_strings(path):
    """Translated strings of one gettext catalogue that differ from their msgid."""
    po = subprocess.run(["msgunfmt", str(path)], capture_output=True, text=True).stdout
    entries = re.split(r"\n\n+", po)
    for entry in entries:
        msgid = "".join(re.findall(r'^(?:msgid)? ?"(.*)"$', entry.split("msgstr")[0], re.M))
        for part in re.findall(r'msgstr(?:\[\d\])? ((?:"(?:[^"\\]|\\.)*"\s*)+)', entry):
            s = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', part)).replace('\\"', '"')
            if s and s != msgid:
                yield s


def xpi_strings(path):
    """Values of a Firefox language pack's .ftl and .properties files."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith((".ftl", ".properties")):
                continue
            for line in z.read(name).decode("utf-8", "replace").splitlines():
                m = re.match(r"^\s*[\w.-]+\s*=\s*(.+)$", line) or re.match(
                    r"^\s+\.[\w-]+\s*=\s*(.+)$", line
                )
                if m:
                    yield m.group(1)


def texts(root, locales, firefox):
    seen = set()
    sources = []
    for locale in locales:
        for folder in ("usr/share/locale", "usr/lib/libreoffice/program/resource"):
            sources += [mo_strings(p) for p in sorted((root / folder / locale).glob("LC_MESSAGES/*.mo"))]
    if firefox:
        sources += [xpi_strings(p) for p in sorted(root.glob(f"usr/lib/*/browser/extensions/langpack-{firefox}@*.xpi"))]
    for source in sources:
        for s in source:
            s = clean(unicodedata.normalize("NFC", s))
            if s and s not in seen:
                seen.add(s)
                yield s


def words(text):
    """Lower-cased runs of letters, as the detector's n-grams read them."""
    return re.findall(r"[^\W\d_]+", text.lower())


def model(strings):
    counts = {1: Counter(), 2: Counter(), 3: Counter()}
    letters = 0
    for s in strings:
        for w in words(s):
            letters += len(w)
            for n in (1, 2, 3):
                for i in range(len(w) - n + 1):
                    counts[n][w[i : i + n]] += 1
    if letters < MIN_LETTERS:
        return None, letters
    out = []
    total = sum(counts[1].values())
    prefixes = {n: Counter() for n in (2, 3)}
    for n in (2, 3):
        for g, c in counts[n].items():
            prefixes[n][g[:-1]] += c
    for n in (1, 2, 3):
        ranked = counts[n].most_common()
        logp = [
            (g, math.log(c / total if n == 1 else c / prefixes[n][g[:-1]])) for g, c in ranked
        ]
        out += logp[: KEEP[n]]
        # What an n-gram the model does not have is worth, as `<unseen>` of the order: those
        # seen once stand for those never seen (Good and Turing's estimate), so the mean
        # log-probability of the singletons.
        once = [lp for (_, lp), (_, c) in zip(logp, ranked) if c == 1]
        unseen = sum(once) / len(once) if once else NEVER_SEEN
        out.append((f"<unseen{n}>", unseen))
    return out, letters


def main():
    root, out_path = Path(sys.argv[1]), Path(sys.argv[2])
    lines = []
    for name, (locales, firefox) in MODELS.items():
        strings = list(texts(root, locales, firefox))
        grams, letters = model(strings)
        status = "kept" if grams else "too little text, left out"
        print(f"{name}: {len(strings)} strings, {letters} letters: {status}", file=sys.stderr)
        for g, lp in grams or []:
            lines.append(f"{name}\t{g}\t{lp:.4f}")
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
