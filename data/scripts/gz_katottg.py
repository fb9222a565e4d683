"""Every settlement of the KATOTTG codifier that GeoNames (>= 1,000 people) left out, as gazetteer rows.

Used by build_gazetteer.py. For each city (M), settlement (X) or village (C) whose code no GeoNames place took:
name_uk from the codifier, name = KMU-2010, oblast from the first level, raion and hromada names (the codifier's
second and third levels, Ukrainian). Coordinates: the GeoNames cities500 record below the population cut that
matches it (same matching as the main build), else the mean position of the places of its hromada (else raion)
that have one, flagged `approx`. Population 0 (unknown). source = `katottg`. Flags: `approx` as said; `word` when
the Ukrainian name in lower case is a Ukrainian word (Нове "new", Гостре "sharp"; Debian wukrainian word list):
such a name at the start of a sentence is not taken for the place; `ordinary` as for the other rows.

Aliases: a village the press knows under another name keeps it. (1) The Ukrainian form of a Russian-derived word of
the codifier's name (UKRAINIAN_FORMS: Червоний Лиман for the codifier's Красний Лиман) when the matched GeoNames
record attests it (9112128), with its KMU-2010 romanisation; GeoNames' other alternate names are left out (Russian
forms, neighbours' names). (2) gz_curated.CODIFIER_FORMER_NAMES, by codifier code: renamings
the codifier has already applied and no packaged source records (Невське -> Балка Журавка, 2024). (3) The former
names of data/renamings.tsv (gz_renamings.py: renamings of 2016 and 2024, from the classifiers themselves).
"""
import collections

from gz_translit import cyr_clean, is_cyrillic_name

import gz_curated as cur

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


# Words of official names that keep a Russian-derived form where the press writes the Ukrainian one (Красний Лиман,
# reported as Червоний Лиман). Extend with care: a variant is kept only where GeoNames attests it for the place.
UKRAINIAN_FORMS = {'Красний': 'Червоний', 'Красна': 'Червона', 'Красне': 'Червоне', 'Красні': 'Червоні'}


def other_names(g, name_uk):
    """The press's Ukrainian form of a codifier name with a Russian-derived word (see UKRAINIAN_FORMS), when the
    place's GeoNames record attests it."""
    words = name_uk.split()
    variant = ' '.join(UKRAINIAN_FORMS.get(w, w) for w in words)
    if variant == name_uk:
        return []
    attested = {cyr_clean(n) for n in [g['name']] + g['alternatenames']}
    return [variant] if variant in attested else []


def load_uk_words(path='/usr/share/dict/ukrainian'):
    """Lower-case Ukrainian words (Debian wukrainian 1.8.0+dfsg-1, every inflected form)."""
    with open(path, encoding='utf-8') as f:
        return {w.strip() for w in f if w.strip().islower()}


def add_katottg(places, rest_matched, xlsx, iso_of_top, oblast_en, kmu2010, uk_words, former_names):
    """Rows for the codifier's settlements missing from `places` (dicts as build_gazetteer makes them).
    rest_matched: {katottg code: GeoNames record} for GeoNames places below the population cut;
    former_names: {katottg code: [names]} (gz_renamings.load_former_names)."""
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
        aliases = other_names(g, name_uk) if g else []
        aliases += cur.CODIFIER_FORMER_NAMES.get(code, []) + former_names.get(code, [])
        aliases = sorted({a for a in aliases if a != name_uk} | {kmu2010(a) for a in aliases if is_cyrillic_name(a)}
                         - {kmu2010(name_uk)})
        latin = sorted(a for a in aliases if not is_cyrillic_name(a))
        aliases = latin + sorted(a for a in aliases if is_cyrillic_name(a))
        added.append({'g': None, 'name': kmu2010(name_uk), 'name_uk': name_uk, 'name_ru': '',
                      'oblast': oblast_en[iso], 'oblast_iso': iso, 'lat': lat, 'lon': lon, 'population': 0,
                      'kind': KIND[cat], 'geonameid': gid, 'katottg': code, 'source': 'katottg',
                      'aliases': aliases, 'flags': flags, 'raion': raion, 'hromada': hromada})
    return added, rows
