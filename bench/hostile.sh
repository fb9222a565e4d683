#!/usr/bin/env bash
# Cost of hostile sizes: one dispatch with the most terms allowed (50 cities are not needed:
# 50 tags and 50 authors) and a body of SIZE MB, built beside BASE ordinary dispatches.
# Prints the build's wall time, peak memory and the output's size, so the output can be seen
# to grow with the input and not with (terms × body). Refused inputs (10,000 tags, a 100,000
# character title) are timed too: they must fail fast.
#
# Usage: bench/hostile.sh [SIZE_MB=5] [BASE=100]      (outputs under ${TMPBASE:-/dev/shm})
set -euo pipefail
size=${1:-5} base=${2:-100}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/dateline
work=$(mktemp -d "${TMPBASE:-/dev/shm}/dl-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site/content/2024"
printf 'title = "Hostile sizes"\nbase_url = "https://example.org"\n' >"$work/site/config.toml"
for i in $(seq 1 "$base"); do
  printf '+++\ntitle = "Ordinary %d"\ndate = 2024-01-01T10:00:00Z\ntags = ["t%d"]\n+++\n\nAn ordinary dispatch from Kyiv.\n' \
    "$i" "$((i % 7))" >"$work/site/content/2024/d$i.md"
done
python3 - "$work/site/content/2024/big.md" "$size" <<'PY'
import sys
path, mb = sys.argv[1], float(sys.argv[2])
tags = ", ".join(f'"tag {i}"' for i in range(50))
authors = ", ".join(f'"Author {i}"' for i in range(50))
para = "word " * 200
body = "\n\n".join([para] * max(1, int(mb * 1e6 / len(para))))
open(path, "w").write(f'+++\ntitle = "Big"\ndate = 2024-02-01T10:00:00Z\ntags = [{tags}]\nauthors = [{authors}]\n+++\n\n{"word " * int(mb * 1e6 / 5)}\n\n{body}\n')
PY
in_bytes=$(du -sb "$work/site/content" | cut -f1)
/usr/bin/time -o "$work/t" -f "%e %M" "$bin" build --root "$work/site" --output "$work/out" >/dev/null
read -r wall peak <"$work/t"
out_bytes=$(du -sb "$work/out" | cut -f1)
echo "accepted: ${size} MB body, 50 tags, 50 authors: ${wall} s, peak $((peak / 1024)) MiB, input $((in_bytes / 1048576)) MiB -> output $((out_bytes / 1048576)) MiB"
rm -f "$work/site/content/2024/big.md"
python3 -c "print('+++\ntitle = \"T\"\ndate = 2024-02-01T10:00:00Z\ntags = [' + ', '.join(f'\"t{i}\"' for i in range(10000)) + ']\n+++\n\nx\n')" >"$work/site/content/2024/tags.md"
/usr/bin/time -o "$work/t" -f "%e %M" "$bin" build --root "$work/site" --output "$work/out" >/dev/null 2>&1 && { echo "10,000 tags were accepted" >&2; exit 1; }
read -r wall peak < <(tail -1 "$work/t")
echo "refused: 10,000 tags in ${wall} s, peak $((peak / 1024)) MiB"
