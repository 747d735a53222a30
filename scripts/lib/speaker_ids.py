"""Checks the `speakers` list against gold speakers: every matched quotation of one gold
speaker should carry one `speaker_index`, and no index should serve two gold speakers.
Gold speakers are told apart by their last alias (the last word of the name: "Trump" for
["Donald Trump", "Trump"]), so two spellings of one name in the gold still count as two people
and two people of one surname as one: read the listed conflicts before believing them. A quotation
whose predicted speaker is wrong shows here as well (it is counted in speaker accuracy too).
Usage: speaker_ids.py GOLD RESULTS [--verbose]"""
import json, sys
from collections import defaultdict


def main():
    gold_path, pred_path = sys.argv[1:3]
    verbose = '--verbose' in sys.argv
    gold = defaultdict(list)
    for line in open(gold_path, encoding='utf-8'):
        if line.strip():
            g = json.loads(line)
            if g.get('speaker') and not g.get('optional') and not g.get('not_quote'):
                gold[g['doc']].append(g)
    split, shared, people = 0, 0, 0
    for line in open(pred_path, encoding='utf-8'):
        r = json.loads(line)
        by_person = defaultdict(set)
        for g in gold.get(str(r['id']), []):
            for q in r['quotes']:
                overlap = min(g['end'], q['end']) - max(g['start'], q['start'])
                if overlap > 0.5 * (g['end'] - g['start']) and q.get('speaker_index') is not None:
                    by_person[g['speaker'][-1]].add(q['speaker_index'])
        people += len(by_person)
        for person, ixs in by_person.items():
            if len(ixs) > 1:
                split += 1
                if verbose: print('SPLIT', r['id'], person, sorted(ixs))
        owners = defaultdict(set)
        for person, ixs in by_person.items():
            for i in ixs:
                owners[i].add(person)
        for i, ps in owners.items():
            if len(ps) > 1:
                shared += 1
                if verbose: print('SHARED', r['id'], i, sorted(ps))
    print(f'speaker ids: {people} gold speakers with indexed quotations, {split} split over '
          f'several indices, {shared} indices shared by several gold speakers')


if __name__ == '__main__':
    main()
