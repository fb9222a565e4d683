#!/usr/bin/env python3
"""Quality checks for data/gazetteer.tsv (stdlib only; exit status 1 if a check fails).

Usage: python3 data/scripts/check_gazetteer.py [data/gazetteer.tsv] [--verbose]

Checks: header and the 15 columns (data/README.md); sort order; value formats; kinds; the alias -> canonical resolutions Dateline
relies on; no noise aliases (' osh', inflected forms, known foreign exonyms); no alias repeating its own canonical
name; every matched former name of data/renamings.tsv is an alias of a place in its oblast. Prints: row counts (total, by kind, by source, by flag), the places flagged `ordinary`, the names shared by
several places, the file size.
"""
import collections
import os
import re
import sys
import unicodedata

COLUMNS = ['name', 'name_uk', 'name_ru', 'oblast', 'oblast_iso', 'lat', 'lon', 'population', 'kind', 'geonameid',
           'aliases', 'flags', 'source', 'raion', 'hromada']
KINDS = {'city', 'town', 'village', 'settlement'}
FLAGS = {'ordinary', 'frontline', 'approx', 'word'}
SOURCES = {'geonames', 'supplement', 'katottg'}

# string -> canonical name it must resolve to (through name, name_uk, name_ru or aliases)
MUST_RESOLVE = {
    'Artemivsk': 'Bakhmut', 'Artyomovsk': 'Bakhmut', 'Артемовск': 'Bakhmut', 'Бахмут': 'Bakhmut',
    'Chasov Yar': 'Chasiv Yar', 'Часов Яр': 'Chasiv Yar',
    'Kiev': 'Kyiv', 'Киев': 'Kyiv',
    'Severodonetsk': 'Sievierodonetsk', 'Siverskodonetsk': 'Sievierodonetsk',
    'Dnepropetrovsk': 'Dnipro', 'Dnipropetrovsk': 'Dnipro',
    'Zhdanov': 'Mariupol',
    'Kharkov': 'Kharkiv', 'Odessa': 'Odesa', 'Артемівськ': 'Bakhmut', 'Avdeevka': 'Avdiivka', 'Mariinka': 'Marinka', 'Peski': 'Pisky',
    'Krasnoarmeysk': 'Pokrovsk', 'Dzerzhinsk': 'Toretsk', 'Kirovograd': 'Kropyvnytskyi', 'Lastochkyne': 'Krynychne',
    # former names from data/renamings.tsv (2024: Pokrovsk Raion; 2016: Mariupol Raion, Myrnohrad)
    'Желанне': 'Blahodatne', 'Zhelanne': 'Blahodatne', 'Новожеланне': 'Bazhane', 'Novozhelanne': 'Bazhane',
    'Первомайське': 'Avdiivske', 'Комінтернове': 'Pikuzy', 'Kominternove': 'Pikuzy', 'Dymytrov': 'Myrnohrad',
}
# KATOTTG oblast digits -> ISO 3166-2 where they differ (elsewhere UAnn -> UA-nn)
KATOTTG_ISO = {'01': 'UA-43', '44': 'UA-09', '73': 'UA-77', '80': 'UA-30', '85': 'UA-40'}
RENAMINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'renamings.tsv')
# the 40 places of the research sample (shared/data/gazetteer-sample.toml): all must be present
SAMPLE = ['Kyiv', 'Kharkiv', 'Odesa', 'Dnipro', 'Donetsk', 'Zaporizhzhia', 'Lviv', 'Mariupol', 'Mykolaiv', 'Kherson',
          'Bakhmut', 'Soledar', 'Chasiv Yar', 'Avdiivka', 'Kramatorsk', 'Sloviansk', 'Pokrovsk', 'Vuhledar', 'Lyman',
          'Izium', 'Kupiansk', 'Sievierodonetsk', 'Lysychansk', 'Toretsk', 'Kostiantynivka', 'Orikhiv', 'Robotyne',
          'Huliaipole', 'Nikopol', 'Enerhodar', 'Melitopol', 'Berdiansk', 'Marinka', 'Siversk', 'Kurakhove',
          'Vovchansk', 'Bucha', 'Irpin', 'Hostomel', 'Nova Kakhovka']
