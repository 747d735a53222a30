"""The Arabic and Persian quotation test set (tests/quotes/arfa-test.jsonl) made ready for
shared/eval/score_quotes.py: the gold with each span's text read from the corpus (the set
keeps offsets and speakers only, no article text), split by language, and the worker's
results with only the quotations that stand between quote marks, the only ones the set
annotates.

Usage: quote_test_set.py SET CORPUS RESULTS OUT_DIR
Writes OUT_DIR/gold-ar.jsonl, OUT_DIR/gold-fa.jsonl and OUT_DIR/results.jsonl.
"""

import json
import sys
from pathlib import Path

MARKS = "«»“”\""


def main():
    test_set, corpus, results, out = (Path(a) for a in sys.argv[1:5])
    texts = {}
    gold = {"ar": [], "fa": []}
    for line in test_set.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        lang = record.pop("lang")
        doc = record["doc"]
        if doc not in texts:
            texts[doc] = (corpus / lang / f"{doc}.txt").read_text(encoding="utf-8")
        record["text"] = texts[doc][record["start"]:record["end"]]
        record.setdefault("kind", "direct")
        record.setdefault("cue", None)
        gold[lang].append(json.dumps(record, ensure_ascii=False))
    for lang, lines in gold.items():
        (out / f"gold-{lang}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = []
    for line in results.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        text = texts.get(result.get("id"), "")
        result["quotes"] = [q for q in result.get("quotes", []) if between_marks(text, q)]
        kept.append(json.dumps(result, ensure_ascii=False))
    (out / "results.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")


def between_marks(text, quote):
    """Whether a quote mark stands right before or after the quotation (spaces aside)."""
    before = text[: quote["start"]].rstrip()[-1:]
    after = text[quote["end"]:].lstrip()[:1]
    return (before != "" and before in MARKS) or (after != "" and after in MARKS)


if __name__ == "__main__":
    main()
