"""Learns compact n-gram models from translations Debian ships (issue 18, languages lingua has
no model for), never from the UDHR, which is the test.

Reads the extracted packages under ROOT: gettext catalogues (.mo, through msgunfmt: only
translated strings that differ from their English msgid) and Firefox language packs (.ftl and
.properties values). UI strings are noisy, so placeholders, markup, entities, accelerators,
key names and URLs are removed and only strings of MIN_WORDS words or more are kept, each once.
Where the catalogues hold little text, the word list of Tesseract's model for the language
(WORDS/<name>.txt, one word a line, from scripts/lang_learn.sh) adds its lower-case words that
are not English words, each once.

Writes, per language, lingua-style log-probabilities of its most frequent unigrams, bigrams
and trigrams (within words, lower-cased, letters only): P(c) for unigrams, P(c_n | prefix)
for longer n-grams, and per order what an n-gram left out is worth (`<unseen1>` ...). One line
per n-gram: `model<TAB>ngram<TAB>log-probability`.

With --twins, writes instead the twin models of TWINS (from ROOT/packs alone) to OUT.tsv, named
`twin:<code>`, each order's unseen worth capped at the median of the learned models' (read from
REFERENCE.tsv, whose values cap_unseen has already capped), so that a twin and a learned model
value an unseen n-gram alike.

Usage: lang_learn.py ROOT WORDS OUT.tsv
       lang_learn.py --twins ROOT REFERENCE.tsv OUT.tsv
"""

import itertools
import math
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

# model name -> (locale folders of gettext catalogues, Firefox language pack locale, Tesseract
# word list). Tesseract's lists for Cebuano (species names), Quechua (mostly Malay) and Tatar
# (Latin-letter noise) are not the language and are not used.
MODELS = {
    "br": (["br"], "br", None),
    "gd": (["gd"], "gd", None),
    "gl": (["gl"], "gl", None),
    "oc": (["oc"], "oc", None),
    "rw": (["rw"], None, None),
    "tg": (["tg"], "tg", None),
    "uz": (["uz"], "uz", None),
    "uz-Cyrl": (["uz@cyrillic"], None, "uzb_cyrl"),
    "fy": ([], "fy-NL", None),
    "ff": ([], "ff", None),
    "ky": (["ky"], None, "kir"),
    "tt": (["tt"], None, None),
    "tk": (["tk"], None, None),
    "fo": (["fo"], None, "fao"),
    "ha": (["ha"], None, None),
    "ig": (["ig"], None, None),
    "lb": (["lb"], None, "ltz"),
    "wo": (["wo"], None, None),
    "ht": (["ht"], None, "hat"),
    "jv": (["jv"], None, "jav"),
    "mt": (["mt"], None, "mlt"),
    "su": (["su"], None, "sun"),
    "az-Cyrl": ([], None, "aze_cyrl"),
    "sr-Latn": (["sr@latin"], None, "srp_latn"),
    # Kurmanji: gettext's `ku` catalogues are Kurmanji in Latin letters (Sorani is `ckb`).
    "kmr": (["ku", "kmr"], None, None),
}
# Arabic-script Uyghur in the Uyghur Latin script (ULY), letter by letter; the hamza that seats
# a vowel is not written.
UYGHUR_LATIN = {
    "ا": "a", "ە": "e", "ه": "e", "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "خ": "x",
    "د": "d", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ک": "k", "گ": "g", "ڭ": "ng", "ل": "l", "م": "m", "ن": "n", "ھ": "h", "و": "o",
    "ۇ": "u", "ۆ": "ö", "ۈ": "ü", "ۋ": "w", "ې": "é", "ى": "i", "ي": "y", "ی": "y", "ئ": "",
}
# Latin-script Turkmen in the Cyrillic alphabet it was written in until the 1990s.
TURKMEN_CYRILLIC = {
    "a": "а", "b": "б", "ç": "ч", "d": "д", "e": "е", "ä": "ә", "f": "ф", "g": "г", "h": "х",
    "i": "и", "j": "ж", "ž": "җ", "k": "к", "l": "л", "m": "м", "n": "н", "ň": "ң", "o": "о",
    "ö": "ө", "p": "п", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ü": "ү", "w": "в",
    "y": "ы", "ý": "й", "z": "з",
}


