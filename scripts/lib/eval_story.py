"""Story linking evaluation for scripts/eval_story.sh.

`input CORPUS SEEDS`: prints every corpus article and seed as one JSON input line, oldest
first, with `published_at` derived from the id (ANT ids end in YYYYMMDD, PolNeAR ids hold
YYYY-MM-DD, Fars ids begin with a Solar Hijri date YYYYMMDD). Articles without a date in their
id (German Wikinews, the seeds) come last, in name order, and are placed by processing time.

`score PAIRS RESULTS [MORE_PAIRS…]`: a pair is predicted "same" when both results carry the
same `story.id`. Reports precision, recall and F1 for the tuning part and the held-out part of
each pair file (a fixed 30 %, chosen by a hash of the pair, never looked at while tuning), the
test part of a file whose pairs say `"part": "test"` (tests/story/pairs-test.jsonl: reported,
never tuned on), and the seeds' links. `--misses` lists the wrong tuning pairs (never held-out ones);
`--kinds` adds each part's figures per pair kind (ar-ar, en-en, …).

`stories RESULTS CORPUS SEEDS [N]`: the N largest stories with the first line of each member.
"""
import hashlib
import json
import os
import re
import sys

HELD_OUT_PERCENT = 30


def jalali_to_gregorian(jy, jm, jd):
    """The civil (arithmetic) Solar Hijri calendar, exact for 1300-1500 SH."""
    jy += 1595
    days = -355668 + (365 * jy) + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else ((jm - 7) * 30) + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    months = [0, 31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 1
    while gm <= 12 and gd > months[gm]:
        gd -= months[gm]
        gm += 1
    return gy, gm, gd


def date_of(key):
    """(y, m, d) from a corpus key such as `ar/cnn-sport-310-20180527`, or None."""
    lang, name = key.split("/", 1)
    if lang == "ar":
        m = re.search(r"(\d{4})(\d{2})(\d{2})$", name)
        return tuple(map(int, m.groups())) if m else None
    if lang == "en":
        m = re.search(r"_(\d{4})-(\d{2})-(\d{2})_", name)
        return tuple(map(int, m.groups())) if m else None
    if lang == "fa":
        # Ids of 2011 on begin with a four-digit year (fars-13970419…); older ones with two
        # (fars-8306080134 = 1383-06-08). A few ids follow neither scheme: undated.
        m = re.match(r"fars-(1[34]\d\d)(\d\d)(\d\d)\d{6}$", name)
        m = m or re.match(r"fars-([89]\d)(\d\d)(\d\d)\d{4}$", name)
        if not m:
            return None
        y, mo, d = map(int, m.groups())
        return jalali_to_gregorian(y if y > 1000 else 1300 + y, mo, d)
    return None


def keys_of(corpus, seeds):
    keys = []
    for lang in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, lang)
        if os.path.isdir(path):
            keys += [f"{lang}/{f[:-4]}" for f in sorted(os.listdir(path)) if f.endswith(".txt")]
    keys += [f"seed/{f[:-4]}" for f in sorted(os.listdir(seeds)) if f.endswith(".txt")]
    return keys


def path_of(key, corpus, seeds):
    lang, name = key.split("/", 1)
    return os.path.join(seeds if lang == "seed" else os.path.join(corpus, lang), name + ".txt")


def ordered(keys):
    """Oldest first; undated articles last, in name order."""
    dated = [(date_of(k), k) for k in keys]
    return [k for d, k in sorted(dated, key=lambda x: (x[0] is None, x[0] or (0, 0, 0), x[1]))]


def write_input(corpus, seeds):
    out = sys.stdout
    for key in ordered(keys_of(corpus, seeds)):
        with open(path_of(key, corpus, seeds), encoding="utf-8") as f:
            text = f.read()
        msg = {"id": key, "text": text}
        d = date_of(key)
        if d:
            msg["published_at"] = "%04d-%02d-%02dT12:00:00Z" % d
        out.write(json.dumps(msg, ensure_ascii=False) + "\n")


