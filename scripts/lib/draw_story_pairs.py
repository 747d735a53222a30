"""Draw candidate pairs for labelling story links (tests/story/pairs-more.jsonl).

`python3 scripts/lib/draw_story_pairs.py [--seed N] CORPUS [PAIRS_FILES…]` prints candidate
pairs, one JSON line each (a, b, kind, overlap), for a person to label by reading both articles
(pairs-more.jsonl: seed 22, CORPUS ../shared/corpus, PAIRS_FILES
../shared/eval/story-dev-pairs.jsonl, tests/story/pairs.jsonl and tests/story/pairs-test.jsonl,
in this order; pairs-third.jsonl: seed 23, the same files and tests/story/pairs-more.jsonl,
then seed 24 with pairs-third.jsonl's first 46 pairs too). It
knows nothing of the story stage: the candidates come from a plain rare-word overlap of the
headline and opening (first 80 words), so labelling them is not steered by the stage's answers.

- Articles: ar, fa and en of the corpus with a date in their id (scripts/lib/eval_story.py).
- Words: Arabic-script letter forms and digits folded, lower case, a leading «ال» or «وال»
  stripped, words under 3 letters dropped. A word is rare when at most
  RARE_DF articles of the corpus hold it.
- Pairs: two articles at most MAX_DAYS apart sharing at least two rare words, not
  near-copies (Jaccard of word 5-grams < 0.2, those are duplicates), neither pair already in
  a given pairs file, each article in at most one drawn pair. Overlap: the sum of
  ln(N / df) of the shared rare words.
- Draw (random.Random(seed), SEED unless `--seed` is given): per kind, QUOTA's first number at random from the closest
  pairs (the top band: three times that number of pairs by overlap) and its second from the
  middle band (the ranks after the top band, up to ten times its size). No Arabic-Persian
  pair within two days shares two rare words, so none is drawn.
"""
import datetime
import json
import math
import os
import random
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import eval_story  # noqa: E402

SEED = 22
RARE_DF = 12
MAX_DAYS = 2
OPENING_WORDS = 80
# Pairs to draw per kind: (closest, middle band).
QUOTA = {"en-en": (14, 6), "ar-ar": (12, 8), "fa-fa": (3, 3), "ar-fa": (3, 2)}

FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ک": "ك", "‌": " ", "ـ": "",
    **{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)},
})
WORD = re.compile(r"\w+")


def words(text):
    out = []
    for w in WORD.findall(text.translate(FOLD).lower()):
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        elif w.startswith("وال") and len(w) > 5:
            w = w[3:]
        if len(w) >= 3:
            out.append(w)
    return out


def days(d):
    return datetime.date(*d).toordinal()


def main(argv):
    seed = SEED
    if len(argv) > 2 and argv[1] == "--seed":
        seed = int(argv[2])
        argv = argv[:1] + argv[3:]
    corpus = argv[1]
    taken = set()
    for path in argv[2:]:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                p = json.loads(line)
                taken.add(frozenset((p["a"], p["b"])))
    arts = []
    for key in keys(corpus):
        d = eval_story.date_of(key)
        if d is None:
            continue
        with open(eval_story.path_of(key, corpus, ""), encoding="utf-8") as f:
            ws = words(f.read())
        arts.append((key, days(d), ws[:OPENING_WORDS], ws))
    df = {}
    for _, _, opening, _ in arts:
        for w in set(opening):
            df[w] = df.get(w, 0) + 1
    n = len(arts)
    rare = [{w for w in opening if df[w] <= RARE_DF} for _, _, opening, _ in arts]
    order = sorted(range(n), key=lambda i: arts[i][1])
    cands = {}
    for x, i in enumerate(order):
        for j in order[x + 1:]:
            if arts[j][1] - arts[i][1] > MAX_DAYS:
                break
            shared = rare[i] & rare[j]
            if len(shared) < 2:
                continue
            a, b = sorted((arts[i][0], arts[j][0]))
            if frozenset((a, b)) in taken:
                continue
            kind = "-".join(sorted((a[:2], b[:2])))
            if kind not in QUOTA or near_copy(arts[i][3], arts[j][3]):
                continue
            overlap = sum(math.log(n / df[w]) for w in shared)
            cands.setdefault(kind, []).append((round(overlap, 2), a, b))
    rng = random.Random(seed)
    used = set()
    for kind in sorted(QUOTA):
        ranked = sorted(cands.get(kind, []), reverse=True)
        closest, middle = QUOTA[kind]
        top = ranked[:closest * 3]
        band = ranked[closest * 3:closest * 30]
        for pool, want in ((top, closest), (band, middle)):
            pool = pool[:]
            rng.shuffle(pool)
            got = 0
            for overlap, a, b in pool:
                if got == want:
                    break
                if a in used or b in used:
                    continue
                used |= {a, b}
                got += 1
                print(json.dumps({"a": a, "b": b, "kind": kind, "overlap": overlap}))


def keys(corpus):
    out = []
    for lang in ("ar", "en", "fa"):
        path = os.path.join(corpus, lang)
        out += [f"{lang}/{f[:-4]}" for f in sorted(os.listdir(path)) if f.endswith(".txt")]
    return out


def near_copy(a, b):
    sa = {tuple(a[i:i + 5]) for i in range(len(a) - 4)}
    sb = {tuple(b[i:i + 5]) for i in range(len(b) - 4)}
    return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= 0.2


if __name__ == "__main__":
    main(sys.argv)