def to_uyghur_latin(text):
    return "".join(UYGHUR_LATIN.get(c, c) for c in text)


def to_turkmen_cyrillic(text):
    text = re.sub(r"ý([aou])", lambda m: {"a": "я", "o": "ё", "u": "ю"}[m.group(1)], text.lower())
    text = re.sub(r"\be", "э", text)
    return "".join(TURKMEN_CYRILLIC.get(c, c) for c in text)


# Twins: models of languages lingua has a model for, learned here from the same kind of text
# as the learned models (language packs and the GTK catalogues beside them), never used to
# answer: a close call between a learned model and lingua's model of a neighbour (Galician and
# Spanish) compares models of unlike text, and the learned model, from UI strings, wins too
# often; its twin neighbour's model is the like-for-like comparison. name -> (locale folders,
# Firefox language pack locale).
TWINS = {
    "af": (["af"], "af"), "bs": (["bs"], "bs"), "ca": (["ca"], "ca"), "cy": (["cy"], "cy"),
    "da": (["da"], "da"), "de": (["de"], "de"), "es": (["es"], "es-ES"), "fr": (["fr"], "fr"),
    "ga": (["ga"], "ga-IE"), "hr": (["hr"], "hr"), "id": (["id"], "id"), "is": (["is"], "is"),
    "it": (["it"], "it"), "ms": (["ms"], "ms"), "nb": (["nb"], "nb-NO"), "nl": (["nl"], "nl"),
    "nn": (["nn"], "nn-NO"), "pt": (["pt", "pt_BR"], "pt-BR"), "sl": (["sl"], "sl"),
    "tl": (["tl"], "tl"), "tr": (["tr"], "tr"), "az": (["az"], "az"),
}

# Models of a language in its other script, learned from the catalogues of its usual one
# transliterated: model name -> (locale folders, transliteration).
TRANSLITERATED = {
    "ug-Latn": (["ug"], to_uyghur_latin),
    "tk-Cyrl": (["tk"], to_turkmen_cyrillic),
}

# The languages with a Firefox or LibreOffice language pack: enough text without the catalogues
# of other packages, whose many short strings would change models that already do well.
WITH_PACKS = {"br", "gd", "gl", "oc", "rw", "tg", "uz", "fy", "ff"}
# A string needs this many words to be kept: shorter ones are mostly labels and names.
MIN_WORDS = 3
# The model keeps this many of the most frequent n-grams of each order (1, 2, 3): enough to
# cover most of the running text, small enough to commit.
KEEP = {1: 120, 2: 700, 3: 1800}
# What an unseen n-gram is worth where the text has no n-gram seen once (all letters of a
# language's alphabet occur more often): a letter the language does not write.
NEVER_SEEN = -10.0
# A language with less text than this (letters) is not learned: its model would be noise. (With
# the unseen worth capped, see REFERENCE_LETTERS, a small model no longer takes other text.)
MIN_LETTERS = 15_000
# In a small text most n-grams are seen once, each with a high conditional probability, so
# the singletons' estimate of an unseen n-gram is generous and the small model takes text in
# languages it has never seen. An unseen n-gram is worth at most what it is worth in the
# models learned from this many letters or more (the median of theirs).
REFERENCE_LETTERS = 500_000

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
    """Translated strings of one gettext catalogue that differ from their msgid, without the
    header entry (its msgid is empty), whose field names and translators' names are no text
    in the language."""
    po = subprocess.run(["msgunfmt", str(path)], capture_output=True).stdout
    po = po.decode("utf-8", "replace")
    entries = re.split(r"\n\n+", po)
    for entry in entries:
        msgid = "".join(re.findall(r'^(?:msgid)? ?"(.*)"$', entry.split("msgstr")[0], re.M))
        if not msgid:
            continue  # the catalogue's header (Project-Id-Version: …), no translation
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


# Tesseract's word lists were gathered from web text, where a language written beside a bigger
# neighbour borrows and mixes in its words: a third of the Sundanese list and a sixth of the
# Javanese one are also Indonesian words, most of the Serbian (Latin) one Croatian or Bosnian
# (ijekavian forms among them). A learned model competes with the neighbour's, so it learns
# only the words the neighbour's list does not have (the neighbour's own model knows the rest).
NEIGHBOUR_LISTS = {"jav": ["ind"], "sun": ["ind"], "srp_latn": ["hrv", "bos"]}


