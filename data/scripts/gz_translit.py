"""Romanisation and script helpers for the Dateline gazetteer build (our own code, stdlib only).

- kmu2010(): the Ukrainian national romanisation (Cabinet of Ministers resolution No. 55 of 27 Jan 2010);
  it gives the canonical English `name`.
- romanisation_regex(): a regular expression that accepts the usual romanisations of a Cyrillic name, used to
  keep a GeoNames Latin alternate name only if it is a romanisation of one of the place's own Ukrainian or
  Russian names. Per letter it allows the spellings of these systems (apostrophes ignored, diacritics not
  allowed at all, so scholarly č/š/ž forms and Polish/Czech/Lithuanian exonyms never match):
    Ukrainian: KMU-2010, BGN/PCGN 1965, ALA-LC (without diacritics), scholarly with j (Kyjiv, Chasiv Jar),
               plus Russian-style г→g (Vugledar, Gostomel)
    Russian:   BGN/PCGN 1947, ALA-LC (without diacritics), scholarly with j, ц→c
  NOT accepted: German (sch, tsch, w for в, j for й after consonant...), Polish (cz, sz, w, ó), French (ou, j for ж),
  Spanish (j for х), Esperanto/Baltic endings (-o, -as, -a added), Turkish (h for х).
- fold(): the matching key for Latin names (lower case, apostrophes and quotes dropped, hyphens/spaces removed).
- script classes and Cyrillic clean-up.
"""
import re
import unicodedata
from difflib import SequenceMatcher

# ---------------------------------------------------------------- KMU-2010 (canonical names)
_KMU = {'а': 'a', 'б': 'b', 'в': 'v', 'г': 'h', 'ґ': 'g', 'д': 'd', 'е': 'e', 'є': 'ie', 'ж': 'zh', 'з': 'z', 'и': 'y',
        'і': 'i', 'ї': 'i', 'й': 'i', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's',
        'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ь': '', 'ю': 'iu',
        'я': 'ia'}
_KMU_INITIAL = {'є': 'ye', 'ї': 'yi', 'й': 'y', 'ю': 'yu', 'я': 'ya'}
APOSTROPHES = "'’ʼ`′ʹ"


def kmu2010(s):
    """Ukrainian Cyrillic -> Latin, KMU-2010. Apostrophes are dropped, зг -> zgh, word-initial є ї й ю я -> ye yi y yu ya."""
    out, word_start, prev = [], True, ''
    for ch in s:
        lo = ch.lower()
        if ch in APOSTROPHES:
            continue
        if lo in _KMU:
            t = 'gh' if (lo == 'г' and prev == 'з') else (_KMU_INITIAL[lo] if word_start and lo in _KMU_INITIAL else _KMU[lo])
            if ch != lo and t:
                t = t[0].upper() + t[1:]
            out.append(t)
            word_start, prev = False, lo
        else:
            out.append(ch)
            word_start, prev = not ch.isalpha(), ''
    return ''.join(out)


# ---------------------------------------------------------------- variant regexes (alias precision filter)
# spellings allowed per Cyrillic letter (lower case, apostrophes removed from both sides before matching)
_UK_OPTS = {'а': ['a'], 'б': ['b'], 'в': ['v'], 'г': ['h', 'g'], 'ґ': ['g'], 'д': ['d'], 'е': ['e'],
            'є': ['ie', 'ye', 'je', 'e'], 'ж': ['zh'], 'з': ['z'], 'и': ['y', 'i'], 'і': ['i'], 'ї': ['i', 'yi', 'ji'],
            'й': ['i', 'y', 'j', ''], 'к': ['k'], 'л': ['l'], 'м': ['m'], 'н': ['n'], 'о': ['o'], 'п': ['p'],
            'р': ['r'], 'с': ['s'], 'т': ['t'], 'у': ['u'], 'ф': ['f'], 'х': ['kh'], 'ц': ['ts', 'c'], 'ч': ['ch'],
            'ш': ['sh'], 'щ': ['shch'], 'ь': [''], 'ю': ['iu', 'yu', 'ju'], 'я': ['ia', 'ya', 'ja']}
_RU_OPTS = {'а': ['a'], 'б': ['b'], 'в': ['v'], 'г': ['g'], 'д': ['d'], 'е': ['e', 'ye'], 'ё': ['e', 'yo', 'io', 'jo', 'ye'],
            'ж': ['zh'], 'з': ['z'], 'и': ['i'], 'й': ['y', 'i', 'j', ''], 'к': ['k'], 'л': ['l'], 'м': ['m'],
            'н': ['n'], 'о': ['o'], 'п': ['p'], 'р': ['r'], 'с': ['s'], 'т': ['t'], 'у': ['u'], 'ф': ['f'],
            'х': ['kh'], 'ц': ['ts', 'c'], 'ч': ['ch'], 'ш': ['sh'], 'щ': ['shch'], 'ъ': [''], 'ы': ['y', 'i'],
            'ь': [''], 'э': ['e'], 'ю': ['yu', 'iu', 'ju'], 'я': ['ya', 'ia', 'ja']}
