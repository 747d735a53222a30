"""Lists the errors of one scored set with the text around each, grouped by kind, so the
largest classes can be read together: wrong speakers (by how the speaker was found, from the
quotation's confidence), missed quotations and reported non-quotations. Run it on tune parts
only (eval_quotes.sh does, with ERRORS=1): the held-out parts are never read.
Usage: quote_errors.py GOLD RESULTS CORPUS_DIR"""
import json, sys
from collections import defaultdict


def norm(s):
    return ' '.join((s or '').split())


def iou(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def context(text, start, end, before=220, after=120):
    left = text[max(0, start - before):start].replace('\n', ' ¶ ')
    right = text[end:end + after].replace('\n', ' ¶ ')
    return f'…{left}⟦{text[start:min(end, start + 80)]}⟧{right}…'


def main():
    gold_path, pred_path, corpus = sys.argv[1:4]
    gold = defaultdict(list)
    for line in open(gold_path, encoding='utf-8'):
        if line.strip():
            g = json.loads(line)
            gold[g['doc']].append(g)
    kinds = defaultdict(list)
    for line in open(pred_path, encoding='utf-8'):
        r = json.loads(line)
        doc = str(r['id'])
        if doc not in gold:
            continue
        text = open(f'{corpus}/{doc}.txt', encoding='utf-8').read()
        gs, ps = gold[doc], r.get('quotes') or []
        pairs = sorted(((iou((g['start'], g['end']), (p['start'], p['end'])), gi, pi)
                        for gi, g in enumerate(gs) for pi, p in enumerate(ps)), reverse=True)
        gm, pm = {}, {}
        for v, gi, pi in pairs:
            if v < 0.5:
                break
            if gi in gm or pi in pm:
                continue
            gm[gi], pm[pi] = pi, gi
        for gi, g in enumerate(gs):
            if g.get('optional') or g.get('not_quote'):
                continue
            if gi not in gm:
                kinds['missed'].append((doc, context(text, g['start'], g['end'])))
                continue
            p = ps[gm[gi]]
            if not g.get('speaker'):
                continue
            said = norm(p.get('speaker')).lower()
            ok = bool(said) and any(norm(a).lower() in said or (len(said) >= 2 and said in norm(a).lower())
                                    for a in g['speaker'])
            if not ok:
                kind = f"speaker (confidence {p.get('confidence')})"
                kinds[kind].append((doc, f"got {p.get('speaker')!r} cue {p.get('cue')!r} want "
                                         f"{g['speaker'][0]!r}\n    {context(text, p['start'], p['end'])}"))
        for pi, p in enumerate(ps):
            g = gs[pm[pi]] if pi in pm else None
            if g is None or g.get('not_quote'):
                kinds['reported, not a quotation'].append((doc, context(text, p['start'], p['end'])))
    for kind, rows in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f'== {kind}: {len(rows)}')
        for doc, row in rows:
            print(f'  {doc}: {row}')


if __name__ == '__main__':
    main()
