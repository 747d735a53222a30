#!/usr/bin/env python3
"""Draws Arabic corpus articles for the quotation development set (tests/quotes/README.md).

Per outlet (the id's first part), the articles with 2 to 7 spans of five words or more between
quote marks and at most 12 quoted spans, none a test-set article or already in the set, are
shuffled with a fixed seed and the first N taken. Reads only the corpus file names and text.
Usage: draw_ar_dev.py CORPUS_AR EXCLUDE_IDS_FILE DEV_JSONL SEED N
"""
import json
import os
import random
import re
import sys

SPAN = re.compile(r'«[^«»\n]*»|[“”][^“”\n]*[“”]|"[^"\n]*"')


def eligible(text):
    spans = SPAN.findall(text)
    long = [s for s in spans if len(s[1:-1].split()) >= 5]
    return 2 <= len(long) <= 7 and len(spans) <= 12


def main():
    corpus, exclude_file, dev, seed, n = sys.argv[1:]
    exclude = {l.strip() for l in open(exclude_file) if l.strip()}
    exclude |= {json.loads(l)['doc'] for l in open(dev) if l.strip()}
    by_outlet = {}
    for name in sorted(os.listdir(corpus)):
        doc = name[:-4]
        if not name.endswith('.txt') or doc in exclude:
            continue
        with open(os.path.join(corpus, name), encoding='utf-8') as f:
            if eligible(f.read()):
                by_outlet.setdefault(doc.split('-')[0], []).append(doc)
    rng = random.Random(int(seed))
    for outlet in sorted(by_outlet):
        docs = by_outlet[outlet]
        rng.shuffle(docs)
        for doc in docs[:int(n)]:
            print(doc)


if __name__ == '__main__':
    main()
