#!/usr/bin/env bash
# Search benchmark (#26): at each size, the build with search off and on (alternately, fresh
# output each time), the "search" stage of --timings, the Pagefind CLI (`npx pagefind`, the
# same version as the crate) over the same built site, and what a reader downloads for one
# search (bench/search-bundle.mjs, in headless Chromium).
#
# Usage: bench/search.sh [RUNS] [SIZES...]   (default: 3 runs, sizes 1000 10000)
# Needs: target/release/dateline and examples/gen_corpus built, node + npm, Chromium for the
# bundle figures (tests/browser/node_modules: `cd tests/browser && npm ci`). Work in /dev/shm.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}; shift || true
sizes=${*:-1000 10000}
bin=$repo/target/release/dateline gen=$repo/target/release/examples/gen_corpus
work=/dev/shm/dateline-search-bench
mkdir -p "$work"
pf=$work/pagefind-cli
if [ ! -x "$pf/node_modules/.bin/pagefind" ]; then
  mkdir -p "$pf" && (cd "$pf" && npm install --no-audit --no-fund --loglevel=error pagefind@1.6.0 >/dev/null)
fi
secs() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
for n in $sizes; do
  site=$work/site-$n
  "$gen" --articles "$n" --out "$site" --force >/dev/null
  echo "## $n dispatches"
  for i in $(seq 1 "$runs"); do
    for mode in off on; do
      if [ $mode = off ]; then echo 'search = false' > "$site/config.toml"; else rm -f "$site/config.toml"; fi
      rm -rf "$site/output"
      t=$( { /usr/bin/time -f '%e s wall, %M KB peak' "$bin" build --root "$site" --timings >"$work/log" 2>&1; } 2>&1 | tail -1)
      s=$(grep -E '^ +search ' "$work/log" | awk '{print $2" ms"}' || true)
      echo "run $i search $mode: $t ${s:+(search stage $s)}"
    done
  done
  # The CLI over the built site (search on: its own index moved aside first).
  mv "$site/output/pagefind" "$work/ours-$n"
  for i in $(seq 1 "$runs"); do
    rm -rf "$site/output/pf-cli"
    t=$( { /usr/bin/time -f '%e s wall, %M KB peak' "$pf/node_modules/.bin/pagefind" --site "$site/output" --output-subdir pf-cli --glob '[0-9]*/**/index.html' >/dev/null; } 2>&1 | tail -1)
    echo "run $i npx pagefind (dispatch pages only): $t"
  done
  rm -rf "$site/output/pf-cli"
  mv "$work/ours-$n" "$site/output/pagefind"
  echo "index on disk: $(du -sh "$site/output/pagefind" | cut -f1), $(find "$site/output/pagefind" -type f | wc -l) files"
  if [ -d "$repo/tests/browser/node_modules/playwright-core" ]; then
    node "$repo/bench/search-bundle.mjs" "$site/output" Bakhmut "Chasiv Yar" "drone strike" || true
  fi
done
