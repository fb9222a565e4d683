#!/usr/bin/env bash
# `dateline serve` rebuild latency: edit one dispatch, time Preview::rebuild (file event → reload
# event), over EDITS edits of a fresh N-article corpus (examples/serve_latency.rs). Reports the
# median and the peak RSS of the whole process (initial build included). The corpus comes from
# examples/gen_corpus.rs.
#
# Usage: bench/serve.sh [N=10000] [EDITS=20] [--live]      Env: TMPBASE=DIR as in bench/run.sh
# --live: each round files a new update to a live dispatch instead (live coverage, #25).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000} edits=${2:-20} mode=${3:-}
base=${TMPBASE:-/dev/shm}
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
cd "$repo"
work=$(mktemp -d "$base/dl-serve.XXXXXX")
trap 'rm -rf "$work"' EXIT

timeout 1800 cargo build --release --quiet --example serve_latency --example gen_corpus
echo "# generating $n articles (load:$(uptime | sed 's/.*load average://'))"
timeout 900 target/release/examples/gen_corpus --engine dateline --articles "$n" --out "$work/site" >/dev/null
echo "# serve_latency $n articles, $edits edits"
# The binary cargo run would run, run directly so /usr/bin/time measures it and not cargo.
if ! timeout 900 /usr/bin/time -f "%e %M" -o "$work/time" \
    target/release/examples/serve_latency "$work/site" "$edits" $mode >"$work/out" 2>"$work/err"; then
  echo "serve_latency failed:" >&2; tail -20 "$work/err" >&2; exit 1
fi
sed 's/^/#   /' "$work/out"
read -r secs kib <"$work/time"
median=$(sed -n 's/^median \([0-9.]*\) ms.*/\1/p' "$work/out")
echo "serve articles=$n edits=$edits median=${median} ms  peak=$((kib / 1024)) MiB  total=${secs} s" \
  "($(grep '^median' "$work/out"); $(head -1 "$work/out"))"