# Russian е is also written 'yo' when it stands for an undotted ё (Артемовск -> Artyomovsk)
_RU_OPTS['е'] = _RU_OPTS['е'] + ['yo']


def _alt(opts):
    opts = sorted(set(opts), key=lambda o: (-len(o), o))
    return '(?:' + '|'.join(re.escape(o) for o in opts) + ')'


def romanisation_regex(cyr, lang):
    """Compiled regex (full match against fold(latin)) of the accepted romanisations of Cyrillic `cyr`.
    lang: 'uk' or 'ru'. Returns None if `cyr` has a character outside the alphabet."""
    table = _UK_OPTS if lang == 'uk' else _RU_OPTS
    s = cyr_clean(cyr).lower()
    s = ''.join(c for c in s if c not in APOSTROPHES)
    parts, prev = [], ''
    for ch in s:
        if ch in ' -':
            prev = ''
            continue                                   # fold() removes separators, so they are optional
        if ch not in table:
            return None
        opts = list(table[ch])
        if lang == 'uk' and ch == 'г' and prev == 'з':
            opts.append('gh')                         # KMU зг -> zgh
        parts.append(_alt(opts))
        prev = ch
    return re.compile(''.join(parts))


def fold(s):
    """Matching key for Latin names: lower case, apostrophes/quotes dropped, spaces and hyphens removed."""
    s = re.sub(r"['’ʼ`′ʹ”“\"]", '', s).lower()
    return re.sub(r'[\s\-]+', '', s)


# ---------------------------------------------------------------- scripts
LATIN_ALIAS_RE = re.compile(r"^[A-Za-z]+(?:[ \-'’ʼ`”]+[A-Za-z]+)*['’ʼ`”]?$")
UK_ONLY = set('іїєґ')
RU_ONLY = set('ыэёъ')
CYR_LETTERS = set('абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя')


def cyr_clean(s):
    """Strip stress marks (U+0301/U+0300), normalise apostrophes to U+2019 (the KATOTTG form), collapse spaces."""
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if c not in '\u0301\u0300')
    s = unicodedata.normalize('NFC', s)
    s = re.sub(r"['ʼ`′ʹ]", '’', s)
    return re.sub(r'\s+', ' ', s).strip()


def is_cyrillic_name(s):
    """Only Ukrainian/Russian Cyrillic letters plus space, hyphen, apostrophe."""
    return bool(s) and all(c.lower() in CYR_LETTERS or c in ' -’' for c in s) and any(c.isalpha() for c in s)


def cyr_class(s):
    """'uk' (has і ї є ґ or apostrophe), 'ru' (has ы э ё ъ), 'mixed' (both: Belarusian and the like), 'common'."""
    lo = set(s.lower())
    uk, ru = bool(lo & UK_ONLY) or '’' in s, bool(lo & RU_ONLY)
    return 'mixed' if uk and ru else 'uk' if uk else 'ru' if ru else 'common'


def latin_alias_ok(s):
    """ASCII letters with spaces, hyphens and apostrophes only (no diacritics, digits or other punctuation)."""
    return bool(LATIN_ALIAS_RE.match(s))


def norm_latin(s):
    """Apostrophe variants in Latin names -> ASCII apostrophe."""
    return re.sub(r"[’ʼ`”]", "'", s)


# ---------------------------------------------------------------- similarity of Cyrillic names
_SKEL = str.maketrans({**{v: 'V' for v in 'аеєёиіїоуыэюяй'}, 'ь': None, 'ъ': None, '’': None, 'ґ': 'г',
                       '-': None, ' ': None})


def skeleton(s):
    """Vowel-blind Cyrillic key (Ukrainian і ~ Russian о/е/и is the usual difference): Київ, Киев -> 'кVVв';
    Рівне, Ровно -> 'рVвнV'; Харків, Харьков -> 'хVркVв'."""
    return cyr_clean(s).lower().translate(_SKEL)


def similarity(a, b):
    return SequenceMatcher(None, skeleton(a), skeleton(b)).ratio()


_BGN_RU = {'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'ye', 'ж': 'zh', 'з': 'z', 'и': 'i', 'й': 'y',
           'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f',
           'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ъ': '"', 'ы': 'y', 'ь': "'", 'э': 'e', 'ю': 'yu',
           'я': 'ya'}


def bgn_ru(s):
    """BGN/PCGN 1947 romanisation of Russian (lower case; ь -> ', е -> ye word-initially and after vowels/ь/ъ)."""
    out, prev = [], ' '
    for ch in cyr_clean(s).lower():
        if ch == 'е' and (prev in ' -аеёиоуыэюяйьъ'):
            out.append('ye')
        elif ch in _BGN_RU:
            out.append(_BGN_RU[ch])
        else:
            out.append(ch)
        prev = ch
    return ''.join(out)
