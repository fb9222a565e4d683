"""Former names of codifier settlements from data/renamings.tsv (made by extract_renamings.py from two versions of
the KATOTTG codifier and two of the KOATUU classifier: the renamings of 2016 and 2024, see its header).

Used by build_gazetteer.py and gz_katottg.py: every matched row gives its place (by KATOTTG code) the former name in
Ukrainian as an alias; the callers add its KMU-2010 romanisation (unless it is the canonical name: Буцин, a former
spelling of Буцинь, romanises to Butsyn as well). Unmatched rows (empty `katottg`) are left out.
"""
import collections
import os

RENAMINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'renamings.tsv')


def load_former_names(path=RENAMINGS):
    """{katottg code: [former names (Ukrainian)]}, sorted, no duplicates."""
    out = collections.defaultdict(set)
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            row = dict(zip(header, line.rstrip('\n').split('\t')))
            if row['katottg']:
                out[row['katottg']].add(row['former'])
    return {code: sorted(names) for code, names in out.items()}
