"""Digest of analyze results for scripts/golden.sh.

One line an article: its id and a short hash of each top-level field of its result, without
the fields that change from run to run. Comparing two digests names the articles and the
fields that changed, so a refactoring that alters output is caught and located at once.
"""
import hashlib
import json
import sys

# Fields that change from run to run, or that only repeat the input (the id leads the line).
SKIPPED = {"processed_at", "worker", "id", "schema"}


def digest(results_path):
    lines = []
    with open(results_path, encoding="utf-8") as results:
        for line in results:
            result = json.loads(line)
            fields = []
            for key in sorted(result):
                if key in SKIPPED or result[key] is None:
                    continue
                canonical = json.dumps(result[key], ensure_ascii=False, sort_keys=True)
                fields.append(f"{key}={hashlib.sha256(canonical.encode()).hexdigest()[:8]}")
            lines.append(f"{result['id']} {' '.join(fields)}")
    return lines


def compare(expected_path, actual_path):
    def load(path):
        with open(path, encoding="utf-8") as f:
            return {line.split(" ", 1)[0]: dict(x.split("=", 1) for x in line.split()[1:]) for line in f}

    expected, actual = load(expected_path), load(actual_path)
    changed = {}
    for article in sorted(expected.keys() | actual.keys()):
        old, new = expected.get(article), actual.get(article)
        if old is None or new is None:
            changed[article] = ["(missing)" if new is None else "(new)"]
            continue
        fields = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        if fields:
            changed[article] = fields
    if not changed:
        print(f"golden: all {len(expected)} results identical")
        return 0
    by_field = {}
    for fields in changed.values():
        for field in fields:
            by_field[field] = by_field.get(field, 0) + 1
    print(f"golden: {len(changed)} of {len(expected)} results differ; by field: {by_field}")
    for article, fields in list(changed.items())[:20]:
        print(f"  {article}: {', '.join(fields)}")
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    print("\n".join(digest(sys.argv[1])))