# foreign exonyms and noise that must not be aliases of anything
FORBIDDEN = {'Kijów', 'Kijow', 'Kiova', 'Kænugarður', 'Kaenugardur', 'Kiew', 'Odesa-mama', 'Gorod milliona roz',
             'Donetsk i Ukraina', 'Kievom', 'Kievu', 'Киевом', 'Киеву', 'Kijivo', 'Harkivo', 'Charków', 'Lwów', 'Lemberg',
             'Saporischschja', 'Tschassiw Jar', 'Bachmut', 'Charkiw', 'Donezk', 'Jarkov', 'Hayeren', 'Poselok',
             'Херсонскую', 'Одесса ош', 'Адэса', 'Данецк', 'Марыупаль', 'Запарожжа', 'Кыив'}


def fold(s):
    """Case- and apostrophe-insensitive key (how a matcher is expected to compare names)."""
    return re.sub(r"['’ʼ`]", '', unicodedata.normalize('NFC', s).lower())


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    verbose = '--verbose' in sys.argv
    path = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'gazetteer.tsv')
    raw = open(path, 'rb').read()
    errors = []
    if b'\r' in raw:
        errors.append('CR in file (must be LF only)')
    if not raw.endswith(b'\n'):
        errors.append('no final newline')
    lines = raw.decode('utf-8').split('\n')[:-1]
    if lines[0].split('\t') != COLUMNS:
        errors.append(f'bad header: {lines[0]!r}')
    rows = []
    for i, line in enumerate(lines[1:], 2):
        f = line.split('\t')
        if len(f) != len(COLUMNS):
            errors.append(f'line {i}: {len(f)} columns')
            continue
        r = dict(zip(COLUMNS, f))
        r['line'] = i
        r['aliases_l'] = r['aliases'].split('|') if r['aliases'] else []
        r['flags_l'] = r['flags'].split(',') if r['flags'] else []
        rows.append(r)
        if not re.fullmatch(r'-?\d+(\.\d{1,5})?', r['lat']) or not re.fullmatch(r'-?\d+(\.\d{1,5})?', r['lon']):
            errors.append(f'line {i}: lat/lon format {r["lat"]} {r["lon"]}')
        elif not (44.0 < float(r['lat']) < 52.5 and 22.0 < float(r['lon']) < 40.3):
            errors.append(f'line {i}: coordinate outside Ukraine')
        if not re.fullmatch(r'\d+', r['population']):
            errors.append(f'line {i}: population {r["population"]!r}')
        if r['kind'] not in KINDS:
            errors.append(f'line {i}: kind {r["kind"]!r}')
        if not re.fullmatch(r'UA-\d\d', r['oblast_iso']):
            errors.append(f'line {i}: oblast_iso {r["oblast_iso"]!r}')
        # geonames rows have a GeoNames id; katottg rows may have one (a record below the cut that
        # gave the coordinates); supplement rows have none
        if r['source'] not in SOURCES or (r['source'] == 'geonames' and not r['geonameid']) \
                or (r['source'] == 'supplement' and r['geonameid']):
            errors.append(f'line {i}: source/geonameid {r["source"]} {r["geonameid"]!r}')
        if r['source'] == 'katottg' and not r['raion']:
            errors.append(f'line {i}: codifier row without a raion')
        if 'approx' in r['flags_l'] and r['source'] != 'katottg':
            errors.append(f'line {i}: approx flag on a {r["source"]} row')
        if r['geonameid'] and not re.fullmatch(r'\d+', r['geonameid']):
            errors.append(f'line {i}: geonameid {r["geonameid"]!r}')
        if set(r['flags_l']) - FLAGS:
            errors.append(f'line {i}: flags {r["flags"]!r}')
        for a in r['aliases_l']:
            if not a or a != a.strip():
                errors.append(f'line {i}: empty/padded alias')
            if fold(a) == fold(r['name']):
                errors.append(f'line {i}: alias {a!r} repeats the canonical name')
            if re.search(r' (osh|ош)$', a):
                errors.append(f'line {i}: alias with " osh": {a!r}')
            if a in FORBIDDEN:
                errors.append(f'line {i}: forbidden alias {a!r} ({r["name"]})')
        if len(set(r['aliases_l'])) != len(r['aliases_l']):
            errors.append(f'line {i}: duplicate aliases')
    # order
    keys = [(-int(r['population']), r['name'], r['oblast_iso'], r['geonameid']) for r in rows]
    if keys != sorted(keys):
        errors.append('rows not sorted by population desc, name, oblast_iso, geonameid')
    ids = [r['geonameid'] for r in rows if r['geonameid']]
    if len(ids) != len(set(ids)):
        errors.append('duplicate geonameid')

    # resolution
    index = collections.defaultdict(set)
    for r in rows:
        for s in [r['name'], r['name_uk'], r['name_ru']] + r['aliases_l']:
            if s:
                index[fold(s)].add(r['name'])
    print('alias -> canonical checks:')
    for s, want in MUST_RESOLVE.items():
        got = sorted(index.get(fold(s), set()))
        ok = want in got
        print(f'  {"ok  " if ok else "FAIL"} {s} -> {", ".join(got) or "(nothing)"}')
        if not ok:
            errors.append(f'{s} does not resolve to {want}')

    # every matched former name of data/renamings.tsv is an alias of a place in its oblast
    if os.path.exists(RENAMINGS):
        in_oblast = {(fold(a), r['oblast_iso']) for r in rows for a in r['aliases_l']}
        ren = [line.rstrip('\n').split('\t') for line in open(RENAMINGS, encoding='utf-8')][1:]
        matched = [(code, former) for code, former, *_ in ren if code]
        lost = [(code, former) for code, former in matched
                if (fold(former), KATOTTG_ISO.get(code[2:4], f'UA-{code[2:4]}')) not in in_oblast]
        print(f'former names (renamings.tsv): {len(matched)} matched of {len(ren)}, {len(lost)} not an alias in their oblast')
        errors += [f'former name {f} ({c}) is no alias in its oblast' for c, f in lost]

    have = {r['name'] for r in rows}
    missing = [n for n in SAMPLE if n not in have]
    print(f'sample places present: {len(SAMPLE) - len(missing)}/{len(SAMPLE)}' + (f' missing {missing}' if missing else ''))
    if missing:
        errors.append(f'sample places missing: {missing}')

    # report
    print(f'\nrows: {len(rows)}')
    for col in ('kind', 'source'):
        c = collections.Counter(r[col] for r in rows)
        print(f'by {col}: ' + ', '.join(f'{k} {v}' for k, v in sorted(c.items(), key=lambda x: -x[1])))
    fc = collections.Counter(f for r in rows for f in r['flags_l'])
    print('by flag: ' + ', '.join(f'{k} {v}' for k, v in sorted(fc.items())))
    print(f'population >= 1000: {sum(int(r["population"]) >= 1000 for r in rows)}; '
          f'with name_ru: {sum(bool(r["name_ru"]) for r in rows)}; aliases: {sum(len(r["aliases_l"]) for r in rows)}')
    print('\nflagged ordinary: ' + '; '.join(f'{r["name"]} ({r["oblast_iso"]})' for r in rows
                                             if 'ordinary' in r['flags_l']))
    names = collections.Counter(r['name'] for r in rows)
    shared = sorted(((n, c) for n, c in names.items() if c > 1), key=lambda x: (-x[1], x[0]))
    print(f'\nnames shared by several places: {len(shared)} names, {sum(c for _, c in shared)} places')
    print('  ' + ', '.join(f'{n} x{c}' for n, c in (shared if verbose else shared[:40]))
          + ('' if verbose or len(shared) <= 40 else ', ... (--verbose for all)'))
    print(f'\nfile: {path} {len(raw)} bytes')
    if errors:
        print('\nERRORS:\n  ' + '\n  '.join(errors[:100]))
        sys.exit(1)
    print('\nall checks passed')


if __name__ == '__main__':
    main()
