#!/usr/bin/env python3
"""The worker a user would write instead of article-worker, for the side-by-side benchmark.

Built from what a Python user would pick: nats-py (JetStream pull consumer, results published
to JetStream, ack after the publish), lingua-language-detector (high accuracy, the same twelve
languages; or py3langid with --lang py3langid), datasketch's MinHash + MinHashLSH (128
permutations, 4-word shingles, threshold 0.6) with a hash table for exact copies, and
regular expressions for quotations and "X said" attribution. It does the same job on the same
subjects and streams, so scripts/bench-compare.sh measures both with examples/e2e_bench.

usage: python_worker.py NATS_URL                 serve articles.ingest until killed
       python_worker.py --offline FILE...        time the pipeline alone on files, one core
"""

import argparse
import asyncio
import hashlib
import json
import re
import sys
import time
import unicodedata

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")
QUOTE = re.compile(r'"([^"\n]{3,})"|“([^”\n]{3,})”|«([^»\n]{3,})»|„([^“\n]{3,})“')
SAID_AFTER = re.compile(
    r"^[,\s]*(?:(?P<v1>said|says|told|added|sagte|erklärte|قال|وقال|گفت)\s+(?P<s1>[A-Z\u0600-\u06FF][\w\-]+(?:\s+[A-Z\u0600-\u06FF][\w\-]+)?)"
    r"|(?P<s2>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s+(?P<v2>said|says|added|told))"
)
SAID_BEFORE = re.compile(
    r"(?P<s>[A-Z\u0600-\u06FF][\w\-]+(?:\s+[A-Z\u0600-\u06FF][\w\-]+)?)\s+(?P<v>said|says|sagte|گفت|قال)[\s,:]*$"
)
LANGUAGES = ["ARABIC", "PERSIAN", "URDU", "ENGLISH", "FRENCH", "GERMAN", "SPANISH",
             "RUSSIAN", "TURKISH", "CHINESE", "HEBREW", "HINDI"]


def make_language_detector(kind):
    if kind == "py3langid":
        import py3langid
        return lambda text: py3langid.classify(text)[0]
    from lingua import Language, LanguageDetectorBuilder
    detector = (LanguageDetectorBuilder.from_languages(*[getattr(Language, n) for n in LANGUAGES])
                .with_preloaded_language_models().build())

    def detect(text):
        lang = detector.detect_language_of(text[:2000])
        return lang.iso_code_639_1.name.lower() if lang else "und"
    return detect


class Dedup:
    def __init__(self, threshold=0.6, num_perm=128):
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.exact = {}
        self.num_perm = num_perm
        self.sketches = {}

    def check(self, article_id, text):
        words = WORD.findall(unicodedata.normalize("NFKC", text).casefold())
        digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()
        if digest in self.exact and self.exact[digest] != article_id:
            return {"status": "exact_duplicate", "duplicate_of": self.exact[digest], "similarity": 1.0}
        self.exact.setdefault(digest, article_id)
        m = MinHash(num_perm=self.num_perm)
        shingles = {" ".join(words[i:i + 4]) for i in range(max(1, len(words) - 3))}
        m.update_batch([s.encode() for s in shingles])
        best = None
        for other in self.lsh.query(m):
            if other != article_id:
                sim = m.jaccard(self.sketches[other])
                if best is None or sim > best[1]:
                    best = (other, sim)
        if article_id not in self.sketches:
            self.lsh.insert(article_id, m)
            self.sketches[article_id] = m
        if best:
            return {"status": "near_duplicate", "duplicate_of": best[0], "similarity": round(best[1], 3)}
        return {"status": "unique", "duplicate_of": None, "similarity": 0.0}


def quotes_of(text):
    out = []
    for m in QUOTE.finditer(text):
        group = next(g for g in range(1, 5) if m.group(g) is not None)
        speaker = cue = None
        after = SAID_AFTER.search(text[m.end():m.end() + 80])
        before = SAID_BEFORE.search(text[max(0, m.start() - 80):m.start()])
        if after:
            speaker, cue = after.group("s1") or after.group("s2"), after.group("v1") or after.group("v2")
        elif before:
            speaker, cue = before.group("s"), before.group("v")
        start = len(text[:m.start(group)])
        out.append({"text": m.group(group), "start": start, "end": start + len(m.group(group)),
                    "kind": "direct", "speaker": speaker, "cue": cue, "confidence": 0.5})
    return out


class Pipeline:
    def __init__(self, lang):
        self.detect = make_language_detector(lang)
        self.dedup = Dedup()

    def process(self, article_id, text):
        return {
            "schema": "article-worker/v1", "id": article_id,
            "language": {"code": self.detect(text)},
            "dedup": self.dedup.check(article_id, text),
            "quotes": quotes_of(text),
            "stats": {"chars": len(text), "words": len(WORD.findall(text)),
                      "paragraphs": text.count("\n") + 1},
            "processed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }


async def serve(url, pipeline):
    import nats
    from nats.js.api import ConsumerConfig, StreamConfig, AckPolicy
    nc = await nats.connect(url)
    js = nc.jetstream()
    for name, subjects in [("ARTICLES", ["articles.ingest", "articles.ingest.>"]),
                           ("ARTICLE_RESULTS", ["articles.processed"])]:
        try:
            await js.add_stream(StreamConfig(name=name, subjects=subjects))
        except Exception:
            pass
    sub = await js.pull_subscribe("articles.ingest", durable="python-worker",
                                  config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT,
                                                        max_ack_pending=1000))
    print("ready", flush=True)
    while True:
        try:
            msgs = await sub.fetch(16, timeout=1)
        except asyncio.TimeoutError:
            continue
        for msg in msgs:
            try:
                text = msg.data.decode("utf-8")
            except UnicodeDecodeError:
                await msg.term()
                continue
            headers = msg.headers or {}
            article_id = headers.get("Nats-Msg-Id") or hashlib.sha256(msg.data).hexdigest()[:32]
            result = pipeline.process(article_id, text)
            await js.publish("articles.processed", json.dumps(result, ensure_ascii=False).encode(),
                             headers={"Nats-Msg-Id": article_id})
            await msg.ack()


def offline(files, pipeline):
    texts = [(f, open(f, encoding="utf-8").read()) for f in files]
    start, cpu = time.perf_counter(), time.process_time()
    for i, (name, text) in enumerate(texts):
        pipeline.process(f"{i}-{name}", text)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"python pipeline: {len(texts)} articles in {wall:.2f} s: {len(texts) / wall:.0f} articles/s "
          f"wall, {len(texts) / cpu:.0f} per CPU second")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=["lingua", "py3langid"], default="lingua")
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("args", nargs="+")
    a = parser.parse_args()
    pipeline = Pipeline(a.lang)
    if a.offline:
        offline(a.args, pipeline)
    else:
        asyncio.run(serve(a.args[0], pipeline))


if __name__ == "__main__":
    sys.exit(main())
