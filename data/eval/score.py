#!/usr/bin/env python3
"""Precision and recall of Dateline's place-mention detection.

Reads the JSON lines printed by `cargo run --release --example eval_mentions -- SITE --json`
(one object per dispatch: `cities`, `mentions`, `text`, `resolved`) and scores them.

    score.py bundled LABELS.toml SITE DETECTIONS.jsonl
        Hand labels (data/eval/bundled-labels.toml: the settlements each body names) against
        (a) cities + mentions, what the site publishes, and (b) `text`, every place the matcher
        finds in the body (own cities included). Lists each false positive and negative with
        the lines of the body that name it.

    score.py corpus SITE DETECTIONS.jsonl --cities CITIES.txt [--mentions]
                    [--resolved OTHER.jsonl]
        A corpus from examples/gen_corpus.rs; CITIES.txt is its `--list-cities`. Ground
        truth: every name of that list occurring as a whole word in the body (a hyphen joins words:
        "Kupiansk" inside "Kupiansk-Vuzlovyi" does not count), mapped to a place through the
        site's own resolution of front-matter names. Scored against `text`; with --mentions,
        against `mentions` (truth minus the dispatch's own cities), for a corpus made by
        `one-city`; pass the full corpus's detections as --resolved so that names the cut
        front matter no longer holds still map to places.

    score.py one-city SITE OUT
        Copies a generated corpus keeping only the first front-matter city of each dispatch,
        so the other names its body uses must be found as mentions.

Python 3.11+ (tomllib); no third-party modules.
"""

import json
import os
import re
import shutil
import sys
import tomllib


def body_of(site, source):
    text = open(os.path.join(site, source), encoding="utf-8").read()
    parts = text.split("+++", 2)
    return parts[2] if len(parts) == 3 else text


def lines_naming(body, names):
    out = []
    for line in body.splitlines():
        if any(re.search(r"(?<![\w])" + re.escape(n) + r"(?![\w])", line) for n in names):
            s = line.strip()
            out.append(s if len(s) <= 160 else s[:157] + "...")
    return out


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(title, tp, fp, fn):
    p, r, f = prf(tp, fp, fn)
    print(f"{title}: TP {tp}  FP {fp}  FN {fn}  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def bundled(labels_path, site, det_path):
    labels = tomllib.load(open(labels_path, "rb"))
    by_file = {d["file"]: d for d in labels["dispatch"]}
    rows = [json.loads(l) for l in open(det_path, encoding="utf-8")]
    seen = set()
    totals = {"published": [0, 0, 0], "text": [0, 0, 0]}
    errors = {"published": [], "text": []}
    for r in rows:
        src = r["source"]
        if src not in by_file:
            sys.exit(f"no labels for {src}")
        seen.add(src)
        truth = set(by_file[src]["places"])
        body = body_of(site, src)
        names = {p["name"] for p in r["cities"] + r["mentions"]}
        preds = {"published": names, "text": {p["name"] for p in r["text"]}}
        for kind, pred in preds.items():
            t = totals[kind]
            t[0] += len(pred & truth)
            t[1] += len(pred - truth)
            t[2] += len(truth - pred)
            for n in sorted(pred - truth):
                errors[kind].append(("FP", src, n, lines_naming(body, [n])))
            for n in sorted(truth - pred):
                errors[kind].append(("FN", src, n, lines_naming(body, [n])))
    missing = set(by_file) - seen
    if missing:
        print(f"(labelled but not loaded: {', '.join(sorted(missing))})")
    print(f"{len(rows)} dispatches, {sum(len(by_file[s]['places']) for s in seen)} labelled places")
    for kind, title in [("published", "cities+mentions"), ("text", "text detection")]:
        report(title, *totals[kind])
        for e, src, n, ctx in errors[kind]:
            print(f"  {e} {n}  [{src}]")
            for c in ctx[:3]:
                print(f"      | {c}")


def corpus(site, det_path, cities_path, mentions_mode, resolved_path=None):
    cities = [l.strip() for l in open(cities_path, encoding="utf-8") if l.strip()]
    rows = [json.loads(l) for l in open(det_path, encoding="utf-8")]
    extra = []
    if resolved_path:
        extra = [json.loads(l) for l in open(resolved_path, encoding="utf-8")]
    # Written name -> slug, from every dispatch (the corpus uses all its names somewhere).
    slug_of = {}
    for r in rows + extra:
        for n, s in r["resolved"].items():
            if s:
                slug_of.setdefault(n, s)
    pats = {c: re.compile(r"(?<![\w-])" + re.escape(c) + r"(?![\w-])") for c in cities}
    tp = fp = fn = 0
    fps, fns = {}, {}
    unresolved = set()
    for r in rows:
        body = body_of(site, r["source"])
        truth = {}
        for c, pat in pats.items():
            if pat.search(body):
                s = slug_of.get(c)
                if s is None:
                    unresolved.add(c)
                    s = "?" + c
                truth[s] = c
        if mentions_mode:
            own = {p["slug"] for p in r["cities"]}
            truth = {s: c for s, c in truth.items() if s not in own}
            pred = {p["slug"]: p["name"] for p in r["mentions"]}
        else:
            pred = {p["slug"]: p["name"] for p in r["text"]}
        tp += len(pred.keys() & truth.keys())
        for s in pred.keys() - truth.keys():
            fp += 1
            fps.setdefault(pred[s], []).append(r["source"])
        for s in truth.keys() - pred.keys():
            fn += 1
            fns.setdefault(truth[s], []).append(r["source"])
    print(f"{len(rows)} dispatches; truth = city names in bodies ({len(cities)} names)")
    if unresolved:
        print(f"names no front matter resolved: {', '.join(sorted(unresolved))}")
    report("mentions" if mentions_mode else "text detection", tp, fp, fn)
    for kind, d in [("FP", fps), ("FN", fns)]:
        for n, srcs in sorted(d.items()):
            print(f"  {kind} {n} x{len(srcs)}  e.g. {srcs[0]}")


def one_city(site, out):
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(site, out)
    pat = re.compile(r"^cities = \[(\"[^\"]*\")[^\]]*\]$", re.M)
    n = 0
    for dirpath, _, files in os.walk(os.path.join(out, "content")):
        for f in files:
            if f.endswith(".md"):
                p = os.path.join(dirpath, f)
                text = open(p, encoding="utf-8").read()
                new = pat.sub(r"cities = [\1]", text, count=1)
                if new != text:
                    n += 1
                    open(p, "w", encoding="utf-8", newline="\n").write(new)
    print(f"{out}: {n} dispatches cut to their first city")


def main(argv):
    if len(argv) >= 4 and argv[0] == "bundled":
        bundled(argv[1], argv[2], argv[3])
    elif len(argv) >= 3 and argv[0] == "corpus":
        if "--cities" not in argv:
            sys.exit("corpus: --cities CITIES.txt (gen_corpus --list-cities) is required")
        cities = argv[argv.index("--cities") + 1]
        resolved = argv[argv.index("--resolved") + 1] if "--resolved" in argv else None
        corpus(argv[1], argv[2], cities, "--mentions" in argv, resolved)
    elif len(argv) == 3 and argv[0] == "one-city":
        one_city(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
