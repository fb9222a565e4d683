#!/usr/bin/env python3
"""Scores `dateline places` on the real-text set (labels.toml) and prints precision, recall and F1
per language, with every false positive and false negative and the matcher's reason.

    python3 data/eval/real/score.py [path/to/dateline] [labels.toml|heldout.toml|heldout2.toml|heldout3.toml]
    (defaults: target/release/dateline, labels.toml: the development set)

A label is "Name (Oblast)" with the gazetteer's canonical name; labels the gazetteer lacks are
listed as `missing` (they count as false negatives). A doc's optional `unsure` list names places the
labeller could not put in one oblast, or was unsure of (by the gazetteer's name, as a label "Name
(Oblast)", or as the text spells them); finding them (in any oblast) is neither right nor wrong."""
import collections
import os
import subprocess
import sys
import tomllib

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, '..', '..', '..')
exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, 'target', 'release', 'dateline')
labels = sys.argv[2] if len(sys.argv) > 2 else 'labels.toml'
docs = tomllib.load(open(os.path.join(here, labels), 'rb'))['doc']
known = set()
for line in open(os.path.join(root, 'data', 'gazetteer.tsv'), encoding='utf-8'):
    f = line.split('\t')
    known.add(f'{f[0]} ({f[3]})')

tot = collections.defaultdict(lambda: [0, 0, 0])
for d in docs:
    # The text on standard input: as an argument, one that starts with "-" would read as an option.
    args = [exe, 'places', '--root', here, '-']
    for c in d.get('cities', []):
        args[2:2] = ['--city', c]
    out = subprocess.run(args, input=d['text'], capture_output=True, text=True, check=True).stdout
    found, why, spelt = set(), {}, collections.defaultdict(set)
    for line in out.splitlines():
        parts = line.split('\t')
        if len(parts) < 3:
            continue
        verdict = parts[2]
        if verdict.startswith('linked  '):
            place = verdict[len('linked  '):].split('): ', 1)[0] + ')'
            found.add(place)
            spelt[place].add(parts[1])
            why.setdefault(place, f'{parts[1]}: {verdict}')
        else:
            why.setdefault('skip:' + parts[1], verdict)
    want = set(d['places'])
    # Names the labeller could not place, by the gazetteer's name, as a label or as the text
    # spells them ("Майського", "Chervone" for the renamed Vysoke): not scored.
    unsure = set(d.get('unsure', []))
    found = {p for p in found
             if p not in unsure and p.split(' (')[0] not in unsure and not spelt[p] & unsure}
    tp, fp, fn = want & found, found - want, want - found
    t = tot[d['lang']]
    t[0] += len(tp); t[1] += len(fp); t[2] += len(fn)
    print(f"== {d['id']}: TP {len(tp)} FP {len(fp)} FN {len(fn)}")
    for p in sorted(fp):
        print(f'   FP {p}  <- {why.get(p, "")}')
    for p in sorted(fn):
        tag = '' if p in known else '  [missing from the gazetteer]'
        skipped = [v for k, v in why.items() if k.startswith('skip:') and
                   k[5:].lower().startswith(p.split(' (')[0][:4].lower())]
        print(f'   FN {p}{tag}  {skipped[0] if skipped else ""}')

print()
print('| language | TP | FP | FN | precision | recall | F1 |')
print('|---|---|---|---|---|---|---|')
for lang, (tp, fp, fn) in sorted(tot.items()):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f'| {lang} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | {f1:.3f} |')