def wordlist(path, leave_out):
    """The lower-case words of a Tesseract word list that are not in `leave_out`, each once.
    A word list has no frequencies, so it teaches the letters and their order, not which
    words are common; the catalogues' running text does that where there is some."""
    if path is None or not path.exists():
        return []
    words = path.read_text(encoding="utf-8", errors="replace").split()
    kept = sorted({w for w in words if w.isalpha() and w == w.lower() and w not in leave_out})
    # Lines of ten words: clean() keeps strings of MIN_WORDS words or more.
    return [" ".join(kept[i : i + 10]) for i in range(0, len(kept), 10)]


def texts(roots, locales, firefox, words=()):
    seen = set()
    sources = []
    for root, locale in itertools.product(roots, locales):
        for folder in ("usr/share/locale", "usr/lib/libreoffice/program/resource"):
            sources += [mo_strings(p) for p in sorted((root / folder / locale).glob("LC_MESSAGES/*.mo"))]
    if firefox:
        sources += [xpi_strings(p) for p in sorted(roots[0].glob(f"usr/lib/*/browser/extensions/langpack-{firefox}@*.xpi"))]
    sources.append(words)
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


def cap_unseen(models):
    """Lowers each model's `<unseenN>` to at most the median of the well-learned models'."""
    reference = [grams for grams, letters in models.values() if letters >= REFERENCE_LETTERS]
    for grams, _ in models.values():
        for i, (g, lp) in enumerate(grams):
            if g.startswith("<unseen"):
                others = sorted(dict(r)[g] for r in reference)
                grams[i] = (g, min(lp, others[len(others) // 2]))


def unseen_cap(reference_tsv):
    """Per `<unseenN>`, the median over the models of a learned table."""
    values = {}
    for line in Path(reference_tsv).read_text(encoding="utf-8").splitlines():
        name, gram, lp = line.split("\t")
        if gram.startswith("<unseen"):
            values.setdefault(gram, []).append(float(lp))
    return {g: sorted(v)[len(v) // 2] for g, v in values.items()}


def twins(root, reference_tsv, out_path):
    cap = unseen_cap(reference_tsv)
    lines = []
    for code, (locales, firefox) in TWINS.items():
        strings = list(texts([root / "packs"], locales, firefox))
        grams, letters = model(strings)
        print(f"twin:{code}: {len(strings)} strings, {letters} letters", file=sys.stderr)
        if grams:
            grams = [(g, min(lp, cap[g]) if g in cap else lp) for g, lp in grams]
            lines += [f"twin:{code}\t{g}\t{lp:.4f}" for g, lp in grams]
    Path(out_path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    if sys.argv[1] == "--twins":
        return twins(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    root, lists, out_path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    # The languages with a language pack learn from it and the few catalogues beside it (in
    # ROOT/packs); the others need every catalogue Debian has in them (ROOT/catalogues too).
    packs, catalogues = root / "packs", root / "catalogues"
    english = {w.lower() for w in (lists / "eng.txt").read_text(encoding="utf-8").split()}
    models = {}
    for name, (locales, firefox, tesseract) in MODELS.items():
        leave_out = english.union(
            *(set((lists / f"{n}.txt").read_text(encoding="utf-8").split())
              for n in NEIGHBOUR_LISTS.get(tesseract, []))
        )
        words = wordlist(lists / f"{tesseract}.txt" if tesseract else None, leave_out)
        roots = [packs] if name in WITH_PACKS else [packs, catalogues]
        strings = list(texts(roots, locales, firefox, words))
        grams, letters = model(strings)
        status = "kept" if grams else "too little text, left out"
        print(f"{name}: {len(strings)} strings, {letters} letters: {status}", file=sys.stderr)
        if grams:
            models[name] = (grams, letters)
    for name, (locales, transliterate) in TRANSLITERATED.items():
        strings = [transliterate(s) for s in texts([packs, catalogues], locales, None)]
        grams, letters = model(strings)
        print(f"{name}: {len(strings)} strings, {letters} letters, transliterated", file=sys.stderr)
        if grams:
            models[name] = (grams, letters)
    cap_unseen(models)
    lines = [f"{name}\t{g}\t{lp:.4f}" for name, (grams, _) in models.items() for g, lp in grams]
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