def held_out(pair):
    a, b = sorted((pair["a"], pair["b"]))
    h = hashlib.sha256(f"{a}|{b}".encode()).digest()
    return int.from_bytes(h[:4], "big") % 100 < HELD_OUT_PERCENT


def load_stories(results):
    story = {}
    for line in open(results, encoding="utf-8"):
        r = json.loads(line)
        story[r["id"]] = (r.get("story") or {}).get("id")
    return story


def prf(rows):
    tp = sum(1 for same, pred in rows if same and pred)
    fp = sum(1 for same, pred in rows if not same and pred)
    fn = sum(1 for same, pred in rows if same and not pred)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return len(rows), tp, fp, fn, p, r, f


def score(pairs_files, results, misses, kinds=False):
    story = load_stories(results)
    print(f"{'pairs':<28}{'part':<10}{'n':>4}{'tp':>4}{'fp':>4}{'fn':>4}"
          f"{'precision':>10}{'recall':>8}{'f1':>7}")
    for path in pairs_files:
        pairs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        parts = {"tune": [], "held-out": [], "test": []}
        for p in pairs:
            pred = story.get(p["a"]) is not None and story.get(p["a"]) == story.get(p["b"])
            part = p.get("part") or ("held-out" if held_out(p) else "tune")
            parts[part].append((p, pred))
        for part, rows in parts.items():
            if not rows:
                continue
            n, tp, fp, fn, pr, rc, f = prf([(p["same"], pred) for p, pred in rows])
            print(f"{os.path.basename(path):<28}{part:<10}{n:>4}{tp:>4}{fp:>4}{fn:>4}"
                  f"{pr:>10.3f}{rc:>8.3f}{f:>7.3f}")
            if kinds:
                for kind in sorted({p.get("kind", "?") for p, _ in rows}):
                    n, tp, fp, fn, pr, rc, f = prf(
                        [(p["same"], pred) for p, pred in rows if p.get("kind", "?") == kind])
                    print(f"{'  ' + kind:<28}{part:<10}{n:>4}{tp:>4}{fp:>4}{fn:>4}"
                          f"{pr:>10.3f}{rc:>8.3f}{f:>7.3f}")
        if misses:
            for p, pred in parts["tune"]:
                if p["same"] != pred:
                    print(f"  miss same={p['same']} {p['a']} {p['b']} :: {p.get('why', '')}")
    seeds = {k.split("/")[1][:3]: v for k, v in story.items() if k.startswith("seed/")}
    if seeds:
        def linked(a, b):
            return seeds.get(a) is not None and seeds.get(a) == seeds.get(b)
        print("seeds: 000~003 %s, 002~004 %s, 001 alone %s" % (
            linked("000", "003"), linked("002", "004"),
            not any(linked("001", x) for x in ("000", "002", "003", "004"))))


def stories(results, corpus, seeds, n):
    members = {}
    for line in open(results, encoding="utf-8"):
        r = json.loads(line)
        sid = (r.get("story") or {}).get("id")
        if sid:
            members.setdefault(sid, []).append(r["id"])
    total = sum(1 for v in members.values())
    linked = sum(len(v) for v in members.values() if len(v) > 1)
    print(f"{total} stories; {linked} articles in stories of two or more")
    for sid, ids in sorted(members.items(), key=lambda kv: -len(kv[1]))[:n]:
        print(f"== {len(ids)} articles, story {sid}")
        for k in ids:
            with open(path_of(k, corpus, seeds), encoding="utf-8") as f:
                first = next((l.strip() for l in f if l.strip()), "")
            print(f"   {k}: {first[:110]}")


def main(argv):
    if argv[1] == "input":
        write_input(argv[2], argv[3])
    elif argv[1] == "score":
        args = [a for a in argv[2:] if a not in ("--misses", "--kinds")]
        score([args[0]] + args[2:], args[1], "--misses" in argv, "--kinds" in argv)
    elif argv[1] == "stories":
        stories(argv[2], argv[3], argv[4], int(argv[5]) if len(argv) > 5 else 10)


if __name__ == "__main__":
    main(sys.argv)
