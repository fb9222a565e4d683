"""Every settlement of the KATOTTG codifier that GeoNames (>= 1,000 people) left out, as gazetteer rows.

Used by build_gazetteer.py. For each city (M), settlement (X) or village (C) whose code no GeoNames place took:
name_uk from the codifier, name = KMU-2010, oblast from the first level, raion and hromada names (the codifier's
second and third levels, Ukrainian). Coordinates: the GeoNames cities500 record below the population cut that
matches it (same matching as the main build), else the mean position of the places of its hromada (else raion)
that have one, flagged `approx`. Population 0 (unknown). source = `katottg`. Flags: `approx` as said; `word` when
the Ukrainian name in lower case is a Ukrainian word (Нове "new", Гостре "sharp"; Debian wukrainian word list):
such a name at the start of a sentence is not taken for the place; `ordinary` as for the other rows.
"""
import collections

KIND = {'M': 'city', 'X': 'settlement', 'C': 'village'}


def load_levels(xlsx):
    """{code: (cat, name, raion_name, hromada_name, oblast_code)} for every settlement row."""
    import openpyxl
    ws = openpyxl.load_workbook(xlsx, read_only=True).worksheets[0]
    names, out = {}, {}
    for i, r in enumerate(ws.iter_rows(values_only=True)):
        if i < 4 or not r[0]:
            continue
        levels = [c.strip() if c else '' for c in r[:5]]
        code = [c for c in levels if c][-1]
        cat, name = (r[5] or '').strip(), (r[6] or '').strip()
        names[code] = name
        if cat in KIND:
            out[code] = (cat, name, names.get(levels[1], ''), names.get(levels[2], ''), levels[0])
    return out


def load_uk_words(path='/usr/share/dict/ukrainian'):
    """Lower-case Ukrainian words (Debian wukrainian 1.8.0+dfsg-1, every inflected form)."""
    with open(path, encoding='utf-8') as f:
        return {w.strip() for w in f if w.strip().islower()}


def add_katottg(places, rest_matched, xlsx, iso_of_top, oblast_en, kmu2010, uk_words):
    """Rows for the codifier's settlements missing from `places` (dicts as build_gazetteer makes them).
    rest_matched: {katottg code: GeoNames record} for GeoNames places below the population cut."""
    rows = load_levels(xlsx)
    have = {p['katottg'] for p in places if p.get('katottg')}
    pts = collections.defaultdict(list)
    for p in places:
        if p.get('katottg'):
            pts[p['katottg'][:10]].append((p['lat'], p['lon']))
            pts[p['katottg'][:6]].append((p['lat'], p['lon']))
    for code, g in rest_matched.items():
        pts[code[:10]].append((g['latitude'], g['longitude']))
        pts[code[:6]].append((g['latitude'], g['longitude']))
    centroid = {k: (sum(a for a, _ in v) / len(v), sum(b for _, b in v) / len(v)) for k, v in pts.items()}
    added = []
    for code in sorted(rows):
        if code in have:
            continue
        cat, name_uk, raion, hromada, top = rows[code]
        iso = iso_of_top.get(top)
        if not iso:
            continue
        flags = []
        g = rest_matched.get(code)
        if g:
            lat, lon, gid = g['latitude'], g['longitude'], g['geonameid']
        else:
            c = centroid.get(code[:10]) or centroid.get(code[:6])
            if not c:
                continue
            (lat, lon), gid = c, ''
            flags.append('approx')
        if name_uk.lower() in uk_words:
            flags.append('word')
        added.append({'g': None, 'name': kmu2010(name_uk), 'name_uk': name_uk, 'name_ru': '',
                      'oblast': oblast_en[iso], 'oblast_iso': iso, 'lat': lat, 'lon': lon, 'population': 0,
                      'kind': KIND[cat], 'geonameid': gid, 'katottg': code, 'source': 'katottg',
                      'aliases': [], 'flags': flags, 'raion': raion, 'hromada': hromada})
    return added, rows
