#!/usr/bin/env python3
"""Describes benchmark corpora (folders made by examples/gen_corpus.rs or another generator),
one line per folder, to check that two generators make the same shape of corpus: file count,
front-matter keys, file size percentiles, words per body, cities and tags per dispatch, and
Markdown blocks (## and ### headings, blockquotes, list items, links) per dispatch.

Usage: bench/corpus_stats.py DIR [DIR...]      (DIR: a site root; every *.md under content/
whose front matter has a title is counted, section files such as _index.md are not)
"""
import os
import re
import statistics
import sys
import tomllib


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def describe(root):
    sizes, words, ncities, ntags, keys = [], [], [], [], {}
    blocks = {"h2": [], "h3": [], "quote": [], "items": [], "links": []}
    cities, tags = set(), set()
    for dirpath, _, names in os.walk(os.path.join(root, "content")):
        for name in sorted(names):
            if not name.endswith(".md") or name.startswith("_"):
                continue
            text = open(os.path.join(dirpath, name), encoding="utf-8").read()
            _, fm, body = text.split("+++", 2)
            meta = tomllib.loads(fm)
            terms = meta.get("taxonomies", meta)
            sizes.append(len(text.encode("utf-8")))
            words.append(len(body.split()))
            ncities.append(len(terms["cities"]))
            ntags.append(len(terms["tags"]))
            cities.update(terms["cities"])
            tags.update(terms["tags"])
            k = " ".join(sorted(meta))
            keys[k] = keys.get(k, 0) + 1
            blocks["h2"].append(len(re.findall(r"^## ", body, re.M)))
            blocks["h3"].append(len(re.findall(r"^### ", body, re.M)))
            blocks["quote"].append(len(re.findall(r"^> \"", body, re.M)))
            blocks["items"].append(len(re.findall(r"^- ", body, re.M)))
            blocks["links"].append(body.count("](https://"))
    mean = lambda xs: f"{statistics.mean(xs):.2f}"
    print(f"{root}: {len(sizes)} files, {sum(sizes)} bytes; front-matter keys {keys}")
    print(f"  bytes/file p5 {pct(sizes, 5)} p50 {pct(sizes, 50)} p95 {pct(sizes, 95)}"
          f" min {min(sizes)} max {max(sizes)} mean {mean(sizes)}")
    print(f"  words/body p5 {pct(words, 5)} p50 {pct(words, 50)} p95 {pct(words, 95)}"
          f" min {min(words)} max {max(words)} mean {mean(words)}")
    print(f"  per dispatch: cities {mean(ncities)} (distinct {len(cities)}), tags {mean(ntags)}"
          f" (distinct {len(tags)}); " + ", ".join(f"{k} {mean(v)}" for k, v in blocks.items()))


for d in sys.argv[1:] or sys.exit(__doc__):
    describe(d)
