"""Reliability of quotation confidences: for each confidence bin, how many predicted
quotations fall in it and what share of them is right (the span matches a scored gold
quotation and, where the gold names a speaker, the speaker matches it as score_quotes.py
counts it). Predictions matching only optional gold records are left out.
Usage: reliability.py GOLD RESULTS [GOLD RESULTS ...] [--exact]
(--exact: one row per confidence value instead of tenths)"""
import json, sys
from collections import defaultdict


def norm(s):
    return ' '.join(s.replace('\u200c', '').split()).lower()


def iou(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def judge(gold_path, pred_path, bins):
    gold = defaultdict(list)
    for line in open(gold_path, encoding='utf-8'):
        if line.strip():
            g = json.loads(line)
            gold[g['doc']].append(g)
    for line in open(pred_path, encoding='utf-8'):
        r = json.loads(line)
        doc = str(r['id'])
        if doc not in gold:
            continue
        gs = gold[doc]
        for p in r['quotes']:
            best = max(gs, key=lambda g: iou((g['start'], g['end']), (p['start'], p['end'])), default=None)
            matched = best is not None and iou((best['start'], best['end']), (p['start'], p['end'])) >= 0.5
            if matched and best.get('optional'):
                continue
            right = matched and not best.get('not_quote')
            if right and best.get('speaker'):
                ps = norm(p.get('speaker') or '')
                right = bool(ps) and any(norm(a) in ps or (len(ps) >= 2 and ps in norm(a)) for a in best['speaker'])
            b = round(p["confidence"], 3) if "--exact" in sys.argv else min(int(p["confidence"] * 10), 9)
            bins[b][0] += 1
            bins[b][1] += int(right)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    bins = defaultdict(lambda: [0, 0])
    for gold, pred in zip(args[::2], args[1::2]):
        judge(gold, pred, bins)
    print('| confidence | quotations | share right |')
    print('|---|---|---|')
    for b in sorted(bins):
        n, ok = bins[b]
        label = b if '--exact' in sys.argv else f'{b / 10:.1f}-{(b + 1) / 10:.1f}'
        print(f'| {label} | {n} | {ok / n:.2f} |')


if __name__ == '__main__':
    main()
