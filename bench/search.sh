#!/usr/bin/env bash
# Search benchmark (#26): at each size, in every run one after the other (so that the shared
# machine's load hits all three alike): the build with search off, the build with search on
# (its `search` stages from --timings), and the Pagefind CLI (`npx pagefind`, the same version
# as the crate) over the dispatch pages that build just wrote; the load average before each.
# Then what a reader downloads for one search (bench/search-bundle.mjs, in headless Chromium).
#
# Usage: bench/search.sh [RUNS] [SIZES...]   (default: 3 runs, sizes 1000 10000)
# Env:   BIN=path of the dateline binary (default target/release/dateline)
#        SITE=an existing corpus to use instead of generating one (give one size, its count)
# Needs: the release binary and examples/gen_corpus built, node + npm, Chromium for the
# bundle figures (tests/browser/node_modules: `cd tests/browser && npm ci`). Work in /dev/shm.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}; shift || true
sizes=${*:-1000 10000}
bin=${BIN:-$repo/target/release/dateline} gen=$repo/target/release/examples/gen_corpus
work=/dev/shm/dateline-search-bench
mkdir -p "$work"
pf=$work/pagefind-cli
if [ ! -x "$pf/node_modules/.bin/pagefind" ]; then
  mkdir -p "$pf" && (cd "$pf" && npm install --no-audit --no-fund --loglevel=error pagefind@1.6.0 >/dev/null)
fi
load() { cut -d' ' -f1 /proc/loadavg; }
timed() { /usr/bin/time -o "$work/time" -f '%e s wall, %U+%S s cpu, %M KB peak' "$@" >"$work/log" 2>&1; cat "$work/time"; }
for n in $sizes; do
  site=${SITE:-$work/site-$n}
  [ -n "${SITE:-}" ] || "$gen" --articles "$n" --out "$site" --force >/dev/null
  echo "## $n dispatches"
  for i in $(seq 1 "$runs"); do
    echo 'search = false' > "$site/config.toml"
    rm -rf "$site/output"
    l=$(load); t=$(timed "$bin" build --root "$site" --timings)
    echo "run $i search off (load $l): $t"
    rm -f "$site/config.toml"
    rm -rf "$site/output"
    l=$(load); t=$(timed "$bin" build --root "$site" --timings)
    s=$(grep -E '^ +search' "$work/log" | sed -E 's/^ +//; s/ +/ /g; s/ ms.*/ ms/' | paste -sd, - | sed 's/,/, /g' || true)
    echo "run $i search on (load $l): $t ($s)"
    # The CLI over the dispatch pages of that build (`YYYY/MM/slug/index.html`).
    rm -rf "$site/output/pf-cli"
    l=$(load); t=$(timed "$pf/node_modules/.bin/pagefind" --site "$site/output" --output-subdir pf-cli --glob '[0-9][0-9][0-9][0-9]/*/*/index.html')
    echo "run $i npx pagefind (load $l): $t"
  done
  rm -rf "$site/output/pf-cli"
  echo "index on disk: $(du -sh "$site/output/pagefind" | cut -f1), $(find "$site/output/pagefind" -type f | wc -l) files"
  if [ -d "$repo/tests/browser/node_modules/playwright-core" ]; then
    node "$repo/bench/search-bundle.mjs" "$site/output" Bakhmut "Chasiv Yar" "drone strike" || true
  fi
done
