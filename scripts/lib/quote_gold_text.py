"""Writes a gold file that `../shared/eval/score_quotes.py` takes from one stored without
article text (offsets and speakers only, as `tests/quotes/ar-dev.jsonl`): each span's `text`
is read from its corpus article, and `kind` is `direct` (only spans between marks are
annotated). The corpus is not copied into the repository, so the text is added when scoring.
Usage: quote_gold_text.py GOLD CORPUS_DIR OUT"""
import json, sys


def main():
    gold_path, corpus, out_path = sys.argv[1:4]
    texts = {}
    with open(out_path, 'w', encoding='utf-8') as out:
        for line in open(gold_path, encoding='utf-8'):
            if not line.strip():
                continue
            g = json.loads(line)
            if g['doc'] not in texts:
                with open(f"{corpus}/{g['doc']}.txt", encoding='utf-8') as f:
                    texts[g['doc']] = f.read()
            g['text'] = texts[g['doc']][g['start']:g['end']]
            g.setdefault('kind', 'direct')
            out.write(json.dumps(g, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
