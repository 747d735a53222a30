"""lingua's public test sets (sentences, word pairs, single words) through article-worker and
lingua itself (high accuracy, all its languages), for every language both know (issue 18).

The test sets come with lingua's model crates in the cargo registry
(`lingua-<name>-language-model-1.3.0/testdata/`); the crates of languages the worker tells by
their script alone (Greek, Thai, Japanese …) are not among its dependencies, so they are
fetched first (`cargo fetch` in a throw-away package). Prints per language and kind the share
of lines each gets right (`und` counts as wrong), and the mean of each column.

Usage: lang_lingua_sets.py --registry DIR --worker BIN [--lines N]
"""

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

KINDS = [("sentences", "sentences.txt"), ("word pairs", "word-pairs.txt"),
         ("single words", "single-words.txt")]


def run_worker(worker, texts):
    """Our code for each text; `und` for a text analyze rejects (a test line of digits or
    punctuation only has no letters: a dead letter in the worker, wrong here)."""
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    run = subprocess.run([worker, "analyze"], input=lines, capture_output=True, text=True)
    codes = {}
    for line in run.stdout.splitlines():
        if line.strip():
            result = json.loads(line)
            if "language" in result:  # not a dead letter's report
                codes[result["id"]] = result["language"]["code"]
    if not codes and texts:
        raise RuntimeError(f"{worker} analyze failed: {run.stderr[-2000:]}")
    return [codes.get(str(i), "und") for i in range(len(texts))]


def model_crate(lang):
    return f"lingua-{lang.name.lower()}-language-model"


def fetch_missing(registry, languages):
    """Fetches the model crates (with their test data) that the registry lacks."""
    missing = [model_crate(l) for l in languages
               if not any(registry.glob(model_crate(l) + "-1.3.*"))]
    if not missing:
        return
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "src").mkdir()
        (Path(tmp) / "src" / "main.rs").write_text("fn main() {}\n")
        deps = "".join(f'{c} = "=1.3.0"\n' for c in missing)
        (Path(tmp) / "Cargo.toml").write_text(
            '[package]\nname = "lingua-testdata"\nversion = "0.0.0"\nedition = "2021"\n'
            "[dependencies]\n" + deps)
        subprocess.run(["cargo", "fetch", "--quiet"], cwd=tmp, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--registry", required=True, type=Path)
    ap.add_argument("--worker", required=True)
    ap.add_argument("--lines", type=int, default=1000)
    args = ap.parse_args()

    from lingua import Language, LanguageDetectorBuilder

    fetch_missing(args.registry, Language.all())
    detector = LanguageDetectorBuilder.from_all_languages().build()
    # Every cell's lines in one worker run and one lingua call: starting the worker (and its
    # models) once per cell took most of the time.
    cells = []  # (code, lingua Language, texts)
    for lang in sorted(Language.all(), key=lambda l: l.name):
        folder = next(iter(sorted(args.registry.glob(
            f"lingua-{lang.name.lower()}-language-model-*/testdata"))), None)
        if folder is None:
            continue
        for _, file in KINDS:
            texts = (folder / file).read_text(encoding="utf-8").splitlines()[: args.lines]
            cells.append((lang.iso_code_639_1.name.lower(), lang, texts))
    every = [t for _, _, texts in cells for t in texts]
    ours_all = run_worker(args.worker, every)
    theirs_all = detector.detect_languages_in_parallel_of(every)
    rows, at = {}, 0
    for code, lang, texts in cells:
        ours = ours_all[at:at + len(texts)]
        theirs = theirs_all[at:at + len(texts)]
        at += len(texts)
        right_ours = sum(c == code for c in ours)
        right_lingua = sum(l is not None and l == lang for l in theirs)
        rows.setdefault(code, []).extend(
            [100 * right_ours / len(texts), 100 * right_lingua / len(texts)])
    for code, row in rows.items():
        print(code + "\t" + "\t".join(f"{c:.1f}" for c in row))
    rows = list(rows.items())
    means = [sum(r[1][i] for r in rows) / len(rows) for i in range(6)]
    print("mean\t" + "\t".join(f"{m:.2f}" for m in means))
    print("columns: sentences ours, lingua; word pairs ours, lingua; single words ours, lingua")


if __name__ == "__main__":
    main()
